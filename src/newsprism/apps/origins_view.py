"""What kind of origin a fact's origin name is, for the report's chips and the GEXF network's node kinds.

An origin is a name (an outlet, a person, a wire, a body); the analysis does not store its kind, so it is read
back from what the corpus knows: an outlet of the corpus, an article of unknown outlet (`outlet_label`), or the
kind an article gave the name when citing it (`SourceCited.kind`). A capitalised multi-word name nobody
classified is taken for a person ("Tomas Reyes"); anything else is "other" ("officials", "critics").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsprism.model import Article

UNKNOWN_PREFIX = "unknown outlet ("
_PERSON_RE = re.compile(r"^(?:Dr |Mr |Ms |Mrs )?[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){1,3}$")


class OriginKinds:
    """name -> kind: outlet, unknown_outlet, wire, government, state_media, media, anonymous, data, social,
    person or other."""

    def __init__(self, outlets: Iterable[str], cited: dict[str, str]):
        self.outlets = set(outlets)
        self.cited = cited

    def kind(self, name: str) -> str:
        if name.startswith(UNKNOWN_PREFIX):
            return "unknown_outlet"
        if name in self.outlets:
            return "outlet"
        kind = self.cited.get(name.casefold())
        if kind and kind != "other":
            return kind
        return "person" if _PERSON_RE.match(name) else "other"


def origin_kinds(outlets: Iterable[str | None], cited: Iterable[tuple[str, str]]) -> OriginKinds:
    """From the corpus's outlets and the (name, kind) of every source its articles cite."""
    kinds: dict[str, str] = {}
    for name, kind in cited:
        kinds.setdefault(name.casefold(), kind)
    return OriginKinds((o for o in outlets if o), kinds)


def article_origin_kinds(articles: Iterable[Article]) -> OriginKinds:
    arts = list(articles)
    return origin_kinds((a.outlet for a in arts), ((s.name, s.kind) for a in arts for s in a.sources_cited))


# How each kind is named on a chip's tooltip.
KIND_WORDS = {"outlet": "outlet (own reporting)", "unknown_outlet": "article of unknown outlet: its independence "
              "is uncertain", "wire": "news agency", "government": "government or official body",
              "state_media": "state media", "media": "other media", "anonymous": "unnamed source",
              "data": "data or records", "social": "social media", "person": "person", "other": "other source"}
