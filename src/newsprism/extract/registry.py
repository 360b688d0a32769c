"""The per-document extractors, in the order they run over one parse.

Adding an extractor: a module with a function that fills its `Article` field(s) and an `EXTRACTOR` naming them,
one line here, and the field on `Article` (model.py) with its schema entry. The pipeline, the store's tables and
the span check follow.
"""

from __future__ import annotations

from newsprism.extract import actor_labels, entities, loaded, quantities, quotes, times
from newsprism.extract.base import Extractor
from newsprism.nlp.sentences import sentence_spans


def _sentences(doc, article) -> None:
    article.sentences = sentence_spans(doc)


EXTRACTORS: tuple[Extractor, ...] = (
    Extractor("sentences", fills=("sentences",), fill=_sentences),
    entities.EXTRACTOR,
    quotes.EXTRACTOR,  # reads entities (speakers)
    quantities.EXTRACTOR,
    times.EXTRACTOR,  # also narrows the inferred publication range with the body's anchored times
    loaded.EXTRACTOR,  # reads quotes (whose voice a term is in)
    actor_labels.EXTRACTOR,  # reads entities and quotes
)


def filled_fields() -> tuple[str, ...]:
    """Every Article field some extractor fills, in registry order."""
    return tuple(f for x in EXTRACTORS for f in x.fills)
