"""The grammar and normaliser behind `times.py`: find time expressions in running text and give each a
TIMEX3-style value against an anchor that may itself be uncertain.

Why hand-written: dateparser and Microsoft Recognizers were built for short strings or chat input; on news
paragraphs they either miss the relative forms journalists use ("earlier this month", "Dec 12th - 21st last
year") or fire on counts. A small grammar over the text, checked against spaCy's DATE/TIME entities, is
faster and easier to audit. The anchor is an interval (publication date known to the day, or only a range):
every relative value is computed at both ends and kept only where both agree, so a vague publication date
yields a vaguer value ("XXXX-WXX-6", "2019") instead of a confident wrong day.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from functools import partial

from newsprism.extract.timex_business import half, quarter, the_quarter, the_year, year_ago_quarter, year_span
from newsprism.extract.timex_patterns import (
    DUR_MOD_RE,
    MON_RE,
    MONTHS,
    NUM_RE,
    NUMBERS,
    PARTS,
    REL_RE,
    SEASON_RE,
    SEASONS,
    SPOKEN_YEAR_RE,
    UNIT_RE,
    WEEKDAYS,
)
from newsprism.extract.timex_values import (
    Anchor,
    Norm,
    add_months,
    duration,
    num,
    precision_of,
    shift,
    unit_code,
    week_of,
)


def _month_in(s: str) -> int:
    return MONTHS[re.search(r"\b" + MON_RE.replace(r"\.?", "") + r"\b", s).group(0)]


def _weekday(d: date, wd: int, future: bool, rel: str | None) -> date:
    """Past by default (news reports what happened); the same day counts in both directions."""
    diff = wd - d.isoweekday()
    if rel == "next":
        return d + timedelta(days=(diff % 7) or 7)
    if rel == "last":
        return d - timedelta(days=((-diff) % 7) or 7)
    if future:
        return d + timedelta(days=diff % 7)
    return d - timedelta(days=(-diff) % 7)


def _nearest_year(d: date, month: int, day: int | None, future: bool) -> int:
    """The year of a month (and day) written without one: the anchor's year, as TimeML annotators and most
    news writing assume, unless that puts a reported past event more than ~3 months after publication
    ("Dec 10" in a January article) or a future one more than ~3 months before it."""
    try:
        delta = (date(d.year, month, day or 15) - d).days
    except ValueError:
        return d.year
    if delta > 95 and not future:
        return d.year - 1
    if delta < -95 and future:
        return d.year + 1
    return d.year


def _season_year(d: date, start_month: int, rel: str) -> int:
    """The year a season word refers to; winter belongs to the year it starts in."""

    def begins(y: int) -> date:
        return date(y, start_month, 1)

    def ends(y: int) -> date:
        y2, m2 = add_months(begins(y), 3)
        return date(y2, m2, 1)

    if rel in ("last", "past", "previous"):
        y = d.year
        while ends(y) > d:  # the latest season already over when the article was written
            y -= 1
        return y
    if rel == "next":
        y = d.year - 1
        while begins(y) <= d:
            y += 1
        return y
    return next((y for y in (d.year - 1, d.year) if begins(y) <= d < ends(y)), d.year)


def _spoken_year_value(s: str) -> int | None:
    """"nineteen ninety-four" -> 1994, "two thousand and one" -> 2001; None when `s` is not a year in words."""
    if s.startswith("two thousand"):
        rest = re.sub(r"^two thousand\s*(?:and\s+)?", "", s)
        n = num(rest) if rest else 0
        return 2000 + int(n) if n is not None else None
    parts = re.split(r"[\s-]+", s)
    rest = num(" ".join(parts[1:]))
    return int(NUMBERS[parts[0]]) * 100 + int(rest) if parts[0] in NUMBERS and rest is not None else None


def _year_qualifier(s: str, d: date | None) -> int | None:
    m = re.search(r"((?:1[5-9]|20)\d\d)\s*$", s)
    if m:
        return int(m.group(1))
    m = re.search(SPOKEN_YEAR_RE + r"\s*$", s)
    if m:
        return _spoken_year_value(m.group(0))
    if d is None:
        return None
    if re.search(r"last\s+year\s*$", s):
        return d.year - 1
    if re.search(r"next\s+year\s*$", s):
        return d.year + 1
    if re.search(r"this\s+year\s*$", s):
        return d.year
    return None


_WEEKDAY_RE = re.compile(r"monday|tuesday|wednesday|thursday|friday|saturday|sunday")
# Centuries written as ordinal words ("the nineteenth century"): the first stem the text contains names it.
_CENTURY_WORDS = (("twenty-first", 21), ("twentieth", 20), ("nine", 19), ("eigh", 18), ("seven", 17), ("six", 16))
_SET_ADVERBS = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
                "hourly": "PT1H", "quarterly": "P3M"}


def normalise_at(kind: str, s: str, d: date | None, future: bool) -> Norm | None:
    """The value of one matched expression (text `s`) against one anchor day `d` (None: none); None for a
    kind the grammar does not know. Each kind has its own small normaliser in `_NORMALISERS`."""
    normaliser = _NORMALISERS.get(kind)
    if normaliser is None:
        return None
    return normaliser(re.sub(r"\s+", " ", s.lower().strip()), d, future)


def _iso(s: str, d: date | None, future: bool) -> Norm:
    return Norm(s, "DATE", "day")


def _month_day(s: str, d: date | None, future: bool, ranged: bool = False) -> Norm | None:
    """A day ("March 12", "12 March 2019") or, `ranged`, a span of days ("Dec 12th - 21st last year")."""
    mon = _month_in(s)
    days = [int(x) for x in re.findall(r"\b([0-3]?\d)(?:st|nd|rd|th)?\b(?!\d)", re.sub(r"(1[5-9]|20)\d\d", "", s))]
    days = [x for x in days if 1 <= x <= 31]
    if not days:
        return None
    year = _year_qualifier(s, d)
    if year is None and d is not None:
        year = _nearest_year(d, mon, days[0], future)
    ys = f"{year:04d}" if year else "XXXX"
    if ranged and len(days) >= 2:
        return Norm(f"{ys}-{mon:02d}-{days[0]:02d}/{ys}-{mon:02d}-{days[1]:02d}", "DATE", "range")
    return Norm(f"{ys}-{mon:02d}-{days[0]:02d}", "DATE", "day")


def _month_year(s: str, d: date | None, future: bool) -> Norm:
    mon = _month_in(s)
    return Norm(f"{_year_qualifier(s, None):04d}-{mon:02d}", "DATE", "month")


def _month(s: str, d: date | None, future: bool) -> Norm:
    """A month: "March", "last March", "next June", "March this year"."""
    mon = _month_in(s)
    year = _year_qualifier(s, d)
    if d is None and year is None:
        return Norm(f"XXXX-{mon:02d}", "DATE", "month")
    if year is None:
        rel = re.match(r"(last|this coming|this|next|coming)\b", s)
        if rel is None:
            year = _nearest_year(d, mon, None, future)
        elif rel.group(1) == "last":
            year = d.year if mon < d.month else d.year - 1
        elif rel.group(1) in ("next", "coming", "this coming"):
            year = d.year if mon > d.month else d.year + 1
        else:
            year = d.year
    return Norm(f"{year:04d}-{mon:02d}", "DATE", "month")


def _year(s: str, d: date | None, future: bool) -> Norm:
    return Norm(re.search(r"\d{4}", s).group(0), "DATE", "year")


def _spoken_year(s: str, d: date | None, future: bool) -> Norm:
    """A year in words: "nineteen eighty-four" -> 1984."""
    year = _spoken_year_value(s)
    return Norm(f"{year:04d}" if year else None, "DATE", "year" if year else None)


def _year_named(s: str, d: date | None, future: bool) -> Norm:
    """"the year 2000", "the year two thousand"."""
    year = _year_qualifier(s, None)
    return Norm(f"{year:04d}" if year else None, "DATE", "year" if year else None)


def _century(s: str, d: date | None, future: bool) -> Norm:
    m = re.search(r"(\d{1,2})", s)
    n = int(m.group(1)) if m else next(c for word, c in _CENTURY_WORDS if word in s)
    return Norm(f"{n - 1:02d}", "DATE", "century")


def _year_earlier(s: str, d: date | None, future: bool) -> Norm:
    return Norm(f"{d.year - 1:04d}" if d else None, "DATE", "year" if d else None)


def _decade(s: str, d: date | None, future: bool) -> Norm:
    digits = re.search(r"(\d+)0\s?'?s", s).group(1)
    if len(digits) == 1:  # "the '90s", "the 90s", "the 2000s" written "'00s"
        digits = ("20" if digits in "01" else "19") + digits
    return Norm(digits[-3:], "DATE", "decade")


def _season(s: str, d: date | None, future: bool) -> Norm:
    code, _ = SEASONS[re.search(SEASON_RE, s).group(0)]
    return Norm(f"{_year_qualifier(s, None):04d}-{code}", "DATE", "season")


def _season_bare(s: str, d: date | None, future: bool) -> Norm:
    """"the summer", "early spring": the season under way at the anchor, else the one of the anchor's year."""
    code, start = SEASONS[re.search(SEASON_RE, s).group(0)]
    if d is None:
        return Norm(f"XXXX-{code}", "DATE", "season")
    return Norm(f"{_season_year(d, start, 'this'):04d}-{code}", "DATE", "season")


