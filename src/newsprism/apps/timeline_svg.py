"""One story's timeline as inline SVG: its own date range, one row per event, labels that never overlap or clip.

Label widths are estimated from the character count (the page's sans-serif at 11 px averages under
`CHAR_W` px a character), so the layout needs no font metrics: each event label sits on its own row, to the
right of its mark or, when the right side is shorter, to its left, and is cut with "…" to the room it has;
axis ticks are spaced at least one tick label apart and never drawn where their label would leave the frame.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from html import escape

from markupsafe import Markup

from newsprism.model import TimelineEvent

CHAR_W = 6.8  # px per character of an 11 px label: above the average of mixed-case text, so a label never runs long
TICK_CHAR_W = 6.2  # px per character of a 10 px tick label (digits and month names)
ROW_H = 22
TICK_GAP = 8  # px between two tick labels
LEFT, RIGHT_PAD = 12, 12
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


@dataclass(frozen=True)
class Span:
    start: date
    end: date
    bound: bool  # an inferred range (an event known only to lie between two dates), drawn as a bracket


def parse_day(value: str | None) -> date | None:
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


def event_span(ev: TimelineEvent) -> Span | None:
    start = parse_day(ev.earliest or ev.date)
    if start is None:
        return None
    end = parse_day(ev.latest) if ev.latest else None
    if end is None:
        if ev.precision == "month":
            nxt = date(start.year + (start.month == 12), start.month % 12 + 1, 1)
            end = nxt - timedelta(days=1)
        elif ev.precision == "year":
            end = date(start.year, 12, 31)
        else:
            end = start
    return Span(start, max(start, end), ev.precision == "range")


def when_words(ev: TimelineEvent) -> str:
    """The event's date as a reader says it: a bound is said as a bound."""
    if ev.precision == "range" and ev.earliest and ev.latest:
        return f"between {ev.earliest} and {ev.latest}"
    return ev.date


# Tick steps in days (months and years approximated; ticks themselves fall on the 1st of a month or a year).
_STEPS = [(1, "day"), (7, "week"), (30, "month"), (91, "quarter"), (365, "year"), (365 * 5, "5y"),
          (365 * 10, "10y"), (365 * 25, "25y"), (365 * 50, "50y"), (365 * 100, "100y")]


def _tick_label(d: date, unit: str) -> str:
    if unit in ("day", "week"):
        return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"
    if unit in ("month", "quarter"):
        return f"{_MONTHS[d.month - 1]} {d.year}"
    return str(d.year)


def _ticks(lo: date, hi: date, unit: str, days: int) -> list[date]:
    out: list[date] = []
    if unit in ("day", "week"):
        d = lo
        while d <= hi:
            out.append(d)
            d += timedelta(days=days)
        return out
    if unit in ("month", "quarter"):
        step = 1 if unit == "month" else 3
        y, m = lo.year, lo.month
        while date(y, m, 1) <= hi:
            if date(y, m, 1) >= lo and (m - 1) % step == 0:
                out.append(date(y, m, 1))
            y, m = y + (m == 12), m % 12 + 1
        return out
    step = days // 365
    y = lo.year + (-lo.year) % step
    while y <= hi.year:
        if date(y, 1, 1) >= lo:
            out.append(date(y, 1, 1))
        y += step
    return out


