"""Train newsprism's loaded-language token model (and its BABE sentence head) from PTC and BABE.

    python scripts/train_loaded.py --ptc ../shared/datasets/semeval2020_task11_ptc --babe ../shared/datasets/babe

Writes src/newsprism/models/loaded_token.json.gz: pruned logistic-regression weights that
newsprism.extract.loaded scores in pure Python. Validation splits are deterministic (sha1 of the id): 25 % of
PTC articles, 20 % of BABE sentences stratified by label. Scores on them are printed; the threshold is chosen on
the PTC validation split. Parses are cached under --cache so that reruns take seconds.

    python scripts/train_loaded.py --ptc ... --babe ../shared/datasets/babe --head-only

retrains only the BABE sentence head of the model at --out, leaving its token weights (what it flags) as they are.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import math
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from spacy.tokens import Doc, DocBin

from newsprism.evals import babe as babe_eval
from newsprism.evals import ptc as ptc_eval
from newsprism.extract import loaded
from newsprism.nlp.load import get_nlp

OUT = Path(__file__).resolve().parents[1] / "src" / "newsprism" / "models" / loaded.MODEL_FILE


def frac(key: str) -> float:
    return int(hashlib.sha1(key.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF


def parse_cached(texts: list[str], cache: Path) -> list[Doc]:
    nlp = get_nlp()
    key = hashlib.sha1("\x00".join(texts).encode()).hexdigest()[:16]
    path = cache / f"{key}.spacy"
    if path.exists():
        return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    docs = list(nlp.pipe(texts, batch_size=16))
    cache.mkdir(parents=True, exist_ok=True)
    DocBin(store_user_data=False, docs=docs).to_disk(path)
    return docs


def babe_split(rows):
    """Stratified: within each label, the 20 % with the lowest hash go to validation."""
    val = set()
    for lab in (0, 1):
        idx = [i for i, r in enumerate(rows) if r[1] == lab]
        idx.sort(key=lambda i: frac(rows[i][0]))
        val.update(idx[: len(idx) // 5])
    return val


def word_bias(docs, rows, idx) -> dict[str, float]:
    """Smoothed share of a lemma's occurrences that annotators marked biased, from BABE training rows."""
    seen, marked = Counter(), Counter()
    for i in idx:
        for tok in docs[i]:
            if tok.is_alpha:
                lem = tok.lemma_.lower()
                seen[lem] += 1
                if tok.lower_ in rows[i][2] or lem in rows[i][2]:
                    marked[lem] += 1
    return {w: round((marked[w] + 0.1) / (seen[w] + 2), 3) for w in marked if marked[w] >= 1}


def token_rows(doc, labels, bias):
    feats, ys = [], []
    view = loaded.token_view(doc)
    for i, tok in enumerate(doc):
        if tok.is_space or tok.is_punct:
            continue
        feats.append(loaded.token_features(view, i, bias))
        ys.append(labels[i])
    return feats, ys


def ptc_token_labels(doc, spans):
    labels = ["O"] * len(doc)
    for tech, s, e in spans:
        if tech not in ptc_eval.FOCUS:
            continue
        for tok in doc.char_span(s, e, alignment_mode="expand") or []:
            if labels[tok.i] != loaded.LABELING:
                labels[tok.i] = tech
    return labels


def export(vec: DictVectorizer, clf: LogisticRegression, eps: float = 2e-3) -> tuple[list, dict]:
    coef = clf.coef_
    if coef.shape[0] == 1:  # binary: sklearn keeps one row
        coef = np.vstack([-coef[0] / 2, coef[0] / 2])
    weights = {}
    for j, name in enumerate(vec.feature_names_):
        col = coef[:, j]
        if np.abs(col).max() >= eps:
            weights[name] = [round(float(x), 4) for x in col]
    inter = clf.intercept_ if len(clf.intercept_) > 1 else np.array([-clf.intercept_[0] / 2, clf.intercept_[0] / 2])
    return [round(float(x), 4) for x in inter], weights


def train_head(babe_docs, rows, train: list[int], val: list[int], model: loaded.TokenModel,
               C: float = 0.2) -> dict:
    """Fit the BABE sentence head on `train`, set it on the model, and score `val`: sentence macro-F1 and
    accuracy, and word-level P/R/F1 of the token model's phrases against BABE's biased words. C was chosen by
    5-fold cross-validation on the training sentences (0.2, 0.5, 1, 2)."""
    svec = DictVectorizer()
    sclf = LogisticRegression(C=C, max_iter=1000)
    sclf.fit(svec.fit_transform([loaded.sentence_features(babe_docs[i]) for i in train]), [rows[i][1] for i in train])
    s_inter, s_weights = export(svec, sclf, eps=1e-3)
    model.sentence = {"intercept": s_inter[1] - s_inter[0],
                      "weights": {k: round(w[1] - w[0], 4) for k, w in s_weights.items()}}
    yp = [int(loaded.sentence_bias(babe_docs[i], model) >= 0.5) for i in val]
    yt = [rows[i][1] for i in val]
    tp = fp = fn = 0
    for i in val:
        doc = babe_docs[i]
        sc = loaded.score_tokens(doc, model)
        pred = {doc[j].lower_ for lo, hi, _, _ in loaded.phrases(doc, sc, model.threshold) for j in range(lo, hi)
                if doc[j].is_alpha}
        tp += len(pred & rows[i][2])
        fp += len(pred - rows[i][2])
        fn += len(rows[i][2] - pred)
    wp, wr = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    wf = 2 * wp * wr / (wp + wr) if wp + wr else 0.0
    return {"babe_val_sentences": len(val),
            "babe_val_macro_f1": round(f1_score(yt, yp, average="macro"), 4),
            "babe_val_accuracy": round(accuracy_score(yt, yp), 4),
            "babe_val_word": {"p": round(wp, 4), "r": round(wr, 4), "f1": round(wf, 4)}}


