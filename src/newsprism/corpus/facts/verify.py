"""A claim typed by a user against the sentences a corpus holds: which of them report the claim's own values
and which give one of its slots another value.

`compare.py` sets two sentences side by side; a check needs a little more, because the claim is one sentence
and the evidence many:
- counts are compared where the same thing is counted by the same act: "stopped all four trucks" is not
  backed by "saw four trucks" and is contradicted by "stopped the remaining two trucks"; a count that
  no sentence ties to the claim's act falls back to the counted noun alone ("fewer than 20 firefighters" /
  "more than 50 firefighters"). Two people-nouns counted by one act count the same victims ("three people were
  killed" / "killing one man");
- a word the claim asserts that a sentence negates ("pleaded guilty" / "a not guilty plea", "released on bail"
  / "held without bail", "blamed bad weather" / "not due to bad weather");
- two names for one thing in one slot ("held in the city's Northgate prison" / "held in Eastmoor
  prison"): proper modifiers of one head noun with no word in common, places aside (places nest);
- the rest of `compare` (ages, degree words, named fillers, negated predicates) as it stands.
Evidence is only read about the claim's own event: a sentence from an article that names none of the claim's
names cannot contradict it (two events of one kind share words, not their people and places).
News text copied from other formats spaces numbers oddly ("10, 000", "1. 5", "63 - year - old"): the texts are
read with that spacing closed, never shown so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsprism.corpus.facts.compare import STRONG_KINDS, abbreviates, compare, same_thing
from newsprism.corpus.facts.frames import WORD_NUMBERS, Frame, frame_of, lemma_of, number
from newsprism.corpus.facts.spacing import close_spacing as close_spacing  # callers import it here
from newsprism.corpus.facts.stance_features import content_stems, stem
from newsprism.corpus.facts.tallies import LIGHT_VERBS, Tally, other_acts, tallies, tally_match
from newsprism.corpus.facts.when import WEEKDAYS

# Verbs news uses for one act, by general English usage: a claim that people were hurt meets "no one was
# injured". Keyed by lemma and by the crude stem the retrieval uses (`stance_features.stem`).
SAME_ACT = {"hurt": "injure", "wound": "injure"}
SAME_ACT_STEMS = {"hurt": "injur", "wound": "injur"}
# Subjects that say nobody did or underwent the act.
NOBODY = frozenset({"nobody", "none", "nothing", "noone"})
NEGATORS = frozenset({"not", "n't", "never", "no", "without"})
# Arcs from a word up to the verb whose negation reaches it: complements and prepositions, never a subject
# or a clause.
_WALK = frozenset({"pobj", "prep", "pcomp", "acomp", "dobj", "attr", "oprd", "amod"})
_PLACES = frozenset({"GPE", "LOC"})
_WHEN_ENTS = frozenset({"DATE", "TIME"})

@dataclass(frozen=True)
class Conflict:
    """A slot the evidence fills with another value than the claim, in words a reader can check."""
    kind: str  # quantity / value / entity / polarity / time / place
    slot: str
    mine: str
    theirs: str

    def describe(self) -> str:
        return f"{self.kind} conflict on {self.slot}: “{self.mine}” vs “{self.theirs}”"


@dataclass
class Reading:
    """A sentence read for verification."""
    text: str
    frame: Frame
    tallies: list[Tally] = field(default_factory=list)
    asserted: dict[str, str] = field(default_factory=dict)  # checkable word -> its phrase, said to hold
    negated: dict[str, str] = field(default_factory=dict)  # word -> the phrase that says it does not hold
    named: list[tuple[str, str, frozenset[str]]] = field(default_factory=list)  # (slot, head, proper mods)
    names: frozenset[str] = frozenset()  # lower-cased words of its proper nouns
    acts: dict[str, str] = field(default_factory=dict)  # act (canonical verb lemma) -> phrase, said to happen
    denied_acts: dict[str, str] = field(default_factory=dict)  # act -> phrase saying nobody underwent it
    values: frozenset[float] = frozenset()  # every number it states
    years: frozenset[int] = frozenset()  # the years it dates what it tells to ("in 1984", "her 2012 appointment")
    root: str = ""  # lemma of its main verb
    weekdays: frozenset[str] = frozenset()  # the weekdays it names


@dataclass
class Judgement:
    """What one piece of evidence says about the claim."""
    conflicts: list[Conflict] = field(default_factory=list)
    backs: set[str] = field(default_factory=set)  # slots where it gives the claim's own value
    agrees: set[str] = field(default_factory=set)
    covers: bool = False  # it states every number of the claim, each about the same thing, and no other party


def read(texts: list[str]) -> list[Reading]:
    """Parse sentences (spacing closed) into readings, in one batch."""
    from newsprism.nlp.load import get_nlp

    clean = [close_spacing(t) for t in texts]
    return [_reading(doc) for doc in get_nlp().pipe(clean, batch_size=64)]


def _reading(doc) -> Reading:
    r = Reading(text=doc.text, frame=frame_of(doc), tallies=tallies(doc))
    # a weekday or a month is capitalised but names no one: a report of the same event may give another
    r.names = frozenset(t.lower_ for t in doc if t.pos_ == "PROPN" and len(t) > 1 and t.ent_type_ not in _WHEN_ENTS
                        and t.lower_ not in WEEKDAYS)
    r.values = frozenset(v for t in doc if (t.like_num or t.lower_ in WORD_NUMBERS) and ":" not in t.text
                         and (v := number(t)) is not None)
    r.root = next((lemma_of(t) for t in doc if t.dep_ == "ROOT"), "")
    r.years = frozenset(int(t.text) for t in doc if t.ent_type_ == "DATE" and t.text.isdigit()
                        and 1800 <= int(t.text) <= 2100)
    r.weekdays = frozenset(t.lower_ for t in doc if t.lower_ in WEEKDAYS)
    _read_acts(doc, r)
    for t in doc:
        if t.pos_ in ("NOUN", "PROPN"):
            mods = _proper_mods(t)
            if mods:
                r.named.append((_slot_of(t), lemma_of(t), mods))
        neg = _negation_of(t)
        if neg:
            r.negated[lemma_of(t)] = neg
        elif _checkable(t):
            r.asserted[lemma_of(t)] = " ".join(w.text for w in t.subtree if not w.is_punct)[:60]
    return r


def act_of(t) -> str:
    lem = t.lemma_.lower()
    return SAME_ACT.get(lem, lem)


def _nobody(t) -> bool:
    """"nobody", "none", "no one" (but "no one else" says nothing of the people already named)."""
    if any(c.lower_ == "else" for c in t.children):
        return False
    return t.lower_ in NOBODY or (t.lower_ == "one" and any(c.lower_ == "no" for c in t.children))


def _read_acts(doc, r: Reading) -> None:
    for t in doc:
        if t.pos_ != "VERB":
            continue
        subj = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
        if any(_nobody(c) for c in subj):
            for v in [t, *(c for c in t.children if c.dep_ == "xcomp" and c.pos_ == "VERB")]:
                r.denied_acts[act_of(v)] = " ".join(w.text for w in subj[0].subtree) + f" … {v.text}"
        elif subj and not any(c.dep_ == "neg" for c in t.children):
            r.acts[act_of(t)] = " ".join(w.text for w in subj[0].subtree)[:40] + f" {t.text}"


def _proper_mods(t) -> frozenset[str]:
    """The names a noun carries ("Eastmoor prison"); a name on an indefinite noun ("a Lisbon prison") or
    a place's possessive ("Lisbon's prison") says where the thing is, not which it is."""
    if any(d.dep_ == "det" and d.lower_ in ("a", "an") for d in t.children):
        return frozenset()
    return frozenset(c.lower_ for c in t.children if c.pos_ == "PROPN" and c.i < t.i and (
        c.dep_ == "compound" or (c.dep_ == "poss" and c.ent_type_ not in _PLACES)))


