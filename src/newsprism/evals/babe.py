"""BABE (Bias Annotations By Experts): sentence-level Biased / Non-biased and word-level loaded words.

Reads every `*.csv` under the folder with BABE's columns (`;`-separated, BOM tolerated): `text`, `label_bias`,
`biased_words` (a Python-list string). Sentence level: newsprism calls a sentence biased when the shipped
sentence head (extract.bias_head: lemmas, lemma pairs, lexicon hits and a per-word score table) gives p >= 0.5;
macro-F1 and accuracy. Word level: the words inside newsprism's loaded terms (any voice) against the annotators'
biased words, P/R/F1 over word types per sentence. NEWSPRISM_EVAL_LIMIT caps the number of sentences.
"""

from __future__ import annotations

import ast
import csv
import os
from pathlib import Path

ANCHOR_MACRO_F1 = 0.804  # Spinde et al. 2021, RoBERTa + distant supervision, 5-fold CV
ANCHOR_FEATURES = 0.70  # their feature-based baseline, recalled


def load_rows(data_dir: Path) -> list[tuple[str, int, set[str]]]:
    """(sentence, 1 if Biased else 0, lowercased biased words); rows without agreement are skipped."""
    rows = []
    for path in sorted(Path(data_dir).rglob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh, delimiter=";")
            if not reader.fieldnames or not {"text", "label_bias"} <= set(reader.fieldnames):
                continue
            for row in reader:
                lab = row.get("label_bias") or ""
                if lab not in ("Biased", "Non-biased") or not row.get("text"):
                    continue
                try:
                    words = ast.literal_eval(row.get("biased_words") or "[]")
                except (ValueError, SyntaxError):
                    words = []
                rows.append((row["text"], int(lab == "Biased"), {str(w).lower() for w in words}))
    return rows


def _f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(data_dir: Path) -> dict:
    from newsprism.extract import bias_head, loaded
    from newsprism.nlp.load import get_nlp

    rows = load_rows(Path(data_dir))
    limit = int(os.environ.get("NEWSPRISM_EVAL_LIMIT", "0") or 0)
    if limit:
        rows = rows[:limit]
    model = loaded.load_model()
    head = bias_head.load_head()
    threshold = model.threshold if model is not None else loaded.DEFAULT_THRESHOLD
    conf = [[0, 0], [0, 0]]  # conf[gold][pred]
    wtp = wfp = wfn = 0
    for (_, gold, words), doc in zip(rows, get_nlp().pipe([r[0] for r in rows], batch_size=64), strict=True):
        pred = int(bias_head.sentence_bias(doc, head) >= 0.5)
        conf[gold][pred] += 1
        scores = loaded.score_tokens(doc, model)
        found = {doc[i].lower_ for lo, hi, _, _ in loaded.phrases(doc, scores, threshold) for i in range(lo, hi)
                 if doc[i].is_alpha}
        wtp += len(found & words)
        wfp += len(found - words)
        wfn += len(words - found)
    n = sum(map(sum, conf))
    f1s = []
    for c in (0, 1):
        tp, fp, fn = conf[c][c], conf[1 - c][c], conf[c][1 - c]
        f1s.append(_f1(tp, fp, fn)[2])
    macro = sum(f1s) / 2
    acc = (conf[0][0] + conf[1][1]) / n if n else 0.0
    wp, wr, wf = _f1(wtp, wfp, wfn)
    print(f"BABE on {n} sentences ({conf[1][0] + conf[1][1]} biased)")
    print(f"{'level':<28}{'P':>8}{'R':>8}{'F1':>8}{'acc':>8}")
    print(f"{'sentence (macro over 2)':<28}{'':>8}{'':>8}{macro:>8.3f}{acc:>8.3f}")
    print(f"{'  Non-biased / Biased F1':<28}{'':>8}{'':>8}{f1s[0]:>8.3f}/{f1s[1]:.3f}")
    print(f"{'word (biased_words)':<28}{wp:>8.3f}{wr:>8.3f}{wf:>8.3f}")
    print(f"anchors: RoBERTa (Spinde et al. 2021) macro-F1 {ANCHOR_MACRO_F1}; feature-based ~{ANCHOR_FEATURES}")
    held = head.validation if head is not None else None
    if held:
        print(f"shipped model's own held-out split ({held['babe_val_sentences']} sentences never seen in training): "
              f"macro-F1 {held['babe_val_macro_f1']:.3f}, accuracy {held['babe_val_accuracy']:.3f}, word F1 "
              f"{held['babe_val_word']['f1']:.3f}; 5-fold CV on the training sentences "
              f"{held.get('babe_train_cv5_macro_f1', float('nan')):.3f}. The rest of BABE was trained on, so a whole-file score is "
              "optimistic.")
    return {"set": "babe", "n": n, "macro_f1": round(macro, 4), "accuracy": round(acc, 4),
            "word_p": round(wp, 4), "word_r": round(wr, 4), "word_f1": round(wf, 4),
            **({"model_heldout_macro_f1": held["babe_val_macro_f1"]} if held else {})}
