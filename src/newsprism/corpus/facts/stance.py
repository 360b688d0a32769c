"""Stance: the trained FNC-1 model (claim vs. text) and the per-mention stance of an article toward a fact.

Two levels, one vocabulary of cues (`stance_features`):
- `predict_pairs` scores (claim, text) pairs with the shipped model (agree / disagree / discuss / unrelated),
  trained by `scripts/train_stance.py` and evaluated by `newsprism eval fnc1`.
- `mention_stance` decides how one article carries one claim sentence: in its own voice (asserts), as someone
  else's claim (attributes), as a claim it or someone challenges (disputes), or as a named party's denial
  (denies). Within one sentence the wording decides this far more reliably than a bag-of-words model, so the
  rules lead and the model only confirms a dispute that the rules leave open.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from newsprism.corpus.facts.stance_features import FEATURE_NAMES, REFUTING, feature_matrix, make_vectorizer

MODEL_FILE = "stance.npz"

# A named party saying the claim is untrue (or refusing to confirm it: "We have no such information").
DENY_RE = re.compile(
    r"\b(?:den(?:y|ies|ied|ying)|reject(?:s|ed)? (?:the|these|those|that|this) (?:reports?|claims?|allegations?|figures?|estimates?|accounts?)|"
    r"(?:is|was|that['’]s|that is) (?:a )?(?:lie|false|untrue|fake news)|"
    r"called (?:it|this|that|the (?:reports?|claims?|allegations?)) (?:a |an )?(?:lie|false|fake|untrue|baseless)|no such information|"
    r"(?:not|never) (?:true|happened)|categorically|refuted|dismissed (?:the|these|those) (?:reports?|claims?))\b",
    re.I)
# The claim is presented as challenged or contradicted, without a flat denial.
DISPUTE_RE = re.compile(
    r"\b(?:challenged|disputed?s?|contest(?:s|ed)?|runs? counter to|contradict(?:s|ed)?|questioned|"
    r"pathological liar|liar|called .{0,40}(?:lie|false|baseless)|baseless|unfounded|"
    r"provide evidence|doubts?|debunk(?:ed|s)?|hoax|bogus)\b", re.I)
# Someone else's claim reported by the outlet.
ATTRIB_RE = re.compile(
    r"\b(?:said|says|say|told|according to|reported(?:ly)?|reports?|claim(?:s|ed)?|allegedly|alleged|cited|"
    r"citing|quoted|quoting|sources?|stated|announced|added|believed|thought to|suggests?|"
    r"media reports|had heard|heard)\b", re.I)
_REFUTING_RE = re.compile(r"\b(?:" + "|".join(w for w in REFUTING if w not in ("not", "no")) + r")\b", re.I)
HEARSAY_RE = re.compile(r"\b(?:had heard|heard that|heard the|second-?hand|rumou?rs?)\b", re.I)


@dataclass
class MentionStance:
    stance: str  # one of model.STANCES
    cue: str | None  # the words that decided it, for the fact's reason
    hearsay: bool = False


def mention_stance(sentence: str, context: str = "", quoted: bool = False) -> MentionStance:
    """How a sentence carries its claim. `context` is the next sentence, where reactions to a claim often sit
    ("... could be as much as 5,000 tonnes. ... The port authority rejected that figure." is handled by
    the caller, which links reaction sentences to the claim they answer)."""
    m = DENY_RE.search(sentence)
    if m:
        return MentionStance("denies", m.group(0))
    m = DISPUTE_RE.search(sentence)
    if m:
        return MentionStance("disputes", m.group(0))
    hearsay = bool(HEARSAY_RE.search(sentence))
    m = ATTRIB_RE.search(sentence)
    if m or quoted:
        return MentionStance("attributes", m.group(0) if m else "quoted", hearsay)
    return MentionStance("asserts", None, hearsay)


def reaction_kind(sentence: str) -> str | None:
    """Whether a sentence is a denial or dispute that answers a nearby claim (its own content aside)."""
    if DENY_RE.search(sentence):
        return "denies"
    if DISPUTE_RE.search(sentence):
        return "disputes"
    return None


@dataclass(frozen=True)
class TreeEnsemble:
    """Gradient-boosted trees as one flat node table, predicted in numpy.

    Every tree's nodes are concatenated; `left`/`right` are indices into the whole table and a leaf points at
    itself, so `depth` steps from the roots reach every tree's leaf whatever its own depth. A sample goes left
    when its feature value is <= the threshold, or, when it is NaN, where `nan_left` says. Trees are stored
    iteration by iteration, one per class: tree i * n_classes + k adds its leaf value to class k's raw score,
    and the scores are summed in that order so that they equal scikit-learn's to the last bit."""
    baseline: np.ndarray  # (n_classes,) raw score before any tree
    roots: np.ndarray  # (n_trees,)
    feature: np.ndarray  # per node
    threshold: np.ndarray
    nan_left: np.ndarray
    left: np.ndarray
    right: np.ndarray
    value: np.ndarray  # a leaf's contribution; unused on inner nodes
    depth: int

    def raw(self, X: np.ndarray, chunk: int = 4096) -> np.ndarray:
        X = np.asarray(X, dtype=np.float64)
        k = len(self.baseline)
        out = np.empty((len(X), k))
        out[:] = self.baseline
        for lo in range(0, len(X), chunk):
            x = X[lo:lo + chunk]
            rows = np.arange(len(x))[:, None]
            node = np.broadcast_to(self.roots, (len(x), len(self.roots)))
            for _ in range(self.depth):
                v = x[rows, self.feature[node]]
                go_left = (v <= self.threshold[node]) | (np.isnan(v) & self.nan_left[node])
                node = np.where(go_left, self.left[node], self.right[node])
            leaves = self.value[node]
            part = out[lo:lo + chunk]
            for i in range(0, leaves.shape[1], k):
                part += leaves[:, i:i + k]
        return out


