"""Train newsprism's stance model on FNC-1 development data and write src/newsprism/models/stance.pkl.gz.

    python scripts/train_stance.py --data ../shared/datasets/fnc1 [--holdout 0.2] [--seed 13]

The split is by Body ID (as the FNC-1 baseline does), so no body is seen both in training and validation; the
shipped model is trained on the training part only, so the validation score printed here stays honest.
"""

from __future__ import annotations

import argparse
import gzip
import pickle
import random
import time
from pathlib import Path

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier

from newsprism.corpus.facts.stance_features import FEATURE_NAMES, feature_matrix, make_vectorizer
from newsprism.evals.fnc1 import LABELS, body_hash, find_pair, load_split, metrics, print_table

OUT = Path(__file__).resolve().parents[1] / "src" / "newsprism" / "models" / "stance.pkl.gz"
# Up-weighting the rare classes trades a little FNC score for a much better disagree F1 (macro-F1).
CLASS_WEIGHT = {"unrelated": 1.0, "discuss": 1.0, "agree": 1.5, "disagree": 6.0}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--holdout", type=float, default=0.2)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--disagree-weight", type=float, default=CLASS_WEIGHT["disagree"])
    args = ap.parse_args()

    bodies, pairs = load_split(*find_pair(args.data))
    ids = sorted(bodies, key=lambda x: int(x) if x.isdigit() else x)
    rng = random.Random(args.seed)
    rng.shuffle(ids)
    val_ids = set(ids[: int(len(ids) * args.holdout)])
    train = [p for p in pairs if p[1] not in val_ids]
    val = [p for p in pairs if p[1] in val_ids]
    print(f"{len(bodies)} bodies, {len(pairs)} pairs; train {len(train)} pairs, validation {len(val)} pairs "
          f"({len(val_ids)} bodies, seed {args.seed})")

    t0 = time.perf_counter()
    vec = make_vectorizer()
    train_bodies = sorted({b for _, b, _ in train})
    vec.fit([bodies[b] for b in train_bodies] + sorted({h for h, _, _ in train}))
    Xtr = feature_matrix([(h, bodies[b]) for h, b, _ in train], vec)
    Xva = feature_matrix([(h, bodies[b]) for h, b, _ in val], vec)
    ytr = np.array([LABELS.index(s) for _, _, s in train])
    print(f"features {Xtr.shape[1]} in {time.perf_counter() - t0:.0f}s")

    clf = HistGradientBoostingClassifier(max_iter=300, learning_rate=0.08, max_leaf_nodes=31,
                                         l2_regularization=1.0, random_state=args.seed)
    weights = {**CLASS_WEIGHT, "disagree": args.disagree_weight}
    clf.fit(Xtr, ytr, sample_weight=np.array([weights[LABELS[i]] for i in ytr]))
    pred = [LABELS[i] for i in clf.predict(Xva)]
    gold = [s for _, _, s in val]
    m = metrics(gold, pred)
    print("validation split (bodies never seen in training):")
    print_table(gold, pred, m)

    # The vectorizer's stop-word list is rebuilt from the vocabulary; dropping it keeps the file small.
    vec.stop_words_ = None
    args.out.parent.mkdir(parents=True, exist_ok=True)
    bundle = {"vectorizer": vec, "classifier": clf, "labels": list(LABELS), "features": FEATURE_NAMES,
              # Lets `newsprism eval fnc1` tell pairs whose body the model was trained on from unseen ones.
              "train_body_hashes": sorted({body_hash(bodies[b]) for b in train_bodies}),
              "trained_on": f"FNC-1 train minus {len(val_ids)} validation bodies (seed {args.seed})",
              "validation": m}
    # gzip + pickle: loads in 0.1 s where joblib's pure-Python unpickler took 2.7 s (see stance.load_model)
    with args.out.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as fh:
        pickle.dump(bundle, fh, protocol=5)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
