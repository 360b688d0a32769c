"""Time expressions normalised to TIMEX3 values, and the publication range narrowed by the body's own dates.

Spans follow TimeML: the expression without its preposition ("Saturday", not "on Saturday"). Relative
expressions are resolved against the publication date; when only a range is known the value is what every
day of that range agrees on (see `timex_rules.normalise`). Weekdays default to the past, as news reports what
has happened, and to the future when the governing verb is future ("is expected to arrive ... on Monday").
What the tagger needs from spaCy it reads through a view (`timex_view`): the whole parse `analyze` makes, or, on
the times-only path (`timex_text`), the few sentences whose reading depends on it, parsed on demand.
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Doc

from newsprism.extract.base import Extractor
from newsprism.extract.timex_anaphora import (
    RELATIONAL,
    counts_from_named_event,
    period_of,
    relational_week,
    resolve_period,
)
from newsprism.extract.timex_asks import View, ask, in_date, in_name, matches, model_year_at, modifies_noun_at
from newsprism.extract.timex_business import reported_quarter
from newsprism.extract.timex_filters import (
    YEAR_PREPS,
    adverb,
    is_work_title,
    month_ok,
    quoted,
    season_in_context,
)
from newsprism.extract.timex_patterns import MONTHS
from newsprism.extract.timex_rules import normalise
from newsprism.extract.timex_tense import is_future, is_past
from newsprism.extract.timex_values import Anchor, Norm, duration, precision_of
from newsprism.extract.timex_view import WholeView
from newsprism.model import Article, Published, TimeExpr
from newsprism.nlp.sentences import spans_of
from newsprism.prepare import dates

# A report of quarterly results, where "a year earlier" means the same quarter a year before.
_RESULTS = re.compile(r"\b(?:first|second|third|fourth|latest|fiscal)[\s-]+quarter\b(?!\s+of\s+(?:a|the)\b)", re.I)
_YEAR_AGO = re.compile(r"^(?:(?:a|one)\s+year\s+(?:ago|earlier)|(?:the\s+)?year[\s-](?:ago|earlier)(?:\s+\w+)?)$",
                       re.IGNORECASE)
FULL_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
               "november", "december"}
SET_ADVERBS = {"daily", "weekly", "monthly", "annually", "yearly", "quarterly"}
_LEAD = re.compile(r"^(?:on|in|for|over|at|during|since|by)\s+(?!least\b|most\b)", re.IGNORECASE)
_YEAR_TAIL = re.compile(
    r"^(?:\s*(?:and|or|to|through|until|-|–)\s*(?:[A-Za-z]{3,9}\.?\s+)?[0-3]?\d(?:st|nd|rd|th)?)*"
    r"(?:,?\s+((?:1[5-9]|20)\d\d\b|last\s+year|this\s+year|next\s+year))"
)
_PART_OF_DAY = re.compile(r"(?i)the\s+(?:morning|afternoon|evening)")
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
    past: bool = False  # governed by a plain past verb ("changed ... in December")
    said: bool = False  # the day something was said ("officials said on Tuesday"), not a day the story tells of
    sent: int = -1  # where its sentence starts


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


def _candidates(view: View) -> list[_Cand]:
    text = view.text
    date_ents = view.date_entities()
    out: list[_Cand] = []
    results = _RESULTS.search(text) is not None
    for m in matches(view):
        kind = m.lastgroup or ""
        start, end = m.start(), m.end()
        lead = _LEAD.match(m.group(0))
        if lead and not (kind == "dur" and lead.group(0).lower().startswith("over")):
            start += lead.end()
        if kind in ("md", "dm", "my", "month", "md_range", "season", "set") and not month_ok(m.group(0)):
            continue
        if kind in ("month", "md", "my", "dm") and text[end - 1] == "." and m.group(0).split()[-1].lower()[:-1] \
                in FULL_MONTHS:
            end -= 1  # a sentence's full stop, not an abbreviation's
        if kind == "month":
            prev = text[max(0, start - 12):start].split()
            word = m.group(0).strip().lower().rstrip(".")
            if word in ("may", "march", "mar", "jan", "jun", "jul", "aug", "oct", "nov", "dec", "sep", "sept",
                        "apr", "feb") and not (prev and prev[-1].lower() in YEAR_PREPS):
                continue
        if kind == "decade" and re.search(r"\b(?:his|her|their|in\s+(?:his|her|their))\s+(?:early\s+|late\s+|mid-?)?$",
                                          text[max(0, start - 20):start], re.I):
            continue  # "in his early 20's": an age
        if kind == "year" and re.match(r"\s*(?:GMT|UTC|[A-Z]{1,3}[SD]?T\b|hrs\b|h\b)", text[end:end + 6]):
            continue  # "1630 GMT": a clock time
        if kind == "year" and model_year_at(view, start, end):
            continue  # "his 2008 Bentley": a model year names a thing, not a time
        if kind == "dur" and re.search(r"-old$", m.group(0)) or re.match(r"\s*-\s*old\b", text[end:end + 8]):
            continue  # an age ("a 6-year-old") is a person's attribute, not a time
        if kind == "dur" and re.match(r"(?:the\s+)?(?:1[5-9]|20)\d\d\s", m.group(0)):
            continue  # "the 1988 quarter": a year, not 1988 quarters
        if kind in ("year", "deictic") and is_work_title(text, start, end, year=kind == "year") or \
                m.group(0)[:1].isupper() and quoted(text, start, end) and not view.opens_sentence(start):
            continue  # "ABC's \"This Week,\"": a programme's name
        if kind == "year" and not in_date(view, date_ents, start, end):
            prev = text[max(0, start - 12):start].split()
            if not (prev and prev[-1].lower().strip(",") in YEAR_PREPS):
                continue
        if kind == "dur" and re.match(r"(?i)an?\s+(second|minute|quarter)\b(?!\s+and\s+a\s+half)", m.group(0)):
            continue  # "a second plane", "a quarter of"
        if kind == "dur" and re.search(r"(?i)quarters?$", m.group(0)) and \
                re.match(r"\s+of\s+(?!(?:the\s+|a\s+|this\s+|last\s+|next\s+)?(?:year|fiscal|(?:1[5-9]|20)\d\d))",
                         text[end:end + 20]):
            continue  # "three-quarters of its food": a fraction
        if kind == "dur" and re.match(r"\s+old\b", text[end:end + 6]):
            continue  # "52 years old": an age
        if kind == "season_bare" and not season_in_context(text, start, m.group(0)):
            continue
        if kind == "ref_adj" and not modifies_noun_at(view, start, end):
            continue  # "current" as a noun ("the current swept him away") or a predicate
        if kind == "the_year" and "Year" in m.group(0):
            continue  # "Person of the Year": a title
        if kind == "set" and m.group(0).lower() in SET_ADVERBS and not ask(view, adverb, start, end):
            continue  # "quarterly results", "The Daily Courier": an adjective or a name, not "meets daily"
        if kind in ("deictic", "set") and m.group(0)[0].isupper() and not view.opens_sentence(start):
            continue  # "USA Today", "The Daily Courier": a title word, not a time
        if in_name(view, start, end):
            continue  # "USA Today", "The Daily Courier": part of a name
        if kind == "ago" and re.search(r"\s(?:after|before)$", m.group(0), re.IGNORECASE):
            end -= len(m.group(0).split()[-1]) + 1  # TimeML keeps "after"/"before" out of the span
        if kind == "dur" and re.match(r"(?i)the\s", m.group(0)) and not m.group(0).endswith("s"):
            start += 4  # "the two-week trip": TimeML keeps the article only with a plural ("the nine months")
        if kind in ("ago", "year_earlier") and _YEAR_AGO.match(text[start:end]) and results:
            kind = "year_ago_q"  # "profit rose from $3 million a year earlier": the year-ago quarter
        qualifier = ""
        if kind in ("md", "dm") and not re.search(r"(?:1[5-9]|20)\d\d|year", m.group(0)):
            tail = _YEAR_TAIL.match(text[end:end + 60])
            if tail:
                qualifier = tail.group(1)
        out.append(_Cand(start, end, kind, qualifier))
    out.extend(_entity_candidates(view, date_ents, out))
    out.sort(key=lambda c: c.start)
    return out


def _entity_candidates(view: View, date_ents: list[tuple[int, int]], found: list[_Cand]) -> list[_Cand]:
    """spaCy's DATE/TIME entities the grammar missed: kept with an unknown value when they name a time unit."""
    text = view.text
    out: list[_Cand] = []
    for s, e in date_ents:
        if not any(c.start < e and s < c.end for c in found):
            ent_text = text[s:e]
            title_word = " " not in ent_text and ent_text[:1].isupper() and not view.opens_sentence(s)
            named = is_work_title(text, s, e) or re.fullmatch(r"(?i)another day|quarterly", ent_text) or \
                re.search(r"(?i)quarters?$", ent_text) and re.match(r"\s+of\b", text[e:e + 5])  # a fraction
            if TIME_WORDS.search(ent_text) and not re.search(r"\bold\b|-old\b", ent_text) and not title_word \
                    and not named:
                lead = _LEAD.match(ent_text)
                start = s + (lead.end() if lead else 0)
                # "in the morning": the part of the day the narrative last named
                kind = "anaphoric" if _PART_OF_DAY.fullmatch(text[start:e]) else "ent"
                out.append(_Cand(start, e, kind))
    return out


