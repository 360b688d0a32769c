"""Years, months and quarters counted from the one the narrative last named: "Farkas was promoted in 1995, and
the following year ...", "sales fell in March; the following month ...", "that quarter".

TimeML resolves these against the text's own reference time, not the publication date. Without an earlier
period of the right size the value stays open: a guess against the publication date would often be wrong.
"""

from __future__ import annotations

import re

_PERIOD = re.compile(r"(\d{4})(?:-(\d\d|Q[1-4]))?(?:-\d\d)?(?:T\w+)?")


def period_of(value: str | None, type_: str) -> str | None:
    """The calendar period a resolved value lies in ("1995-12-02" -> "1995-12"); None for spans and vague values."""
    if not value or type_ not in ("DATE", "TIME"):
        return None
    m = _PERIOD.fullmatch(value)
    if not m:
        return None
    return m.group(1) + (f"-{m.group(2)}" if m.group(2) else "")


def resolve_period(text: str, period: str | None) -> str | None:
    """The value of "that year" / "the following month" / "the same quarter" given the last period named."""
    if period is None:
        return None
    unit = re.search(r"year|month|quarter", text.lower()).group(0)
    step = 1 if re.search(r"following", text, re.IGNORECASE) else 0
    year = int(period[:4])
    rest = period[5:]
    if unit == "year":
        return f"{year + step:04d}"
    if unit == "month" and re.fullmatch(r"\d\d", rest):
        m = year * 12 + int(rest) - 1 + step
        return f"{m // 12:04d}-{m % 12 + 1:02d}"
    if unit == "quarter" and rest.startswith("Q"):
        q = year * 4 + int(rest[1]) - 1 + step
        return f"{q // 4:04d}-Q{q % 4 + 1}"
    return None