def _time(s: str, d: date | None, future: bool) -> Norm:
    """A clock time ("3 p.m.", "noon", "midnight"), on a weekday or yesterday/tomorrow when one is named."""
    m = re.search(r"(\d{1,2})(?:\s?[:.]\s?(\d\d))?\s*(a\.\s?m\.|p\.\s?m\.|am|pm)", s)
    if m:
        h = int(m.group(1)) % 12 + (12 if m.group(3).startswith("p") else 0)
        hm = f"T{h:02d}:{m.group(2) or '00'}"
    else:
        hm = "T12:00" if "noon" in s else "T24:00"
    day = d
    wd = _WEEKDAY_RE.search(s)
    md = re.search(rf"\b{MON_RE}\s+[0-3]?\d", s)
    if md:
        on = _month_day(md.group(0), d, future)
        if on is None or on.value is None:
            return Norm(None, "TIME", None)
        return Norm(on.value + hm, "TIME", "time")
    if d is not None and wd:
        day = _weekday(d, WEEKDAYS[wd.group(0)], future, None)
    elif d is not None and re.search(r"yesterday|tomorrow", s):
        day = d + timedelta(days=-1 if "yesterday" in s else 1)
    return Norm(f"{day.isoformat()}{hm}" if day else f"XXXX-XX-XX{hm}", "TIME", "time")