def _to_expr(body: str, c: _Cand, anchor: Anchor | None) -> TimeExpr:
    text = body[c.start:c.end]
    if c.kind == "ent":
        plural = re.match(r"(?:the\s+)?(days|weeks|months|years|decades|centuries|hours|minutes)\b", text, re.I)
        norm = Norm(duration(None, plural.group(1)), "DURATION", "duration") if plural else Norm(None, "DATE", None)
    else:
        norm = normalise(c.kind, text + (" " + c.qualifier if c.qualifier else ""), anchor, c.future)
        norm = norm or Norm(None, "DATE", None)
        if c.past and c.kind in ("md", "dm", "month") and not c.qualifier:
            norm = _not_after(norm, text, anchor)
    precision = norm.precision if norm.value is not None else precision_of(norm.value, norm.type)
    return TimeExpr(text=text, value=norm.value, precision=precision, start=c.start, end=c.end, type=norm.type)


def _not_after(norm: Norm, text: str, anchor: Anchor | None) -> Norm:
    """A day or month without a year, told as past, lies before the report: "changed ... in December" in a
    November article is last December."""
    m = re.fullmatch(r"(\d{4})(-\d\d(?:-\d\d)?)", norm.value or "")
    if m is None or anchor is None or not anchor.exact or re.search(r"\d{4}|year", text, re.IGNORECASE):
        return norm
    later = m.group(0) > anchor.lo.isoformat()[:7] if len(m.group(0)) == 7 else \
        date.fromisoformat(m.group(0)) > anchor.lo + timedelta(days=7)  # a dateline may run a day or two ahead
    if later:
        return Norm(f"{int(m.group(1)) - 1:04d}{m.group(2)}", norm.type, norm.precision)
    return norm


