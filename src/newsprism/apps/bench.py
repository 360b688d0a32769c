"""`newsprism bench`: throughput and memory of a full run against a floor measured in the same run.

The floor is spaCy alone (ner + senter, the cheapest pipeline that still finds entities and sentences) on the
same cleaned bodies with the same number of processes, measured once before and once after newsprism's run, so
the ratio total / mean floor says what newsprism costs on top of the unavoidable NLP, independent of the machine
and steadier on a shared one. A second reference, spaCy's pipeline exactly as newsprism runs it (with the
parser), is timed the same way: total / that one is what newsprism adds on top of the parse it needs.

Article text comes from the datasets folder when it is there (FNC-1 bodies are real news text), else from the
bundled example corpus. N articles are made by recombining paragraphs, a paragraph drawn again coming back as a
new word-level edition (`generate_articles`), so 1k, 10k and 100k runs are possible with a share of duplicates
that does not grow with the corpus.
"""

from __future__ import annotations

import json
import random
import re
import resource
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from newsprism.run.executors.local import LocalExecutor, default_workers, map_ordered

OUTLETS = ("Kessel Daily Courier", "Meridian Press", "Coastline Post", "The Patriot Ledger", "Harbour Watch",
           "Evening Herald", None)


@dataclass
class BenchRow:
    stage: str
    seconds: float
    words: int
    articles: int

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds if self.seconds else float("inf")

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds if self.seconds else float("inf")


def _paragraph_pool(data: Path | None) -> list[str]:
    paras: list[str] = []
    bodies = sorted(data.rglob("*bodies*.csv")) if data and data.exists() else []
    if bodies:
        import csv

        with bodies[0].open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                body = row.get("articleBody") or ""
                paras += [p.strip() for p in body.split("\n") if len(p.split()) >= 8]
    if not paras:
        examples = Path(__file__).resolve().parents[3] / "examples"
        for f in sorted(examples.glob("*.txt")):
            paras += [p.strip() for p in f.read_text(encoding="utf-8").split("\n\n") if len(p.split()) >= 8]
    # FNC-1 repeats some paragraphs verbatim across bodies: once each, or a first draw would copy another one.
    return list(dict.fromkeys(paras))


@dataclass
class _Editions:
    """Variants of the paragraph pool, so that a paragraph drawn again is not a copy of its first use.

    With ~17,500 distinct FNC-1 paragraphs and ~10 per article, a 10k corpus draws each paragraph ~6 times.
    Drawn verbatim, articles sharing paragraphs would grow with the square of the corpus, a syndication rate no
    real crawl has (84,707 duplicate pairs at 10k). Edition e > 0 of a paragraph rotates each
    content word through the pool's words with the same last two letters ("rebels" -> "levels"), by an offset
    fixed per edition and paragraph: names, numbers, punctuation and function words stay, so the text keeps its length,
    its entities and roughly its syntax, while its 5-word shingles do not match the other editions."""
    classes: dict[str, list[str]]
    position: dict[str, int]

    @classmethod
    def of(cls, pool: list[str]) -> _Editions:
        from spacy.lang.en.stop_words import STOP_WORDS

        keep = STOP_WORDS | _KEEP_WORDS
        words = sorted({w for p in pool for w in _CONTENT.findall(p) if w not in keep})
        classes: dict[str, list[str]] = {}
        for w in words:
            classes.setdefault(w[-2:], []).append(w)
        position = {w: i for members in classes.values() for i, w in enumerate(members)}
        return cls(classes, position)

    def text(self, para: str, edition: int, index: int) -> str:
        if edition == 0:
            return para
        # The offset depends on the paragraph too: FNC-1 paragraphs share passages with each other (real
        # syndication), and one offset for all would carry those shared passages into every edition.
        shift = edition * 7919 + index * 104729

        def swap(m) -> str:
            w = m.group(0)
            i = self.position.get(w)
            if i is None:
                return w
            members = self.classes[w[-2:]]
            return members[(i + shift) % len(members)]

        return _CONTENT.sub(swap, para)


_CONTENT = re.compile(r"\b[a-z]{4,}\b")
# Reporting and hedging words stay, so quote, attribution and quantity extraction see their usual cues.
_KEEP_WORDS = frozenset({"said", "says", "told", "according", "added", "stated", "claimed", "reported", "denied",
                         "around", "about", "nearly", "almost", "least", "more", "than", "people", "percent"})
REPRINT_SHARE = 0.06  # exact or trimmed copies of a recent article under another outlet
PARTIAL_SHARE = 0.04  # articles that take two or three paragraphs of a recent one


