"""Attribution cues and speakers over a spaCy parse: which words report speech, who the speaker is, and how a
speaker phrase ("he", "the source", "Kremlin spokesman Dmitry Peskov") resolves to a name or entity."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..model import Entity
from . import sources

# Lemmas that report speech or writing; any verb form of them is a cue.
SPEECH = frozenset("""say tell claim deny warn tweet state add report accuse label urge announce insist predict
confirm write note explain argue suggest ask reply acknowledge admit marvel threaten promise describe declare
assert allege contend stress emphasize emphasise observe recall reiterate complain vow pledge reveal disclose
concede boast joke lament remark comment testify inform assure estimate quote cite call brand dub charge
criticize criticise condemn praise dismiss rule counter respond caution signal conclude mention point
""".split())
# Cognition verbs count only with a clausal complement ("he believes that ...").
COGNITION = frozenset("believe think feel expect fear hope know understand hear learn".split())
# Data reports ("flight-tracking data showed ...").
DATA_VERBS = frozenset("show indicate suggest reveal confirm".split())
# Speech verbs that only attribute when they govern a quote or a clause, never on their own.
NEEDS_CONTENT = frozenset("call point rule charge signal conclude respond counter".split())
# Forms the tagger often reads as nouns ("Reuters reports that ...").
VERB_FORMS = frozenset("""said says reports reported claims warns tweets adds states told writes notes
""".split())

PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f", "they": "p", "it": "n", "we": "p", "i": "s"}
# Nouns that name a person by role; a definite one ("the spokesman") refers back.
ROLE_NOUNS = frozenset("""source official spokesman spokeswoman spokesperson minister president secretary
adviser advisor aide diplomat person officer envoy ambassador senator governor leader chief director analyst
expert lawmaker general commander insider resident witness agency ministry""".split())
SOURCE_NOUNS = frozenset("source official person people insider diplomat officer aide employee staffer".split())
_ANON_MARK = re.compile(r"\b(?:unnamed|anonymous|unidentified|undisclosed|people familiar|person familiar|"
                        r"person believed|on condition of anonymity)\b", re.I)
_CUT = {",", "(", ")", "—", "–", ";", ":", "\u201c", "\u201d", '"', "\u2018", "\u2019"}


@dataclass
class Speaker:
    text: str
    start: int | None
    end: int | None
    entity: str | None = None
    anonymous: bool = False
    person: bool = False
    head: str = ""  # lower-cased head word, for back-references ("the source")
    source_like: bool = False  # an outlet, body or data source rather than a person


@dataclass
class EntityIndex:
    """Person/org mentions of the article, from `article.entities` or, until those exist, `doc.ents`."""

    spans: list[tuple[int, int, str | None, str, str]] = field(default_factory=list)  # start,end,id,type,name

    @classmethod
    def build(cls, doc: Doc, entities: list[Entity]) -> EntityIndex:
        spans: list[tuple[int, int, str | None, str, str]] = []
        if entities:
            for e in entities:
                for m in e.mentions:
                    spans.append((m.start, m.end, e.id, e.type, e.name))
        else:
            full: dict[str, str] = {}
            for e in doc.ents:
                if e.label_ == "PERSON":
                    last = e[-1].text
                    if len(e.text) > len(full.get(last, "")):
                        full[last] = e.text
            for e in doc.ents:
                if e.label_ in ("PERSON", "ORG", "GPE", "NORP", "FAC"):
                    name = full.get(e[-1].text, e.text) if e.label_ == "PERSON" else e.text
                    spans.append((e.start_char, e.end_char, None, e.label_, name))
        spans.sort()
        return cls(spans)

    def persons(self) -> list[tuple[int, int, str | None, str, str]]:
        return [s for s in self.spans if s[3] == "PERSON"]

    def inside(self, start: int, end: int) -> list[tuple[int, int, str | None, str, str]]:
        return [s for s in self.spans if s[0] < end and s[1] > start]

    def person_by_surname(self, word: str) -> tuple[int, int, str | None, str, str] | None:
        best = None
        for s in self.spans:
            if s[3] == "PERSON" and s[4].split()[-1] == word and (best is None or len(s[4]) > len(best[4])):
                best = s
        return best


def is_cue(tok: Token) -> bool:
    lemma = tok.lemma_.lower()
    if tok.pos_ in ("VERB", "AUX"):
        return lemma in SPEECH or lemma in DATA_VERBS or (lemma in COGNITION and _has_clause(tok))
    return tok.lower_ in VERB_FORMS and tok.i > tok.sent.start and tok.nbor(-1).pos_ in ("PROPN", "NOUN", "PRON")


def _has_clause(tok: Token) -> bool:
    return any(c.dep_ == "ccomp" for c in tok.children)


def subject_of(cue: Token) -> Token | None:
    """The cue's grammatical subject, climbing through conjoined / embedded verbs that share it."""
    tok = cue
    for _ in range(4):
        for c in tok.children:
            if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in ("that", "which", "who"):
                return c
        if tok.dep_ in ("conj", "xcomp", "advcl", "acl", "appos") and tok.head is not tok:
            tok = tok.head
            if tok.pos_ in ("PROPN", "NOUN") and tok.dep_ in ("ROOT", "nsubj"):
                return tok  # fragment parse: "Pompeo, Reuters reports, called ..." hangs the verb on the noun
            continue
        break
    # Inverted or broken parse: a noun phrase right before the cue ("..., Trump marveled").
    j = cue.i - 1
    while j >= cue.sent.start and cue.doc[j].pos_ in ("ADV", "AUX", "PART"):
        j -= 1
    if j >= cue.sent.start and cue.doc[j].pos_ in ("PROPN", "NOUN", "PRON"):
        return cue.doc[j]
    return None


