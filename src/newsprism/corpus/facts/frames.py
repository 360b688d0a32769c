"""Claims with structure: a claim sentence read from its dependency parse into a `Frame`: who did what to whom
(each predicate's lemma, negation and modality, its arguments by slot), how many (the counted noun, the number
and the range its hedge allows, ages) and when, so that `compare.py` can set two claims side by side slot by
slot. Only grammar is used: dependency labels, parts of speech, entity types, closed-class words.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from newsprism.corpus.facts.claims import NUMBER_WORDS
from newsprism.corpus.facts.units import HEDGE_RANGE, ROUNDING, normal_unit, singular, unit_factor
from newsprism.corpus.facts.when import When, read_when

# Closed-class words of English grammar: modal auxiliaries and adverbs/adjectives of possibility.
MODALS = frozenset({"may", "might", "could", "possibly", "perhaps", "probably", "likely", "unlikely", "maybe"})
# Light verbs: a negated "have"/"be"/"exist" says its object does not exist ("had no suspects").
EXISTENTIAL = frozenset({"have", "be", "exist", "find", "identify", "name"})
PRONOUNS = frozenset({"it", "this", "that", "these", "those", "them", "they", "he", "she", "him", "her", "who",
                      "which", "what", "someone", "anyone", "one"})
ARG_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "oprd", "dative", "agent", "acomp"})
ENTITY_KINDS = frozenset({"PERSON", "GPE", "LOC", "FAC", "ORG", "NORP", "TIME", "DATE"})
# Number words past the ones the claim reader's surface patterns know, so that "sixty people" meets "60 people".
WORD_NUMBERS = {**NUMBER_WORDS, "thirteen": 13, "fourteen": 14, "sixteen": 16, "seventeen": 17, "eighteen": 18,
                "nineteen": 19, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}

@dataclass(frozen=True)
class Value:
    """One argument: its head noun (lemma), the modifiers that specify which one, and what kind it is."""
    head: str
    mods: tuple[str, ...] = ()
    proper: bool = False
    kind: str = ""
    text: str = ""
    bare: bool = False  # no determiner: a kind of thing ("sentenced to life", "in prison")

    @property
    def pronoun(self) -> bool:
        return self.head in PRONOUNS or not self.head


@dataclass
class Pred:
    """One predicate of a sentence: its lemma, polarity and modality, and its arguments by slot."""
    lemma: str
    negated: bool = False
    modal: bool = False
    slots: dict[str, list[Value]] = field(default_factory=dict)

    @property
    def subject(self) -> Value | None:
        for key in ("nsubj", "nsubjpass"):
            if self.slots.get(key):
                return self.slots[key][0]
        return None


@dataclass(frozen=True)
class Count:
    """A counted thing: key (counted noun, or "age:<who>"), value and the range its hedge allows."""
    key: str
    value: float
    low: float
    high: float
    text: str
    possible: bool = False  # under a modal or a condition: "could be sentenced to as much as 55 years"


def under_modal(t) -> bool:
    """Under a modal or a condition: "could be sentenced to as much as 55 years"."""
    for h in [t, *t.ancestors]:
        if any((c.dep_ == "aux" and c.lower_ in MODALS) or (c.dep_ == "mark" and c.lower_ == "if")
               for c in h.children):
            return True
    return False


@dataclass
class Frame:
    """A sentence read for comparison."""
    text: str
    preds: list[Pred] = field(default_factory=list)
    counts: list[Count] = field(default_factory=list)
    absent: set[str] = field(default_factory=set)  # things said not to exist ("no suspects")
    present: set[str] = field(default_factory=set)  # things that are arguments of an asserted event
    heads: dict[str, list[Value]] = field(default_factory=dict)  # every modified noun, by head lemma
    whens: dict[str, When] = field(default_factory=dict)  # act -> the weekday, clock time or side it gives


def lemma_of(t) -> str:
    """A token's lemma, lower-cased; a noun's singular (the key nouns are compared by)."""
    lem = (t.lemma_ or t.text).lower()
    return singular(lem) if t.pos_ in ("NOUN", "PROPN") else lem


def number(t) -> float | None:
    """The value a number token or number word states ("1,200", "sixty")."""
    word = t.lower_.replace(",", "")
    try:
        return float(word)
    except ValueError:
        return float(WORD_NUMBERS[word]) if word in WORD_NUMBERS else None


def hedge(num) -> tuple[float, float]:
    """The allowed range factors of the words just before a number ("more than 50")."""
    doc = num.doc
    left = " ".join(w.lower_ for w in doc[max(0, num.i - 3):num.i])
    for phrase, rng in sorted(HEDGE_RANGE.items(), key=lambda kv: -len(kv[0])):
        if left.endswith(phrase):
            return rng
    return (1.0, 1.0)


def _mods(t) -> tuple[str, ...]:
    """The specifying modifiers of a noun: compounds, ordinals and hyphenated numbers ("third-degree"), as the
    words of each modifier's subtree; a plain adjective ("suspected", "Somali") describes, it does not pick."""
    out = []
    for c in t.children:
        if c.i > t.i:
            continue
        sub = list(c.subtree)
        numeric = c.ent_type_ == "ORDINAL" or (any(w.like_num for w in sub) and any(w.tag_ == "HYPH" for w in sub))
        if c.dep_ == "compound" and c.like_num:  # "a 0.41 reading": a count, compared as one
            continue
        if c.dep_ == "compound" or (c.dep_ in ("amod", "nmod", "npadvmod") and numeric):
            words = [w.lower_.rstrip(".") for w in sub if w.tag_ != "HYPH" and not w.is_punct]
            # a name keeps its entity type: a place locating the thing ("a Lisbon prison") does not name it
            # the way another name does ("Eastmoor prison"), and neither does a name on an indefinite noun
            # phrase ("a Lisbon prison" is some prison there)
            indefinite = any(d.dep_ == "det" and d.lower_ in ("a", "an") for d in t.children)
            kind = "num" if numeric or c.like_num else "place" if c.pos_ == "PROPN" and indefinite else \
                f"name@{c.ent_type_}" if c.pos_ == "PROPN" else "noun"
            if words:
                out.append(kind + ":" + "-".join(words))
    return tuple(out)


