"""Exact copies, syndicated wire copies, near-duplicates and partial reuse between articles.

Cost stays near-linear in the corpus: candidates come only from two indexes that are each O(articles),
  * a MinHash LSH (datasketch) over word 5-gram shingles, for whole-document resemblance, whose candidates
    are kept only when their MinHash estimate of the Jaccard is near the LSH threshold (the banding alone lets
    through a fixed share of weakly similar pairs, and those grow with the square of the corpus), and
  * an inverted index of a deterministic 1/4 sample of shingle hashes ("fingerprints"), for a long passage that
    one article shares with another (a wire story under a new intro), capped so that a passage repeated in
    many documents (a common boilerplate sentence) never produces a quadratic block;
then each candidate pair is verified exactly on its full shingle sets. Shingle hashes and the fingerprint index
are numpy operations over whole arrays, and MinHash takes those 64-bit hashes as they are, so no Python loop runs
per shingle except the set membership tests of verification.

`Duplicate.similarity` is the exact Jaccard of the two shingle sets for `exact` and `near_duplicate`, and the
exact containment |A∩B| / min(|A|, |B|) (how much of the smaller article is in the larger) for `syndicated` and
`partial`; `reason` names which one and why the original was chosen.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from anyascii import anyascii
from datasketch import MinHash, MinHashLSH
from scipy.sparse import csr_matrix

from newsprism.corpus.stage import CorpusStage, StageContext
from newsprism.corpus.vectors import pair_dots, pairs_within
from newsprism.model import Analysis, Article, Duplicate

SHINGLE = 5  # words per shingle: long enough that shared 5-grams are reuse, not shared phrasing
NUM_PERM = 128
LSH_THRESHOLD = 0.5  # copies with low Jaccard but high containment (a new intro) come from the fingerprints
# 128 permutations estimate a Jaccard of 0.5 within ±0.044 (one sigma), so 0.35 keeps every pair the LSH is
# meant for and drops its long tail of pairs near J 0.1-0.3 (stock phrases), which grows as n² with the corpus.
LSH_MIN_ESTIMATE = 0.35
FINGERPRINT_MOD = 4
FINGERPRINT_MIN = 2  # shared fingerprints for a pair to be verified: one alone is often a stock phrase
FINGERPRINT_CAP = 20  # a fingerprint in more documents than this is boilerplate, not reuse
NEAR_DUP_JACCARD = 0.8
SYNDICATED_CONTAINMENT = 0.8
PARTIAL_MIN_WORDS = 25  # the shortest shared run of words reported as reuse
SYNDICATED_PASSAGE_SHARE = 0.5  # a wire-credited article sharing this much of the smaller one is a copy

WIRES = ("reuters", "associated press", "ap", "afp", "agence france-presse", "bloomberg", "dpa", "efe",
         "ansa", "xinhua", "tass", "interfax", "ria novosti", "sputnik", "upi", "press association", "pa media")
# Capitalised words only: "Meridian Press contributed reporting", "Jane Doe in Kessel contributed to this
# report".
_CREDIT = re.compile(r"((?:[A-Z][\w.&'’-]*\s+){1,4})(?:in\s+[A-Z]\w+\s+)?contributed\s+"
                     r"(?:reporting|to\s+this\s+(?:report|article|story))")
_WORD = re.compile(r"\w+(?:['’.-]\w+)*")
_HIT_RUN = re.compile(b"\x01{%d,}" % (PARTIAL_MIN_WORDS - SHINGLE + 1))  # shingles enough for a passage


@dataclass(slots=True)
class _Doc:
    """What dedup keeps of one article: its shingles and the few fields that choose an original, not the
    article (which, spooled, is read again only for the char offsets of a reported passage)."""
    id: str
    index: int  # position in the input sequence
    # Publication as [earliest, latest] ISO days (equal when the date is known; None where unbounded).
    date: tuple[str | None, str | None]
    # Numpy arrays, not Python ints: a list plus a set of boxed ints cost ~45 KB an article (450 MB at 10,000)
    shingles: np.ndarray  # uint64 hash of the shingle starting at each word index
    unique: np.ndarray  # the shingle set, sorted: set operations and the corpus-wide numpy indexes
    body_hash: str
    credits: list[str]
    wire: str | None
    _spans: np.ndarray | None = None

    def spans(self, articles: Sequence[Article]) -> np.ndarray:
        """Char spans of the body's words (rows of start, end), by word index; only articles with a reported
        passage need them. An array, not a list of tuples: ~38 KB an article as tuples, which at 10,000 articles
        (nearly all of them share a passage with some other) was the main process's largest allocation."""
        if self._spans is None:
            flat = [x for m in _WORD.finditer(articles[self.index].body or "") for x in m.span()]
            self._spans = np.array(flat, dtype=np.int32).reshape(-1, 2)  # bodies are far below 2**31 chars
        return self._spans