# The last document's candidates, so that refine_published can re-normalise after narrowing the anchor
# without a second parse (the pipeline calls the two back to back on one article).
_LAST: dict[str, list[_Cand]] = {}


def extract_times(doc: Doc, published: Published) -> list[TimeExpr]:
    """The time expressions of a document the pipeline parsed whole (`analyze`)."""
    view = WholeView(doc)
    anchor = anchor_of(published)
    cands = tag_candidates(view, anchor)
    _LAST.clear()
    _LAST[view.text] = cands
    return resolve_times(view.text, cands, anchor)


def times_of_view(view: View, published: Published) -> list[TimeExpr]:
    """The time expressions of any view (see timex_view): the times-only path calls this on plain text."""
    anchor = anchor_of(published)
    return resolve_times(view.text, tag_candidates(view, anchor), anchor)


def tag_candidates(view: View, anchor: Anchor | None) -> list[_Cand]:
    """The candidates with the tense of their verb and their sentence. Where sentences are parsed on demand, the
    tense is asked only where it changes the value (a weekday, a month without a year): elsewhere it cannot
    change what is printed, and the parse is most of the cost."""
    cands = _candidates(view)
    for c in cands:
        if view.whole or _tense_matters(view.text, c, anchor):
            p = view.parse(c.start)
            if p is not None:
                c.future = p.ask(is_future, c.start, c.end)
                c.past = not c.future and p.ask(is_past, c.start, c.end)
                c.said = p.ask(_said_on, c.start, c.end)
        c.sent = view.sentence_at(c.start)
    return cands


# The kinds whose normaliser reads the tense (a weekday's direction, a month's nearest year) or to which
# `_not_after` applies.
_TENSED = frozenset({"md", "dm", "md_range", "month", "time", "weekday", "part_day"})


def _tense_matters(body: str, c: _Cand, anchor: Anchor | None) -> bool:
    if c.kind not in _TENSED:
        return False
    values = {_to_expr(body, _Cand(c.start, c.end, c.kind, c.qualifier, future, past), anchor).value
              for future, past in ((False, False), (True, False), (False, True))}
    return len(values) > 1


def _anaphoric_period(body: str, c: _Cand, period: str | None) -> TimeExpr:
    text = body[c.start:c.end]
    value = resolve_period(text, period)
    return TimeExpr(text=text, value=value, precision=precision_of(value, "DATE"), start=c.start, end=c.end,
                    type="DATE")