def _value(t) -> Value:
    det = any(c.dep_ in ("det", "poss", "nummod") for c in t.children)
    kind = t.ent_type_ if t.ent_type_ in ENTITY_KINDS else ""
    span = [w for w in t.subtree if w.i <= t.i and not w.is_punct and w.dep_ not in ("det", "prep", "punct")]
    text = " ".join(w.text for w in span[-4:])
    return Value(head=lemma_of(t), mods=_mods(t), proper=t.pos_ == "PROPN", kind=kind, text=text,
                 bare=not det and t.pos_ == "NOUN" and t.tag_ in ("NN",))


def _negated(t) -> bool:
    for c in t.children:
        if c.dep_ == "neg" or (c.lower_ in ("never",) and c.dep_ in ("advmod", "neg")):
            return True
        # "No-one" is split by the tokenizer, and its "No" parsed as the subject itself
        if c.dep_ in ARG_DEPS and (c.lower_ in ("nobody", "none", "nothing", "noone", "no") or
                                   any(d.dep_ == "det" and d.lower_ in ("no", "neither") for d in c.children)):
            return True
    return False


def _modal(t) -> bool:
    for c in t.children:
        if c.dep_ in ("aux", "advmod", "acomp") and c.lower_ in MODALS:
            return True
    head = t.head
    # "it is unlikely that ...", "... is likely to ..."
    return t.dep_ in ("ccomp", "xcomp") and head.lower_ in MODALS or any(
        c.lower_ in MODALS and c.dep_ == "acomp" for c in head.children if t.dep_ in ("ccomp", "xcomp"))


