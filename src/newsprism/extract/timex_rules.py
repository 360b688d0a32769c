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
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS = {"monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7}
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a dozen": 12,
    "dozen": 12, "a couple of": 2, "a couple": 2, "couple of": 2,
}  # fmt: skip
VAGUE = ("several", "a few", "few", "many", "some", "a number of", "dozens of", "numerous", "the")
UNITS = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W", "month": "M", "year": "Y",
    "decade": "DE", "century": "CE", "quarter": "Q", "weekend": "WE",
}  # fmt: skip
TIME_UNITS = {"S", "M", "H"}  # written after "PT"; the month M is told apart by the unit word
SEASONS = {"spring": ("SP", 3), "summer": ("SU", 6), "fall": ("FA", 9), "autumn": ("FA", 9), "winter": ("WI", 12)}
PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI"}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4}

_MON = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|" \
       r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"  # fmt: skip
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?\b"
_WD = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?"
_NUM = r"(?:\d+(?:\.\d+)?|" + "|".join(sorted((re.escape(k) for k in NUMBERS), key=len, reverse=True)) + r")"
_UNIT = r"(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centur(?:y|ies)|quarters?)"
_SEASON = r"(?:spring|summer|fall|autumn|winter)"
_REL = r"(?:this|last|next|past|previous|coming|current|following|same|that|recent)"
_MOD = r"(?:(?:early|late|mid|the\s+(?:beginning|end|start|middle)\s+of|the\s+(?:early|late)|earlier|later)[\s-]+)?"
_YEARQ = r"(?:,?\s+(?:(?:1[5-9]|20)\d\d\b|last\s+year|this\s+year|next\s+year))?"
_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"

PATTERNS: list[tuple[str, str]] = [
    ("iso", r"\b\d{4}-\d\d-\d\d\b"),
    ("md_range", rf"\b{_MON}\s+{_DAY}\s*(?:-|–|to|through)\s*{_DAY}{_YEARQ}"),
    ("md", rf"\b{_MOD}{_MON}\s+{_DAY}(?!\s*,?\s*\d{{3}})(?!\s*%){_YEARQ}"),
    ("dm", rf"\b{_DAY}\s+(?:of\s+)?{_MON}{_YEARQ}"),
    ("my", rf"\b{_MOD}{_MON},?\s+(?:of\s+)?(?:1[5-9]|20)\d\d\b"),
    ("time", r"\b\d{1,2}(?::\d\d)?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)|\bnoon\b|\bmidnight\b"),
    ("weekday", rf"\b(?:(?:last|next|this|past|coming)\s+)?{_MOD}{_WD}{_PART}"),
    ("ago", rf"\b(?:about\s+|some\s+|nearly\s+|almost\s+)?{_NUM}\s+(?:more\s+)?{_UNIT}\s+(?:ago|earlier|later|before|after|from\s+now)\b"),  # noqa: E501
    ("quarter", r"\b(?:the\s+)?(?:first|second|third|fourth)[\s-]quarter\b"),
    ("rel_unit", rf"\b{_MOD}(?:the\s+)?{_REL}\s+(?:{_UNIT}|weekend|{_SEASON})\b"),
    ("within", rf"\b{_MOD}this\s+(?:week|month|year|morning|afternoon|evening)\b"),
    ("dur_the", rf"\bthe\s+(?:past|last|next|coming|previous|first|final)\s+(?:(?:few|several|{_NUM})\s+)?{_UNIT}\b"),
    ("dur", rf"\b(?:(?:more|less|fewer)\s+than\s+|at\s+least\s+|nearly\s+|almost\s+|about\s+|some\s+)?"
            rf"(?:{_NUM}|several|a\s+few|few|many)[\s-]+(?:more\s+)?{_UNIT}\b"),
    ("bare_plural", r"\b(?:(?:for|in|over)\s+)(?:days|weeks|months|years|decades)\b"),
    ("deictic", r"\b(?:today|yesterday|tomorrow|tonight|now|nowadays|recently|currently|the\s+past|"
                r"the\s+future|the\s+weekend|the\s+day\s+before\s+yesterday|that\s+day|recent\s+(?:days|weeks|months|years))\b"),
    ("season", rf"\b{_MOD}(?:the\s+)?{_SEASON}(?:\s+of)?\s+(?:1[5-9]|20)\d\d\b"),
    ("decade", r"\b(?:the\s+)?(?:early\s+|late\s+|mid-?)?(?:1[5-9]|20)?\d0'?s\b|\bthe\s+'\d0s\b"),
    ("set", rf"\b(?:every|each)\s+(?:other\s+)?(?:{_NUM}\s+)?(?:{_UNIT}|{_WD}|morning|night)\b|"
            r"\b(?:daily|weekly|monthly|annually|yearly|quarterly)\b"),
    ("month", rf"\b{_MOD}{_MON}(?![\w.]*\s+\d)"),
    ("year", r"\b(?:fiscal\s+)?(?:1[6-9]|20)\d\d\b(?![,.]?\d)(?!\s*%)"),
]
MASTER = re.compile("|".join(f"(?P<{name}>{pat})" for name, pat in PATTERNS), re.IGNORECASE)


