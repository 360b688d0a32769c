"""Time expressions normalised to TIMEX3 values. STUB: being replaced (issue 4)."""

from __future__ import annotations

from spacy.tokens import Doc

from ..model import Article, Published, TimeExpr


def extract_times(doc: Doc, published: Published) -> list[TimeExpr]:
    return []


def refine_published(article: Article) -> None:
    """Narrow an inferred publication range with the body's own anchored dates."""