def _slot_of(t) -> str:
    """Where a noun sits: the verb it is an argument of and how ("find in", "kill obj")."""
    role, x = t.dep_, t
    if x.dep_ == "pobj":
        role, x = x.head.lower_, x.head
    head = x.head
    while head.pos_ not in ("VERB", "AUX") and head.dep_ != "ROOT" and head.head is not head:
        head = head.head
    return f"{lemma_of(head)} {role}"


def _checkable(t) -> bool:
    """A word whose negation elsewhere contradicts the sentence: an adjective complement ("guilty"), or a
    noun without determiner after a preposition ("on bail", "due to weather")."""
    if t.is_stop or not t.is_alpha:
        return False
    if t.pos_ == "ADJ" and t.dep_ in ("acomp", "oprd", "amod", "advmod", "xcomp"):
        return t.dep_ != "amod" or t.head.pos_ in ("VERB", "AUX")
    if t.pos_ == "NOUN" and t.dep_ in ("pobj", "dobj"):
        # a verb's or adjective's own argument ("released on bail"), not a noun's ("cause of death")
        owner = t.head.head if t.dep_ == "pobj" else t.head
        return owner.pos_ in ("VERB", "AUX", "ADJ") and not any(
            c.dep_ in ("det", "poss", "nummod") for c in t.children)
    return False


