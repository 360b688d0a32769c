"""Sentences as character spans of the body, from spaCy's parse: the one segmentation every stage reads.

The annotation pass stores them on the article (`Article.sentences`); the corpus stages, the timeline, the
publication-date inference and `check` read them from there instead of splitting the text again, so that a
fact, a timeline clause and a date's evidence all cut the text at the same places. Text that never went
through annotation (a hand-built article in a test, a stance-model training body) is parsed here with the same
pipeline, so that it is cut the same way too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Doc

from newsprism.model import Article, Sentence
from newsprism.nlp.load import get_nlp, text_of

_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*")
# Titles written before a name, abbreviated with a full stop: never the end of a sentence in news prose.
_TITLE_END = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Maj|Capt|Cmdr|Adm|Sgt|Cpl|Pvt|Det|Insp|Supt|Sen|Rep|"
                        r"Gov|Pres|Rev|Fr|Hon|Amb)\.$")


def sentence_spans(doc: Doc) -> list[Sentence]:
    """Each sentence's [start, end) in doc.text, whitespace excluded at both ends.

    A sentence never runs across a paragraph break (a blank line: the cleaned body joins paragraphs with one):
    the parser reads a heading or a caption without a full stop as the start of the next paragraph's sentence,
    and a claim or a timeline clause must not carry it along. The parser also ends a sentence after a list
    bullet that opens the next paragraph ("...harbour.\n\n• Around 300 people..."): a piece without a letter
    or digit goes with the sentence after it in its paragraph."""
    text = text_of(doc)
    pieces: list[tuple[int, int]] = []
    for start, end in _parsed(doc, text):
        for m in _PARAGRAPH_BREAK.finditer(text, start, end):
            _add(pieces, text, start, m.start())
            start = m.end()
        _add(pieces, text, start, end)
    out: list[Sentence] = []
    carry: int | None = None  # start of a bullet waiting for its sentence
    for k, (start, end) in enumerate(pieces):
        if carry is not None:
            start, carry = carry, None
        if not any(c.isalnum() for c in text[start:end]):
            nxt = pieces[k + 1][0] if k + 1 < len(pieces) else None
            if nxt is not None and not _PARAGRAPH_BREAK.search(text, end, nxt):
                carry = start
            continue  # punctuation alone (a bullet, a "***" separator) is no sentence
        out.append(Sentence(start=start, end=end))
    return out


def _parsed(doc: Doc, text: str) -> list[tuple[int, int]]:
    """The parser's sentences as character spans, rejoined where the small English model took an abbreviation's
    full stop for a sentence end and the attribution would be cut off its claim: a title before a name
    ("Troy police Lt. | Gerry Scherlinck said."), or any full stop followed by a lower-case word
    ("on 117th St. near 97th Ave. | about 7 p.m., police said.")."""
    out: list[tuple[int, int]] = []
    for s in doc.sents:
        if not len(s):
            continue
        start, end = s[0].idx, s[-1].idx + len(s[-1].text)
        if out and text[out[-1][1] - 1] == "." and (
                s[0].text[0].islower() or s[0].is_title and _TITLE_END.search(text, max(0, out[-1][1] - 6), out[-1][1])):
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def _add(out: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    # spaCy hangs a line break's whitespace token on one side of a boundary: trim it off either end.
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:  # a run of line breaks alone is no sentence
        out.append((start, end))


def spans_of(article: Article) -> list[tuple[int, int]]:
    """(start, end) of each sentence of the article's body. An article that was never annotated (built by
    hand, or read from an old store) is parsed once here and keeps the result."""
    if not article.sentences and article.body.strip():
        article.sentences = sentence_spans(get_nlp()(article.body))
    return [(s.start, s.end) for s in article.sentences]


def sentences_of(article: Article) -> list[tuple[int, int, str]]:
    """(start, end, text) of each sentence of the article's body (see `spans_of`)."""
    body = article.body
    return [(s, e, body[s:e]) for s, e in spans_of(article)]


def split_texts(texts: Iterable[str], batch_size: int = 32) -> list[list[tuple[int, int]]]:
    """Sentence spans of free texts that are not articles (stance-model bodies), parsed by the same pipeline
    as articles in batches."""
    return [[(s.start, s.end) for s in sentence_spans(doc)]
            for doc in get_nlp().pipe(list(texts), batch_size=batch_size)]
