"""Quotes extracted from one sentence or paragraph written for a test, the way the pipeline reads an article."""

from __future__ import annotations

from newsprism.extract.entities import extract_entities
from newsprism.extract.quotes import extract_quotes
from newsprism.model import Article, Quote
from newsprism.nlp.load import get_nlp


def run(text: str) -> list[Quote]:
    doc = get_nlp()(text)
    quotes, _ = extract_quotes(doc, Article(id="t", source="t", body=text, entities=extract_entities(doc)))
    return quotes


def find(text: str, fragment: str) -> Quote:
    return next(q for q in run(text) if fragment in q.text)
