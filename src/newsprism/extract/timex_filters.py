"""What looks like a time expression but is not one, or is one only in context: names of shows, films and
books ("NBC's Today show", "the film 1917"), model years ("a 2007 silver Ford"), lower-case month words that are
verbs ("may"), a season word that is a verb ("prices fall"), "current" as a noun. Each check reads the text
around the match or its parse.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from newsprism.extract.timex_patterns import MONTHS

# Words after which a bare year or an abbreviated month is a time ("in 1998", "by May"), not a count or a verb.
YEAR_PREPS = {"in", "since", "until", "by", "of", "from", "early", "late", "mid", "fiscal", "during", "before",
              "after", "through", "to", "and", "or", "between", "around", "the", "'s", "year", "than"}
# Names of shows, films and books that look like times: "NBC's Today show", "the film 1917".
_WORK_BEFORE = re.compile(r"(?:\b(?:film|movie|book|novel|album|song|show|series|play|musical|documentary|"
                          r"programme|program|title|drama|thriller|epic)|'s)\s*[\"'\u201c\u2018]?\s*$", re.IGNORECASE)
_WORK_AFTER = re.compile(r"^\s+(?:[\w-]+\s+)?(?:film|movie|book|novel|album|song|drama|thriller|epic|documentary|"
                         r"series|musical|play|comedy|opera)\b", re.IGNORECASE)
# The make or kind of a vehicle that a model year dates ("a 2007 silver Ford", "a gray 2013 sedan").
VEHICLES = {"car", "model", "sedan", "truck", "pickup", "suv", "van", "minivan", "vehicle", "motorcycle", "coupe",
             "convertible", "hatchback", "jeep", "wagon", "motorbike", "limousine"}
_SHOW_AFTER = re.compile(r"^[\"'\u201d\u2019]?\s*(?:show|program|programme|broadcast|host|co-?host|anchor|"
                         r"interview|segment|newspaper)\b", re.IGNORECASE)


def month_ok(text: str) -> bool:
    """Month names must be capitalised ("may", "march" are verbs)."""
    for word in re.findall(r"[A-Za-z]+", text):
        if word.lower() in MONTHS and len(word) >= 3 and not word[0].isupper():
            return False
    return True


def sentence_start(doc: Doc, start: int) -> bool:
    """Whether a capital at `start` is a sentence's first word (so it says nothing about being a name); a quote
    mark before it counts only when a sentence boundary comes before the quote ("NBC's 'Today' show")."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None or span[0].is_sent_start or span[0].i == 0:
        return True
    prev = doc[span[0].i - 1]
    if prev.is_quote:
        return prev.is_sent_start or prev.i == 0 or doc[prev.i - 1].text in (".", "!", "?", ":", ";")
    return prev.is_punct


def is_work_title(text: str, start: int, end: int, year: bool = False) -> bool:
    """A year or day word that names a show, film or book: "the film 1917", "NBC's Today show", "'1917' won".
    A possessive before a year is a title only with a work after it ("the director's 1917 drama"), not in
    "the company's 1989 results"."""
    before, after = text[max(0, start - 20):start], text[end:end + 20]
    in_quotes = quoted(text, start, end)
    work_before = _WORK_BEFORE.search(before)
    if year and work_before and work_before.group(0).lstrip().startswith("'s"):
        work_before = _WORK_AFTER.match(after)
    return bool(work_before or _SHOW_AFTER.match(after) or in_quotes)


def quoted(text: str, start: int, end: int) -> bool:
    """The expression is the whole of a quoted phrase ("'1917' won", "ABC's \"This Week,\"")."""
    return text[start - 1:start] in "\"\u201c\u2018'" and start > 0 and \
        re.match(r"[,.]?[\"\u201d\u2019']", text[end:end + 2]) is not None


def model_year(doc: Doc, start: int, end: int) -> bool:
    """A year before the make or kind of a vehicle or product ("a 2007 silver Ford", "a 2009 model", "a gray
    2013 sedan"): it dates the thing, not an event. The noun phrase's last word decides, so "1990 BellSouth
    earnings" stays a year."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    last = None
    for tok in doc[span[-1].i + 1:span[-1].i + 5]:
        if tok.pos_ not in ("ADJ", "NOUN", "PROPN") and tok.tag_ != "HYPH":
            break
        last = tok
    return last is not None and (last.ent_type_ in ("ORG", "PRODUCT") or last.lemma_.lower() in VEHICLES)


_SEASON_LEAD = re.compile(r"\b(?:in|during|over|through|throughout|since|until|by|before|after|into|this|last|next|"
                          r"of|from)\s+$", re.IGNORECASE)


def season_in_context(text: str, start: int, matched: str) -> bool:
    """A season word without a year is a time after an article or a preposition ("in the summer", "during
    spring"); "fall" only with the article (it is mostly a verb); a capital mid-sentence names something."""
    word = re.search(r"[A-Za-z]+$", matched).group(0)
    if word[0].isupper() and not re.search(r"(?:^|[.!?]\s+)$", text[max(0, start - 3):start]):
        return False
    if matched.lower().startswith("the"):
        return True
    return word.lower() != "fall" and bool(_SEASON_LEAD.search(text[max(0, start - 12):start]))


def modifies_noun(doc: Doc, start: int, end: int) -> bool:
    """"current"/"recent" before a noun that is not a name: "the current system", "a recent filing"."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) != 1:
        return False
    tok = span[0]
    return tok.dep_ == "amod" and tok.head.pos_ == "NOUN" and tok.head.i > tok.i and tok.lower_ == tok.text


def adverb(doc: Doc, start: int, end: int) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and span.root.pos_ == "ADV" and not span.text[0].isupper()
