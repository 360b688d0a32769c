"""Boilerplate removal. STUB: being replaced by the clean+meta work (issue 3 part 3)."""

from __future__ import annotations

from .model import Article


def remove_repeated_boilerplate(articles: list[Article]) -> None:
    """Corpus-level signal: paragraphs repeated in 2+ articles of one outlet move from body to removed."""