def _weekday_expr(s: str, d: date | None, future: bool) -> Norm:
    """A weekday ("Tuesday", "last Friday", "Sunday night"); a plural ("Tuesdays") is a set."""
    wd = WEEKDAYS[_WEEKDAY_RE.search(s).group(0)]
    part = next((PARTS[p] for p in PARTS if re.search(p + "s?$", s)), None)
    if s.endswith("s"):  # "Tuesdays", "Tuesday nights"
        return Norm(f"XXXX-WXX-{wd}" + (f"T{part}" if part else ""), "SET", "day")
    rel = re.match(r"(last|next|this coming|this|past|coming)\b", s)
    rel_word = {"past": "last"}.get(rel.group(1), rel.group(1)) if rel else None
    if rel_word in ("this", "coming", "this coming"):
        rel_word, future = None, True
    if d is None:
        return Norm(f"XXXX-WXX-{wd}", "DATE", "day")
    day = _weekday(d, wd, future, rel_word)
    return Norm(day.isoformat() + (f"T{part}" if part else ""), "TIME" if part else "DATE", "day")


def _ago(s: str, d: date | None, future: bool) -> Norm:
    """A count of units from now or from another event: "three days ago", "two weeks later", "a year earlier"."""
    m = re.search(rf"\b({NUM_RE}|several|a few|few|many)\s+(?:more\s+)?({UNIT_RE})"
                  rf"(?:\s+(?:or so\s+)?(ago|earlier|later|before|after|from now))?", s)
    n, unit, direction = num(m.group(1)), m.group(2), m.group(3)
    if n is None and direction in ("ago", "earlier", "from now"):
        return Norm("FUTURE_REF" if direction == "from now" else "PAST_REF", "DATE", "ref")
    if direction == "earlier":
        direction = "ago"  # in news "a year earlier" counts back from the report's own time
    if direction in ("later", "before", "after", None):
        # Relative to some other event, not to the publication date: only the span is known.
        return Norm(duration(n, unit), "DURATION", "duration")
    if d is None or n is None:
        return Norm(None, "DATE", None)
    return shift(d, -int(n) if direction == "ago" else int(n), unit_code(unit))