def _norm(word: str) -> str:
    # anyascii leaves ASCII unchanged; skipping it for ASCII words (nearly all of them) halves tokenising time
    return word.lower() if word.isascii() else anyascii(word).lower()


def _prepare(article: Article, index: int, token_hash: Callable[[str], int]) -> _Doc:
    body = article.body or ""
    # An ASCII body lowercases as a whole to the same words (one C call instead of one per word)
    tokens = _WORD.findall(body.lower()) if body.isascii() else [_norm(w) for w in _WORD.findall(body)]
    shingles = _shingle_hashes(np.fromiter(map(token_hash, tokens), dtype=np.uint64, count=len(tokens)))
    return _Doc(article.id, index, _date(article), shingles, np.unique(shingles),
                hashlib.sha1(" ".join(tokens).encode()).hexdigest(), _credits(article), _wire_byline(article))


def _h64(text: str) -> int:
    # blake2b is stable across processes (unlike hash()), so output order and ids never depend on PYTHONHASHSEED
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big")


_BASE = np.uint64(0x9E3779B97F4A7C15)  # odd, so each token position is a bijection of its token hash
_FMIX = (np.uint64(33), np.uint64(0xFF51AFD7ED558CCD), np.uint64(0xC4CEB9FE1A85EC53))


def _shingle_hashes(tok: np.ndarray) -> np.ndarray:
    """64-bit hash of each run of SHINGLE consecutive token hashes (of all tokens when the text is shorter)."""
    k = min(SHINGLE, len(tok))
    n = len(tok) - k + 1 if k else 0
    h = np.zeros(n, dtype=np.uint64)
    for i in range(k):  # polynomial in the token hashes, mod 2^64 (numpy wraps uint64 silently)
        h = h * _BASE + tok[i:i + n]
    # murmur3's finaliser: the polynomial's low bits depend only on the tokens' low bits, and the fingerprint
    # sample (h % FINGERPRINT_MOD) must be an independent coin per shingle, not shared by neighbouring ones
    shift, m1, m2 = _FMIX
    h ^= h >> shift
    h *= m1
    h ^= h >> shift
    h *= m2
    h ^= h >> shift
    return h


def _lsh_pairs(docs: list[_Doc]) -> np.ndarray:
    """Pairs whose MinHash signatures agree on one of the LSH bands, keys i * n + j (i < j).

    datasketch's MinHashLSH chooses the banding (b bands of r rows for the threshold); the bands are then
    matched with numpy, one sort per band. Its index keeps a bytes key per document and band in Python dicts
    (b = 25: 1.25 million objects at 50,000 articles), and this finds the same pairs: exactly those that some
    band of both signatures holds identically."""
    # affine64 takes our 64-bit shingle hashes as they are (hashfunc=int): no re-hashing of bytes per shingle
    mhs = MinHash.bulk((d.unique.tolist() for d in docs), num_perm=NUM_PERM, seed=1, scheme="affine64",
                       hashfunc=int)
    sig = np.stack([mh.hashvalues for mh in mhs]) if mhs else np.zeros((0, NUM_PERM), dtype=np.uint64)
    del mhs
    banding = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    rows = np.flatnonzero([len(d.unique) > 0 for d in docs])  # an empty text has no signature to match
    n = len(docs)
    keys = []
    for lo, hi in banding.hashranges:
        group = np.unique(sig[rows, lo:hi], axis=0, return_inverse=True)[1].ravel()
        order = np.argsort(group, kind="stable")  # stable: each group lists its documents ascending
        _, start, count = np.unique(group[order], return_index=True, return_counts=True)
        many = count > 1
        keys.append(pairs_within([rows[order[a:a + c]] for a, c in zip(start[many].tolist(), count[many].tolist())],
                                 n))
    codes = np.unique(np.concatenate(keys)) if keys else np.zeros(0, dtype=np.int64)
    left, right = codes // n, codes % n
    estimate = (sig[left] == sig[right]).mean(axis=1)
    return codes[estimate >= LSH_MIN_ESTIMATE]


