"""Sentence-level media bias (BABE's Biased / Non-biased): a logistic head over a sentence's words.

It reads three kinds of evidence: lemma unigrams and bigrams, newsprism's loaded-language lexicon hits, and a
per-word score table (`word_scores`). That table is a linear model over word vectors folded into one number
per word: at training time (scripts/train_loaded.py) the head is fitted on the mean word vector of each
sentence from a larger spaCy model, and since a linear function of a mean is the mean of that function over
the words, each word's share can be written down on its own. So the default install, which has no word vectors,
still generalises from the annotated words to their neighbours in vector space ("tirade" from "rant"), and
no vectors ship. Words whose share is close to the table's typical value are left out; they count as that
value (zero after centring), as does a word the vectors do not know (in training it had a zero vector instead;
0.5 % of BABE's words).

The token model's scores are not read here: that model was fitted on the same BABE sentences, so a head trained
over them trusts them far more than they deserve on new text.
"""

from __future__ import annotations

import gzip
import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.tokens import Doc, Span

from newsprism.extract.loaded import lexicon_hits, score_tokens

HEAD_FILE = "babe_head.json.gz"
VECTOR_FEATURE = "vec_mean"


@dataclass(frozen=True)
class SentenceHead:
    intercept: float
    weights: dict[str, float]
    word_scores: dict[str, float] = field(default_factory=dict)
    validation: dict[str, Any] | None = None  # held-out and cross-validated scores recorded by the trainer

    def logit(self, feats: dict[str, float]) -> float:
        return self.intercept + sum(self.weights.get(k, 0.0) * v for k, v in feats.items())


def vector_words(sent: Doc | Span) -> list[str]:
    """The words whose vectors are averaged: alphabetic, not stop words, lowercased (the form vectors key on)."""
    return [tok.lower_ for tok in sent if tok.is_alpha and not tok.is_stop]


def sentence_features(sent: Doc | Span, word_scores: dict[str, float] | None = None) -> dict[str, float]:
    """Lemma unigrams (stop words left out) and bigrams, the lexicon's hits, and with a word table the mean
    of its scores over `vector_words`."""
    lemmas = [tok.lemma_.lower() for tok in sent if tok.is_alpha]
    f: dict[str, float] = {f"b={a}_{b}": 1.0 for a, b in zip(lemmas, lemmas[1:])}
    for tok in sent:
        if tok.is_alpha and not tok.is_stop:
            f[f"l={tok.lemma_.lower()}"] = 1.0
    hits = lexicon_hits(sent)
    f["lex_n"] = float(len(hits))
    f["lex_max"] = max((p for p, _ in hits.values()), default=0.0)
    if word_scores:
        words = vector_words(sent)
        f[VECTOR_FEATURE] = sum(word_scores.get(w, 0.0) for w in words) / len(words) if words else 0.0
    return f


@lru_cache(maxsize=1)
def load_head() -> SentenceHead | None:
    """The shipped head, or None when it has not been trained."""
    try:
        raw = resources.files("newsprism.models").joinpath(HEAD_FILE).read_bytes()
    except (FileNotFoundError, ModuleNotFoundError, OSError):
        return None
    data = json.loads(gzip.decompress(raw))
    return SentenceHead(intercept=data["intercept"], weights=data["weights"],
                        word_scores=data.get("word_scores", {}), validation=data.get("validation"))


def sentence_bias(sent: Doc | Span, head: SentenceHead | None = None) -> float:
    """Probability that a sentence is biased in BABE's sense; without a shipped head, the strongest token
    score of the loaded-language model stands in."""
    head = head if head is not None else load_head()
    if head is None:
        return max((s for s, _ in score_tokens(sent)), default=0.0)
    z = head.logit(sentence_features(sent, head.word_scores))
    return 1.0 / (1.0 + math.exp(-max(min(z, 50.0), -50.0)))


def write_head(head: SentenceHead, path: Any) -> int:
    """Gzipped JSON (no pickle), byte-stable for equal heads; returns its size."""
    payload = {"version": 1, "intercept": head.intercept, "weights": head.weights,
               "word_scores": head.word_scores, "validation": head.validation}
    data = gzip.compress(json.dumps(payload, separators=(",", ":"), sort_keys=True).encode(), mtime=0)
    path.write_bytes(data)
    return len(data)
