"""Train newsprism's stance model on FNC-1 development data and write src/newsprism/models/stance.npz.

    python scripts/train_stance.py --data ../shared/datasets/fnc1 [--holdout 0.2] [--seed 13]

The split is by Body ID (as the FNC-1 baseline does), so no body is seen both in training and validation; the
shipped model is trained on the training part only, so the validation score printed here stays honest.
scikit-learn trains; the file holds plain arrays (vocabulary, idf, the trees' node tables) that
`newsprism.corpus.facts.stance.load_model` reads without pickle.
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier

from newsprism.corpus.facts.stance import MODEL_FILE, StanceModel, TreeEnsemble, save_model
from newsprism.corpus.facts.stance_features import feature_matrix, make_vectorizer
from newsprism.evals.fnc1 import LABELS, body_hash, find_pair, load_split, metrics, print_table

OUT = Path(__file__).resolve().parents[1] / "src" / "newsprism" / "models" / MODEL_FILE
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

    args.out.parent.mkdir(parents=True, exist_ok=True)
    model = StanceModel(labels=tuple(LABELS), vectorizer=vec, trees=tree_ensemble(clf),
                        train_body_hashes=frozenset(body_hash(bodies[b]) for b in train_bodies),
                        trained_on=f"FNC-1 train minus {len(val_ids)} validation bodies (seed {args.seed})",
                        validation=m)
    save_model(args.out, model)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")


def tree_ensemble(clf: HistGradientBoostingClassifier) -> TreeEnsemble:
    """The fitted trees as flat arrays. Reads the per-iteration predictors' node tables (`_predictors`, what the
    classifier's own predict walks), so it runs only here, with the scikit-learn release that trained them."""
    k = clf.n_trees_per_iteration_
    assert k == len(clf.classes_) > 2 and list(clf.classes_) == list(range(k)), "multiclass, labels 0..k-1"
    tables = [p.nodes for per_class in clf._predictors for p in per_class]
    nodes = np.concatenate(tables)
    assert not nodes["is_categorical"].any(), "categorical splits are not exported"
    sizes = np.array([len(t) for t in tables])
    roots = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    offset = np.repeat(roots, sizes)
    own = np.arange(len(nodes))
    leaf = nodes["is_leaf"].astype(bool)
    return TreeEnsemble(
        baseline=np.asarray(clf._baseline_prediction, dtype=np.float64).ravel(), roots=roots,
        feature=np.where(leaf, 0, nodes["feature_idx"]).astype(np.int32),
        threshold=nodes["num_threshold"].astype(np.float64), nan_left=nodes["missing_go_to_left"].astype(bool),
        left=np.where(leaf, own, nodes["left"] + offset), right=np.where(leaf, own, nodes["right"] + offset),
        value=nodes["value"].astype(np.float64), depth=int(nodes["depth"].max()))


if __name__ == "__main__":
    main()
