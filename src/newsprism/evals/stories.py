"""Story clustering against gold same-event groups, scored with B-cubed precision, recall and F1.

Three layouts are recognised by file pattern under data_dir:
  * BASIL: `articles/**/*.json` with `triplet-uuid` (the gold story), `title`, `date`, `body-paragraphs`;
  * FNC-1: a `*bodies*.csv` and a `*stances*.csv`; gold stories are the connected components of bodies joined
    through a headline that at least one of them is related to (agree / disagree / discuss). Only bodies with a
    related stance are clustered. FNC-1 has no dates and no titles (headlines are the gold link, so unused);
  * ECB+ facts: a `docs.jsonl` whose records carry `story` (the event) and `topic` (two events of one kind per
    topic). The records go through newsprism's own reader as `score_facts.py prepare` writes them (a leading URL
    line becomes the url), so titles and dates are whatever newsprism finds in the text, as in `analyze`.

Each set is cut in two halves that never share a gold story: `tune` (where thresholds may be chosen) and
`held-out` (where they are only measured): BASIL by year (before 2014 / 2014 on), FNC-1 by alternating gold
groups in order of their first body id, ECB+ by topic (33 and above held out). Each half is clustered as its own
corpus, as a user would run it, and scored separately; so is the whole set.

Beside newsprism's figures the eval prints a plain baseline on the same articles: TF-IDF (sublinear tf, English
stop words, headline + body) and average-linkage over cosine distances, its cut chosen on the tune half and
applied unchanged to the held-out half. It compares all pairs (quadratic), which newsprism's stage may not.

What is evaluated is what ships: every article goes through `pipeline.annotate_doc` (one spaCy parse each), then
`canon.canonicalize`, `dedup.find_duplicates` and `stories.cluster_stories`. NEWSPRISM_EVAL_LIMIT caps the number
of articles (whole gold groups are kept, in file order) for quick runs.
"""

from __future__ import annotations

import ast
import copy
import csv
import json
import os
import re
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from newsprism.corpus import canon, dedup, stories
from newsprism.model import Article, Published
from newsprism.nlp.load import get_nlp
from newsprism.run import pipeline

SPLITS = ("tune", "held-out")


@dataclass(slots=True)
class Item:
    article: Article
    gold: str
    split: str  # "tune" or "held-out"


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


def _cap(items: list[Item]) -> list[Item]:
    """Whole gold groups, in order, until the limit: a cut through a group would punish recall unfairly."""
    limit = _limit()
    if not limit:
        return items
    groups: dict[str, list[Item]] = defaultdict(list)
    for it in items:
        groups[it.gold].append(it)
    out: list[Item] = []
    for g in groups.values():
        if len(out) >= limit:
            break
        out += g
    return out


def load_basil(data_dir: Path) -> list[Item]:
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
        items.append(Item(art, d["triplet-uuid"], "tune" if (day or "0") < "2014" else "held-out"))
    return items


def load_fnc(data_dir: Path) -> list[Item]:
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
    gold = {bid: find("b:" + bid) for bid in related}
    order = {g: n for n, g in enumerate(dict.fromkeys(gold[b] for b in related))}  # by first body id
    return [Item(Article(id=f"fnc{bid}", source=f"fnc1:{bid}", body=bodies[bid]), gold[bid],
                 SPLITS[order[gold[bid]] % 2]) for bid in related]


def load_ecb(data_dir: Path) -> list[Item]:
    """ECB+ records with a `story` field, read the way `analyze` reads them (reader, header, boilerplate)."""
    docs = [p for p in sorted(data_dir.rglob("docs.jsonl"))]
    records = []
    for path in docs:
        for line in path.read_text(encoding="utf-8").splitlines():
            d = json.loads(line) if line.strip() else {}
            if "story" in d and "text" in d:
                records.append(d)
    if not records:
        return []
    meta = {d["id"]: d for d in records}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "docs.jsonl"
        with open(path, "w", encoding="utf-8") as out:
            for d in records:
                first, _, rest = d["text"].partition("\n")
                rec = {"id": d["id"], "text": d["text"]}
                if first.startswith("http"):  # as score_facts.py prepare: the URL line is the url, not text
                    rec.update(url=re.sub(r"\s+", "", first), text=rest)
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        arts = [a for a in pipeline.read_and_prepare([str(path)]) if isinstance(a, Article)]
    pipeline.finish_pass1(arts)
    items = []
    for a in arts:
        d = meta.get(a.id)
        if d is None:
            continue
        topic = int(d.get("topic") or 0)
        items.append(Item(a, str(d["story"]), "held-out" if topic >= 30 else "tune"))
    return items


