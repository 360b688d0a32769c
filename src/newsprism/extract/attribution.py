"""Attribution cues and speakers over a spaCy parse: which words report speech, who the speaker is, and how a
speaker phrase ("he", "the source", "port authority spokesman Tomas Reyes") resolves to a name or entity."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from newsprism.extract import sources
from newsprism.extract.antecedents import Antecedents
from newsprism.knowledge.names import ORG_HEADS, ORG_SUFFIXES, first_names_compatible
from newsprism.model import Entity
from newsprism.nlp.load import text_of


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Lemmas that report speech or writing; any verb form of them is a cue.
SPEECH = _words("""say tell claim deny warn tweet state add report accuse label urge announce insist predict
confirm write note explain argue suggest ask reply answer acknowledge admit marvel threaten promise describe declare
assert allege contend stress emphasize emphasise observe recall reiterate complain vow pledge reveal disclose
concede boast joke lament remark comment testify inform assure estimate quote cite call brand dub charge
criticize criticise condemn praise dismiss rule counter respond caution signal conclude mention point
encourage
""")
# Public stances taken on something named ("X endorsed Y", "X condemned the attack"): attributions whose content
# is the object. Private states ("wants", "plans") are left out: they are not something anyone reported.
# ("accuse X of Y", "blame X for Y" are left out: their object is who is blamed, not what was said.)
# Speech acts that name what was said by their object or clause ("proposed a tax credit", "demanded that the
# video be released", "questioned whether the plan was legal", "mentioned the report") count the same way.
NAMED_ACTS = _words("propose demand question mention reference discuss")
STANCE = _words("""endorse reject criticize criticise praise condemn announce deny dismiss defend slam blame blast decry
denounce mock tout thank congratulate portray express voice echo list""") | NAMED_ACTS
# Verbs of speaking that name their topic with a preposition ("spoke of the legacy of the war", "talked about
# her ties to the city"): cues only with that topic.
TOPIC_VERBS = _words("speak talk")
# Speech acts that take what they are about with one preposition of their own ("referred to the plan as a
# disaster", "railed against the banks", "apologized for the remarks", "weighed in on the dispute").
PREP_ACTS = {"refer": "to", "rail": "against", "apologize": "for", "apologise": "for", "weigh": "on"}
# Cognition verbs count only with a clausal complement ("he believes that ...").
COGNITION = _words("believe think feel expect fear hope know understand hear learn agree worry assume")
# Verbs that report only when a clause follows: "she continued: “...”", "the sign read: “...”".
CLAUSE_VERBS = COGNITION | _words("continue read express")
# Data reports ("flight-tracking data showed ...", "the study found that ..."): cues only when a record, study or
# other source of data is the subject ("he found the keys" reports nothing).
DATA_VERBS = _words("show indicate suggest reveal confirm find")
# Forms the tagger often reads as nouns ("Reuters reports that ...").
VERB_FORMS = _words("said says reports reported claims warns tweets told writes")

PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f", "they": "p", "it": "n", "we": "p", "i": "s"}
# Nouns that name a person by role; a definite one ("the spokesman") refers back.
ROLE_NOUNS = _words("""source official spokesman spokeswoman spokesperson minister president secretary
adviser advisor aide diplomat person officer envoy ambassador senator governor leader chief director analyst
expert lawmaker general commander insider resident witness agency ministry judge prosecutor lawyer attorney
detective inspector sheriff mayor coach manager captain sergeant lieutenant constable commissioner""")
# Nouns of speech: a verb that takes one reports it ("offered the explanation that", "issued a warning").
SPEECH_NOUNS = _words("""explanation statement claim warning assurance comment remark apology promise pledge
vow threat prediction argument accusation denial admission""")
SOURCE_NOUNS = _words("source official person people insider diplomat officer aide employee staffer contact")
# Common nouns for people who speak in the news without a role title ("critics said", "a neighbour told").
PEOPLE_NOUNS = _words("""man woman men women people person resident residents neighbor neighbour neighbors
neighbours witness witnesses critic critics supporter supporters voter voters activist activists expert experts
member members friend friends relative relatives family families student students worker workers employee
employees parent parents victim victims survivor survivors bystander bystanders fan fans viewer viewers
colleague colleagues owner owners passenger passengers protester protesters investigator investigators
researcher researchers scientist scientists doctor doctors lawyer lawyers attorney attorneys prosecutor
prosecutors police detective detectives teacher teachers candidate candidates group groups father mother son daughter
brother sister husband wife uncle aunt nephew niece cousin child children boy girl""")
# Definite back-references to an earlier speaker ("the data showed", "the source said").
BACKREF_NOUNS = ROLE_NOUNS | {"data", "report", "document", "contract", "people", "contact"}
_ANON_MARK = re.compile(r"\b(?:unnamed|anonymous|unidentified|undisclosed|people familiar|person familiar|"
                        r"person believed|on condition of anonymity)\b", re.I)
# Heads of speaker phrases that are things, never a later "he" or "she".
INANIMATE_SPEAKERS = _words("""statement report document letter release post tweet study poll survey data website
memo memorandum filing record records recording video footage figure figures analysis review document research
audit slide chart transcript average""")
_HONORIFICS = _words("mr mrs ms miss dr sir dame lady lord prof")
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
    plural: bool = False
    animate: bool = True  # can be a "he" or "she" later: not an organisation, a place or a document


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
        if lemma in SPEECH or lemma in DATA_VERBS:
            return True
        if lemma in CLAUSE_VERBS and _has_clause(tok):
            # "he says he believes X": one statement, the belief is what was said
            return not (lemma in COGNITION and tok.dep_ in ("ccomp", "xcomp") and tok.head.pos_ == "VERB"
                        and tok.head.lemma_.lower() in SPEECH)
        if lemma in COGNITION:
            return False  # "feared a warning", "heard the statement": a thought or a hearing, no report
        if lemma in TOPIC_VERBS:
            return topic_prep(tok) is not None
        if lemma in PREP_ACTS:
            return any(c.dep_ == "prep" and c.lower_ == PREP_ACTS[lemma] and any(
                g.dep_ in ("pobj", "pcomp") for g in c.children) for c in tok.rights)
        # "endorsed the plan", "offered the explanation that ...": the object makes it a report
        return any(c.dep_ == "dobj" and (lemma in STANCE or c.lemma_.lower() in SPEECH_NOUNS)
                   or lemma in STANCE and c.dep_ in ("ccomp", "xcomp") for c in tok.rights)
    if tok.lower_ not in VERB_FORMS or tok.is_sent_start or tok.i == 0 or tok.i + 1 >= len(tok.doc) \
            or tok.dep_ in ("dobj", "pobj", "conj", "attr"):
        return False
    nxt = tok.nbor(1)
    return tok.nbor(-1).pos_ in ("PROPN", "NOUN", "PRON") and (
        nxt.lower_ == "that" or nxt.is_punct or nxt.pos_ in ("DET", "PRON", "PROPN", "NUM"))


def topic_prep(verb: Token) -> Token | None:
    """The "of" / "about" that names what a verb of speaking is about, with its object ("spoke on the radio"
    names a medium, so "on" is left out)."""
    return next((c for c in verb.rights if c.dep_ == "prep" and c.lower_ in ("of", "about")
                 and any(g.dep_ in ("pobj", "pcomp") and g.ent_type_ not in ("DATE", "TIME") for g in c.children)),
                None)  # "talked about last night" names a time, not a topic


def _has_clause(tok: Token) -> bool:
    return any(c.dep_ == "ccomp" for c in tok.children)


_TITLE_ABBREVIATIONS = _words("""mr mrs ms dr prof rev gen col lt sgt cpl pvt capt cmdr adm maj const det insp
supt gov sen rep atty amb pres supt""")


def is_title_abbreviation(tok: Token) -> bool:
    """A title shortened with a full stop ("Lt.", "Const."), after which a tokenizer may end the sentence."""
    text = tok.text
    return text.endswith(".") and text[:-1].lower() in _TITLE_ABBREVIATIONS or (
        tok.lower_ in _TITLE_ABBREVIATIONS and tok.i + 1 < len(tok.doc) and tok.nbor(1).text == ".")


def subject_of(cue: Token, seg: tuple[int, int], skip: set[int]) -> Token | None:
    """The cue's grammatical subject, climbing through conjoined / embedded verbs that share it; `skip` holds
    tokens that cannot be a subject (quotes, an inserted "Reuters reports")."""
    agent = _agent(cue, skip)
    if agent is not None:
        return agent  # "the man described by the magazine as ...", "was told by police"
    tok = cue
    for _ in range(5):
        for c in tok.children:
            if c.dep_ in ("nsubj", "nsubjpass") and c.i not in skip and seg[0] <= c.i < seg[1]:
                if c.dep_ == "nsubjpass" and tok is cue and tok.lemma_.lower() not in ("quote", "cite"):
                    # "the car was described as ...": the subject is what was spoken of; the speaker, if
                    # any, is the agent ("was described by police")
                    return _agent(tok, skip)
                if c.lower_ in ("who", "that", "which"):
                    # "a post from Governor Markovic earlier this week, who claimed": the person, not the noun
                    near = [t for t in c.doc[max(seg[0], c.i - 8) : c.i] if t.ent_type_ == "PERSON"]
                    if c.lower_ == "who" and near:
                        return near[-1]
                    if tok.dep_ == "relcl" and tok.head.pos_ in ("PROPN", "NOUN") and (
                            c.lower_ == "who" or can_speak(tok.head)
                            or tok.head.lemma_.lower() in INANIMATE_SPEAKERS):  # "the study, which notes"
                        return tok.head  # "backs that reveal the components": things, not a speaker
                    return None
                return c
        if tok.dep_ == "pcomp" and tok.tag_ == "VBG" and tok.head.dep_ == "prep" and tok.head.head.pos_ in ("VERB", "AUX"):
            tok = tok.head.head  # "responded by saying ...", "after saying ...": the subject of the main verb
            continue
        if tok.dep_ in ("conj", "xcomp", "advcl", "acl", "appos") and tok.head.i != tok.i:
            tok = tok.head
            if tok.i in skip:
                continue
            if tok.pos_ in ("PROPN", "NOUN") and tok.dep_ in ("ROOT", "nsubj"):
                return tok  # fragment parse: "Voss, the AP reports, called ..." hangs the verb on the noun
            continue
        if tok.i in skip:
            # an inserted "the AP reports" parsed as the root: the real subject hangs on it ("Voss, ...")
            cand = [c for c in tok.children if c.i < tok.i and c.i not in skip and c.pos_ in ("PROPN", "NOUN")
                    and c.dep_ in ("nmod", "nsubj", "npadvmod", "appos", "dep")]
            if cand:
                return cand[0]
        if tok.i in skip and tok.head.i != tok.i:
            tok = tok.head
            if tok.pos_ in ("PROPN", "NOUN") and tok.i not in skip:
                return tok
            continue
        break
    # Inverted or broken parse: a noun phrase right before the cue ("..., Markovic marveled"), standing on
    # its own (after a comma, a quote or the sentence start: not the object of a verb, "watching X cry"), or
    # the noun the cue hangs on ("released a statement saying").
    j = cue.i - 1
    while j >= seg[0] and (cue.doc[j].pos_ in ("ADV", "AUX", "PART") or j in skip and cue.doc[j].text != ","):
        j -= 1
    if j >= seg[0] and j not in skip and cue.doc[j].pos_ in ("PROPN", "NOUN", "PRON"):
        lo = np_bounds(cue.doc[j], skip, seg)[0]
        if lo <= seg[0] or cue.doc[lo - 1].is_punct or (lo - 1) in skip or cue.head.i == j:
            return cue.doc[j]
    return _initial_subject(cue, seg, skip)


def _agent(verb: Token, skip: set[int]) -> Token | None:
    by = next((c for c in verb.children if c.dep_ == "agent"), None)
    obj = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
    return obj if obj is not None and obj.i not in skip else None


def can_speak(tok: Token) -> bool:
    """Whether a common-noun head can be a speaker by itself: a person's role, a source, a named body."""
    lemma = tok.lemma_.lower()
    return tok.pos_ in ("PROPN", "PRON") or lemma in ROLE_NOUNS or lemma in SOURCE_NOUNS or lemma in PEOPLE_NOUNS \
        or tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or sources.looks_like_source(tok.text)