def _negation_of(t) -> str:
    """The phrase that says word `t` does not hold: "not guilty", "without bail", "no bail", or a negated verb
    whose own complement (not a clause under it) holds the word ("were not due to bad weather")."""
    if not t.is_alpha or t.is_stop:
        return ""
    for c in t.children:
        if c.lower_ in NEGATORS and c.dep_ in ("neg", "advmod", "det"):
            return f"{c.text} {t.text}"
    if t.dep_ == "pobj" and t.head.lower_ == "without":
        return f"without {t.text}"
    x = t
    for _ in range(4):
        if x.dep_ not in _WALK or x.head is x:
            return ""  # a negated verb does not negate its subject ("the cause of death was not known")
        x = x.head
        if x.pos_ in ("VERB", "AUX"):
            neg = next((c for c in x.children if c.dep_ == "neg"), None)
            return f"{x.text} {neg.text} … {t.text}" if neg is not None and t.pos_ in ("NOUN", "ADJ") else ""
    return ""


def _same_actor(a: Frame, b: Frame, act: str) -> bool:
    """Whether the two sentences' doers of `act` can be one: "Malvey was serving a 15-year sentence" says
    nothing of Ferris's. Two named subjects that share no word are two people; anything else may be one."""
    if not act:
        return True
    subs_a = [x for p in a.preds if p.lemma == act and (x := _doer(p)) is not None]
    subs_b = [x for p in b.preds if p.lemma == act and (x := _doer(p)) is not None]
    named = [(x, y) for x in subs_a for y in subs_b if x.proper and y.proper]
    return not named or any(same_thing(x, y, strict=True) for x, y in named)


def _doer(p):
    """Who the act is about: its subject, or the one it is done to when no subject is named ("Ferris was
    jailed")."""
    return p.subject or next(iter(p.slots.get("obj", [])), None)


def judge_all(claim: Reading, evidence: list[Reading]) -> list[Judgement]:
    """What each piece of evidence says about the claim: its conflicts (never then evidence for it), and the
    slots where it repeats the claim's value."""
    # a count of the claim is compared by act wherever some evidence counts with the same act and role
    by_act = {i: any(tally_match(c, t, True, loose=True) for ev in evidence for t in ev.tallies)
              for i, c in enumerate(claim.tallies)}
    return [_judge(claim, ev, by_act) for ev in evidence]


