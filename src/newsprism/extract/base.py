"""What a per-document extractor is.

Every extractor reads the one spaCy parse of an article's cleaned body and fills `Article` fields in place, and
says which: `fills` names model fields, so the store's tables, the schema test and the span check follow from the
model rather than from hand-kept lists. Extractors run in the order of the registry (extract/registry.py); one
may read the fields an earlier one filled (quotes read entities, loaded terms read quotes).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc

from newsprism.model import Article


@dataclass(frozen=True)
class Extractor:
    name: str
    fills: tuple[str, ...]  # Article fields this extractor sets
    fill: Callable[[Doc, Article], None]

    def __call__(self, doc: Doc, article: Article) -> None:
        self.fill(doc, article)
