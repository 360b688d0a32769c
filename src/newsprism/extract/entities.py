"""Named entities. STUB: being replaced by the entities work (issue 3 part 5)."""

from __future__ import annotations

from spacy.tokens import Doc

from ..model import Entity


def extract_entities(doc: Doc) -> list[Entity]:
    """Article-local entities (ids L1, L2, ...); canon.canonicalize gives them corpus ids later."""
    return []