def _duration_the(s: str, d: date | None, future: bool) -> Norm:
    """A span that ends at the anchor ("the past three weeks", "the last year"): only its length."""
    m = re.search(rf"(?:\b(few|several|{NUM_RE})\s+)?\b({UNIT_RE})$", s)
    n = num(m.group(1)) if m.group(1) else (1 if not m.group(2).endswith("s") else None)
    return Norm(duration(n, m.group(2)), "DURATION", "duration")


def _duration(s: str, d: date | None, future: bool) -> Norm:
    """A length of time: "three days", "a 10-year-old" (an age is a span too)."""
    s = re.sub(r"-old$", "", s)
    half = s.endswith(" and a half")
    s = re.sub(r" and a half$", "", s)
    m = re.search(rf"\b({NUM_RE}|several|a few|few|many)(?:\s+(\d)/(\d))?[\s-]+(?:{DUR_MOD_RE}\s+)?({UNIT_RE})$", s)
    n = num(m.group(1))
    if n is not None and m.group(2):
        n += int(m.group(2)) / int(m.group(3))  # "2 1/2 years"
    if n is not None and half:
        n += 0.5  # "a minute and a half"
    return Norm(duration(n, m.group(4)), "DURATION", "duration")


def _ref_adjective(s: str, d: date | None, future: bool) -> Norm:
    return Norm("PRESENT_REF" if s == "current" else "PAST_REF", "DATE", "ref")


def _bare_plural(s: str, d: date | None, future: bool) -> Norm:
    return Norm(duration(None, s.split()[-1]), "DURATION", "duration")


def _set(s: str, d: date | None, future: bool) -> Norm:
    """A recurrence: "every Tuesday", "each March", "twice a week", "daily"."""
    wd = _WEEKDAY_RE.search(s)
    if wd:
        return Norm(f"XXXX-WXX-{WEEKDAYS[wd.group(0)]}", "SET", "day")
    if re.search(r"\b" + MON_RE + "$", s):
        return Norm(f"XXXX-{_month_in(s):02d}", "SET", "month")
    m = re.search(rf"({NUM_RE})?\s*\b({UNIT_RE})$", s)
    if m and m.group(2):
        return Norm(duration(num(m.group(1)) if m.group(1) else 1, m.group(2)), "SET", "duration")
    for word, val in _SET_ADVERBS.items():
        if s.endswith(word):
            return Norm(val, "SET", "duration")
    return Norm(None, "SET", "day")


