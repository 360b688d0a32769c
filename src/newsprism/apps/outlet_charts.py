"""Per-outlet pictures of the framing section, as inline SVG: how each outlet sources, and how loaded it writes.

Sourcing is read from the quotes' speaker kinds (`OutletFraming.voices`: official, expert, citizen, wire,
anonymous...), shown as shares of the outlet's quotes so a long-form outlet and a brief one sit side by side,
with the count beside each bar. Loaded language is `OutletFraming.loaded_rate`: terms per 1,000 words of the
outlet's own voice on the stories the compared outlets share, a dot with its 95% interval as a whisker and the
sample (articles, words, stories) in words, because a rate from one short article means little.

Fixed columns (name, chart, figures), each label cut to its column with the timeline's width estimate, and a
legend whose keys are placed by their estimated widths and wrapped: no label overlaps another or leaves the frame.
"""

from __future__ import annotations

import collections
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

from newsprism.apps.timeline_svg import CHAR_W, fit
from newsprism.model import OutletFraming

ROW_H = 22
NAME_W = 200
FIG_W = 330
PAD = 8
MAX_OUTLETS = 24
# Speaker kinds in the order the bars stack them; any other kind counts as "other".
KINDS = ("official", "expert", "wire", "media", "citizen", "anonymous", "data", "other")
KIND_LABEL = {"official": "officials", "expert": "experts", "wire": "news agencies", "media": "other media",
              "citizen": "citizens", "anonymous": "unnamed sources", "data": "data, records", "other": "role not stated"}


@dataclass
class OutletCharts:
    sourcing: Markup | None
    loaded: Markup | None
    shown: int  # outlets charted
    hidden: int  # outlets with figures left out past the limit


def voice_shares(voices: dict[str, int]) -> collections.Counter:
    """Speaker kinds folded onto KINDS ("official (Ruritanian)" counts as official)."""
    out: collections.Counter = collections.Counter()
    for k, n in voices.items():
        base = k.split(" (", 1)[0].strip()
        out[base if base in KINDS else "other"] += n
    return out


def charted_outlets(outlets: list[OutletFraming], limit: int = MAX_OUTLETS) -> list[OutletFraming]:
    """The outlets with the most articles (then the most quotes) first, at most `limit`."""
    ranked = sorted(outlets, key=lambda o: (-o.loaded_rate.articles, -sum(o.voices.values()), o.outlet))
    return ranked[:limit]


def _frame(cls: str, width: int, h: int, label: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="outlet-chart {cls}" viewBox="0 0 {width} {h}" '
            f'width="100%" role="img" aria-label="{escape(label)}">')


def _name(o: str, y: float) -> str:
    text = fit(o, NAME_W - PAD)
    return f'<text x="{PAD}" y="{y + 4}" class="oname">{escape(text)}</text>' if text else ""


def _figure(text: str, x: float, y: float) -> str:
    text = fit(text, FIG_W - PAD)
    return f'<text x="{x:.1f}" y="{y + 4}" class="ofig">{escape(text)}</text>' if text else ""


def _legend(width: int, y0: int) -> tuple[list[str], int]:
    """Legend keys placed left to right by estimated width, wrapped to a new line before the frame's edge."""
    out, x, y = [], float(PAD), y0
    for k in KINDS:
        text = KIND_LABEL[k]
        w = 14 + len(text) * CHAR_W + 16
        if x + w > width - PAD:
            x, y = float(PAD), y + 18
        out.append(f'<rect x="{x:.1f}" y="{y - 9}" width="10" height="10" class="k-{k}"/>'
                   f'<text x="{x + 14:.1f}" y="{y}" class="okey">{escape(text)}</text>')
        x += w
    return out, y + 14


def sourcing_words(shares: collections.Counter) -> str:
    """The quote count and the two largest shares of speakers whose role is known: "role not stated" is most
    quotes of most outlets, and naming it first would say nothing about how the outlet sources."""
    total = sum(shares.values())
    known = sorted((k for k in shares if k != "other" and shares[k]), key=lambda k: (-shares[k], KINDS.index(k)))
    head = f"{total} quote{'s' if total != 1 else ''}"
    if not known:
        return f"{head} · no speaker role stated"
    return head + " · " + ", ".join(f"{KIND_LABEL[k]} {round(100 * shares[k] / total)}%" for k in known[:2])


