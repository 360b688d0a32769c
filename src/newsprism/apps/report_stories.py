"""The report's per-story blocks: what is known about each story, at a glance, before any table.

A reader comes to the report with one question per story: what is established, what is disputed, and what
rests on one origin only. Each block answers it with counts over all the story's facts and the few facts to
read first under each heading (ranked as a fact-checker opens them, `fact_rank`), then the story's own fact
matrix and timeline.
"""

from __future__ import annotations

import collections
from dataclasses import dataclass, field

from markupsafe import Markup

from newsprism.apps.coverage_svg import coverage_rows, coverage_svg
from newsprism.apps.report_scale import StoryMatrix, fact_rank, outlet_order
from newsprism.apps.timeline_svg import timeline_svg
from newsprism.model import Fact, Story, TimelineEvent

# (key, heading, statuses): the order a reader asks in.
GROUPS = (("established", "Established", ("corroborated",)),
          ("disputed", "Disputed", ("contested", "denied")),
          ("same_origin", "Several reports, one origin", ("same_origin",)),
          ("single_source", "Single source", ("single_source",)))
TOP_FACTS = 3


@dataclass
class StoryBlock:
    id: str | None
    label: str
    dates: str
    outlets: list[str]
    n_articles: int
    counts: dict[str, int]  # GROUPS key -> facts of the story
    top: dict[str, list[Fact]]  # GROUPS key -> the facts to read first (only facts the page shows)
    matrix: StoryMatrix | None
    timeline: Markup | None = None
    events: int = 0  # dated events of the story; the chart shows at most `svg_events` of them
    charted: int = 0
    storyline: str | None = None
    hidden_facts: int = 0
    unknown_outlets: int = 0
    event_rows: list[TimelineEvent] = field(default_factory=list)
    coverage: Markup | None = None  # which outlet reported which fact, when (`coverage_svg`)


def dates_words(earliest: str | None, latest: str | None) -> str:
    """A story's dates, each bound said as a bound: an end or a start that is not known is said so."""
    if earliest and latest:
        return earliest if earliest == latest else f"{earliest} to {latest}"
    if earliest:
        return f"from {earliest} (end unknown)"
    if latest:
        return f"until {latest} (start unknown)"
    return "dates unknown"


def story_of_events(events: list[TimelineEvent], story_of: dict[str, str]) -> dict[str | None, list[TimelineEvent]]:
    """Each event under the story most of its reporting articles belong to."""
    out: dict[str | None, list[TimelineEvent]] = collections.defaultdict(list)
    for ev in events:
        votes = collections.Counter(story_of.get(a) for a in ev.articles)
        out[votes.most_common(1)[0][0] if votes else None].append(ev)
    return out


def story_blocks(stories: list[Story], all_facts: list[Fact], matrices: list[StoryMatrix],
                 events: list[TimelineEvent], outlet_of: dict[str, str], svg_events: int,
                 day_of: dict[str, str | None] | None = None, coverage_charts: int = 300) -> list[StoryBlock]:
    """One block per shown story, largest first, then one for the facts of no shown story (if any).
    `day_of`: article id -> its publication day, for the coverage charts of the `coverage_charts` largest."""
    by_matrix = {m.story: m for m in matrices}
    shown_ids = {s.id for s in stories}
    groups_of = {st: key for key, _, statuses in GROUPS for st in statuses}
    facts_of: dict[str | None, list[Fact]] = collections.defaultdict(list)
    for f in all_facts:
        facts_of[f.story if f.story in shown_ids else None].append(f)
    story_of = {a: s.id for s in stories for a in s.articles}
    evs = story_of_events(events, story_of)
    blocks = []
    for s in sorted(stories, key=lambda s: -len(s.articles)):
        outlets = sorted({outlet_of[a] for a in s.articles if a in outlet_of}, key=outlet_order)
        blocks.append(_block(s.id, s.label, dates_words(s.earliest, s.latest), outlets, len(s.articles),
                             facts_of.get(s.id, []), by_matrix.get(s.id), evs.get(s.id, []), groups_of,
                             svg_events, s.storyline_label))
        if len(blocks) <= coverage_charts:
            blocks[-1].coverage = _coverage(blocks[-1], outlet_of, day_of or {}, svg_events)
    rest = [m for sid, m in by_matrix.items() if sid not in shown_ids]
    for m in rest:  # facts of stories past the page's story limit, and facts in no story
        blocks.append(_block(m.story, m.label if m.story else "Facts in no story", "", m.outlets, 0,
                             [f for f in facts_of.get(None, []) if (f.story if f.story in by_matrix else None) == m.story], m,
                             evs.get(None, []) if m.story is None else [], groups_of, svg_events, None))
    return blocks


def _coverage(b: StoryBlock, outlet_of: dict[str, str], day_of: dict[str, str | None], max_rows: int
              ) -> Markup | None:
    """The coverage chart of the story's facts read first (the matrix's order), over the story's outlets; at
    most `max_rows` rows, the page's limit on a chart's rows."""
    if b.matrix is None or not b.matrix.rows or len(b.outlets) < 2:
        return None  # one outlet: nobody followed and nobody missed anything; the matrix says it all
    facts = [f for f, _ in b.matrix.rows]
    rows = coverage_rows(facts[:max_rows], b.outlets, outlet_of, day_of)
    return coverage_svg(rows, label=f"coverage of {b.label}", max_rows=max_rows)


def _block(sid: str | None, label: str, dates: str, outlets: list[str], n_articles: int, facts: list[Fact],
           matrix: StoryMatrix | None, events: list[TimelineEvent], groups_of: dict[str, str], svg_events: int,
           storyline: str | None) -> StoryBlock:
    counts = collections.Counter(groups_of.get(f.status, "single_source") for f in facts)
    shown = {f.id for f, _ in matrix.rows} if matrix else set()
    top: dict[str, list[Fact]] = {}
    for key, _, _ in GROUPS:
        ranked = sorted((f for f in facts if groups_of.get(f.status) == key and f.id in shown), key=fact_rank)
        top[key] = ranked[:TOP_FACTS]
    charted = sorted(events, key=lambda ev: -len(ev.articles))[:svg_events]
    svg = timeline_svg(charted, label=f"timeline of {label}") if charted else None
    return StoryBlock(sid, label, dates, outlets, n_articles, {k: counts.get(k, 0) for k, _, _ in GROUPS}, top,
                      matrix, svg, len(events), len(charted) if svg else 0, storyline,
                      hidden_facts=len(facts) - len(shown),
                      unknown_outlets=sum(o.startswith("unknown outlet (") for o in outlets), event_rows=events)
