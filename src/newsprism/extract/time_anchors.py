"""Event-anchored weekdays: a known dated event (data/events.tsv) told with a relative day word pins that word.

"Two Russian planes landed in Caracas on Saturday" in an undated article: the text alone cannot say which
Saturday, but if the sentence tells a row of the events table and the row's date is a Saturday, the Saturday is
that date, and the publication lies in the days from which "Saturday" names it (the date itself up to six days
later: from the following Saturday on the writer would mean that one). The days are found by asking the
normaliser itself (`timex_rules.normalise`) at each candidate publication day, so "last Saturday", "the
weekend", "yesterday" or "Saturday night" are inverted by the same rules that resolve them, and nothing here
can disagree with them.

Guards, so that nothing is invented: the day word must stand next to the event mention in its sentence, be told
as past, and name the row's date from some publication day; the resulting days must fit what the article's other
evidence allows; two anchors that contradict each other are not combined (the first, in table and text order,
wins). Once an article is anchored on an event, the other weekdays of the sentences telling that event are read
relative to the event's date in the direction their tense gives (past: on or before it, "took off Friday and
landed Saturday"; future: on or after it), and only within three days of it; anything further stays as the
publication range resolves it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol

from newsprism.corpus.facts.claims import split_sentences
from newsprism.extract.timex_patterns import WEEKDAYS
from newsprism.extract.timex_rules import Anchor, Norm, normalise
from newsprism.prepare.dates import Event, load_events

# Kinds whose value moves with the publication day; of these only expressions naming a day (not a bare clock
# time, which the normaliser puts on the publication day by convention) can anchor.
RELATIVE_KINDS = {"weekday", "deictic", "rel_unit", "time"}
_DAY_WORD = re.compile(r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|today|tonight|"
                       r"yesterday|last\s+night)\b", re.IGNORECASE)
_BARE_WEEKDAY = re.compile(r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
                           r"(?:\s+(?:morning|afternoon|evening|night))?", re.IGNORECASE)
_FUTURE_SENTENCE = re.compile(r"\b(?:will|ahead of|upcoming|scheduled)\b", re.IGNORECASE)  # as in dates.py
NEAR = 40  # characters between the event mention and its day word ("landed in Caracas, Venezuela, Saturday")
SCAN_DAYS = 14  # publication days tried after the event: "last Saturday" reaches a week past it
MAX_OFFSET = 3  # days between the event and another weekday of its sentences read relative to it


class Cand(Protocol):
    """What this module reads of a time-expression candidate (times._Cand)."""

    start: int
    end: int
    kind: str
    future: bool


@dataclass(frozen=True)
class EventAnchor:
    event: Event
    mention: str  # the text the row's pattern matched
    expr: str  # the day word that names the event's date
    lo: date  # first and last publication day from which `expr` names the event's date
    hi: date
    spans: tuple[tuple[int, int], ...]  # the sentences of the body that tell this event

    def evidence(self) -> str:
        return (f'event "{self.mention}" = {self.event.note} (data/events.tsv) is told as "{self.expr}", which '
                f"names {self.event.date.isoformat()} only if published {self.lo.isoformat()} to "
                f"{self.hi.isoformat()}")


def _names(norm: Norm | None, day: date) -> bool:
    """Whether a value is that day (a day, a time on it) or a weekend containing it."""
    value = norm.value if norm else None
    if not value:
        return False
    if re.fullmatch(r"\d{4}-\d\d-\d\d(?:T\w+(?::\d\d)?)?", value):
        return value[:10] == day.isoformat()
    m = re.fullmatch(r"(\d{4})-W(\d\d)-WE", value)
    if m:
        y, w, wd = day.isocalendar()
        return wd >= 6 and (y, w) == (int(m.group(1)), int(m.group(2)))
    return False


def _pub_days(c: Cand, text: str, day: date) -> tuple[date, date] | None:
    """The publication days (a run of them) from which the expression names `day`; None if none, or if every
    day tried does (then the expression does not depend on the publication day)."""
    hits = [d for d in (day + timedelta(days=k) for k in range(SCAN_DAYS))
            if _names(normalise(c.kind, text, Anchor(d, d), False), day)]
    if not hits or len(hits) == SCAN_DAYS or (hits[-1] - hits[0]).days + 1 != len(hits):
        return None
    return hits[0], hits[-1]


def _anchor_in(body: str, s0: int, s1: int, m: re.Match[str], ev: Event, cands: Sequence[Cand],
               lo: date | None, hi: date | None) -> EventAnchor | None:
    """The first day word next to one mention (sentence [s0, s1)) that names the event's date from publication
    days within [lo, hi]; its `spans` are filled in by the caller."""
    a, b = s0 + m.start() - NEAR, s0 + m.end() + NEAR
    for c in cands:
        text = body[c.start:c.end]
        if not (s0 <= c.start and c.end <= s1 and c.start < b and c.end > a) or c.future or \
                c.kind not in RELATIVE_KINDS or not _DAY_WORD.search(text):
            continue
        days = _pub_days(c, text, ev.date)
        if days and max(days[0], lo or days[0]) <= min(days[1], hi or days[1]):
            return EventAnchor(ev, m.group(), text, days[0], days[1], ())
    return None


def find_anchors(body: str, cands: Sequence[Cand], lo: date | None, hi: date | None) -> list[EventAnchor]:
    """The event anchors of one body that agree with the publication bounds [lo, hi] (None: open) and with
    each other, in table and text order: at most one per row, with all the sentences that tell its event."""
    spans = split_sentences(body)
    out: list[EventAnchor] = []
    for ev in load_events():
        if ev.context and not ev.context.search(body):
            continue
        told: list[tuple[int, int]] = []
        found: EventAnchor | None = None
        for s0, s1 in spans:
            sent = body[s0:s1]
            mentions = list(ev.pattern.finditer(sent))
            if not mentions or _FUTURE_SENTENCE.search(sent):
                continue
            told.append((s0, s1))
            for m in mentions:
                found = found or _anchor_in(body, s0, s1, m, ev, cands, lo, hi)
        if found is not None:
            lo = max(found.lo, lo) if lo else found.lo  # later anchors must agree with this one too
            hi = min(found.hi, hi) if hi else found.hi
            out.append(EventAnchor(found.event, found.mention, found.expr, found.lo, found.hi, tuple(told)))
    return out


def bounds(anchors: Sequence[EventAnchor]) -> tuple[date, date] | None:
    """The publication days every anchor allows (find_anchors keeps only anchors that agree)."""
    if not anchors:
        return None
    return max(a.lo for a in anchors), min(a.hi for a in anchors)


def event_relative(c: Cand, text: str, anchors: Sequence[EventAnchor]) -> Norm | None:
    """A plain weekday ("Friday", "Friday night") in a sentence that tells an anchored event, read from the
    event's date: the latest such day on or before it when told as past, the first on or after it when told
    as future, kept only within MAX_OFFSET days; None otherwise."""
    if c.kind != "weekday" or not _BARE_WEEKDAY.fullmatch(text.strip()):
        return None
    for a in anchors:
        if not any(s0 <= c.start and c.end <= s1 for s0, s1 in a.spans):
            continue
        wd = WEEKDAYS[re.match(r"[a-z]+", text.lower()).group(0)]
        diff = wd - a.event.date.isoweekday()
        offset = diff % 7 if c.future else -((-diff) % 7)
        if abs(offset) > MAX_OFFSET:
            return None
        day = a.event.date + timedelta(days=offset)
        # On its own day a weekday names that day whatever the tense, so the normaliser gives the value (with
        # its part of day and type) unchanged.
        return normalise(c.kind, text, Anchor(day, day), c.future)
    return None
