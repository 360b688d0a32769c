"""Time expressions normalised to TIMEX3 values, and the publication range narrowed by the body's own dates.

Spans follow TimeML: the expression without its preposition ("Saturday", not "on Saturday"). Relative
expressions are resolved against the publication date; when only a range is known the value is what every
day of that range agrees on (see `timex_rules.normalise`). Weekdays default to the past, as news reports what
has happened, and to the future when the governing verb is future ("is expected to arrive ... on Monday").
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc

from ..model import Article, Published, TimeExpr
from .timex_rules import MASTER, MONTHS, Anchor, Norm, normalise, precision_of

FUTURE_LEMMAS = {"expect", "schedule", "plan", "due", "intend", "set", "prepare", "aim", "hope", "promise"}
FUTURE_AUX = {"will", "'ll", "shall", "wo"}
YEAR_PREPS = {"in", "since", "until", "by", "of", "from", "early", "late", "mid", "fiscal", "during", "before",
              "after", "through", "to", "and", "or", "between", "around", "the", "'s", "year", "than"}
NAME_LABELS = {"ORG", "PERSON", "WORK_OF_ART", "PRODUCT", "FAC", "GPE", "NORP", "LAW"}
SET_ADVERBS = {"daily", "weekly", "monthly", "annually", "yearly", "quarterly"}
_LEAD = re.compile(r"^(?:on|in|for|over|at|during|since|by)\s+", re.IGNORECASE)
_YEAR_TAIL = re.compile(
    r"^(?:\s*(?:and|or|to|through|until|-|–)\s*(?:[A-Za-z]{3,9}\.?\s+)?[0-3]?\d(?:st|nd|rd|th)?)*"
    r"(?:,?\s+((?:1[5-9]|20)\d\d\b|last\s+year|this\s+year|next\s+year))"
)
TIME_WORDS = re.compile(
    r"\b(?:day|week|month|year|decade|centur|hour|minute|season|spring|summer|fall|autumn|winter|quarter|"
    r"morning|afternoon|evening|night|ago|today|yesterday|tomorrow|weekend)", re.IGNORECASE,
)


@dataclass
class _Cand:
    start: int
    end: int
    kind: str
    qualifier: str = ""  # a year qualifier that follows a coordinated date ("Dec 10th and Dec 14th last year")
    future: bool = False


def anchor_of(published: Published) -> Anchor | None:
    """The publication date as an interval, or None when nothing is known to the day or month."""
    if published.date:
        d = _parse(published.date, end=False)
        if d:
            return Anchor(d, d)
    if published.earliest and published.latest:
        lo, hi = _parse(published.earliest, end=False), _parse(published.latest, end=True)
        if lo and hi and lo <= hi:
            return Anchor(lo, hi)
    return None


def _parse(value: str, end: bool) -> date | None:
    m = re.match(r"(\d{4})(?:-(\d\d))?(?:-(\d\d))?", value or "")
    if not m:
        return None
    y = int(m.group(1))
    mo = int(m.group(2) or (12 if end else 1))
    last = calendar.monthrange(y, mo)[1]
    return date(y, mo, int(m.group(3) or (last if end else 1)))


def _is_future(doc: Doc, start: int, end: int) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    tok = span.root
    for _ in range(4):
        if tok.lemma_.lower() in FUTURE_LEMMAS and tok.pos_ in ("VERB", "ADJ"):
            return True
        if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in tok.children):
            return True
        if tok.head is tok:
            break
        tok = tok.head
    return False


def _month_ok(text: str) -> bool:
    """Month names must be capitalised, and "May"/"March" at a sentence start only with a day or year."""
    for word in re.findall(r"[A-Za-z]+", text):
        if word.lower() in MONTHS and len(word) >= 3:
            if not word[0].isupper():
                return False
    return True


def _candidates(doc: Doc) -> list[_Cand]:
    text = doc.text
    date_ents = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in ("DATE", "TIME")]
    name_ents = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in NAME_LABELS]
    out: list[_Cand] = []
    for m in MASTER.finditer(text):
        kind = m.lastgroup or ""
        start, end = m.start(), m.end()
        lead = _LEAD.match(m.group(0))
        if lead:
            start += lead.end()
        if kind in ("md", "dm", "my", "month", "md_range", "season") and not _month_ok(m.group(0)):
            continue
        if kind == "month":
            prev = text[max(0, start - 12):start].split()
            word = m.group(0).strip().lower().rstrip(".")
            if word in ("may", "march", "mar", "jan", "jun", "jul", "aug", "oct", "nov", "dec", "sep", "sept",
                        "apr", "feb") and not (prev and prev[-1].lower() in YEAR_PREPS):
                continue
        if kind == "year" and not any(s <= start and end <= e for s, e in date_ents):
            prev = text[max(0, start - 12):start].split()
            if not (prev and prev[-1].lower().strip(",") in YEAR_PREPS):
                continue
        if kind == "dur" and re.match(r"(?i)an?\s+(second|minute|quarter)\b", m.group(0)):
            continue  # "a second plane", "a quarter of"
        if kind == "deictic" and m.group(0).lower() == "currently":
            continue
        if kind == "set" and m.group(0)[0].isupper() and m.group(0).lower() in SET_ADVERBS:
            continue  # "The Daily Wire"
        if any(s < end and start < e for s, e in name_ents):
            continue  # "EU Today", "The Daily Wire": part of a name
        if kind == "ago" and re.search(r"\s(?:after|before)$", m.group(0), re.IGNORECASE):
            end -= len(m.group(0).split()[-1]) + 1  # TimeML keeps "after"/"before" out of the span
        qualifier = ""
        if kind in ("md", "dm") and not re.search(r"(?:1[5-9]|20)\d\d|year", m.group(0)):
            tail = _YEAR_TAIL.match(text[end:end + 60])
            if tail:
                qualifier = tail.group(1)
        out.append(_Cand(start, end, kind, qualifier))
    # spaCy's DATE/TIME entities the grammar missed: kept with an unknown value when they name a time unit.
    for s, e in date_ents:
        if not any(c.start < e and s < c.end for c in out):
            ent_text = text[s:e]
            if TIME_WORDS.search(ent_text) and not re.search(r"\bold\b|-old\b", ent_text):
                lead = _LEAD.match(ent_text)
                out.append(_Cand(s + (lead.end() if lead else 0), e, "ent"))
    out.sort(key=lambda c: c.start)
    return out


def _to_expr(doc: Doc, c: _Cand, anchor: Anchor | None) -> TimeExpr:
    text = doc.text[c.start:c.end]
    if c.kind == "ent":
        norm = Norm(None, "DATE", None)
    else:
        norm = normalise(c.kind, text + (" " + c.qualifier if c.qualifier else ""), anchor, c.future)
        norm = norm or Norm(None, "DATE", None)
    precision = norm.precision if norm.value is not None else precision_of(norm.value, norm.type)
    return TimeExpr(text=text, value=norm.value, precision=precision, start=c.start, end=c.end, type=norm.type)


# The last document's candidates, so that refine_published can re-normalise after narrowing the anchor
# without a second parse (the pipeline calls the two back to back on one article).
_LAST: dict[str, tuple[Doc, list[_Cand]]] = {}


def extract_times(doc: Doc, published: Published) -> list[TimeExpr]:
    cands = _candidates(doc)
    for c in cands:
        c.future = _is_future(doc, c.start, c.end)
    _LAST.clear()
    _LAST[doc.text] = (doc, cands)
    anchor = anchor_of(published)
    return [_to_expr(doc, c, anchor) for c in cands]


_FUTURE_CUE = re.compile(r"\b(?:will|'ll|expected|scheduled|plans? to|due to|is to|are to|next|upcoming)\b",
                         re.IGNORECASE)


def _sentence(body: str, start: int, end: int) -> str:
    lo = max(body.rfind(".", 0, start), body.rfind("\n", 0, start)) + 1
    hi_dot = [i for i in (body.find(". ", end), body.find("\n", end)) if i != -1]
    return body[lo:min(hi_dot) if hi_dot else len(body)]


def refine_published(article: Article) -> None:
    """Narrow an inferred (or unknown) publication range with the body's own dates of past events.

    An article cannot be published before the latest day it reports as past. Only fully specified days
    count: with an explicit year, or a month and day whose year the current range already fixes.
    """
    pub = article.published
    if pub.date and not pub.inferred:
        return  # an explicit date is never moved
    best: TimeExpr | None = None
    for t in article.times:
        if t.type != "DATE" or t.precision not in ("day", "range") or not t.value:
            continue
        value = t.value.split("/")[-1]
        if not re.fullmatch(r"\d{4}-\d\d-\d\d", value):
            continue
        if not (re.search(r"(?:1[5-9]|20)\d\d", t.text) or any(m in t.text.lower() for m in MONTHS)):
            continue  # weekdays and "yesterday" were resolved against the range itself: circular
        if _FUTURE_CUE.search(_sentence(article.body, t.start, t.end)):
            continue
        if best is None or value > best.value.split("/")[-1]:
            best = t
    if best is None:
        return
    floor = best.value.split("/")[-1]
    if pub.date and pub.date[:10] >= floor:
        return
    if pub.latest and pub.latest[:10] < floor:
        note = f"the body reports {best.text!r} ({floor}) as past, after the latest possible date; range kept"
        pub.evidence = f"{pub.evidence}; {note}" if pub.evidence else note
        return
    if pub.earliest and pub.earliest[:10] >= floor:
        return
    if pub.date and pub.date[:10] < floor:
        pub.date = None  # an inferred day that the body contradicts
    pub.earliest = floor
    pub.inferred = True
    if pub.latest and pub.latest[:10] == floor:
        pub.date = floor
    note = f"the body reports {best.text!r} ({floor}) as past, so published on or after {floor}"
    pub.evidence = f"{pub.evidence}; {note}" if pub.evidence else note
    cached = _LAST.get(article.body)
    anchor = anchor_of(pub)
    if cached and anchor is not None:
        doc, cands = cached
        article.times = [_to_expr(doc, c, anchor) for c in cands]