def _fingerprint_pairs(docs: list[_Doc]) -> np.ndarray:
    # Sampled per document before anything is concatenated: only a quarter of the corpus's shingles (and their
    # owners) is ever copied and sorted.
    mod = np.uint64(FINGERPRINT_MOD)
    sampled = [d.unique[d.unique % mod == 0] for d in docs]
    hashes = np.concatenate(sampled)
    owner = np.repeat(np.arange(len(docs)), [len(x) for x in sampled])
    del sampled
    order = np.argsort(hashes, kind="stable")  # stable: each posting lists its documents in ascending order
    hashes, owner = hashes[order], owner[order]
    _, start, count = np.unique(hashes, return_index=True, return_counts=True)
    ok = (count > 1) & (count <= FINGERPRINT_CAP)
    groups = [owner[s:s + c] for s, c in zip(start[ok].tolist(), count[ok].tolist())]
    keys, shared = np.unique(pairs_within(groups, len(docs)), return_counts=True)
    return keys[shared >= FINGERPRINT_MIN]


def _candidates(docs: list[_Doc]) -> tuple[np.ndarray, np.ndarray]:
    """Candidate pairs as two index arrays (left[k] < right[k]), sorted."""
    if not docs:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    keys = np.unique(np.concatenate([_lsh_pairs(docs), _fingerprint_pairs(docs)]))
    return keys // len(docs), keys % len(docs)


def _member(x: np.ndarray, sorted_set: np.ndarray) -> np.ndarray:
    """x in sorted_set, elementwise: a binary search (np.isin sorts both sides again on every call)."""
    if not len(sorted_set):
        return np.zeros(len(x), dtype=bool)
    pos = np.minimum(np.searchsorted(sorted_set, x), len(sorted_set) - 1)
    return sorted_set[pos] == x


def _passages(a: _Doc, b: _Doc) -> list[tuple[int, int, int, int]]:
    """Maximal runs of consecutive shared shingles, as word ranges (a_start, a_end, b_start, b_end)."""
    # Cheap necessary condition first: a reportable passage is a run of consecutive shingles of `a` that all
    # occur in `b`; most candidate pairs (shared stock phrases) have none, and skip the alignment entirely.
    # The runs are found by a regex over one byte per shingle (1 = in `b`): a C scan, not a Python loop.
    hits = _member(a.shingles, b.unique).astype(np.uint8).tobytes()
    windows = [m.span() for m in _HIT_RUN.finditer(hits)]
    if not windows:
        return []
    sa, sb = a.shingles.tolist(), b.shingles.tolist()
    where: dict[int, list[int]] = defaultdict(list)
    # positions in `b` of the shingles the two share, ascending: all the alignment ever looks up
    for j in np.flatnonzero(_member(b.shingles, a.unique)).tolist():
        where[sb[j]].append(j)
    runs = []
    for w0, w1 in windows:
        runs += _align(sa, sb, where, w0, w1)
    return runs


def _align(sa: list[int], sb: list[int], where: dict[int, list[int]], lo: int,
           hi: int) -> list[tuple[int, int, int, int]]:
    runs = []
    i = lo
    while i < hi:
        best = (0, -1)
        for j in where.get(sa[i], ())[:8]:
            n = 0
            while i + n < len(sa) and j + n < len(sb) and sa[i + n] == sb[j + n]:
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
    if article.credit:  # the byline credits an agency or another outlet instead of people
        return article.credit
    for name in [*article.authors, article.outlet or ""]:
        if _norm(name).strip() in WIRES:
            return name
    return None


def _credits(article: Article) -> list[str]:
    body = article.body or ""
    if "contributed" not in body:  # the regex tries every capitalised word; most bodies have no credit at all
        return []
    return [m.group(1).strip() for m in _CREDIT.finditer(body)]


def _date(article: Article) -> tuple[str | None, str | None]:
    p = article.published
    return (p.date, p.date) if p.date else (p.earliest, p.latest)


def _when(d: tuple[str | None, str | None]) -> str:
    lo, hi = d
    if lo and lo == hi:
        return f"on {lo}"
    if lo and hi:
        return f"between {lo} and {hi}"
    return f"no earlier than {lo}" if lo else f"no later than {hi}"


