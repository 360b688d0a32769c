"""Direct-quote spans found from quotation marks alone, before any parsing.

News text mixes straight and curly marks, uses single curly quotes as the primary mark (Daily Mail style),
nests one style inside the other, and drops marks now and then. The scanner works one paragraph at a time
(a quote never silently runs on across paragraphs), keeps only outermost quotes (a nested quote belongs to
its outer one) and tells an apostrophe (isn't, Kessel’s) from a closing single quote by its neighbours.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# `` and '' are the typewriter double quotes of older wire and NYT copy.
_MARK = re.compile("``|''|[\u201c\u201d\u2018\u2019\"']")
_PARA = re.compile(r"[^\n]+")
# A closing single mark after sentence punctuation, then a speaker and a cue ("…ran,’ one resident said"):
# the tell-tale of a quote whose opening mark was lost.
_ORPHAN_TAIL = re.compile(r"\s+(?:[A-Z][\w.\-’']*\s+){0,4}?(?:[a-z]+\s+)?(?:said|says|added|marveled|marvelled|"
                          r"told|stated|wrote|tweeted|declared|insisted|continued|asked|explained|argued|noted)\b")
_OPENERS_BEFORE = set(" \t([{—–-/\u201c\"") | {""}


@dataclass
class QuoteMarks:
    """A direct quote: `start:end` is the content inside the marks (trimmed); `open`/`close` are the mark
    positions (`open` is None when the opening mark is missing, `close` None when the paragraph ended)."""

    start: int
    end: int
    open: int | None
    close: int | None
    double: bool


def find_quote_marks(body: str) -> list[QuoteMarks]:
    out: list[QuoteMarks] = []
    for para in _PARA.finditer(body):
        out.extend(_scan_paragraph(body, para.start(), para.end()))
    return out


def _scan_paragraph(body: str, p0: int, p1: int) -> list[QuoteMarks]:
    found: list[QuoteMarks] = []
    d_open: int | None = None  # position of an open double mark
    d_width = 1
    s_open: int | None = None  # position of an open single mark at top level
    nested_single = False
    last_close = p0 - 1
    for m in _MARK.finditer(body, p0, p1):
        i, ch = m.start(), m.group()
        prev = body[i - 1] if i > p0 else ""
        nxt = body[m.end()] if m.end() < p1 else ""
        if ch == "``":
            ch = "\u201c"
        elif ch == "''":
            ch = "\u201d" if d_open is not None else '"'
        width = m.end() - i
        if ch in "\u201c\u201d\"":
            if d_open is None and s_open is None:
                if ch == "\u201d":
                    continue  # stray closer
                d_open, d_width = i, width
            elif d_open is not None:
                is_close = ch == "\u201d" or (ch == '"' and not (prev in _OPENERS_BEFORE and nxt.strip()))
                if ch == "\u201c" or not is_close:
                    continue
                found.append(_make(body, d_open, i, double=True, width=d_width))
                d_open, nested_single, last_close = None, False, i
            # a double mark inside a single-quoted quote is a nested quote: ignored
            continue
        # single marks: ‘ ’ '
        opens = ch in "\u2018'" and prev in _OPENERS_BEFORE and nxt not in ("", " ")
        apostrophe = prev.isalnum() and nxt.isalnum()
        closes = (ch in "\u2019'" and not apostrophe and prev not in ("", " ")
                  and (nxt == "" or not nxt.isalnum()))
        if d_open is not None:
            # nested single quote inside a double quote: only track it so its closer is not misread
            if opens and not nested_single:
                nested_single = True
            elif closes and nested_single:
                nested_single = False
            continue
        if s_open is None:
            if opens and ch == "\u2018":
                s_open = i
            elif closes and ch == "\u2019" and prev in ",.?!" and _ORPHAN_TAIL.match(body, i + 1, p1):
                # opening mark missing: the quote runs from the last close (or paragraph start) to here
                found.append(_make(body, last_close, i, double=False, missing_open=True))
                last_close = i
            continue
        if closes:
            found.append(_make(body, s_open, i, double=False))
            s_open, last_close = None, i
    if d_open is not None and p1 - d_open > 2:
        found.append(_make(body, d_open, p1, double=True, unclosed=True, width=d_width))
    elif s_open is not None and p1 - s_open > 2 and _looks_like_speech(body[s_open + 1 : p1]):
        found.append(_make(body, s_open, p1, double=False, unclosed=True))
    return [q for q in found if q.end > q.start]


def _looks_like_speech(text: str) -> bool:
    return len(text.split()) >= 5


def _make(body: str, open_i: int, close_i: int, double: bool, missing_open: bool = False,
          unclosed: bool = False, width: int = 1) -> QuoteMarks:
    start, end = open_i + width, close_i
    while start < end and body[start].isspace():
        start += 1
    while end > start and (body[end - 1].isspace() or body[end - 1] == ","):
        end -= 1
    return QuoteMarks(start, end, None if missing_open else open_i, None if unclosed else close_i, double)
