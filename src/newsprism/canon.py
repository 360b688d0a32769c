"""Corpus-wide canonical entities. STUB: being replaced (issue 3 part 5)."""

from __future__ import annotations

from .model import Article, CorpusEntity


def canonicalize(articles: list[Article]) -> list[CorpusEntity]:
    """Merge article-local entities into corpus entities E1..En; rewrites Entity.id and Quote.speaker_entity."""
    return []
