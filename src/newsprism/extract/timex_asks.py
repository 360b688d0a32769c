"""The checks of the time tagger that read the parse or the entities, asked of a view (`timex_view`).

On a document parsed whole each check just reads it. Where sentences are parsed on demand, each check first
reads the text for whether the parse could change its answer (a year after "in" is a year whatever the
entities say; only a capitalised match next to another capitalised word can be part of a name) and asks for the
sentence only then, so that few sentences are parsed.
"""

from __future__ import annotations

import re

from newsprism.extract.timex_filters import VEHICLES, YEAR_PREPS, model_year, modifies_noun
from newsprism.extract.timex_patterns import MON_RE, WD_RE, iter_matches
from newsprism.extract.timex_view import DATE_LABELS, NAME_LABELS, SentenceView, WholeView

View = WholeView | SentenceView


def matches(view: View) -> list[re.Match[str]]:
    """The grammar's matches, kept on the view: the times-only path tags a text more than once (see timex_view)."""
    if view.matches is None:
        view.matches = list(iter_matches(view.text))
    return view.matches


def ask(view: View, check, start: int, end: int, ents: bool = False) -> bool:
    """A parse-reading check on [start, end); False where the sentence is not parsed."""
    p = view.parse(start, ents=ents)
    return p.ask(check, start, end) if p is not None else False


def model_year_at(view: View, start: int, end: int) -> bool:
    """A model year ("a 2007 silver Ford", "a 2009 sedan"). Where sentences are parsed on demand, only a year
    with a vehicle word or a capitalised word (a make, read from the entities) among the next few is asked."""
    if view.whole:
        return ask(view, model_year, start, end)
    after = _NEXT_WORDS.match(view.text, end)
    words = after.group(0).split() if after else []
    if any(w[0].isupper() for w in words):
        return ask(view, model_year, start, end, ents=True)
    return any(w.lower().rstrip("s") in VEHICLES for w in words) and ask(view, model_year, start, end)


def modifies_noun_at(view: View, start: int, end: int) -> bool:
    """"current"/"recent" before a noun; where sentences are parsed on demand, asked only before a lower-case word
    (a capital or a stop after it leaves no common noun for it to modify)."""
    return bool(view.whole or _LOWER_WORD_AFTER.match(view.text, end)) and ask(view, modifies_noun, start, end)


def in_date(view: View, date_ents: list[tuple[int, int]], start: int, end: int) -> bool:
    if view.whole:
        return any(s <= start and end <= e for s, e in date_ents)
    prev = view.text[max(0, start - 12):start].split()
    if prev and prev[-1].lower().strip(",") in YEAR_PREPS:
        return False  # kept by its preposition whatever the entities say: no parse needed
    p = view.parse(start, ents=True, tree=False)
    return p is not None and p.in_entity(start, end, DATE_LABELS, within=True)


def in_name(view: View, start: int, end: int) -> bool:
    """Part of a named entity ("USA Today", "Tuesday Morning Corp."). Where sentences are parsed on demand, the
    sentence is asked only when a name is possible: the match starts with a capital or a digit and touches
    another capitalised word that is neither the sentence's first nor a time word ("Orion 1980", "May
    Department Stores"; not "In September", "hours Friday")."""
    if not view.whole and not _next_to_capital(view, start, end):
        return False
    p = view.parse(start, ents=True, tree=False)
    return p is not None and p.in_entity(start, end, NAME_LABELS, within=False)


_NEXT_WORDS = re.compile(r"(?:[ -]+[\w]+){1,3}")
_LOWER_WORD_AFTER = re.compile(r"\s+[a-z]")
_CAPITAL_BEFORE = re.compile(r"\b([A-Z][\w.&'-]*)[ -]$")
_CAPITAL_AFTER = re.compile(r"(?:'s)?[ -]([A-Z][\w.&'-]*)")
_TIME_NAME = re.compile(rf"(?i)(?:{MON_RE}|{WD_RE}|today|tonight)$")


def _next_to_capital(view: View, start: int, end: int) -> bool:
    text = view.text
    if not (text[start].isupper() or text[start].isdigit()):
        return False
    before = _CAPITAL_BEFORE.search(text, max(0, start - 30), start)
    if before and not _TIME_NAME.match(before.group(1)) and not view.opens_sentence(before.start(1)):
        return True
    after = _CAPITAL_AFTER.match(text, end)
    return bool(after and not _TIME_NAME.match(after.group(1)))