def _judge(claim: Reading, ev: Reading, by_act: dict[int, bool]) -> Judgement:
    j = Judgement()
    for i, c in enumerate(claim.tallies):
        slot = f"count:{c.act} {c.role}" if by_act[i] else f"count:{c.key}"
        for t in ev.tallies:
            if not tally_match(c, t, by_act[i], loose=True):
                continue
            if not (c.high < t.low or t.high < c.low):
                j.backs.add(slot)
            elif (tally_match(c, t, by_act[i]) and not any(t.low <= v <= t.high for v in claim.values)
                  and _same_actor(claim.frame, ev.frame, c.act) and not other_acts(c, t)):
                # the claim's own parts ("of the five skiffs, three were stopped") are not another value
                j.conflicts.append(Conflict("quantity", slot, c.text, t.text))
    for f in compare(claim.frame, ev.frame):
        if f.kind == "quantity" and not f.slot.startswith("age:"):
            continue  # counts are compared above, by act
        if f.kind == "polarity" and f.slot in LIGHT_VERBS:
            continue  # "there have been attacks" / "would not be effective": a copula asserts no act
        if f.kind in STRONG_KINDS:
            j.conflicts.append(Conflict(f.kind, f.slot, f.mine, f.theirs))
        elif f.kind == "agree":
            j.agrees.add(f.slot)
            j.backs.add(f.slot)
    for word, phrase in claim.asserted.items():
        if word in ev.negated:
            j.conflicts.append(Conflict("polarity", f"word:{word}", phrase, ev.negated[word]))
        elif word in ev.asserted:
            j.backs.add(f"word:{word}")
    for word, phrase in claim.negated.items():
        if word in ev.asserted and word not in ev.negated:
            j.conflicts.append(Conflict("polarity", f"word:{word}", phrase, ev.asserted[word]))
        elif word in ev.negated:
            j.backs.add(f"word:{word}")
    for act, phrase in claim.acts.items():
        if act in ev.denied_acts and act not in LIGHT_VERBS:
            j.conflicts.append(Conflict("polarity", f"act:{act}", phrase, ev.denied_acts[act]))
        elif act in ev.acts:
            j.backs.add(f"act:{act}")
    # a count some report ties to the claim's act must be given for that act; others only as a number
    j.covers = all(f"count:{c.act} {c.role}" in j.backs for i, c in enumerate(claim.tallies) if by_act[i]) and 2 * len(claim.values & ev.values) >= len(claim.values)
    for slot, head, mods in claim.named:
        for slot2, head2, mods2 in ev.named:
            if head == head2 and slot == slot2:
                # "Ft Lindale" / "Fort Lindale": one name, one of its words shortened
                if mods & mods2 or any(abbreviates(x, y) for x in mods for y in mods2):
                    j.backs.add(f"name:{slot} {head}")
                else:
                    j.conflicts.append(Conflict("entity", f"name:{slot} {head}", " ".join(sorted(mods)),
                                                " ".join(sorted(mods2))))
    named_other, other_party = _other_names(claim.frame, ev.frame)
    j.conflicts += named_other
    j.covers = j.covers and not other_party
    other_years = claim.years and ev.years and not claim.years & ev.years
    if other_years and claim.root not in {p.lemma for p in ev.frame.preds}:
        # a sentence dated to other years tells of another occasion (a 1984 fine, not the 2012 one): its
        # values are not the claim's. Told with the claim's own main verb it is the same act given another
        # date ("closed in March 2019 with 300 jobs lost" / "closed in March 2018 with 500"), and contradicts.
        j.conflicts = [c for c in j.conflicts if c.kind not in ("quantity", "value", "entity", "place")]
    j.conflicts += _retold_on_other_date(claim, ev, j.conflicts)
    j.conflicts = list(dict.fromkeys(j.conflicts))
    return j


# Kinds of names that pick one party or one institution: two of them in one slot of one act are two different
# ones. Places are left out: they nest ("in Malibu" / "in California").
_PARTY_KINDS = {"PERSON": "PERSON", "ORG": "ORG", "FAC": "ORG"}


def _other_names(claim: Frame, ev: Frame) -> tuple[list[Conflict], bool]:
    """Where the claim names a person or an organisation in a slot of its act and the evidence names another
    one there and not the claim's. Such a sentence is about another party and never backs the claim (the second
    value); when it tells the same act it contradicts: "John Carter shot the receptionist" / "Alan Brown shot
    the receptionist"; "treated at Harbour Clinic" / "treated at the Lakeside Recovery Centre"."""
    out, other = [], False
    for pa in claim.preds:
        if pa.negated or pa.modal:
            continue
        for pb in ev.preds:
            if pb.lemma != pa.lemma or pb.negated or pb.modal:
                continue
            for slot, xs in pa.slots.items():
                ys = pb.slots.get(slot, [])
                for x in xs:
                    if not (_PARTY_KINDS.get(x.kind) and ys and all(_another_party(x, y) for y in ys)):
                        continue
                    other = True
                    if _same_act_done(pa, pb, slot):
                        out.append(Conflict("entity", f"{pa.lemma} {slot}", x.text, ys[0].text))
    return out, other


def _same_act_done(pa, pb, slot: str) -> bool:
    """Whether two predicates of one verb tell one act, so that another filler of `slot` is another party:
    for the doer, both do it to the same one ("shot the receptionist"; two people who "died in the prison" are
    two deaths); for any other slot, the doers can be one."""
    if slot == "nsubj":  # the frames' doer, a passive's "by" phrase included
        return any(x.head == y.head and not x.pronoun for x in pa.slots.get("obj", []) for y in pb.slots.get("obj", []))
    return same_thing(pa.subject, pb.subject, strict=True)


