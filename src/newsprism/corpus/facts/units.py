"""Counted nouns and units of measure: one key per counted thing and one unit per measured dimension, so that
two reports' numbers compare ("35 metric tons" / "35 tonnes", "200 feet" / "60 metres", "around 100" / "nearly
100"). Only general English and units of measure are known here, never which different nouns name one thing.
"""

from __future__ import annotations

from newsprism.model import Quantity

# A hedge on a number, as the range of values it allows around the number (low, high factors).
HEDGE_RANGE = {"more than": (1.0001, float("inf")), "over": (1.0001, float("inf")), "at least": (1.0, float("inf")),
               "fewer than": (0.0, 0.9999), "less than": (0.0, 0.9999), "under": (0.0, 0.9999),
               "up to": (0.0, 1.0), "as many as": (0.0, 1.0), "as much as": (0.0, 1.0), "nearly": (0.8, 1.0), "almost": (0.8, 1.0),
               "about": (0.85, 1.15), "around": (0.85, 1.15), "some": (0.85, 1.15), "approximately": (0.85, 1.15),
               "roughly": (0.85, 1.15), "close to": (0.85, 1.0), "an estimated": (0.85, 1.15),
               "estimated": (0.85, 1.15), "just over": (1.0, 1.15), "just under": (0.85, 1.0)}

# Units of measure that news spells more than one way: one unit each, by general convention.
_MEASURE_SPELLINGS = {"tonne": "ton", "metre": "meter", "kilometre": "kilometer", "km": "kilometer",
                      "litre": "liter", "kg": "kilogram", "kilo": "kilogram"}
# Plurals no suffix rule undoes, and singulars that end in "s".
_IRREGULAR = {"men": "man", "women": "woman", "children": "child", "feet": "foot", "teeth": "tooth",
              "mice": "mouse", "geese": "goose", "people": "people", "news": "news", "series": "series",
              "species": "species"}


def singular(word: str) -> str:
    """The singular of an English noun by its suffix ("tonnes" -> "tonne", "casualties" -> "casualty")."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("sses", "xes", "ches", "shes", "zzes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


# Units of length and speed that news gives in either system ("fell 200 feet" / "fell about 60 metres"): each
# measured in one unit, by its conversion factor, so that the two are one count and "150 metres" conflicts.
# "pound" is left out: it is a currency as often as a weight.
_CONVERSIONS = {"foot": ("meter", 0.3048), "ft": ("meter", 0.3048), "yard": ("meter", 0.9144),
                "mile": ("meter", 1609.344), "kilometer": ("meter", 1000.0), "m": ("meter", 1.0),
                "inch": ("meter", 0.0254), "mph": ("km/h", 1.609344), "kph": ("km/h", 1.0)}


# A converted figure is rounded ("30 miles" / "48 km"): values given in another unit agree within this share.
ROUNDING = 0.05


def _unit_key(unit: str | None) -> str:
    words = (unit or "").lower().split(" of ")[0].split()
    u = singular(words[-1]) if words else ""
    return _MEASURE_SPELLINGS.get(u, u)


def normal_unit(unit: str | None) -> str:
    """The counted noun as one key: its head (the last word before "of"), singular, one spelling per unit of
    measure ("35 metric tons" and "35 tonnes", "40 crew members" and "one member of the crew" count the same
    thing), one unit per measured dimension ("200 feet" and "60 metres"). Different nouns stay different:
    which nouns name the same things is not known here."""
    u = _unit_key(unit)
    return _CONVERSIONS.get(u, (u, 1.0))[0]


# Units that measure (a distance, a weight, a span of time, a share) rather than count things: a bare number
# ("held 40 for questioning") never gives the same slot as one of these ("held 90 miles from the coast").
_MEASURES = frozenset({"meter", "km/h", "ton", "liter", "kilogram", "gram", "hectare", "acre", "degree",
                       "percent", "second", "minute", "hour", "day", "week", "month", "year"})


def is_measure(key: str) -> bool:
    """Whether a normalised unit (`normal_unit`) measures rather than counts."""
    return key in _MEASURES


def unit_factor(unit: str | None) -> float:
    """What one of `unit` is in the unit `normal_unit` gives ("feet": 0.3048 metres); 1 for counted nouns."""
    return _CONVERSIONS.get(_unit_key(unit), ("", 1.0))[1]


def compatible_quantities(a: Quantity, b: Quantity) -> bool:
    """Same count within hedging: 'around 100' and 'nearly 100' agree, 400 and 100 do not."""
    if a.value is None or b.value is None:
        return True
    fa, fb = unit_factor(a.unit), unit_factor(b.unit)
    lo_a, hi_a = a.value * fa, (a.value_max or a.value) * fa
    lo_b, hi_b = b.value * fb, (b.value_max or b.value) * fb
    slack = 0.15 if (a.approx or b.approx or a.hedge or b.hedge) else ROUNDING if fa != fb else 0.02
    return lo_a <= hi_b * (1 + slack) and lo_b <= hi_a * (1 + slack)
