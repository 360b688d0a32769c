"""Bylines: the people who wrote an article, apart from the organisation a byline credits instead.

A byline names people. Pages and records also put other things in the author slot: the outlet itself ("CNN",
"cbsnews.com"), a wire or agency that supplied the text ("By Reuters", "AP"), a desk ("Staff", "Reuters Staff",
"Editorial Board"), a date glued on by the page template ("CBS News February", "Jane Doe Mar 3") or a role
("Staff Writer"). People stay in `authors`; a wire or another outlet credited instead of people is the article's
`credit`, which syndication and origins read; dates, roles and the article's own outlet are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from newsprism.extract import sources
from newsprism.knowledge.names import words

# "By", "From" and "The" before a byline's name or desk ("By AP", "From wire reports", "The Editorial Board").
_LEAD = re.compile(r"^(?:(?:by|from|the)\s+)+", re.I)
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
          r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
# A date at the end of a name: digits, with the month before them ("Jane Doe Mar 3, 2019").
_TRAILING_DATE = re.compile(r"(?:\s+" + _MONTH + r")?(?:\s+\d[\d,:/.-]*)+$", re.I)
_NAME_SPLIT = re.compile(r"\s*(?:,|;|\band\b|&|\|)\s*")
# A bare domain or URL ("cbsnews.com", "https://www.example.org/") in a byline or outlet field.
DOMAIN = re.compile(r"(?:https?://)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+/?", re.I)
_DATE_WORD = re.compile(r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
                        r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|mon|tues?|wed|thu(?:rs)?|fri|sat|sun|"
                        r"(?:mon|tues|wednes|thurs|fri|satur|sun)day)\.?|\d[\d,:/.-]*|updated|published|posted", re.I)
# Words that name a newsroom role or desk, not a person: a segment made only of them ("Staff", "Staff Writer",
# "Wire Reports", "Editorial Board") names nobody, and they are cut from the end of a name ("Jane Doe Staff Writer").
_ROLE_WORDS = words("""
    staff writer writers reporter reporters correspondent correspondents editor editors editorial board desk
    newsroom team contributor contributors wire wires reports report services service agencies agency news
    senior chief political foreign national business special investigative associate contributing
    """)
# A last word like these makes a byline name an organisation ("Meridian Press", "Kessel News Service"); words
# that are also surnames ("Post", "Times") are left to the outlets and sources tables.
_MEDIA_HEADS = words("press news agency wire wires newswire service services media network")
# Organisation kinds of the sources table that may stand in a byline instead of people.
_MEDIA_KINDS = ("wire", "state_media", "media")


@dataclass(frozen=True, slots=True)
class Byline:
    people: list[str] = field(default_factory=list)
    # The wire, agency or other outlet credited instead of (or beside) people; None when none is, or when the
    # byline only names the article's own outlet.
    credit: str | None = None


def split_names(names: str) -> list[str]:
    """A "By ..." line's names: a date or role after a separator ("By A. Writer | March 3, 2019") is cut."""
    names = re.split(r"\s[|\u2022\u00b7\u2013\u2014-]\s|\s{2,}|\b(?:updated|published|posted)\b", names, flags=re.I)[0]
    out = []
    for part in _NAME_SPLIT.split(_space(names)):
        part = part.strip(" .")
        if part and len(part.split()) <= 5 and not part.lower().startswith(("updated", "published")):
            out.append(part)
    return out


def read_byline(authors: list[str], outlet: str | None,
                outlet_name: Callable[[str], str | None] = lambda text: None) -> Byline:
    """Split byline entries into people and the organisation credited. `outlet` is the article's own outlet;
    `outlet_name(text)` gives the outlets table's name for a spelling or domain of a known outlet, else None."""
    people: list[str] = []
    credit: str | None = None
    own = _key(outlet or "")
    for author in authors:
        for part in _parts(author, outlet_name):
            words = part.split()
            while words and _DATE_WORD.fullmatch(words[-1].strip(",|")):
                words.pop()
            bare = _LEAD.sub("", " ".join(words).strip(" ,.|-"))
            if not bare:
                continue
            org = _organisation(bare, outlet_name)
            if org is not None:
                if org and credit is None and _key(org) != own and not (outlet and outlet_name(org) == outlet):
                    credit = org
                continue
            name = _person(_LEAD.sub("", part))
            if own and own in (_key(bare), _key(name)):  # "Coast Herald Staff" on the Coast Herald's own page
                continue
            if name and name not in people:
                people.append(name)
    return Byline(people, credit)


def _parts(author: str, outlet_name: Callable[[str], str | None]) -> list[str]:
    # "Jane Doe, Associated Press" is a person and a credit; "Doe, Jane" is one person.
    parts = [p for p in _NAME_SPLIT.split(_space(author)) if p]
    if len(parts) > 1 and any(_organisation(p, outlet_name) is not None for p in parts):
        return parts
    return [_space(author)]


def _organisation(text: str, outlet_name: Callable[[str], str | None]) -> str | None:
    """The organisation a byline segment names ("Reuters Staff" -> Reuters, "cbsnews.com" -> CBS News), or None
    when it reads as a person. A segment made only of desk or role words names the article's own newsroom."""
    if DOMAIN.fullmatch(text):
        return outlet_name(text) or text.lower()
    words = _LEAD.sub("", text).split()
    if all(w.casefold().strip(".") in _ROLE_WORDS for w in words):
        return ""
    known = sources.lookup(text)
    if known is not None and known.kind in _MEDIA_KINDS:
        rest = _space(text.replace(known.name, " ")) if known.name in text else _strip_alias(text)
        if all(w.casefold().strip(".") in _ROLE_WORDS for w in rest.split()):
            return known.name
    table = outlet_name(text)
    if table:
        return table
    if len(words) >= 2 and words[-1].casefold().strip(".") in _MEDIA_HEADS and words[0][:1].isupper():
        return text
    return None


def _strip_alias(text: str) -> str:
    hits = sources.known_in(text)
    for _, start, end in reversed(hits):
        text = text[:start] + " " + text[end:]
    return _space(text)


def _person(text: str) -> str:
    # A month is cut only with the digits after it: "Theresa May" keeps hers. Trailing role words go ("Jane Doe
    # Staff Writer").
    name = _space(_TRAILING_DATE.sub("", _space(text))).strip(" ,.|-")
    words = name.split()
    cut = len(words)
    while cut > 0 and words[cut - 1].casefold().strip(".") in _ROLE_WORDS:
        cut -= 1
    # a role is cut only where a full name stays before it: "A. Writer" is a name
    return " ".join(words[:cut] if cut >= 2 else words)


def _key(text: str) -> str:
    return text.casefold().removeprefix("the ").strip()


def _space(text: str) -> str:
    return " ".join(text.split())
