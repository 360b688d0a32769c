"""Aircraft models as entities: "AN-124", "Antonov-124", "Antonov AN-124" -> one "Antonov An-124".

spaCy's small English model tags these as ORG, PRODUCT or nothing, and splits "Antonov AN-124" into a
maker ORG plus an unlabelled code. One regular expression over the text is cheaper and exact; it runs inside
extract_entities so the shared pipeline object stays untouched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Design-bureau prefix -> maker, for the Soviet/Russian naming scheme (An-124 is built by Antonov).
PREFIX_MAKER = {
    "an": ("Antonov", "An"),
    "il": ("Ilyushin", "Il"),
    "tu": ("Tupolev", "Tu"),
    "su": ("Sukhoi", "Su"),
    "mig": ("Mikoyan", "MiG"),
    "yak": ("Yakovlev", "Yak"),
    "ka": ("Kamov", "Ka"),
    "mi": ("Mil", "Mi"),
    "be": ("Beriev", "Be"),
}
MAKER_PREFIX = {maker.lower(): (maker, prefix) for maker, prefix in PREFIX_MAKER.values()}

_MAKERS = "|".join(m for m, _ in PREFIX_MAKER.values())
_PREFIXES = "An|AN|Il|IL|Tu|TU|Su|SU|MiG|MIG|Yak|YAK|Ka|KA|Mi|MI|Be|BE"
_NUM = r"\d{1,3}[A-Z]{0,3}\b"

SOVIET = re.compile(rf"\b(?:(?P<maker>{_MAKERS})[\s-]+)?(?P<prefix>{_PREFIXES})-(?P<num>{_NUM})")
# "Ilyushin-96", "Antonov 124": the maker's name stands for the bureau prefix.
MAKER_NUMBER = re.compile(rf"\b(?P<maker>{_MAKERS})[\s-](?P<num>\d{{1,3}}[A-Z]{{0,3}})\b")
WESTERN = re.compile(
    r"\b(?:(?P<boeing>Boeing)\s+(?P<bnum>7[0-8]7(?:-\d{1,3})?|KC-46|C-17|P-8|E-3|B-52)"
    r"|(?P<airbus>Airbus)\s+(?P<anum>A3[0-8]\d(?:neo)?|A400M)"
    r"|(?P<mil>(?:F-(?:14|15|16|18|22|35|117)|B-(?:1B|2|21|52)|C-(?:5|17|130)|KC-135|MQ-9|P-8)[A-Z]?))(?=s?\b)"
)


@dataclass(frozen=True)
class AircraftSpan:
    start: int
    end: int
    name: str  # canonical model name, e.g. "Antonov An-124"


# One-digit codes under these prefixes are mostly something else (MI-6 the agency, KA-1).
_NEEDS_TWO_DIGITS = frozenset({"mi", "ka", "be"})


def _soviet_name(prefix: str, num: str) -> str | None:
    if prefix.lower() in _NEEDS_TWO_DIGITS and len(re.sub(r"\D", "", num)) < 2:
        return None
    full, short = PREFIX_MAKER[prefix.lower()]
    return f"{full} {short}-{num}"


def find_aircraft(text: str) -> list[AircraftSpan]:
    """Non-overlapping aircraft mentions, earliest and longest first."""
    found: list[AircraftSpan] = []
    for m in SOVIET.finditer(text):
        name = _soviet_name(m["prefix"], m["num"])
        if name:
            found.append(AircraftSpan(m.start(), m.end(), name))
    for m in MAKER_NUMBER.finditer(text):
        maker, prefix = MAKER_PREFIX[m["maker"].lower()]
        found.append(AircraftSpan(m.start(), m.end(), f"{maker} {prefix}-{m['num']}"))
    for m in WESTERN.finditer(text):
        if m["boeing"]:
            name = f"Boeing {m['bnum']}"
        elif m["airbus"]:
            name = f"Airbus {m['anum']}"
        else:
            name = m["mil"]
        found.append(AircraftSpan(m.start(), m.end(), name))
    found.sort(key=lambda a: (a.start, -(a.end - a.start)))
    kept: list[AircraftSpan] = []
    for span in found:
        if kept and span.start < kept[-1].end:
            continue
        kept.append(span)
    return kept
