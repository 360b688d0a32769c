"""Facts aligned across articles, stance, provenance, status. STUB: being replaced (issue 5)."""

from __future__ import annotations

from .model import Article, Duplicate, Fact, Story


def align_facts(articles: list[Article], stories: list[Story], duplicates: list[Duplicate]) -> list[Fact]:
    return []
