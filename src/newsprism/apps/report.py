"""`newsprism report`: one self-contained HTML file (inline CSS and SVG, no network, printable).

Everything an article says is untrusted: the template autoescapes every value, and the only markup built in
Python (highlighted bodies, the SVG) escapes its text itself. Views: overview, fact matrix, timeline, framing,
articles with highlighted spans and the removed boilerplate on a toggle, rejected inputs.
"""

from __future__ import annotations

import collections
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from html import escape
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from newsprism.apps.highlight import article_marks, fact_anchor, render_body
from newsprism.apps.report_scale import (
    ArticleRef,
    ReportLimits,
    article_refs,
    articles_with_bodies,
    body_article_ids,
    framing_outlet_columns,
    shown_facts,
    shown_stories,
    story_matrices,
    top_in_order,
)
from newsprism.model import Analysis, Article, Fact, TimelineEvent, outlet_label


@dataclass
class MatrixCell:
    stance: str  # asserts | attributes | disputes | denies | absent
    href: str | None = None
    text: str | None = None


_WEIGHT = {"denies": 4, "disputes": 3, "asserts": 2, "attributes": 1}


def matrix_rows(facts: list[Fact], outlets: list[str], by_id: dict[str, ArticleRef],
                with_body: set[str] | None = None, missing: dict[tuple[str, int, int], str] | None = None
                ) -> list[tuple[Fact, list[MatrixCell]]]:
    """Each cell the strongest stance that outlet takes toward the fact (a denial outweighs an assertion in the
    same outlet, so disagreement is never hidden). A cell links to the sentence in the article's body, or to
    the article's index row when the page does not show that body (`with_body`, None: every body shown).
    `missing`: the body words of mentions that carry no text of their own (see `_missing_texts`)."""
    rows = []
    for f in facts:
        cells = {o: MatrixCell("absent") for o in outlets}
        for m in f.mentions:
            art = by_id.get(m.article)
            if art is None:
                continue
            o = outlet_label(art.id, art.outlet)
            if o in cells and _WEIGHT.get(m.stance, 0) > _WEIGHT.get(cells[o].stance, 0):
                href = fact_anchor(f.id, art.id) if with_body is None or art.id in with_body else f"art-{art.id}"
                text = m.text or (missing or {}).get((m.article, m.start, m.end), "")
                cells[o] = MatrixCell(m.stance, "#" + href, text)
        rows.append((f, [cells[o] for o in outlets]))
    return rows


def _parse_day(value: str | None) -> date | None:
    if not value:
        return None
    parts = value.split("-")
    try:
        y = int(parts[0])
        m = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 1
        d = int(parts[2][:2]) if len(parts) > 2 and parts[2][:2].isdigit() else 1
        return date(y, m, d)
    except (ValueError, IndexError):
        return None


def _event_span(ev: TimelineEvent) -> tuple[date, date] | None:
    start = _parse_day(ev.earliest or ev.date)
    if start is None:
        return None
    end = _parse_day(ev.latest) if ev.latest else None
    if end is None:
        if ev.precision == "month":
            nxt = date(start.year + (start.month == 12), start.month % 12 + 1, 1)
            end = date.fromordinal(nxt.toordinal() - 1)
        elif ev.precision == "year":
            end = date(start.year, 12, 31)
        else:
            end = start
    return start, max(start, end)


def timeline_svg(events: list[TimelineEvent], width: int = 900) -> Markup | None:
    """Day-precise events are points, months/years/ranges are bars, on one date axis; None when nothing dated."""
    spans = [(ev, s) for ev in events if (s := _event_span(ev))]
    if not spans:
        return None
    lo = min(s[0] for _, s in spans).toordinal()
    hi = max(s[1] for _, s in spans).toordinal()
    pad = max(3, (hi - lo) // 20)
    lo, hi = lo - pad, hi + pad
    left, right, row_h = 20, width - 20, 22
    x = lambda d: left + (right - left) * (d.toordinal() - lo) / max(1, hi - lo)  # noqa: E731
    h = 40 + row_h * len(spans)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" viewBox="0 0 {width} {h}" '
             f'width="100%" role="img" aria-label="timeline of dated events">',
             f'<line x1="{left}" y1="{h - 24}" x2="{right}" y2="{h - 24}" class="axis"/>']
    years = range(date.fromordinal(lo).year, date.fromordinal(hi).year + 1)
    ticks = [date(y, m, 1) for y in years for m in (1, 4, 7, 10) if lo <= date(y, m, 1).toordinal() <= hi]
    for t in ticks:
        parts.append(f'<line x1="{x(t):.1f}" y1="10" x2="{x(t):.1f}" y2="{h - 20}" class="tick"/>'
                     f'<text x="{x(t):.1f}" y="{h - 6}" class="ticklabel">{t:%b %Y}</text>')
    for i, (ev, (s, e)) in enumerate(spans):
        y = 20 + i * row_h
        tip = escape(f"{ev.date} ({ev.precision}): {ev.event}")
        if s == e:
            shape = f'<circle cx="{x(s):.1f}" cy="{y}" r="5" class="point"/>'
        else:
            shape = (f'<rect x="{x(s):.1f}" y="{y - 5}" width="{max(4.0, x(e) - x(s)):.1f}" height="10" '
                     f'rx="3" class="bar"/>')
        label_x = min(x(e) + 8, right - 300)
        parts.append(f'<g class="event" data-precision="{escape(ev.precision)}"><title>{tip}</title>{shape}'
                     f'<text x="{label_x:.1f}" y="{y + 4}" class="evlabel">{escape(ev.date)} · '
                     f'{escape(ev.event[:70])}</text></g>')
    parts.append("</svg>")
    return Markup("".join(parts))


