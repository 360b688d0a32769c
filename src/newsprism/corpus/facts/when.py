"""When and which way an act happened, as values that exclude each other: the weekday ("on Thursday" /
"on Friday"), the clock ("at 9 p.m." / "at 8.40pm"), the part of the day ("late in the evening" / "at 9.25 am"),
and the compass side of a place ("east of Lorvik" / "west of Lorvik").

Only what one act's own modifiers say is read, so that "police were called on Friday" and "he died on Sunday"
never meet: `verify` compares two readings act by act, an act being its verb with the thing it happened to
("arrested the suspect" and "arrested a second man" are two acts). A bound or a range ("shortly after 10pm",
"from 9am until 5pm", "between Friday and Sunday") is not a point in time and is not compared. Weekdays, clock notation, parts of the day and compass
points are general English; nothing here knows any story.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# Parts of the day, as hour ranges on a 24-hour clock (night wraps past midnight).
DAYPARTS = {"morning": (5, 12), "afternoon": (12, 18), "evening": (17, 23), "night": (20, 29),
            "midnight": (23, 25), "noon": (11.5, 12.5), "midday": (11, 13)}
OPPOSITE = {"east": "west", "west": "east", "north": "south", "south": "north"}
# Two clock times of one act farther apart than this (hours) are two different times; a hedged one ("about",
# "around", "shortly after") and a rounded hour get the wider margin, since reports round to the nearest hour.
CLOCK_SLACK = 0.25
HEDGED_SLACK = 1.0
# A part of the day against a clock time: the clock may sit this far outside the part's usual hours.
DAYPART_SLACK = 1.0

# "9 p.m.", "8.40pm"; a 24-hour "2045 GMT"; "1100 hrs" only after "at" ("worked 1200 hours" is a duration).
_CLOCK = re.compile(r"\b(\d{1,2})(?:[.:](\d\d))?\s*([ap])\.?\s?m\b\.?|\b(\d{2})(\d{2})\s*(?:gmt|utc)\b"
                    r"|\bat\s(\d{2})(\d{2})\s*(?:hrs|hours)\b", re.I)
_HEDGES = ("about", "around", "approximately", "roughly", "just", "nearly", "almost", "some")
# Words that make a time a bound or one end of a range.
_BOUNDS = frozenset({"after", "before", "by", "until", "till", "from", "between", "since", "through", "to",
                     "shortly", "later", "earlier"})
# Arcs from an act to the words that say when or where it happened.
_WHEN_ARCS = frozenset({"prep", "npadvmod", "advmod", "pobj", "nmod", "compound", "amod", "nummod", "pcomp",
                        "advcl", "quantmod", "appos", "det"})
# An object that is a distance ("the bridge gave way 5 km north of Lorvik") says where, like a modifier.
_DISTANCES = frozenset({"mile", "kilometre", "kilometer", "km", "metre", "meter", "foot", "yard"})


@dataclass
class When:
    """What one act's modifiers say about when and which way it happened."""
    weekdays: set[str] = field(default_factory=set)
    clocks: list[tuple[float, float]] = field(default_factory=list)  # (hour, slack)
    dayparts: set[str] = field(default_factory=set)
    sides: dict[str, str] = field(default_factory=dict)  # place (its whole name) -> compass side
    phrase: str = ""


def read_when(doc) -> dict[str, When]:
    """Per act (`act_key`), the time and side its own modifiers give; acts whose modifiers give none are left
    out, and so is an act told twice in one sentence (which telling would be compared is unknown)."""
    out: dict[str, When] = {}
    twice: set[str] = set()
    for t in doc:
        if t.pos_ != "VERB":
            continue
        words = _modifier_tokens(t)
        if not words:
            continue
        w = _when_of(words)
        if w.weekdays or w.clocks or w.dayparts or w.sides:
            key = act_key(t)
            if key in out:
                twice.add(key)
            out[key] = w
    return {k: w for k, w in out.items() if k not in twice}


def act_key(verb) -> str:
    """The verb's lemma and the head of what it happened to (its object, a passive subject, else its subject)."""
    args = {c.dep_: c for c in verb.children if c.dep_ in ("dobj", "nsubjpass", "nsubj")}
    arg = args.get("dobj") or args.get("nsubjpass") or args.get("nsubj")
    theme = arg.lemma_.lower() if arg is not None and arg.pos_ in ("NOUN", "PROPN") else ""
    return f"{verb.lemma_.lower()}:{theme}"