def _another_party(x, y) -> bool:
    """Two names of different people (another surname: "Englishman Tom Hale" / "Englishman Mark Dunn") or of
    different organisations (no name word in common)."""
    # a name the entity tagger left untyped is read as the claim's kind ("insisted Dunn was ill")
    if not (x.proper and y.proper) or y.pronoun or _PARTY_KINDS.get(x.kind) != _PARTY_KINDS.get(y.kind or x.kind):
        return False
    wx, wy = _name_words(x.text), _name_words(y.text)
    if not wx or not wy:
        return False
    if x.kind == "PERSON" and y.kind in ("PERSON", ""):
        wx, wy = {wx[-1]}, {wy[-1]}
    return not set(wx) & set(wy) and not any(abbreviates(a, b) for a in wx for b in wy)


def _name_words(text: str) -> list[str]:
    """The capitalised words of a name, lower-cased, in order ("the Lakeside Recovery Centre" -> lakeside,
    recovery, centre)."""
    return [w.strip(".,'’\"").lower() for w in text.split() if w[:1].isupper() and len(w.strip(".,'’\"")) > 1]


def _retold_on_other_date(claim: Reading, ev: Reading, found: list[Conflict]) -> list[Conflict]:
    """The claim's act told again in mostly the same words, but on another weekday or in another year, each
    sentence naming one: "indicted in 1970" / "in 1969, he was indicted". The parser may hang the day on
    another verb of the sentence in each, but such a sentence dates one event."""
    other_day = len(claim.weekdays) == len(ev.weekdays) == 1 and claim.weekdays != ev.weekdays \
        and not any(c.slot.startswith("when:") for c in found)
    other_year = len(claim.years) == len(ev.years) == 1 and claim.years != ev.years
    if not (other_day or other_year) or not _retold(claim, ev):
        return []
    out = []
    if other_day:
        out.append(Conflict("time", f"weekday:{claim.root}", min(claim.weekdays), min(ev.weekdays)))
    if other_year:
        out.append(Conflict("time", f"year:{claim.root}", str(min(claim.years)), str(min(ev.years))))
    return out


# Share of a claim's content words (its main verb, numbers and weekdays aside) a sentence must repeat, and the
# fewest, to tell the same act: "arrested the suspect" is not retold by "arrested a second man".
RETOLD_SHARE = 0.5
RETOLD_MIN = 3


def _retold(claim: Reading, ev: Reading) -> bool:
    """Whether a sentence tells the claim's act again: the claim's main verb is one of its predicates and it
    repeats most of the claim's other content words."""
    # the main verb as the frames name it: a copula by its subject ("was the hitman": be:gigante)
    root = {p.lemma for p in claim.frame.preds if p.lemma == claim.root or p.lemma.startswith(claim.root + ":")}
    if not root & {p.lemma for p in ev.frame.preds}:
        return False
    aside = {stem(claim.root), *(stem(d) for d in WEEKDAYS)}
    mine = {w for w in content_stems(claim.text) if not w.isdigit() and w not in aside}
    shared = mine & set(content_stems(ev.text))
    return len(shared) >= max(RETOLD_MIN, RETOLD_SHARE * len(mine))


_NOBODY_RE = re.compile(r"\b(?:nobody|no\s?-?\s?one|none)\b(?!\s+else)", re.I)


def says_nobody(text: str) -> bool:
    """Whether a sentence says that nobody did or underwent something (a cheap filter before parsing)."""
    return bool(_NOBODY_RE.search(text))


def act_stems(claim: str) -> set[str]:
    """The acts a claim says happened, as the retrieval's word stems ("were hurt" -> "injur")."""
    from newsprism.nlp.load import get_nlp

    verbs = [t.lower_ for t in get_nlp()(close_spacing(claim))
             if t.pos_ == "VERB" and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)]
    return {SAME_ACT_STEMS.get(stem(v), stem(v)) for v in verbs}


def about_same_event(claim: Reading, article_body: str) -> bool:
    """Whether an article can speak about the claim's event: it names one of the claim's names (an article
    that names none of them is about another event of the same kind), or the claim names nothing."""
    if not claim.names:
        return True
    body = article_body.lower()
    return any(re.search(r"\b" + re.escape(n) + r"\b", body) for n in claim.names)
