"""FNC-1 headline/body stance with the shipped stance model (`newsprism.corpus.facts.stance`), never retrained here.

Finds a `*bodies*.csv` and a `*stances*.csv` under the folder (the train or the competition-test pair, or any
folder of the same layout), predicts every pair and reports the official FNC score relative to its maximum,
macro-F1 over the four classes (Hanselowski et al. 2018 recommend it next to the FNC score, because the score
rewards the majority classes), accuracy and the per-class F1. NEWSPRISM_EVAL_LIMIT caps the pairs for quick runs.
"""

from __future__ import annotations

import csv
import hashlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

LABELS = ("agree", "disagree", "discuss", "unrelated")
RELATED = frozenset(("agree", "disagree", "discuss"))

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


def find_pair(data_dir: Path) -> tuple[Path, Path]:
    """The bodies and stances files of one FNC-1 split; when several splits are present, pairs them by prefix."""
    bodies = sorted(p for p in Path(data_dir).rglob("*.csv") if "bodies" in p.name.lower())
    stances = sorted(p for p in Path(data_dir).rglob("*.csv") if "stances" in p.name.lower())
    if not bodies or not stances:
        raise FileNotFoundError(f"no *bodies*.csv and *stances*.csv under {data_dir}")
    for s in stances:
        prefix = s.name.lower().split("stances")[0]
        for b in bodies:
            if b.name.lower().split("bodies")[0] == prefix and b.parent == s.parent:
                return b, s
    return bodies[0], stances[0]


def load_split(bodies_csv: Path, stances_csv: Path) -> tuple[dict[str, str], list[tuple[str, str, str]]]:
    """{body id: text} and [(headline, body id, stance)] in file order."""
    with open(bodies_csv, encoding="utf-8", newline="") as f:
        bodies = {r["Body ID"].strip(): r["articleBody"] for r in csv.DictReader(f)}
    with open(stances_csv, encoding="utf-8", newline="") as f:
        pairs = [(r["Headline"], r["Body ID"].strip(), (r.get("Stance") or "").strip().lower())
                 for r in csv.DictReader(f)]
    return bodies, [p for p in pairs if p[1] in bodies]


def body_hash(text: str) -> str:
    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()[:16]


def fnc_score(gold: Sequence[str], pred: Sequence[str]) -> tuple[float, float]:
    """(score, max score) as the official scorer computes them."""
    score = best = 0.0
    for g, p in zip(gold, pred):
        best += 0.25 if g == "unrelated" else 1.0
        if g == p:
            score += 0.25
            if g != "unrelated":
                score += 0.5
        if g in RELATED and p in RELATED:
            score += 0.25
    return score, best


def metrics(gold: Sequence[str], pred: Sequence[str]) -> dict:
    score, best = fnc_score(gold, pred)
    f1s = {}
    for lab in LABELS:
        tp = sum(g == lab and p == lab for g, p in zip(gold, pred))
        fp = sum(g != lab and p == lab for g, p in zip(gold, pred))
        fn = sum(g == lab and p != lab for g, p in zip(gold, pred))
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1s[lab] = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    n = len(gold)
    return {"n": n, "fnc_score": round(score / best, 4) if best else 0.0, "fnc_raw": round(score, 2),
            "fnc_max": round(best, 2), "macro_f1": round(sum(f1s.values()) / len(LABELS), 4),
            "accuracy": round(sum(g == p for g, p in zip(gold, pred)) / n, 4) if n else 0.0,
            "f1": {k: round(v, 4) for k, v in f1s.items()}}


def print_table(gold: Sequence[str], pred: Sequence[str], m: dict, out=None) -> None:
    out = out or sys.stdout
    print(f"{'gold/pred':<12}" + "".join(f"{lab:>11}" for lab in LABELS) + f"{'F1':>9}", file=out)
    for g in LABELS:
        counts = [sum(1 for a, b in zip(gold, pred) if a == g and b == p) for p in LABELS]
        print(f"{g:<12}" + "".join(f"{c:>11}" for c in counts) + f"{m['f1'][g]:>9.3f}", file=out)
    print(f"n={m['n']}  FNC score {m['fnc_raw']}/{m['fnc_max']} = {m['fnc_score']:.2%}  "
          f"macro-F1 {m['macro_f1']:.3f}  accuracy {m['accuracy']:.3f}", file=out)


def evaluate(data_dir: Path) -> dict:
    from newsprism.corpus.facts.stance import load_model, predict_pairs

    bodies_csv, stances_csv = find_pair(Path(data_dir))
    bodies, pairs = load_split(bodies_csv, stances_csv)
    limit = int(os.environ.get("NEWSPRISM_EVAL_LIMIT", "0") or 0)
    if limit > 0:
        pairs = pairs[:limit]
    model = load_model()
    pred = predict_pairs(model, [(h, bodies[b]) for h, b, _ in pairs])
    gold = [s for _, _, s in pairs]
    m = metrics(gold, pred)
    print(f"FNC-1 stance on {stances_csv.name} + {bodies_csv.name} (shipped model, not retrained)")
    print_table(gold, pred, m)
    seen = model.train_body_hashes if model else frozenset()
    if seen:
        # On the development folder most bodies trained the model; only the unseen ones give an honest score.
        unseen = [i for i, (_, b, _) in enumerate(pairs) if body_hash(bodies[b]) not in seen]
        m["trained_on_pairs"] = len(pairs) - len(unseen)
        if unseen and len(unseen) < len(pairs):
            mu = metrics([gold[i] for i in unseen], [pred[i] for i in unseen])
            print(f"\n{len(pairs) - len(unseen)} pairs have bodies the model was trained on; bodies never seen "
                  "in training only:")
            print_table([gold[i] for i in unseen], [pred[i] for i in unseen], mu)
            m["unseen"] = {k: mu[k] for k in ("n", "fnc_score", "macro_f1", "accuracy", "f1")}
    return m
