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


def sentence_spans(doc: Doc) -> list[Sentence]:
    """Each sentence's [start, end) in doc.text, whitespace excluded at both ends.

    A sentence never runs across a paragraph break (a blank line: the cleaned body joins paragraphs with one):
    the parser reads a heading or a caption without a full stop as the start of the next paragraph's sentence,
    and a claim or a timeline clause must not carry it along."""
    text = text_of(doc)
    out: list[Sentence] = []
    for s in doc.sents:
        if not len(s):
            continue
        start, end = s[0].idx, s[-1].idx + len(s[-1].text)
        for m in _PARAGRAPH_BREAK.finditer(text, start, end):
            _add(out, text, start, m.start())
            start = m.end()
        _add(out, text, start, end)
    return out


def _add(out: list[Sentence], text: str, start: int, end: int) -> None:
    # spaCy hangs a line break's whitespace token on one side of a boundary: trim it off either end.
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:  # a run of line breaks alone is no sentence
        out.append(Sentence(start=start, end=end))


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