def _initial_subject(cue: Token, seg: tuple[int, int], skip: set[int]) -> Token | None:
    """A sentence that opens with a bare name phrase and a comma ("Port director Hanna Voss, speaking
    for ..., has said"): the parser lost the subject, the word order still tells it."""
    doc = cue.doc
    head = None
    for t in doc[seg[0] : cue.i]:
        if t.pos_ in ("PROPN", "NOUN"):
            head = t
        elif t.pos_ in ("DET", "ADJ") or t.lower_ == "of" or t.text in ("-", "’s", "'s"):
            continue
        elif t.text == "," and head is not None and head.i not in skip:
            return head
        else:
            return None
    return None


def np_bounds(head: Token, stop: set[int] | None = None, seg: tuple[int, int] | None = None) -> tuple[int, int]:
    """Token bounds of the noun phrase headed by `head`, without trailing appositions or relative clauses
    ("Mira Osei, the investigations editor of ..." -> "Mira Osei")."""
    doc = head.doc
    left, right = head.left_edge.i, head.right_edge.i + 1
    if seg is not None:
        left, right = max(left, seg[0]), min(right, seg[1])
    for t in doc[head.i + 1 : right]:
        if t.text in _CUT or t.dep_ in ("relcl", "acl") or t.tag_ in ("WP", "WDT") or (stop and t.i in stop) \
                or t.is_space:
            right = t.i
            break
    for t in reversed(doc[left : head.i]):
        if t.text in _CUT or (stop and t.i in stop) or t.is_space:
            left = t.i + 1
            break
    while left < head.i and (doc[left].dep_ in ("cc", "punct", "prep")
                             or doc[left].dep_ == "advmod" and doc[left + 1].text != "-"):
        left += 1
    return left, right


