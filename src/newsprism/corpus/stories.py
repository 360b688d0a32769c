"""Same-event story clusters, and the storylines (same topic) that group them.

A story is one real-world event (a tanker fire in Kessel harbour on one Saturday), not a topic (port safety).
What makes two articles one event (words, names, time, verbatim ties) is in story_signals. Cost is near-linear:
candidate pairs come only from shared rare keys whose posting lists are capped, and clustering is average-linkage
over that sparse graph, so a few bridging articles cannot chain two events together.
"""

from __future__ import annotations

import heapq
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from newsprism.articles import collection
from newsprism.corpus.stage import CorpusStage, StageContext
from newsprism.corpus.story_signals import (
    GAP_DAYS,
    Apart,
    Feat,
    candidate_pairs,
    day,
    features,
    norm,
    similarities,
    text_of,
    tfidf,
)
from newsprism.model import Analysis, Article, Duplicate, Story

STORY_THRESHOLD = 0.12  # average-linkage similarity to join one event
STORYLINE_THRESHOLD = 0.12  # ... and to join one topic (no time gate)
_TITLE_TAIL = re.compile(r"\s*(?:[-–—|:]\s*(?:reports?|report says|sources?|update[sd]?|live|video|watch)\s*$)", re.I)
_TITLE_SITE = re.compile(r"\s+[|–—-]\s+[^|–—-]{2,40}$")


@dataclass(slots=True)
class _Meta:
    """What the labels need of one article, kept instead of the article itself."""
    id: str
    title: str | None
    lead: str | None  # the first sentence's first 12 words, the label when no headline says more
    names: list[tuple[str, str, int]]  # (entity key, name, mentions) of the entity types storylines are named by


class _Graph:
    """Average-linkage agglomeration over a sparse similarity graph: a missing edge counts as similarity 0."""

    def __init__(self, n: int):
        self.members = {i: [i] for i in range(n)}
        self.owner = list(range(n))  # cluster of each item; small-into-large relabelling keeps it O(n log n)
        self.adj: dict[int, dict[int, float]] = defaultdict(dict)

    def add(self, i: int, j: int, s: float) -> None:
        self.adj[i][j] = self.adj[i].get(j, 0.0) + s
        self.adj[j][i] = self.adj[j].get(i, 0.0) + s

    def merge(self, a: int, b: int) -> int:
        if len(self.members[a]) < len(self.members[b]):
            a, b = b, a
        for x in self.members[b]:
            self.owner[x] = a
        self.members[a] += self.members.pop(b)
        for c, s in self.adj.pop(b, {}).items():
            del self.adj[c][b]
            if c != a:
                self.adj[a][c] = self.adj[a].get(c, 0.0) + s
                self.adj[c][a] = self.adj[c].get(a, 0.0) + s
        self.adj[a].pop(a, None)
        return a

    def _avg(self, a: int, b: int) -> float:
        return self.adj[a].get(b, 0.0) / (len(self.members[a]) * len(self.members[b]))

    def agglomerate(self, threshold: float, apart: Callable[[list[int], list[int]], bool] | None = None
                    ) -> list[list[int]]:
        """Average-linkage merges down to `threshold`; `apart(a, b)` may forbid a merge that the two groups'
        members, taken together, show to be two events (the edge is dropped, so they are never tried again)."""
        heap = [(-self._avg(a, b), a, b) for a in self.adj for b in self.adj[a] if a < b]
        heapq.heapify(heap)
        while heap:
            neg, a, b = heapq.heappop(heap)
            if -neg < threshold:
                break
            if a not in self.members or b not in self.members or b not in self.adj[a]:
                continue
            if abs(self._avg(a, b) + neg) > 1e-12:  # stale entry: the clusters changed since it was pushed
                heapq.heappush(heap, (-self._avg(a, b), a, b))
                continue
            if apart is not None and apart(self.members[a], self.members[b]):
                del self.adj[a][b], self.adj[b][a]
                continue
            r = self.merge(a, b)
            for c in self.adj[r]:
                heapq.heappush(heap, (-self._avg(r, c), min(r, c), max(r, c)))
        return sorted(sorted(m) for m in self.members.values())


def _clean_title(title: str) -> str:
    t = " ".join(title.split())
    t = _TITLE_TAIL.sub("", t)
    t = _TITLE_SITE.sub("", t) if len(t) > 40 else t
    return t.strip(" -–—|:")


def _meta(article: Article) -> _Meta:
    first = re.split(r"(?<=[.!?])\s", (article.body or "").strip(), maxsplit=1)[0]
    words = first.split()
    lead = " ".join(words[:12]) + ("…" if len(words) > 12 else "") if words else None
    names = [(e.id if re.fullmatch(r"E\d+", e.id or "") else norm(e.name), e.name, len(e.mentions))
             for e in article.entities if e.type in ("PERSON", "ORG", "GPE", "NORP", "EVENT") and e.mentions]
    return _Meta(article.id, article.title, lead, names)


def _label(idx: list[int], arts: list[_Meta], sims: dict[tuple[int, int], float]) -> str:
    def centrality(i: int) -> float:
        return sum(sims.get((min(i, j), max(i, j)), 0.0) for j in idx if j != i)

    for i in sorted(idx, key=lambda i: (-centrality(i), arts[i].id)):
        if arts[i].title and len(arts[i].title.split()) >= 3:
            return _clean_title(arts[i].title)
    return arts[min(idx, key=lambda i: arts[i].id)].lead or arts[idx[0]].id


def _span(idx: list[int], feats: list[Feat]) -> tuple[str | None, str | None]:
    """First and last day of the story: narrow publication dates and the event days they report; when every
    article only has a wide inferred range, the days all those ranges share (one event, published together)."""
    days: list[date] = []
    ranges = []
    for i in idx:
        f = feats[i]
        lo, hi = f.pub_lo, f.pub_hi
        if not (lo and hi):
            continue
        ranges.append((lo, hi))
        if (hi - lo).days > 2 * GAP_DAYS:
            continue
        days += [lo, hi]
        # The main event can precede publication by a few days ("landed on Saturday"): count such dates.
        for v in f.days:
            d = day(v)
            if d and lo - timedelta(days=GAP_DAYS) <= d <= hi:
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


def cluster_stories(articles: Sequence[Article], duplicates: list[Duplicate]) -> list[Story]:
    """Stories S1.. (earliest date, then label) with storylines L1.. grouping stories of one topic."""
    if not len(articles):
        return []
    feats: list[Feat] = []
    arts: list[_Meta] = []

    def texts() -> Iterator[str]:
        # One read of each (possibly spooled) article: the vectoriser takes the texts as they come, and the
        # features and label data are gathered on the way, so no stage of this holds whole articles.
        for a in collection(articles).by_id():
            feats.append(features(a))
            arts.append(_meta(a))
            yield text_of(a)

    stream = texts()
    vecs = tfidf(stream, len(articles))
    for _ in stream:  # should the vectoriser ever stop early, every article still gets its features
        pass
    pos = {a.id: i for i, a in enumerate(arts)}
    pairs = candidate_pairs(feats, vecs)
    topic, event = similarities(pairs, feats, vecs)

    g = _Graph(len(arts))
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
    groups = g.agglomerate(STORY_THRESHOLD, Apart(feats))

    # Storylines: the same agglomeration one level up, story clusters as the starting points, no time gate.
    gl = _Graph(len(arts))
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