def generate_articles(n: int, data: Path | None = None, seed: int = 7) -> Iterator[dict]:
    """JSONL-ready article records of 6-14 real paragraphs each, dated across a year, deterministic.

    Reuse is bounded the way a real crawl's is: a paragraph drawn again comes back as a new edition (see
    `_Editions`), and only the reprints (6 %) and partial copies (4 %) of a recent article share text, so
    duplicates grow with the corpus, not its square."""
    rng = random.Random(seed)
    pool = _paragraph_pool(data)
    if not pool:
        raise RuntimeError("no text to build a benchmark corpus from")
    editions = _Editions.of(pool)
    uses = [0] * len(pool)
    recent: list[list[str]] = []
    for i in range(n):
        roll = rng.random()
        if recent and roll < REPRINT_SHARE:
            src = rng.choice(recent)
            paras = src[:len(src) - rng.randint(0, 2)] or src  # wire copies are often trimmed at the end
        else:
            k = rng.randint(6, 14)
            start = rng.randrange(len(pool))
            paras = []
            for j in range(k):
                at = (start + j * rng.randint(1, 3)) % len(pool)
                paras.append(editions.text(pool[at], uses[at], at))
                uses[at] += 1
            if recent and roll < REPRINT_SHARE + PARTIAL_SHARE:
                src = rng.choice(recent)
                lo = rng.randrange(len(src))
                paras[1:1] = src[lo:lo + rng.randint(2, 3)]
        recent = (recent + [paras])[-200:]
        outlet = OUTLETS[i % len(OUTLETS)]
        rec = {"id": f"bench-{i:06d}", "title": paras[0][:80], "text": "\n\n".join(paras),
               "published": f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}"}
        if outlet:
            rec["outlet"] = outlet
        yield rec


def _spacy_chunk(texts: list[str], parser: bool = False) -> int:
    from newsprism.nlp.load import get_floor_nlp, get_nlp

    nlp = get_nlp() if parser else get_floor_nlp()
    return sum(len(d) for d in nlp.pipe(texts, batch_size=16))


def _spacy_seconds(bodies: Path, workers: int, parser: bool = False) -> float:
    t0 = time.perf_counter()
    list(map_ordered(partial(_spacy_chunk, parser=parser), _body_batches(bodies, 32), workers=workers, chunksize=1))
    return time.perf_counter() - t0


def _body_batches(path: Path, size: int) -> Iterator[list[str]]:
    # Read from disk as the floor goes: held in this process, the bodies would count in the peak RSS that the
    # bench reports for newsprism's main process.
    with path.open(encoding="utf-8") as fh:
        batch: list[str] = []
        for line in fh:
            batch.append(json.loads(line))
            if len(batch) == size:
                yield batch
                batch = []
        if batch:
            yield batch


def _model_load_seconds() -> float:
    t0 = time.perf_counter()
    from newsprism.nlp.load import get_nlp

    get_nlp()
    return time.perf_counter() - t0