def _modifier_tokens(verb) -> list:
    """The act's temporal and place modifiers, without descending into another clause's verb."""
    found, stack = [], [c for c in verb.children
                        if c.dep_ in _WHEN_ARCS or (c.dep_ == "dobj" and c.lemma_.lower() in _DISTANCES)]
    # "The navy on Tuesday stopped ...": the parser often hangs a modifier between subject and verb on the
    # subject; it tells when the act happened
    stack += [m for s in verb.children if s.dep_ in ("nsubj", "nsubjpass") and s.i < verb.i
              for m in s.children if m.dep_ in ("prep", "npadvmod") and s.i < m.i < verb.i]
    while stack:
        x = stack.pop()
        if x.pos_ in ("VERB", "AUX") and x.dep_ not in ("pcomp",):
            continue
        found.append(x)
        stack.extend(c for c in x.children if c.dep_ in _WHEN_ARCS)
    return sorted(found, key=lambda x: x.i)


def _when_of(tokens) -> When:
    w = When()
    low = [x.lower_ for x in tokens]
    text = " ".join(x.text for x in tokens)
    w.phrase = text[:60]
    # "prevented pirates from attacking": a preposition that opens a clause bounds no time
    bounds = {x.lower_ for x in tokens if not any(c.dep_ == "pcomp" and c.pos_ == "VERB" for c in x.children)}
    if not _BOUNDS & bounds:
        w.weekdays = {d for d in WEEKDAYS if d in low or d + "s" in low}
        w.dayparts = {p for p in DAYPARTS if p in low or (p == "night" and "tonight" in low)}
        w.clocks = _clocks(text, any(h in low for h in _HEDGES))
    for x in tokens:
        if x.lower_ in OPPOSITE:
            place = next((o for c in x.children if c.lower_ == "of" for o in c.children if o.dep_ == "pobj"), None)
            if place is not None:
                name = " ".join(p.lower_ for p in place.subtree if p.pos_ != "DET" and not p.is_punct)
                w.sides[name] = x.lower_
    return w


def _clocks(text: str, hedged: bool) -> list[tuple[float, float]]:
    out = []
    for m in _CLOCK.finditer(text):
        if m.group(1):
            hour, minute = int(m.group(1)), int(m.group(2) or 0)
            if not 1 <= hour <= 12 or minute > 59:
                continue
            hour = hour % 12 + (12 if m.group(3).lower() == "p" else 0)
        else:
            hour, minute = int(m.group(4) or m.group(6)), int(m.group(5) or m.group(7))
            if hour > 23 or minute > 59:
                continue
        slack = HEDGED_SLACK if hedged or not minute else CLOCK_SLACK
        out.append((hour + minute / 60, slack))
    return out


def _hour_gap(a: float, b: float) -> float:
    d = abs(a - b) % 24
    return min(d, 24 - d)


def _in_part(hour: float, part: str) -> bool:
    lo, hi = DAYPARTS[part]
    return any(lo - DAYPART_SLACK <= h <= hi + DAYPART_SLACK for h in (hour, hour + 24))


def agree(mine: When, theirs: When) -> bool:
    """Both accounts give the act the same weekday, a clock time within slack, or the same side of one place."""
    return bool(mine.weekdays & theirs.weekdays
                or any(_hour_gap(a, b) <= max(sa, sb) for a, sa in mine.clocks for b, sb in theirs.clocks)
                or any(theirs.sides.get(p) == side for p, side in mine.sides.items()))


def clash(mine: When, theirs: When) -> str | None:
    """Why two accounts of one act cannot both hold, in words, or None."""
    if mine.weekdays and theirs.weekdays and not mine.weekdays & theirs.weekdays:
        return f"weekday: {'/'.join(sorted(mine.weekdays))} vs {'/'.join(sorted(theirs.weekdays))}"
    near = any(_hour_gap(a, b) <= max(sa, sb) for a, sa in mine.clocks for b, sb in theirs.clocks)
    if mine.clocks and theirs.clocks and not near:
        return "time of day: " + _clock_text(mine) + " vs " + _clock_text(theirs)
    for parts, clocks in ((mine.dayparts, theirs.clocks), (theirs.dayparts, mine.clocks)):
        if parts and clocks and not any(_in_part(h, p) for p in parts for h, _ in clocks):
            return "time of day: " + "/".join(sorted(mine.dayparts) or [_clock_text(mine)]) + " vs " + \
                "/".join(sorted(theirs.dayparts) or [_clock_text(theirs)])
    for place, side in mine.sides.items():
        if theirs.sides.get(place) == OPPOSITE[side]:
            return f"side: {side} of {place} vs {theirs.sides[place]} of {place}"
    return None


def _clock_text(w: When) -> str:
    return "/".join(f"{int(h):02d}:{round((h % 1) * 60):02d}" for h, _ in w.clocks)
