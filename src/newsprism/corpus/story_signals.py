"""What says two articles report one event: their words, their names, their verbatim passages, and their time.

A story is one real-world event, and the hard cases are two events of one kind (two supermarket fires, two
office shootings) and unrelated pages that share generic words. So the same-event score of a pair is built from:
  * words: cosine of TF-IDF rows (headline counted twice), smoothed idf so that the topic's own words still
    count in a corpus that is all one topic, and the event's rare words count most;
  * names: the corpus entities both name, weighted by rarity; and a conflict when each article's central name
    of one kind (its most mentioned person, or place) is absent from the other's text: the same kind of event
    happening to different people, or in different places;
  * time: articles of one event are published within days; further apart, only a verbatim tie (a shared quoted
    passage, a counted thing, or a mention of the earlier one's event day) keeps them together, and past a month
    nothing does: a retelling months later is another story;
  * verbatim ties: quoted passages and counted things ("2,000 tonnes") two tellings of one event share.
Candidate pairs come only from shared rare keys (salient terms, entities, quoted phrases, counts) whose posting
lists are capped, so the cost is near-linear in the number of articles.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from anyascii import anyascii
from scipy.sparse import csr_matrix, diags
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer
from sklearn.preprocessing import normalize

from newsprism.corpus.vectors import pair_dots, pairs_within
from newsprism.model import Article

TOP_TERMS = 12  # salient terms per article used as blocking keys
BLOCK_CAP = 100  # a key shared by more articles is too common to say "same event"
MIN_SHARED_KEYS = 2
GAP_DAYS = 7  # articles further apart than this report different events unless their text ties them
FOLLOW_DAYS = 31  # ... and further apart than this, different events whatever their text shares
ENT_WEIGHT = 0.25  # share of the same-event score that shared names carry (the rest is words)
CONFLICT = 0.5  # the score kept when the two articles' central names of one kind differ
ENTITY_TYPES = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART"}
# The kinds of name that tell one event from another of its kind: who it happened to, where.
CENTRAL_TYPES = {"PERSON": "who", "ORG": "who", "GPE": "where", "LOC": "where", "FAC": "where"}
SHARP_IDF = True
HEADER_CHARS = 300  # a date this close to the top is the article's dateline, not a date it reports on
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")
_NAME_TOKEN = re.compile(r"[A-Za-z][A-Za-z]+")
# Quoted passages and counted things are what two reports of one event share verbatim ("The crew
# acted quickly", "2,000 tonnes"); read from the text too so that the signal exists before the extractors run.
# Single quotes only at word edges: ’ and ' are also apostrophes ("Marković’s").
_QUOTED = re.compile(r"“([^“”]{6,300})”|\"([^\"]{6,300})\"|(?<!\w)‘([^‘’]{6,300})’(?!\w)")
_COUNT = re.compile(r"(?<![\w.-])(\d[\d,.]*)\s+(?:([a-z]+)\s+)?([a-z]+)")
# "Sept. 11 attack", "May 3 vote": a day of the month, not a count.
_MONTH_BEFORE = re.compile(r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s*$", re.I)


@dataclass(slots=True)
class Feat:
    keys: set[str] = field(default_factory=set)
    ents: set[str] = field(default_factory=set)
    strong: set[str] = field(default_factory=set)  # distinctive quote phrases and quantities with units
    days: set[str] = field(default_factory=set)  # day-precision event dates the text mentions
    lo: date | None = None  # the days the article was published in (or its dateline says)
    hi: date | None = None
    pub_lo: date | None = None  # the publication range as given, however wide (what a story's span is read from)
    pub_hi: date | None = None
    # kind ("who", "where") -> (entity key, name words) of the names of that kind the article opens with
    central: dict[str, list[tuple[str, tuple[str, ...]]]] = field(default_factory=dict)


def norm(text: str) -> str:
    return " ".join(anyascii(text).lower().split())


def day(value: str | None) -> date | None:
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def pub_range(article: Article) -> tuple[date | None, date | None]:
    p = article.published
    lo = day(p.earliest) or day(p.date)
    hi = day(p.latest) or day(p.date)
    if lo and hi and hi < lo:
        lo, hi = hi, lo
    return lo, hi


def _when(article: Article) -> tuple[date | None, date | None]:
    """The days an article was published in: its stated date; else a dateline (a day-precision date at the top
    of the text, as many pages carry); else its inferred range when that is narrow. A wide inferred range (a year
    named in passing) says little about when the event was."""
    p = article.published
    if d := day(p.date) if not p.inferred else None:
        return d, d
    for t in sorted(article.times, key=lambda t: t.start):
        if t.start > HEADER_CHARS:
            break
        if t.value and re.fullmatch(r"\d{4}-\d{2}-\d{2}(T.*)?", t.value) and (d := day(t.value)):
            return d, d
    lo, hi = pub_range(article)
    if lo and hi and (hi - lo).days <= GAP_DAYS:
        return lo, hi
    return None, None


def content_words(text: str) -> list[str]:
    return [w for w in (norm(m.group()) for m in _WORD.finditer(text)) if w not in ENGLISH_STOP_WORDS]


def entity_key(e) -> str:
    return e.id if re.fullmatch(r"E\d+", e.id or "") else "n:" + norm(e.name)


def _central(article: Article) -> dict[str, list[tuple[str, tuple[str, ...]]]]:
    """Per kind, the names the article opens with (headline and lead): who the event happened to and where, not
    the spokesman quoted further down."""
    out: dict[str, list[tuple[str, tuple[str, ...]]]] = defaultdict(list)
    for e in article.entities:
        kind = CENTRAL_TYPES.get(e.type)
        if not kind or not e.mentions or min(m.start for m in e.mentions) > HEADER_CHARS:
            continue
        toks = tuple(t for t in (norm(x) for x in _NAME_TOKEN.findall(e.name)) if t not in ENGLISH_STOP_WORDS)
        if toks:
            out[kind].append((entity_key(e), toks))
    return dict(out)


def features(article: Article) -> Feat:
    f = Feat()
    for e in article.entities:
        if e.type in ENTITY_TYPES:
            f.ents.add(entity_key(e))
    for q in article.quantities:
        if q.value is not None and q.unit and q.value >= 10:  # "two planes" is in every report of a topic
            unit = norm(q.unit).split()[-1].rstrip("s") if norm(q.unit) else ""
            if unit:
                f.strong.add(f"q:{q.value:g} {unit}")
    for q in article.quotes:
        if not q.direct:  # reported speech is the outlet's own wording, not a shared verbatim passage
            continue
        toks = content_words(q.text)
        f.strong.update("quote:" + " ".join(toks[i:i + 2]) for i in range(len(toks) - 1))
    body = article.body or ""
    for m in _QUOTED.finditer(body):
        toks = content_words(next(g for g in m.groups() if g))
        f.strong.update("quote:" + " ".join(toks[i:i + 2]) for i in range(len(toks) - 1))
    for m in _COUNT.finditer(body):
        num = m.group(1).replace(",", "").rstrip(".")
        if _MONTH_BEFORE.search(body[max(0, m.start() - 12):m.start()]):
            continue
        if num.isdigit() and not 1900 <= int(num) <= 2100 and int(num) >= 10:
            f.strong.update(f"q:{int(num)} {w.rstrip('s')}" for w in m.groups()[1:] if w and w not in ENGLISH_STOP_WORDS)
    for t in article.times:
        if t.value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", t.value) and t.type in ("DATE", "TIME"):
            f.days.add(t.value)
    f.lo, f.hi = _when(article)
    f.pub_lo, f.pub_hi = pub_range(article)
    f.central = _central(article)
    f.keys = {"e:" + e for e in f.ents} | f.strong
    return f


def gap(a: Feat, b: Feat) -> int | None:
    if not (a.lo and a.hi and b.lo and b.hi):
        return None
    if a.hi < b.lo:
        return (b.lo - a.hi).days
    if b.hi < a.lo:
        return (a.lo - b.hi).days
    return 0


def text_of(article: Article) -> str:
    title = article.title or ""
    return f"{title}\n{title}\n{article.body or ''}"  # the headline names the event: weigh it twice


@dataclass(slots=True)
class Vectors:
    event: csr_matrix  # sublinear tf x smoothed idf, l2 rows: the same-event words
    counts: csr_matrix  # which words each text has at all (for "does the other article name X")
    vocab: np.ndarray
    index: dict[str, int]


def tfidf(texts: Iterable[str], n: int) -> Vectors:
    """Term vectors of every text, l2-normalised rows, with smoothed idf ln((1 + N) / (1 + df)) + 1: in a corpus
    that is all one topic its words still weigh something, and the rare words that set one event apart most."""
    vec = CountVectorizer(stop_words="english", token_pattern=r"(?u)\b[A-Za-z][A-Za-z]+\b", strip_accents="unicode",
                          lowercase=True, dtype=np.float32)
    try:
        tf = vec.fit_transform(texts).tocsr()
    except ValueError:  # no words at all (empty bodies): only entities and dates can link articles
        empty = csr_matrix((n, 1), dtype=np.float32)
        return Vectors(empty, empty, np.array(["_"]), {})
    counts = tf.copy()
    tf.data = 1.0 + np.log(tf.data)
    df = np.bincount(tf.indices, minlength=tf.shape[1])
    idf = np.log(n / np.maximum(df, 1)) if SHARP_IDF else np.log((1 + n) / (1 + df)) + 1
    event = normalize(tf @ diags(idf.astype(np.float32)), norm="l2")
    event.eliminate_zeros()
    vocab = vec.get_feature_names_out()
    return Vectors(event.tocsr(), counts, vocab, {w: i for i, w in enumerate(vocab)})


def candidate_pairs(feats: list[Feat], vecs: Vectors) -> list[tuple[int, int]]:
    keys = [set(f.keys) for f in feats]
    m = vecs.event
    for i in range(m.shape[0]):
        lo, hi = m.indptr[i], m.indptr[i + 1]
        top = m.indices[lo:hi][np.argsort(-m.data[lo:hi], kind="stable")[:TOP_TERMS]]
        keys[i].update("t:" + vecs.vocab[t] for t in top)
    postings: dict[str, list[int]] = defaultdict(list)
    for i, ks in enumerate(keys):
        for k in ks:
            postings[k].append(i)
    # Pair keys i * n + j as numpy arrays, not a Counter of tuples (~150 bytes a pair, most of this stage's
    # memory at 10,000 articles); a quoted phrase or count weighs MIN_SHARED_KEYS, any other key 1.
    n = len(feats)
    strong, plain = [], []
    for k, ids in postings.items():
        if 1 < len(ids) <= BLOCK_CAP:
            (strong if k.startswith(("quote:", "q:")) else plain).append(np.asarray(ids, dtype=np.int64))
    heavy = pairs_within(strong, n)
    codes, counts = np.unique(np.concatenate([pairs_within(plain, n), *[heavy] * MIN_SHARED_KEYS]),
                              return_counts=True)
    kept = codes[counts >= MIN_SHARED_KEYS]
    return list(zip((kept // n).tolist(), (kept % n).tolist()))


def _names(counts: csr_matrix, index: dict[str, int], i: int, toks: tuple[str, ...]) -> bool:
    """Does text i contain any of the name's words (as entity extraction may miss a name it does have)?"""
    row = counts.indices[counts.indptr[i]:counts.indptr[i + 1]]
    return any((k := index.get(t)) is not None and k in row for t in toks)


