"""Nationality adjectives as a class: "Kenyan", "Brazilian", "Japanese" -> the country they name.

News names a country by its adjective as often as by its name ("Kenyan officials", "the Kenyan government"),
and a capitalised adjective at the start of a phrase is a nationality, not a person's first name. The regular
adjectives are derived from the general country list (data/entity_aliases.json, via names.gazetteer): the
name plus a suffix ("Kenyan", "Iraqi", "Japanese") or less its last letter plus one ("Italian", "Chinese").
The common irregular ones are listed. Forms derived for no real adjective ("Perui") never occur in text, so
they cost nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from newsprism.knowledge import names

# Adjective -> folded country key, where no suffix rule gives it.
IRREGULAR = {
    "french": "france", "dutch": "netherlands", "german": "germany", "british": "united kingdom",
    "english": "united kingdom", "scottish": "united kingdom", "welsh": "united kingdom", "irish": "ireland",
    "swiss": "switzerland", "greek": "greece", "thai": "thailand", "spanish": "spain", "polish": "poland",
    "danish": "denmark", "finnish": "finland", "norwegian": "norway", "filipino": "philippines",
    "saudi": "saudi arabia", "emirati": "united arab emirates", "argentine": "argentina", "peruvian": "peru",
    "lebanese": "lebanon", "vietnamese": "vietnam", "portuguese": "portugal", "belgian": "belgium",
    "afghan": "afghanistan", "czech": "czechia", "slovak": "slovakia", "croatian": "croatia", "serbian": "serbia",
    "bosnian": "bosnia", "hungarian": "hungary", "romanian": "romania", "bulgarian": "bulgaria",
    "icelandic": "iceland", "new zealand": "new zealand", "north korean": "north korea",
    "south korean": "south korea", "south african": "south africa", "south sudanese": "south sudan",
    "malagasy": "madagascar", "congolese": "congo", "ivorian": "ivory coast", "burmese": "myanmar",
    "soviet": "soviet union",
}
_FORMS: tuple[Callable[[str], str], ...] = (
    lambda c: c + "n", lambda c: c + "an", lambda c: c + "ian", lambda c: c + "i", lambda c: c + "ese",
    lambda c: c[:-1] + "an", lambda c: c[:-1] + "ian", lambda c: c[:-1] + "ese",
    lambda c: c[:-2] + "ish" if len(c) >= 6 else "",  # Turkey -> Turkish, but never Iran -> "irish"
)


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Lower-case nationality adjective -> folded country key. The first form derived wins and longer names
    go first, so "nigerian" is Nigeria, not Niger; a country's own name is never another's adjective."""
    gaz = names.gazetteer()
    countries = sorted({k for k, (_, kind) in gaz.aliases.items() if kind == "GPE" and " " not in k and len(k) >= 4},
                       key=lambda c: (-len(c), c))
    out: dict[str, str] = {}
    for form in _FORMS:
        for c in countries:
            adj = form(c)
            if adj:
                out.setdefault(adj, c)
    out.update(IRREGULAR)
    for c in countries:
        out.pop(c, None)
    return out


def country_of(word: str) -> str | None:
    """The folded country key a nationality adjective (or its plural, "Kenyans") names, else None."""
    low = names.fold(word)
    table = demonyms()
    return table.get(low) or (table.get(low[:-1]) if low.endswith("s") else None)


@lru_cache(maxsize=1)
def capitalised() -> frozenset[str]:
    """The adjectives as they start a phrase ("Kenyan", "North Korean"), for sets of words that are never a
    person's name."""
    return frozenset(" ".join(w.capitalize() for w in adj.split()) for adj in demonyms())
