"""Attribution cues over a spaCy parse, before any speaker is resolved.

One pass over each sentence (cut at line breaks) collects speech verbs with their subject, "according to X",
data that "showed" and a named speaker's claim ("the mayor's claim that ..."), each with its content (found by
`quote_content`) and any relay ("X reported, quoting Y", "Y told Meridian Press"). `quotes` then pairs these
cues with the direct quotes and resolves the speakers.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from newsprism.extract import sources
from newsprism.extract.attribution import (
    DATA_VERBS,
    INANIMATE_SPEAKERS,
    PEOPLE_NOUNS,
    PREP_ACTS,
    SPEECH,
    STANCE,
    TOPIC_VERBS,
    can_speak,
    is_cue,
    is_title_abbreviation,
    np_bounds,
    subject_of,
    topic_prep,
)
from newsprism.extract.quote_content import act_content, clause_content, for_clause, span_chars, trim
from newsprism.nlp.load import text_of

RELAY = ("quote", "cite")
_HEARSAY = ("hear", "learn")
_NOT_SPEAKERS = {"which", "what", "that", "this", "it’s", "there"}

@dataclass
class Att:
    """One attribution found in the parse, before speakers are resolved."""

    cue: Token
    cue_text: str
    cue_start: int
    cue_end: int
    speaker: Token
    bounds: tuple[int, int]
    via: list[str] = field(default_factory=list)
    content: tuple[int, int] | None = None
    used: bool = False
    clause: bool = False  # content is the cue's own complement clause (not the rest of the sentence)
    span: tuple[int, int] | None = None  # speaker words with their apposition ("X, the president of Y,")
    relayer: tuple[Token, tuple[int, int]] | None = None  # who relays a cited speaker ("X ... quoting")



@dataclass
class Sents:
    """The sentences of the parse, with a split after a title abbreviation undone ("police Lt." | "Gerry
    Scherlinck said"): the name belongs to the sentence of its title."""

    spans: list[Span]

    def __post_init__(self) -> None:
        merged: list[Span] = []
        for s in self.spans:
            if merged and _ends_with_title(merged[-1]) and s[0].pos_ == "PROPN":
                prev = merged.pop()
                s = prev.doc[prev.start : s.end]
            merged.append(s)
        self.spans = merged
        self.starts = [s.start for s in self.spans]

    def of(self, i: int) -> Span:
        return self.spans[max(0, bisect.bisect_right(self.starts, i) - 1)]


# The words before a cue verb that belong to the cue: auxiliaries, negation and adverbs of time or frequency
# that hang on it ("has said", "did not deny", "also noted", "now says", "repeatedly said"). A manner or
# evaluative adverb ("predictably stated") is the writer's comment on the speech, not part of the cue.
_CUE_LEFT = {"aux", "auxpass", "neg", "advmod"}
_CUE_LY = {"repeatedly", "previously", "recently", "publicly", "privately", "initially", "originally",
           "subsequently", "frequently", "separately", "reportedly", "finally", "eventually", "immediately"}


def _cue_word(tok: Token) -> bool:
    if tok.dep_ != "advmod":
        return tok.dep_ in _CUE_LEFT
    return not tok.lower_.endswith("ly") or tok.lower_ in _CUE_LY


def _ends_with_title(span: Span) -> bool:
    doc, i = span.doc, span.end - 1
    while i > span.start and doc[i].is_space:
        i -= 1
    if doc[i].text == "." and i > span.start:
        i -= 1
    return is_title_abbreviation(doc[i])


def attributions(doc: Doc, quoted: set[int], sents: Sents) -> list[Att]:
    atts: list[Att] = []
    consumed: set[int] = set()
    for sent in _segments(doc, sents):
        paren_via = _parenthetical_outlets(sent)
        skip = quoted | set(paren_via)
        for t in sent:
            if t.i in skip or t.i in consumed:
                continue
            if t.lower_ == "according" and t.i + 1 < sent.end and doc[t.i + 1].lower_ == "to":
                att = _according(doc, t, sent, skip)
            elif is_cue(t) or _frames_quote(t, quoted):
                att = _speech(doc, t, sent, skip, consumed)
            elif t.pos_ == "NOUN" and t.lemma_.lower() in CLAIM_NOUNS:
                att = _claim_noun(doc, t, sent, skip)
            else:
                continue
            if att is None:
                continue
            for i, name in paren_via.items():
                if name not in att.via and not (att.bounds[0] <= i < att.bounds[1]):
                    att.via.append(name)
            atts.append(att)
    _nest_according(atts)
    return atts


def _frames_quote(verb: Token, quoted: set[int]) -> bool:
    """A verb whose reported clause is a direct quote reports it, whatever the verb ("“The harbour stays open,”
    the mayor shot back", "she continued: “...”"): the quote marks say it is speech."""
    return verb.pos_ == "VERB" and any(c.dep_ == "ccomp" and c.i in quoted for c in verb.children)


def _segments(doc: Doc, sents: Sents):
    """Sentences cut at line breaks: a headline or bullet never runs into the next paragraph."""
    for sent in sents.spans:
        lo = sent.start
        for t in sent:
            if t.is_space and "\n" in t.text:
                if t.i > lo:
                    yield doc[lo : t.i]
                lo = t.i + 1
        if sent.end > lo:
            yield doc[lo : sent.end]



def _parenthetical_outlets(sent) -> dict[int, str]:
    """Tokens of an inserted "..., Reuters reports, ..." and the outlet it names."""
    out: dict[int, str] = {}
    text = sent.text
    for known, s, e in sources.known_in(text):
        m = re.match(r"\s+(?:reports|reported|says|said)\s*,", text[e:])
        before = [t for t in sent if t.idx < sent.start_char + s]
        # only an insertion between a subject and its verb ("Voss, the AP reports, called"), not a
        # postposed attribution after a full clause ("..., Interfax reported, citing ...")
        if m and text[:s].rstrip().endswith(",") and not any(t.pos_ in ("VERB", "AUX") for t in before):
            for t in sent:
                if sent.start_char + s <= t.idx < sent.start_char + e + m.end():
                    out[t.i] = known.name
    return out


def _speech(doc: Doc, cue: Token, sent, quoted: set[int], consumed: set[int]) -> Att | None:
    lemma = cue.lemma_.lower()
    seg = (sent.start, sent.end)
    subj = subject_of(cue, seg, quoted)
    if subj is None or subj.i in quoted or subj.pos_ not in ("PROPN", "NOUN", "PRON", "NUM"):
        return None
    bounds = np_bounds(subj, quoted, seg)
    if bounds[0] <= cue.i < bounds[1]:
        bounds = (bounds[0], cue.i) if cue.i > bounds[0] else bounds
    if is_title_abbreviation(doc[bounds[1] - 1]):
        bounds = (bounds[0], _name_after(doc, bounds[1], seg[1]))  # "said Troy police Lt. Gerry Scherlinck"
    before = doc[bounds[0] - 1] if bounds[0] > seg[0] else None
    if before is not None and before.pos_ == "VERB" and before.is_title and before.tag_ in ("VB", "VBP", "NNP") \
            and before.i > seg[0] and doc[before.i - 1].is_punct and before.i != cue.i:
        # "..., ” Harbour police Chief Ana Ruiz said": a capitalised place or name opening the speaker phrase,
        # which the tagger read as a verb
        bounds = (before.i, bounds[1])
        before = doc[bounds[0] - 1] if bounds[0] > seg[0] else None
    if subj.lower_ in _NOT_SPEAKERS or doc[bounds[1] - 1].pos_ == "ADP" or any(
            t.tag_ in ("WDT", "WP") for t in doc[bounds[0] : bounds[1]]):
        return None  # "all of which confirmed ...": the things listed, not a speaker
    if before is not None and before.pos_ == "VERB" and before.i not in quoted and subj.head.i == cue.i \
            and before.i != cue.i and before.lemma_.lower() not in SPEECH:
        return None  # "watching X cry told viewers": the phrase is the object of a verb, the parse went wrong
    subj_text = doc[bounds[0] : bounds[1]].text
    if lemma in DATA_VERBS and lemma not in SPEECH and not sources.looks_like_source(subj_text) and \
            subj.lemma_.lower() not in INANIMATE_SPEAKERS:
        return None
    cue_start, cue_end = cue.idx, cue.idx + len(cue)
    prt = [c for c in cue.children if c.dep_ == "prt"]
    if prt:
        cue_end = max(cue_end, prt[-1].idx + len(prt[-1]))
    elif (lemma in TOPIC_VERBS or lemma in SPEECH) and (topic := topic_prep(cue)) is not None \
            and topic.i == cue.i + 1 and (lemma in TOPIC_VERBS or topic.lower_ == "about"):
        cue_end = topic.idx + len(topic)  # "spoke of", "talked about"
    elif lemma == "call" and cue.i + 1 < len(doc) and doc[cue.i + 1].lower_ in ("for", "on") and \
            (doc[cue.i + 1].head.i == cue.i or for_clause(cue) is not None):
        cue_end = doc[cue.i + 1].idx + len(doc[cue.i + 1])  # "called for", "called on": the verb and its particle
    via: list[str] = []
    speaker, sbounds = subj, bounds
    # relays: "X reported, quoting Y", "X cited Y as saying", "it cited an unnamed source saying"
    relay = None
    if lemma in RELAY:
        relay = cue
    else:
        relay = next((c for c in cue.children if c.dep_ in ("advcl", "xcomp")
                      and c.lemma_.lower() in RELAY and c.i not in quoted), None)
    relayed: Att | None = None
    if relay is not None:
        obj = next((c for c in relay.children if c.dep_ in ("dobj", "pobj", "attr")), None)
        # "cited the inspection as the reason", "cited it": what is cited as grounds, not a speaker relayed ("cited
        # the source as saying" relays)
        grounds = obj is not None and (obj.pos_ == "PRON" and obj.lower_ not in ("him", "her", "them") or any(
            c.dep_ == "prep" and c.lower_ == "as" and c.i > obj.i
            and not any(g.lemma_.lower() in SPEECH for g in c.children) for c in relay.children))
        if obj is not None and obj.i not in quoted and _relayed_speaker(obj) and not grounds:
            via.append(source_label(doc, subj, bounds))
            speaker, sbounds = obj, np_bounds(obj, quoted, seg)
            nxt = doc[sbounds[1]] if sbounds[1] < seg[1] else None
            if nxt is not None and nxt.dep_ == "prep" and nxt.head.i == relay.i and nxt.lower_ in ("at", "in", "from"):
                # "quoting an unnamed source at the port authority": the parser hangs the place on the verb
                sbounds = (sbounds[0], min(nxt.right_edge.i + 1, seg[1]))
            if relay is not cue:
                consumed.add(relay.i)
            # "it cited an unnamed source saying X": the clause hangs on "saying"
            for c in obj.children:
                if c.dep_ in ("acl", "relcl") and c.lemma_.lower() == "say":
                    consumed.add(c.i)
                    relayed = Att(c, "", 0, 0, obj, sbounds, content=clause_content(doc, c, sent, sbounds, quoted))
        else:
            relay = None
    if lemma == "tell":
        obj = next((c for c in cue.children if c.dep_ in ("dobj", "dative")), None)
        if obj is not None:
            ob = np_bounds(obj, quoted)
            label = doc[ob[0] : ob[1]].text
            known = sources.lookup(label)
            if known is not None or sources.classify(label) in ("wire", "state_media") or (
                    obj.ent_type_ == "ORG" and sources.classify(label) == "media"):
                via.append(known.name if known else sources.source_name(label))
    content = clause_content(doc, cue, sent, sbounds if relay is None else bounds, quoted)
    clause = content is not None and any(c.dep_ == "ccomp" for c in cue.children)
    if content is None and relay is not None and relay is not cue:
        content = clause_content(doc, relay, sent, bounds, quoted)
    if content is None and relayed is not None:
        content, clause = relayed.content, relayed.content is not None
    # "cited security concerns": what is cited, when it is not a relayed speaker ("citing officials")
    cited = lemma == "cite" and relay is None
    # "reported a rise in thefts", "confirmed the deal": the object of these verbs is what was said, unless it is
    # a person or a group (whom the words were about or for)
    said_thing = lemma in _SAID_OBJECT and relay is None
    if content is None and (lemma in DATA_VERBS or (lemma in STANCE or cited or said_thing) and can_speak(subj)):
        obj = next((c for c in cue.children if c.dep_ == "dobj" and c.i > cue.i), None)
        if obj is not None and said_thing and (obj.pos_ == "PRON" or obj.ent_type_ in ("PERSON", "NORP", "ORG")
                                               or obj.lemma_.lower() in PEOPLE_NOUNS):
            obj = None
        if obj is not None:
            hi = obj.right_edge.i + 1
            # "the video shows him with his hands raised": what a record shows runs on past its object;
            # "criticized the law as a failure", "cited the remarks as evidence": so does what a stance says of it
            hi = max([hi] + [c.right_edge.i + 1 for c in cue.children if c.i > obj.i and (
                lemma in DATA_VERBS and c.dep_ in ("prep", "oprd", "xcomp", "ccomp", "acomp")
                or c.dep_ == "prep" and c.lower_ in ("as", "for"))])
            content, clause = span_chars(doc, *trim(doc, obj.left_edge.i, min(hi, sent.end))), True
    if content is None and (lemma in SPEECH or lemma in PREP_ACTS) and relay is None and can_speak(subj):
        # no reported clause: what the act conveys by its object and the phrases completing it ("accused the
        # council of hiding the report", "pointed to the survey")
        content = act_content(doc, cue, sent, sbounds, quoted)
        if content is not None:
            cue_end = _with_preposition(doc, cue, sent, content[0], cue_end)
    if any(c.dep_ == "neg" for c in cue.children) or (
            content and text_of(doc)[content[0] : content[1]].split(" ", 1)[0] in ("himself", "herself", "themselves")):
        content, clause = None, False  # "did not say how many": nothing was stated
    cue_text = text_of(doc)[cue_start:cue_end]
    if content is not None:
        comp = next((c for c in cue.children if c.dep_ == "ccomp"), None)
        if comp is not None and comp.lemma_.lower() in _HEARSAY:
            inner = next((c for c in comp.children if c.dep_ == "ccomp"), None)
            if inner is not None:
                # "said he had heard X": hearsay, the cue keeps the hedge so nobody reads it as a claim
                cue_end = comp.idx + len(comp)
                cue_text = text_of(doc)[cue_start:cue_end]
                content = span_chars(doc, *trim(doc, inner.left_edge.i, inner.right_edge.i + 1))
    first = cue.i
    while first > 0 and doc[first - 1].head.i == cue.i and _cue_word(doc[first - 1]):
        first -= 1
    if first < cue.i:
        cue_start = doc[first].idx  # "has said", "did not deny", "also said", "has since said"
        cue_text = text_of(doc)[cue_start:cue_end]
    att = Att(cue, cue_text, cue_start, cue_end, speaker, sbounds, via, content, clause=clause,
               span=_with_apposition(doc, speaker, sbounds, cue, seg))
    if relay is not None:
        att.relayer = (subj, bounds)
    return att


def _with_preposition(doc: Doc, cue: Token, sent, content_start: int, cue_end: int) -> int:
    """Where the cue ends when a preposition of its own, right after it or its particle, leads to the content:
    "pointed to", "responded to", "weighed in on"."""
    j = cue.i + 1
    while j < sent.end and doc[j].dep_ == "prt" and doc[j].head.i == cue.i:
        j += 1
    if j < sent.end and doc[j].dep_ == "prep" and doc[j].head.i == cue.i and doc[j].idx + len(doc[j]) < content_start:
        return doc[j].idx + len(doc[j])
    return cue_end


# Nouns that report what someone said when a "that" clause follows: "the mayor's claim that the bridge was safe".
CLAIM_NOUNS = frozenset({"claim", "statement", "assertion", "allegation", "accusation", "warning", "promise",
                         "pledge", "argument", "insistence", "suggestion", "announcement", "denial", "admission",
                         "contention", "prediction", "assurance", "vow", "threat", "charge", "remark"})


def _claim_noun(doc: Doc, noun: Token, sent, quoted: set[int]) -> Att | None:
    """"The mayor's claim that the bridge was safe": a named speaker's claim with its content clause. The
    possessor is the speaker; a relative clause ("the claim that he made") is no content."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp") and c.i > noun.i
                   and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
    if owner is None or clause is None or owner.pos_ not in ("PROPN", "NOUN") or owner.i in quoted \
            or noun.i in quoted or not can_speak(owner):
        return None
    bounds = np_bounds(owner, quoted, (sent.start, sent.end))
    lo, hi = trim(doc, clause.left_edge.i, min(clause.right_edge.i + 1, sent.end))
    if hi - lo < 3 or all(i in quoted for i in range(lo, hi)):
        return None
    return Att(noun, noun.text, noun.idx, noun.idx + len(noun), owner, bounds, content=span_chars(doc, lo, hi),
               clause=True)


# Speech verbs whose object is what was said ("reported a rise in thefts", "confirmed the deal", "promised lower
# taxes"); others take whom it was said to ("told reporters"), whom it was about ("called him"), or an object
# that is no speech at all ("added two names", "observed a minute of silence", "concluded the talks").
_SAID_OBJECT = frozenset({"report", "note", "describe", "confirm", "disclose", "acknowledge", "admit", "predict",
                          "estimate", "promise", "pledge", "vow", "declare", "reiterate", "stress", "emphasize",
                          "emphasise", "recall", "tweet", "claim", "assert", "concede", "allege"})


def _relayed_speaker(obj: Token) -> bool:
    """Whether what is quoted or cited can speak ("citing officials", "quoted a spokesman", "citing a report");
    "citing the rising cost of fuel" gives a reason, not a source."""
    return can_speak(obj) or obj.lemma_.lower() in INANIMATE_SPEAKERS or any(
        c.dep_ in ("acl", "relcl") and c.lemma_.lower() == "say" for c in obj.children)


def _name_after(doc: Doc, i: int, end: int) -> int:
    j = i + 1 if i < end and doc[i].text == "." else i  # "Lt" "." when the tokenizer split the stop off
    k = j
    while k < end and doc[k].pos_ == "PROPN":
        k += 1
    return k if k > j else i


def _with_apposition(doc: Doc, head: Token, bounds: tuple[int, int], cue: Token,
                     seg: tuple[int, int]) -> tuple[int, int]:
    app = [c for c in head.children if c.dep_ == "appos" and c.i >= bounds[1]]
    if not app:
        return bounds
    # before the cue ("X, the editor, said") or, inverted, after it ("said her cousin, Daniel Moss, 41")
    hi = min(app[-1].right_edge.i + 1, cue.i if cue.i > head.i else seg[1], seg[1])
    while hi > bounds[1] and (doc[hi - 1].is_punct or doc[hi - 1].is_space):
        hi -= 1
    return bounds[0], max(hi, bounds[1])


def _according(doc: Doc, t: Token, sent, quoted: set[int]) -> Att | None:
    to = doc[t.i + 1]
    obj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if obj is None and to.i + 1 < sent.end:
        obj = next((x for x in doc[to.i + 1 : sent.end] if x.pos_ in ("NOUN", "PROPN", "PRON")), None)
    if obj is None or obj.i in quoted:
        return None
    lo, hi = np_bounds(obj, quoted, (sent.start, sent.end))
    lo = max(lo, to.i + 1)
    via = []
    j = hi
    while j < sent.end and doc[j].text in ",":
        j += 1
    if j < sent.end and doc[j].lower_ == "via":
        vobj = next((c for c in doc[j].children if c.dep_ == "pobj"), None)
        if vobj is not None:
            vb = np_bounds(vobj, quoted, (sent.start, sent.end))
            via.append(source_label(doc, vobj, vb))
            j = vb[1]
    # content: the rest of the sentence on the longer side of the phrase
    left = trim(doc, sent.start, t.i)
    right = trim(doc, j, sent.end)
    lo_c, hi_c = left if left[1] - left[0] >= right[1] - right[0] else right
    content = span_chars(doc, lo_c, hi_c) if hi_c - lo_c >= 3 else None
    return Att(t, "according to", t.idx, to.idx + len(to), obj, (lo, hi), via, content)


def _nest_according(atts: list[Att]) -> None:
    """"The Washington Post said that, according to sources, ...": the sources speak, relayed by the Post."""
    for inner in atts:
        if inner.cue_text != "according to":
            continue
        for outer in atts:
            if outer is inner or outer.content is None or outer.used:
                continue
            if outer.content[0] <= inner.cue_start < outer.content[1]:
                label = source_label(outer.cue.doc, outer.speaker, outer.bounds)
                if sources.lookup(label) is not None and label not in inner.via:
                    inner.via.append(label)
                    outer.used = True


def source_label(doc: Doc, head: Token, bounds: tuple[int, int]) -> str:
    text = doc[bounds[0] : bounds[1]].text
    known = sources.lookup(text)
    return known.name if known is not None and sources.classify_is_plain(text, known) else sources.source_name(text)
