"""Direct-quote spans found from quotation marks alone, before any parsing.

News text mixes straight and curly marks, uses single curly quotes as the primary mark (Daily Mail style),
nests one style inside the other, and drops marks now and then. The scanner works one paragraph at a time
(a quote never silently runs on across paragraphs), keeps only outermost quotes (a nested quote belongs to
its outer one) and tells an apostrophe (isn't, Kessel’s) from a closing single quote by its neighbours.

A quote may run over several paragraphs: by convention each paragraph of it opens with a mark and only the last
closes, and cleaned text often splits one quoted paragraph into several lines with no mark at all. A paragraph
that ends inside a quote therefore carries it into the next ones, but a carried quote is kept only when a
closing mark turns up within a few paragraphs (", " the officer said."): a lost mark must not turn the rest of
an article into a quote. The pieces of one carried quote share a `group`, so they share a speaker.

Titles of works in quotation marks ("the film “Harbour Lights”") are marks, not speech: `is_title` tells them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

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
    group: int = -1  # pieces of one quote carried over several paragraphs share it; -1 when alone


_MAX_CARRIED = 4  # paragraphs without any mark a carried quote may cross before its closing mark


def find_quote_marks(body: str) -> list[QuoteMarks]:
    out: list[QuoteMarks] = []
    chain: list[QuoteMarks] = []  # pieces of a quote still open at the end of the last paragraph
    bare: list[QuoteMarks] = []  # carried paragraphs with no mark: kept only if the quote closes
    groups = 0
    for para in _PARA.finditer(body):
        found, open_at_end, carried = _scan_paragraph(body, para.start(), para.end(), carry=bool(chain))
        if found is None:
            # a nested quote never closed: the marks do not pair up as nesting, so read them flat
            found, open_at_end, carried = _scan_paragraph(body, para.start(), para.end(), bool(chain), nest=False)
        if chain:
            if carried == "none":
                bare.append(QuoteMarks(*_trimmed(body, para.start(), para.end()), None, None, True))
                if len(bare) > _MAX_CARRIED:
                    out.extend(_unchain(chain))
                    chain, bare = [], []
                continue
            if carried == "broken":
                out.extend(_unchain(chain))  # a fresh quote opened first: the carried one lost its closing mark
                chain = []
            else:
                piece = [q for q in found if q.open is None and carried == "closed"
                         or q.open == first_mark(body, para.start(), para.end()) and carried == "reopened"][:1]
                found = [q for q in found if q not in piece]
                chain += [*bare, *piece]
                if carried == "closed" or piece and piece[0].close is not None:
                    groups += 1
                    out.extend(replace(q, group=groups) for q in chain)
                    chain = []
            bare = []
        if open_at_end and found:
            out.extend(found[:-1])
            chain = [found[-1]]
        else:
            out.extend(found)
    out.extend(_unchain(chain))
    return sorted(out, key=lambda q: q.start)


def first_mark(body: str, lo: int, hi: int) -> int:
    """Where the first non-space character of body[lo:hi] is."""
    return _trimmed(body, lo, hi)[0]


def _unchain(chain: list[QuoteMarks]) -> list[QuoteMarks]:
    """A carried quote that never closed: its own paragraphs stay unclosed quotes, the bare ones go."""
    return [q for q in chain if q.open is not None or q.close is not None]


def _trimmed(body: str, lo: int, hi: int) -> tuple[int, int]:
    while lo < hi and body[lo].isspace():
        lo += 1
    while hi > lo and body[hi - 1].isspace():
        hi -= 1
    return lo, hi


def _scan_paragraph(body: str, p0: int, p1: int, carry: bool = False,
                    nest: bool = True) -> tuple[list[QuoteMarks] | None, bool, str]:
    """Quotes of one paragraph; whether a double quote is still open at its end; and, when a quote was carried
    in, what the paragraph did with it: "closed", "reopened" (the next paragraph of it, opening with a mark),
    "broken" (a new quote opened first) or "none" (no mark at all).

    With `nest`, a double quote inside a double quote ("...the so-called “reform” is a sham," or a straight
    quote inside a straight one) is nested: its closing mark does not close the outer quote. When a nested quote
    is still open at the end of the paragraph, the marks do not pair up that way and the result is None."""
    found: list[QuoteMarks] = []
    d_open: int | None = None  # position of an open double mark
    d_width = 1
    inner = 0  # double quotes opened inside the open one and not yet closed
    s_open: int | None = None  # position of an open single mark at top level
    nested_single = False
    last_close = p0 - 1
    virtual = carry  # the quote carried in from the last paragraph, open since p0 with no mark here
    carried = "none"
    if virtual:
        d_open, d_width = p0, 0
    first = _trimmed(body, p0, p1)[0]
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
            opener_like = ch != "\u201d" and prev in _OPENERS_BEFORE and bool(nxt.strip())
            if virtual:
                virtual = False
                if i == first and opener_like:
                    d_open, d_width, carried = i, width, "reopened"
                    continue
                if opener_like:
                    d_open, d_width, carried = i, width, "broken"
                    continue
                carried = "closed"
            if s_open is not None and _tail_closer(body, i, p1):
                # ‘...," Gaskin told: a quote opened with one mark and closed with the other
                found.append(_make(body, s_open, i, double=False))
                s_open, last_close = None, i
                continue
            if d_open is None and s_open is None:
                if ch == "\u201d" and not _tail_closer(body, i, p1):
                    continue  # stray closer
                if _tail_closer(body, i, p1):
                    # '...area, " Captain Nair said.': the closing mark of a quote whose opening was lost
                    found.append(_make(body, last_close, i, double=True, missing_open=True))
                    last_close = i
                    continue
                d_open, d_width = i, width
            elif d_open is not None:
                is_close = ch == "\u201d" or (ch == '"' and not opener_like)
                if nest and (ch == "\u201c" or ch == '"' and opener_like and i != first):
                    inner += 1
                    continue
                if ch == "\u201c" or not is_close:
                    continue
                if inner:
                    inner -= 1
                    continue
                q = _make(body, d_open, i, double=True, width=d_width, missing_open=d_width == 0)
                found.append(q)
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
    if inner:
        return None, False, carried
    open_at_end = False
    if d_open is not None and not virtual and p1 - d_open > 2:
        found.append(_make(body, d_open, p1, double=True, unclosed=True, width=d_width,
                           missing_open=d_width == 0))
        open_at_end = True
    elif s_open is not None and p1 - s_open > 2 and _looks_like_speech(body[s_open + 1 : p1]):
        found.append(_make(body, s_open, p1, double=False, unclosed=True))
    return [q for q in found if q.end > q.start], open_at_end, carried


def _tail_closer(body: str, i: int, p1: int) -> bool:
    """A double mark after a comma or a sentence end and before a speaker and a cue ("...area, " the officer
    said"): it closes a quote, whatever its shape."""
    before = body[max(0, i - 2) : i].rstrip()
    return before[-1:] in (",", ".", "?", "!") and bool(_ORPHAN_TAIL.match(body, i + 1, p1))


def _looks_like_speech(text: str) -> bool:
    return len(text.split()) >= 5


def _make(body: str, open_i: int, close_i: int, double: bool, missing_open: bool = False,
          unclosed: bool = False, width: int = 1) -> QuoteMarks:
    start, end = open_i + width, close_i
    while start < end and (body[start].isspace() or missing_open and body[start] in "'\u2018\u201c\""):
        start += 1
    while end > start and (body[end - 1].isspace() or body[end - 1] == ","):
        end -= 1
    return QuoteMarks(start, end, None if missing_open else open_i, None if unclosed else close_i, double)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Nouns that name a work; a capitalised quote right after one is its title ("the documentary “Open Water”").
_WORK_NOUNS = _words("""film films movie movies book books novel novels memoir show shows series sitcom drama
documentary documentaries episode episodes song songs single album albums track play plays musical opera
programme program podcast poem painting exhibition game video column article essay report titled entitled
""")
_SMALL_WORDS = _words("a an the of and or in on at to for with from by as but nor vs vs. my your our is")
_WORD = re.compile(r"[\w’'&-]+")


def is_title(body: str, q: QuoteMarks, max_words: int = 10) -> bool:
    """Whether a quoted span is the title of a work rather than speech: short, no sentence end inside, and either
    every content word capitalised ("Harbour Lights at Dawn") or a capitalised span right after a work noun
    ("the film “Tides”"). A quote that ends a sentence with a full stop is speech, however it is cased."""
    text = body[q.start : q.end].strip()
    words = _WORD.findall(text)
    if not words or len(words) > max_words or not words[0][:1].isupper():
        return False
    if re.search(r"[.;:]\s|\.$", text) or text.endswith(","):
        return False
    before = _WORD.findall(body[max(0, (q.open if q.open is not None else q.start) - 40) : q.open or q.start])
    after_work_noun = bool(before) and before[-1].lower() in _WORK_NOUNS
    if after_work_noun:
        return True
    content = [w for w in words if w.lower() not in _SMALL_WORDS]
    return len(words) >= 2 and len(content) >= 2 and all(w[:1].isupper() or w[:1].isdigit() for w in content)
