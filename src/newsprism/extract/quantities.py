"""Hedged quantities: how many of what, and how sure the text is ("around 40 crew members", "nearly 2,000
tonnes", "hundreds of terrified families", "$1.5 billion", "10-14").

A small grammar over spaCy tokens: a number core (digits, number words, multipliers, vague counts), the hedge
before it, the counted noun or unit after it (from the dependency parse, with the next noun as fallback).
Vague counts ("dozens", "hundreds", "a handful", "a few dozen") get `value=None`, `approx=True` and the vague
phrase as `hedge`: the model never guesses a number the text does not give (a reader comparing "dozens" with
"nearly 100" sees both phrases). Dates, times, ages in DATE entities, ordinals, model designations ("F-16",
"Boeing 737-800") and list numbering are not quantities.
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


def _skip(doc: Doc, text: str, ents: list, tok: Token) -> bool:
    if tok.ent_type_ in SKIP_LABELS:
        ent = next((e for e in ents if e.start <= tok.i < e.end), None)
        # spaCy sometimes calls a plain count a DATE ("Between 10 and 14 people"): trust it only with a time word.
        if ent is None or ent.label_ != "DATE" or _TIMEISH.search(ent.text):
            return True
    before = text[max(0, tok.idx - 1):tok.idx]
    if before == "-" and tok.idx >= 2 and text[tok.idx - 2].isalpha():
        return True  # "F-16", "Covid-19"
    line_start = text.rfind("\n", 0, tok.idx) + 1
    if not text[line_start:tok.idx].strip() and tok.i + 1 < len(doc) and doc[tok.i + 1].text == ".":
        return True  # a numbered list item
    if tok.text.isdigit() and len(tok.text) == 4 and 1500 <= int(tok.text) <= 2100 and tok.ent_type_ != "MONEY":
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if nxt is None or nxt.pos_ not in ("NOUN",):
            return True  # a year without a counted noun
    return False


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
    value = _word_value(tok)
    if value is None:
        return None
    j = i + 1
    while j < len(doc) and doc[j].lower_ in MULTIPLIERS and not (
            doc[j].lower_ in _GLUED and doc[j - 1].idx + len(doc[j - 1].text) < doc[j].idx):
        value *= MULTIPLIERS[doc[j].lower_]
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


def _unit(doc: Doc, core_start: int, end: int) -> tuple[int, str | None]:
    """(end token index exclusive, unit) of the counted noun after a number core."""
    last = doc[end - 1]
    sent_end = last.sent.end
    if end < sent_end and doc[end].lower_ == "of":
        # "hundreds of terrified families", "a handful of firefighters", "billions of dollars"
        for t in doc[end + 1:min(sent_end, end + 6)]:
            if t.pos_ in ("NOUN", "PROPN") and t.dep_ == "pobj" and t.head.i == end:
                return t.i + 1, t.text
        return end, None
    head = last.head if last.dep_ in ("nummod", "quantmod", "compound") else None
    for tok in doc[core_start:end]:
        if tok.dep_ == "nummod" and tok.head.i >= end:
            head = tok.head
    if head is not None and head.i >= end and head.pos_ in ("NOUN", "PROPN") and head.i - end <= 5:
        between = doc[end:head.i]
        if between and all(t.lower_ in MEASURE_MODS for t in between):
            return head.i + 1, doc[end:head.i + 1].text
        if all(t.pos_ in ("ADJ", "PROPN", "NOUN", "PUNCT", "ADV") or t.dep_ == "amod" for t in between):
            return head.i + 1, head.text
    if end < sent_end and doc[end].pos_ == "NOUN" and doc[end].tag_ in ("NNS", "NN"):
        j = end
        while j + 1 < sent_end and doc[j + 1].pos_ == "NOUN" and doc[j].dep_ == "compound":
            j += 1
        return j + 1, doc[j].text
    return end, None


def _number_of(doc: Doc, start: int) -> str | None:
    """The noun of "the number of crew members ... may be around 40"."""
    sent = doc[start].sent
    for t in doc[sent.start:start]:
        if t.lower_ == "number" and t.i + 1 < start and doc[t.i + 1].lower_ == "of":
            for c in doc[t.i + 2:start]:
                if c.dep_ == "pobj" and c.head.i == t.i + 1:
                    return c.text
    return None


def extract_quantities(doc: Doc) -> list[Quantity]:
    out: list[Quantity] = []
    i = 0
    n = len(doc)
    text = text_of(doc)
    ents = list(doc.ents)  # built once: Doc.ents is rebuilt on each access
    while i < n:
        tok = doc[i]
        low = tok.lower_
        core = _core(doc, i) if tok.like_num or low in _STARTERS or "-" in low else None
        if core is not None and _skip(doc, text, ents, tok):
            core = None
        if core is None or (tok.lower_ == "one" and (tok.dep_ != "nummod" or (i + 1 < n and doc[i + 1].lower_ == "of"))):
            i += 1
            continue
        end, value, vague = core
        start = i
        unit = None
        if i > 0 and doc[i - 1].text in CURRENCY:
            start, unit = i - 1, CURRENCY[doc[i - 1].text]
        value_max = None
        # Ranges: "10-14", "10 to 14", "between 10 and 14"
        if end + 1 < n and doc[end].text in ("-", "–", "to") and _word_value(doc[end + 1]) is not None and vague is None:
            rng = _core(doc, end + 1)
            if not (rng and rng[1] is not None and value is not None and value < rng[1] <= 10 * value):
                i = (rng[0] if rng else end + 1)  # a score "2-1", a phone number "555-1234": not a range
                continue
            end, value_max = rng[0], rng[1]
        elif end + 1 < n and doc[end].text == "-" and doc[end].idx == doc[end - 1].idx + len(doc[end - 1].text):
            i = end + 1  # "one-third", "1,000-strong": a fraction or an adjective, not a count
            continue
        elif start > 0 and doc[start - 1].lower_ == "between" and end + 1 < n and doc[end].lower_ == "and":
            rng = _core(doc, end + 1)
            if rng and rng[1] is not None:
                start, end, value_max = start - 1, rng[0], rng[1]
        if value is not None and end < n and doc[end].lower_ in ("%", "percent", "pct"):
            end, unit = end + 1, "percent"
        elif value is not None and end + 1 < n and doc[end].lower_ == "per" and doc[end + 1].lower_ == "cent":
            end, unit = end + 2, "percent"
        hstart, hedge = _hedge(doc, start)
        if vague and hedge is None:
            hedge = vague
        elif vague:
            hedge = f"{hedge} {vague}"
        if unit is None:
            uend, unit = _unit(doc, i, end)
            if unit is None and value is not None:
                unit = _number_of(doc, i)
        else:
            uend = end
            if uend < n and doc[uend].lower_ in MULTIPLIERS:
                uend += 1
        if vague and doc[end - 1].lower_ in VAGUE and uend > end and doc[end].lower_ == "of":
            hedge = f"{hedge} of" if not hedge.endswith(" of") else hedge
        span = doc[hstart:max(uend, end)]
        # A bare word number with nothing counted ("one of them", "the two") says little: keep only counted ones.
        if unit is None and vague is None and not any(ch.isdigit() for ch in doc[i].text) and hedge is None:
            i = end
            continue
        if unit in ("AD", "BC", "BCE", "CE") or (unit is None and hedge is None and re.fullmatch(r"\d{5,}", doc[i].text)):
            i = end
            continue  # a year of an era, or an identifier ("5235722")
        # "Boeing 737", "Resolution 2231", "Flight 17": a name's number, not a count.
        if hedge is None and value_max is None and start > 0 and doc[start - 1].pos_ == "PROPN" \
                and doc[start - 1].text[:1].isupper() and doc[i].text.isdigit():
            i = end
            continue
        out.append(Quantity(value=value, approx=hedge is not None or vague is not None, hedge=hedge, unit=unit,
                            text=span.text, start=span.start_char, end=span.end_char, value_max=value_max))
        i = max(end, i + 1)
    return out


def _fill(doc: Doc, article: Article) -> None:
    article.quantities = extract_quantities(doc)


EXTRACTOR = Extractor("quantities", fills=("quantities",), fill=_fill)
