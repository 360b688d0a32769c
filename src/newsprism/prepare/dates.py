"""Publication dates: explicit (a date line, the format's metadata, the url path) or an inferred *range*.

An inferred range is always [earliest, latest] in ISO days with the text that justified each bound in `evidence`,
so that later stages (extract/times.refine_published) can narrow it with the body's own anchored times. `date` is
set only when the range is one day. Nothing is guessed: without evidence the fields stay None. The explicit dates
are read in pass 1 (prepare/meta); the inferred range needs the body's sentences, so extract/times computes it
from the parse before it normalises the body's times against it.

Heuristics, each cited in the evidence when used:
  - a date or year the body names in a past-tense context is a lower bound (news reports the past);
  - "last year" next to the latest year the body names means that year was last year;
  - a dated public event from data/events.tsv (user-extendable) is a lower bound; "earlier this month" /
    "last year" / "this year" in the same sentence place the publication relative to it;
  - a month or day named without a year lies within the year before publication (writers add the year otherwise);
  - a page footer year (a copyright line) is the crawl-time page year: at most an upper bound.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources

from dateutil import parser as dateparser

from newsprism.model import Published, Removed

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
_MONTH_RE = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?" \
            r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_YEAR_RE = r"(?:19[5-9]\d|20[0-4]\d)"
_FULL_DATE = re.compile(rf"\b(?P<m>{_MONTH_RE})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>{_YEAR_RE})\b"
                        rf"|\b(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MONTH_RE})\s+(?P<y2>{_YEAR_RE})\b")
_MONTH_YEAR = re.compile(rf"\b(?P<m>{_MONTH_RE})\s+(?:of\s+)?(?P<y>{_YEAR_RE})\b")
_YEAR = re.compile(rf"(?<![\d,.$£€-])\b(?P<y>{_YEAR_RE})\b(?![\d,.%-]|\s*(?:troops|people|members|km|tons))")
_MONTH_NO_YEAR = re.compile(rf"\b(?:in|on|since|from|between|late|early|mid-?)\s+(?P<m>{_MONTH_RE})(?:\s+\d{{1,2}}"
                            rf"(?:st|nd|rd|th)?)?\b(?!,?\s+{_YEAR_RE})")
_FUTURE = re.compile(rf"\b(?:will|shall|next|upcoming|scheduled|until|ahead of)\b|\bby (?:the end of )?{_YEAR_RE}",
                     re.I)
_URL_DATE = re.compile(r"/(?P<y>(?:19|20)\d\d)[/-](?P<m>0?[1-9]|1[0-2])[/-](?P<d>0?[1-9]|[12]\d|3[01])(?:/|[-_]|$)")
_COPYRIGHT_YEAR = re.compile(rf"(?:\u00a9|\(c\)|copyright)\D{{0,20}}(?:{_YEAR_RE}\s*[-\u2013]\s*)?(?P<y>{_YEAR_RE})",
                             re.I)
_DATE_LABEL = re.compile(r"^(?:published|updated|posted|date|last (?:updated|modified))\s*(?:on|:)?\s*", re.I)


@dataclass(frozen=True)
class Event:
    pattern: re.Pattern[str]
    context: re.Pattern[str] | None
    date: date
    note: str


@lru_cache(maxsize=1)
def load_events() -> tuple[Event, ...]:
    text = resources.files("newsprism").joinpath("data/events.tsv").read_text(encoding="utf-8")
    events = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        pattern, context, iso, note = (line.split("\t") + ["", "", "", ""])[:4]
        events.append(Event(re.compile(pattern, re.I), re.compile(context, re.I) if context else None,
                            date.fromisoformat(iso), note.strip()))
    return tuple(events)


def parse_date_line(line: str) -> date | None:
    """A header line that is only a date ("September 25, 2019", "Published: 25 Sep 2019 10:02")."""
    text = _DATE_LABEL.sub("", line.strip())
    if not re.search(_YEAR_RE, text) or len(text.split()) > 7 or not re.search(r"[A-Za-z]{3}|\d[/-]\d", text):
        return None
    if not re.search(r"(?<!\d)\d{1,2}(?!\d)|\d{4}-\d\d-\d\d", text):
        return None  # a month without a day ("September 2019") is not a publication day
    try:
        return dateparser.parse(text, fuzzy=False, default=None).date()  # type: ignore[arg-type]
    except (ValueError, OverflowError, TypeError, AttributeError):
        return None


def url_date(url: str | None) -> date | None:
    m = _URL_DATE.search(url or "")
    if not m:
        return None
    try:
        return date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None


def explicit(day: date, evidence: str) -> Published:
    iso = day.isoformat()
    return Published(date=iso, inferred=False, earliest=iso, latest=iso, evidence=evidence)


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


@dataclass
class _Range:
    lo: date | None = None
    hi: date | None = None
    lo_why: str = ""
    hi_why: str = ""

    def raise_lo(self, d: date, why: str) -> None:
        if self.lo is None or d > self.lo:
            self.lo, self.lo_why = d, why

    def lower_hi(self, d: date, why: str) -> None:
        if self.hi is None or d < self.hi:
            self.hi, self.hi_why = d, why


def _mentioned_dates(sent: str) -> list[tuple[date, str]]:
    """(lower-bound day, matched text) of each explicit date, month-year or year in one sentence."""
    found: list[tuple[date, str]] = []
    taken: list[tuple[int, int]] = []
    for m in _FULL_DATE.finditer(sent):
        mon = MONTHS[(m["m"] or m["m2"]).rstrip(".").lower()]
        try:
            found.append((date(int(m["y"] or m["y2"]), mon, int(m["d"] or m["d2"])), m.group()))
            taken.append(m.span())
        except ValueError:
            continue
    for m in _MONTH_YEAR.finditer(sent):
        if not any(a <= m.start() < b for a, b in taken):
            found.append((date(int(m["y"]), MONTHS[m["m"].rstrip(".").lower()], 1), m.group()))
            taken.append(m.span())
    for m in _YEAR.finditer(sent):
        if not any(a <= m.start() < b for a, b in taken):
            found.append((date(int(m["y"]), 1, 1), m.group()))
    return found


def infer_published(body: str, spans: Sequence[tuple[int, int]], removed: list[Removed] | None = None) -> Published:
    """An inferred publication range from the body's dates, relative years and known events; empty if none.
    `spans` are the body's sentences (the parse's, `Article.sentences`): a date, a relative time and an event
    count together only within one sentence, so this runs after annotation (extract/times)."""
    rng = _Range()
    latest_named: tuple[date, str] | None = None
    sentences = [body[s:e] for s, e in spans]
    for sent in sentences:
        if _FUTURE.search(sent):
            continue
        for d, txt in _mentioned_dates(sent):
            rng.raise_lo(d, f'the body names "{txt}" as past')
            if latest_named is None or d > latest_named[0]:
                latest_named = (d, txt)
    last_year = next((s for s in sentences if re.search(r"\blast year\b", s, re.I)), None)
    if latest_named and last_year:
        y = latest_named[0].year + 1
        quote = _snippet(last_year, "last year")
        rng.raise_lo(date(y, 1, 1), f'"{latest_named[1]}" is the latest year named and "{quote}" reads it as last year')
        rng.lower_hi(date(y, 12, 31), rng.lo_why)
    for ev in load_events():
        if ev.context and not ev.context.search(body):
            continue
        for sent in sentences:
            m = ev.pattern.search(sent)
            if not m or re.search(r"\b(?:will|ahead of|upcoming|scheduled)\b", sent, re.I):
                continue
            why = f'event "{m.group()}" = {ev.note} (data/events.tsv)'
            rng.raise_lo(ev.date, why)
            rel = _relative_to(sent, m)
            if rel == "this month":
                rng.lower_hi(_month_end(ev.date.year, ev.date.month), f'{why}, said to be "this month"')
            elif rel == "last year":
                rng.raise_lo(date(ev.date.year + 1, 1, 1), f'{why}, said to be "last year"')
                rng.lower_hi(date(ev.date.year + 1, 12, 31), f'{why}, said to be "last year"')
            elif rel == "this year":
                rng.lower_hi(date(ev.date.year, 12, 31), f'{why}, said to be "this year"')
            break
    if rng.lo is not None:
        no_year = next((m for s in sentences for m in _MONTH_NO_YEAR.finditer(s)), None)
        if no_year is not None:
            rng.lower_hi(rng.lo + timedelta(days=365),
                         f'"{no_year.group().strip()}" is named without a year, so it lies within the year '
                         f"before publication")
    footer_note = ""
    for r in removed or []:
        m = _COPYRIGHT_YEAR.search(r.text)
        if not m:
            continue
        y = int(m["y"])
        note = (f'page footer "{normalise(r.text)[:60]}" gives the crawl-time page year, an upper bound only, '
                "not a publication date")
        if rng.hi is None and (rng.lo is None or rng.lo.year <= y):
            rng.lower_hi(date(y, 12, 31), note)
        else:
            footer_note = f"({note}; tighter evidence used)"
        break
    if rng.lo is None and rng.hi is None:
        return Published()
    if rng.lo and rng.hi and rng.lo > rng.hi:
        # Contradictory evidence: keep the lower bound, which rests on what the article itself reports.
        rng.hi, rng.hi_why = None, ""
    lo = rng.lo.isoformat() if rng.lo else None
    hi = rng.hi.isoformat() if rng.hi else None
    whys = [f"earliest {lo}: {rng.lo_why}" if lo else "", f"latest {hi}: {rng.hi_why}" if hi else "", footer_note]
    return Published(date=lo if lo and lo == hi else None, inferred=True, earliest=lo, latest=hi,
                     evidence="; ".join(w for w in whys if w))


_REL = re.compile(r"\b(this month|last year|this year)\b", re.I)


def _relative_to(sent: str, m: re.Match[str]) -> str | None:
    """The relative time ("this month", "last year", "this year") that qualifies an event mention: inside it,
    right after it, or opening the sentence ("Earlier this month, ..."); a relative time elsewhere in the
    sentence may qualify another clause."""
    inside = _REL.search(m.group())
    after = _REL.search(sent[m.end():m.end() + 30])
    opening = _REL.search(sent[:40].split(",")[0]) if "," in sent[:40] else None
    hit = inside or after or opening
    return hit.group(1).lower() if hit else None


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _snippet(sent: str, key: str, width: int = 40) -> str:
    i = sent.lower().find(key)
    start = max(0, i - width)
    return ("..." if start else "") + sent[start:i + len(key)].strip()
