"""The texts a hand-checked sample points into, read from the datasets at run time (the sample itself stores ids,
offsets and a digest of each judged term, never text): BASIL articles (paragraphs joined by newlines, sentences
by spaces), ECB+ documents (their `text`), FNC-1 bodies (doc id `fnc1-<Body ID>`) and PolNeAR's development
articles (doc id `polnear-<file stem>`, the raw text of `polnear/train/text/<file>`; its test part is never read).
"""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path


def term_digest(text: str) -> str:
    """A short digest of a judged term, so that a changed dataset or offset is noticed without storing text."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def fnc1_bodies(datasets: Path) -> dict[str, str]:
    csv.field_size_limit(1 << 24)
    with (datasets / "fnc1" / "train_bodies.csv").open(encoding="utf-8", newline="") as fh:
        return {f"fnc1-{row['Body ID']}": row["articleBody"] for row in csv.DictReader(fh)}


def polnear_texts(datasets: Path) -> dict[str, str]:
    """PolNeAR's train articles (development data) by doc id."""
    folder = datasets / "polnear" / "train" / "text"
    return {f"polnear-{p.stem}": p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))}


def read_texts(datasets: Path, ids: set[str]) -> dict[str, str]:
    """The texts of the documents `ids` names, from whichever dataset holds each."""
    out = {}
    for path in (datasets / "basil" / "articles").glob("*/*.json"):
        if path.stem in ids:
            d = json.loads(path.read_text(encoding="utf-8"))
            out[path.stem] = "\n".join(" ".join(p) for p in d["body-paragraphs"])
    with (datasets / "ecbplus_facts" / "docs.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            if d["id"] in ids:
                out[d["id"]] = d["text"]
    out.update({k: v for k, v in fnc1_bodies(datasets).items() if k in ids})
    if any(i.startswith("polnear-") for i in ids):
        out.update({k: v for k, v in polnear_texts(datasets).items() if k in ids})
    return out