def sourcing_svg(outlets: list[OutletFraming], width: int = 1000) -> Markup | None:
    rows = [(o, voice_shares(o.voices)) for o in outlets if sum(o.voices.values())]
    if not rows:
        return None
    legend, top = _legend(width, 16)
    h = top + ROW_H * len(rows) + 6
    x0, x1 = NAME_W, width - FIG_W - PAD
    parts = [_frame("sourcing", width, h, "who each outlet quotes"), *legend]
    for i, (o, shares) in enumerate(rows):
        y = top + i * ROW_H + ROW_H / 2
        total = sum(shares.values())
        parts.append(f'<g class="orow">{_name(o.outlet, y)}')
        x = float(x0)
        for k in KINDS:
            n = shares.get(k, 0)
            if not n:
                continue
            w = (x1 - x0) * n / total
            parts.append(f'<rect x="{x:.1f}" y="{y - 7:.1f}" width="{w:.1f}" height="14" class="k-{k}">'
                         f'<title>{escape(o.outlet)}: {KIND_LABEL[k]} {n} of {total} quotes</title></rect>')
            x += w
        parts.append(_figure(sourcing_words(shares), x1 + PAD, y) + "</g>")
    parts.append("</svg>")
    return Markup("".join(parts))


def loaded_svg(outlets: list[OutletFraming], width: int = 1000) -> Markup | None:
    rows = [o for o in outlets if o.loaded_rate.words > 0]
    if not any(o.loaded_rate.terms or o.loaded_rate.high for o in rows):
        return None  # a row of zeros on an invented scale says less than the sentence the page shows instead
    top = 8
    axis_y = top + ROW_H * len(rows) + 2
    h = axis_y + 22
    x0, x1 = NAME_W, width - FIG_W - PAD
    hi = max(max(o.loaded_rate.high, o.loaded_rate.per_1k_words) for o in rows) or 1.0
    step = _nice_step(hi)
    hi = step * (int(hi / step) + 1)
    x = lambda v: x0 + (x1 - x0) * v / hi  # noqa: E731
    parts = [_frame("loaded", width, h, "loaded language per 1,000 words"),
             f'<line x1="{x0}" y1="{axis_y}" x2="{x1}" y2="{axis_y}" class="axis"/>']
    v = 0.0
    while v <= hi + 1e-9:
        text = f"{v:g}"
        parts.append(f'<line x1="{x(v):.1f}" y1="{top}" x2="{x(v):.1f}" y2="{axis_y + 4}" class="grid"/>'
                     f'<text x="{x(v):.1f}" y="{axis_y + 16}" class="ticklabel">{text}</text>')
        v += step
    for i, o in enumerate(rows):
        r = o.loaded_rate
        y = top + i * ROW_H + ROW_H / 2
        tip = (f"{o.outlet}: {r.per_1k_words:.1f} loaded terms per 1,000 words (95% interval {r.low:.1f} to "
               f"{r.high:.1f}); {r.terms} terms in {r.words} words, {r.articles} articles, {r.stories} stories")
        parts.append(f'<g class="orow"><title>{escape(tip)}</title>{_name(o.outlet, y)}'
                     f'<line x1="{x(r.low):.1f}" y1="{y}" x2="{x(max(r.high, r.low)):.1f}" y2="{y}" class="ci"/>'
                     f'<circle cx="{x(r.per_1k_words):.1f}" cy="{y}" r="4" class="rate"/>')
        fig = (f"{r.per_1k_words:.1f} ({r.low:.1f}–{r.high:.1f}) · {r.articles} article{'s' if r.articles != 1 else ''}, "
               f"{r.words:,} words")
        parts.append(_figure(fig, x1 + PAD, y) + "</g>")
    parts.append("</svg>")
    return Markup("".join(parts))


def _nice_step(hi: float) -> float:
    """A tick step of 1, 2 or 5 times a power of ten giving 3 to 6 ticks: tick labels stay far apart."""
    import math

    mag = 10 ** math.floor(math.log10(hi / 4)) if hi > 0 else 1
    for m in (1, 2, 5, 10):
        if hi / (m * mag) <= 5:
            return m * mag
    return 10 * mag


def outlet_charts(outlets: list[OutletFraming], limit: int = MAX_OUTLETS) -> OutletCharts:
    """The two charts over at most `limit` outlets (and never more than MAX_OUTLETS: rows past that are a list,
    not a picture)."""
    shown = charted_outlets(outlets, min(limit, MAX_OUTLETS))
    with_figures = sum(1 for o in outlets if sum(o.voices.values()) or o.loaded_rate.words > 0)
    charted = sum(1 for o in shown if sum(o.voices.values()) or o.loaded_rate.words > 0)
    return OutletCharts(sourcing_svg(shown), loaded_svg(shown), charted, max(0, with_figures - charted))
