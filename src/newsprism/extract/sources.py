"""Sources cited: which outlets, agencies, government bodies and data an article relies on, and their kind.

Names come from a small maintained table (`data/sources.tsv`); names not in it get a kind from the words around
them ("news agency", "ministry", "flight-tracking data"), so a new outlet is still classified sensibly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from newsprism.model import SourceCited

_STATE = re.compile(r"\bstate[- ](?:run|funded|owned|controlled|backed|media|television|tv|news|broadcaster)\b"
                    r"|\bstate media\b|\bstate television\b", re.I)
_WIRE = re.compile(r"\bnews agency\b|\bnewswire\b|\bwire service\b|\bpress agency\b", re.I)
_SOCIAL = re.compile(r"\bsocial media\b|\btweets?\b|\btwitter\b|\bfacebook\b|\btelegram\b|\byoutube\b|"
                     r"\binstagram\b|\bblog\b|\bonline posts?\b", re.I)
_DATA = re.compile(r"\bdata\b|\btracking\b|\brecords?\b|\bcontracts?\b|\bdocuments?\b|\bfilings?\b|\bsatellite\b|"
                   r"\bimagery\b|\bimages\b|\bstatistics\b|\bfigures\b|\bdatabase\b|\bregistry\b|\bregister\b|"
                   r"\bsurvey\b|\bpoll\b|\bcensus\b|\bwebsite\b|\bmemorandum\b|\breport by\b", re.I)
_GOV = re.compile(r"\bministry\b|\bministers?\b|\bdepartment\b|\bgovernment\b|\bauthorities\b|\bkremlin\b|"
                  r"\bwhite house\b|\bpentagon\b|\bembassy\b|\badministration\b|\bpolice\b|\bparliament\b|"
                  r"\bcongress\b|\bsenate\b|\bcouncil\b|\bcommand\b|\barmed forces\b|\bmilitary\b|\bprosecutors?\b|"
                  r"\bpresidency\b|\bpresidential\b|\bspokes(?:man|woman|person)\b|\bagency\b|\boffice\b", re.I)
_MEDIA = re.compile(r"\bnewspaper\b|\bdaily\b|\btelevision\b|\btv\b|\bchannel\b|\bbroadcaster\b|\bmagazine\b|"
                    r"\boutlets?\b|\bmedia\b|\bradio\b|\bpost\b|\btimes\b|\bjournal\b|\bnews\b|\breporters?\b|"
                    r"\bjournalists?\b|\bpress\b|\bpaper\b|\btabloid\b", re.I)
_ANON = re.compile(r"\b(?:unnamed|anonymous|unidentified|undisclosed)\b|\bsources?\b|\bpeople familiar\b|"
                   r"\bperson (?:believed|familiar|close)\b|\binsiders?\b", re.I)


@dataclass(frozen=True)
class KnownSource:
    name: str
    kind: str


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, KnownSource], re.Pattern[str]]:
    text = resources.files("newsprism").joinpath("data/sources.tsv").read_text(encoding="utf-8")
    by_alias: dict[str, KnownSource] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, kind, aliases = line.split("\t")
        src = KnownSource(name, kind)
        for alias in [name, *aliases.split("|")]:
            by_alias[alias] = src
    # Longest alias first so "Xinhua News Agency" wins over "Xinhua"; whole words only.
    alts = sorted(by_alias, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(a) for a in alts) + r")(?![\w-])")
    return by_alias, pattern


def known_in(text: str) -> list[tuple[KnownSource, int, int]]:
    """Table sources named in `text`, with their character spans."""
    by_alias, pattern = _table()
    return [(by_alias[m.group()], m.start(), m.end()) for m in pattern.finditer(text)]


def lookup(name: str) -> KnownSource | None:
    """The table source a phrase names ("the state-run Xinhua news agency" -> Xinhua), if any."""
    hits = known_in(name)
    return hits[0][0] if hits else None


def classify(phrase: str, anonymous: bool = False) -> str:
    """A SOURCE_KINDS kind for a phrase that is not (only) a table name."""
    known = lookup(phrase)
    if known is not None:
        return known.kind
    if anonymous or _ANON.search(phrase):
        return "anonymous"
    if _STATE.search(phrase):
        return "state_media"
    if _SOCIAL.search(phrase):
        return "social"
    if _WIRE.search(phrase):
        return "wire"
    if _DATA.search(phrase):
        return "data"
    if _MEDIA.search(phrase):
        return "media"
    if _GOV.search(phrase):
        return "government"
    return "other"


def looks_like_source(phrase: str) -> bool:
    """Whether a non-person speaker phrase names an outlet, body or data source worth listing."""
    return lookup(phrase) is not None or any(
        p.search(phrase) for p in (_STATE, _SOCIAL, _WIRE, _DATA, _MEDIA, _GOV, _ANON)
    )


_DET = re.compile(r"^(?:the|a|an|some|its|their|his|her)\s+", re.I)


def source_name(phrase: str) -> str:
    """Display name: the table name when the phrase contains one, else the phrase without its determiner, with
    a common-noun phrase lower-cased at the start ("Flight-tracking data" -> "flight-tracking data")."""
    known = lookup(phrase)
    if known is not None and classify_is_plain(phrase, known):
        return known.name
    name = _DET.sub("", phrase.strip(" ,.;:"))
    first = name.split(" ", 1)[0]
    if first[:1].isupper() and first.lower() in _COMMON_STARTS:
        name = name[0].lower() + name[1:]
    return name


def classify_is_plain(phrase: str, known: KnownSource) -> bool:
    # "a State Department spokesperson" cites the State Department; "Chinese state media" is its own source.
    return not (_STATE.search(phrase) and known.kind != "state_media")


_COMMON_STARTS = {"flight-tracking", "publicly-available", "social", "media", "tracking", "satellite", "flight",
                  "sources", "source", "officials", "data", "contacts"}


@dataclass
class SourceSet:
    """Deduplicated sources in first-seen order; a generic back-reference ("the data") never adds a new one."""

    items: list[SourceCited]

    def add(self, name: str, kind: str) -> None:
        name = name.strip(" ,.;:")
        key = _key(name)
        if not key or key in _GENERIC:
            return
        for i, s in enumerate(self.items):
            other = _key(s.name)
            if other == key or (s.kind == kind and (other.endswith(" " + key) or key.endswith(" " + other))):
                if s.kind == "other" and kind != "other":
                    self.items[i] = SourceCited(s.name, kind)
                return
        self.items.append(SourceCited(name, kind))


_GENERIC = {"data", "report", "reports", "it", "they", "source", "tracking data", "he", "she", "we", "i"}


def _key(name: str) -> str:
    return _DET.sub("", name.lower().replace("-", " ").replace("’", "'")).strip()
