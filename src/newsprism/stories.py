"""Same-event story clusters. STUB: being replaced (issue 5)."""

from __future__ import annotations

from .model import Article, Duplicate, Story


def cluster_stories(articles: list[Article], duplicates: list[Duplicate]) -> list[Story]:
    return []
