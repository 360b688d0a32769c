"""The tense of the verb that governs a time expression, which decides which way an underspecified date
points: "will meet on Monday" is ahead, "met on Monday" behind, and "changed ... in December" in a November
article is last December.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from newsprism.nlp.load import text_of

FUTURE_LEMMAS = {"expect", "schedule", "plan", "due", "intend", "set", "prepare", "aim", "hope", "promise"}
FUTURE_AUX = {"will", "'ll", "shall", "wo", "would", "'d"}
# A preposition that looks forward ("by Monday", "until Tuesday", "as soon as Friday", "payable Jan. 2"): the
# day is ahead unless the verb it hangs on is a plain past ("had it under control by Monday").
_FORWARD = re.compile(r"\b(?:by|until|till|as\s+soon\s+as|as\s+early\s+as|no\s+later\s+than|effective|payable|"
                      r"starting|through)\s+(?:next\s+)?$", re.IGNORECASE)
# The date a change takes effect or a payment falls due is ahead whatever the tense of the announcement
# ("was named chairman, effective Feb. 1").
_DUE = re.compile(r"\b(?:effective|payable)\s+(?:on\s+|from\s+)?$", re.IGNORECASE)


def _governor(tok: Token) -> Token:
    """The nearest verb above a token (the token itself when it is one)."""
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX") or tok.head is tok:
            break
        tok = tok.head
    return tok


# English verbs whose past tense is spelled as their base form.
_SAME_PAST = frozenset({"hurt", "cut", "put", "set", "hit", "let", "cost", "quit", "shut", "spread", "bet", "cast",
                        "split", "burst", "upset", "rid", "shed", "bid", "fit", "thrust", "broadcast", "forecast",
                        "read", "beat"})


def _past_form(verb: Token) -> bool:
    """A verb read as plural present whose subject is singular is a past form that looks like its present ("Rain
    hit the harvest on Friday", "the company cut jobs Monday"): plural present cannot take a singular subject. Only
    verbs whose past is spelled as their base qualify: "Staff return on Monday" is a plural subject's present."""
    if verb.tag_ != "VBP" or verb.lower_ not in _SAME_PAST:
        return False
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subj is not None and subj.tag_ in ("NN", "NNP", "VBG") and not any(c.dep_ == "conj" for c in subj.children)


def is_future(doc: Doc, start: int, end: int) -> bool:
    """Whether the verb that governs the expression is future: "will meet", "is expected to arrive"."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    tok = _governor(span.root)
    if _DUE.search(text_of(doc)[max(0, start - 25):start]):
        return True
    if _FORWARD.search(text_of(doc)[max(0, start - 25):start]) and tok.tag_ != "VBD" and \
            not any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in tok.children):
        return True
    if tok.tag_ in ("VBZ", "VBP") and tok.lemma_ not in ("be", "say", "have") and tok.dep_ not in ("aux", "auxpass") \
            and span.root.dep_ != "poss" and not _past_form(tok):
        return True  # news present for what is planned: "Arafat meets Albright Monday"
    verbs = [tok]
    if tok.dep_ in ("xcomp", "ccomp") and tok.head is not tok:
        verbs.append(tok.head)  # "expected to arrive", "plans to fly", "is to resume"
        if tok.head.dep_ == "acomp" and tok.head.head is not tok.head:
            verbs.append(tok.head.head)  # "had been due to expire": the tense is on the verb above "due"
    if any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for v in verbs for c in v.children) or \
            any(v.tag_ == "VBD" for v in verbs[1:]):
        return False  # "had been due to expire Friday", "was expected to": a future seen from the past
    for v in verbs:
        if any(c.dep_ in ("aux", "auxpass") and c.lower_ in FUTURE_AUX for c in v.children):
            return True
        if v is not tok and (v.lemma_.lower() in FUTURE_LEMMAS or v.lemma_ == "be" and v.tag_ in ("VBZ", "VBP")):
            return True
        if v is tok and v.lemma_.lower() in FUTURE_LEMMAS and v.pos_ == "ADJ":
            return True  # "due Monday"
    return False


def is_past(doc: Doc, start: int, end: int) -> bool:
    """Whether the expression is an adjunct of a plain past verb ("changed ... in December", "said Monday"), so
    that the day it names cannot lie after the report; a verb of planning ("scheduled") looks ahead whatever its
    tense, and a date inside a noun phrase ("stock of record Nov. 22") takes no tense from the clause."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    if _FORWARD.search(text_of(doc)[max(0, start - 25):start]):
        return False  # "gave them until mid-November"
    root = span.root
    if root.dep_ == "pobj" and root.head.dep_ == "prep":
        verb = root.head.head
    elif root.dep_ in ("npadvmod", "tmod", "obl"):
        verb = root.head
    else:
        return False
    return (verb.tag_ == "VBD" or _past_form(verb)) and verb.lemma_.lower() not in FUTURE_LEMMAS
