"""What one report page shows once a corpus outgrows a page a browser can open.

A newsroom corpus (tens of articles) is shown whole and none of this applies. A crawl is not: at 3,000
generated articles the whole page would be 182 MB, most of it a 10,919-fact x 434-outlet matrix of empty cells. Past
each limit the page shows the part a reader looks at first, says how many more there are, and points to
analysis.json and the store, which keep everything.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from newsprism.model import Analysis, Article, Fact, Published, Story

T = TypeVar("T")


@dataclass(frozen=True)
class ReportLimits:
    facts: int = 3_000  # fact rows
    bodies: int = 500  # articles with their highlighted bodies; the rest get one index row each
    events: int = 3_000  # timeline table rows
    svg_events: int = 25  # rows of each story's timeline and coverage charts (22-24 px each); the tables list more
    stories: int = 2_000
    coverage_charts: int = 300  # stories, largest first, with a coverage chart (2-3 KB each)
    duplicates: int = 2_000
    rejected: int = 5_000
    framing_outlets: int = 40  # outlet columns of the actor-label table


@dataclass
class StoryMatrix:
    """The matrix rows of one story, with only the outlets that cover it as columns."""
    story: str | None
    label: str
    outlets: list[str]
    rows: list[tuple[Fact, list]] = field(default_factory=list)


# The facts a fact-checker opens first: disagreement, then what independent outlets confirm.
STATUS_RANK = {"contested": 0, "denied": 1, "corroborated": 2, "same_origin": 3, "single_source": 4}


def top_in_order(items: Sequence[T], n: int, key: Callable[[T], tuple]) -> list[T]:
    """The n items that rank first by key, kept in their original order (the page keeps the corpus's order)."""
    if len(items) <= n:
        return list(items)
    keep = set(sorted(range(len(items)), key=lambda i: (key(items[i]), i))[:n])
    return [x for i, x in enumerate(items) if i in keep]


def fact_rank(f: Fact) -> tuple:
    return STATUS_RANK.get(f.status, 9), -f.independent_sources, -len(f.mentions)


def shown_facts(facts: list[Fact], limits: ReportLimits) -> list[Fact]:
    return top_in_order(facts, limits.facts, fact_rank)


def shown_stories(stories: list[Story], limits: ReportLimits) -> list[Story]:
    return top_in_order(stories, limits.stories, lambda s: (-len(s.articles),))


@dataclass
class ArticleRef:
    """An article as the page's index row, matrix cells and columns see it: during a run the articles are
    spooled (spool.py), and the page reads in full only the ones whose bodies it shows."""
    id: str
    outlet: str | None
    title: str | None
    published: Published
    # (name, kind) of the sources it cites: what tells a wire or a ministry from a person among fact origins
    cited: tuple[tuple[str, str], ...] = ()


def article_refs(articles: Sequence[Article]) -> list[ArticleRef]:
    return [ArticleRef(a.id, a.outlet, a.title, a.published, tuple((s.name, s.kind) for s in a.sources_cited))
            for a in articles]


def body_article_ids(refs: Sequence[ArticleRef | Article], stories: list[Story], limits: ReportLimits) -> set[str]:
    """Articles shown in full: those of the largest stories first, so the main story can be read."""
    size = {aid: len(s.articles) for s in stories for aid in s.articles}
    chosen = top_in_order(refs, limits.bodies, lambda a: (-size.get(a.id, 0),))
    return {a.id for a in chosen}


def story_matrices(facts: list[Fact], analysis: Analysis, outlet_of: dict[str, str],
                   rows: Callable[[list[Fact], list[str]], list]) -> list[StoryMatrix]:
    """One table per story, its columns the outlets of the story's articles and of its facts' mentions, so an
    outlet that covers the story but leaves a fact out shows as absent, and unrelated outlets are not columns.
    Rows in the order a fact-checker reads them: disagreement first, then by independent origins."""
    stories = {s.id: s for s in analysis.stories}
    groups: dict[str | None, list[Fact]] = {}
    for f in facts:
        groups.setdefault(f.story if f.story in stories else None, []).append(f)
    out = []
    for sid, group in groups.items():
        group = sorted(group, key=fact_rank)
        outlets = {outlet_of[m.article] for f in group for m in f.mentions if m.article in outlet_of}
        if sid is not None:
            outlets |= {outlet_of[a] for a in stories[sid].articles if a in outlet_of}
            label = stories[sid].label
        else:
            label = "facts in no story"
        cols = sorted(outlets, key=outlet_order)
        out.append(StoryMatrix(sid, label, cols, rows(group, cols)))
    return out


def outlet_order(o: str) -> tuple[bool, str]:
    """Named outlets first, then the articles of unknown outlet (each its own "outlet"), each alphabetically."""
    return o.startswith("unknown outlet ("), o.lower()


def framing_outlet_columns(outlets: list[str], label_counts: dict[str, int], limits: ReportLimits) -> list[str]:
    """The outlets that label the most actors, in their original order."""
    return top_in_order(outlets, limits.framing_outlets, lambda o: (-label_counts.get(o, 0),))


def articles_with_bodies(articles: Sequence[Article], refs: list[ArticleRef], ids: set[str]
                         ) -> tuple[list[Article], list[ArticleRef]]:
    """(the articles shown in full, read one by one; the index rows of the others), both in input order."""
    shown = [articles[i] for i, r in enumerate(refs) if r.id in ids]
    return shown, [r for r in refs if r.id not in ids]
