"""Metadata and publication date. STUB: being replaced by the clean+meta work (issue 3 parts 3-4)."""

from __future__ import annotations

from .model import Article
from .readers import RawDoc


def prepare_article(raw: RawDoc) -> Article:
    """RawDoc -> Article with outlet, title, authors, url, published, body (boilerplate removed), removed."""
    return Article(id=raw.id, source=raw.source, body=raw.text.strip(), content_hash=raw.content_hash)