def speaker_from_np(span: Span, head: Token, ents: EntityIndex, appos: Span | None = None) -> Speaker:
    """The speaker a noun phrase names. `appos` is the apposition after it, which names a speaker introduced
    by role ("her nephew, Ravi Singh, 32")."""
    text = span.text
    start, end = span.start_char, span.end_char
    inner = ents.inside(start, end)
    # the person the phrase is about, not one in a modifier ("the prosecutor in the Costello case")
    persons = [s for s in inner if s[3] == "PERSON" and _names_head(span, s, head)]
    if not persons and appos is not None and head.pos_ == "NOUN":
        persons = [s for s in ents.inside(appos.start_char, appos.end_char) if s[3] == "PERSON"][:1]
    if persons:
        p = persons[-1]
        name = _person_name(span.doc, p)
        return Speaker(name, start, end, p[2], False, True, name.split()[-1].lower())
    if head.pos_ == "PROPN":
        p = ents.person_by_surname(head.text)
        if p is not None:
            return Speaker(p[4], start, end, p[2], False, True, head.lower_)
    known = sources.lookup(text)
    lemma = head.lemma_.lower()
    anonymous = bool(_ANON_MARK.search(text)) or lemma == "sources" or (
        lemma in SOURCE_NOUNS and not any(s[3] in ("PERSON", "ORG") for s in inner))
    entity = next((s[2] for s in inner if s[2] and s[0] <= head.idx < s[1]), None)
    if known is not None and lemma not in ROLE_NOUNS - {"agency"} and sources.classify_is_plain(text, known):
        return Speaker(known.name, start, end, entity, False, False, lemma, True, animate=False)
    person = lemma in ROLE_NOUNS and lemma not in ("agency", "ministry")
    source_like = not person and sources.looks_like_source(text)
    # a named organisation or place; the tagger often calls a bare surname an ORG, so an ORG must say so itself
    named_thing = any(s[0] <= head.idx < s[1] and (s[3] in ("GPE", "NORP", "FAC") or s[3] == "ORG" and any(
        w in ORG_HEADS or w in ORG_SUFFIXES for w in s[4].lower().split())) for s in inner)
    animate = head.lower_ in ("he", "she") if head.pos_ == "PRON" else (
        person or not (source_like or named_thing or lemma in INANIMATE_SPEAKERS))
    return Speaker(text, start, end, entity, anonymous, person or anonymous, head.lower_, source_like or anonymous,
                   head.tag_ in ("NNS", "NNPS") and head.lower_ != "one", animate)