def build_context(analysis: Analysis, limits: ReportLimits | None = None) -> dict:
    limits = limits or ReportLimits()
    refs = article_refs(analysis.articles)  # the one read of every article, except the bodies shown below
    by_id = {r.id: r for r in refs}
    outlet_of = {r.id: outlet_label(r.id, r.outlet) for r in refs}
    outlets = sorted(set(outlet_of.values()))
    facts = shown_facts(analysis.facts, limits)
    missing = _missing_texts(analysis.articles, facts)
    body_ids = body_article_ids(refs, analysis.stories, limits)
    with_body = None if len(body_ids) == len(refs) else body_ids
    story_tables: list = []
    if len(analysis.facts) * len(outlets) <= limits.matrix_cells:
        matrix = matrix_rows(facts, outlets, by_id, with_body, missing)
    else:
        matrix = []
        story_tables = story_matrices(facts, analysis, outlet_of,
                                      lambda group, cols: matrix_rows(group, cols, by_id, with_body, missing))
    statuses = collections.Counter(f.status for f in analysis.facts)
    # Each article's facts found once: article_marks scanning every fact for every article would be quadratic
    # (41 s of a 3,000-article report).
    facts_in: dict[str, list] = collections.defaultdict(list)
    for f in analysis.facts:
        for aid in dict.fromkeys(m.article for m in f.mentions):
            facts_in[aid].append(f)
    shown, index = articles_with_bodies(analysis.articles, refs, body_ids)
    articles = [{"a": a, "outlet": outlet_of[a.id],
                 "body": Markup(render_body(a.body, article_marks(a, facts_in.get(a.id, [])))),
                 "counts": {"entities": len(a.entities), "quotes": len(a.quotes), "quantities": len(a.quantities),
                            "times": len(a.times), "loaded": len(a.loaded_terms)}}
                for a in shown]
    events = top_in_order(analysis.timeline, limits.events, lambda ev: (-len(ev.articles),))
    chart = top_in_order(events, limits.svg_events, lambda ev: (-len(ev.articles),))
    stories = shown_stories(analysis.stories, limits)
    entity_names = {e.id: e.name for e in analysis.entities}
    framing = _framing_rows(analysis, entity_names, limits)
    hidden = {"facts": len(analysis.facts) - len(facts), "bodies": len(index),
              "events": len(analysis.timeline) - len(events), "chart": len(events) - len(chart),
              "stories": len(analysis.stories) - len(stories),
              "duplicates": max(0, len(analysis.duplicates) - limits.duplicates),
              "rejected": max(0, len(analysis.rejected) - limits.rejected),
              "framing_outlets": len(analysis.framing.outlets) - len(framing["outlets"])}
    return {"an": analysis, "outlets": outlets, "matrix": matrix, "story_tables": story_tables,
            "statuses": statuses, "by_id": by_id, "articles": articles, "index": index, "events": events,
            "timeline_svg": timeline_svg(chart), "framing_rows": framing, "entity_names": entity_names,
            "outlet_of": outlet_of, "stories": stories, "fact_shown": {f.id for f in facts},
            "duplicates": analysis.duplicates[:limits.duplicates], "rejected": analysis.rejected[:limits.rejected],
            "hidden": hidden, "story_outlets": {s.id: sorted({outlet_of[x] for x in s.articles if x in by_id})
                                                for s in stories}}


def _missing_texts(articles: Sequence[Article], facts: list[Fact]) -> dict[tuple[str, int, int], str]:
    """Body words of the shown facts' mentions that carry no text: `FactMention.text` is optional in the
    contract, so an analysis.json from elsewhere may leave it out, and the cell still quotes the body."""
    want: dict[str, list[tuple[int, int]]] = collections.defaultdict(list)
    for f in facts:
        for m in f.mentions:
            if not m.text:
                want[m.article].append((m.start, m.end))
    if not want:
        return {}
    return {(a.id, s, e): a.body[s:e] for a in articles if a.id in want for s, e in want[a.id]}


def _framing_rows(analysis: Analysis, names: dict[str, str], limits: ReportLimits) -> dict:
    """entity -> outlet -> [(label, count)], for the entities most outlets label."""
    table: dict[str, dict[str, list[tuple[str, int]]]] = collections.defaultdict(dict)
    for of in analysis.framing.outlets:
        for lab in of.actor_labels:
            table[lab.entity].setdefault(of.outlet, []).append((lab.label, lab.count))
    ranked = sorted(table, key=lambda e: (-len(table[e]), names.get(e, e)))[:12]
    counts = {of.outlet: len(of.actor_labels) for of in analysis.framing.outlets}
    return {"entities": [(e, names.get(e, e)) for e in ranked], "cells": table,
            "outlets": framing_outlet_columns([o.outlet for o in analysis.framing.outlets], counts, limits)}


def _template():
    env = Environment(loader=PackageLoader("newsprism.apps", "templates"), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True)
    return env.get_template("report.html.j2")


def render_report(analysis: Analysis, limits: ReportLimits | None = None) -> str:
    return _template().render(**build_context(analysis, limits))


def write_report(analysis: Analysis, path: Path, limits: ReportLimits | None = None) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Streamed to the file in chunks: render() joins the whole page in memory first (hundreds of MB at 3,000
    # articles); the bytes are the same.
    with path.open("w", encoding="utf-8") as fh:
        _template().stream(**build_context(analysis, limits)).dump(fh)
