"""Exact copies, syndicated wire copies, near-duplicates and partial reuse between articles.

Cost stays near-linear in the corpus: candidates come only from two indexes that are each O(articles),
  * a MinHash LSH (datasketch) over word 5-gram shingles, for whole-document resemblance, and
  * an inverted index of a deterministic 1/8 sample of shingle hashes ("fingerprints"), for a long passage that
    one article shares with another (a wire story under a new intro), capped so that a passage repeated in
    many documents (a common boilerplate sentence) never produces a quadratic block;
then each candidate pair is verified exactly on its full shingle sets.

`Duplicate.similarity` is the exact Jaccard of the two shingle sets for `exact` and `near_duplicate`, and the
exact containment |A∩B| / min(|A|, |B|) (how much of the smaller article is in the larger) for `syndicated` and
`partial`; `reason` names which one and why the original was chosen.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from anyascii import anyascii
from datasketch import MinHash, MinHashLSH

from .model import Article, Duplicate

SHINGLE = 5  # words per shingle: long enough that shared 5-grams are reuse, not shared phrasing
NUM_PERM = 128
LSH_THRESHOLD = 0.5  # copies with low Jaccard but high containment (a new intro) come from the fingerprints
FINGERPRINT_MOD = 4
FINGERPRINT_MIN = 2  # shared fingerprints for a pair to be verified: one alone is often a stock phrase
FINGERPRINT_CAP = 20  # a fingerprint in more documents than this is boilerplate, not reuse
NEAR_DUP_JACCARD = 0.8
SYNDICATED_CONTAINMENT = 0.8
PARTIAL_MIN_WORDS = 25  # the shortest shared run of words reported as reuse
SYNDICATED_PASSAGE_SHARE = 0.5  # a wire-credited article sharing this much of the smaller one is a copy

WIRES = ("reuters", "associated press", "ap", "afp", "agence france-presse", "bloomberg", "dpa", "efe",
         "ansa", "xinhua", "tass", "interfax", "ria novosti", "sputnik", "upi", "press association", "pa media")
# Capitalised words only: "Reuters contributed reporting", "Jane Doe in Caracas contributed to this report".
_CREDIT = re.compile(r"((?:[A-Z][\w.&'’-]*\s+){1,4})(?:in\s+[A-Z]\w+\s+)?contributed\s+"
                     r"(?:reporting|to\s+this\s+(?:report|article|story))")
_WORD = re.compile(r"\w+(?:['’.-]\w+)*")


@dataclass
class _Doc:
    article: Article
    words: list[tuple[int, int]]  # char spans of words in the body
    shingles: list[int]  # hash of the shingle starting at each word index
    shingle_set: set[int]
    body_hash: str
    credits: list[str]
    wire: str | None


def _norm(word: str) -> str:
    return anyascii(word).lower()


def _prepare(article: Article) -> _Doc:
    body = article.body or ""
    words = [(m.start(), m.end()) for m in _WORD.finditer(body)]
    tokens = [_norm(body[s:e]) for s, e in words]
    shingles = [_h64(" ".join(tokens[i:i + SHINGLE])) for i in range(max(0, len(tokens) - SHINGLE + 1))]
    if not shingles and tokens:  # very short text: one shingle of everything
        shingles = [_h64(" ".join(tokens))]
    return _Doc(article, words, shingles, set(shingles), hashlib.sha1(" ".join(tokens).encode()).hexdigest(),
                _credits(article), _wire_byline(article))


def _h64(text: str) -> int:
    # blake2b is stable across processes (unlike hash()), so output order and ids never depend on PYTHONHASHSEED
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big")


def _candidates(docs: list[_Doc]) -> set[tuple[int, int]]:
    pairs: set[tuple[int, int]] = set()
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    proto = MinHash(num_perm=NUM_PERM, seed=1)  # permutations drawn once, not per document
    for i, d in enumerate(docs):
        if not d.shingle_set:
            continue
        mh = MinHash(num_perm=NUM_PERM, seed=1, permutations=proto.permutations, scheme=proto.scheme)
        mh.update_batch([s.to_bytes(8, "big") for s in d.shingle_set])
        for j in lsh.query(mh):
            pairs.add((j, i))
        lsh.insert(i, mh)
    postings: dict[int, list[int]] = defaultdict(list)
    for i, d in enumerate(docs):
        for s in d.shingle_set:
            if s % FINGERPRINT_MOD == 0:
                postings[s].append(i)
    shared: Counter[tuple[int, int]] = Counter()
    for ids in postings.values():
        if 1 < len(ids) <= FINGERPRINT_CAP:
            for a in range(len(ids)):
                for b in range(a + 1, len(ids)):
                    shared[(ids[a], ids[b])] += 1
    pairs.update(p for p, n in shared.items() if n >= FINGERPRINT_MIN)
    return pairs


def _passages(a: _Doc, b: _Doc) -> list[tuple[int, int, int, int]]:
    """Maximal runs of consecutive shared shingles, as word ranges (a_start, a_end, b_start, b_end)."""
    # Cheap necessary condition first: a reportable passage is a run of consecutive shingles of `a` that all
    # occur in `b`; most candidate pairs (shared stock phrases) have none, and skip the alignment entirely.
    need = PARTIAL_MIN_WORDS - SHINGLE + 1
    hits = [s in b.shingle_set for s in a.shingles]
    windows, run_start = [], None
    for i, h in enumerate([*hits, False]):
        if h and run_start is None:
            run_start = i
        elif not h and run_start is not None:
            if i - run_start >= need:
                windows.append((run_start, i))
            run_start = None
    if not windows:
        return []
    where: dict[int, list[int]] = defaultdict(list)
    for j, s in enumerate(b.shingles):
        where[s].append(j)
    runs = []
    for w0, w1 in windows:
        runs += _align(a, b, where, w0, w1)
    return runs


def _align(a: _Doc, b: _Doc, where: dict[int, list[int]], lo: int, hi: int) -> list[tuple[int, int, int, int]]:
    runs = []
    i = lo
    while i < hi:
        best = (0, -1)
        for j in where.get(a.shingles[i], ())[:8]:
            n = 0
            while i + n < len(a.shingles) and j + n < len(b.shingles) and a.shingles[i + n] == b.shingles[j + n]:
                n += 1
            if n > best[0]:
                best = (n, j)
        n, j = best
        n = min(n, hi - i)
        if n:
            words = n + SHINGLE - 1
            if words >= PARTIAL_MIN_WORDS:
                runs.append((i, i + words, j, j + words))
            i += n
        else:
            i += 1
    return runs


def _wire_byline(article: Article) -> str | None:
    for name in [*article.authors, article.outlet or ""]:
        if _norm(name).strip() in WIRES:
            return name
    return None


def _credits(article: Article) -> list[str]:
    return [m.group(1).strip() for m in _CREDIT.finditer(article.body or "")]


def _date(article: Article) -> str | None:
    p = article.published
    return p.date or p.earliest


def _original(da: _Doc, db: _Doc) -> tuple[str | None, str]:
    """The likely original of two copies and why; None when nothing in the articles tells."""
    a, b = da.article, db.article
    wa, wb = da.wire, db.wire
    if bool(wa) != bool(wb):
        orig = a if wa else b
        return orig.id, f"{orig.id} carries the wire byline {wa or wb!r}"
    ca, cb = da.credits, db.credits
    if bool(ca) != bool(cb):
        copy = a if ca else b
        orig = b if ca else a
        return orig.id, f"{copy.id} credits {(ca or cb)[0]!r} for reporting"
    pa, pb = _date(a), _date(b)
    if pa and pb and pa != pb:
        orig = a if pa < pb else b
        return orig.id, f"{orig.id} was published first ({min(pa, pb)})"
    return None, "no byline, credit or publication date tells which came first"


def _span(d: _Doc, w0: int, w1: int) -> tuple[int, int]:
    return d.words[w0][0], d.words[w1 - 1][1]


def _verify(a: _Doc, b: _Doc) -> Duplicate | None:
    ids = sorted([a.article.id, b.article.id])
    if a.body_hash == b.body_hash and a.words:
        orig, why = _original(a, b)
        return Duplicate(ids, "exact", 1.0, orig, f"same normalised body; {why}")
    inter = len(a.shingle_set & b.shingle_set)
    if inter < PARTIAL_MIN_WORDS - SHINGLE + 1:  # too few shared shingles for even one reportable passage
        return None
    jac = inter / len(a.shingle_set | b.shingle_set)
    cont = inter / min(len(a.shingle_set), len(b.shingle_set))
    orig, why = _original(a, b)
    wired = bool(a.wire or b.wire or a.credits or b.credits)
    if jac >= NEAR_DUP_JACCARD and not wired:
        return Duplicate(ids, "near_duplicate", round(jac, 3), orig, f"Jaccard of word 5-grams {jac:.2f}; {why}")
    if cont >= SYNDICATED_CONTAINMENT:
        return Duplicate(ids, "syndicated", round(cont, 3), orig,
                         f"containment of word 5-grams {cont:.2f} (Jaccard {jac:.2f}); {why}")
    runs = _passages(a, b)
    if not runs:
        return None
    kind = "syndicated" if wired and cont >= SYNDICATED_PASSAGE_SHARE else "partial"
    passages = []
    for a0, a1, b0, b1 in runs:
        s, e = _span(a, a0, a1)
        passages.append({"article": a.article.id, "start": s, "end": e})
        s, e = _span(b, b0, b1)
        passages.append({"article": b.article.id, "start": s, "end": e})
    words = sum(a1 - a0 for a0, a1, _, _ in runs)
    return Duplicate(ids, kind, round(cont, 3), orig,
                     f"{len(runs)} shared passage(s), {words} words; containment {cont:.2f}; {why}", passages)


def find_duplicates(articles: list[Article]) -> list[Duplicate]:
    """Every pair of articles that copy each other, wholly or in part, sorted by article ids."""
    docs = [_prepare(a) for a in sorted(articles, key=lambda a: a.id)]
    found = []
    for i, j in sorted(_candidates(docs)):
        dup = _verify(docs[i], docs[j])
        if dup is not None:
            found.append(dup)
    found.sort(key=lambda d: (d.articles, d.kind))
    return found