def _names_head(span: Span, p: tuple[int, int, str | None, str, str], head: Token) -> bool:
    """Whether a person inside a speaker phrase is the speaker: the head itself, or joined to it by compound,
    apposition or title ("Lt. Gerry Scherlinck"), not through a preposition ("the prosecutor in the X case")."""
    if p[0] <= head.idx < p[1]:
        return True
    tok = next((t for t in span if t.idx >= p[0]), None)
    for _ in range(6):
        if tok is None or tok.i == head.i:
            return True
        if tok.dep_ in ("prep", "pobj", "poss") or tok.tag_ == "POS":
            return False
        if tok.head.i == tok.i:
            return True
        tok = tok.head
    return True


def _person_name(doc: Doc, p: tuple[int, int, str | None, str, str]) -> str:
    """The entity's name, unless the mention is a full name of someone else the entity merged by surname
    ("Charlie Kafoury" inside an entity named "Charlene Kafoury"): then the mention as written."""
    mention = [w for w in text_of(doc)[p[0] : p[1]].split() if w.lower().rstrip(".") not in _HONORIFICS]
    name = p[4].split()
    if len(mention) >= 2 and len(name) >= 2 and mention[-1] == name[-1] \
            and not first_names_compatible(mention[0], name[0]):
        return " ".join(mention)
    return p[4]


