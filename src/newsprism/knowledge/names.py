"""Name normalisation shared by entity extraction and corpus canonicalisation.

A *key* is the form two surface strings must share to name the same thing: anyascii-folded (Marković ->
markovic), lower case, without a leading "the", possessive, dots or generic corporate suffixes. Typos are
found with Optimal String Alignment distance (a transposition counts one edit: Nothern ~ Northern) inside
blocks built from deletion neighbourhoods, so no stage compares all pairs of names.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from anyascii import anyascii
from rapidfuzz.distance import OSA


def words(text: str) -> frozenset[str]:
    """A word list written as one string, for the vocabularies below."""
    return frozenset(text.split())


# Words that introduce a person in news prose but are not part of the name ("Governor Elena Marković",
# "port authority spokesman Tomas Reyes"). Lower case; matched per token.
TITLE_WORDS = words(
    """
    president vice prime minister ministers foreign defence defense interior finance secretary state
    deputy chief chancellor senator sen sen. rep rep. representative congressman congresswoman gov gov.
    governor mayor general gen gen. col col. colonel lt lt. lieutenant major maj maj. admiral adm adm.
    captain capt capt. sergeant sgt sgt. commander dr dr. mr mr. mrs mrs. ms ms. miss prof prof. professor
    king queen prince princess pope sheikh emir sultan ayatollah spokesman spokeswoman spokesperson
    ambassador envoy director judge justice speaker leader chairman chairwoman chair ceo cfo founder
    attorney advisor adviser aide officer official head opposition self-proclaimed interim acting former
    ex late national security press premier lord lady sir dame
    rev rev. reverend father bishop cardinal archbishop marshal brig brig. brigadier ayatollah mullah
    of the kremlin white house department ministry pentagon
    """
)

# Corporate or group suffixes that news drops freely ("the Baltrans company" / "Baltrans").
ORG_SUFFIXES = words("group inc inc. corp corp. corporation co co. ltd ltd. llc plc company")

# A last token like these makes a span an organisation whatever the tagger said ("Meridian Press").
ORG_HEADS = words(
    """
    group inc corp corporation company ltd llc plc agency ministry department council committee party
    bank university institute times post news press journal herald tribune gazette service services
    army navy forces force guard police embassy commission foundation association union federation wire
    """
)

POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_NON_WORD = re.compile(r"[^\w\s-]+")
_SPACES = re.compile(r"[\s\-]+")
_NON_DIGITS = re.compile(r"\D")


def fold(text: str) -> str:
    """ASCII, lower case, punctuation removed, single spaces: the comparison form of any name."""
    text = anyascii(text).lower()
    text = _NON_WORD.sub("", text.replace(".", ""))
    return _SPACES.sub(" ", text).strip()


def name_key(text: str, label: str) -> str:
    """The exact-match key of a name: folded, no leading article, no corporate suffix for organisations."""
    tokens = fold(POSSESSIVE.sub("", text.strip())).split()
    if len(tokens) > 1 and tokens[0] == "the":
        tokens = tokens[1:]
    if label == "ORG":
        while len(tokens) > 1 and tokens[-1] in ORG_SUFFIXES:
            tokens = tokens[:-1]
    if label == "NORP" and tokens and len(tokens[-1]) > 4 and tokens[-1].endswith("s"):
        tokens[-1] = tokens[-1][:-1]  # Kenyans / Kenyan, Republicans / Republican: one group
    return " ".join(tokens)


def surname(text: str) -> str:
    """Folded last token: the key news uses for a person after the first mention."""
    tokens = fold(text).split()
    return tokens[-1] if tokens else ""


def person_shaped(key: str) -> bool:
    """Two to four words, none of them an organisation head or a place: could be a person's name."""
    toks = key.split()
    if not 2 <= len(toks) <= 4:
        return False
    places = gazetteer().places
    return not any(t in ORG_HEADS or t in ORG_SUFFIXES or t in places for t in toks)


def deletion_keys(word: str) -> set[str]:
    """The word and every form of it with one letter deleted: two words within one edit (or one
    transposition) of each other share at least one of these keys (the SymSpell idea)."""
    keys = {word}
    keys.update(word[:i] + word[i + 1 :] for i in range(len(word)))
    return keys


def is_typo_of(a: str, b: str) -> bool:
    """One edit or transposition apart on folded forms, and long enough that one edit is not a new name
    (Li / Lu, Kim / Kin)."""
    fa, fb = fold(a), fold(b)
    if fa == fb or min(len(fa), len(fb)) < 5 or fa[0] != fb[0]:
        return False
    if fa + "s" == fb or fb + "s" == fa:
        return False  # a plural (the Clintons) is a family or a group, not a misspelling
    if _NON_DIGITS.sub("", fa) != _NON_DIGITS.sub("", fb):
        return False  # F-16 / F-15, Group 7 / Group 8: a different number is a different thing
    return OSA.distance(fa, fb) <= 1


def first_names_compatible(a: str, b: str) -> bool:
    """Given names of two full names that can be one person: equal, an initial, or one edit apart
    (Sergei / Sergey)."""
    fa, fb = fold(a).rstrip("."), fold(b).rstrip(".")
    if fa == fb:
        return True
    if len(fa) == 1 or len(fb) == 1:
        return fa[0] == fb[0]
    return fa[0] == fb[0] and min(len(fa), len(fb)) >= 4 and OSA.distance(fa, fb) <= 1


@dataclass(frozen=True)
class Gazetteer:
    aliases: dict[str, tuple[str, str]]
    places: frozenset[str]  # folded country and city names: never a person's surname when tagged a place


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    raw = json.loads(resources.files("newsprism").joinpath("data/entity_aliases.json").read_text("utf-8"))
    aliases = {k: (v[0], v[1]) for k, v in raw["aliases"].items()}
    places = frozenset(fold(p) for p in raw["countries"] + raw["places"])
    for country in raw["countries"]:
        aliases.setdefault(fold(country), (country, "GPE"))
    return Gazetteer(aliases=aliases, places=places)


def alias(text: str, label: str) -> tuple[str, str] | None:
    """(canonical name, type) when the text is a known alias (US / U.S. / America -> United States).
    Demonyms (NORP) and person names are never aliased: "American" is not the country."""
    if label not in ("GPE", "LOC", "ORG", "FAC"):
        return None
    key = fold(POSSESSIVE.sub("", text.strip()))
    if key.startswith("the "):
        key = key[4:]
    return gazetteer().aliases.get(key)