def _bare_clock(c: _Cand, body: str) -> bool:
    """A clock time with no day of its own ("about 1: 30 a. m."): on the day the narrative last named."""
    return c.kind == "time" and not re.search(r"(?i)day|tonight|tomorrow|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|"
                                              r"oct|nov|dec)[a-z]*\.?\s+\d", body[c.start:c.end])


def _day_after(body: str, cands: list[_Cand], k: int, anchor: Anchor | None) -> Anchor | None:
    """The day a clock time names right after it ("at 7: 01 p. m. on Friday"), which beats the narrative's."""
    c = cands[k]
    if c.kind != "time" or k + 1 >= len(cands) or cands[k + 1].kind not in ("weekday", "md", "dm", "deictic") or \
            not re.fullmatch(r",?\s*(?:on\s+)?", body[c.end:cands[k + 1].start]):
        return None
    nxt = _to_expr(body, cands[k + 1], anchor)
    day = re.match(r"(\d{4}-\d\d-\d\d)", nxt.value or "")
    return Anchor(date.fromisoformat(day.group(1)), date.fromisoformat(day.group(1))) if day else None


def _said_on(doc: Doc, start: int, end: int) -> bool:
    """Whether a time names when something was said: its phrase hangs on a reporting verb ("said on Tuesday")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    tok = span.root
    while tok.dep_ in ("pobj", "prep", "npadvmod", "nmod", "obl", "tmod") and tok.head is not tok:
        tok = tok.head
    return tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in _SAYING


_SAYING = frozenset({"say", "tell", "add", "state", "write", "report", "confirm", "explain", "note", "claim",
                     "insist", "testify", "comment", "tweet"})


def _relational(body: str, c: _Cand, day: Anchor | None) -> TimeExpr | None:
    """"the day before", "the next morning", "the previous week": counted from `day`, the event day the text last
    named (else the publication day, TimeML's anchor when no other time precedes); None for other expressions."""
    text = body[c.start:c.end]
    if not RELATIONAL.fullmatch(text):
        return None
    if counts_from_named_event(text, body[c.end:c.end + 30]):
        day = None
    if re.search(r"week", text, re.IGNORECASE):
        value = relational_week(text, day.lo if day else None)
        return TimeExpr(text=text, value=value, precision="week" if value else None, start=c.start, end=c.end,
                        type="DATE")
    return _to_expr(body, _Cand(c.start, c.end, "anaphoric"), day)


def resolve_times(body: str, cands: list[_Cand], anchor: Anchor | None) -> list[TimeExpr]:
    """Each candidate's value; an anaphoric one ("late afternoon", "later that day") against the last day the
    text named before it, else the publication day when it is known to the day, else left open. A relational one
    ("the day before", "the previous week") counts from the last day the story tells of, not from a day something
    was said on ("officials said on Tuesday that the crew left the next day"), else from the publication day."""
    out: list[TimeExpr] = []
    ref = anchor if anchor is not None and anchor.exact else None
    event: Anchor | None = ref  # the last day the story tells of
    said: tuple[int, Anchor] | None = None  # the sentence and day of the last "said on <day>"
    period: str | None = None  # the last year, month or quarter the text named ("in 1995 ... the following year")
    reported: str | None = None  # the quarter a results report is about ("fourth-quarter profit rose ...")
    for k, c in enumerate(cands):
        # what a speaker said "the day before" counts from the day of saying ("said Tuesday it had received
        # the offer the day before"); in a later sentence, from the day the story tells of
        own = said[1] if said is not None and said[0] == c.sent else event
        relational = _relational(body, c, own)
        if relational is not None:
            expr = relational
        elif c.kind == "anaph_period":
            expr = _anaphoric_period(body, c, period)
        else:
            anaphoric = c.kind in ("anaphoric", "anaph_weekday") or _bare_clock(c, body)
            expr = _to_expr(body, c, _day_after(body, cands, k, anchor) or ref if anaphoric else anchor)
            value, reported = reported_quarter(c.kind, expr.text, expr.value, reported)
            if value != expr.value:
                expr = TimeExpr(text=expr.text, value=value, precision="quarter", start=expr.start, end=expr.end,
                                type=expr.type)
            period = period_of(expr.value, expr.type) or period
        out.append(expr)
        day = re.match(r"(\d{4}-\d\d-\d\d)(?:T\w+)?$", expr.value or "")
        if day and expr.precision in ("day", "time"):  # narrative time moves on ("the next morning")
            d = date.fromisoformat(day.group(1))
            ref = Anchor(d, d)
            # a flashback ("the day before") leaves the story's day where it was; "the next day" moves it on
            back = relational is not None and re.search(r"before|previous|prior", expr.text, re.IGNORECASE)
            event = event if c.said or back else ref
            said = (c.sent, ref) if c.said else said
    return out


_FUTURE_CUE = re.compile(r"\b(?:will|'ll|expected|scheduled|plans? to|due to|is to|are to|next|upcoming)\b",
                         re.IGNORECASE)


def _sentence(body: str, spans: list[tuple[int, int]], start: int, end: int) -> str:
    """The stored sentence that holds [start, end) (the expression itself when none does)."""
    k = bisect_right(spans, (start, len(body) + 1)) - 1
    return body[spans[k][0]:spans[k][1]] if k >= 0 and spans[k][1] >= end else body[start:end]


def _dated_days(article: Article) -> tuple[list[tuple[str, TimeExpr]], list[tuple[str, TimeExpr]]]:
    """(past, future) fully specified days the body names by month, with their last/first day."""
    past, future = [], []
    cached = _LAST.get(article.body)
    # The governing verb's tense from the parse; without it, no date counts as future (no ceiling).
    verb_future = {(c.start, c.end): c.future for c in cached} if cached else {}
    spans = spans_of(article)
    for t in article.times:
        if t.type != "DATE" or t.precision not in ("day", "range") or not t.value:
            continue
        days = t.value.split("/")
        if not all(re.fullmatch(r"\d{4}-\d\d-\d\d", x) for x in days):
            continue
        if not re.search(r"[A-Za-z]{3}", t.text) or not any(w.lower().rstrip(".") in MONTHS for w in t.text.split()):
            continue  # weekdays and "yesterday" were resolved against the range itself: circular
        cue = _FUTURE_CUE.search(_sentence(article.body, spans, t.start, t.end))
        if cue and verb_future.get((t.start, t.end)):
            future.append((days[0], t))
        elif not cue:
            past.append((days[-1], t))
    return past, future


def _note(pub: Published, note: str) -> None:
    pub.evidence = f"{pub.evidence}; {note}" if pub.evidence else note


def refine_published(article: Article) -> None:
    """Narrow an inferred (or unknown) publication range with the body's own dated events.

    An article cannot be published before the latest day it reports as past, nor (more weakly, so only with
    an explicit future cue such as "will" or "is scheduled") after a day it announces as upcoming. Only days
    named by month count, whose year is written or already fixed by the range; weekdays and "yesterday" are
    skipped because they were resolved against the range itself. Times are re-normalised after a change.
    """
    pub = article.published
    if pub.date and not pub.inferred:
        return  # an explicit date is never moved
    past, future = _dated_days(article)
    changed = False
    if past:
        floor, t = max(past, key=lambda x: x[0])
        if pub.latest and pub.latest[:10] < floor:
            _note(pub, f"the body reports {t.text!r} ({floor}) as past, after the latest possible date; range kept")
        elif not (pub.earliest and pub.earliest[:10] >= floor) and not (pub.date and pub.date[:10] >= floor):
            if pub.date and pub.date[:10] < floor:
                pub.date = None  # an inferred day that the body contradicts
            pub.earliest, pub.inferred, changed = floor, True, True
            _note(pub, f"the body reports {t.text!r} ({floor}) as past, so published on or after {floor}")
    if future:
        ceiling, t = min(future, key=lambda x: x[0])
        lower = pub.date or pub.earliest
        if not (lower and lower[:10] > ceiling) and not (pub.latest and pub.latest[:10] <= ceiling) and \
                not (pub.date and pub.date[:10] <= ceiling):
            pub.latest, pub.inferred, changed = ceiling, True, True
            _note(pub, f"the body announces {t.text!r} ({ceiling}) as upcoming, so published on or before {ceiling}")
    cached = _LAST.get(article.body)
    if pub.earliest and pub.latest and pub.earliest[:10] == pub.latest[:10] and changed:
        pub.date = pub.earliest[:10]
    anchor = anchor_of(pub)
    if changed and cached and anchor is not None:
        article.times = resolve_times(article.body, cached, anchor)


def infer_published(article: Article) -> None:
    """The inferred publication range (prepare/dates.infer_published) of an article pass 1 found no explicit
    date for, read from the parse's sentences; it must exist before the body's times are normalised against it."""
    pub = article.published
    if pub.date or pub.earliest or pub.latest or pub.inferred:
        return  # explicit, or already inferred
    article.published = dates.infer_published(article.body, spans_of(article), article.removed)


def _fill(doc: Doc, article: Article) -> None:
    infer_published(article)
    article.times = extract_times(doc, article.published)
    refine_published(article)


EXTRACTOR = Extractor("times", fills=("times", "published"), fill=_fill)
