"""Report size, build time and browser open time at corpus sizes a newsroom or a crawl reaches.

Two ways to get an N-article analysis:

    # a full run (read, NLP, corpus stages) on the bench generator's articles (apps/bench.py)
    .venv/bin/python benchmarks/report_bench.py --sizes 1000 --generate --data ../shared/datasets --workers 2
    # a real analysis.json repeated until it has N articles (ids renamed, outlets spread over 4 editions):
    # the report's input at 10k without a 10k NLP run; each copy is its own stories, facts and timeline
    .venv/bin/python benchmarks/report_bench.py --sizes 1000 10000 --from out/analysis.json

For each size: seconds to build the page (`write_report`), its size, and with `--browser` the seconds Debian's
chromium (via Playwright) takes to load it and to lay it out (first paint of the per-story blocks). Prints one
JSON line per size; numbers, not a timed test.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import shutil
import tempfile
import time
from pathlib import Path

from newsprism.apps.report import write_report
from newsprism.model import Analysis


def replicate(base: Analysis, n: int) -> Analysis:
    """`base` repeated until it holds `n` articles. Copies share the article objects' annotations (a shallow
    replace with a new id), so memory grows with the ids, not with the bodies."""
    arts, facts, stories, timeline, dups = [], [], [], [], []
    outlets: list = []
    k = 0
    while len(arts) < n:
        suffix = f"~{k}" if k else ""
        keep = base.articles[: n - len(arts)]
        ids = {a.id for a in keep}
        ren = {a.id: a.id + suffix for a in keep}
        for a in keep:
            outlet = f"{a.outlet} ({k % 4})" if a.outlet and k % 4 else a.outlet
            arts.append(dataclasses.replace(a, id=ren[a.id], outlet=outlet))
        for s in base.stories:
            members = [ren[x] for x in s.articles if x in ids]
            if members:
                stories.append(dataclasses.replace(s, id=s.id + suffix, articles=members))
        for f in base.facts:
            ms = [dataclasses.replace(m, article=ren[m.article]) for m in f.mentions if m.article in ids]
            if ms:
                facts.append(dataclasses.replace(f, id=f.id + suffix, story=f.story and f.story + suffix,
                                                 mentions=ms))
        for ev in base.timeline:
            members = [ren[x] for x in ev.articles if x in ids]
            if members:
                timeline.append(dataclasses.replace(ev, articles=members, fact=ev.fact and ev.fact + suffix))
        for d in base.duplicates:
            if all(x in ids for x in d.articles):
                dups.append(dataclasses.replace(d, articles=[ren[x] for x in d.articles],
                                                original=d.original and ren.get(d.original)))
        if k % 4 == 0 or not outlets:
            outlets += [dataclasses.replace(o, outlet=f"{o.outlet} ({k % 4})" if k % 4 else o.outlet)
                        for o in base.framing.outlets]
        k += 1
    framing = dataclasses.replace(base.framing, outlets=outlets)
    return Analysis(articles=arts, rejected=list(base.rejected), duplicates=dups, stories=stories,
                    entities=list(base.entities), facts=facts, timeline=timeline, framing=framing)


def generated(n: int, data: Path | None, workers: int, tmp: Path) -> tuple[Analysis, float]:
    from newsprism.apps.bench import generate_articles
    from newsprism.run.analyze import RunOptions, run

    src = tmp / "in.jsonl"
    with src.open("w", encoding="utf-8") as fh:
        for rec in generate_articles(n, data):
            fh.write(json.dumps(rec) + "\n")
    t0 = time.perf_counter()
    result = run([str(src)], RunOptions(workers=workers))
    return result.analysis, time.perf_counter() - t0


def browser_seconds(path: Path) -> dict:
    """Seconds to the load event and to the first story block laid out, in headless chromium."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        return {}
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, headless=True, args=["--no-sandbox", "--disable-gpu"])
        page = b.new_page(viewport={"width": 1400, "height": 1000})
        t0 = time.perf_counter()
        page.goto(path.as_uri(), wait_until="load", timeout=300_000)
        loaded = time.perf_counter() - t0
        page.locator(".story-block").first.bounding_box()
        laid_out = time.perf_counter() - t0
        t1 = time.perf_counter()
        page.locator("#framing").scroll_into_view_if_needed()
        scroll = time.perf_counter() - t1
        b.close()
    return {"browser_load_s": round(loaded, 2), "browser_first_block_s": round(laid_out, 2),
            "browser_scroll_to_framing_s": round(scroll, 2)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000])
    ap.add_argument("--from", dest="base", type=Path, help="an analysis.json to repeat up to each size")
    ap.add_argument("--generate", action="store_true", help="a full run on the bench generator's articles")
    ap.add_argument("--data", type=Path, default=None)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--browser", action="store_true", help="also time chromium opening the page")
    ap.add_argument("--keep", type=Path, default=None, help="folder to keep the reports in")
    args = ap.parse_args()
    if not args.generate and args.base is None:
        ap.error("give --from ANALYSIS_JSON or --generate")
    base = None
    if args.base is not None:
        from newsprism.io.json_writer import read_json

        base = read_json(args.base)
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        for n in args.sizes:
            row: dict = {"articles": n, "source": "generated" if args.generate else f"replicated {args.base.name}"}
            if args.generate:
                analysis, row["analyze_s"] = generated(n, args.data, args.workers, tmp)
                row["analyze_s"] = round(row["analyze_s"], 1)
                if args.keep:  # to time later builds of the page on the same analysis (`--from`)
                    from newsprism.io.json_writer import write_json

                    write_json(analysis, args.keep / f"analysis-{n}.json")
            else:
                analysis = replicate(base, n)
            out = (args.keep or tmp) / f"report-{n}.html"
            t0 = time.perf_counter()
            write_report(analysis, out)
            row["report_s"] = round(time.perf_counter() - t0, 2)
            row["report_mb"] = round(out.stat().st_size / 1e6, 2)
            row.update(stories=len(analysis.stories), facts=len(analysis.facts),
                       outlets=len({a.outlet for a in analysis.articles}))
            if args.browser:
                row.update(browser_seconds(out))
            print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
