"""Two claims compared slot by slot: where they agree and where they cannot both be true.

A claim sentence is read from its dependency parse into a `Frame`: its predicates (verb lemma, negation,
modality) with their arguments (subject, object, each preposition's object), and the things it counts (the
counted noun, the number and its hedge, ages). Two frames then conflict when, about the same thing:
- `quantity`: the same counted noun (or the same person's age) has values whose ranges cannot overlap
  ("three climbers died" / "two climbers died"; "more than 50 firefighters" / "fewer than 20 firefighters");
- `value`: the same head noun carries different specifying modifiers ("third-degree murder" / "first-degree
  murder", "a life sentence" / "a 12-year sentence", "Jamaica Hospital" / "Elmhurst Hospital");
- `entity`: the same predicate, with compatible subjects, has a different named entity (or a different bare
  noun) in the same argument slot ("sentenced to life" / "sentenced to death", "from Perth" / "from Sydney");
- `polarity`: the same predicate about compatible subjects is negated on one side only ("had never been
  convicted" / "had been previously convicted"), or a thing said not to exist ("police did not have any
  suspects", "no suspects") is an argument of an asserted event on the other side ("arrested a suspect");
- `doubt`: the same predicate is asserted on one side and only possible on the other ("may head for" /
  "headed for"); weaker than a conflict: it makes a fact contested, never a `check` claim contradicted.
Slots that hold the same value on both sides are agreements, so that a caller can tell a claim nobody in the
corpus repeats from one that outlets disagree on. Only grammar is used (dependency labels, parts of speech,
entity types and a few closed-class words), never a list of topic words.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from newsprism.corpus.facts.claims import NUMBER_WORDS, singular

# Closed-class words of English grammar: modal auxiliaries and adverbs/adjectives of possibility.
MODALS = frozenset({"may", "might", "could", "possibly", "perhaps", "probably", "likely", "unlikely", "maybe"})
NEGATORS = frozenset({"not", "n't", "never", "no", "none", "nobody", "nothing", "neither", "nor", "without"})
# Light verbs: a negated "have"/"be"/"exist" says its object does not exist ("had no suspects").
EXISTENTIAL = frozenset({"have", "be", "exist", "find", "identify", "name"})
# Nouns that name a claim itself, so that "denied the report" denies what the fact says.
SPEECH_NOUNS = frozenset({"claim", "report", "allegation", "accusation", "rumor", "rumour", "story", "account",
                          "statement", "suggestion", "assertion", "speculation"})
# Pronouns that can stand for a claim ("denied it"); "challenged them" is about people.
CLAIM_PRONOUNS = frozenset({"it", "this", "that", "these", "those", "which"})
PRONOUNS = frozenset({"it", "this", "that", "these", "those", "them", "they", "he", "she", "him", "her", "who",
                      "which", "what", "someone", "anyone", "one"})
ARG_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "oprd", "dative", "agent", "acomp"})
ENTITY_KINDS = frozenset({"PERSON", "GPE", "LOC", "FAC", "ORG", "NORP", "TIME", "DATE"})
# A hedge on a number, as the range of values it allows around the number (low, high factors).
_HEDGE_RANGE = {"more than": (1.0001, float("inf")), "over": (1.0001, float("inf")), "at least": (1.0, float("inf")),
                "fewer than": (0.0, 0.9999), "less than": (0.0, 0.9999), "under": (0.0, 0.9999),
                "up to": (0.0, 1.0), "as many as": (0.0, 1.0), "nearly": (0.8, 1.0), "almost": (0.8, 1.0),
                "about": (0.85, 1.15), "around": (0.85, 1.15), "some": (0.85, 1.15), "approximately": (0.85, 1.15),
                "roughly": (0.85, 1.15), "close to": (0.85, 1.0), "an estimated": (0.85, 1.15),
                "estimated": (0.85, 1.15), "just over": (1.0, 1.15), "just under": (0.85, 1.0)}


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


@dataclass
class Frame:
    """A sentence read for comparison."""
    text: str
    preds: list[Pred] = field(default_factory=list)
    counts: list[Count] = field(default_factory=list)
    absent: set[str] = field(default_factory=set)  # things said not to exist ("no suspects")
    present: set[str] = field(default_factory=set)  # things that are arguments of an asserted event
    heads: dict[str, list[Value]] = field(default_factory=dict)  # every modified noun, by head lemma


@dataclass(frozen=True)
class Finding:
    """A slot where two frames agree or conflict, in words a reader can check."""
    kind: str  # quantity / value / entity / polarity / doubt / agree
    slot: str
    mine: str
    theirs: str

    def describe(self) -> str:
        if self.kind == "agree":
            return f"agrees on {self.slot}: {self.theirs}"
        return f"{self.kind} conflict on {self.slot}: “{self.mine}” vs “{self.theirs}”"


STRONG_KINDS = ("quantity", "value", "entity", "polarity")


def _lemma(t) -> str:
    lem = (t.lemma_ or t.text).lower()
    return singular(lem) if t.pos_ in ("NOUN", "PROPN") else lem


def _number(t) -> float | None:
    word = t.text.lower().replace(",", "")
    try:
        return float(word)
    except ValueError:
        return float(NUMBER_WORDS[word]) if word in NUMBER_WORDS else None


def _hedge(num) -> tuple[float, float]:
    """The allowed range factors of the words just before a number ("more than 50")."""
    doc = num.doc
    left = " ".join(w.lower_ for w in doc[max(0, num.i - 3):num.i])
    for phrase, rng in sorted(_HEDGE_RANGE.items(), key=lambda kv: -len(kv[0])):
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
        if c.dep_ == "compound" or (c.dep_ in ("amod", "nmod", "npadvmod") and numeric):
            words = [w.lower_ for w in sub if w.tag_ != "HYPH" and not w.is_punct]
            kind = "num" if numeric or c.like_num else "name" if c.pos_ == "PROPN" else "noun"
            if words:
                out.append(kind + ":" + "-".join(words))
    return tuple(out)


def _value(t) -> Value:
    det = any(c.dep_ in ("det", "poss", "nummod") for c in t.children)
    kind = t.ent_type_ if t.ent_type_ in ENTITY_KINDS else ""
    span = [w for w in t.subtree if w.i <= t.i and not w.is_punct and w.dep_ not in ("det", "prep", "punct")]
    text = " ".join(w.text for w in span[-4:])
    return Value(head=_lemma(t), mods=_mods(t), proper=t.pos_ == "PROPN", kind=kind, text=text,
                 bare=not det and t.pos_ == "NOUN" and t.tag_ in ("NN",))


def _negated(t) -> bool:
    for c in t.children:
        if c.dep_ == "neg" or (c.lower_ in ("never",) and c.dep_ in ("advmod", "neg")):
            return True
        if c.dep_ in ARG_DEPS and (c.lower_ in ("nobody", "none", "nothing") or
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
    p = Pred(lemma=_lemma(t), negated=_negated(t), modal=_modal(t))
    for s in _subject_of(t):
        p.slots.setdefault("nsubj", []).append(_value(s))
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
                    p.slots.setdefault("by", []).append(_value(o))
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
        v = _number(t)
        if v is None:
            continue
        lo, hi = _hedge(t)
        noun = t.head if t.dep_ == "nummod" else None
        if t.dep_ == "appos" and t.head.pos_ == "PROPN":  # "Eric Kirkpatrick, 61,"
            key = f"age:{_lemma(t.head)}"
        elif noun is not None and noun.lemma_ == "year" and noun.head.lower_ in ("old", "aged"):
            old = noun.head
            who = old.head if old.dep_ == "amod" else next(
                (c for c in old.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if who is None:
                continue
            key = f"age:{_lemma(who)}"
        elif t.dep_ in ("dobj", "npadvmod") and t.head.lower_ == "aged":
            key = f"age:{_lemma(t.head.head)}"
        elif noun is not None and noun.pos_ in ("NOUN", "PROPN") and noun.is_alpha and len(noun) > 1:
            key = _lemma(noun)
        else:
            continue
        if 1900 <= v <= 2100 and lo == hi == 1.0 and not key.startswith("age:") and noun is not None \
                and noun.ent_type_ == "DATE":
            continue
        out.append(Count(key, v, v * lo, v * hi, t.text if noun is None else f"{t.text} {noun.text}"))
    return out


def frame_of(doc) -> Frame:
    """The frame of a parsed sentence (a spaCy Doc or Span)."""
    f = Frame(text=doc.text)
    for t in doc:
        if t.pos_ in ("NOUN", "PROPN"):
            f.heads.setdefault(_lemma(t), []).append(_value(t))
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
                    f.absent.add(_lemma(c))
        elif not p.negated and not p.modal and t.lemma_ not in EXISTENTIAL:
            f.present |= {v.head for v in args if not v.pronoun}
    for t in doc:
        if t.pos_ in ("NOUN", "PROPN"):
            if any(d.dep_ == "det" and d.lower_ == "no" for d in t.children):  # "there were no suspects"
                f.absent.add(_lemma(t))
            # a noun's own prepositions ("the brothers, from Perth,") compare like a copula's ("were from")
            noun = Pred(lemma=f"be:{_lemma(t)}")
            for c in t.children:
                if c.dep_ == "prep":
                    noun.slots[c.lower_] = [_value(o) for o in c.children if o.dep_ == "pobj"]
            if noun.slots:
                f.preds.append(noun)
    f.present -= f.absent
    f.counts = _counts(doc)
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


def _tokens(v: Value) -> set[str]:
    return {w for w in v.text.lower().replace("/", " ").split() if len(w) > 1}


def same_thing(a: Value | None, b: Value | None, strict: bool = False) -> bool:
    """Whether two arguments can be the same referent: either unknown or a pronoun, the same head, or names
    that share a word ("LaSalle" and "Anthony LaSalle"); unless `strict`, a name and a common noun may be the
    same person ("LaSalle" / "the driver")."""
    if a is None or b is None or a.pronoun or b.pronoun:
        return True
    if a.head == b.head:
        return True
    if a.proper and b.proper:
        return bool(_tokens(a) & _tokens(b))
    return a.proper != b.proper and not strict


def _different_values(a: Value, b: Value) -> bool:
    """Two fillers of one slot that name different things of the same kind: two names of one entity type
    ("Perth" / "Sydney"), two times, or two bare nouns ("to life" / "to death")."""
    if a.pronoun or b.pronoun or a.head == b.head or _tokens(a) & _tokens(b):
        return False
    if a.kind and a.kind == b.kind and a.kind in ("TIME", "GPE", "LOC", "FAC", "PERSON"):
        return True
    if a.proper or b.proper:
        return False
    return a.bare and b.bare


# Modifier kinds that pick one of a kind when they differ: two numeric specifications ("first-degree" /
# "third-degree"), a numeric one against a noun ("a 12-year sentence" / "a life sentence"), two names ("Jamaica
# Hospital" / "Elmhurst Hospital"). Two common nouns ("cargo ship" / "merchant ship") are often two ways of
# saying the same thing, and a name against a number describes two different things ("61-year-old man" /
# "Vancouver man").
_PICKING = {("num", "num"), ("num", "noun"), ("noun", "num"), ("name", "name")}


def _mods_conflict(a: Value, b: Value) -> bool:
    if not a.mods or not b.mods:
        return False
    wa = {w for m in a.mods for w in m.split(":", 1)[1].split("-")}
    wb = {w for m in b.mods for w in m.split(":", 1)[1].split("-")}
    if wa & wb and not _numbers_differ(a, b):
        return False
    return any((x.split(":")[0], y.split(":")[0]) in _PICKING and x != y for x in a.mods for y in b.mods)


def _numbers_differ(a: Value, b: Value) -> bool:
    na = {m for m in a.mods if m.startswith("num:")}
    nb = {m for m in b.mods if m.startswith("num:")}
    return bool(na and nb and not na & nb)


def _slot_findings(pa: Pred, pb: Pred) -> list[Finding]:
    out = []
    for slot, va in pa.slots.items():
        vb = pb.slots.get(slot, [])
        # subjects are matched by `same_thing`; "without bail" and "without bond" both say what is not there
        if slot in ("nsubj", "nsubjpass", "without") or not va or not vb:
            continue
        where = f"{pa.lemma} {slot}"
        for x in va:
            for y in vb:
                if x.head == y.head and _mods_conflict(x, y):
                    out.append(Finding("value", f"{where} {x.head}", x.text, y.text))
                elif x.head == y.head:
                    out.append(Finding("agree", f"{where} {x.head}", x.text, y.text))
                    out.append(Finding("agree", where, x.text, y.text))
        # a different filler conflicts only when none of one side's fillers can be one of the other's
        # ("gave first aid and comfort" holds "gave comfort")
        if all(_different_values(x, y) for x in va for y in vb):
            out.append(Finding("entity", where, va[0].text, vb[0].text))
    return out


def compare(a: Frame, b: Frame) -> list[Finding]:
    """Where frame `b` agrees with or contradicts frame `a`, slot by slot."""
    out: list[Finding] = []
    for ca in a.counts:
        for cb in b.counts:
            if ca.key != cb.key:
                continue
            if ca.high < cb.low or cb.high < ca.low:
                out.append(Finding("quantity", ca.key, ca.text, cb.text))
            else:
                out.append(Finding("agree", ca.key, ca.text, cb.text))
    for pa in a.preds:
        for pb in b.preds:
            if pa.lemma != pb.lemma or not same_thing(pa.subject, pb.subject):
                continue
            if pa.lemma.startswith("be:"):  # a noun's own prepositions: only its slots compare
                out += _slot_findings(pa, pb)
                continue
            if pa.negated != pb.negated:
                out.append(Finding("polarity", pa.lemma, _polar(pa), _polar(pb)))
                continue
            if pa.modal != pb.modal and not pa.negated:
                out.append(Finding("doubt", pa.lemma, _polar(pa), _polar(pb)))
            if pa.negated == pb.negated and pa.modal == pb.modal:
                out.append(Finding("agree", pa.lemma, _polar(pa), _polar(pb)))
            if not pa.negated and not pb.negated and same_thing(pa.subject, pb.subject, strict=True):
                out += _slot_findings(pa, pb)
    for head, va in a.heads.items():  # "a life sentence" vs "a 12-year sentence", wherever the noun sits
        for x in va:
            for y in b.heads.get(head, []):
                if _mods_conflict(x, y) and not any(set(x.mods) & set(z.mods) for z in b.heads[head]):
                    out.append(Finding("value", head, x.text, y.text))
                elif set(x.mods) & set(y.mods):
                    out.append(Finding("agree", head, x.text, y.text))
    for thing in a.absent & b.present:
        out.append(Finding("polarity", thing, f"no {thing}", f"a {thing}"))
    for thing in b.absent & a.present:
        out.append(Finding("polarity", thing, f"a {thing}", f"no {thing}"))
    return _dedupe(out)


def _polar(p: Pred) -> str:
    lemma = p.lemma.split(":")[-1] if p.lemma.startswith("be:") else p.lemma
    return ("not " if p.negated else "may " if p.modal else "") + lemma


def _dedupe(found: list[Finding]) -> list[Finding]:
    return list(dict.fromkeys(found))


def conflicts(a: Frame, b: Frame, kinds: tuple[str, ...] = STRONG_KINDS) -> list[Finding]:
    """Only the conflicts of `compare` (of the given kinds)."""
    return [f for f in compare(a, b) if f.kind in kinds]


def denial_is_about(text: str, content: set[str]) -> bool:
    """Whether a denial sentence denies a claim rather than merely using a denial verb: what is denied is a
    clause or gerund, a pronoun, a noun naming a claim ("denied the reports"), or words of the claim itself
    (`content`: the claim's content stems). "Prosecutors denied an offer to plead guilty" denies an offer, not
    a report, and stays a plain sentence."""
    from newsprism.corpus.facts.stance_features import stem

    doc = _parsed(text)
    verbs = [t for t in doc if t.lemma_.lower() in ("deny", "reject", "refute", "dismiss", "dispute", "contest",
                                                    "question", "challenge", "contradict", "doubt")]
    if not verbs:
        return True  # "that is false", "not true": the sentence itself says the claim is untrue
    for v in verbs:
        for c in v.children:
            if c.dep_ in ("ccomp", "xcomp", "pcomp") or (c.dep_ == "dobj" and c.tag_ == "VBG"):
                return True
            if c.dep_ in ("dobj", "nsubjpass", "prep", "attr") or (c.dep_ == "nsubjpass"):
                targets = [c] if c.dep_ != "prep" else [o for o in c.children if o.dep_ == "pobj"]
                for o in targets:
                    if o.lower_ in CLAIM_PRONOUNS or _lemma(o) in SPEECH_NOUNS:
                        return True
                    words = {stem(w.lower_) for w in o.subtree if w.is_alpha and not w.is_stop}
                    if len(words & content) >= 2:
                        return True
        if v.dep_ in ("amod", "compound") or (v.pos_ == "NOUN" and v.dep_ in ("dobj", "nsubj", "pobj")):
            # "a denial", "a spokesman's denial of the report"
            return True
    return False


@lru_cache(maxsize=2048)
def _parsed(text: str):
    from newsprism.nlp.load import get_nlp

    return get_nlp()(text)


def central(texts: list[str]) -> int:
    """The sentence that shares most words with the others: the one to compare the rest with (one pass over
    the words, so a fact's mentions are compared in linear time, never pairwise)."""
    from newsprism.corpus.facts.stance_features import content_stems

    bags = [set(content_stems(t)) for t in texts]
    df: dict[str, int] = {}
    for bag in bags:
        for w in bag:
            df[w] = df.get(w, 0) + 1
    return max(range(len(texts)), key=lambda i: (sum(df[w] - 1 for w in bags[i]) / (len(bags[i]) or 1), -i))


def disagreeing(texts: list[str], anchor: int, kinds: tuple[str, ...] = (*STRONG_KINDS, "doubt")) -> dict[int, Finding]:
    """The sentences among `texts` that conflict with `texts[anchor]`, each with its first conflict."""
    frames = frames_of_texts(texts)
    out = {}
    for i, f in enumerate(frames):
        if i != anchor:
            found = conflicts(frames[anchor], f, kinds)
            if found:
                out[i] = found[0]
    return out
