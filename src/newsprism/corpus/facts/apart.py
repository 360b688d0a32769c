"""Why two sentences can never be one fact: the same sentence read for two counts, two units or two values of
one count, or two times (months named, or publication dates weeks apart when neither names one)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from newsprism.corpus.facts.units import compatible_quantities, is_measure, normal_unit

if TYPE_CHECKING:
    from newsprism.corpus.facts.align import Unit


def _month(value: str | None) -> str | None:
    return value[:7] if value and len(value) >= 7 and value[:4].isdigit() and value[4] == "-" else None


def conflict(a: Unit, b: Unit) -> str | None:
    """Why two units can never be one fact, or None."""
    if a.key == b.key and a.focus is not b.focus:
        return "same sentence, different quantity"
    if a.focus is not None and b.focus is not None:
        if normal_unit(a.focus.unit) != normal_unit(b.focus.unit):
            return "different unit"
        if not compatible_quantities(a.focus, b.focus):
            return "quantity"
    ta = {_month(t) for t in a.claim.times} - {None}
    tb = {_month(t) for t in b.claim.times} - {None}
    if ta and tb and not ta & tb:
        return "time"
    if not ta and not tb and _month(a.published) and _month(b.published):
        pa, pb = a.published, b.published
        if abs(_days(pa) - _days(pb)) > 45:
            return "time"
    return None


def widen_conflict(a: Unit, b: Unit) -> str | None:
    """`conflict` for a sentence that already holds a fact's core: the same count named by another noun
    ("23 pirates", "23 Somali and Yemeni pirates", "23 of the raiders") is the same count, not another unit."""
    why = conflict(a, b)
    fa, fb = a.focus, b.focus
    if why == "different unit" and fa is not None and fb is not None and fa.value is not None \
            and fa.value == fb.value \
            and not any(is_measure(normal_unit(f.unit)) for f in (fa, fb)):
        # a count of people or things, never a distance or a duration ("17 smugglers" / "17 km"); a hedge on
        # one side only ("about 60 residents" / "60 people") is one count told two ways
        return conflict(_unfocused(a), _unfocused(b))
    return why


def _unfocused(u: Unit) -> Unit:
    return replace(u, focus=None)


def _days(iso: str) -> int:
    y, m, d = (iso.split("-") + ["1", "1"])[:3]
    return int(y) * 372 + int(m) * 31 + int(d or 1)
