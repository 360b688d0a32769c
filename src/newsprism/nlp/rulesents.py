"""Sentences of plain text found by rule, for work that needs boundaries but not a parse.

The times-only path (`extract/timex_text.py`) parses only the few sentences whose time expressions depend on
the parse, so it must find sentences without one. A full stop, question or exclamation mark (with any closing
quote or bracket) ends a sentence when the next word starts with a capital, a digit or an opening quote, unless
the word before it is an abbreviation that news prose writes before more of the same sentence: a title before a
name ("Mr.", "Gen."), a company suffix ("Corp. said"), a month ("Jan. 8"), an initial ("J.", "U.S."). A blank line
always ends one. The analysed article path keeps the parser's sentences (`nlp/sentences.py`). spaCy's own rule
sentencizer needs its tokenizer first, which costs more per document (about 7 ms on TimeBank) than this path's
whole budget; these few regular expressions cost under 0.1 ms.
"""

from __future__ import annotations

import re

# Abbreviations that usually continue the sentence: titles, company suffixes, months, "No.", "St.", "vs.".
_ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cmdr", "adm", "sgt", "cpl", "pvt", "det",
    "insp", "supt", "sen", "rep", "gov", "pres", "rev", "fr", "hon", "amb", "jr", "sr", "st", "ave", "mt", "ft",
    "co", "corp", "inc", "ltd", "bros", "cos", "plc", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "no", "nos", "vs", "v", "approx", "dept", "univ", "assn", "est", "calif", "mass", "conn",
})  # fmt: skip
_END = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(?=\s+[\"'\u201c\u2018(\[]?[A-Z0-9])")
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n\s*")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """[start, end) of each sentence of `text`, whitespace trimmed at both ends, in order."""
    out: list[tuple[int, int]] = []
    start = 0
    for block in _blocks(text):
        start = block[0]
        for m in _END.finditer(text, block[0], block[1]):
            if _continues(text, m.start()):
                continue
            _add(out, text, start, m.end())
            start = m.end()
        _add(out, text, start, block[1])
    return out


def _blocks(text: str) -> list[tuple[int, int]]:
    blocks, start = [], 0
    for m in _BLANK_LINE.finditer(text):
        blocks.append((start, m.start()))
        start = m.end()
    blocks.append((start, len(text)))
    return blocks


def _continues(text: str, stop: int) -> bool:
    """Whether the full stop at `stop` belongs to an abbreviation or an initial rather than ending a sentence."""
    if text[stop] != ".":
        return False
    m = _WORD_BEFORE.search(text, max(0, stop - 12), stop)
    if m is None:
        return False
    word = m.group(1)
    if "." in word or len(word) == 1:
        return word[0].isupper()  # "U.S.", "J.": initials (a lower-case "a.m." may end the sentence)
    return word.lower() in _ABBREVIATIONS


def _add(out: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append((start, end))