@dataclass
class Anchor:
    """The publication date as an interval; `lo == hi` when it is known to the day."""

    lo: date
    hi: date

    @property
    def exact(self) -> bool:
        return self.lo == self.hi


@dataclass
class Norm:
    value: str | None
    type: str
    precision: str | None


def precision_of(value: str | None, type_: str) -> str | None:
    if value is None:
        return None
    if type_ == "DURATION" or (type_ == "SET" and value.startswith("P")):
        return "duration"
    if value.endswith("_REF"):
        return "ref"
    if "/" in value:
        return "range"
    if re.fullmatch(r"[\dX]{4}-\d\d-\d\d(T\w+)?", value) or re.fullmatch(r"[\dX]{4}-W[\dX]{2}-\d", value):
        return "day"
    if "-W" in value:
        return "week"
    if re.fullmatch(r"[\dX]{4}-(SP|SU|FA|WI)", value):
        return "season"
    if re.fullmatch(r"[\dX]{4}-Q\d", value):
        return "quarter"
    if re.fullmatch(r"[\dX]{4}-\d\d", value):
        return "month"
    if re.fullmatch(r"[\dX]{4}", value):
        return "year"
    if re.fullmatch(r"\d{3}", value):
        return "decade"
    return None


def _num(word: str) -> float | None:
    word = re.sub(r"\s+", " ", word.lower().strip())
    if re.fullmatch(r"\d+(\.\d+)?", word):
        return float(word)
    return NUMBERS.get(word)


def _unit_code(word: str) -> str | None:
    w = word.lower().rstrip("s")
    w = "century" if w.startswith("centur") else w
    return UNITS.get(w)


def _fmt_num(n: float | None) -> str:
    if n is None:
        return "X"
    return str(int(n)) if float(n).is_integer() else str(n)


def duration(n: float | None, unit_word: str) -> str | None:
    code = _unit_code(unit_word)
    if code is None:
        return None
    if code == "Q":
        return f"P{_fmt_num(n * 3) if n else 'X'}M"
    if code in TIME_UNITS and unit_word.lower().startswith(("sec", "min", "hour")):
        return f"PT{_fmt_num(n)}{code}"
    return f"P{_fmt_num(n)}{code}"


def _week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _add_months(d: date, months: int) -> tuple[int, int]:
    m = d.year * 12 + d.month - 1 + months
    return m // 12, m % 12 + 1


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
    """The year that puts month/day nearest the anchor, with a bias to the past for news reports."""
    best, score = d.year, None
    for y in (d.year - 1, d.year, d.year + 1):
        try:
            cand = date(y, month, day or 15)
        except ValueError:
            continue
        delta = (cand - d).days
        s = abs(delta) * (2 if (delta > 0) != future and delta != 0 else 1)
        if score is None or s < score:
            best, score = y, s
    return best


def _season_year(d: date, start_month: int, rel: str) -> int:
    """The year a season word refers to; winter belongs to the year it starts in."""

    def begins(y: int) -> date:
        return date(y, start_month, 1)

    def ends(y: int) -> date:
        y2, m2 = _add_months(begins(y), 3)
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


def _year_qualifier(s: str, d: date | None) -> int | None:
    m = re.search(r"((?:1[5-9]|20)\d\d)\s*$", s)
    if m:
        return int(m.group(1))
    if d is None:
        return None
    if re.search(r"last\s+year\s*$", s):
        return d.year - 1
    if re.search(r"next\s+year\s*$", s):
        return d.year + 1
    if re.search(r"this\s+year\s*$", s):
        return d.year
    return None


def _has_explicit_year(s: str) -> bool:
    return bool(re.search(r"(?:1[5-9]|20)\d\d", s))