def np_bounds(head: Token, stop: set[int] | None = None) -> tuple[int, int]:
    """Token bounds of the noun phrase headed by `head`, without trailing appositions or relative clauses
    ("Yevgeny Shabayev, leader of ..." -> "Yevgeny Shabayev")."""
    doc = head.doc
    left, right = head.left_edge.i, head.right_edge.i + 1
    for t in doc[head.i + 1 : right]:
        if t.text in _CUT or t.dep_ in ("relcl", "acl") or (stop and t.i in stop):
            right = t.i
            break
    for t in reversed(doc[left : head.i]):
        if t.text in _CUT or (stop and t.i in stop):
            left = t.i + 1
            break
    while left < head.i and doc[left].dep_ in ("cc", "punct", "prep", "advmod"):
        left += 1
    return left, right


def speaker_from_np(span: Span, head: Token, ents: EntityIndex) -> Speaker:
    text = span.text
    start, end = span.start_char, span.end_char
    inner = ents.inside(start, end)
    persons = [s for s in inner if s[3] == "PERSON"]
    if persons:
        p = persons[-1]
        return Speaker(p[4], start, end, p[2], False, True, p[4].split()[-1].lower())
    if head.pos_ == "PROPN":
        p = ents.person_by_surname(head.text)
        if p is not None:
            return Speaker(p[4], start, end, p[2], False, True, head.lower_)
    known = sources.lookup(text)
    lemma = head.lemma_.lower()
    anonymous = bool(_ANON_MARK.search(text)) or (lemma in SOURCE_NOUNS and not inner) or lemma == "sources"
    entity = next((s[2] for s in inner if s[2]), None)
    if known is not None and lemma not in ROLE_NOUNS - {"agency"} and sources.classify_is_plain(text, known):
        return Speaker(known.name, start, end, entity, False, False, lemma, True)
    person = lemma in ROLE_NOUNS and lemma not in ("agency", "ministry")
    source_like = not person and sources.looks_like_source(text)
    return Speaker(text, start, end, entity, anonymous, person or anonymous, lemma, source_like or anonymous)


@dataclass
class History:
    """Speakers seen so far in text order, for pronouns and definite role nouns."""

    speakers: list[tuple[int, Speaker]] = field(default_factory=list)

    def resolve(self, sp: Speaker, head: Token, ents: EntityIndex) -> Speaker:
        pos = sp.start or 0
        low = head.lower_
        if low in PRONOUNS and head.pos_ == "PRON":
            want = PRONOUNS[low]
            for p, prev in reversed(self.speakers):
                if p < pos and (want == "p" or prev.person or (want == "n" and prev.source_like)):
                    return _refer(prev, sp)
            if want in "mf":
                cands = [s for s in ents.persons() if s[1] <= pos]
                if cands:
                    s = cands[-1]
                    return Speaker(s[4], sp.start, sp.end, s[2], False, True, s[4].split()[-1].lower())
            return sp
        det = next((c.lower_ for c in head.children if c.dep_ == "det"), "")
        if det in ("the", "this", "that") and head.lemma_.lower() in ROLE_NOUNS:
            lemma = head.lemma_.lower()
            for p, prev in reversed(self.speakers):
                if p < pos and (prev.head == lemma or lemma in prev.text.lower()):
                    return _refer(prev, sp)
            # "The president" -> the last person introduced with that title ("President Trump")
            for s in reversed(ents.persons()):
                if s[1] <= pos and lemma in head.doc.text[max(0, s[0] - 30) : s[0]].lower():
                    return Speaker(s[4], sp.start, sp.end, s[2], False, True, lemma)
        return sp

    def add(self, pos: int, sp: Speaker) -> None:
        self.speakers.append((pos, sp))


def _refer(prev: Speaker, mention: Speaker) -> Speaker:
    return Speaker(prev.text, mention.start, mention.end, prev.entity, prev.anonymous, prev.person, prev.head,
                   prev.source_like)
