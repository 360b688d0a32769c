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

import gzip
import pickle
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from newsprism.corpus.facts.stance_features import REFUTING, feature_matrix

MODEL_FILE = "stance.pkl.gz"

# A named party saying the claim is untrue (or refusing to confirm it: "We have no such information").
DENY_RE = re.compile(
    r"\b(?:den(?:y|ies|ied|ying)|rejects? (?:the|these|those) (?:reports?|claims?|allegations?)|"
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
    ("... said the number may be around 400. ... Peskov stated: 'We have no such information.'" is handled by
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


@lru_cache(maxsize=1)
def load_model() -> dict[str, Any] | None:
    """The shipped model bundle ({"vectorizer", "classifier", "labels", ...}), or None when not installed.

    A gzipped pickle, not joblib: joblib's pure-Python unpickler took 2.7 s for this file, the C one 0.1 s,
    which is most of a cold run on five articles. The file is newsprism's own, written by
    scripts/train_stance.py, so unpickling it is no more trusting than importing the package."""
    path = resources.files("newsprism.models").joinpath(MODEL_FILE)
    if not path.is_file():
        return None
    with gzip.open(path, "rb") as fh:
        return _Unpickler(fh).load()


class _Unpickler(pickle.Unpickler):
    # The bundle names the feature module by its old flat path.
    def find_class(self, module: str, name: str):
        if module == "newsprism.stance_features":
            module = "newsprism.corpus.facts.stance_features"
        return super().find_class(module, name)


@lru_cache(maxsize=1)
def _threadpools():
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


def predict_proba(model: dict[str, Any], pairs: Sequence[tuple[str, str]]):
    X = feature_matrix(pairs, model["vectorizer"])
    # One OpenMP thread: the gradient-boosting predictor otherwise starts an OpenMP thread team in this process,
    # and a worker pool forked after that deadlocks on the team's barrier (seen: a run with workers=1 followed by
    # one with workers=2 in the same process hung in the fact stage). Parallelism here is one process per core.
    with _threadpools().limit(limits=1, user_api="openmp"):
        return model["classifier"].predict_proba(X)


def predict_pairs(model: dict[str, Any] | None, pairs: Sequence[tuple[str, str]]) -> list[str]:
    """FNC-1 labels for (headline, body) pairs."""
    if not pairs:
        return []
    if model is None:
        raise FileNotFoundError(f"newsprism/models/{MODEL_FILE} is missing: run scripts/train_stance.py")
    labels = list(model["labels"])
    proba = predict_proba(model, pairs)
    return [labels[i] for i in proba.argmax(axis=1)]


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
    col = list(model["labels"]).index("disagree")
    proba = predict_proba(model, [pairs[i] for i in todo])
    for i, p in zip(todo, proba, strict=True):
        out[i] = float(p[col]) >= threshold
    return out
