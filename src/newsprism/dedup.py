"""Near-duplicates and syndicated copies. STUB: being replaced (issue 5)."""

from __future__ import annotations

from .model import Article, Duplicate


def find_duplicates(articles: list[Article]) -> list[Duplicate]:
    return []
