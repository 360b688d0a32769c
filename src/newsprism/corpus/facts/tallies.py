"""The numbers a sentence states, read for comparing a claim with evidence: what each counts, by which act and
in which role, and the range its hedge allows ("more than 50 firefighters" is 50 to infinity).

Numbers that count nothing are left out: years and days inside dates, ages (compared by whose age they are),
phone numbers and codes, parts of a split count ("14 Dutch and 9 Belgian fans"), and numbers under a modal
("could hold 400"), which state no count.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsprism.corpus.facts.frames import WORD_NUMBERS, hedge, lemma_of, number, under_modal
from newsprism.corpus.facts.units import is_measure, normal_unit, unit_factor

# Closed-class English: nouns that name people, so that two of them counted by one act count the same people.
PERSON_NOUNS = frozenset({"people", "person", "man", "woman", "child", "boy", "girl", "victim", "adult",
                          "resident", "passenger", "worker", "employee", "member", "civilian", "individual"})
# A quantifier that is a count of its own: "several people" is three or more.
QUANTIFIERS = {"several": (3.0, float("inf")), "dozens": (24.0, float("inf")), "hundreds": (200.0, float("inf"))}
# A copula or "have" says nothing of an act: a bare number under it ("was 43") is an age or a total.
LIGHT_VERBS = frozenset({"be", "have"})


@dataclass(frozen=True)
class Tally:
    """A number in a sentence: what it counts, by which act, in which role, and the range its hedge allows."""
    key: str  # counted noun lemma ("" for a bare number: "held 40 for questioning")
    act: str  # lemma of the verb it is an argument of ("" when none)
    role: str  # obj / subj / the preposition
    low: float
    high: float
    text: str

    @property
    def person(self) -> bool:
        return self.key in PERSON_NOUNS


def _range(t, value: float) -> tuple[float, float]:
    lo, hi = hedge(t)
    return value * lo, value * hi


def tallies(doc) -> list[Tally]:
    """Every number of `doc` that counts something."""
    out = []
    for t in doc:
        if t.lower_ in QUANTIFIERS and t.dep_ == "amod":
            lo, hi = QUANTIFIERS[t.lower_]
            out.append(_tally(t, t.head, lo, hi))
            continue
        if not (t.like_num or t.lower_ in WORD_NUMBERS) or ":" in t.text:
            continue
        v = number(t)
        if v is None or (1900 <= v <= 2100 and t.ent_type_ == "DATE") or _dialled(t):
            continue
        if any(c.dep_ == "conj" and c.like_num for c in t.children) or (t.dep_ == "conj" and t.head.like_num):
            continue  # "14 Dutch and 9 Belgian fans": parts of a count
        if t.dep_ == "compound" and t.head.like_num:
            continue
        noun = t.head if t.dep_ == "nummod" else None
        if _is_age(t, noun) or _is_date(t, noun) or under_modal(t):
            continue  # ages are compared by whose age they are (`compare`); a possible count states nothing
        if noun is None:  # "40 of the miners", or a bare number in an argument slot ("held 40")
            part = next((o for c in t.children if c.lower_ == "of" for o in c.children if o.dep_ == "pobj"), None)
            noun = part
        lo, hi = _range(t, v)
        out.append(_tally(t, noun, lo, hi))
    return out


def _dialled(t) -> bool:
    """A group of a phone number or code, not a count: a leading zero ("0800"), or digits written next to
    other digits ("125 2222")."""
    if t.text[:1] == "0" and len(t.text) > 1 and t.text.isdigit():
        return True
    near = [t.nbor(k) for k in (-1, 1) if 0 <= t.i + k < len(t.doc)]
    return t.text.isdigit() and any(n.text.isdigit() for n in near)


def _is_age(t, noun) -> bool:
    """"63 years old", "a 63-year-old", "aged 77"."""
    if t.head.lower_ == "aged" or t.dep_ == "npadvmod" and t.head.lemma_ == "age":
        return True
    return noun is not None and noun.lemma_ == "year" and (noun.head.lower_ in ("old", "aged") or any(
        w.lower_ == "old" for w in noun.doc[noun.i + 1:noun.i + 3]))


def _is_date(t, noun) -> bool:
    """A day of a month, an hour: a number inside a date that counts nothing."""
    return t.ent_type_ in ("DATE", "TIME") and (noun is None or noun.pos_ == "PROPN")


def _tally(t, noun, lo: float, hi: float) -> Tally:
    while noun is not None and noun.dep_ == "compound" and noun.head.pos_ in ("NOUN", "PROPN"):
        noun = noun.head
    anchor = noun if noun is not None and t.dep_ == "nummod" else t
    key = lemma_of(noun) if noun is not None and noun.pos_ in ("NOUN", "PROPN") else ""
    # a length or speed in one unit per dimension: "fell 2,000 feet" and "fell 600 m" give one value
    factor = unit_factor(key) if key else 1.0
    role, act = _role_act(anchor)
    text = t.text if noun is None else f"{t.text} {noun.text}"
    return Tally(normal_unit(key) if key else key, act, role, lo * factor, hi * factor, text)


def _role_act(x) -> tuple[str, str]:
    if x.dep_ == "pobj" and x.head.lower_ == "of" and x.head.head.pos_ == "NOUN":
        x = x.head.head  # "escorting a group of five vessels": the group's place in the sentence
    role = x.dep_
    if role == "pobj":
        role, x = x.head.lower_, x.head
    if x.dep_ in ("nsubjpass", "dobj", "attr", "oprd"):
        role = "obj"
    elif x.dep_ == "nsubj":
        role = "subj"
    head = x.head
    if x.dep_ in ("ROOT",) or head is x:
        return role, ""
    if head.pos_ not in ("VERB", "AUX"):
        return role, ""
    return role, _act_lemma(head)


def _act_lemma(verb) -> str:
    """A verb with a deadly result ("shot to death", "shot dead", "beaten to death") is a killing: its count
    is of the dead, not of everyone the verb's plain sense counts ("shot three people, killing one")."""
    for c in verb.children:
        if (c.dep_ in ("acomp", "oprd", "advmod") and c.lower_ == "dead") or (
                c.dep_ == "prep" and c.lower_ == "to" and any(o.lower_ == "death" for o in c.children)):
            return "kill"
    return lemma_of(verb)


def tally_match(a: Tally, b: Tally, by_act: bool, loose: bool = False) -> bool:
    """Whether two numbers count the same thing: by the same act and role (then a bare number or two
    people-nouns also match), or, when no evidence ties the act, by the counted noun alone. `loose`: any two
    nouns under one act and role, for a number that repeats the claim's ("escorting five merchant ships" /
    "escorting the five merchant vessels"); never for a conflict."""
    if by_act:
        if not a.act or a.act in LIGHT_VERBS or a.act != b.act or a.role != b.role:
            return False
        if is_measure(a.key) != is_measure(b.key):
            return False  # a distance or a duration is not a bare count of the same act ("held 40")
        return loose or a.key == b.key or not a.key or not b.key or (a.person and b.person)
    return bool(a.key) and a.key == b.key


def other_acts(a: Tally, b: Tally) -> bool:
    """A count of the dead against a count by another act counts a subset ("shot four intruders" / "killed
    one intruder"): not a conflict. Other pairs of verbs often tell one count two ways ("sent 50 firefighters" /
    "50 firefighters tackled the blaze"), so they still compare."""
    return bool(a.act and b.act and a.act != b.act and "kill" in (a.act, b.act))
