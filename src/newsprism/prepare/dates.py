"""Publication dates: explicit (a date line, the format's metadata, the url path) or an inferred *range*.

An inferred range is always [earliest, latest] in ISO days with the text that justified each bound in `evidence`,
so that later stages (extract/times.refine_published) can narrow it with the body's own anchored times. `date` is
set only when the range is one day. Nothing is guessed: without evidence the fields stay None. The explicit dates
are read in pass 1 (prepare/meta); the inferred range needs the body's sentences, so extract/times computes it
from the parse before it normalises the body's times against it.

Heuristics, each cited in the evidence when used; each gives a bound only where the evidence holds it:
  - a date or year the body names in a past-tense context is a lower bound (news reports the past); a year that
    modifies a noun ("a 2011 release date", "a 2013 sedan") says nothing about when it is written;
  - a dated public event from data/events.tsv (user-extendable) is a lower bound; "earlier this month" /
    "last year" / "this year" in the same sentence place the publication relative to it;
  - a page footer year (a copyright line) is the crawl-time page year: at most an upper bound.
A month or day named without a year gives no upper bound (a story may recall any earlier September), and
"last year" anywhere in a body does not say which named year it is.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources

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
_YEAR = re.compile(rf"(?<![\d,.$£€-])\b(?P<y>{_YEAR_RE})\b(?![\d%-]|[,.]\d|\s*(?:troops|people|members|km|tons))")
# Words after a year that leave it a time ("in 2002 at age 61", "2011 and 2012"); any other word makes the year
# a modifier of what follows ("a 2011 release date", "his 2013 Toyota").
_AFTER_YEAR_OK = re.compile(r"\s+(?:and|or|to|when|at|in|on|after|before|as|but|with|for|the|a|an|was|were|is|are|"
                            r"had|has|that|which|while|where|until|through|from|by|of|he|she|they|it|we|i|following|"
                            r"then|so|because|if|than|after|amid|during|ago|alone|itself)\b|\s*(?:[^\w\s]|$)", re.I)
_YEAR_PREP = re.compile(r"\b(?:in|since|from|during|of|until|through|between|early|late|mid|and|year|summer|"
                        r"winter|spring|autumn|fall)\s*-?\s*$", re.I)
# A sentence that looks ahead, from now or from a past moment ("was due to be released in June 2010"), names
# dates that need not be past.
_FUTURE = re.compile(rf"\b(?:will|shall|would|next|upcoming|scheduled|until|ahead of|due|expected|expects?|"
                     rf"plans?|planned|set to|slated|projected|forecasts?|deadline|aims? to|could|release date)\b"
                     rf"|\bby (?:the end of )?{_YEAR_RE}", re.I)
_COPYRIGHT_YEAR = re.compile(rf"(?:\u00a9|\(c\)|copyright)\D{{0,20}}(?:{_YEAR_RE}\s*[-\u2013]\s*)?(?P<y>{_YEAR_RE})",
                             re.I)


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


_WEEKDAY = r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?"
# Detokenised text spaces out the punctuation inside dates and times ("12: 52 p. m.", "4 / 9 / 2007",
# "2013 - 09 - 26", "03. 31 BST"): closed up before a date line is read.
_SQUEEZE = [
    (re.compile(r"(?<=\d)\s*:\s*(?=\d)"), ":"),
    (re.compile(r"(?<=\d)\s*/\s*(?=\d)"), "/"),
    (re.compile(r"(?<=\d)\s+-\s+(?=\d)"), "-"),
    (re.compile(r"(?<=\b\d\d)\.\s+(?=\d\d\s*(?:[ap]\.?\s?m\b|[A-Z]{2,4}\b|$))", re.I), ":"),
    (re.compile(r"\b([ap])\.\s?m\.", re.I), r"\1m"),
]
_NAMED_DATE = re.compile(rf"(?P<m>{_MONTH_RE})\s*-?\s*(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b,?\s*-?\s*(?P<y>{_YEAR_RE})\b"
                         rf"|\b(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MONTH_RE}),?\s+(?P<y2>{_YEAR_RE})\b",
                         re.I)
_NUMERIC_DATE = re.compile(r"(?<![\d/.:-])(?:(?P<y>(?:19|20)\d\d)-(?P<m>[01]?\d)-(?P<d>[0-3]?\d)"
                           r"|(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<yy>(?:19|20)\d\d|\d\d))(?![\d/:-])")
_CLOCK = re.compile(r"\b\d{1,2}(?::\d\d){1,2}\s*(?:[ap]m|hrs?|h)?\b|\b\d{1,2}\s*[ap]m\b|\b\d{3,4}\s*(?=GMT|UTC)"
                    r"|\b(?:[ap]m|hrs)\b", re.I)
_ZONE = re.compile(r"\b(?:[A-Z]{1,3}[SD]T|GMT|UTC|BST|IST|ET|PT|CT|MT|HKT|CET|CEST|WIB|SGT|JST)\b(?:\s*[+-]\s*\d\d?(?::\d*)?)?")
_DAY_FIRST_ZONES = re.compile(r"\b(?:GMT|BST|IST|AEST|AEDT|ACST|AWST|NZST|NZDT|CET|CEST|WIB|SGT|JST)\b")
_LINE_LABELS = {"published", "updated", "posted", "first", "last", "date", "on", "at", "edited", "modified",
                "created", "uploaded", "and", "|", "-", "on:", "at:"}


def _squeeze(text: str) -> str:
    for pat, rep in _SQUEEZE:
        text = pat.sub(rep, text)
    return text


def _dates_in_line(text: str) -> list[tuple[int, int, date]]:
    """(start, end, day) of every full date in an already squeezed line, in order."""
    found: list[tuple[int, int, date]] = []
    for m in _NAMED_DATE.finditer(text):
        month = (m["m"] or m["m2"])
        s = m.start()
        if m["m"] and s > 0 and text[s - 1].isalpha() and not (text[s - 1].isupper() and month.isupper()):
            continue  # "SAYSSEPTEMBER 19, 2013" (an all-caps title run into its date) counts; "Remarch" does not
        try:
            day = date(int(m["y"] or m["y2"]), MONTHS[month.rstrip(".").lower()], int(m["d"] or m["d2"]))
        except (ValueError, KeyError):
            continue
        found.append((s, m.end(), day))
    for m in _NUMERIC_DATE.finditer(text):
        if any(a <= m.start() < b for a, b, _ in found):
            continue
        if m["y"]:
            y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
        else:
            a, b = int(m["a"]), int(m["b"])
            y = int(m["yy"]) + (2000 if len(m["yy"]) == 2 else 0)
            # Month first (US) unless the numbers or a day-first time zone on the line say otherwise.
            day_first = a > 12 or (b <= 12 and bool(_DAY_FIRST_ZONES.search(text)))
            mo, d = (b, a) if day_first else (a, b)
        try:
            found.append((m.start(), m.end(), date(y, mo, d)))
        except ValueError:
            continue
    return sorted(found)


def parse_date_line(line: str) -> date | None:
    """The day of a line that is only a date, with the furniture a page puts around it: a label, a clock time, a
    time zone, a weekday, a place or agency name ("September 25, 2019", "Published: 25 Sep 2019 10:02",
    "12: 52 p. m. EDT May 2, 2013", "2013 - 09 - 26", "Updated 4 / 9 / 2007 6: 04 PM", "TNN Nov 12, 2011,
    05. 51AM IST MUMBAI:"). A line with other words is a sentence that mentions a date, not a date line; a month
    without a day ("September 2019") is not a publication day. The first date wins ("Posted ... Updated ...")."""
    text = _squeeze(normalise(line))
    if len(text.split()) > 20:
        return None
    found = _dates_in_line(text)
    if not found:
        return None
    rest = text
    for s, e, _ in reversed(found):
        rest = rest[:s] + " " + rest[e:]
    rest = _ZONE.sub(" ", _CLOCK.sub(" ", re.sub(r"\([^)]*\)", " ", rest)))
    rest = re.sub(rf"\b{_WEEKDAY}(?![a-z])", " ", rest, flags=re.I)
    words = [w.strip(",;:.") for w in re.findall(r"[^\s,;]+", rest)]
    words = [w for w in words if w and w.lower().rstrip(":") not in _LINE_LABELS and re.search(r"[A-Za-z]", w)]
    if len(words) > 3 or any(w[0].islower() for w in words):
        return None
    return found[0][2]


def date_line_at_top(units: Sequence[str], limit: int = 4) -> tuple[date, str] | None:
    """A date line among the first units of a text that came without a header (a record's text, a page's body):
    the title, a standfirst and the date line under them, as pages print them."""
    for u in units[:limit]:
        day = parse_date_line(u) or _run_in_date(u)
        if day:
            return day, u
    return None


def _run_in_date(unit: str) -> date | None:
    """A title line that ends in its date ("... DA SAYSSEPTEMBER 19, 2013", "Title | May 3, 2013")."""
    text = _squeeze(normalise(unit))
    found = _dates_in_line(text)
    if not found or len(text.split()) > 30 or text[found[-1][1]:].strip(" .|") or text.endswith("."):
        return None
    s = found[-1][0]
    if s > 0 and not (text[s - 1].isupper() or text[s - 1] in " |\u2013\u2014-"):
        return None
    if s > 0 and text[s - 1] == " " and not re.search(r"[|\u2013\u2014-]\s*$|[A-Z]{2,}\s*$", text[:s]):
        return None  # "... was arrested on May 3, 2013" is a sentence
    return found[-1][2]


_URL_DATE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d\d)(?P<s>[/_-])(?P<m>0?[1-9]|1[0-2]|[A-Za-z]{3,9})(?P=s)(?P<d>0?[1-9]|[12]\d|3[01])(?!\d)"
    r"|/(?P<y2>(?:19|20)\d\d)(?P<m2>0[1-9]|1[0-2])(?P<d2>0[1-9]|[12]\d|3[01])(?=[/_.-]|$)"
    r"|/(?P<y3>(?:19|20)\d\d)/[A-Za-z]{2,12}/(?P<m3>0[1-9]|1[0-2])/(?P<d3>0[1-9]|[12]\d|3[01])/")
_URL_MONTH = re.compile(r"/(?P<y>(?:19|20)\d\d)/(?P<m>0[1-9]|1[0-2])/(?!\d)")


def _url_path(url: str | None) -> str:
    m = re.match(r"^[a-z]+://[^/]+(?P<p>/[^?#]*)", re.sub(r"\s+", "", url or ""), re.I)
    return m["p"] if m else ""


def url_date(url: str | None) -> date | None:
    """The day a url's path names: /2013/05/03/, /2013/may/03/, /20130503/, /2013-05-03-slug, /2007/US/04/09/."""
    m = _URL_DATE.search(_url_path(url))
    if not m:
        return None
    y, mo, d = (m["y"], m["m"], m["d"]) if m["y"] else (m["y2"], m["m2"], m["d2"]) if m["y2"] \
        else (m["y3"], m["m3"], m["d3"])
    month = int(mo) if mo.isdigit() else MONTHS.get(mo.lower())
    try:
        return date(int(y), month, int(d)) if month else None
    except ValueError:
        return None


def url_month(url: str | None) -> tuple[date, date] | None:
    """The month a url's path names without a day ("/blog/2013/09/slug"): the page was published in it."""
    m = _URL_MONTH.search(_url_path(url))
    if not m:
        return None
    y, mo = int(m["y"]), int(m["m"])
    return date(y, mo, 1), _month_end(y, mo)


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
        if any(a <= m.start() < b for a, b in taken):
            continue
        if not _AFTER_YEAR_OK.match(sent, m.end()) and not _YEAR_PREP.search(sent[max(0, m.start() - 12):m.start()]):
            continue  # a modifier: "a 2011 release date"
        found.append((date(int(m["y"]), 1, 1), m.group()))
    return found


def infer_published(body: str, spans: Sequence[tuple[int, int]], removed: list[Removed] | None = None) -> Published:
    """An inferred publication range from the body's dates, relative years and known events; empty if none.
    `spans` are the body's sentences (the parse's, `Article.sentences`): a date, a relative time and an event
    count together only within one sentence, so this runs after annotation (extract/times)."""
    rng = _Range()
    sentences = [body[s:e] for s, e in spans]
    for sent in sentences:
        if _FUTURE.search(sent):
            continue
        for d, txt in _mentioned_dates(sent):
            rng.raise_lo(d, f'the body names "{txt}" as past')
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

