"""Same-event story clusters, and the storylines (same topic) that group them.

A story is one real-world event (a tanker fire in Kessel harbour on one Saturday), not a topic (port safety):
articles weeks apart are different events unless their text ties them (a shared distinctive quote, a shared
dated event, a later lead that dates its event to the first reports) or a follow-up is about the same people.
Cost is near-linear: candidate pairs come only from shared rare keys (salient terms, corpus entities, quantities
with units, quoted phrases) whose posting lists are capped. Each pair gets a same-event probability from a small
logistic model over its shared words, entities, counts, days and quoted passage, fitted on the tune halves of
the stories eval; clustering is average-linkage over that sparse graph, so a few bridging articles cannot chain
two events together. Two events of one kind (two factory fires, two ministers resigning) share most of their
wording; what parts them is who and where: two articles whose leads are about people or places the other never
names keep half their probability, and two clusters neither of which names the other's main people never merge.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
from anyascii import anyascii
from scipy.sparse import csr_matrix, diags
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer
from sklearn.preprocessing import normalize

from newsprism.articles import collection
from newsprism.corpus.linkage import Graph
from newsprism.corpus.stage import CorpusStage, StageContext
from newsprism.corpus.vectors import pair_dots, pairs_within
from newsprism.model import Analysis, Article, Duplicate, Story

TOP_TERMS = 40  # salient terms per article used as blocking keys (enough that same-event pairs get scored)
BLOCK_CAP = 100  # a key shared by more articles is too common to say "same event"
MIN_SHARED_KEYS = 2
STORY_THRESHOLD = 0.35  # average same-event probability to join one event
STORYLINE_THRESHOLD = 0.12  # ... and to join one topic (no time gate)
MAIN_TYPES = {"PERSON", "GPE"}  # who and where an event report is about
MAIN_SENTENCES = 2  # the lead: where a report names them
# Logistic weights of pair_features (event cosine, entity overlap, shared counts, shared day, shared quoted
# passage) and bias, fitted by scripts/fit_story_pairs.py on the eval's tune halves only.
PAIR_WEIGHTS = (33.75, 12.58, 1.98, 3.83, 1.78)
PAIR_BIAS = -7.04
MAX_COUNTED = 5  # shared counted things beyond this add nothing
MAX_QUOTED = 10  # shared quoted word pairs: the longer the shared passage, the surer, up to this
CONFLICT_FACTOR = 0.5  # share of the probability kept when the two articles' main actors differ
GAP_DAYS = 7  # articles further apart than this report different events unless their text ties them
FOLLOW_UP_DAYS = 2 * GAP_DAYS  # ... or unless a follow-up shares a main person (see _within_gate)
ENTITY_TYPES = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART"}
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")
# Quoted passages and counted things are what two reports of one event share verbatim ("The crew
# acted quickly", "2,000 tonnes"); read from the text too so that the signal exists before the extractors run.
# Single quotes only at word edges: ’ and ' are also apostrophes ("Marković’s").
_QUOTED = re.compile(r"“([^“”]{6,300})”|\"([^\"]{6,300})\"|(?<!\w)‘([^‘’]{6,300})’(?!\w)")
_COUNT = re.compile(r"(?<![\w.-])(\d[\d,.]*)\s+(?:([a-z]+)\s+)?([a-z]+)")
_LEAD_DATE = re.compile(r"\d{4}-\d{2}(?:-\d{2})?")
_SENT_END = re.compile(r"[.!?](?=\s)")
_NAME_WORD = re.compile(r"[a-z]+")
_TITLE_TAIL = re.compile(r"\s*(?:[-–—|:]\s*(?:reports?|report says|sources?|update[sd]?|live|video|watch)\s*$)", re.I)
_TITLE_SITE = re.compile(r"\s+[|–—-]\s+[^|–—-]{2,40}$")


@dataclass(slots=True)
class _Feat:
    keys: set[str] = field(default_factory=set)
    ents: set[str] = field(default_factory=set)
    strong: set[str] = field(default_factory=set)  # distinctive quote phrases and quantities with units
    days: set[str] = field(default_factory=set)  # day-precision event dates the text mentions
    lead_dates: set[str] = field(default_factory=set)  # day- or month-precision dates the first two sentences name
    mains: set[str] = field(default_factory=set)  # surnames of the people and places the lead is about
    people: set[str] = field(default_factory=set)  # the mains that are people
    names: set[str] = field(default_factory=set)  # every word of every name the article uses, and of its title
    lo: date | None = None
    hi: date | None = None


@dataclass(slots=True)
class _Meta:
    """What the labels need of one article, kept instead of the article itself."""
    id: str
    title: str | None
    lead: str | None  # the first sentence's first 12 words, the label when no headline says more
    names: list[tuple[str, str, int]]  # (entity key, name, mentions) of the entity types storylines are named by


def _norm(text: str) -> str:
    return " ".join(anyascii(text).lower().split())


def _day(value: str | None) -> date | None:
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _pub_range(article: Article) -> tuple[date | None, date | None]:
    p = article.published
    lo = _day(p.earliest) or _day(p.date)
    hi = _day(p.latest) or _day(p.date)
    if lo and hi and hi < lo:
        lo, hi = hi, lo
    return lo, hi


def _content_words(text: str) -> list[str]:
    return [w for w in (_norm(m.group()) for m in _WORD.finditer(text)) if w not in ENGLISH_STOP_WORDS]


def _features(article: Article) -> _Feat:
    f = _Feat()
    for e in article.entities:
        if e.type in ENTITY_TYPES:
            f.ents.add(e.id if re.fullmatch(r"E\d+", e.id or "") else "n:" + _norm(e.name))
    for q in article.quantities:
        if q.value is not None and q.unit and q.value >= 10:  # "two planes" is in every report of a topic
            unit = _norm(q.unit).split()[-1].rstrip("s") if _norm(q.unit) else ""
            if unit:
                f.strong.add(f"q:{q.value:g} {unit}")
    for q in article.quotes:
        if not q.direct:  # reported speech is the outlet's own wording, not a shared verbatim passage
            continue
        toks = _content_words(q.text)
        f.strong.update("quote:" + " ".join(toks[i:i + 2]) for i in range(len(toks) - 1))
    body = article.body or ""
    for m in _QUOTED.finditer(body):
        toks = _content_words(next(g for g in m.groups() if g))
        f.strong.update("quote:" + " ".join(toks[i:i + 2]) for i in range(len(toks) - 1))
    for m in _COUNT.finditer(body):
        num = m.group(1).replace(",", "").rstrip(".")
        if num.isdigit() and not 1900 <= int(num) <= 2100 and int(num) >= 10:
            f.strong.update(f"q:{int(num)} {w.rstrip('s')}" for w in m.groups()[1:] if w and w not in ENGLISH_STOP_WORDS)
    lead = _lead_end(body)
    for t in article.times:
        if t.value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", t.value) and t.type in ("DATE", "TIME"):
            f.days.add(t.value)
        if t.value and _LEAD_DATE.fullmatch(t.value) and t.type == "DATE" and t.start < lead:
            f.lead_dates.add(t.value)
    f.mains, f.people, f.names = _main_names(article)
    f.lo, f.hi = _pub_range(article)
    f.keys = {"e:" + e for e in f.ents} | f.strong
    return f


def _lead_end(body: str) -> int:
    """End of the first MAIN_SENTENCES sentences, or of the body when its first 2,000 characters have fewer."""
    ends = [m.end() for m in _SENT_END.finditer(body, 0, 2000)]
    return ends[MAIN_SENTENCES - 1] if len(ends) >= MAIN_SENTENCES else len(body)


def _main_names(article: Article) -> tuple[set[str], set[str], set[str]]:
    """(main, main people, all) name words. Main: a person or place named at least twice and in the first two
    sentences, or in the headline; what an event report is about. Two reports of one event name each other's
    main actors; two events of one kind (two arrests, two fires) name different ones, however alike their
    wording."""
    body = article.body or ""
    lead = _lead_end(body)
    title = set(_NAME_WORD.findall(_norm(article.title or "")))
    mains, people, names = set(), set(), set(title)
    for e in article.entities:
        words = _NAME_WORD.findall(_norm(e.name))
        names.update(words)
        if e.type not in MAIN_TYPES or not words or len(words[-1]) < 3:
            continue
        if words[-1] in title or (len(e.mentions) >= 2 and any(m.start < lead for m in e.mentions)):
            mains.add(words[-1])
            if e.type == "PERSON":
                people.add(words[-1])
    return mains, people, names


def _conflict(a: _Feat, b: _Feat) -> bool:
    """Each names a main actor the other never mentions: two events of one kind."""
    return bool(a.mains and b.mains) and (not a.mains & b.names or not b.mains & a.names)


def _within_gate(a: _Feat, b: _Feat) -> bool:
    """Whether two reports may be one event by their dates: the evidence needed grows with the days between them.

    Within GAP_DAYS any shared wording may tie them. Two reports about different main actors never pass.
    Further apart, a later report whose lead dates what it tells of to when the earlier one was published
    ("the trial of the driver accused over the crash at a March 2019 parade opened") may. So may a follow-up (an
    arrest, a funeral) that shares a main person: up to FOLLOW_UP_DAYS, or at any distance when both are about
    exactly the same main actors (a trial months later tells of the same people); a report that adds someone new
    weeks later (a minister's visit) is another event, and so is a second fire in one town: a place alone is not
    enough. A shared quote, count or named day ties reports at any distance (`tied` in `_similarities`).
    """
    gap = _gap(a, b)
    if gap is None or gap <= GAP_DAYS:
        return True
    if _conflict(a, b):
        return False
    if _dates_back(a, b) or _dates_back(b, a):
        return True
    if not a.people & b.people:  # a town sees many events; a follow-up is about the same people
        return False
    return gap <= FOLLOW_UP_DAYS or a.mains == b.mains


def _dates_back(earlier: _Feat, later: _Feat) -> bool:
    """The later report's lead names a day within GAP_DAYS before or during the earlier one's publication
    range, or the month that range lies in."""
    if not (earlier.lo and earlier.hi and later.lo and earlier.hi < later.lo):
        return False
    month = earlier.lo.isoformat()[:7]
    for v in later.lead_dates:
        if len(v) == 7:
            if v == month and earlier.hi.isoformat()[:7] == month:
                return True
        elif (d := _day(v)) and earlier.lo - timedelta(days=GAP_DAYS) <= d <= earlier.hi:
            return True
    return False


def _gap(a: _Feat, b: _Feat) -> int | None:
    if not (a.lo and a.hi and b.lo and b.hi):
        return None
    if a.hi < b.lo:
        return (b.lo - a.hi).days
    if b.hi < a.lo:
        return (a.lo - b.hi).days
    return 0


def _text(article: Article) -> str:
    """Headline twice, lead (first two sentences) three times: they say which event the report is about, where
    the rest of a body drifts into background that reports of other events on the topic share (a product's
    history, a war's chronology). Bodies without a headline (pasted or syndicated text) still have their lead."""
    title = article.title or ""
    body = article.body or ""
    lead = body[:min(_lead_end(body), 2000)]
    return f"{title}\n{title}\n{lead}\n{lead}\n{body}"


def _tfidf(texts: Iterable[str], n: int) -> tuple[csr_matrix, csr_matrix, np.ndarray]:
    """(event, topic) term vectors, l2-normalised rows, and the vocabulary.

    Event vectors weigh sublinear tf by idf = ln(N / df), without the usual +1: a word in every article weighs
    nothing, so in a corpus about one topic ("Kessel", "tanker", "Baltrans" everywhere) only what sets one
    event apart is left, even in a corpus of five. Topic vectors keep the smoothed idf, where shared topic
    words still count.
    """
    vec = CountVectorizer(stop_words="english", token_pattern=r"(?u)\b[A-Za-z][A-Za-z]+\b", strip_accents="unicode",
                          dtype=np.float32)
    try:
        tf = vec.fit_transform(texts).tocsr()
    except ValueError:  # no words at all (empty bodies): only entities and dates can link articles
        empty = csr_matrix((n, 1), dtype=np.float32)
        return empty, empty, np.array(["_"])
    tf.data = 1.0 + np.log(tf.data)
    df = np.bincount(tf.indices, minlength=tf.shape[1])
    event = normalize(tf @ diags(np.log(n / np.maximum(df, 1)).astype(np.float32)), norm="l2")
    event.eliminate_zeros()
    topic = normalize(tf @ diags((np.log((1 + n) / (1 + df)) + 1).astype(np.float32)), norm="l2")
    return event.tocsr(), topic.tocsr(), vec.get_feature_names_out()


def _candidate_pairs(feats: list[_Feat], tfidf, vocab: np.ndarray) -> list[tuple[int, int]]:
    keys = [set(f.keys) for f in feats]
    for i in range(tfidf.shape[0]):
        row = tfidf.getrow(i)
        top = row.indices[np.argsort(-row.data, kind="stable")[:TOP_TERMS]]
        keys[i].update("t:" + vocab[t] for t in top)
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


def pair_features(pairs, feats: list[_Feat], tfidf) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(features, main actors in conflict, passes the time gate) per pair. Features, in PAIR_WEIGHTS' order:
    event cosine, weighted entity overlap, shared counted things, a shared named day, the length of a shared
    quoted passage."""
    x = np.zeros((len(pairs), len(PAIR_WEIGHTS)))
    conflict = np.zeros(len(pairs), dtype=bool)
    gate = np.zeros(len(pairs), dtype=bool)
    if not pairs:
        return x, conflict, gate
    # Entities weighted like terms: one named in every article of the corpus says nothing about the event.
    ent_df = Counter(e for f in feats for e in f.ents)
    w = {e: np.log(len(feats) / n) for e, n in ent_df.items()}
    # A quoted phrase or count in more articles than a blocking key may be is stock wording ("we will not
    # tolerate", "300 residents"): at 100,000 articles such keys tied events years apart into one story.
    strong_df = Counter(k for f in feats for k in f.strong)
    common = {k for k, n in strong_df.items() if n > BLOCK_CAP}
    ii = np.array([p[0] for p in pairs])
    jj = np.array([p[1] for p in pairs])
    x[:, 0] = pair_dots(tfidf, ii, jj)
    for n, (i, j) in enumerate(pairs):
        a, b = feats[i], feats[j]
        # fsum: a float sum over a set depends on the set's order, which the hash seed changes.
        union = math.fsum(w[e] for e in a.ents | b.ents)
        x[n, 1] = math.fsum(w[e] for e in a.ents & b.ents) / union if union else 0.0
        shared = (a.strong & b.strong) - common
        # A quoted passage (several shared quoted word pairs), a counted thing or a named day: one event.
        quoted = sum(k.startswith("quote:") for k in shared)
        counted = len(shared) - quoted
        x[n, 2] = min(counted, MAX_COUNTED)
        x[n, 3] = bool(a.days & b.days)
        x[n, 4] = min(quoted, MAX_QUOTED) / MAX_QUOTED
        conflict[n] = _conflict(a, b)
        tied = quoted >= 3 or counted >= 2 or (quoted and counted) or bool(a.days & b.days)
        gate[n] = tied or _within_gate(a, b)
    return x, conflict, gate


def _similarities(pairs, feats: list[_Feat], tfidf, topic_tfidf) -> tuple[np.ndarray, np.ndarray]:
    """(topic similarity, same-event probability) per pair; the second is 0 where time says "other event".

    The probability is a logistic model over `pair_features`, fitted on the tune halves of the stories eval
    (scripts/fit_story_pairs.py): no single cosine cut serves both a corpus of one topic and a mixed one.
    """
    x, conflict, gate = pair_features(pairs, feats, tfidf)
    if not pairs:
        return np.zeros(0), np.zeros(0)
    plain = np.array([len(feats[i].ents & feats[j].ents) / len(feats[i].ents | feats[j].ents)
                      if feats[i].ents and feats[j].ents else np.nan for i, j in pairs])
    tcos = pair_dots(topic_tfidf, np.array([p[0] for p in pairs]), np.array([p[1] for p in pairs]))
    topic = np.where(np.isnan(plain), tcos, 0.75 * tcos + 0.25 * np.nan_to_num(plain))
    event = 1.0 / (1.0 + np.exp(-(x @ np.array(PAIR_WEIGHTS) + PAIR_BIAS)))
    event = np.where(conflict, CONFLICT_FACTOR * event, event)
    return topic, np.where(gate, event, 0.0)


def _clean_title(title: str) -> str:
    t = " ".join(title.split())
    t = _TITLE_TAIL.sub("", t)
    t = _TITLE_SITE.sub("", t) if len(t) > 40 else t
    return t.strip(" -–—|:")


def _meta(article: Article) -> _Meta:
    first = re.split(r"(?<=[.!?])\s", (article.body or "").strip(), maxsplit=1)[0]
    words = first.split()
    lead = " ".join(words[:12]) + ("…" if len(words) > 12 else "") if words else None
    names = [(e.id if re.fullmatch(r"E\d+", e.id or "") else _norm(e.name), e.name, len(e.mentions))
             for e in article.entities if e.type in ("PERSON", "ORG", "GPE", "NORP", "EVENT") and e.mentions]
    return _Meta(article.id, article.title, lead, names)


def _label(idx: list[int], arts: list[_Meta], sims: dict[tuple[int, int], float]) -> str:
    def centrality(i: int) -> float:
        return sum(sims.get((min(i, j), max(i, j)), 0.0) for j in idx if j != i)

    for i in sorted(idx, key=lambda i: (-centrality(i), arts[i].id)):
        if arts[i].title and len(arts[i].title.split()) >= 3:
            return _clean_title(arts[i].title)
    return arts[min(idx, key=lambda i: arts[i].id)].lead or arts[idx[0]].id


def _span(idx: list[int], feats: list[_Feat]) -> tuple[str | None, str | None]:
    """First and last day of the story: narrow publication dates and the event days they report; when every
    article only has a wide inferred range, the days all those ranges share (one event, published together)."""
    days: list[date] = []
    ranges = []
    for i in idx:
        f = feats[i]
        if not (f.lo and f.hi):
            continue
        ranges.append((f.lo, f.hi))
        if (f.hi - f.lo).days > 2 * GAP_DAYS:
            continue
        days += [f.lo, f.hi]
        # The main event can precede publication by a few days ("landed on Saturday"): count such dates.
        for v in f.days:
            d = _day(v)
            if d and f.lo - timedelta(days=GAP_DAYS) <= d <= f.hi:
                days.append(d)
    if days:
        return min(days).isoformat(), max(days).isoformat()
    if ranges:
        lo, hi = max(r[0] for r in ranges), min(r[1] for r in ranges)
        if lo > hi:  # inconsistent ranges: the narrowest one is the best bound there is
            lo, hi = min(ranges, key=lambda r: (r[1] - r[0], r))
        return lo.isoformat(), hi.isoformat()
    return None, None


def _storyline_label(idx: list[int], arts: list[_Meta]) -> str | None:
    counts: Counter[str] = Counter()
    names: dict[str, Counter[str]] = defaultdict(Counter)
    for i in idx:
        seen = set()
        for key, name, n in arts[i].names:
            names[key][name] += n
            if key not in seen:
                seen.add(key)
                counts[key] += 1
    top = sorted(counts, key=lambda k: (-counts[k], -sum(names[k].values()), k))[:3]
    return " · ".join(names[k].most_common(1)[0][0] for k in top) or None


def _prepare(articles: Sequence[Article]) -> tuple[list[_Feat], list[_Meta], csr_matrix, csr_matrix, np.ndarray]:
    """Features, label data and (event, topic) term vectors of every article, in id order."""
    feats: list[_Feat] = []
    arts: list[_Meta] = []

    def texts() -> Iterator[str]:
        # One read of each (possibly spooled) article: the vectoriser takes the texts as they come, and the
        # features and label data are gathered on the way, so no stage of this holds whole articles.
        for a in collection(articles).by_id():
            feats.append(_features(a))
            arts.append(_meta(a))
            yield _text(a)

    stream = texts()
    tfidf, topic_tfidf, vocab = _tfidf(stream, len(articles))
    for _ in stream:  # should the vectoriser ever stop early, every article still gets its features
        pass
    mains = set().union(*(f.mains for f in feats))
    for f in feats:  # only a name that is some article's main actor is ever looked up
        f.names &= mains
    return feats, arts, tfidf, topic_tfidf, vocab


def scored_pairs(articles: Sequence[Article]) -> tuple[list[str], list[tuple[int, int]], np.ndarray, np.ndarray]:
    """(article ids, candidate pairs, pair_features, time gate) as cluster_stories sees them: what the pair
    model is fitted on."""
    feats, arts, tfidf, _, vocab = _prepare(articles)
    pairs = _candidate_pairs(feats, tfidf, vocab)
    x, _, gate = pair_features(pairs, feats, tfidf)
    return [a.id for a in arts], pairs, x, gate


def cluster_stories(articles: Sequence[Article], duplicates: list[Duplicate]) -> list[Story]:
    """Stories S1.. (earliest date, then label) with storylines L1.. grouping stories of one topic."""
    if not len(articles):
        return []
    feats, arts, tfidf, topic_tfidf, vocab = _prepare(articles)
    pos = {a.id: i for i, a in enumerate(arts)}
    pairs = _candidate_pairs(feats, tfidf, vocab)
    topic, event = _similarities(pairs, feats, tfidf, topic_tfidf)

    g = Graph(len(arts), [(f.people, f.names) for f in feats])
    sims = {}
    for (i, j), s in zip(pairs, event):
        sims[(i, j)] = float(s)
        if s > 0:
            g.add(i, j, float(s))
    # Copies of one text report one event whatever their dates say; partial reuse (a background paragraph)
    # does not make two events one.
    for d in duplicates:
        if d.kind != "partial":
            ids = [pos[x] for x in d.articles if x in pos]
            for x in ids[1:]:
                if g.owner[ids[0]] != g.owner[x]:
                    g.merge(g.owner[ids[0]], g.owner[x])
    groups = g.agglomerate(STORY_THRESHOLD)

    # Storylines: the same agglomeration one level up, story clusters as the starting points, no time gate.
    gl = Graph(len(arts))
    for (i, j), s in zip(pairs, topic):
        gl.add(i, j, float(s))
    for grp in groups:
        for x in grp[1:]:
            if gl.owner[grp[0]] != gl.owner[x]:
                gl.merge(gl.owner[grp[0]], gl.owner[x])
    lines = gl.agglomerate(STORYLINE_THRESHOLD)

    stories = []
    for grp in groups:
        earliest, latest = _span(grp, feats)
        stories.append(Story(id="", label=_label(grp, arts, sims), articles=[arts[i].id for i in grp],
                             earliest=earliest, latest=latest))
    stories.sort(key=lambda s: (s.earliest or "9999", s.label, s.articles[0]))
    for n, s in enumerate(stories, 1):
        s.id = f"S{n}"
    line_of = {}
    line_order = []
    story_of = {a: s for s in stories for a in s.articles}
    for grp in lines:
        first = min(int(story_of[arts[i].id].id[1:]) for i in grp)
        line_order.append((first, grp))
    line_order.sort()
    for n, (_, grp) in enumerate(line_order, 1):
        label = _storyline_label(grp, arts)
        for i in grp:
            line_of[arts[i].id] = (f"L{n}", label)
    for s in stories:
        s.storyline, s.storyline_label = line_of[s.articles[0]]
    return stories


def _run(analysis: Analysis, ctx: StageContext) -> None:
    analysis.stories = cluster_stories(analysis.articles, analysis.duplicates)


STAGE = CorpusStage("stories", needs=("articles", "duplicates"), makes=("stories",), run=_run)
