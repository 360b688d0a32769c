"""Story clustering against gold same-event groups, scored with B-cubed precision, recall and F1.

Two layouts are recognised by file pattern under data_dir:
  * BASIL: `articles/**/*.json` with `triplet-uuid` (the gold story), `title`, `date`, `body-paragraphs`;
  * FNC-1: a `*bodies*.csv` and a `*stances*.csv`; gold stories are the connected components of bodies joined
    through a headline that at least one of them is related to (agree / disagree / discuss). Only bodies with a
    related stance are clustered. FNC-1 has no dates and no titles (headlines are the gold link, so unused).

What is evaluated is what ships: every article goes through `pipeline.annotate_doc` (one spaCy parse each),
then `canon.canonicalize`, `dedup.find_duplicates` and `stories.cluster_stories`. NEWSPRISM_EVAL_LIMIT caps the
number of articles (whole gold groups are kept, in file order) for quick runs.
"""

from __future__ import annotations

import ast
import csv
import json
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

from newsprism.corpus import canon, dedup, stories
from newsprism.model import Article, Published
from newsprism.nlp.load import get_nlp
from newsprism.run import pipeline


def bcubed(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall, F1 averaged over the items of `gold`."""
    pc: dict[str, set[str]] = defaultdict(set)
    gc: dict[str, set[str]] = defaultdict(set)
    for item in gold:
        pc[pred.get(item, "_single:" + item)].add(item)
        gc[gold[item]].add(item)
    p = r = 0.0
    for item in gold:
        mine = pc[pred.get(item, "_single:" + item)]
        truth = gc[gold[item]]
        both = len(mine & truth)
        p += both / len(mine)
        r += both / len(truth)
    n = len(gold) or 1
    p, r = p / n, r / n
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _limit() -> int | None:
    v = os.environ.get("NEWSPRISM_EVAL_LIMIT")
    return int(v) if v else None


def _cap(items: list[tuple[Article, str]]) -> list[tuple[Article, str]]:
    """Whole gold groups, in order, until the limit: a cut through a group would punish recall unfairly."""
    limit = _limit()
    if not limit:
        return items
    groups: dict[str, list[tuple[Article, str]]] = defaultdict(list)
    for it in items:
        groups[it[1]].append(it)
    out: list[tuple[Article, str]] = []
    for g in groups.values():
        if len(out) >= limit:
            break
        out += g
    return out


def load_basil(data_dir: Path) -> list[tuple[Article, str]]:
    items = []
    for path in sorted(data_dir.rglob("articles/**/*.json")):
        d = json.loads(path.read_text(encoding="utf-8"))
        if "triplet-uuid" not in d:
            continue
        paras = d.get("body-paragraphs") or []
        if isinstance(paras, str):  # some releases store the list as its Python repr
            paras = ast.literal_eval(paras)
        body = "\n\n".join(" ".join(p) if isinstance(p, list) else str(p) for p in paras)
        day = (d.get("date") or "")[:10] or None
        art = Article(id=path.stem, source=str(path), outlet=d.get("source"), title=d.get("title"), body=body,
                      published=Published(date=day, earliest=day, latest=day, evidence="dataset date"))
        items.append((art, d["triplet-uuid"]))
    return items


def load_fnc(data_dir: Path) -> list[tuple[Article, str]]:
    bodies_f = sorted(data_dir.rglob("*bodies*.csv"))
    stances_f = sorted(data_dir.rglob("*stances*.csv"))
    if not bodies_f or not stances_f:
        return []
    csv.field_size_limit(sys.maxsize)
    bodies: dict[str, str] = {}
    for f in bodies_f:
        with open(f, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                bodies[row["Body ID"]] = row["articleBody"]
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for f in stances_f:
        with open(f, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                if row.get("Stance", "").lower() in ("agree", "disagree", "discuss") and row["Body ID"] in bodies:
                    a, b = find("h:" + row["Headline"]), find("b:" + row["Body ID"])
                    if a != b:
                        parent[b] = a
    related = sorted((k[2:] for k in parent if k.startswith("b:")), key=lambda x: int(x) if x.isdigit() else x)
    return [(Article(id=f"fnc{bid}", source=f"fnc1:{bid}", body=bodies[bid]), find("b:" + bid)) for bid in related]


def run_stories(articles: list[Article]) -> tuple[list, dict[str, float]]:
    t0 = time.perf_counter()
    docs = get_nlp().pipe((a.body for a in articles), batch_size=32)
    failed = 0
    for a, doc in zip(articles, docs):
        try:
            pipeline.annotate_doc(a, doc)
        except Exception:  # one extractor failing on one text must not void the clustering score
            failed += 1
    t1 = time.perf_counter()
    canon.canonicalize(articles)
    dups = dedup.find_duplicates(articles)
    t2 = time.perf_counter()
    found = stories.cluster_stories(articles, dups)
    t3 = time.perf_counter()
    return found, {"annotate_failed": failed, "annotate_s": round(t1 - t0, 1), "dedup_s": round(t2 - t1, 2), "stories_s": round(t3 - t2, 2)}


def evaluate(data_dir: Path) -> dict:
    data_dir = Path(data_dir)
    items, name = load_basil(data_dir), "basil"
    if not items:
        items, name = load_fnc(data_dir), "fnc1"
    if not items:
        raise FileNotFoundError(f"no BASIL articles/**/*.json nor FNC-1 *bodies*.csv + *stances*.csv in {data_dir}")
    items = _cap(items)
    arts = [a for a, _ in items]
    gold = {a.id: g for a, g in items}
    found, cost = run_stories(arts)
    pred = {aid: s.id for s in found for aid in s.articles}
    p, r, f1 = bcubed(pred, gold)
    n_gold = len(set(gold.values()))
    print(f"stories eval on {name}: {len(arts)} articles, {n_gold} gold stories, {len(found)} predicted")
    print(f"{'metric':<12}{'value':>8}")
    for k, v in (("bcubed_p", p), ("bcubed_r", r), ("bcubed_f1", f1)):
        print(f"{k:<12}{v:>8.3f}")
    print("cost: " + ", ".join(f"{k} {v}" for k, v in cost.items()))
    return {"set": "stories", "layout": name, "n": len(arts), "gold_stories": n_gold, "pred_stories": len(found),
            "bcubed_p": round(p, 4), "bcubed_r": round(r, 4), "bcubed_f1": round(f1, 4), **cost}
