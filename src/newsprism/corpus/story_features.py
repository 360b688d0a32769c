"""What the stories stage reads of one article: blocking keys, named entities, verbatim passages and counts,
the dates it reports, the people and places its lead is about; and the time gate that says whether two reports
may be one event at all.

A story is one real-world event, so two reports weeks apart are different events unless their text ties them (a
shared quote, count or named day), a later lead dates its event to the first reports, or a follow-up is about
the same people. Two events of one kind (two arrests, two fires) share most of their wording; what parts them is
who and where, hence the main actors read from each lead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from anyascii import anyascii
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from newsprism.model import Article

MAIN_TYPES = {"PERSON", "GPE"}  # who and where an event report is about
MAIN_SENTENCES = 2  # the lead: where a report names them
GAP_DAYS = 7  # articles further apart than this report different events unless their text ties them
FOLLOW_UP_DAYS = 2 * GAP_DAYS  # ... or unless a follow-up shares a main person (see within_gate)
ENTITY_TYPES = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART"}
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")
# Quoted passages and counted things are what two reports of one event share verbatim ("The crew
# acted quickly", "2,000 tonnes"); read from the text too so that the signal exists before the extractors run.
# Single quotes only at word edges: ’ and ' are also apostrophes ("Marković’s").
_QUOTED = re.compile(r"“([^“”]{6,300})”|\"([^\"]{6,300})\"|(?<!\w)‘([^‘’]{6,300})’(?!\w)")
_COUNT = re.compile(r"(?<![\w.-])(\d[\d,.]*)\s+(?:([a-z]+)\s+)?([a-z]+)")
_LEAD_DATE = re.compile(r"\d{4}-\d{2}(?:-\d{2})?")
_SENT_END = re.compile(r"[.!?](?=\s)")
_NAME_WORD = re.compile(r"[a-z]+")


@dataclass(slots=True)
class Feat:
    """What the stories stage keeps of one article."""
    keys: set[str] = field(default_factory=set)
    ents: set[str] = field(default_factory=set)
    strong: set[str] = field(default_factory=set)  # distinctive quote phrases and quantities with units
    days: set[str] = field(default_factory=set)  # day-precision event dates the text mentions
    lead_dates: set[str] = field(default_factory=set)  # day- or month-precision dates the first two sentences name
    mains: set[str] = field(default_factory=set)  # surnames of the people and places the lead is about
    people: set[str] = field(default_factory=set)  # the mains that are people
    names: set[str] = field(default_factory=set)  # every word of every name the article uses, and of its title
    lo: date | None = None
    hi: date | None = None


def norm(text: str) -> str:
    return " ".join(anyascii(text).lower().split())


def day(value: str | None) -> date | None:
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _pub_range(article: Article) -> tuple[date | None, date | None]:
    p = article.published
    lo = day(p.earliest) or day(p.date)
    hi = day(p.latest) or day(p.date)
    if lo and hi and hi < lo:
        lo, hi = hi, lo
    return lo, hi


def _content_words(text: str) -> list[str]:
    return [w for w in (norm(m.group()) for m in _WORD.finditer(text)) if w not in ENGLISH_STOP_WORDS]


def features(article: Article) -> Feat:
    f = Feat()
    for e in article.entities:
        if e.type in ENTITY_TYPES:
            f.ents.add(e.id if re.fullmatch(r"E\d+", e.id or "") else "n:" + norm(e.name))
    for q in article.quantities:
        if q.value is not None and q.unit and q.value >= 10:  # "two planes" is in every report of a topic
            unit = norm(q.unit).split()[-1].rstrip("s") if norm(q.unit) else ""
            if unit:
                f.strong.add(f"q:{q.value:g} {unit}")
    for q in article.quotes:
        if not q.direct:  # reported speech is the outlet's own wording, not a shared verbatim passage
            continue
        toks = _content_words(q.text)
        f.strong.update("quote:" + " ".join(toks[i:i + 2]) for i in range(len(toks) - 1))
    body = article.body or ""
    for m in _QUOTED.finditer(body):
        toks = _content_words(next(g for g in m.groups() if g))
        f.strong.update("quote:" + " ".join(toks[i:i + 2]) for i in range(len(toks) - 1))
    for m in _COUNT.finditer(body):
        num = m.group(1).replace(",", "").rstrip(".")
        if num.isdigit() and not 1900 <= int(num) <= 2100 and int(num) >= 10:
            f.strong.update(f"q:{int(num)} {w.rstrip('s')}" for w in m.groups()[1:] if w and w not in ENGLISH_STOP_WORDS)
    lead = lead_end(body)
    for t in article.times:
        if t.value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", t.value) and t.type in ("DATE", "TIME"):
            f.days.add(t.value)
        if t.value and _LEAD_DATE.fullmatch(t.value) and t.type == "DATE" and t.start < lead:
            f.lead_dates.add(t.value)
    f.mains, f.people, f.names = _main_names(article)
    f.lo, f.hi = _pub_range(article)
    f.keys = {"e:" + e for e in f.ents} | f.strong
    return f


def lead_end(body: str) -> int:
    """End of the first MAIN_SENTENCES sentences, or of the body when its first 2,000 characters have fewer."""
    ends = [m.end() for m in _SENT_END.finditer(body, 0, 2000)]
    return ends[MAIN_SENTENCES - 1] if len(ends) >= MAIN_SENTENCES else len(body)


def _main_names(article: Article) -> tuple[set[str], set[str], set[str]]:
    """(main, main people, all) name words. Main: a person or place named at least twice and in the first two
    sentences, or in the headline; what an event report is about. Two reports of one event name each other's
    main actors; two events of one kind (two arrests, two fires) name different ones, however alike their
    wording."""
    body = article.body or ""
    lead = lead_end(body)
    title = set(_NAME_WORD.findall(norm(article.title or "")))
    mains, people, names = set(), set(), set(title)
    for e in article.entities:
        words = _NAME_WORD.findall(norm(e.name))
        names.update(words)
        if e.type not in MAIN_TYPES or not words or len(words[-1]) < 3:
            continue
        if words[-1] in title or (len(e.mentions) >= 2 and any(m.start < lead for m in e.mentions)):
            mains.add(words[-1])
            if e.type == "PERSON":
                people.add(words[-1])
    return mains, people, names


def conflict(a: Feat, b: Feat) -> bool:
    """Each names a main actor the other never mentions: two events of one kind."""
    return bool(a.mains and b.mains) and (not a.mains & b.names or not b.mains & a.names)


def within_gate(a: Feat, b: Feat) -> bool:
    """Whether two reports may be one event by their dates: the evidence needed grows with the days between them.

    Within GAP_DAYS any shared wording may tie them. Two reports about different main actors never pass.
    Further apart, a later report whose lead dates what it tells of to when the earlier one was published
    ("the trial of the driver accused over the crash at a March 2019 parade opened") may. So may a follow-up (an
    arrest, a funeral) that shares a main person: up to FOLLOW_UP_DAYS, or at any distance when both are about
    exactly the same main actors (a trial months later tells of the same people); a report that adds someone new
    weeks later (a minister's visit) is another event, and so is a second fire in one town: a place alone is not
    enough. A shared quote, count or named day ties reports at any distance (`tied` in stories.pair_features).
    """
    days = gap(a, b)
    if days is None or days <= GAP_DAYS:
        return True
    if conflict(a, b):
        return False
    if _dates_back(a, b) or _dates_back(b, a):
        return True
    if not a.people & b.people:  # a town sees many events; a follow-up is about the same people
        return False
    return days <= FOLLOW_UP_DAYS or a.mains == b.mains


def _dates_back(earlier: Feat, later: Feat) -> bool:
    """The later report's lead names a day within GAP_DAYS before or during the earlier one's publication
    range, or the month that range lies in."""
    if not (earlier.lo and earlier.hi and later.lo and earlier.hi < later.lo):
        return False
    month = earlier.lo.isoformat()[:7]
    for v in later.lead_dates:
        if len(v) == 7:
            if v == month and earlier.hi.isoformat()[:7] == month:
                return True
        elif (d := day(v)) and earlier.lo - timedelta(days=GAP_DAYS) <= d <= earlier.hi:
            return True
    return False


def gap(a: Feat, b: Feat) -> int | None:
    if not (a.lo and a.hi and b.lo and b.hi):
        return None
    if a.hi < b.lo:
        return (b.lo - a.hi).days
    if b.hi < a.lo:
        return (a.lo - b.hi).days
    return 0
