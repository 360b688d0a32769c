"""Article bodies as HTML with every span highlighted, overlaps included, all text escaped.

Spans overlap (an entity inside a quote inside a fact sentence), so the body is cut at every span boundary
and each piece carries the classes of all spans covering it; tooltips list what each covering span is.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from newsprism.model import Article, Fact


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    kind: str  # entity, quote, quantity, time, loaded-outlet, loaded-quoted, fact
    tip: str
    anchor: str | None = None  # an id a link can jump to (fact mentions)


def article_marks(article: Article, facts: list[Fact] | None = None) -> list[Mark]:
    marks: list[Mark] = []
    for e in article.entities:
        for m in e.mentions:
            marks.append(Mark(m.start, m.end, "entity", f"{e.type}: {e.name} ({e.id})"))
    for q in article.quotes:
        who = q.speaker or "unknown speaker"
        via = f" via {', '.join(q.via)}" if q.via else ""
        anon = " [anonymous]" if q.anonymous else ""
        marks.append(Mark(q.start, q.end, "quote", f"{'quote' if q.direct else 'reported speech'}: {who}{anon}"
                                                   f"{via} ({q.cue or 'no cue'})"))
    for x in article.quantities:
        hedge = f"{x.hedge} " if x.hedge else ""
        marks.append(Mark(x.start, x.end, "quantity", f"quantity: {hedge}{x.value} {x.unit or ''}".strip()))
    for t in article.times:
        marks.append(Mark(t.start, t.end, "time", f"time: {t.value or 'unresolved'} ({t.precision or '?'})"))
    for lt in article.loaded_terms:
        marks.append(Mark(lt.start, lt.end, f"loaded-{lt.voice}",
                          f"loaded language, {'outlet' if lt.voice == 'outlet' else 'quoted'} voice"
                          + (f" ({lt.label})" if lt.label else "")))
    for f in facts or []:
        anchored = False  # one anchor per fact and article (a claim and the denial answering it share a fact)
        for m in sorted((m for m in f.mentions if m.article == article.id), key=lambda m: m.start):
            marks.append(Mark(m.start, m.end, "fact", f"{f.id} {m.stance}: {f.status}",
                              anchor=None if anchored else fact_anchor(f.id, article.id)))
            anchored = True
    n = len(article.body)
    return [m for m in marks if 0 <= m.start < m.end <= n]


def fact_anchor(fact_id: str, article_id: str) -> str:
    return f"m-{fact_id}-{article_id}"


def render_body(body: str, marks: list[Mark]) -> str:
    """Escaped HTML of `body` with <mark>-like spans; paragraphs (blank-line separated) become <p>."""
    cuts = {0, len(body)}
    for m in marks:
        cuts.update((m.start, m.end))
    for i, ch in enumerate(body):
        if ch == "\n":
            cuts.update((i, i + 1))
    points = sorted(cuts)
    starts: dict[int, list[Mark]] = {}
    for m in marks:
        starts.setdefault(m.start, []).append(m)
    out: list[str] = ["<p>"]
    active: list[Mark] = []
    for a, b in zip(points, points[1:]):
        active = [m for m in active if m.end > a] + starts.get(a, [])
        for m in starts.get(a, []):
            if m.anchor:
                out.append(f'<a class="anchor" id="{escape(m.anchor)}"></a>')
        piece = body[a:b]
        if piece == "\n":
            if body[b:b + 1] == "\n" or (out and out[-1] == "</p><p>"):
                if out[-1] != "</p><p>":
                    out.append("</p><p>")
            else:
                out.append("<br>")
            continue
        if not active:
            out.append(escape(piece))
            continue
        classes = " ".join(sorted({m.kind for m in active}))
        tips = "\n".join(m.tip for m in active)
        out.append(f'<span class="{classes}" title="{escape(tips)}">{escape(piece)}</span>')
    out.append("</p>")
    return "".join(out)