def normalise_at(kind: str, s: str, d: date | None, future: bool) -> Norm | None:
    """The value of one matched expression (lower-cased text `s`) against one anchor day `d` (None: none)."""
    s = re.sub(r"\s+", " ", s.lower().strip())
    if kind == "iso":
        return Norm(s, "DATE", "day")
    if kind in ("md", "dm", "md_range"):
        mon = MONTHS[re.search(_MON.replace(r"\.?", ""), s).group(0).rstrip(".")]
        days = [int(x) for x in re.findall(r"\b([0-3]?\d)(?:st|nd|rd|th)?\b(?!\d)", re.sub(r"(1[5-9]|20)\d\d", "", s))]
        days = [x for x in days if 1 <= x <= 31]
        if not days:
            return None
        year = _year_qualifier(s, d)
        if year is None and d is not None:
            year = _nearest_year(d, mon, days[0], future)
        ys = f"{year:04d}" if year else "XXXX"
        if kind == "md_range" and len(days) >= 2:
            return Norm(f"{ys}-{mon:02d}-{days[0]:02d}/{ys}-{mon:02d}-{days[1]:02d}", "DATE", "range")
        return Norm(f"{ys}-{mon:02d}-{days[0]:02d}", "DATE", "day")
    if kind == "my":
        mon = MONTHS[re.search(_MON.replace(r"\.?", ""), s).group(0).rstrip(".")]
        return Norm(f"{_year_qualifier(s, None):04d}-{mon:02d}", "DATE", "month")
    if kind == "month":
        mon = MONTHS[re.search(_MON.replace(r"\.?", ""), s).group(0).rstrip(".")]
        if d is None:
            return Norm(f"XXXX-{mon:02d}", "DATE", "month")
        return Norm(f"{_nearest_year(d, mon, None, future):04d}-{mon:02d}", "DATE", "month")
    if kind == "year":
        return Norm(re.search(r"\d{4}", s).group(0), "DATE", "year")
    if kind == "decade":
        m = re.search(r"(\d{2,4})0'?s", s)
        digits = m.group(1)
        if len(digits) == 1 or len(digits) == 2:  # "the '90s", "the 90s"
            digits = "19" + digits[-1:] if len(digits) == 1 else digits
            digits = ("19" if int(digits[0]) > 2 else "20") + digits[-1] if len(digits) == 2 else digits
        return Norm(digits[:3], "DATE", "decade")
    if kind == "season":
        code, _ = SEASONS[re.search(_SEASON, s).group(0)]
        year = re.search(r"\d{4}", s).group(0)
        return Norm(f"{year}-{code}", "DATE", "season")
    if kind == "time":
        m = re.match(r"(\d{1,2})(?::(\d\d))?\s*(a\.m\.|p\.m\.|am|pm)", s)
        if m:
            h = int(m.group(1)) % 12 + (12 if m.group(3).startswith("p") else 0)
            hm = f"T{h:02d}:{m.group(2) or '00'}"
        else:
            hm = "T12:00" if "noon" in s else "T24:00"
        return Norm(f"{d.isoformat()}{hm}" if d else f"XXXX-XX-XX{hm}", "TIME", "time")
    if kind == "weekday":
        wd = WEEKDAYS[re.search(r"monday|tuesday|wednesday|thursday|friday|saturday|sunday", s).group(0)]
        if s.rstrip().endswith("s") and re.search(_WD, s).group(0).endswith("s"):
            return Norm(f"XXXX-WXX-{wd}", "SET", "day")
        rel = re.match(r"(last|next|this|past|coming)\b", s)
        rel_word = {"past": "last", "coming": "next"}.get(rel.group(1), rel.group(1)) if rel else None
        part = next((PARTS[p] for p in PARTS if s.endswith(p)), None)
        if d is None:
            return Norm(f"XXXX-WXX-{wd}", "DATE", "day")
        day = _weekday(d, wd, future, rel_word)
        return Norm(day.isoformat() + (f"T{part}" if part else ""), "TIME" if part else "DATE", "day")
    if kind == "deictic":
        return _deictic(s, d)
    if kind == "ago":
        m = re.search(rf"({_NUM})\s+(?:more\s+)?({_UNIT})(?:\s+(ago|earlier|later|before|after|from now))?", s)
        n, unit, direction = _num(m.group(1)), m.group(2), m.group(3)
        if direction in ("earlier", "later", "before", "after", None):
            # Relative to some other event, not to the publication date: only the span is known.
            return Norm(duration(n, unit), "DURATION", "duration")
        if d is None or n is None:
            return Norm(None, "DATE", None)
        return _shift(d, -int(n) if direction == "ago" else int(n), _unit_code(unit))
    if kind == "quarter":
        q = ORDINALS[re.search(r"first|second|third|fourth", s).group(0)]
        if d is None:
            return Norm(f"XXXX-Q{q}", "DATE", "quarter")
        cur = (d.month - 1) // 3 + 1
        return Norm(f"{d.year - (1 if q > cur else 0)}-Q{q}", "DATE", "quarter")
    if kind in ("rel_unit", "within"):
        return _relative(s, d, future)
    if kind == "dur_the":
        m = re.search(rf"(?:(few|several|{_NUM})\s+)?({_UNIT})$", s)
        n = _num(m.group(1)) if m.group(1) else (1 if not m.group(2).endswith("s") else None)
        return Norm(duration(n, m.group(2)), "DURATION", "duration")
    if kind == "dur":
        m = re.search(rf"({_NUM}|several|a few|few|many)[\s-]+(?:more\s+)?({_UNIT})$", s)
        return Norm(duration(_num(m.group(1)), m.group(2)), "DURATION", "duration")
    if kind == "bare_plural":
        return Norm(duration(None, s.split()[-1]), "DURATION", "duration")
    if kind == "set":
        m = re.search(rf"({_NUM})?\s*({_UNIT})$", s)
        if m and m.group(2):
            return Norm(duration(_num(m.group(1)) if m.group(1) else 1, m.group(2)), "SET", "duration")
        adverb = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
                  "quarterly": "P3M"}
        for word, val in adverb.items():
            if s.endswith(word):
                return Norm(val, "SET", "duration")
        wd = re.search(r"monday|tuesday|wednesday|thursday|friday|saturday|sunday", s)
        return Norm(f"XXXX-WXX-{WEEKDAYS[wd.group(0)]}" if wd else None, "SET", "day")
    return None