def annotate(articles: list[Article]) -> int:
    """One spaCy parse and every extractor per article; the number that failed."""
    docs = get_nlp().pipe((a.body for a in articles), batch_size=32)
    failed = 0
    for a, doc in zip(articles, docs):
        try:
            pipeline.annotate_doc(a, doc)
        except Exception:  # one extractor failing on one text must not void the clustering score
            failed += 1
    return failed


def cluster(articles: list[Article]) -> list:
    """The corpus stages stories depend on, then stories, on fresh copies (canon rewrites entity ids)."""
    arts = copy.deepcopy(articles)
    canon.canonicalize(arts)
    return stories.cluster_stories(arts, dedup.find_duplicates(arts))


def run_stories(articles: list[Article]) -> tuple[list, dict[str, float]]:
    t0 = time.perf_counter()
    failed = annotate(articles)
    t1 = time.perf_counter()
    canon.canonicalize(articles)
    dups = dedup.find_duplicates(articles)
    t2 = time.perf_counter()
    found = stories.cluster_stories(articles, dups)
    t3 = time.perf_counter()
    return found, {"annotate_failed": failed, "annotate_s": round(t1 - t0, 1), "dedup_s": round(t2 - t1, 2),
                   "stories_s": round(t3 - t2, 2)}


# --- plain baseline: TF-IDF + average linkage, cut chosen on the tune half ---------------------------------------

BASELINE_CUTS = tuple(round(x, 2) for x in np.arange(0.30, 0.96, 0.025))  # cosine distance at which to cut


def _baseline_tree(articles: list[Article]):
    from scipy.cluster.hierarchy import linkage
    from scipy.spatial.distance import pdist
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [f"{a.title or ''}\n{a.body or ''}" for a in articles]
    x = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts).toarray()
    if len(articles) < 2:
        return None
    d = np.clip(np.nan_to_num(pdist(x, metric="cosine"), nan=1.0), 0.0, 2.0)
    return linkage(d, method="average")


def _baseline_cut(tree, articles: list[Article], cut: float) -> dict[str, str]:
    from scipy.cluster.hierarchy import fcluster

    if tree is None:
        return {a.id: "0" for a in articles}
    return {a.id: str(c) for a, c in zip(articles, fcluster(tree, t=cut, criterion="distance"))}


def baseline(items: list[Item]) -> dict[str, dict]:
    """Per split: (cut, P, R, F1) of TF-IDF + average link; the tune half picks the cut for every half."""
    trees = {}
    for split in (*SPLITS, "all"):
        part = [it for it in items if split in ("all", it.split)]
        trees[split] = (part, _baseline_tree([it.article for it in part]))
    tune_part, tune_tree = trees["tune"]
    gold = {it.article.id: it.gold for it in tune_part}
    best = max(BASELINE_CUTS, key=lambda c: (bcubed(_baseline_cut(tune_tree, [it.article for it in tune_part], c),
                                                    gold)[2], -c))
    out = {}
    for split, (part, tree) in trees.items():
        pred = _baseline_cut(tree, [it.article for it in part], best)
        p, r, f1 = bcubed(pred, {it.article.id: it.gold for it in part})
        out[split] = {"cut": best, "bcubed_p": round(p, 4), "bcubed_r": round(r, 4), "bcubed_f1": round(f1, 4)}
    return out


def load(data_dir: Path) -> tuple[list[Item], str]:
    data_dir = Path(data_dir)
    for name, loader in (("basil", load_basil), ("ecbplus", load_ecb), ("fnc1", load_fnc)):
        items = loader(data_dir)
        if items:
            return _cap(items), name
    raise FileNotFoundError(f"no BASIL articles/**/*.json, ECB+ docs.jsonl with `story`, nor FNC-1 *bodies*.csv + "
                            f"*stances*.csv in {data_dir}")