def _deictic(s: str, d: date | None, future: bool) -> Norm:
    """Words whose value is the anchor itself or near it: "today", "last night", "recently", "the weekend"."""
    if s.startswith("recent "):
        return Norm(duration(None, s.split()[-1]), "DURATION", "duration")  # "in recent days": a span of days
    if s in ("recently",) or s == "the past":
        return Norm("PAST_REF", "DATE", "ref")
    if s in ("now", "nowadays", "currently", "these days"):
        return Norm("PRESENT_REF", "DATE", "ref")
    if s.endswith("future") or s.endswith(" term"):  # "the near future", "the short term": TimeML's vague future
        return Norm("FUTURE_REF", "DATE", "ref")
    if d is None:
        return Norm(None, "DATE", None)
    if s == "that day":
        return Norm(None, "DATE", "day")
    if s == "the weekend":
        we = d if d.isoweekday() >= 6 else d - timedelta(days=7)
        return Norm(f"{week_of(we)}-WE", "DATE", "week")
    if s == "last night":
        return Norm((d - timedelta(days=1)).isoformat() + "TNI", "TIME", "day")
    offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2}[s]
    day = (d + timedelta(days=offset)).isoformat()
    return Norm(day + "TNI", "TIME", "day") if s == "tonight" else Norm(day, "DATE", "day")


def _anaphoric_weekday(s: str, d: date | None, future: bool) -> Norm:
    """"the previous Friday", "the following Monday": counted from the day the narrative last named (`d`)."""
    wd = WEEKDAYS[_WEEKDAY_RE.search(s).group(0)]
    if d is None:
        return Norm(f"XXXX-WXX-{wd}", "DATE", "day")
    return Norm(_weekday(d, wd, False, "last" if re.search(r"previous|prior", s) else "next").isoformat(), "DATE", "day")


def _part_of_day(s: str, d: date | None, future: bool) -> Norm:
    """"mid-afternoon yesterday", "late Tuesday": the day, with the part of it when one is named."""
    part = next((PARTS[p] for p in PARTS if re.search(rf"\b{p}\b|-{p}\b", s)), None)
    wd = _WEEKDAY_RE.search(s)
    if d is None:
        day = f"XXXX-WXX-{WEEKDAYS[wd.group(0)]}" if wd else "XXXX-XX-XX"
    elif wd:
        day = _weekday(d, WEEKDAYS[wd.group(0)], future, None).isoformat()
    else:
        shift_days = -1 if "yesterday" in s else 1 if "tomorrow" in s else 0
        day = (d + timedelta(days=shift_days)).isoformat()
    return Norm(f"{day}T{part}", "TIME", "day") if part else Norm(day, "DATE", "day")


def _anaphoric(s: str, d: date | None, future: bool) -> Norm:
    """A time counted from the day the narrative last named (`d` is that day here, not the publication date):
    "the next day", "the day before", "later that night", "late afternoon"."""
    part = next((PARTS[p] for p in PARTS if re.search(rf"\b{p}\b", s)), None)
    offset = 1 if re.search(r"\b(?:next|following)\b|day after", s) else -1 if re.search(r"\bprevious\b|day before", s) \
        else 0
    if d is None or re.search(r"day (?:before|after) \w", s):
        # no day named before it, or the day before some other event ("the day before his death")
        return Norm(f"XXXX-XX-XXT{part}" if part else None, "TIME" if part else "DATE", None)
    day = (d + timedelta(days=offset)).isoformat()
    return Norm(f"{day}T{part}", "TIME", "day") if part else Norm(day, "DATE", "day")