def _peak_rss_mb() -> tuple[float, float]:
    """(this process, the largest finished worker): the corpus lives in the first, spaCy in each worker."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return own / 1024, kids / 1024


def run_bench(n_articles: int = 1000, workers: int | None = None, data: Path | None = None,
              echo=print, parser_ref: bool = True) -> dict:
    """`parser_ref`: also time spaCy's full pipeline (newsprism's parse alone) on both sides of the run."""
    from newsprism.apps.outputs import write_outputs
    from newsprism.run import pipeline
    from newsprism.run.analyze import RunOptions, run

    workers = workers or default_workers()
    if data is None:
        guess = Path.cwd().parent / "shared" / "datasets"
        data = guess if guess.exists() else None
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for rec in generate_articles(n_articles, data):
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")

        # In a child process: loaded here, the model would sit in this process's memory (which a real run with
        # workers never loads) and be inherited by the forked workers, which in a real run load their own.
        with ProcessPoolExecutor(max_workers=1) as pool:
            load_s = pool.submit(_model_load_seconds).result()

        bodies = Path(tmp) / "bodies.jsonl"
        n_arts = words = 0
        with bodies.open("w", encoding="utf-8") as fh:
            for a in pipeline.read_and_prepare([str(path)], LocalExecutor(workers)):
                if not hasattr(a, "reason"):
                    fh.write(json.dumps(a.body, ensure_ascii=False) + "\n")
                    n_arts += 1
                    words += len(a.body.split())
        # Both references on both sides of the run: on a shared machine one floor alone drifted by 10-30 %
        # between runs of the same code, and the mean of the two brackets the conditions newsprism ran under.
        before = _spacy_seconds(bodies, workers)
        parse_before = _spacy_seconds(bodies, workers, parser=True) if parser_ref else 0.0
        t0 = time.perf_counter()
        result = run([str(path)], RunOptions(workers=workers))
        total_s = time.perf_counter() - t0
        parse_after = _spacy_seconds(bodies, workers, parser=True) if parser_ref else 0.0
        after = _spacy_seconds(bodies, workers)
        # What `newsprism analyze` does after the analysis, timed apart: the ratio compares the analysis with
        # spaCy on the same texts, and the files are what a user waits for too.
        t1 = time.perf_counter()
        write_outputs(result, Path(tmp) / "out")
        outputs_s = time.perf_counter() - t1
        floor = BenchRow("floor: spaCy ner+senter (mean)", (before + after) / 2, words, n_arts)
        parsed = BenchRow("spaCy with parser (mean)", (parse_before + parse_after) / 2, words, n_arts)
    tm = result.timings
    rows = [floor, *([parsed] if parser_ref else []),
            BenchRow("newsprism read+clean", tm.get("read+clean", 0.0), words, n_arts),
            BenchRow("newsprism per-document NLP", tm.get("annotate", 0.0), words, n_arts),
            BenchRow("newsprism corpus stages", tm.get("corpus", 0.0), words, n_arts),
            *(BenchRow(f"  {k.split(':', 1)[1]}", v, words, n_arts) for k, v in tm.items()
              if k.startswith("corpus:")),
            BenchRow("newsprism total", total_s, words, n_arts),
            BenchRow("writing json, store, report", outputs_s, words, n_arts),
            BenchRow("end to end (total + writing)", total_s + outputs_s, words, n_arts)]
    ratio = total_s / floor.seconds if floor.seconds else float("inf")
    ratio_parsed = total_s / parsed.seconds if parsed.seconds else None
    echo(f"{n_arts} articles, {words} words, {workers} worker process(es); model load {load_s:.2f} s;"
         f" floor before the run {before:.2f} s, after {after:.2f} s"
         + (f"; spaCy with parser before {parse_before:.2f} s, after {parse_after:.2f} s" if parser_ref else ""))
    echo(f"{'stage':32} {'seconds':>9} {'words/s':>10} {'articles/s':>11}")
    for r in rows:
        echo(f"{r.stage:32} {r.seconds:9.2f} {r.words_per_s:10.0f} {r.articles_per_s:11.1f}")
    an = result.analysis
    echo(f"found {len(an.duplicates)} duplicate pairs, {len(an.stories)} stories, {len(an.facts)} facts")
    main_mb, worker_mb = _peak_rss_mb()
    echo(f"peak RSS {max(main_mb, worker_mb):.0f} MB (main process {main_mb:.0f}, largest worker {worker_mb:.0f});"
         f" ratio total / floor = {ratio:.2f}"
         + (f"; total / spaCy with parser = {ratio_parsed:.2f}" if ratio_parsed else ""))
    summary = {"articles": n_arts, "words": words, "workers": workers, "floor_s": round(floor.seconds, 3),
               "floor_before_s": round(before, 3), "floor_after_s": round(after, 3),
               "total_s": round(total_s, 3), "outputs_s": round(outputs_s, 3),
               "end_to_end_s": round(total_s + outputs_s, 3), "corpus_s": round(tm.get("corpus", 0.0), 3),
               "corpus_stages_s": {k.split(":", 1)[1]: round(v, 3) for k, v in tm.items() if k.startswith("corpus:")},
               "annotate_s": round(tm.get("annotate", 0.0), 3), "duplicate_pairs": len(an.duplicates),
               "stories": len(an.stories), "facts": len(an.facts), "ratio": round(ratio, 3),
               # None, not 0, when spaCy with the parser was not timed (--no-parser-ref)
               **{k: round(v, 3) if parser_ref and v is not None else None for k, v in (
                   ("parser_s", parsed.seconds), ("parser_before_s", parse_before), ("parser_after_s", parse_after),
                   ("ratio_over_parser", ratio_parsed))},
               "peak_rss_mb": round(max(main_mb, worker_mb), 1), "peak_rss_main_mb": round(main_mb, 1),
               "peak_rss_worker_mb": round(worker_mb, 1), "model_load_s": round(load_s, 3)}
    echo(json.dumps(summary))
    return summary
