"""Candidate claims: the sentences of an article that state something checkable.

A claim is a sentence (span into the cleaned body) that names something (entities), counts something
(quantities), dates something (times) or reports what someone said (quotes). Annotations from the extractors are
used when present; when a list is empty (an extractor found nothing or did not run) cheap surface fallbacks keep
the stage useful: capitalised names, numbers with their unit, and citation cues.

For comparison a claim sentence is also read from its dependency parse into a `Frame` (`frame_of_text`): who
did what to whom (each predicate's lemma, negation and modality, its arguments by slot), how many (the counted
noun, the number and the range its hedge allows, ages), so that `compare.py` can set two claims side by side
slot by slot.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from anyascii import anyascii

from newsprism.corpus.facts.stance import reaction_kind
from newsprism.corpus.facts.stance_features import STOP, stem, tokens
from newsprism.corpus.facts.units import ROUNDING, normal_unit, singular, unit_factor
from newsprism.corpus.facts.units import (
    compatible_quantities as compatible_quantities,  # callers import it here
)
from newsprism.corpus.facts.when import When, read_when
from newsprism.model import Article, Quantity, Quote
from newsprism.nlp.sentences import spans_of

_WORDS = re.compile(r"\w+")
_CAPS = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][\w’'\-]+(?:\s+(?:of|the|de|al)?\s*[A-Z][\w’'\-]+)*)")
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
                "forty": 40, "fifty": 50, "hundred": 100, "thousand": 1000, "million": 1e6, "billion": 1e9}
HEDGES = ("around", "about", "nearly", "almost", "some", "approximately", "roughly", "up to", "more than",
          "at least", "over", "fewer than", "less than", "just", "only", "as many as", "close to", "an estimated")
# Words between a number and its noun that do not change what is counted ("35 metric tons", "two more
# planes"); a capitalised word before a lower-case noun is a proper modifier (a nationality or a place: "300
# Eastquay residents"), skipped as a class.
QTY_MODIFIERS = frozenset({"metric", "square", "cubic", "extra", "more", "other", "additional", "further", "new",
                           "former", "local", "foreign", "armed", "military", "civilian"})
_PROPER_MODIFIER = r"(?-i:[A-Z][a-z]+)(?=\s+(?-i:[a-z]))"
_QTY_RE = re.compile(
    r"\b(?:(?P<hedge>" + "|".join(h.replace(" ", r"\s+") for h in HEDGES) + r")\s+)?"
    r"(?P<num>\d[\d,]*(?:\.\d+)?(?:\s+(?:thousand|million|billion))?|"
    + "|".join(NUMBER_WORDS) + r")\s+(?:(?:" + "|".join(sorted(QTY_MODIFIERS)) + r"|" + _PROPER_MODIFIER + r")\s+)*"
    r"(?P<unit>[a-z][a-z\-]+)", re.I)


def content_words(text: str) -> set[str]:
    """The stems a claim is compared by; a possessive is its noun ("Dover's terminal" names Dover)."""
    words = (t[:-2] if t.endswith("'s") else t for t in tokens(text.replace("’", "'")))
    return {stem(t) for t in words if t not in STOP and len(t) > 2}


@dataclass
class Claim:
    """One candidate claim sentence of one article."""
    article: str
    index: int  # sentence number in the article
    start: int
    end: int
    text: str
    entities: set[str] = field(default_factory=set)  # normalised entity keys (corpus id or lowered name)
    names: list[str] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    times: list[str] = field(default_factory=list)  # TIMEX values of dated expressions in the sentence
    quotes: list[Quote] = field(default_factory=list)
    stems: set[str] = field(default_factory=set)

    @property
    def units(self) -> set[str]:
        return {normal_unit(q.unit) for q in self.quantities if q.unit}


def fallback_quantities(text: str, offset: int) -> list[Quantity]:
    """Numbers with the noun after them, for articles the quantity extractor left empty."""
    out = []
    for m in _QTY_RE.finditer(text):
        raw = m.group("num").lower().replace(",", "")
        parts = raw.split()
        try:
            value = float(parts[0]) if parts[0][0].isdigit() else float(NUMBER_WORDS[parts[0]])
        except (ValueError, KeyError):
            continue
        if len(parts) > 1:
            value *= NUMBER_WORDS.get(parts[1], 1)
        unit = m.group("unit").lower()
        if unit in STOP or (1900 <= value <= 2100 and not m.group("hedge")):
            continue
        hedge = m.group("hedge").lower() if m.group("hedge") else None
        out.append(Quantity(value=value, approx=hedge is not None, hedge=hedge, unit=unit, text=m.group(0),
                            start=offset + m.start(), end=offset + m.end()))
    return out


def _key(name: str) -> str:
    return anyascii(name).lower().strip(" .,'’\"")


def _within(s: int, e: int, start: int, end: int) -> bool:
    return start >= s and end <= e


def _looks_like_sentence(text: str) -> bool:
    words = _WORDS.findall(text)
    # Headings, list items and captions are short and end without punctuation; they state nothing checkable.
    return 6 <= len(words) <= 90 and text.rstrip("\"'”’ )").endswith((".", "!", "?", ":")) \
        and not text.lower().startswith(("read more", "follow ", "source:", "related"))


def extract_claims(article: Article) -> list[Claim]:
    """Every candidate claim sentence of an article, in body order."""
    body = article.body
    ent_spans = [(m.start, m.end, e.id, e.name) for e in article.entities for m in e.mentions]
    claims = []
    for i, (s, e) in enumerate(spans_of(article)):
        text = body[s:e]
        if not _looks_like_sentence(text):
            continue
        c = Claim(article=article.id, index=i, start=s, end=e, text=text)
        for ms, me, _eid, name in ent_spans:
            if _within(s, e, ms, me):
                c.entities.add(_key(name))
                c.names.append(name)
        if not ent_spans:
            for m in _CAPS.finditer(text):
                c.entities.add(_key(m.group(1)))
                c.names.append(m.group(1))
        c.quantities = [q for q in article.quantities if _within(s, e, q.start, q.end)] \
            if article.quantities else fallback_quantities(text, s)
        c.times = [t.value for t in article.times if t.value and _within(s, e, t.start, t.end)]
        c.quotes = [q for q in article.quotes if q.start < e and q.end > s]
        c.stems = content_words(text)
        # a denial or dispute carries no facts of its own ("The port authority rejected that figure."), but it
        # answers the claim before it, so it stays a candidate for alignment to fold into that claim
        if c.entities or c.quantities or c.times or c.quotes or reaction_kind(text):
            claims.append(c)
    return claims


_LEAD_ATTRIB = re.compile(
    r"^(?:(?:But|And|Meanwhile|However),?\s+)?(?:according to [^,]{2,80},\s*|"
    r"(?:[\w’'\-]+\s+){1,6}(?:reports?|reported|said|says|added|told [\w\s]{2,40}|stated|claimed|announced)"
    r"(?: on \w+)?,?\s+that\s+)", re.I)
_TRAIL_ATTRIB = re.compile(
    r",?\s+(?:(?:an?|the)\s+)?(?:[\w’'\-]+\s+){0,8}(?:said|says|reported|reports|told [^,.]{2,60})"
    r"(?:\s+on\s+\w+)?[.”\"']*$|[,'’”\"]+\s+(?:according to|citing|quoting|via)\s+.{2,90}$", re.I)
_SPEAKER_LEAD = re.compile(
    r"^[^,]{2,80}?(?:,\s[^,]{3,160},)?\s+(?:said|says|told \w+)\s+"
    r"(?:(?:he|she|they|it)\s+(?:had\s+)?heard\s+)?(?:that\s+)?")
_LEFTOVER = re.compile(r"^(?:that,?\s+)?(?:according to [^,]{2,60},\s*)", re.I)
_DANGLING_QUOTE = re.compile(r"[‘“](?=[^’”]*$)")
_CLAIM_THAT = re.compile(r"\bclaims?\s+that\s+(?P<c>.+)$", re.I)
_CLAUSE_CUT = re.compile(r",\s+(?:in an?|amid|as|which|while|despite|after|in response|who)\s|\s+(?:but|amid)\s+|;\s")


@lru_cache(maxsize=65536)  # facts, fact status and check ask for the same sentences' wording again
def statement_for(text: str, max_words: int = 32) -> str:
    """A short readable wording of a claim sentence: attribution and trailing asides trimmed."""
    s = text.strip().strip("“”\"'‘’").strip()
    m = _CLAIM_THAT.search(s)
    if m and len(m.group("c").split()) >= 4:
        s = m.group("c")
    s = _LEAD_ATTRIB.sub("", s, count=1)
    s = _LEFTOVER.sub("", s, count=1)
    m = _SPEAKER_LEAD.match(s)
    if m and len(s[m.end():].split()) >= 5:
        s = _LEFTOVER.sub("", s[m.end():], count=1)
    for _ in range(3):  # "..., Harbour Watch said, citing shipping records" sheds one layer per pass
        trimmed = _TRAIL_ATTRIB.sub("", s, count=1)
        if trimmed == s or len(trimmed.split()) < 4:
            break
        s = trimmed
    m = _CLAUSE_CUT.search(s)
    if m and len(s[: m.start()].split()) >= 7:
        s = s[: m.start()]
    words = s.split()
    if len(words) > max_words:
        s = " ".join(words[:max_words]) + " …"
    s = s.strip().rstrip(".,;:").strip().strip("“”\"'‘’").strip()
    s = _DANGLING_QUOTE.sub("", s)  # trimming can cut a quotation in half: drop its unmatched opening mark
    return s[:1].upper() + s[1:] if s else text.strip()


# Claims with structure: a claim sentence read from its dependency parse into a `Frame` (its predicates with
# polarity, modality and arguments by slot; the things it counts), so that two claims compare slot by slot
# (`compare.py`). Only grammar is used: dependency labels, parts of speech, entity types, closed-class words.
# Closed-class words of English grammar: modal auxiliaries and adverbs/adjectives of possibility.
MODALS = frozenset({"may", "might", "could", "possibly", "perhaps", "probably", "likely", "unlikely", "maybe"})
# Light verbs: a negated "have"/"be"/"exist" says its object does not exist ("had no suspects").
EXISTENTIAL = frozenset({"have", "be", "exist", "find", "identify", "name"})
PRONOUNS = frozenset({"it", "this", "that", "these", "those", "them", "they", "he", "she", "him", "her", "who",
                      "which", "what", "someone", "anyone", "one"})
ARG_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "oprd", "dative", "agent", "acomp"})
ENTITY_KINDS = frozenset({"PERSON", "GPE", "LOC", "FAC", "ORG", "NORP", "TIME", "DATE"})
# A hedge on a number, as the range of values it allows around the number (low, high factors).
_HEDGE_RANGE = {"more than": (1.0001, float("inf")), "over": (1.0001, float("inf")), "at least": (1.0, float("inf")),
                "fewer than": (0.0, 0.9999), "less than": (0.0, 0.9999), "under": (0.0, 0.9999),
                "up to": (0.0, 1.0), "as many as": (0.0, 1.0), "as much as": (0.0, 1.0), "nearly": (0.8, 1.0), "almost": (0.8, 1.0),
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
        v = _number(t)
        if v is None:
            continue
        lo, hi = _hedge(t)
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
