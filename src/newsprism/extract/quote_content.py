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
        lo, hi = max(comp.left_edge.i, sent.start), min(_continued(cue, comp) + 1, sent.end)
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
        if any(c.dep_ == "advcl" and c.left_edge.i <= lo and hi <= c.right_edge.i + 1 for c in cue.children):
            return None  # "Asked about the budget, the minister pointed to ...": the cue's own circumstance
        if hi - lo >= 3 and not all(i in quoted for i in range(lo, hi)) and \
                any(doc[i].pos_ in ("VERB", "AUX") for i in range(lo, hi)):
            return span_chars(doc, lo, hi)
    return None


def _continued(cue: Token, comp: Token) -> int:
    """The last token of a reported clause that goes on past the parse's complement: "said his office offered a
    closed hearing, but the council refused" hangs the second clause on
    the cue. A clause with its own subject right after the complement continues what was said; a verb sharing
    the speaker as subject ("said X and warned Y") is another attribution."""
    end = comp.right_edge.i
    for c in sorted((c for c in cue.children if c.i > end and c.dep_ not in ("punct", "cc")), key=lambda c: c.i):
        gap = cue.doc[end + 1 : c.left_edge.i]
        own_subject = any(g.dep_ in ("nsubj", "nsubjpass", "expl") for g in c.children)
        if c.dep_ not in ("ccomp", "conj") or not own_subject or \
                any(not (t.is_punct or t.dep_ == "cc") for t in gap) or c.left_edge.i <= end:
            break
        end = c.right_edge.i
    return end


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
    while hi > lo and (doc[hi - 1].text in _EDGE or doc[hi - 1].is_space or doc[hi - 1].dep_ == "cc"):
        hi -= 1  # "said the bill was dead and warned ...": the "and" joins the next act
    return lo, hi


def span_chars(doc: Doc, lo: int, hi: int) -> tuple[int, int]:
    return doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1])


_ADDRESSED = frozenset({"tell", "ask", "inform", "assure", "urge", "remind", "warn"})
_OBJECT_PREPS = frozenset({"as", "of", "for"})
# Prepositions that introduce what a speech act is about or conveys ("warned against the flood", "pointed to the
# reports", "cited it as an example", "responded with attacks"); others give the time, place or occasion ("in the
# early hours", "at a rally", "during the debate"), which are the writer's, not the content.
_CONTENT_PREPS = frozenset({"as", "to", "against", "for", "with", "about", "of", "over", "into", "on"})


def _is_party(tok: Token) -> bool:
    """A person, group or body as an object: whom an act is about ("accused the governor of ...")."""
    return tok.pos_ in ("PRON", "PROPN") or tok.ent_type_ in ("PERSON", "NORP", "ORG") or can_speak(tok)


def act_content(doc: Doc, cue: Token, sent, sbounds: tuple[int, int], quoted: set[int]) -> tuple[int, int] | None:
    """What a speech act with no reported clause conveys by its object and the phrases that complete it ("cited
    it as an example of neglect", "accused the council of hiding the report", "warned against the flood",
    "pointed to the survey"): the run of object, infinitive and content prepositions after the cue.
    A person or group as the only object is whom the words were for ("told reporters"), not what was said."""
    if cue.tag_ == "VBN" and not any(c.dep_ == "aux" and c.lemma_ == "have" for c in cue.children):
        return None  # "Asked about the budget, the minister ...": whoever was asked said nothing yet
    parts: list[Token] = []
    for c in sorted((c for c in cue.children if c.i > cue.i and c.i >= sbounds[1]), key=lambda c: c.i):
        if c.dep_ in ("dobj", "oprd") or c.dep_ == "xcomp" and c.tag_ == "VB" or c.dep_ == "prep" and \
                c.lower_ in _CONTENT_PREPS and any(g.dep_ in ("pobj", "pcomp") and g.ent_type_ not in ("DATE", "TIME")
                                                   for g in c.children):
            parts.append(c)
        elif parts or c.dep_ not in ("advmod", "npadvmod", "prt", "punct", "prep", "dative"):
            break
    lemma = cue.lemma_.lower()
    if lemma in _ADDRESSED:
        parts = [c for c in parts if c.dep_ != "dobj"]  # "told the AP", "asked him": whom it was said to
    elif lemma == "say":
        parts = parts[:1] if parts and parts[0].dep_ == "dobj" else []  # "said on the radio", "said of his rival"
    elif parts and parts[0].dep_ == "dobj":
        # "accused her of lying", "cited it as an example": the object with what completes the act; an object
        # alone or with a place for it ("added two names to the list") is no speech
        tail = [c for c in parts[1:] if c.dep_ == "oprd" or c.lower_ in _OBJECT_PREPS]
        # the parser may hang "of lying" on the person accused rather than on the verb
        own = _is_party(parts[0]) and any(c.dep_ == "prep" and c.lower_ in _OBJECT_PREPS for c in parts[0].rights)
        parts = [parts[0]] + tail if tail and tail == parts[1 : len(tail) + 1] or own else []
    if not parts:
        return None
    obj = parts[0]
    if obj.dep_ == "dobj" and len(parts) == 1 and (obj.pos_ == "PRON" or obj.ent_type_ in ("PERSON", "NORP")):
        return None
    first = obj.left_edge.i
    if obj.dep_ == "prep" and all(t.dep_ == "prt" for t in doc[cue.i + 1 : obj.i]):
        first = obj.i + 1  # "pointed to the reports", "weighed in on": the preposition goes with the cue
    lo, hi = trim(doc, max(first, sent.start), min(parts[-1].right_edge.i + 1, sent.end))
    lo, hi = _without_aside(doc, lo, hi, quoted)
    if hi - lo < 2 or all(i in quoted for i in range(lo, hi)):
        return None
    return span_chars(doc, lo, hi)
