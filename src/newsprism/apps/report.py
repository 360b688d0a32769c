"""`newsprism report`: one self-contained HTML file (inline CSS and SVG, no network, printable).

Everything an article says is untrusted: the template autoescapes every value, and the only markup built in
Python (highlighted bodies, the SVG) escapes its text itself. The page opens with what is known per story (one
block each, largest first: what is established, disputed, same-origin and single-sourced, the facts to read
first, the story's timeline and coverage chart, its fact matrix), then the timeline table, framing (who each
outlet quotes, its loaded language per 1,000 words), articles with highlighted spans and the removed
boilerplate on a toggle, copies and rejected inputs. No script: the status and outlet filters are CSS (`:has`
on a checked box), so the page keeps the strict CSP `default-src 'none'` and reads whole in any browser.
"""

from __future__ import annotations

import collections
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from newsprism.apps.highlight import article_marks, fact_anchor, render_body
from newsprism.apps.origins_view import KIND_WORDS, origin_kinds
from newsprism.apps.outlet_charts import KIND_LABEL, KINDS, outlet_charts
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
from newsprism.apps.report_stories import GROUPS, story_blocks
from newsprism.model import FACT_STATUSES, Analysis, Article, Fact, outlet_label

# Outlet chips in a story block's first lines; the rest behind a toggle, so a story covered by a hundred
# outlets still shows its summary on the first screen.
OUTLET_CHIPS = 12


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
    stories = shown_stories(analysis.stories, limits)
    day_of = {r.id: r.published.date for r in refs}
    blocks = story_blocks(stories, analysis.facts, story_tables, events, outlet_of, limits.svg_events, day_of,
                          limits.coverage_charts)
    kinds = origin_kinds((r.outlet for r in refs), (c for r in refs for c in r.cited))
    origin_kind = {o: kinds.kind(o) for f in facts for o in f.origins}
    origin_kind.update({o: kinds.kind(o) for o in outlets})
    entity_names = {e.id: e.name for e in analysis.entities}
    framing = _framing_rows(analysis, entity_names, limits)
    hidden = {"facts": len(analysis.facts) - len(facts), "bodies": len(index),
              "events": len(analysis.timeline) - len(events),
              "stories": len(analysis.stories) - len(stories),
              "duplicates": max(0, len(analysis.duplicates) - limits.duplicates),
              "rejected": max(0, len(analysis.rejected) - limits.rejected),
              "framing_outlets": len(analysis.framing.outlets) - len(framing["outlets"]),
              "coverage": max(0, len(stories) - limits.coverage_charts)}
    return {"an": analysis, "outlets": outlets, "blocks": blocks, "groups": GROUPS, "origin_kind": origin_kind,
            "kind_words": KIND_WORDS, "statuses": statuses, "by_id": by_id, "articles": articles, "index": index,
            "events": events, "framing_rows": framing, "entity_names": entity_names,
            "outlet_of": outlet_of, "stories": stories, "fact_shown": {f.id for f in facts},
            "duplicates": analysis.duplicates[:limits.duplicates], "rejected": analysis.rejected[:limits.rejected],
            "hidden": hidden, "svg_events": limits.svg_events, "outlet_charts": outlet_charts(analysis.framing.outlets, limits.framing_outlets),
            "voice_kinds": [(k, KIND_LABEL[k]) for k in KINDS],
            "filter_cols": range(max((len(b.matrix.outlets) for b in blocks if b.matrix), default=0)),
            "statuses_shown": _statuses_shown(analysis.facts), "chips_shown": OUTLET_CHIPS}


def _statuses_shown(facts: list[Fact]) -> list[str]:
    """The status filter's boxes: every contract status in the order the story blocks ask (established,
    disputed, one origin, single source), then any other status an analysis carries, so a fact of a status
    this page does not know yet is still filterable (and never hidden for want of a box). A status goes into
    the page's <style> as a selector, where HTML escaping does not help: one that is not a plain word gets no
    box (its facts always show)."""
    seen = list(dict.fromkeys([st for _, _, statuses in GROUPS for st in statuses] + list(FACT_STATUSES)))
    for f in facts:
        if f.status not in seen and _CSS_WORD.fullmatch(f.status or ""):
            seen.append(f.status)
    return seen


_CSS_WORD = re.compile(r"[A-Za-z0-9_-]+")


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


def render_report(analysis: Analysis, limits: ReportLimits | None = None, app_links: bool = False) -> str:
    """`app_links`: the page is served by `newsprism serve`, so story titles and fact ids also link to the app's
    story and fact pages (a saved report file has no server to link to)."""
    return _template().render(**build_context(analysis, limits), app_links=app_links)


def write_report(analysis: Analysis, path: Path, limits: ReportLimits | None = None) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Streamed to the file in chunks: render() joins the whole page in memory first (hundreds of MB at 3,000
    # articles); the bytes are the same.
    with path.open("w", encoding="utf-8") as fh:
        _template().stream(**build_context(analysis, limits)).dump(fh)
