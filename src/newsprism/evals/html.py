"""Main-text extraction on trafilatura's evaluation corpus (`evaldata.json` + `html/*.gz`).

Each page goes through what newsprism ships: the HTML reader (`readers.doc_from_bytes`, trafilatura underneath)
and then `meta.prepare_article` (header/title handling and the boilerplate classifier). Both stages are scored,
so the table shows what the cleaner adds on top of the reader. Metric as in trafilatura's tests/eval_common.py:
whitespace-normalised text; per page, `with` segments found are true positives (else false negatives) and
`without` segments found are false positives (else true negatives); summed over pages. A page the reader rejects
or that raises scores a full miss (no text).
"""

from __future__ import annotations

import gzip
import json
import os
import re
import time
from pathlib import Path

# trafilatura 2.3.1 alone on the 949 available pages (dataset README), for the table.
ANCHOR = {"precision": 0.909, "recall": 0.948, "accuracy": 0.927, "f1": 0.928}


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def score_page(text: str | None, item: dict) -> tuple[int, int, int, int]:
    """(tp, fn, fp, tn) for one page."""
    if not text:
        return 0, len(item.get("with", [])), 0, len(item.get("without", []))
    norm = _norm(text)
    found_with = sum(_norm(s) in norm for s in item.get("with", []))
    found_without = sum(_norm(s) in norm for s in item.get("without", []))
    return (found_with, len(item.get("with", [])) - found_with, found_without,
            len(item.get("without", [])) - found_without)


def metrics(tp: int, fn: int, fp: int, tn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    total = tp + fn + fp + tn
    return {"precision": round(p, 4), "recall": round(r, 4),
            "accuracy": round((tp + tn) / total, 4) if total else 0.0,
            "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def page_texts(data: bytes, name: str, url: str | None) -> tuple[str | None, str | None]:
    """(reader text, cleaned body) of one page through newsprism's HTML path."""
    from newsprism.io.readers import RawDoc, doc_from_bytes
    from newsprism.prepare.meta import prepare_article

    raw = doc_from_bytes(data, name, Path(name).stem, "html", url=url)
    if not isinstance(raw, RawDoc):
        return None, None
    return raw.text, prepare_article(raw).body


def evaluate(data_dir: Path) -> dict:
    data_dir = Path(data_dir)
    index_files = sorted(data_dir.rglob("evaldata*.json"))
    if not index_files:
        raise FileNotFoundError(f"no evaldata*.json under {data_dir}")
    pages = {p.name: p for p in data_dir.rglob("*") if p.is_file() and p.suffix in (".gz", ".html", ".htm")}
    items = []
    for idx in index_files:
        for url, item in json.loads(idx.read_text(encoding="utf-8")).items():
            name = item.get("file", "")
            path = pages.get(name) or pages.get(f"{name}.gz")
            if path is not None:
                items.append((url, item, path))
    limit = int(os.environ.get("NEWSPRISM_EVAL_LIMIT", "0") or 0)
    if limit:
        items = items[:limit]
    counts = {"reader": [0, 0, 0, 0], "cleaned": [0, 0, 0, 0]}
    failures = 0
    t0 = time.perf_counter()
    for url, item, path in items:
        try:
            data = path.read_bytes()
            if path.suffix == ".gz":
                data = gzip.decompress(data)
            reader_text, body = page_texts(data, str(path), url)
        except Exception:  # a crash is a full miss, as in the source metric
            reader_text = body = None
            failures += 1
        for key, text in (("reader", reader_text), ("cleaned", body)):
            counts[key] = [a + b for a, b in zip(counts[key], score_page(text, item), strict=True)]
    secs = time.perf_counter() - t0
    reader, cleaned = metrics(*counts["reader"]), metrics(*counts["cleaned"])
    print(f"html main-text extraction: {len(items)} pages ({failures} failed), {secs:.1f} s")
    print(f"{'system':<34}{'precision':>10}{'recall':>10}{'accuracy':>10}{'f1':>10}")
    for label, m in (("trafilatura 2.3.1 alone (anchor)", ANCHOR), ("newsprism reader", reader),
                     ("newsprism reader + cleaner", cleaned)):
        print(f"{label:<34}{m['precision']:>10.3f}{m['recall']:>10.3f}{m['accuracy']:>10.3f}{m['f1']:>10.3f}")
    tp, fn, fp, tn = counts["cleaned"]
    return {"set": "html", "n": len(items), **cleaned, "tp": tp, "fn": fn, "fp": fp, "tn": tn,
            **{f"reader_{k}": v for k, v in reader.items()}, "failed": failures, "seconds": round(secs, 1)}
