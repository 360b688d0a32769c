"""What an attribution reports: the content span of a cue over the parse.

A speech verb's reported clause ("said that ..."), or, without one, what a speech act names: its object or
infinitive ("urged residents to stay indoors", "called for a recount", "spoke of the war"), the main clause an
"as X said" aside comments on, or the clause before a postposed "X said". The span never runs over a line
break, never holds its own speaker, and leaves out the writer's closing aside ("..., leaving the seat to ...").
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsprism.extract.attribution import INANIMATE_SPEAKERS, SPEECH, TOPIC_VERBS, can_speak, topic_prep

_EDGE = set(",.;:—–-\"“”‘’' ")


def clause_content(doc: Doc, cue: Token, sent, sbounds: tuple[int, int], quoted: set[int]) -> tuple[int, int] | None:
    comp = next((c for c in cue.children if c.dep_ == "ccomp"), None)
    if comp is None:
        # "economists say taxing consumption encourages ...": the clause parsed as an xcomp
        comp = next((c for c in cue.children if c.dep_ == "xcomp" and c.i > cue.i
                     and any(g.dep_ in ("ccomp", "nsubj") for g in c.children)), None)
    if comp is None and cue.dep_ == "parataxis" and cue.head.i > cue.i:
        # "..., Democratic sources said, Axelrod still has respect ...": the reported clause is the main one
        lo, hi = trim(doc, cue.right_edge.i + 1, sent.end)
        if hi - lo >= 3 and hi - lo > sbounds[0] - sent.start:
            return span_chars(doc, lo, hi)
    if comp is None and cue.dep_ == "ROOT":
        comp = next((c for c in cue.children if c.dep_ in ("parataxis",) and c.i < cue.i), None)
    if comp is not None:
        # the parse may run a clause over a line break; what was said stays in the cue's own paragraph
        lo, hi = max(comp.left_edge.i, sent.start), min(comp.right_edge.i + 1, sent.end)
        if lo < sbounds[0] < hi and cue.i < comp.i and lo < cue.i:
            # "the donations, which he said were tied to favors": the speaker sits inside the clause the relative
            # pronoun opens; what was said is the clause after the cue
            lo = cue.i + 1
        elif lo < sbounds[0] < hi:  # broken parse swallowed the speaker: keep the part before it
            hi = sbounds[0]
        lo, hi = trim(doc, *_without_aside(doc, lo, hi, quoted))
        if hi - lo >= 3 and not all(i in quoted for i in range(lo, hi)):
            return span_chars(doc, lo, hi)
    if comp is None:
        aside = _as_aside_content(doc, cue, sent)
        if aside is not None:
            return aside
    obj = _object_content(doc, cue, sbounds)
    if obj is not None:
        lo, hi = trim(doc, max(obj[0], sent.start), min(obj[1], sent.end))
        if hi - lo >= 2 and not all(i in quoted for i in range(lo, hi)):
            return span_chars(doc, lo, hi)
    # postposed: "<clause>, the agency reported" / "<clause>, X said" where the parser made the clause the root
    k = sbounds[0] - 1
    while k > sent.start and doc[k].text in ("\"", "\u201d", "\u2019", "'"):
        k -= 1
    if sbounds[0] > sent.start + 2 and doc[k].text == "," and cue.i > sbounds[0]:
        lo, hi = trim(doc, sent.start, k)
        if hi - lo >= 3 and not all(i in quoted for i in range(lo, hi)) and \
                any(doc[i].pos_ in ("VERB", "AUX") for i in range(lo, hi)):
            return span_chars(doc, lo, hi)
    return None


def _as_aside_content(doc: Doc, cue: Token, sent) -> tuple[int, int] | None:
    """"As the mayor said on Monday, the port will reopen": the cue is an aside on the main clause, which is
    what was said (the part on the longer side of the aside when it stands in the middle)."""
    if cue.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children):
        return None
    head = cue.head
    lo, hi = max(head.left_edge.i, sent.start), min(head.right_edge.i + 1, sent.end)
    a_lo, a_hi = cue.left_edge.i, cue.right_edge.i + 1
    if a_lo <= lo:
        lo = a_hi
    elif a_hi >= hi:
        hi = a_lo
    elif hi - a_hi >= a_lo - lo:
        lo = a_hi
    else:
        hi = a_lo
    lo, hi = trim(doc, lo, hi)
    return span_chars(doc, lo, hi) if hi - lo >= 3 else None


# Speech acts whose content is an infinitive: "pledged to cut taxes", "threatened to leave".
_COMMISSIVE = frozenset({"promise", "pledge", "vow", "threaten", "swear"})
# Speech acts that name a content by their object: "called the charges unfounded", "called for a recount".
_NAMING = frozenset({"call", "label", "brand", "dub"})


def _object_content(doc: Doc, cue: Token, sbounds: tuple[int, int]) -> tuple[int, int] | None:
    """What a speech act without a reported clause conveys: "urged voters to register" (the addressee and the
    act), "pledged to cut taxes", "called the charges unfounded", "called for a recount"; None otherwise."""
    lemma = cue.lemma_.lower()
    right = [c for c in cue.children if c.i > cue.i and c.i >= sbounds[1]]
    inf = next((c for c in right if c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)),
               None)
    if inf is not None:
        addressee = next((c for c in right if c.i < inf.i and (c.dep_ in ("dobj", "dative") or c.dep_ in (
            "prep", "prt") and c.lower_ == "on" and lemma == "call")), None)
        if addressee is not None:  # "called on X to ...": the addressee after the particle
            lo = addressee.i + 1 if addressee.lower_ == "on" else addressee.left_edge.i
            return lo, inf.right_edge.i + 1
        if lemma in _COMMISSIVE:
            return inf.left_edge.i, inf.right_edge.i + 1
        return None
    topic = topic_prep(cue)
    about = lemma in SPEECH and lemma not in _NAMING and topic is not None and topic.lower_ == "about"
    if lemma in TOPIC_VERBS or about:  # "complained about the noise", "wrote about her childhood"
        obj = next((c for c in topic.children if c.dep_ in ("pobj", "pcomp")), None) if topic is not None else None
        return (obj.left_edge.i, obj.right_edge.i + 1) if obj is not None else None
    if lemma not in _NAMING:
        return None
    oprd = next((c for c in right if c.dep_ == "oprd"), None)
    if oprd is not None:
        first = min([oprd] + [c for c in right if c.dep_ == "dobj" and c.i < oprd.i], key=lambda c: c.i)
        return first.left_edge.i, oprd.right_edge.i + 1
    prep = next((c for c in right if c.dep_ == "prep" and c.lower_ == "for"), None)
    # "called for a recount", "called for cutting the rate"
    pobj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None) if prep is not None else None
    subj = next((c for c in cue.children if c.dep_ == "nsubj"), None)
    # "the union called for a recount" is a demand; "the plan calls for 500 homes" is what a plan contains
    if lemma != "call" or subj is None or not (can_speak(subj) or subj.lemma_.lower() in INANIMATE_SPEAKERS):
        return None
    if pobj is not None:
        return pobj.left_edge.i, pobj.right_edge.i + 1
    clause = for_clause(cue)
    return (clause[0].i + 1, clause[1].right_edge.i + 1) if clause is not None else None


def for_clause(cue: Token) -> tuple[Token, Token] | None:
    """("for", verb) of "called for the footage to be released": a "for ... to" clause right after the cue."""
    for c in cue.children:
        if c.dep_ == "advcl" and c.i > cue.i:
            mark = next((m for m in c.children if m.dep_ == "mark" and m.lower_ == "for" and m.i == cue.i + 1), None)
            if mark is not None:
                return mark, c
    return None


def _without_aside(doc: Doc, lo: int, hi: int, quoted: set[int]) -> tuple[int, int]:
    """The reported clause without the writer's comment that closes it after a comma, a participle ("would not
    contest the tally, leaving the seat to ...", "..., arguing that ..."): the article describes the speaker there, the
    speaker did not say it. A relative clause on a noun (", which is ...") stays: it is part of what was said."""
    for k in range(lo + 3, hi - 1):
        nxt = doc[k + 1]
        if doc[k].text != "," or k in quoted or nxt.i in quoted:
            continue
        aside = nxt.tag_ in ("VBG", "VBN") and nxt.dep_ in ("advcl", "acl", "xcomp")
        if aside and max(nxt.head.right_edge.i, nxt.right_edge.i) + 1 >= hi:
            return lo, k
    return lo, hi


def trim(doc: Doc, lo: int, hi: int) -> tuple[int, int]:
    while lo < hi and (doc[lo].text in _EDGE or doc[lo].lower_ == "that" and doc[lo].tag_ in ("IN", "WDT")
                       or doc[lo].is_space):
        lo += 1
    while hi > lo and (doc[hi - 1].text in _EDGE or doc[hi - 1].is_space):
        hi -= 1
    return lo, hi


def span_chars(doc: Doc, lo: int, hi: int) -> tuple[int, int]:
    return doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1])


