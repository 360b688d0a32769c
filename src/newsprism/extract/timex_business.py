"""The periods company and economic news counts in: quarters, halves and the (fiscal) year.

A results report names its periods without dates ("the quarter", "the latest period", "the year-ago third
quarter", "the year ended June 30"); read against the anchor, "the quarter" is the last one completed, "the year"
the anchor's year, and a year that ends on a named day is a span of one year, not a calendar year.
"""

from __future__ import annotations

import re
from datetime import date

from newsprism.extract.timex_patterns import ORDINALS
from newsprism.extract.timex_values import Norm

_YEAR = re.compile(r"(?:1[5-9]|20)\d\d")


def _year_offset(s: str) -> int | None:
    """How many years a quarter's own qualifier moves it: "last year's" -1, "the year-ago" -1, "next year's" +1."""
    if re.search(r"\blast\s+year|\byear[\s-](?:ago|earlier)", s):
        return -1
    if re.search(r"\bnext\s+year", s):
        return 1
    if re.search(r"\bthis\s+year", s):
        return 0
    return None


def quarter(s: str, d: date | None, future: bool) -> Norm:
    """A quarter ("the first quarter of 2019", "last year's fourth quarter"); without a year, the latest such
    quarter that has begun."""
    q = ORDINALS[re.search(r"first|second|third|fourth", s).group(0)]
    year = _YEAR.search(s)
    if year:
        return Norm(f"{year.group(0)}-Q{q}", "DATE", "quarter")
    if d is None:
        return Norm(f"XXXX-Q{q}", "DATE", "quarter")
    offset = _year_offset(s)
    if offset is not None and not re.search(r"year[\s-](?:ago|earlier)", s):
        return Norm(f"{d.year + offset}-Q{q}", "DATE", "quarter")
    cur = (d.month - 1) // 3 + 1
    return Norm(f"{d.year - (1 if q > cur else 0) + (offset or 0)}-Q{q}", "DATE", "quarter")


def last_quarter(d: date, current: bool) -> tuple[int, int]:
    q = (d.month - 1) // 3 + (1 if current else 0)
    return (d.year, q) if q else (d.year - 1, 4)


def the_quarter(s: str, d: date | None, future: bool) -> Norm:
    """"the quarter", "the latest quarter", "the latest period" of a results report: the last quarter completed
    at the anchor; "the current quarter" the one under way; "the 1988 period" that quarter of the year named."""
    year = _YEAR.search(s)
    if d is None:
        return Norm(f"{year.group(0) if year else 'XXXX'}-QX", "DATE", "quarter")
    y, q = last_quarter(d, "current" in s)
    return Norm(f"{year.group(0) if year else y}-Q{q}", "DATE", "quarter")


def year_ago_quarter(d: date | None) -> Norm:
    """"a year ago" / "the year-earlier period" in a sentence about quarterly results: the same quarter a year
    before the one reported (the last completed at the anchor)."""
    if d is None:
        return Norm(None, "DATE", None)
    y, q = last_quarter(d, False)
    return Norm(f"{y - 1}-Q{q}", "DATE", "quarter")


def half(s: str, d: date | None, future: bool) -> Norm:
    """"the first half of 1990", "the second half of the year": H1 or H2 of the year named or of the anchor's."""
    h = 1 if "first" in s else 2
    year = _YEAR.search(s)
    if year:
        return Norm(f"{year.group(0)}-H{h}", "DATE", "half")
    if d is None:
        return Norm(f"XXXX-H{h}", "DATE", "half")
    offset = _year_offset(s) or 0
    return Norm(f"{d.year + offset}-H{h}", "DATE", "half")


def the_year(s: str, d: date | None, future: bool) -> Norm:
    """"the year", "the full year", "the current fiscal year", "earlier in the year", "year-end": the anchor's
    year (a report's year is the one it is written in)."""
    if d is None:
        return Norm(None, "DATE", None)
    return Norm(f"{d.year:04d}", "DATE", "year")


def year_span(s: str, d: date | None, future: bool) -> Norm:
    """"the year ended June 30": a twelve-month span that ends on the day named, not a calendar year."""
    return Norm("P1Y", "DURATION", "duration")


_QUARTER_VALUE = re.compile(r"\d{4}-Q[1-4]")
_OWN_YEAR = re.compile(r"last\s+year|next\s+year|year[\s-](?:ago|earlier)|(?:1[5-9]|20)\d\d", re.I)


def reported_quarter(kind: str, text: str, value: str | None, reported: str | None) -> tuple[str | None, str | None]:
    """(value, reported quarter) after one expression of a results report. The quarter the report names first
    ("fourth-quarter profit rose ...") is the one it is about: its "the quarter", "the latest period" and "a year
    earlier" point there, not to the last quarter completed at the anchor (a fiscal year's quarters run on their
    own calendar). A forecast named later ("expects fourth-quarter sales to recover") does not move it."""
    if kind == "quarter":
        if reported is None and value and _QUARTER_VALUE.fullmatch(value) and not _OWN_YEAR.search(text):
            return value, value
        return value, reported
    if reported is None or kind not in ("the_quarter", "year_ago_q") or re.search(r"current", text, re.I):
        return value, reported
    own = _YEAR.search(text)
    year = int(own.group(0)) if own else int(reported[:4]) - (1 if kind == "year_ago_q" else 0)
    return f"{year}-Q{reported[-1]}", reported