def score(items: list[Item]) -> dict[str, dict]:
    """newsprism's B-cubed per split, each split clustered as its own corpus, and on the whole set."""
    out = {}
    for split in (*SPLITS, "all"):
        part = [it for it in items if split in ("all", it.split)]
        if not part:
            continue
        t0 = time.perf_counter()
        found = cluster([it.article for it in part])
        pred = {aid: s.id for s in found for aid in s.articles}
        p, r, f1 = bcubed(pred, {it.article.id: it.gold for it in part})
        out[split] = {"n": len(part), "gold_stories": len({it.gold for it in part}), "pred_stories": len(found),
                      "bcubed_p": round(p, 4), "bcubed_r": round(r, 4), "bcubed_f1": round(f1, 4),
                      "stories_s": round(time.perf_counter() - t0, 2)}
    return out


def evaluate(data_dir: Path) -> dict:
    items, name = load(data_dir)
    t0 = time.perf_counter()
    failed = annotate([it.article for it in items])
    annotate_s = round(time.perf_counter() - t0, 1)
    ours = score(items)
    base = baseline(items)
    print(f"stories eval on {name}: {len(items)} articles, {len({it.gold for it in items})} gold stories "
          f"(each half clustered as its own corpus; baseline cut {base['tune']['cut']} chosen on tune)")
    print(f"{'split':<10}{'n':>6}{'gold':>6}{'pred':>6}{'P':>8}{'R':>8}{'F1':>8}   {'base P':>7}{'base R':>7}"
          f"{'base F1':>8}")
    for split, m in ours.items():
        b = base[split]
        print(f"{split:<10}{m['n']:>6}{m['gold_stories']:>6}{m['pred_stories']:>6}{m['bcubed_p']:>8.3f}"
              f"{m['bcubed_r']:>8.3f}{m['bcubed_f1']:>8.3f}   {b['bcubed_p']:>7.3f}{b['bcubed_r']:>7.3f}"
              f"{b['bcubed_f1']:>8.3f}")
    print(f"cost: annotate_failed {failed}, annotate_s {annotate_s}, stories_s (all) {ours['all']['stories_s']}")
    whole = ours["all"]
    return {"set": "stories", "layout": name, "n": whole["n"], "gold_stories": whole["gold_stories"],
            "pred_stories": whole["pred_stories"], "bcubed_p": whole["bcubed_p"], "bcubed_r": whole["bcubed_r"],
            "bcubed_f1": whole["bcubed_f1"], "splits": ours, "baseline": base, "annotate_failed": failed,
            "annotate_s": annotate_s}


# --- the pair model: fitted on tune halves only -----------------------------------------------------------------

def pair_table(items: list[Item]) -> tuple[np.ndarray, np.ndarray]:
    """Candidate pairs of the tune half as cluster_stories scores them: (features, same gold story)."""
    part = [it for it in items if it.split == "tune"]
    arts = copy.deepcopy([it.article for it in part])
    canon.canonicalize(arts)
    gold = {it.article.id: it.gold for it in part}
    ids, pairs, x, _ = stories.scored_pairs(arts)
    return x, np.array([gold[ids[i]] == gold[ids[j]] for i, j in pairs], dtype=bool)


def fit_pair_model(sets: list[list[Item]]) -> tuple[list[float], float]:
    """Logistic weights and bias of stories.PAIR_WEIGHTS / PAIR_BIAS from the tune halves of `sets`, each set
    weighing the same whatever its number of pairs (FNC-1 has ten times BASIL's)."""
    from sklearn.linear_model import LogisticRegression

    tables = [pair_table(items) for items in sets]
    x = np.vstack([t[0] for t in tables])
    y = np.concatenate([t[1] for t in tables])
    weight = np.concatenate([np.full(len(t[1]), len(y) / (len(tables) * len(t[1]))) for t in tables])
    model = LogisticRegression(C=10, max_iter=2000).fit(x, y, sample_weight=weight)
    return [round(float(c), 2) for c in model.coef_[0]], round(float(model.intercept_[0]), 2)
