"""Two claims compared slot by slot: where they agree and where they cannot both be true.

A claim sentence is read from its dependency parse into a `Frame`: its predicates (verb lemma, negation,
modality) with their arguments (subject, object, each preposition's object), and the things it counts (the
counted noun, the number and its hedge, ages). Two frames then conflict when, about the same thing:
- `quantity`: the same counted noun (or the same person's age, or one measure in any unit) has values whose
  ranges cannot overlap ("three climbers died" / "two climbers died"; "more than 50 firefighters" / "fewer
  than 20 firefighters"; "fell 200 feet" / "fell 150 metres"), unless a sentence gives both values itself;
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

from dataclasses import dataclass
from functools import lru_cache

from newsprism.corpus.facts.frames import Count, Frame, Pred, Value, frames_of_texts, lemma_of
from newsprism.corpus.facts.when import agree, clash

# Nouns that name a claim itself, so that "denied the report" denies what the fact says.
SPEECH_NOUNS = frozenset({"claim", "report", "allegation", "accusation", "rumor", "rumour", "story", "account",
                          "figure", "estimate",
                          "statement", "suggestion", "assertion", "speculation"})
# Pronouns that can stand for a claim ("denied it"); "challenged them" is about people.
CLAIM_PRONOUNS = frozenset({"it", "this", "that", "these", "those", "which"})
@dataclass(frozen=True)
class Finding:
    """A slot where two frames agree or conflict, in words a reader can check."""
    kind: str  # quantity / value / entity / polarity / time / place / doubt / agree
    slot: str
    mine: str
    theirs: str

    def describe(self) -> str:
        if self.kind == "agree":
            return f"agrees on {self.slot}: {self.theirs}"
        return f"{self.kind} conflict on {self.slot}: “{self.mine}” vs “{self.theirs}”"


STRONG_KINDS = ("quantity", "value", "entity", "polarity", "time", "place")


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
    """Two fillers of one slot that name different things of the same kind: two people, two times, or two bare
    nouns ("to life" / "to death"). Two places are not: places nest ("landed in Kessel" / "landed in the
    country"), and nothing in a sentence says whether one lies inside the other."""
    if a.pronoun or b.pronoun or a.head == b.head or _tokens(a) & _tokens(b):
        return False
    if a.kind and a.kind == b.kind and a.kind in ("TIME", "PERSON"):
        return True
    if a.proper or b.proper:
        return False
    return a.bare and b.bare


# Modifier kinds that pick one of a kind when they differ: two numeric specifications ("first-degree" /
# "third-degree"), a numeric one against a noun ("a 12-year sentence" / "a life sentence"), two names ("Jamaica
# Hospital" / "Elmhurst Hospital"). Two common nouns ("cargo ship" / "merchant ship") are often two ways of
# saying the same thing, and a name against a number describes two different things ("61-year-old man" /
# "Vancouver man").
_PICKING = {("num", "num"), ("num", "noun"), ("noun", "num")}


def _mods_conflict(a: Value, b: Value) -> bool:
    if not a.mods or not b.mods:
        return False
    wa = {w for m in a.mods for w in m.split(":", 1)[1].split("-")}
    wb = {w for m in b.mods for w in m.split(":", 1)[1].split("-")}
    if wa & wb and not _numbers_differ(a, b):
        return False
    names_a = [m for m in a.mods if m.startswith("name")]
    names_b = [m for m in b.mods if m.startswith("name")]
    if len(names_a) != len(names_b) or any(abbreviates(x.split(":", 1)[1], y.split(":", 1)[1])
                                           for x in names_a for y in names_b):
        names_a = names_b = []  # "Fort Lindale Park" / "Ft Lindale": one name written two ways
    picks = [m for m in a.mods if not m.startswith("name")] + names_a
    other = [m for m in b.mods if not m.startswith("name")] + names_b
    return any(_picks(x.split(":")[0], y.split(":")[0]) and x != y for x in picks for y in other)


def _picks(kx: str, ky: str) -> bool:
    return (kx, ky) in _PICKING or (kx == ky and kx.startswith("name"))


def abbreviates(x: str, y: str) -> bool:
    """One word a shortening of the other ("mt" / "mount", "st" / "street"): same first letter, and the
    short one's letters appear in order in the long one."""
    short, long_ = sorted((x, y), key=len)
    if not short or short[0] != long_[0]:
        return False
    it = iter(long_)
    return all(ch in it for ch in short)


def _numbers_differ(a: Value, b: Value) -> bool:
    na = {m for m in a.mods if m.startswith("num:")}
    nb = {m for m in b.mods if m.startswith("num:")}
    return bool(na and nb and not na & nb)


PLACE_PREPS = frozenset({"in", "at", "inside", "within", "near", "outside", "into"})


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
        # "lived in a hostel" / "lived in temporary housing": common nouns after a preposition of place name one
        # situation many ways, and places nest; only people or times there differ for sure
        place = slot in PLACE_PREPS
        if all(_different_values(x, y) and not (place and x.kind not in ("TIME", "PERSON")) for x in va for y in vb):
            out.append(Finding("entity", where, va[0].text, vb[0].text))
    return out


def compare(a: Frame, b: Frame) -> list[Finding]:
    """Where frame `b` agrees with or contradicts frame `a`, slot by slot."""
    out: list[Finding] = []
    for ca in a.counts:
        for cb in b.counts:
            if ca.key != cb.key or ca.possible or cb.possible:
                continue
            if not _overlap(ca, cb):
                # a value the other sentence gives too is not disputed by its other counts of the same thing
                # ("80 km off the cape, 6 km from the ferry" against "6 km from the ferry")
                if not any(_overlap(ca, c) for c in b.counts if c.key == ca.key) and \
                        not any(_overlap(c, cb) for c in a.counts if c.key == cb.key):
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
                # named "the <noun>", apart from a predicate of the same word: agreeing on "the award" says
                # nothing of whether the team was "not awarded" it
                if _mods_conflict(x, y) and not any(set(x.mods) & set(z.mods) for z in b.heads[head]):
                    out.append(Finding("value", f"the {head}", x.text, y.text))
                elif set(x.mods) & set(y.mods):
                    out.append(Finding("agree", f"the {head}", x.text, y.text))
    out += _when_findings(a, b)
    for thing in a.absent & b.present:
        out.append(Finding("polarity", thing, f"no {thing}", f"a {thing}"))
    for thing in b.absent & a.present:
        out.append(Finding("polarity", thing, f"a {thing}", f"no {thing}"))
    return _dedupe(out)


def _when_findings(a: Frame, b: Frame) -> list[Finding]:
    """One act told on two weekdays, at two clock times, or on two sides of one place (`when.clash`)."""
    out = []
    for act, wa in a.whens.items():
        wb = b.whens.get(act)
        if wb is None:
            continue
        why = clash(wa, wb)
        if why:
            label, values = why.split(": ", 1)
            mine, theirs = values.split(" vs ", 1)
            out.append(Finding("place" if label == "side" else "time", f"when:{act}", mine, theirs))
        elif agree(wa, wb):
            out.append(Finding("agree", f"when:{act}", wa.phrase, wb.phrase))
    return out


def _overlap(x: Count, y: Count) -> bool:
    return not (x.high < y.low or y.high < x.low)


def _polar(p: Pred) -> str:
    lemma = p.lemma.split(":")[-1] if p.lemma.startswith("be:") else p.lemma
    return ("not " if p.negated else "may " if p.modal else "") + lemma


def _dedupe(found: list[Finding]) -> list[Finding]:
    return list(dict.fromkeys(found))


def conflicts(a: Frame, b: Frame, kinds: tuple[str, ...] = STRONG_KINDS) -> list[Finding]:
    """Only the conflicts of `compare` (of the given kinds)."""
    return [f for f in compare(a, b) if f.kind in kinds]


# Prepositions that bring what a denial is about ("disputed claims of fraud", "questioned about the figure");
# others ("following", "after", "at") say when or where the denial was made.
DENIED_PREPS = frozenset({"of", "about", "over", "on", "to"})


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
                # a denied clause ("denied that the tanker leaked", "denied starting the fire") must say
                # something of the claim, not only share its topic word
                words = {stem(w.lower_) for w in c.subtree if w.is_alpha and not w.is_stop}
                if not content or len(words & content) >= 2:
                    return True
                continue
            if c.dep_ == "prep" and c.lower_ not in DENIED_PREPS:
                continue  # "denied theft following a break-in": when, not what, is denied
            if c.dep_ in ("dobj", "nsubjpass", "prep", "attr"):
                targets = [c] if c.dep_ != "prep" else [o for o in c.children if o.dep_ == "pobj"]
                for o in targets:
                    if o.lower_ in CLAIM_PRONOUNS or lemma_of(o) in SPEECH_NOUNS:
                        return True
                    if any(d.dep_ == "det" and d.lower_ in CLAIM_PRONOUNS for d in o.children):
                        return True  # "rejected that figure", "disputed this account": points back at the claim
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
