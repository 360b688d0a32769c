"""PTC (SemEval-2020 Task 11 propaganda spans): span P/R/F1 of the shipped loaded-language extractor.

Articles are `**/article<ID>.txt`; gold spans come from task-2 technique files (`*TC.labels`, per article or
concatenated; `*-labels-task2-*` folders) or, when only those exist, task-1 span files (`*SI.labels`, no
technique: then only the "all" score is meaningful). The metric is the task's SI scorer: gold and predicted spans
are merged where they overlap, precision credits each predicted span with the fraction of its characters inside
gold spans, recall each gold span with the fraction covered by predictions (Da San Martino et al., 2019/2020).
Scored twice: against Loaded_Language + Name_Calling,Labeling (what newsprism claims to find) and against all
fourteen techniques. NEWSPRISM_EVAL_LIMIT caps the number of articles.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

FOCUS = ("Loaded_Language", "Name_Calling,Labeling")
ANCHOR_SI_F1 = 0.516  # best SI F1 on the official test set (Hitachi, SemEval 2020)

Span = tuple[int, int]
_ID = re.compile(r"article(\d+)")


def find_articles(data_dir: Path) -> dict[str, Path]:
    return {m.group(1): p for p in sorted(data_dir.rglob("article*.txt")) if (m := _ID.search(p.name))}


def _label_files(data_dir: Path) -> tuple[list[Path], bool]:
    """Technique-labelled files when there are any (True), else span-only task-1 files (False). A
    concatenated file and per-article files of the same kind may both exist: prefer per-article ones."""
    tc = [p for p in data_dir.rglob("*.labels") if "TC" in p.name or "task2" in str(p.parent.name)]
    si = [p for p in data_dir.rglob("*.labels") if p not in tc and ("SI" in p.name or "task1" in str(p))]
    for files, has_tech in ((tc, True), (si, False)):
        per_article = [p for p in files if _ID.search(p.name)]
        if per_article:
            return per_article, has_tech
        if files:
            return files, has_tech
    return [], False


def load_gold(data_dir: Path) -> tuple[dict[str, list[tuple[str, int, int]]], bool]:
    """article id -> [(technique or '', start, end)]; and whether techniques are known."""
    files, has_tech = _label_files(data_dir)
    gold: dict[str, list[tuple[str, int, int]]] = {}
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            cols = line.strip().split("\t")
            if len(cols) == 4:
                aid, tech, s, e = cols
            elif len(cols) == 3:
                aid, s, e = cols
                tech = ""
            else:
                continue
            gold.setdefault(aid, []).append((tech, int(s), int(e)))
    return gold, has_tech


def merge_spans(spans: Iterable[Span]) -> list[Span]:
    out: list[Span] = []
    for s, e in sorted(spans):
        if e <= s:
            continue
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def si_counts(pred: list[Span], gold: list[Span]) -> tuple[float, int, float, int]:
    """(precision credit, n predicted, recall credit, n gold) for one article, spans merged first."""
    pred, gold = merge_spans(pred), merge_spans(gold)
    p_credit = sum(sum(_overlap(s, t) for t in gold) / (s[1] - s[0]) for s in pred)
    r_credit = sum(sum(_overlap(s, t) for s in pred) / (t[1] - t[0]) for t in gold)
    return p_credit, len(pred), r_credit, len(gold)


def prf(p_credit: float, n_pred: int, r_credit: float, n_gold: int) -> dict[str, float]:
    p = p_credit / n_pred if n_pred else 0.0
    r = r_credit / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"span_p": round(p, 4), "span_r": round(r, 4), "span_f1": round(f, 4)}


def predict_spans(text: str, doc=None) -> list[Span]:
    """What newsprism ships: loaded terms of every voice (PTC marks quoted propaganda too)."""
    from newsprism.extract.loaded import extract_loaded
    from newsprism.model import Article
    from newsprism.nlp.load import get_nlp

    doc = doc if doc is not None else get_nlp()(text)
    return [(t.start, t.end) for t in extract_loaded(doc, Article(id="ptc", source="ptc", body=text))]


def score(preds: dict[str, list[Span]], gold: dict[str, list[tuple[str, int, int]]], techniques=None
          ) -> dict[str, float]:
    totals = [0.0, 0, 0.0, 0]
    for aid, spans in preds.items():
        g = [(s, e) for tech, s, e in gold.get(aid, []) if techniques is None or tech in techniques]
        for k, v in enumerate(si_counts(spans, g)):
            totals[k] += v
    return prf(*totals)


def _held_out() -> dict | None:
    from newsprism.extract.loaded import load_model

    model = load_model()
    return model.validation if model is not None else None


def evaluate(data_dir: Path) -> dict:
    from newsprism.nlp.load import get_nlp

    articles = find_articles(Path(data_dir))
    gold, has_tech = load_gold(Path(data_dir))
    ids = list(articles)  # an article with no label line has no span; it still counts
    limit = int(os.environ.get("NEWSPRISM_EVAL_LIMIT", "0") or 0)
    if limit:
        ids = ids[:limit]
    texts = [articles[a].read_text(encoding="utf-8") for a in ids]
    preds = {}
    for aid, text, doc in zip(ids, texts, get_nlp().pipe(texts, batch_size=8), strict=True):
        preds[aid] = predict_spans(text, doc)
    focus = score(preds, gold, FOCUS) if has_tech else None
    every = score(preds, gold, None)
    n_gold_focus = sum(1 for a in ids for t, _, _ in gold.get(a, []) if t in FOCUS)
    print(f"PTC span identification on {len(ids)} articles ({sum(len(v) for v in preds.values())} predicted "
          f"spans, {n_gold_focus} gold Loaded_Language/Name_Calling spans)")
    print(f"{'gold':<36}{'P':>8}{'R':>8}{'F1':>8}")
    if focus:
        print(f"{'Loaded_Language + Name_Calling':<36}{focus['span_p']:>8.3f}{focus['span_r']:>8.3f}"
              f"{focus['span_f1']:>8.3f}")
    print(f"{'all techniques':<36}{every['span_p']:>8.3f}{every['span_r']:>8.3f}{every['span_f1']:>8.3f}")
    print(f"anchor: best SemEval-2020 SI system F1 {ANCHOR_SI_F1} on the official test set (all techniques, "
          "RoBERTa ensembles); not the same split")
    held_out = _held_out()
    if held_out:
        print(f"shipped model's own held-out split ({held_out['ptc_val_articles']} PTC train articles never seen in "
              f"training): Loaded+Name_Calling F1 {held_out['ptc_val_focus']['span_f1']:.3f}, all "
              f"{held_out['ptc_val_all']['span_f1']:.3f}. The other 75 % of the train partition was trained on, so "
              "a score on that whole folder is optimistic.")
    out: dict = {"set": "ptc", "n": len(ids)}
    if focus:
        out.update(focus)
    out.update({f"all_{k}": v for k, v in every.items()})
    if held_out:
        out["model_heldout_span_f1"] = held_out["ptc_val_focus"]["span_f1"]
    return out
