"""Facts and `check` against a hand-made gold of claims on real news (the ECB+ facts layout).

Layout, found by pattern under data_dir: `docs.jsonl` (`id`, `text`, the text's first line a URL when the
article has one) and `gold/topic_*.json` (per event: claims with every mention's exact quote, stance and origin,
the independent origins, a status; and claims to `check` with the verdict the corpus supports).

What is evaluated is what ships: the docs go through `newsprism analyze` as a user would feed them (the URL line
becomes the record's `url`), and every `check` item through `check_claim` on the store that run wrote. The
measures are the shared scorer's (score_facts.py beside the data), with the same definitions:
  align_recall     claims reported by 2+ articles whose matched fact covers mentions from 2+ of those articles
  align_precision  share of the matched facts' gold-matching mentions that belong to the claim
  status_accuracy  the matched fact's status equals the gold status (no match counts as wrong)
  contest_p/r      contested + denied as one class
  origins_exact    the matched fact's independent_sources equals the number of gold independent origins
  check_*          check status (contested/denied read as contradicted) against the gold verdict
A gold mention matches a fact mention in the same article when their word sets overlap by >= 60 % of the
smaller one (>= 4 shared words, or all words of a short one); a claim's match is the fact covering most of its
mentions. NEWSPRISM_EVAL_TOPICS (e.g. "12,14") scores only those topics' gold; every doc is still analysed, as
the shared scorer's runs are. NEWSPRISM_EVAL_CHECK=0 leaves out the `check` items.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

WORD = re.compile(r"\w+")
CONTEST = {"contested", "denied"}
CHECK_MAP = {"supported": "supported", "single_source": "single_source", "no_evidence": "no_evidence",
             "contradicted": "contradicted", "contested": "contradicted", "denied": "contradicted"}


def words(s: str | None) -> set[str]:
    return set(WORD.findall((s or "").lower()))


def overlaps(a: str, b: str) -> bool:
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return False
    shared = len(wa & wb)
    return shared / min(len(wa), len(wb)) >= 0.6 and (shared >= 4 or shared == min(len(wa), len(wb)))


def records(docs: Path) -> list[dict[str, str]]:
    """newsprism input records from the docs: a leading URL line (spaced as ECB+ tokenises it) becomes `url`."""
    out = []
    for line in docs.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        d = json.loads(line)
        rec = {"id": d["id"]}
        first, _, rest = d["text"].partition("\n")
        if first.startswith("http"):
            rec["url"] = re.sub(r"\s+", "", first)
            rec["text"] = rest
        else:
            rec["text"] = d["text"]
        out.append(rec)
    return out


def load_gold(gold_dir: Path, topics: set[str] | None = None) -> list[dict[str, Any]]:
    events = []
    for p in sorted(gold_dir.glob("topic_*.json")):
        if topics and p.stem.removeprefix("topic_") not in topics:
            continue
        events.extend(json.loads(p.read_text(encoding="utf-8"))["events"])
    return events


def score_facts(events: list[dict[str, Any]], analysis: dict[str, Any]) -> tuple[dict[str, Any], Counter]:
    """The fact measures of one analysis (its JSON form) against the gold events, and the status confusion."""
    bodies = {a["id"]: a.get("body", "") for a in analysis.get("articles", [])}
    by_article: dict[str, list[tuple[dict, str]]] = defaultdict(list)
    for f in analysis.get("facts", []):
        for m in f.get("mentions", []):
            body = bodies.get(m.get("article"), "")
            by_article[m.get("article")].append((f, body[m.get("start", 0):m.get("end", 0)]))
    facts = {f["id"]: f for f in analysis.get("facts", [])}
    claims = [c for e in events for c in e["claims"]]
    gold_of_mention: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    matched = {}
    for c in claims:
        cover: Counter = Counter()
        docs_cov: dict[str, set[str]] = defaultdict(set)
        for gm in c["mentions"]:
            hit = set()
            for f, text in by_article.get(gm["doc"], []):
                if overlaps(gm["quote"], text):
                    gold_of_mention[(f["id"], gm["doc"], text)].add(c["id"])
                    hit.add(f["id"])
            for fid in hit:
                cover[fid] += 1
                docs_cov[fid].add(gm["doc"])
        matched[c["id"]] = (cover, docs_cov)
    n_multi = found = status_ok = origins_ok = origins_n = tp = fp = fn = 0
    precisions = []
    confusion: Counter = Counter()
    for c in claims:
        cover, docs_cov = matched[c["id"]]
        best = max(cover, key=lambda fid: (cover[fid], len(docs_cov[fid]), fid), default=None)
        got = facts[best]["status"] if best else "missing"
        confusion[(c["status"], got)] += 1
        status_ok += got == c["status"]
        tp += c["status"] in CONTEST and got in CONTEST
        fn += c["status"] in CONTEST and got not in CONTEST
        fp += got in CONTEST and c["status"] not in CONTEST
        if len({m["doc"] for m in c["mentions"]}) >= 2:
            n_multi += 1
            found += bool(best and len(docs_cov[best]) >= 2)
        if best:
            keys = [k for k in gold_of_mention if k[0] == best]
            if keys:
                precisions.append(sum(1 for k in keys if c["id"] in gold_of_mention[k]) / len(keys))
            origins_n += 1
            origins_ok += facts[best].get("independent_sources", 0) == len(c.get("independent_origins", []))
    res = {"claims": len(claims), "multi_doc_claims": n_multi,
           "align_recall": _ratio(found, n_multi), "align_precision": _mean(precisions),
           "status_accuracy": _ratio(status_ok, len(claims)), "contest_p": _ratio(tp, tp + fp),
           "contest_r": _ratio(tp, tp + fn), "origins_exact": _ratio(origins_ok, origins_n)}
    return res, confusion


def score_check(events: list[dict[str, Any]], db: Path) -> tuple[dict[str, Any], Counter]:
    """`check` on every gold item, in process (the shared scorer runs the command: same call, same answer)."""
    from newsprism.apps.check import check_claim

    items = [(k["claim"], k["verdict"]) for e in events for k in e.get("check", [])]
    ok = backed_ok = contra_ok = contra_n = 0
    confusion: Counter = Counter()
    backed = {"supported", "single_source"}
    for claim, verdict in items:
        got = CHECK_MAP.get(check_claim(claim, db).get("status"), "error")
        confusion[(verdict, got)] += 1
        ok += got == verdict
        backed_ok += got == verdict or (got in backed and verdict in backed)
        if verdict == "contradicted":
            contra_n += 1
            contra_ok += got == verdict
    return ({"check_items": len(items), "check_accuracy": _ratio(ok, len(items)),
             "check_backed_accuracy": _ratio(backed_ok, len(items)),
             "check_contradicted_recall": _ratio(contra_ok, contra_n)}, confusion)


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 3) if b else None


def _mean(xs: list[float]) -> float | None:
    return round(sum(xs) / len(xs), 3) if xs else None


def analyse(docs: Path, out: Path) -> Path:
    """`newsprism analyze` of the docs into `out`; returns the folder (analysis.json, newsprism.db)."""
    from newsprism.apps.outputs import write_outputs
    from newsprism.run.analyze import RunOptions, run

    inp = out / "input.jsonl"
    out.mkdir(parents=True, exist_ok=True)
    inp.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records(docs)), encoding="utf-8")
    workers = int(os.environ.get("NEWSPRISM_EVAL_WORKERS", "1"))
    result = run([str(inp)], RunOptions(workers=workers, checkpoint=out / "newsprism.db", report=False))
    write_outputs(result, out, report=False)
    return out


def evaluate(data_dir: Path) -> dict[str, Any]:
    docs = next(iter(sorted(data_dir.rglob("docs.jsonl"))), None)
    gold_dir = next((p.parent for p in sorted(data_dir.rglob("topic_*.json"))), None)
    if docs is None or gold_dir is None:
        raise FileNotFoundError(f"no docs.jsonl and gold/topic_*.json under {data_dir}")
    topics = {t.strip() for t in os.environ.get("NEWSPRISM_EVAL_TOPICS", "").split(",") if t.strip()} or None
    events = load_gold(gold_dir, topics)
    with tempfile.TemporaryDirectory(prefix="newsprism-facts-") as tmp:
        out = analyse(docs, Path(tmp))
        analysis = json.loads((out / "analysis.json").read_text(encoding="utf-8"))
        res, confusion = score_facts(events, analysis)
        check_conf: Counter = Counter()
        if os.environ.get("NEWSPRISM_EVAL_CHECK", "1") != "0":
            checked, check_conf = score_check(events, out / "newsprism.db")
            res.update(checked)
    print("gold status -> system status (claims):")
    for (g, s), n in sorted(confusion.items()):
        print(f"  {g:14s} -> {s:14s} {n}")
    if check_conf:
        print("check: gold verdict -> newsprism check (items):")
        for (g, s), n in sorted(check_conf.items()):
            print(f"  {g:14s} -> {s:14s} {n}")
    for k, v in res.items():
        print(f"{k}: {v}")
    return res