def _subject_of(t) -> list:
    subs = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
    if subs and t.dep_ == "relcl" and subs[0].lower_ in ("who", "which", "that"):
        return [t.head]
    if not subs and t.dep_ in ("conj", "xcomp", "advcl") and t.head.pos_ in ("VERB", "AUX"):
        return [c for c in t.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subs and t.dep_ in ("relcl", "acl"):  # "a woman killed outside the store"
        return [t.head]
    return subs


def _pred(t) -> Pred:
    p = Pred(lemma=lemma_of(t), negated=_negated(t), modal=_modal(t))
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in t.children)
    for s in _subject_of(t):
        # the subject of a passive is the object of the active ("Ferris was sentenced" / "a judge sentenced
        # Ferris"), and its "by" phrase the subject
        p.slots.setdefault("obj" if passive else "nsubj", []).append(_value(s))
    for c in t.children:
        if c.dep_ in ("dobj", "attr", "oprd", "dative", "acomp") and c.pos_ != "AUX":
            p.slots.setdefault("obj", []).append(_value(c))
        elif c.dep_ == "prep":
            for o in c.children:
                if o.dep_ == "pobj":
                    p.slots.setdefault(f"{c.lower_}", []).append(_value(o))
                    for cj in o.conjuncts:
                        p.slots[f"{c.lower_}"].append(_value(cj))
        elif c.dep_ == "agent":
            for o in c.children:
                if o.dep_ == "pobj":
                    p.slots.setdefault("nsubj", []).append(_value(o))
        elif c.dep_ == "prt":
            p.lemma += " " + c.lower_
    if t.lemma_ == "be" and p.subject is not None:
        # a copula's content is its complement: "the brothers were from Perth" is about the brothers
        p.lemma = f"be:{p.subject.head}"
    return p


def _counts(doc) -> list[Count]:
    out = []
    for t in doc:
        if not t.like_num or t.dep_ not in ("nummod", "appos", "npadvmod", "dobj", "attr", "pobj", "nsubj"):
            continue
        if any(c.dep_ == "conj" and c.like_num for c in t.children) or (t.dep_ == "conj" and t.head.like_num):
            continue  # "14 Dutch and 9 Belgian fans": parts of a count, not the count
        if t.dep_ == "nummod" and sum(w.like_num and w.dep_ == "nummod" for w in t.head.subtree) > 1:
            continue
        v = number(t)
        if v is None:
            continue
        lo, hi = hedge(t)
        noun = t.head if t.dep_ == "nummod" else None
        while noun is not None and noun.dep_ == "compound" and noun.head.pos_ in ("NOUN", "PROPN"):
            noun = noun.head  # "two night guards" counts guards, however the parser attaches the number
        if t.dep_ == "appos" and t.head.pos_ == "PROPN":  # "Eric Kirkpatrick, 61,"
            if not t.is_digit or any(c.dep_ == "prep" for c in t.children):
                continue  # "Eric Kirkpatrick, one of 40 drivers": a member of a group, not an age
            key = f"age:{lemma_of(t.head)}"
        elif noun is not None and noun.lemma_ == "year" and noun.head.lower_ in ("old", "aged"):
            old = noun.head
            # "the woman ... was 76 years old": the copula's subject, or the subject of the verb the parser
            # hung the copula on ("The woman killed outside the store was 76")
            who = old.head if old.dep_ == "amod" else next(
                (c for h in (old.head, old.head.head) for c in h.children if c.dep_ in ("nsubj", "nsubjpass")),
                None)
            if who is None:
                continue
            key = f"age:{lemma_of(who)}"
        elif t.dep_ in ("dobj", "npadvmod") and t.head.lower_ == "aged":
            key = f"age:{lemma_of(t.head.head)}"
        elif noun is not None and noun.pos_ in ("NOUN", "PROPN") and noun.is_alpha and len(noun) > 1:
            key = lemma_of(noun)
            factor = unit_factor(key)  # "200 feet" and "60 metres" are one length
            if factor != 1.0:
                v *= factor
                lo, hi = lo * (1 - ROUNDING), hi * (1 + ROUNDING)
            key = normal_unit(key)
        else:
            continue
        if 1900 <= v <= 2100 and lo == hi == 1.0 and not key.startswith("age:") and noun is not None \
                and noun.ent_type_ == "DATE":
            continue
        out.append(Count(key, v, v * lo, v * hi, t.text if noun is None else f"{t.text} {noun.text}",
                         under_modal(t)))
    return out


