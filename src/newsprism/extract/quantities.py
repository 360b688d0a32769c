"""Hedged quantities: how many of what, and how sure the text is ("around 40 crew members", "nearly 2,000
tonnes", "hundreds of terrified families", "$1.5 billion", "10-14").

A small grammar over spaCy tokens: a number core (digits, number words, multipliers, vague counts), the hedge
before it, the counted noun or unit after it (the noun the number modifies in the dependency parse, with the next
noun as fallback). Vague counts ("dozens", "hundreds", "a handful", "a few dozen") get `value=None`,
`approx=True` and the vague phrase as `hedge`: the model never guesses a number the text does not give (a reader
comparing "dozens" with "nearly 100" sees both phrases). Money and percentages are quantities with their unit.

Numbers that count nothing are left out: clock times ("14: 00", "9. 25 am", "1100 hrs GMT"), dates ("12 / 19 /
2005", "22 Jul"), years, ages in DATE entities, phone numbers ("0845 125 2222", "800-800-3855"), ordinals and
ranks ("No. 2"), scores ("3-1"), model designations ("F-16", "AK - 47"), street numbers and list numbering.
Real feeds are often detokenised with odd spacing, so spaced groups are read as one number where the spacing can
only be a detokeniser's: "10, 000" is ten thousand, "$1. 25 million" is 1.25 million, "of. 09 percent" is 0.09.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from newsprism.extract.base import Extractor
from newsprism.model import Article, Quantity
from newsprism.nlp.load import text_of

WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
}  # fmt: skip
MULTIPLIERS = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
               "trillion": 1_000_000_000_000, "bn": 1_000_000_000, "m": 1_000_000, "k": 1_000}
_GLUED = {"m", "k", "bn"}  # "43.3K", "$5m", "€5bn": multipliers only when written against the number
VAGUE = {"dozens", "hundreds", "thousands", "millions", "billions", "trillions", "scores", "handful", "tens"}
# Hedges, longest first; every one of them marks the number as not exact.
HEDGES = [
    "as many as", "as much as", "more than", "less than", "fewer than", "at least", "at most", "up to",
    "close to", "upwards of", "an estimated", "just over", "just under", "well over", "in excess of",
    "nearly", "almost", "around", "about", "some", "roughly", "approximately", "over", "under", "circa",
    "estimated", "approx.", "about",
]  # fmt: skip
CURRENCY = {"$": "dollars", "US$": "dollars", "€": "euros", "£": "pounds", "¥": "yen"}
MEASURE_MODS = {"metric", "square", "cubic", "nautical", "short", "long", "light"}
SKIP_LABELS = {"DATE", "TIME", "ORDINAL"}
_TIMEISH = re.compile(
    r"\b(?:(?:1[5-9]|20)\d\d|\d{2}s|day|week|month|year|decade|centur|hour|minute|second|season|spring|summer|"
    r"autumn|fall|winter|quarter|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)",
    re.IGNORECASE,
)
_STARTERS = {"a", "several", "few", "dozen"} | VAGUE | set(WORDS)
_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")
# Clock markers after a number: "pm", "a.m.", "30am" (a detokenised "6. 30am"), time zones, "hrs".
_MERIDIEM = re.compile(r"^(?:\d{1,2})?[ap]\.?m\.?$", re.IGNORECASE)
_ZONE = re.compile(r"^(?:[A-Z]{1,2}[SD]T|GMT|UTC|(?i:hrs))$")
_HHMM = re.compile(r"^(\d{1,2})[:.](\d{2})$")
_MONTH = re.compile(r"^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
                    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?$", re.IGNORECASE)
# Abbreviations that number a thing rather than count it: "No. 2", "Ch. 4", "# 3".
_NUMBERING = {"no.", "nos.", "#", "ch.", "vol.", "art.", "fig.", "pt.", "sec."}
_PHONE_VERBS = {"call", "dial", "phone", "ring", "text"}  # "called 911": a number dialled, not a count
_DASHES = {"-", "–"}


def _end(t: Token) -> int:
    return t.idx + len(t.text)


def _glued(a: Token, b: Token) -> bool:
    return b.idx == _end(a)


def _plain_digits(s: str) -> bool:
    """ASCII digits only: str.isdigit() also accepts "²", which int() rejects."""
    return s.isascii() and s.isdigit()


def _word_value(tok: Token) -> float | None:
    low = tok.lower_
    if _DIGITS.match(low):
        return float(low.replace(",", ""))
    if low in WORDS:
        return float(WORDS[low])
    if "-" in low:  # twenty-five
        parts = low.split("-")
        if all(p in WORDS for p in parts):
            return float(sum(WORDS[p] for p in parts))
    return None


# ---- numbers that count nothing -------------------------------------------------------------------------------

def _marks(doc: Doc, j: int) -> int:
    """How many tokens from j mark a clock time ("pm", "a. m.", "GMT", "pm BST"); 0 when none."""
    k = j
    while k < len(doc) and k - j < 3:
        t = doc[k]
        if _MERIDIEM.match(t.text) or _ZONE.match(t.text):
            k += 1
        elif t.lower_ in ("a.", "p.") and k + 1 < len(doc) and doc[k + 1].lower_ in ("m.", "m"):
            k += 2
        else:
            break
    return k - j


def _clock(doc: Doc, i: int) -> int:
    """How many tokens from i form a clock time ("14: 00", "9. 25 am", "4:00 p.m.", "3pm", "1100 hrs"); 0 if none."""
    t, n = doc[i], len(doc)
    m = _HHMM.match(t.text)
    if m and int(m[1]) <= 24 and int(m[2]) < 60 and (":" in t.text or _marks(doc, i + 1)):
        return 1 + _marks(doc, i + 1)
    if not _plain_digits(t.text):
        return 0
    sep = doc[i + 1] if i + 1 < n else None
    if sep is not None and i + 2 < n and sep.text in (":", ".") and _glued(t, sep) and int(t.text) <= 24 \
            and re.fullmatch(r"[0-5]\d(?:[ap]m)?", doc[i + 2].lower_) and doc[i + 2].idx - _end(sep) <= 1:
        mark = _marks(doc, i + 3)
        if sep.text == ":" or mark or doc[i + 2].lower_.endswith("m"):
            return 3 + mark
    hhmm = len(t.text) == 4 and int(t.text[:2]) < 24 and int(t.text[2:]) < 60
    if (int(t.text) <= 24 and len(t.text) <= 2 or hhmm) and _marks(doc, i + 1):
        return 1 + _marks(doc, i + 1)
    return 0


def _chain(doc: Doc, i: int, seps: set[str]) -> int:
    """End (exclusive) of digit groups joined by one of `seps` from i: "12 / 19 / 2005", "800-800-3855"."""
    j = i + 1
    while j + 1 < len(doc) and doc[j].text in seps and _plain_digits(doc[j + 1].text):
        j += 2
    return j


def _digit_run(doc: Doc, i: int) -> int:
    """End of digit groups from i separated by spaces alone ("0845 125 2222"): a phone or an identifier when one
    group starts with 0, there are three groups or more, or seven digits in all."""
    j = i + 1
    while j < len(doc) and _plain_digits(doc[j].text) and doc[j].idx > _end(doc[j - 1]):
        j += 1
    groups = [t.text for t in doc[i:j]]
    if len(groups) >= 3 or (len(groups) == 2 and (sum(map(len, groups)) >= 7 or any(
            g[0] == "0" and len(g) > 1 for g in groups))):
        return j
    return i


def _by_month(doc: Doc, i: int) -> bool:
    """A day of the month next to a month name ("22 Jul", "Sept. 13", "Dec - 19"), not a count of the noun after."""
    t = doc[i]
    if not _plain_digits(t.text) or int(t.text) > 31 or (i + 1 < len(doc) and doc[i + 1].tag_ == "NNS"):
        return False
    for step in (-1, 1):
        k = i + step
        while 0 <= k < len(doc) and abs(k - i) <= 2 and doc[k].text in (",", ".", *_DASHES):
            k += step
        if 0 <= k < len(doc) and doc[k].text[:1].isupper() and _MONTH.match(doc[k].text):
            return True
    return False


def _named_number(doc: Doc, i: int) -> bool:
    """A designation or a rank: "F-16", "AK - 47", "I - 75", "No. 2", "Ch. 4"."""
    if i >= 2 and doc[i - 1].text in _DASHES and doc[i - 2].is_alpha and (
            doc[i - 2].text.isupper() or (_glued(doc[i - 2], doc[i - 1]) and _glued(doc[i - 1], doc[i]))):
        return True
    prev = doc[i - 1].lower_ if i else ""
    if prev == "." and i >= 2 and _glued(doc[i - 2], doc[i - 1]):
        prev = doc[i - 2].lower_ + "."
    return prev in _NUMBERING


def _not_counts(doc: Doc) -> set[int]:
    """Token indices of numbers that count nothing: clock times, dates, phone numbers, designations."""
    out: set[int] = set()
    i, n = 0, len(doc)
    while i < n:
        t = doc[i]
        if not _plain_digits(t.text[:1]):
            i += 1
            continue
        end = _clock(doc, i) + i
        if end == i and _plain_digits(t.text):
            slash, dash = _chain(doc, i, {"/"}), _chain(doc, i, _DASHES)
            end = slash if slash > i + 1 else dash if dash >= i + 5 else _digit_run(doc, i)
        if end > i:
            out.update(range(i, end))
            i = end
            continue
        leading_zero = re.fullmatch(r"0\d+", t.text) and not (i and doc[i - 1].text in (",", "."))
        leading_zero = leading_zero or (i >= 2 and doc[i - 1].text == ":" and _plain_digits(doc[i - 2].text[-1:]))
        dialled = t.dep_ == "dobj" and t.head.lemma_ in _PHONE_VERBS
        if leading_zero or dialled or _by_month(doc, i) or _named_number(doc, i):
            out.add(i)
        i += 1
    return out


def _skip(doc: Doc, text: str, ents: list, tok: Token) -> bool:
    if tok.ent_type_ in SKIP_LABELS:
        ent = next((e for e in ents if e.start <= tok.i < e.end), None)
        # spaCy sometimes calls a plain count a DATE ("Between 10 and 14 people"): trust it only with a time word
        # (a DATE without one and without a counted noun, an age "Smith, 40,", is dropped once the unit is known).
        if ent is None or ent.label_ != "DATE" or _TIMEISH.search(ent.text):
            return True
    before = text[max(0, tok.idx - 1):tok.idx]
    if before == "-" and tok.idx >= 2 and text[tok.idx - 2].isalpha():
        return True  # "F-16", "Covid-19"
    line_start = text.rfind("\n", 0, tok.idx) + 1
    if not text[line_start:tok.idx].strip() and tok.i + 1 < len(doc) and doc[tok.i + 1].text == ".":
        return True  # a numbered list item
    if _plain_digits(tok.text) and len(tok.text) == 4 and 1500 <= int(tok.text) <= 2100 and tok.ent_type_ != "MONEY":
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if nxt is None or nxt.pos_ not in ("NOUN",):
            return True  # a year without a counted noun
    # the tail of a spaced "10, 000" whose head was not a count ("May 5, 300 people" keeps its 300)
    return tok.text[:1] == "0" and tok.i >= 2 and doc[tok.i - 1].text == "," and _plain_digits(doc[tok.i - 2].text)


# ---- the number itself ----------------------------------------------------------------------------------------

def _digits(doc: Doc, i: int) -> tuple[int, float] | None:
    """(end, value) of a written number at i, joining groups a detokeniser spaced apart: "10, 000" (a comma
    against the first group, one space, then exactly three digits), "1. 25 million", "of. 09 percent"."""
    tok, n = doc[i], len(doc)
    low = tok.lower_
    if not _DIGITS.match(low):
        return None
    if re.fullmatch(r"0\d+", low) and i >= 1 and doc[i - 1].text == "." and not (
            i >= 2 and _plain_digits(doc[i - 2].text[-1:])):
        return i + 1, float("0." + low)
    value, j = float(low.replace(",", "")), i + 1
    if re.fullmatch(r"\d{1,3}", low):
        while j + 1 < n and doc[j].text == "," and _glued(doc[j - 1], doc[j]) \
                and re.fullmatch(r"\d{3}", doc[j + 1].text) and doc[j + 1].idx - _end(doc[j]) <= 1:
            value, j = value * 1000 + int(doc[j + 1].text), j + 2
    if j == i + 1 and _plain_digits(low) and j + 2 < n and doc[j].text == "." and _glued(tok, doc[j]) \
            and _plain_digits(doc[j + 1].text) and doc[j + 2].lower_ in MULTIPLIERS and doc[j + 2].lower_ not in _GLUED:
        value, j = float(f"{low}.{doc[j + 1].text}"), j + 2
    return j, value


def _core(doc: Doc, i: int) -> tuple[int, float | None, str | None] | None:
    """(end token index exclusive, value, vague phrase) of a number starting at token i, or None."""
    tok = doc[i]
    low = tok.lower_
    if low == "a" and i + 1 < len(doc):
        nxt = doc[i + 1].lower_
        if nxt == "handful":
            return i + 2, None, "a handful"
        if nxt == "dozen":
            return i + 2, 12.0, None
        if nxt == "few" and i + 2 < len(doc) and doc[i + 2].lower_ in ("dozen", "hundred", "thousand"):
            return i + 3, None, f"a few {doc[i + 2].lower_}"
        return None
    if low in ("several", "few") and i + 1 < len(doc) and doc[i + 1].lower_ in ("dozen", "hundred", "thousand"):
        return i + 2, None, f"{low} {doc[i + 1].lower_}"
    if low in VAGUE and tok.pos_ in ("NOUN", "NUM"):
        return i + 1, None, low
    digits = _digits(doc, i)
    j, value = digits if digits else (i + 1, _word_value(tok))
    if value is None:
        return None
    money = i > 0 and doc[i - 1].text in CURRENCY
    while j < len(doc) and doc[j].lower_ in MULTIPLIERS and not (doc[j].lower_ in _GLUED and (
            not _glued(doc[j - 1], doc[j]) or (doc[j].lower_ == "m" and not money and not (
                j + 1 < len(doc) and doc[j + 1].tag_ == "NNS")))):
        value *= MULTIPLIERS[doc[j].lower_]  # a glued "m" is millions only for money or "5m people": else metres
        j += 1
    while j < len(doc) and _word_value(doc[j]) is not None and doc[j].lower_ in WORDS and doc[j - 1].lower_ in WORDS:
        j += 1  # "ten thousand" handled above; "twenty five" rare: keep the span whole, value of the first
    return j, value, None


def _hedge(doc: Doc, i: int) -> tuple[int, str | None]:
    """Start token of the hedge that ends right before token i, and the hedge."""
    for h in HEDGES:
        words = h.split()
        k = i - len(words)
        if k >= 0 and [t.lower_ for t in doc[k:i]] == words:
            if h == "some" and k > 0 and doc[k - 1].lower_ in ("of", "for"):
                continue
            return k, h
    return i, None


# ---- what is counted ------------------------------------------------------------------------------------------

def _counted_head(doc: Doc, core_start: int, end: int) -> Token | None:
    """The noun the number modifies, climbing through designations ("seven AK-47 assault rifles")."""
    last = doc[end - 1]
    head = last.head if last.dep_ in ("nummod", "quantmod", "compound") else None
    for tok in doc[core_start:end]:
        if tok.dep_ == "nummod" and tok.head.i >= end:
            head = tok.head
    while head is not None and head.head.i > head.i and head.dep_ in ("compound", "nummod"):
        head = head.head
    return head


def _unit(doc: Doc, core_start: int, end: int) -> tuple[int, str | None, Token | None]:
    """(end token index exclusive, unit, unit token) of the counted noun after a number core."""
    last = doc[end - 1]
    sent_end = last.sent.end
    if end < sent_end and doc[end].is_alpha and _glued(last, doc[end]):
        return end + 1, doc[end].text, None  # a unit written against the number: "600m", "2, 000ft", "24km"
    if end < sent_end and doc[end].lower_ == "of":
        # "hundreds of terrified families", "a handful of firefighters", "billions of dollars"
        for t in doc[end + 1:min(sent_end, end + 6)]:
            if t.pos_ in ("NOUN", "PROPN") and t.dep_ == "pobj" and t.head.i == end:
                return t.i + 1, t.text, t
        return end, None, None
    coordinated = _coordinated(doc, end, sent_end)
    if coordinated is not None:
        return coordinated
    head = _counted_head(doc, core_start, end)
    if head is not None and head.i >= end and head.pos_ in ("NOUN", "PROPN") and head.i - end <= 5:
        between = doc[end:head.i]
        if between and all(t.lower_ in MEASURE_MODS for t in between):
            return head.i + 1, doc[end:head.i + 1].text, head
        # "14 AK - 47 rifles", "seven AK-47 assault rifles": a designation between number and noun
        if all(t.pos_ in ("ADJ", "PROPN", "NOUN", "PUNCT", "ADV", "NUM") or t.dep_ == "amod" for t in between):
            return head.i + 1, head.text, head
    if end < sent_end and doc[end].pos_ == "NOUN" and doc[end].tag_ in ("NNS", "NN"):
        j = end
        while j + 1 < sent_end and doc[j + 1].pos_ == "NOUN" and doc[j].dep_ == "compound":
            j += 1
        return j + 1, doc[j].text, doc[j]
    if end < sent_end and doc[end].ent_type_ == "NORP" and doc[end].pos_ in ("ADJ", "PROPN", "NOUN"):
        return end + 1, doc[end].text, None  # a nationality standing for its people: "(12 Somali and 11 Yemeni)"
    return end, None, None


def _coordinated(doc: Doc, end: int, sent_end: int) -> tuple[int, str | None, Token | None] | None:
    """The unit of "12 Somali and 11 Yemeni nationals" for its first number: the noun of the number it is
    coordinated with (the parse often hangs the first number on the first modifier)."""
    k = end
    while k < min(sent_end, end + 3) and doc[k].pos_ in ("ADJ", "PROPN"):
        k += 1
    if k + 1 < sent_end and doc[k].pos_ == "CCONJ" and doc[k + 1].like_num:
        nxt = _core(doc, k + 1)
        _, unit, noun = _unit(doc, k + 1, nxt[0]) if nxt else (0, None, None)
        if noun is not None and noun.ent_type_ != "NORP":  # a noun, not the second nationality itself
            return k, unit, None
    return None


def _number_of(doc: Doc, start: int) -> str | None:
    """The noun of "the number of crew members ... may be around 40"."""
    sent = doc[start].sent
    for t in doc[sent.start:start]:
        if t.lower_ == "number" and t.i + 1 < start and doc[t.i + 1].lower_ == "of":
            for c in doc[t.i + 2:start]:
                if c.dep_ == "pobj" and c.head.i == t.i + 1:
                    return c.text
    return None


# ---- one quantity ---------------------------------------------------------------------------------------------

def _range(doc: Doc, start: int, end: int, value: float | None) -> tuple[int, int, float | None, bool] | None:
    """(start, end, value_max, dashed) of a range from the core at [start, end), or None when the dash after the
    number makes it no count at all ("2-1" score, "555-1234", "one-third", "12 - gauge")."""
    n = len(doc)
    if end + 1 < n and doc[end].text in (*_DASHES, "to") and _word_value(doc[end + 1]) is not None:
        rng = _core(doc, end + 1)
        if not (rng and rng[1] is not None and value is not None and value < rng[1] <= 10 * value):
            return None
        return start, rng[0], rng[1], doc[end].text != "to"
    if end + 1 < n and doc[end].text in _DASHES and (
            _glued(doc[end - 1], doc[end]) or (doc[end + 1].is_alpha and doc[end + 1].pos_ != "VERB")):
        return None  # "one-third", "1,000-strong", "a 12 - gauge shotgun": a fraction or an adjective
    if start > 0 and doc[start - 1].lower_ == "between" and end + 1 < n and doc[end].lower_ == "and":
        rng = _core(doc, end + 1)
        if rng and rng[1] is not None:
            return start - 1, rng[0], rng[1], False
    return start, end, None, False


def _skip_to(doc: Doc, end: int) -> int:
    """Where to resume after a number that counts nothing: past the rest of its dashed form."""
    j = end
    while j + 1 < len(doc) and doc[j].text in _DASHES and _word_value(doc[j + 1]) is not None:
        j += 2
    return max(j, end + 1)


def _quantity(doc: Doc, i: int, core: tuple[int, float | None, str | None]) -> tuple[Quantity | None, int]:
    """The quantity whose number starts at token i, and where to go on; None when the number counts nothing."""
    n = len(doc)
    tok = doc[i]
    end, value, vague = core
    start, unit = i, None
    if i > 0 and doc[i - 1].text in CURRENCY:
        start, unit = i - 1, CURRENCY[doc[i - 1].text]
    rng = _range(doc, start, end, value) if vague is None else (start, end, None, False)
    if rng is None:
        return None, _skip_to(doc, end)
    start, end, value_max, dashed = rng
    if value is not None and end < n and doc[end].lower_ in ("%", "percent", "pct"):
        end, unit = end + 1, "percent"
    elif value is not None and end + 1 < n and doc[end].lower_ == "per" and doc[end + 1].lower_ == "cent":
        end, unit = end + 2, "percent"
    hstart, hedge = _hedge(doc, start)
    if vague:
        hedge = f"{hedge} {vague}" if hedge else vague
    unit_tok = None
    if unit is None:
        uend, unit, unit_tok = _unit(doc, i, end)
        if unit is None and value_max is None and tok.ent_type_ == "DATE":
            return None, end  # an age ("Smith, 40,") or a date spaCy saw and no counted noun contradicts
        if unit is None and dashed and hedge is None:
            return None, end  # "won 2-3": a score
        if unit is None and value is not None:
            unit = _number_of(doc, i)
    else:
        uend = end + (end < n and doc[end].lower_ in MULTIPLIERS)
    if vague and doc[end - 1].lower_ in VAGUE and uend > end and doc[end].lower_ == "of":
        hedge = f"{hedge} of" if not hedge.endswith(" of") else hedge
    if not _counts(doc, i, start, unit, unit_tok, vague, hedge, value_max):
        return None, end
    span = doc[hstart:max(uend, end)]
    return Quantity(value=value, approx=hedge is not None or vague is not None, hedge=hedge, unit=unit,
                    text=span.text, start=span.start_char, end=span.end_char, value_max=value_max), max(end, i + 1)


def _counts(doc: Doc, i: int, start: int, unit: str | None, unit_tok: Token | None, vague: str | None,
            hedge: str | None, value_max: float | None) -> bool:
    """Whether a number with what follows it is a count worth keeping."""
    digit = _plain_digits(doc[i].text)
    # A bare word number with nothing counted ("one of them", "the two") says little: keep only counted ones.
    if unit is None and vague is None and not any(ch.isdigit() for ch in doc[i].text) and hedge is None:
        return False
    if unit in ("AD", "BC", "BCE", "CE") or (unit is None and hedge is None and re.fullmatch(r"\d{5,}", doc[i].text)):
        return False  # a year of an era, or an identifier ("5235722")
    # "Boeing 737", "Resolution 2231", "Flight 17": a name's number, not a count.
    if hedge is None and value_max is None and start > 0 and doc[start - 1].pos_ == "PROPN" \
            and doc[start - 1].text[:1].isupper() and digit:
        return False
    # "40 East Fifth Avenue", "505 Main Place": a number before a singular name is an address, not a count.
    return not (unit_tok is not None and unit_tok.tag_ == "NNP" and unit_tok.ent_type_ != "NORP" and digit
                and doc[i].text != "1")


def extract_quantities(doc: Doc) -> list[Quantity]:
    out: list[Quantity] = []
    i = 0
    n = len(doc)
    text = text_of(doc)
    ents = list(doc.ents)  # built once: Doc.ents is rebuilt on each access
    blocked = _not_counts(doc)
    while i < n:
        tok = doc[i]
        low = tok.lower_
        core = _core(doc, i) if (tok.like_num or low in _STARTERS or "-" in low) and i not in blocked else None
        if core is not None and _skip(doc, text, ents, tok):
            core = None
        if core is None or (low == "one" and (tok.dep_ != "nummod" or (i + 1 < n and doc[i + 1].lower_ == "of"))):
            i += 1
            continue
        q, i = _quantity(doc, i, core)
        if q is not None:
            out.append(q)
    return out


def _fill(doc: Doc, article: Article) -> None:
    article.quantities = extract_quantities(doc)


EXTRACTOR = Extractor("quantities", fills=("quantities",), fill=_fill)