def fit(text: str, room: float, char_w: float = CHAR_W) -> str:
    """`text` cut with "…" to what `room` px hold at `char_w` px a character; "" when not even two fit."""
    n = int(room // char_w)
    if n <= 1:
        return ""
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def timeline_svg(events: list[TimelineEvent], width: int = 900, label: str = "timeline") -> Markup | None:
    """Day-precise events are dots, months and years bars, inferred ranges brackets; None when nothing dated."""
    spans = sorted(((ev, s) for ev in events if (s := event_span(ev))), key=lambda t: (t[1].start, t[1].end))
    if not spans:
        return None
    lo = min(s.start for _, s in spans)
    hi = max(s.end for _, s in spans)
    pad = timedelta(days=max(1, (hi - lo).days // 25))
    lo, hi = lo - pad, hi + pad
    right = width - RIGHT_PAD
    total = max(1, (hi - lo).days)
    x = lambda d: LEFT + (right - LEFT) * (d - lo).days / total  # noqa: E731
    axis_y = 14 + ROW_H * len(spans)
    h = axis_y + 22
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" viewBox="0 0 {width} {h}" '
             f'width="100%" role="img" aria-label="{escape(label)}">',
             f'<line x1="{LEFT}" y1="{axis_y}" x2="{right}" y2="{axis_y}" class="axis"/>']
    parts += _axis(lo, hi, x, axis_y, width)
    for i, (ev, s) in enumerate(spans):
        parts.append(_event_row(ev, s, x(s.start), x(s.end), 18 + i * ROW_H, width))
    parts.append("</svg>")
    return Markup("".join(parts))


def _axis(lo: date, hi: date, x, axis_y: int, width: int) -> list[str]:
    return axis_marks(lo, hi, x, axis_y, LEFT, width - RIGHT_PAD)


def axis_marks(lo: date, hi: date, x, axis_y: float, x0: float, x1: float) -> list[str]:
    """Ticks and their labels for an axis drawn from x0 to x1: none whose label would leave
    [x0 - LEFT, x1 + RIGHT_PAD] (the frame around the axis), each label at least TICK_GAP px after the one
    before. The finest step giving two labels wins, so a range of a few days still shows dates: a step a
    label wide would put its first tick on the frame's edge and leave one label or none."""
    total = max(1, (hi - lo).days)
    per_day = (x1 - x0) / total
    lo_frame, hi_frame = x0 - LEFT + 2, x1 + RIGHT_PAD - 2
    best: list[tuple[float, str]] = []
    for days, unit in _STEPS:
        if days * per_day * 3 < len(_tick_label(hi, unit)) * TICK_CHAR_W + TICK_GAP:
            continue  # more than two of three ticks would be dropped: too many to lay out
        kept: list[tuple[float, str]] = []
        right = float("-inf")
        for t in _ticks(lo, hi, unit, days):
            text = _tick_label(t, unit)
            half, tx = len(text) * TICK_CHAR_W / 2, x(t)
            if tx - half >= lo_frame and tx + half <= hi_frame and tx - half >= right + TICK_GAP:
                kept.append((tx, text))
                right = tx + half
        if len(kept) >= 2 or len(kept) > len(best):
            best = kept
        if len(best) >= 2:
            break
    return [f'<line x1="{tx:.1f}" y1="{axis_y}" x2="{tx:.1f}" y2="{axis_y + 4}" class="tick"/>'
            f'<text x="{tx:.1f}" y="{axis_y + 16}" class="ticklabel">{text}</text>' for tx, text in best]


def _event_row(ev: TimelineEvent, s: Span, x0: float, x1: float, y: int, width: int) -> str:
    when = when_words(ev)
    tip = escape(f"{when} ({ev.precision}): {ev.event}")
    if s.start == s.end:
        shape = f'<circle cx="{x0:.1f}" cy="{y}" r="5" class="point"/>'
        x0, x1 = x0 - 5, x0 + 5
    elif s.bound:
        w = max(4.0, x1 - x0)
        shape = (f'<path d="M{x0:.1f},{y - 6} v12 M{x0:.1f},{y} h{w:.1f} M{x0 + w:.1f},{y - 6} v12" '
                 f'class="bound"/>')
        x1 = x0 + w
    else:
        w = max(4.0, x1 - x0)
        shape = f'<rect x="{x0:.1f}" y="{y - 5}" width="{w:.1f}" height="10" rx="3" class="bar"/>'
        x1 = x0 + w
    text = f"{when} · {ev.event}"
    room_right, room_left = width - RIGHT_PAD - (x1 + 6), x0 - 6 - LEFT
    if room_right >= min(len(text) * CHAR_W, 240) or room_right >= room_left:
        label = fit(text, room_right)
        lab = f'<text x="{x1 + 6:.1f}" y="{y + 4}" class="evlabel">{escape(label)}</text>'
    else:
        label = fit(text, room_left)
        lab = f'<text x="{x0 - 6:.1f}" y="{y + 4}" class="evlabel end">{escape(label)}</text>'
    return (f'<g class="event" data-precision="{escape(ev.precision)}"><title>{tip}</title>{shape}'
            f'{lab if label else ""}</g>')
