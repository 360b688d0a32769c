"""Per-outlet framing. STUB: being replaced (issue 6)."""

from __future__ import annotations

from .model import Article, CorpusEntity, Fact, Framing, Story


def build_framing(articles: list[Article], entities: list[CorpusEntity], facts: list[Fact],
                  stories: list[Story]) -> Framing:
    return Framing()