def write(model: loaded.TokenModel, report: dict, out: Path) -> None:
    # the held-out scores travel with the model so that the evals can print them beside full-folder scores
    payload = {"version": 1, "classes": model.classes, "intercept": model.intercept, "weights": model.weights,
               "threshold": model.threshold, "bias": model.bias, "sentence": model.sentence, "validation": report}
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(gzip.compress(json.dumps(payload, separators=(",", ":")).encode(), mtime=0))


def head_only(args) -> int:
    """Retrain only the sentence head of the model at --out, keeping its token weights (and so every loaded
    term it flags)."""
    model = loaded.TokenModel(**{k: v for k, v in json.loads(gzip.decompress(args.out.read_bytes())).items()
                                 if k != "version"})
    rows = babe_eval.load_rows(args.babe)
    val = babe_split(rows)
    docs = parse_cached([r[0] for r in rows], args.cache)
    report = dict(model.validation or {})
    report.update(train_head(docs, rows, [i for i in range(len(rows)) if i not in val], sorted(val), model))
    write(model, report, args.out)
    print(json.dumps(report, indent=1))
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ptc", type=Path, required=True)
    ap.add_argument("--babe", type=Path, required=True)
    ap.add_argument("--cache", type=Path, default=Path("/tmp/newsprism_train_loaded"))
    ap.add_argument("--C", type=float, default=0.3)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--head-only", action="store_true", help="retrain only the BABE sentence head of --out")
    args = ap.parse_args()
    if args.head_only:
        return head_only(args)

    # --- data
    arts = ptc_eval.find_articles(args.ptc)
    gold, _ = ptc_eval.load_gold(args.ptc)
    ptc_ids = sorted(arts)  # an article without a label line has no propaganda span
    ptc_texts = [arts[a].read_text(encoding="utf-8") for a in ptc_ids]
    ptc_val = {a for a in ptc_ids if frac("ptc" + a) < 0.25}
    print(f"PTC: {len(ptc_ids)} articles, {len(ptc_val)} held out", file=sys.stderr)
    ptc_docs = parse_cached(ptc_texts, args.cache)
    rows = babe_eval.load_rows(args.babe)
    babe_val = babe_split(rows)
    print(f"BABE: {len(rows)} sentences, {len(babe_val)} held out", file=sys.stderr)
    babe_docs = parse_cached([r[0] for r in rows], args.cache)
    babe_train = [i for i in range(len(rows)) if i not in babe_val]
    bias = word_bias(babe_docs, rows, babe_train)

    # --- token model
    X, y = [], []
    for aid, doc in zip(ptc_ids, ptc_docs, strict=True):
        if aid in ptc_val:
            continue
        f, t = token_rows(doc, ptc_token_labels(doc, gold.get(aid, [])), bias)
        X += f
        y += t
    for i in babe_train:
        doc = babe_docs[i]
        labs = [loaded.LOADED if (tok.lower_ in rows[i][2]) else "O" for tok in doc]
        f, t = token_rows(doc, labs, bias)
        X += f
        y += t
    print(f"token rows {len(y)}: {Counter(y)}", file=sys.stderr)
    vec = DictVectorizer()
    Xm = vec.fit_transform(X)
    clf = LogisticRegression(C=args.C, max_iter=300, class_weight={"O": 1.0, loaded.LOADED: 3.0,
                                                                     loaded.LABELING: 3.0})
    clf.fit(Xm, y)
    intercept, weights = export(vec, clf)
    model = loaded.TokenModel(classes=list(clf.classes_), intercept=intercept, weights=weights,
                              threshold=loaded.DEFAULT_THRESHOLD, bias=bias)

    # --- threshold on PTC validation (focus techniques, SI scorer)
    val_ids = [a for a in ptc_ids if a in ptc_val]
    val_docs = [d for a, d in zip(ptc_ids, ptc_docs, strict=True) if a in ptc_val]
    val_scores = [loaded.score_tokens(d, model) for d in val_docs]
    grid = []
    for thr in (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7):
        preds = {}
        for aid, doc, sc in zip(val_ids, val_docs, val_scores, strict=True):
            preds[aid] = [(doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text))
                          for lo, hi, _, _ in loaded.phrases(doc, sc, thr)]
        focus = ptc_eval.score(preds, gold, ptc_eval.FOCUS)
        every = ptc_eval.score(preds, gold, None)
        print(f"  thr {thr:.2f}: focus {focus}  all {every}", file=sys.stderr)
        grid.append((focus["span_f1"], thr, focus, every))
    # the highest threshold within 0.01 F1 of the best: users read these terms one by one, so at equal F1
    # precision is worth more than recall
    top = max(g[0] for g in grid)
    best = max((g for g in grid if g[0] >= top - 0.01), key=lambda g: g[1])
    model.threshold = best[1]

    # --- BABE sentence head (trained on BABE train), scored on BABE validation
    report = {
        "ptc_val_articles": len(val_ids), "threshold": best[1],
        "ptc_val_focus": best[2], "ptc_val_all": best[3],
        **train_head(babe_docs, rows, babe_train, sorted(babe_val), model),
        "features_kept": len(weights),
    }
    write(model, report, args.out)
    report["model_bytes"] = args.out.stat().st_size
    print(json.dumps(report, indent=1))
    return 0 if math.isfinite(best[0]) else 1


if __name__ == "__main__":
    sys.exit(main())
