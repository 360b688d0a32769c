"""TIMEX3 values and the arithmetic behind them: the anchor interval, a normalised value, durations and
calendar steps (weeks, months, quarters, decades), shared by the grammar's normalisers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from newsprism.extract.timex_patterns import NUMBERS, TIME_UNITS, UNITS


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


# A TimeML value's granularity by its shape, finest first ("2013-W05-3" is a day of a week).
_WEEK_DAY = re.compile(r"[\dX]{4}-W[\dX]{2}-\d")
_GRANULARITY = tuple((re.compile(p), name) for p, name in (
    (r"[\dX]{4}-\d\d-\d\d(T\w+)?", "day"), (_WEEK_DAY.pattern, "day"), (r"[\dX]{4}-(SP|SU|FA|WI)", "season"),
    (r"[\dX]{4}-H\d", "half"), (r"[\dX]{4}-Q\d", "quarter"), (r"[\dX]{4}-\d\d", "month"), (r"[\dX]{4}", "year"),
    (r"\d{3}", "decade")))


def precision_of(value: str | None, type_: str) -> str | None:
    if value is None:
        return None
    if type_ == "DURATION" or (type_ == "SET" and value.startswith("P")):
        return "duration"
    if value.endswith("_REF"):
        return "ref"
    if "/" in value:
        return "range"
    if "-W" in value and not _WEEK_DAY.fullmatch(value):
        return "week"
    return next((name for pattern, name in _GRANULARITY if pattern.fullmatch(value)), None)


def num(word: str) -> float | None:
    """"12", "2.5", "twenty four", "twenty-four", "a hundred", "two thousand"; None when not a number."""
    word = re.sub(r"\s+", " ", word.lower().strip())
    if re.fullmatch(r"\d+(\.\d+)?", word):
        return float(word)
    if word in NUMBERS:
        return float(NUMBERS[word])
    total, cur = 0.0, 0.0
    parts = re.split(r"[\s-]+", word)
    if len(parts) > 1 and parts[0] in ("a", "an"):
        parts = parts[1:]
    for part in parts:
        if part == "hundred":
            cur = max(cur, 1) * 100
        elif part == "thousand":
            total, cur = total + max(cur, 1) * 1000, 0
        elif part in NUMBERS:
            cur += NUMBERS[part]
        elif part != "and":
            return None
    return total + cur


def unit_code(word: str) -> str | None:
    w = word.lower().rstrip("s")
    w = "century" if w.startswith("centur") else w
    return UNITS.get(w)


def fmt_num(n: float | None) -> str:
    if n is None:
        return "X"
    return str(int(n)) if float(n).is_integer() else str(n)


# A fractional count written in the next smaller unit ("2 1/2 years" is P2Y6M, "a minute and a half" PT1M30S).
_SPLIT = {"Y": ("M", 12, False), "D": ("H", 24, True), "H": ("M", 60, True), "MIN": ("S", 60, True), "W": ("D", 7, False)}


def duration(n: float | None, unit_word: str) -> str | None:
    code = unit_code(unit_word)
    if code is None:
        return None
    if code == "Q":
        return f"P{fmt_num(n * 3) if n else 'X'}M"
    key = "MIN" if unit_word.lower().startswith("min") else code
    if n is not None and not float(n).is_integer() and key in _SPLIT:
        small, factor, time_part = _SPLIT[key]
        whole, rest = int(n), round((n - int(n)) * factor)
        if key in ("MIN", "H"):
            return f"PT{whole}{code}{rest}{small}"
        return f"P{whole}{code}{'T' if time_part else ''}{rest}{small}"
    if code in TIME_UNITS and unit_word.lower().startswith(("sec", "min", "hour")):
        return f"PT{fmt_num(n)}{code}"
    return f"P{fmt_num(n)}{code}"


def week_of(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def add_months(d: date, months: int) -> tuple[int, int]:
    m = d.year * 12 + d.month - 1 + months
    return m // 12, m % 12 + 1


def shift(d: date, n: int, code: str | None) -> Norm:
    if code == "D":
        return Norm((d + timedelta(days=n)).isoformat(), "DATE", "day")
    if code == "W":
        return Norm(week_of(d + timedelta(weeks=n)), "DATE", "week")
    if code == "M":
        y, m = add_months(d, n)
        return Norm(f"{y:04d}-{m:02d}", "DATE", "month")
    if code == "Q":
        y, m = add_months(d, 3 * n)
        return Norm(f"{y:04d}-Q{(m - 1) // 3 + 1}", "DATE", "quarter")
    if code == "Y":
        return Norm(f"{d.year + n:04d}", "DATE", "year")
    if code == "DE":
        return Norm(f"{(d.year + 10 * n) // 10:03d}", "DATE", "decade")
    if code == "CE":
        return Norm(f"{(d.year + 100 * n) // 100:02d}", "DATE", "century")
    return Norm(None, "DATE", None)