def conflict(a: Feat, b: Feat, i: int, j: int, vecs: Vectors) -> bool:
    """Neither article names anywhere the people (or places) the other opens with: two events of one kind."""
    for kind, names_a in a.central.items():
        names_b = b.central.get(kind)
        if not names_b:
            continue
        if any(k in b.ents or _names(vecs.counts, vecs.index, j, t) for k, t in names_a):
            continue
        if any(k in a.ents or _names(vecs.counts, vecs.index, i, t) for k, t in names_b):
            continue
        return True
    return False


def tied(a: Feat, b: Feat, shared: set[str]) -> bool:
    """A verbatim tie between two dated articles days or weeks apart: a quoted passage (several shared quoted
    word pairs), two counted things, or a day both name that is the earlier one's own time (the later one
    reports back on that event, not on some older date both recall)."""
    quoted = sum(k.startswith("quote:") for k in shared)
    counted = len(shared) - quoted
    if quoted >= 3 or counted >= 2 or (quoted and counted):
        return True
    first = a if (a.lo or date.max) <= (b.lo or date.max) else b
    for v in a.days & b.days:
        d = day(v)
        if d and first.lo and first.hi and abs((d - first.lo).days) <= GAP_DAYS and d <= first.hi:
            return True
    return False


def similarities(pairs, feats: list[Feat], vecs: Vectors) -> tuple[np.ndarray, np.ndarray]:
    """(topic similarity, same-event similarity) per pair; the second is 0 where time says "other event"."""
    if not pairs:
        return np.zeros(0), np.zeros(0)
    # Entities weighted like terms: one named in every article of the corpus says nothing about the event.
    ent_df = Counter(e for f in feats for e in f.ents)
    w = {e: np.log((1 + len(feats)) / (1 + n)) + 1 for e, n in ent_df.items()}
    # A quoted phrase or count in more articles than a blocking key may be is stock wording ("we will not
    # tolerate", "300 residents"): at 100,000 articles such keys tied events years apart into one story.
    strong_df = Counter(k for f in feats for k in f.strong)
    common = {k for k, n in strong_df.items() if n > BLOCK_CAP}
    ii = np.array([p[0] for p in pairs])
    jj = np.array([p[1] for p in pairs])
    cos = pair_dots(vecs.event, ii, jj)
    topic = np.empty(len(pairs))
    event = np.empty(len(pairs))
    for n, (i, j) in enumerate(pairs):
        a, b = feats[i], feats[j]
        union = sum(w[e] for e in a.ents | b.ents)
        ents = sum(w[e] for e in a.ents & b.ents) / union if union else 0.0
        topic[n] = cos[n]
        shared = (a.strong & b.strong) - common
        s = ((1 - ENT_WEIGHT) * cos[n] + ENT_WEIGHT * ents) if union else cos[n]
        s += min(0.15, 0.05 * len(shared))
        g = gap(a, b)
        if g is not None and (g > FOLLOW_DAYS or (g > GAP_DAYS and not tied(a, b, shared))):
            s = 0.0
        elif conflict(a, b, i, j, vecs):
            s *= CONFLICT
        event[n] = s
    return topic, event


class Apart:
    """Whether two groups of articles, each already one event, are two events because their dates lie more than
    a month apart. Average linkage alone would let undated articles, similar to both, carry such a merge."""

    def __init__(self, feats: list[Feat]):
        self.feats = feats

    def _dates(self, members: list[int]) -> tuple[date, date] | None:
        days = [d for i in members for d in (self.feats[i].lo, self.feats[i].hi) if d]
        return (min(days), max(days)) if days else None

    def __call__(self, a: list[int], b: list[int]) -> bool:
        da, db = self._dates(a), self._dates(b)
        return bool(da and db and max((db[0] - da[1]).days, (da[0] - db[1]).days) > FOLLOW_DAYS)
