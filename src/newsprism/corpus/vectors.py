"""Candidate pairs from blocks, and row-wise dot products of sparse vectors for many pairs, in bounded memory.

Stories and facts score every blocked pair by the cosine of two L2-normalised rows. Gathering the rows of all
pairs at once (`m[left].multiply(m[right])`) materialises two matrices of pairs x terms: at 10,000 articles,
550,000 story pairs made 1.1 GB of temporaries. Chunks of pairs give the same numbers (each row's sum is
computed the same way) with memory bounded by the chunk.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
from scipy.sparse import csr_matrix

CHUNK = 8192


def pair_dots(m: csr_matrix, left: np.ndarray, right: np.ndarray, chunk: int = CHUNK) -> np.ndarray:
    """m[left[k]] . m[right[k]] for every k."""
    out = np.empty(len(left), dtype=m.dtype)
    for s in range(0, len(left), chunk):
        a, b = left[s:s + chunk], right[s:s + chunk]
        out[s:s + len(a)] = np.asarray(m[a].multiply(m[b]).sum(axis=1)).ravel()
    return out


def pairs_within(groups: list[np.ndarray], n_docs: int) -> np.ndarray:
    """Keys i * n_docs + j (i < j) of every pair of documents in the same group, one key per pair per group."""
    keys = []
    by_size: dict[int, list[np.ndarray]] = defaultdict(list)
    for g in groups:
        by_size[len(g)].append(g)
    for size, gs in by_size.items():  # one vectorised triangle per group size instead of a loop per pair
        block = np.stack(gs).astype(np.int64)
        a, b = np.triu_indices(size, 1)
        keys.append((block[:, a] * n_docs + block[:, b]).ravel())
    return np.concatenate(keys) if keys else np.zeros(0, dtype=np.int64)
