"""Loaded language with voice. STUB: being replaced (issue 6)."""

from __future__ import annotations

from spacy.tokens import Doc

from ..model import Article, LoadedTerm


def extract_loaded(doc: Doc, article: Article) -> list[LoadedTerm]:
    return []
