"""Dated events. STUB: being replaced (issue 5)."""

from __future__ import annotations

from .model import Article, Fact, Story, TimelineEvent


def build_timeline(articles: list[Article], facts: list[Fact], stories: list[Story]) -> list[TimelineEvent]:
    return []
