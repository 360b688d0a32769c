"""Quotes, speakers, attribution chains, sources cited. STUB: being replaced (issue 4)."""

from __future__ import annotations

from spacy.tokens import Doc

from ..model import Article, Quote, SourceCited


def extract_quotes(doc: Doc, article: Article) -> tuple[list[Quote], list[SourceCited]]:
    return [], []