@dataclass
class History:
    """Speakers seen so far in text order, for pronouns and definite role nouns."""

    speakers: list[tuple[int, Speaker]] = field(default_factory=list)
    antecedents: Antecedents | None = None  # person mentions for "he"/"she"; without it, the last speaker

    def resolve(self, sp: Speaker, head: Token, ents: EntityIndex, sent_start: int) -> Speaker:
        pos = sp.start or 0
        low = head.lower_
        if low in PRONOUNS and head.pos_ == "PRON":
            want = PRONOUNS[low]
            if want in "mf" and self.antecedents is not None:
                return self._person_pronoun(sp, pos, want)
            if want in "mf":
                # a person named earlier in the same sentence beats the last speaker ("Reyes, who ... he
                # says")
                same = [s for s in ents.persons() if sent_start <= s[0] and s[1] <= pos]
                if same:
                    s = same[-1]
                    return Speaker(s[4], sp.start, sp.end, s[2], False, True, s[4].split()[-1].lower())
            for p, prev in reversed(self.speakers):
                if p < pos and (want == "p" or (prev.person and not prev.plural and want in "mfs")
                                or (want == "n" and prev.source_like)):
                    return _refer(prev, sp)
            if want in "mf":
                cands = [s for s in ents.persons() if s[1] <= pos]
                if cands:
                    s = cands[-1]
                    return Speaker(s[4], sp.start, sp.end, s[2], False, True, s[4].split()[-1].lower())
            return sp
        det = next((c.lower_ for c in head.children if c.dep_ == "det"), "")
        restricted = any(c.dep_ == "prep" and c.lower_ != "for" for c in head.children)  # "the prosecutor in the X case"
        if det in ("the", "this", "that") and not restricted and (
                head.lemma_.lower() in BACKREF_NOUNS or low in BACKREF_NOUNS):
            lemma = low if low in BACKREF_NOUNS else head.lemma_.lower()
            return self._role_backref(sp, head, lemma, pos, ents) or sp
        return sp

    def add(self, pos: int, sp: Speaker) -> None:
        self.speakers.append((pos, sp))

    def _role_backref(self, sp: Speaker, head: Token, lemma: str, pos: int, ents: EntityIndex) -> Speaker | None:
        """"the judge": the last speaker of that role, or the last person introduced with that title ("Judge
        Elena Marković"), whichever the text named last."""
        mods = [c.lower_ for c in head.children if c.dep_ in ("amod", "nummod") and c.i < head.i]
        spoke: tuple[int, Speaker] | None = None
        for p, prev in reversed(self.speakers):
            low_prev = prev.text.lower()
            if p < pos and prev.text != sp.text and (prev.head == lemma or lemma in low_prev) \
                    and all(m in low_prev for m in mods) and prev.plural == sp.plural:
                spoke = (p, _refer(prev, sp))
                break
        titled: tuple[int, Speaker] | None = None
        body = text_of(head.doc)
        for s in reversed(ents.persons()):
            pre = body[max(0, s[0] - 30) : s[0]].lower().rstrip()
            named = pre.endswith(lemma) or body[s[0] : s[1]].lower().startswith(lemma + " ")
            if s[1] <= pos and named and not re.search(r"vice[- ]" + lemma + "$", pre):
                titled = (s[0], Speaker(s[4], sp.start, sp.end, s[2], False, True, lemma))
                break
        best = max((c for c in (spoke, titled) if c is not None), key=lambda c: c[0], default=None)
        return best[1] if best else None

    def _person_pronoun(self, sp: Speaker, pos: int, want: str) -> Speaker:
        ante = self.antecedents
        assert ante is not None
        eligible = [(p, prev) for p, prev in self.speakers if p < pos and prev.animate and not prev.plural]
        found = ante.find(pos, want, [(p, prev.text, prev.head) for p, prev in eligible])
        if found is None:
            return sp
        kind, i = found
        if kind == "speaker":
            return _refer(eligible[i][1], sp)
        s = ante.persons[i]
        return Speaker(s[4], sp.start, sp.end, s[2], False, True, s[4].split()[-1].lower())


def _refer(prev: Speaker, mention: Speaker) -> Speaker:
    return Speaker(prev.text, mention.start, mention.end, prev.entity, prev.anonymous, prev.person, prev.head,
                   prev.source_like, prev.plural)