def frame_of(doc) -> Frame:
    """The frame of a parsed sentence (a spaCy Doc or Span)."""
    f = Frame(text=doc.text)
    for t in doc:
        if t.pos_ in ("NOUN", "PROPN"):
            f.heads.setdefault(lemma_of(t), []).append(_value(t))
        if t.pos_ not in ("VERB", "AUX") or (t.pos_ == "AUX" and t.dep_ not in ("ROOT", "ccomp", "conj", "relcl")):
            continue
        p = _pred(t)
        f.preds.append(p)
        args = [v for k, vs in p.slots.items() for v in vs if k in ("obj", "nsubj", "nsubjpass")]
        if p.negated:
            # "did not have any suspects": the object of a negated light verb, or an argument under "no"/"any",
            # is said not to exist; the subject of "police did not have" is not
            for c in t.children:
                quantified = any(d.dep_ == "det" and d.lower_ in ("no", "any") for d in c.children)
                light_object = t.lemma_ in EXISTENTIAL and c.dep_ in ("dobj", "attr")
                if c.dep_ in ARG_DEPS and c.pos_ == "NOUN" and (quantified or light_object):
                    f.absent.add(lemma_of(c))
        elif not p.negated and not p.modal and t.lemma_ not in EXISTENTIAL:
            f.present |= {v.head for v in args if not v.pronoun}
    for t in doc:
        if t.pos_ in ("NOUN", "PROPN"):
            if any(d.dep_ == "det" and d.lower_ == "no" for d in t.children):  # "there were no suspects"
                f.absent.add(lemma_of(t))
            # a noun's own prepositions ("the brothers, from Perth,") compare like a copula's ("were from")
            noun = Pred(lemma=f"be:{lemma_of(t)}")
            for c in t.children:
                if c.dep_ == "prep":
                    noun.slots[c.lower_] = [_value(o) for o in c.children if o.dep_ == "pobj"]
            if noun.slots:
                f.preds.append(noun)
    f.present -= f.absent
    f.counts = _counts(doc)
    f.whens = read_when(doc)
    return f


@lru_cache(maxsize=4096)
def frame_of_text(text: str) -> Frame:
    """Parse one sentence (cached: check and the fact status ask for the same sentences again)."""
    from newsprism.nlp.load import get_nlp

    return frame_of(get_nlp()(text))


def frames_of_texts(texts: Iterable[str]) -> list[Frame]:
    """Frames of many sentences, parsed in one batch (the corpus stage parses a fact's mentions together)."""
    from newsprism.nlp.load import get_nlp

    texts = list(texts)
    todo = list(dict.fromkeys(t for t in texts if t not in _FRAME_CACHE))
    for t, doc in zip(todo, get_nlp().pipe(todo, batch_size=64), strict=True):
        _FRAME_CACHE[t] = frame_of(doc)
    if len(_FRAME_CACHE) > 20000:
        keep = {t: _FRAME_CACHE[t] for t in texts}
        _FRAME_CACHE.clear()
        _FRAME_CACHE.update(keep)
    return [_FRAME_CACHE[t] for t in texts]


_FRAME_CACHE: dict[str, Frame] = {}