@dataclass(frozen=True)
class StanceModel:
    labels: tuple[str, ...]
    vectorizer: TfidfVectorizer  # make_vectorizer() given the trained vocabulary and idf
    trees: TreeEnsemble
    train_body_hashes: frozenset[str]  # lets `newsprism eval fnc1` tell trained-on bodies from unseen ones
    trained_on: str
    validation: dict[str, Any]


_TREE_ARRAYS = ("baseline", "roots", "feature", "threshold", "nan_left", "left", "right", "value")


@lru_cache(maxsize=1)
def load_model() -> StanceModel | None:
    """The shipped model, or None when not installed.

    Plain arrays in an .npz read with allow_pickle=False: nothing in the file is code, and it does not depend
    on the scikit-learn release that trained it. The TF-IDF step is scikit-learn's own TfidfVectorizer rebuilt
    from the vocabulary and idf through its public parameters, so claim features are computed by the same
    code at training and at run time."""
    path = resources.files("newsprism.models").joinpath(MODEL_FILE)
    if not path.is_file():
        return None
    with np.load(io.BytesIO(path.read_bytes()), allow_pickle=False) as z:
        meta = json.loads(str(z["meta"][()]))
        if tuple(meta["features"]) != tuple(FEATURE_NAMES):
            raise ValueError(f"newsprism/models/{MODEL_FILE} was trained on other features: "
                             "run scripts/train_stance.py")
        vec = make_vectorizer().set_params(vocabulary=z["vocabulary"].tolist())
        vec.idf_ = z["idf"]  # float32 as fitted: the tf-idf product is rounded in that precision
        trees = TreeEnsemble(**{name: z[name] for name in _TREE_ARRAYS}, depth=int(meta["depth"]))
        hashes = frozenset(z["train_body_hashes"].tolist())
    return StanceModel(labels=tuple(meta["labels"]), vectorizer=vec, trees=trees, train_body_hashes=hashes,
                       trained_on=meta["trained_on"], validation=meta["validation"])


def save_model(path: Path, model: StanceModel) -> None:
    """Writes what `load_model` reads. Zip entries get a fixed date, so the same model gives the same bytes."""
    vocab = sorted(model.vectorizer.vocabulary_.items(), key=lambda kv: kv[1])
    meta = {"labels": list(model.labels), "features": list(FEATURE_NAMES), "depth": model.trees.depth,
            "trained_on": model.trained_on, "validation": model.validation}
    arrays = {"meta": np.array(json.dumps(meta)), "vocabulary": np.array([t for t, _ in vocab]),
              "idf": np.asarray(model.vectorizer.idf_), "train_body_hashes": np.array(sorted(model.train_body_hashes)),
              **{name: getattr(model.trees, name) for name in _TREE_ARRAYS}}
    with zipfile.ZipFile(path, "w") as zf:
        for name, arr in arrays.items():
            buf = io.BytesIO()
            np.lib.format.write_array(buf, np.asarray(arr), allow_pickle=False)
            zf.writestr(zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0)), buf.getvalue(),
                        compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)


def _softmax(raw: np.ndarray) -> np.ndarray:
    # The same operations, in the same order, as scikit-learn's multinomial link.
    p = raw - raw.max(axis=1, keepdims=True)
    np.exp(p, out=p)
    p /= p.sum(axis=1, keepdims=True)
    return p


def predict_proba(model: StanceModel, pairs: Sequence[tuple[str, str]],
                  sentences: Mapping[str, Sequence[str]] | None = None) -> np.ndarray:
    """Class probabilities, columns in `model.labels` order (`sentences`: see `feature_matrix`). Pure numpy: no
    OpenMP thread team is started, so a worker pool forked after a prediction does not inherit one."""
    return _softmax(model.trees.raw(feature_matrix(pairs, model.vectorizer, sentences)))


def predict_pairs(model: StanceModel | None, pairs: Sequence[tuple[str, str]]) -> list[str]:
    """FNC-1 labels for (headline, body) pairs."""
    if not pairs:
        return []
    if model is None:
        raise FileNotFoundError(f"newsprism/models/{MODEL_FILE} is missing: run scripts/train_stance.py")
    proba = predict_proba(model, pairs)
    return [model.labels[i] for i in proba.argmax(axis=1)]


def model_disputes(pairs: Sequence[tuple[str, str]], threshold: float = 0.6) -> list[bool]:
    """For (fact statement, mention text) pairs the cue rules read as support: whether the trained model is
    confident the text disagrees AND the text carries a refuting word, the two signals the rules lack alone.
    All False when no model is installed."""
    # Without a refuting word the answer is False whatever the model says: only the rest are scored, and a
    # corpus with none never loads the model.
    todo = [i for i, (_, text) in enumerate(pairs) if _REFUTING_RE.search(text)]
    out = [False] * len(pairs)
    model = load_model() if todo else None
    if model is None:
        return out
    col = model.labels.index("disagree")
    # each text is one mention, i.e. one of its article's stored sentences: nothing to parse again
    proba = predict_proba(model, [pairs[i] for i in todo], {pairs[i][1]: [pairs[i][1]] for i in todo})
    for i, p in zip(todo, proba, strict=True):
        out[i] = float(p[col]) >= threshold
    return out
