"""Sentence similarity for aligning claims: hashed TF-IDF cosines and the IDF-weighted containment of one
statement's content words in another's, both over the statements of one alignment block."""

from __future__ import annotations

import math
from collections import defaultdict

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.preprocessing import normalize

from newsprism.corpus.facts.stance_features import content_stems

# Hashed features instead of a fitted vocabulary: the same TF-IDF cosines (collisions among the few thousand
# n-grams of one block are negligible in 2**20 buckets), without building, sorting and pruning a vocabulary per
# block, which would be most of the fact stage's time.
HASHED = {"n_features": 1 << 20, "alternate_sign": False, "norm": None}


def tfidf(hasher: HashingVectorizer, texts: list[str]):
    # a sentence with two quantities is two units with one text: analyse it once, count it twice (same IDF)
    row_of: dict[str, int] = {}
    rows = [row_of.setdefault(t, len(row_of)) for t in texts]
    counts = hasher.transform(list(row_of))[rows]
    # Keep only the buckets in use, so that the IDF arrays are the size of the block's n-grams, not 2**20. The
    # renumbering is monotone, so each row keeps its order; then TfidfTransformer(sublinear_tf=True)'s own
    # arithmetic, in its order, without the input validation that cost more than the arithmetic on small blocks.
    used, cols = np.unique(counts.indices, return_inverse=True)
    counts = csr_matrix((counts.data, cols.astype(counts.indices.dtype), counts.indptr), shape=(len(rows), len(used)))
    df = np.bincount(counts.indices, minlength=len(used)).astype(np.float64) + 1.0
    idf = np.full_like(df, fill_value=len(rows) + 1)
    idf /= df
    np.log(idf, out=idf)
    idf += 1.0
    np.log(counts.data, counts.data)
    counts.data += 1.0
    counts.data *= idf[counts.indices]
    return normalize(counts, norm="l2", copy=False)


def containment(texts: list[str], pairs: list[tuple[int, int]]) -> list[float]:
    """Per pair, the IDF-weighted share of the shorter statement's content words that the other one uses.

    A cosine is pulled down by everything else a long lead sentence says; the claim a short sentence makes
    can still be all there ("agents once found him standing naked in a shower, holding an umbrella" inside a
    40-word sentence about a subpoena served at his mother's apartment)."""
    bags = [set(content_stems(t)) for t in texts]
    df: dict[str, int] = defaultdict(int)
    for bag in bags:
        for t in bag:
            df[t] += 1
    n = len(bags)
    idf = {t: math.log((n + 1) / (d + 1)) + 1.0 for t, d in df.items()}
    out = []
    for i, j in pairs:
        small, large = (bags[i], bags[j]) if len(bags[i]) <= len(bags[j]) else (bags[j], bags[i])
        # fsum: a float sum over a set depends on the set's order, which the hash seed changes.
        total = math.fsum(idf[t] for t in small)
        out.append(math.fsum(idf[t] for t in small & large) / total if total else 0.0)
    return out


__all__ = ["HASHED", "containment", "tfidf"]
