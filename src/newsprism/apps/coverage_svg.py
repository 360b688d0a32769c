"""One story's coverage chart as inline SVG: which outlet reported which fact, and when.

One row per fact (the facts read first), on the story's own date axis: each outlet that reported the fact is a
mark at the date of its first article that did, the first reporter filled and named, those who followed
hollow; outlets whose articles carry no date are one mark and a count in a separate "no date" column; the row ends with who was
first, how many followed and how many of the story's outlets never reported it. The layout is in fixed
columns (statement, plot, no-date column, summary) and every label is cut to its column's width with the same
character-width estimate as the timeline (`timeline_svg.CHAR_W`), so no label overlaps another or leaves the
frame whatever the text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape
from urllib.parse import quote

from markupsafe import Markup

from newsprism.apps.timeline_svg import CHAR_W, axis_marks, fit, parse_day
from newsprism.model import Fact

ROW_H = 24
TOP = 12
LABEL_W = 250  # the statement column
PLOT_X0 = LABEL_W + 10
NODATE_W = 56
SUMMARY_W = 290
PAD = 8
MAX_ROWS = 12


@dataclass
class CoverageRow:
    fact: Fact
    reports: list[tuple[str, date | None]]  # (outlet, date of its first article reporting the fact), first first
    never: int  # outlets of the story that did not report the fact


def coverage_rows(facts: list[Fact], story_outlets: list[str], outlet_of: Mapping[str, str],
                  day_of: Mapping[str, str | None]) -> list[CoverageRow]:
    """Per fact, each outlet once, at the earliest date any of its articles reported the fact (undated last)."""
    rows = []
    for f in facts:
        first: dict[str, date | None] = {}
        for m in f.mentions:
            o = outlet_of.get(m.article)
            if o is None:
                continue
            d = parse_day(day_of.get(m.article))
            if o not in first or (d is not None and (first[o] is None or d < first[o])):
                first[o] = d
        reports = sorted(first.items(), key=lambda t: (t[1] is None, t[1] or date.min, t[0]))
        rows.append(CoverageRow(f, reports, len(set(story_outlets) - set(first))))
    return rows


def summary_text(r: CoverageRow, room: float) -> str:
    """Who was first, how many followed, how many never reported it, in `room` px: only the first outlet's
    name is cut, so the counts always show."""
    dated = [o for o, d in r.reports if d is not None]
    tail = f" · {len(r.reports) - 1} followed · {r.never} never"
    if not r.reports:
        return fit(f"no outlet · {r.never} never", room)
    if not dated:
        return fit(f"no dated report · {len(r.reports)} reported · {r.never} never", room)
    head = "first "
    name = fit(dated[0], room - (len(head) + len(tail)) * CHAR_W)
    return head + name + tail if name else fit(f"{len(r.reports)} reported · {r.never} never", room)


def coverage_svg(rows: list[CoverageRow], width: int = 1000, label: str = "coverage",
                 max_rows: int = MAX_ROWS, link: str = "#fact-{}") -> Markup | None:
    """`link`: where a fact's label leads, its id in place of {} (the report's matrix row by default)."""
    if not rows:
        return None
    rows = rows[:min(max_rows, MAX_ROWS)]
    days = [d for r in rows for _, d in r.reports if d is not None]
    plot_x1 = width - SUMMARY_W - NODATE_W - PAD
    nodate_x = plot_x1 + NODATE_W / 2 + 8
    axis_y = TOP + ROW_H * len(rows) + 4
    h = axis_y + 24
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="coverage" viewBox="0 0 {width} {h}" width="100%" '
             f'role="img" aria-label="{escape(label)}">',
             f'<line x1="{PLOT_X0}" y1="{axis_y}" x2="{plot_x1}" y2="{axis_y}" class="axis"/>']
    x = None
    if days:
        lo, hi = min(days), max(days)
        pad = timedelta(days=max(1, (hi - lo).days // 20))
        lo, hi = lo - pad, hi + pad
        total = max(1, (hi - lo).days)
        x = lambda d: PLOT_X0 + (plot_x1 - PLOT_X0) * (d - lo).days / total  # noqa: E731
        parts += axis_marks(lo, hi, x, axis_y, PLOT_X0, plot_x1)
    parts.append(f'<text x="{nodate_x:.1f}" y="{axis_y + 16}" class="ticklabel">no date</text>')
    for i, r in enumerate(rows):
        parts.append(_row(r, TOP + i * ROW_H + ROW_H // 2, x, nodate_x, width, link))
    parts.append("</svg>")
    return Markup("".join(parts))


def _row(r: CoverageRow, y: int, x, nodate_x: float, width: int, link: str) -> str:
    f = r.fact
    name = fit(f"{f.id} {f.statement}", LABEL_W - PAD)
    out = [f'<g class="cov-row" data-fact="{escape(f.id)}"><title>{escape(f.id)} ({escape(f.status)}): '
           f'{escape(f.statement)}</title>']
    out.append(f'<a href="{escape(link.format(quote(f.id)))}"><text x="{PAD}" y="{y + 4}" class="covlabel">{escape(name)}</text></a>'
               if name else "")
    out.append(f'<line x1="{PLOT_X0}" y1="{y}" x2="{width - SUMMARY_W - PAD}" y2="{y}" class="guide"/>')
    dated = [(o, d) for o, d in r.reports if d is not None and x is not None]
    undated = [o for o, d in r.reports if d is None or x is None]
    for k, (outlet, d) in reversed(list(enumerate(dated))):  # the first drawn last: on top of a same-day follower
        cls = "first" if k == 0 else "follow"
        out.append(f'<circle cx="{x(d):.1f}" cy="{y}" r="{5 if k == 0 else 4}" class="{cls}">'
                   f'<title>{escape(outlet)}: {d.isoformat()}{" (first)" if k == 0 else ""}</title></circle>')
    if undated:  # one mark and a count: stacked marks would hide each other
        tip = escape(f"no date: {', '.join(undated)}")
        out.append(f'<g class="undated"><title>{tip}</title><circle cx="{nodate_x - 8:.1f}" cy="{y}" r="4" '
                   f'class="follow"/><text x="{nodate_x - 1:.1f}" y="{y + 4}" class="covn">×{len(undated) if len(undated) < 1000 else "1k+"}</text></g>')
    summary = summary_text(r, SUMMARY_W - PAD)
    sx = width - SUMMARY_W
    out.append(f'<text x="{sx}" y="{y + 4}" class="covsum">{escape(summary)}</text>' if summary else "")
    out.append("</g>")
    return "".join(out)


__all__ = ["CHAR_W", "CoverageRow", "coverage_rows", "coverage_svg", "summary_text"]
