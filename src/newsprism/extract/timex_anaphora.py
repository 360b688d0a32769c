"""Times counted from another time the narrative named: years, months and quarters ("Farkas was promoted in 1995,
and the following year ...", "sales fell in March; the following month ...", "that quarter"), and days and weeks
counted from an event day ("the cargo ship docked on June 9 ... the day before", "the previous week").

TimeML resolves these against the text's own reference time, not the publication date. Without an earlier
period of the right size the value stays open: a guess against the publication date would often be wrong.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

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


# Times that count from another event: "the day before", "the next morning", "the previous week". Their anchor is
# the last day the story tells of, not the last day it names: "the cargo ship docked on June 9; the harbour board
# said on Tuesday that the crew went ashore the next day" is June 10. With no day told before them they count, as
# TimeML does, from the publication day; with neither, the value stays open.
RELATIONAL = re.compile(r"the\s+(?:(?:day|week)\s+(?:before|after)|(?:next|following|previous|prior)\s+"
                        r"(?:day|night|morning|afternoon|evening|week))", re.IGNORECASE)
# "the day before his death", "the week after the vote": counted from an event named right after, not from a day.
# Any word right after "before"/"after" names that event ("the day after Christmas", "the day after he was freed");
# a comma, a conjunction or a reporting verb there ("the day after, police said") leaves the day to count from.
_OWN_EVENT = re.compile(r"\s+(?!(?:and|but|or|then|when|while|as|said|says)\b)[A-Za-z]")


def counts_from_named_event(text: str, after: str) -> bool:
    """Whether a relational time ("the day before") names its own event right after it ("... his death")."""
    return re.search(r"(?:before|after)$", text, re.IGNORECASE) is not None and _OWN_EVENT.match(after) is not None


def relational_week(text: str, day: date | None) -> str | None:
    """"the previous week" / "the following week" / "the week after": the ISO week before or after the week of
    the event day last named, else open."""
    if day is None:
        return None
    step = 1 if re.search(r"following|next|after", text, re.IGNORECASE) else -1
    y, w, _ = (day + timedelta(weeks=step)).isocalendar()
    return f"{y}-W{w:02d}"
