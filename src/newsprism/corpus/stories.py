"""Same-event story clusters, and the storylines (same topic) that group them.

A story is one real-world event (a tanker fire in Kessel harbour on one Saturday), not a topic (port safety).
What each article brings (keys, entities, passages, dates, main actors) and the time gate are in
story_features; labels and spans in story_labels. Cost is near-linear: candidate pairs come only from shared
rare keys (salient terms, corpus entities, quantities with units, quoted phrases) whose posting lists are capped.
Each pair gets a same-event probability from a small logistic model over its shared words, entities, counts,
days and quoted passage, fitted on the tune halves of the stories eval; clustering is average-linkage over that
sparse graph, so a few bridging articles cannot chain two events together. Two articles whose leads are about
people or places the other never names keep half their probability, and two clusters neither of which names the
other's main people never merge.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence

import numpy as np
from scipy.sparse import csr_matrix, diags
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.preprocessing import normalize

from newsprism.articles import collection
from newsprism.corpus.linkage import Graph
from newsprism.corpus.stage import CorpusStage, StageContext
from newsprism.corpus.story_features import Feat, conflict, features, lead_end, within_gate
from newsprism.corpus.story_labels import Meta, label, meta, span, storyline_label
from newsprism.corpus.vectors import pair_dots, pairs_within
from newsprism.model import Analysis, Article, Duplicate, Story

TOP_TERMS = 40  # salient terms per article used as blocking keys (enough that same-event pairs get scored)
BLOCK_CAP = 100  # a key shared by more articles is too common to say "same event"
MIN_SHARED_KEYS = 2
STORY_THRESHOLD = 0.35  # average same-event probability to join one event
STORYLINE_THRESHOLD = 0.12  # ... and to join one topic (no time gate)
# Logistic weights of pair_features (event cosine, entity overlap, shared counts, shared day, shared quoted
# passage, passage with a count) and bias, fitted by scripts/fit_story_pairs.py on the eval's tune halves only.
PAIR_WEIGHTS = (33.88, 12.41, 1.91, 3.93, 1.44, 2.59)
PAIR_BIAS = -7.05
MAX_COUNTED = 5  # shared counted things beyond this add nothing
MAX_QUOTED = 10  # shared quoted word pairs: the longer the shared passage, the surer, up to this
CONFLICT_FACTOR = 0.5  # share of the probability kept when the two articles' main actors differ


def _text(article: Article) -> str:
    """Headline twice, lead (first two sentences) three times: they say which event the report is about, where
    the rest of a body drifts into background that reports of other events on the topic share (a product's
    history, a war's chronology). Bodies without a headline (pasted or syndicated text) still have their lead."""
    title = article.title or ""
    body = article.body or ""
    lead = body[:min(lead_end(body), 2000)]
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


def _candidate_pairs(feats: list[Feat], tfidf, vocab: np.ndarray) -> list[tuple[int, int]]:
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


def pair_features(pairs, feats: list[Feat], tfidf) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(features, main actors in conflict, passes the time gate) per pair. Features, in PAIR_WEIGHTS' order:
    event cosine, weighted entity overlap, shared counted things, a shared named day, the length of a shared
    quoted passage, and that length again where a counted thing is shared too.

    The last is there because two long reports of one event can share little else: a quoted passage and a count
    retold together ("35 tons", the same two quoted sentences) marked one event in every such pair of the tune
    halves, even where the rest of the wording (each outlet's own background) keeps the cosine low. Apart, each
    of the two is weaker: stock quotes recur across a topic's events, counts across its reports."""
    x = np.zeros((len(pairs), len(PAIR_WEIGHTS)))
    apart = np.zeros(len(pairs), dtype=bool)
    gate = np.zeros(len(pairs), dtype=bool)
    if not pairs:
        return x, apart, gate
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
        x[n, 5] = x[n, 4] if counted else 0.0
        apart[n] = conflict(a, b)
        tied = quoted >= 3 or counted >= 2 or (quoted and counted) or bool(a.days & b.days)
        gate[n] = tied or within_gate(a, b)
    return x, apart, gate


def _similarities(pairs, feats: list[Feat], tfidf, topic_tfidf) -> tuple[np.ndarray, np.ndarray]:
    """(topic similarity, same-event probability) per pair; the second is 0 where time says "other event".

    The probability is a logistic model over `pair_features`, fitted on the tune halves of the stories eval
    (scripts/fit_story_pairs.py): no single cosine cut serves both a corpus of one topic and a mixed one.
    """
    x, apart, gate = pair_features(pairs, feats, tfidf)
    if not pairs:
        return np.zeros(0), np.zeros(0)
    plain = np.array([len(feats[i].ents & feats[j].ents) / len(feats[i].ents | feats[j].ents)
                      if feats[i].ents and feats[j].ents else np.nan for i, j in pairs])
    tcos = pair_dots(topic_tfidf, np.array([p[0] for p in pairs]), np.array([p[1] for p in pairs]))
    topic = np.where(np.isnan(plain), tcos, 0.75 * tcos + 0.25 * np.nan_to_num(plain))
    event = 1.0 / (1.0 + np.exp(-(x @ np.array(PAIR_WEIGHTS) + PAIR_BIAS)))
    event = np.where(apart, CONFLICT_FACTOR * event, event)
    return topic, np.where(gate, event, 0.0)


def _prepare(articles: Sequence[Article]) -> tuple[list[Feat], list[Meta], csr_matrix, csr_matrix, np.ndarray]:
    """Features, label data and (event, topic) term vectors of every article, in id order."""
    feats: list[Feat] = []
    arts: list[Meta] = []

    def texts() -> Iterator[str]:
        # One read of each (possibly spooled) article: the vectoriser takes the texts as they come, and the
        # features and label data are gathered on the way, so no stage of this holds whole articles.
        for a in collection(articles).by_id():
            feats.append(features(a))
            arts.append(meta(a))
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
        earliest, latest = span(grp, feats)
        stories.append(Story(id="", label=label(grp, arts, sims), articles=[arts[i].id for i in grp],
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
        name = storyline_label(grp, arts)
        for i in grp:
            line_of[arts[i].id] = (f"L{n}", name)
    for s in stories:
        s.storyline, s.storyline_label = line_of[s.articles[0]]
    return stories


def _run(analysis: Analysis, ctx: StageContext) -> None:
    analysis.stories = cluster_stories(analysis.articles, analysis.duplicates)


STAGE = CorpusStage("stories", needs=("articles", "duplicates"), makes=("stories",), run=_run)