def _original(da: _Doc, db: _Doc) -> tuple[str | None, str]:
    """The likely original of two copies and why; None when nothing in the articles tells."""
    a, b = da, db
    wa, wb = da.wire, db.wire
    if bool(wa) != bool(wb):
        orig = a if wa else b
        return orig.id, f"{orig.id} carries the wire byline {wa or wb!r}"
    ca, cb = da.credits, db.credits
    if bool(ca) != bool(cb):
        copy = a if ca else b
        orig = b if ca else a
        return orig.id, f"{copy.id} credits {(ca or cb)[0]!r} for reporting"
    # First only when the two publication ranges cannot overlap: a bound is never read as a date.
    for first, second in ((a, b), (b, a)):
        hi, lo = first.date[1], second.date[0]
        if hi and lo and hi < lo:
            return first.id, (f"{first.id} was published first ({_when(first.date)}; "
                              f"{second.id} {_when(second.date)})")
    return None, "no byline, credit or publication date tells which came first"


def _span(d: _Doc, articles: Sequence[Article], w0: int, w1: int) -> tuple[int, int]:
    spans = d.spans(articles)
    return int(spans[w0, 0]), int(spans[w1 - 1, 1])


def _intersections(docs: list[_Doc], left: np.ndarray, right: np.ndarray) -> list[int]:
    """|shingles(i) & shingles(j)| for every candidate pair, as binary row dot products (no per-pair sets)."""
    if not len(left):
        return []
    sizes = [len(d.unique) for d in docs]
    _, cols = np.unique(np.concatenate([d.unique for d in docs]), return_inverse=True)
    indptr = np.concatenate([[0], np.cumsum(sizes)])
    # float32 counts are exact far beyond any article's number of shingles (2**24)
    m = csr_matrix((np.ones(len(cols), dtype=np.float32), cols, indptr), shape=(len(docs), int(cols.max()) + 1))
    # Smaller chunks than the default: a dedup row holds a whole article's shingles (hundreds of terms), so 8,192
    # pairs gathered at once made ~90 MB of temporaries; 2,048 cost no measurable time.
    return np.rint(pair_dots(m, left, right, chunk=2048)).astype(np.int64).tolist()


def _verify(a: _Doc, b: _Doc, inter: int, articles: Sequence[Article]) -> Duplicate | None:
    ids = sorted([a.id, b.id])
    if a.body_hash == b.body_hash and len(a.shingles):  # shingles exist iff the body has words
        orig, why = _original(a, b)
        return Duplicate(ids, "exact", 1.0, orig, f"same normalised body; {why}")
    if inter < PARTIAL_MIN_WORDS - SHINGLE + 1:  # too few shared shingles for even one reportable passage
        return None
    jac = inter / (len(a.unique) + len(b.unique) - inter)  # |A∪B| without building it
    cont = inter / min(len(a.unique), len(b.unique))
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
        s, e = _span(a, articles, a0, a1)
        passages.append({"article": a.id, "start": s, "end": e})
        s, e = _span(b, articles, b0, b1)
        passages.append({"article": b.id, "start": s, "end": e})
    words = sum(a1 - a0 for a0, a1, _, _ in runs)
    return Duplicate(ids, kind, round(cont, 3), orig,
                     f"{len(runs)} shared passage(s), {words} words; containment {cont:.2f}; {why}", passages)


def find_duplicates(articles: Sequence[Article]) -> list[Duplicate]:
    """Every pair of articles that copy each other, wholly or in part, sorted by article ids."""
    token_hash = lru_cache(maxsize=None)(_h64)  # per call: a corpus's vocabulary is far smaller than its words
    docs = sorted((_prepare(a, i, token_hash) for i, a in enumerate(articles)), key=lambda d: d.id)
    found = []
    left, right = _candidates(docs)
    for i, j, inter in zip(left.tolist(), right.tolist(), _intersections(docs, left, right), strict=True):
        dup = _verify(docs[i], docs[j], inter, articles)
        if dup is not None:
            found.append(dup)
    found.sort(key=lambda d: (d.articles, d.kind))
    return found


def _run(analysis: Analysis, ctx: StageContext) -> None:
    analysis.duplicates = find_duplicates(analysis.articles)


STAGE = CorpusStage("duplicates", needs=("articles",), makes=("duplicates",), run=_run)