def _relative(s: str, d: date | None, future: bool) -> Norm | None:
    m = re.search(rf"{REL_RE}\s+({UNIT_RE}|weekend|{SEASON_RE}|morning|afternoon|evening)$", s)
    if not m:
        return None
    rel = re.search(rf"\b{REL_RE}\b", s).group(0)
    word = m.group(1)
    if word.endswith("s") and word not in ("hours", "days", "weeks", "months", "years", "decades") or \
            word in ("hours", "days", "weeks", "months", "years", "decades"):
        if rel == "coming" and not s.startswith("the"):
            return Norm("FUTURE_REF", "DATE", "ref")  # "in coming months": TimeML's vague future
        return Norm(duration(None, word), "DURATION", "duration")  # "in recent weeks": a span of weeks
    if rel in ("same", "that", "following", "previous") and not s.startswith("the previous"):
        return Norm(None, "DATE", None)  # anchored on another event in the text, not on publication
    if rel == "previous":
        rel = "last"
    step = {"last": -1, "past": -1, "next": 1, "coming": 1}.get(rel, 0)
    if d is None:
        return Norm(None, "DATE", None)
    if word in SEASONS:
        code, start = SEASONS[word]
        return Norm(f"{_season_year(d, start, rel):04d}-{code}", "DATE", "season")
    if word in PARTS:
        return Norm(f"{d.isoformat()}T{PARTS[word]}", "TIME", "day")
    if word == "weekend":
        base = d + timedelta(weeks=step)
        if rel in ("last", "past") and d.isoweekday() < 6:
            base = d - timedelta(weeks=1)
        return Norm(f"{week_of(base)}-WE", "DATE", "week")
    return shift(d, step, unit_code(word))


_NORMALISERS: dict[str, Callable[[str, date | None, bool], Norm | None]] = {
    "iso": _iso, "md": _month_day, "dm": _month_day, "md_range": partial(_month_day, ranged=True),
    "my": _month_year, "month": _month, "year": _year, "spoken_year": _spoken_year, "century": _century,
    "year_earlier": _year_earlier, "decade": _decade, "season": _season, "time": _time, "weekday": _weekday_expr,
    "deictic": _deictic, "ago": _ago, "quarter": quarter, "rel_unit": _relative, "within": _relative,
    "dur_the": _duration_the, "dur": _duration, "bare_plural": _bare_plural, "set": _set,
    "anaphoric": _anaphoric, "the_quarter": the_quarter, "year_ago_q": lambda s, d, f: year_ago_quarter(d),
    "half": half, "the_year": the_year, "year_span": year_span, "year_named": _year_named,
    "season_bare": _season_bare, "anaph_weekday": _anaphoric_weekday, "part_day": _part_of_day,
    "ref_adj": _ref_adjective,
}


def common_value(a: str | None, b: str | None) -> str | None:
    """The most specific value both anchor ends agree on: 2019-03-23 vs 2019-03-30 -> 2019-03."""
    if a == b:
        return a
    if a is None or b is None:
        return None
    wd = re.fullmatch(r"\d{4}-\d\d-\d\d(T\w+)?", a) and re.fullmatch(r"\d{4}-\d\d-\d\d(T\w+)?", b)
    if wd:
        da, db = date.fromisoformat(a[:10]), date.fromisoformat(b[:10])
        if da.isoweekday() == db.isoweekday():
            return f"XXXX-WXX-{da.isoweekday()}"
    for cut in (7, 4):
        if a[:cut] == b[:cut] and re.fullmatch(r"\d{4}(-\d\d)?", a[:cut]):
            return a[:cut]
    return None


def _safe(kind: str, s: str, d: date | None, future: bool) -> Norm | None:
    """One odd string ("Feb 30") must not end an article's analysis: its value is then unknown."""
    try:
        return normalise_at(kind, s, d, future)
    except (AttributeError, ValueError, KeyError, TypeError, OverflowError):
        return Norm(None, "DATE", None)


def normalise(kind: str, s: str, anchor: Anchor | None, future: bool) -> Norm | None:
    """The value against an uncertain anchor: computed at both ends, kept where they agree."""
    if anchor is None:
        return _safe(kind, s, None, future)
    lo = _safe(kind, s, anchor.lo, future)
    if lo is None or anchor.exact:
        return lo
    hi = _safe(kind, s, anchor.hi, future)
    if hi is None:
        return None
    value = common_value(lo.value, hi.value)
    return Norm(value, lo.type, precision_of(value, lo.type) if value != lo.value else lo.precision)