def _deictic(s: str, d: date | None) -> Norm:
    if s in ("recently",) or s.startswith("recent") or s == "the past":
        return Norm("PAST_REF", "DATE", "ref")
    if s in ("now", "nowadays", "currently"):
        return Norm("PRESENT_REF", "DATE", "ref")
    if s == "the future":
        return Norm("FUTURE_REF", "DATE", "ref")
    if d is None:
        return Norm(None, "DATE", None)
    if s == "that day":
        return Norm(None, "DATE", "day")
    if s == "the weekend":
        we = d if d.isoweekday() >= 6 else d - timedelta(days=7)
        return Norm(f"{_week(we)}-WE", "DATE", "week")
    offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2}[s]
    day = (d + timedelta(days=offset)).isoformat()
    return Norm(day + "TNI", "TIME", "day") if s == "tonight" else Norm(day, "DATE", "day")


def _shift(d: date, n: int, code: str | None) -> Norm:
    if code == "D":
        return Norm((d + timedelta(days=n)).isoformat(), "DATE", "day")
    if code == "W":
        return Norm(_week(d + timedelta(weeks=n)), "DATE", "week")
    if code == "M":
        y, m = _add_months(d, n)
        return Norm(f"{y:04d}-{m:02d}", "DATE", "month")
    if code == "Q":
        y, m = _add_months(d, 3 * n)
        return Norm(f"{y:04d}-Q{(m - 1) // 3 + 1}", "DATE", "quarter")
    if code == "Y":
        return Norm(f"{d.year + n:04d}", "DATE", "year")
    if code == "DE":
        return Norm(f"{(d.year + 10 * n) // 10:03d}", "DATE", "decade")
    if code == "CE":
        return Norm(f"{(d.year + 100 * n) // 100:02d}", "DATE", "century")
    return Norm(None, "DATE", None)


def _relative(s: str, d: date | None, future: bool) -> Norm | None:
    m = re.search(rf"{_REL}\s+({_UNIT}|weekend|{_SEASON}|morning|afternoon|evening)$", s)
    if not m:
        return None
    rel = re.search(rf"\b{_REL}\b", s).group(0)
    word = m.group(1)
    if word.endswith("s") and word not in ("hours", "days", "weeks", "months", "years", "decades") or \
            word in ("hours", "days", "weeks", "months", "years", "decades"):
        if rel == "recent":
            return Norm("PAST_REF", "DATE", "ref")
        return Norm(duration(None, word), "DURATION", "duration")
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
        return Norm(f"{_week(base)}-WE", "DATE", "week")
    return _shift(d, step, _unit_code(word))


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


def normalise(kind: str, s: str, anchor: Anchor | None, future: bool) -> Norm | None:
    """The value against an uncertain anchor: computed at both ends, kept where they agree."""
    if anchor is None:
        return normalise_at(kind, s, None, future)
    lo = normalise_at(kind, s, anchor.lo, future)
    if lo is None or anchor.exact:
        return lo
    hi = normalise_at(kind, s, anchor.hi, future)
    if hi is None:
        return None
    value = common_value(lo.value, hi.value)
    return Norm(value, lo.type, precision_of(value, lo.type) if value != lo.value else lo.precision)


def has_explicit_year(s: str) -> bool:
    return _has_explicit_year(s)
