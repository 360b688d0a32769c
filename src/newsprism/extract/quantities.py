"""Hedged quantities. STUB: being replaced (issue 4)."""

from __future__ import annotations

from spacy.tokens import Doc

from ..model import Quantity


def extract_quantities(doc: Doc) -> list[Quantity]:
    return []
