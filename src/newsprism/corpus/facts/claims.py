"""Candidate claims: the sentences of an article that state something checkable.

A claim is a sentence (span into the cleaned body) that names something (entities), counts something
(quantities), dates something (times) or reports what someone said (quotes). Annotations from the extractors are
used when present; when a list is empty (an extractor found nothing or did not run) cheap surface fallbacks keep
the stage useful: capitalised names, numbers with their unit, and citation cues.
Each claim is read for comparison into a `Frame` by `frames.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from anyascii import anyascii

from newsprism.corpus.facts.stance import reaction_kind
from newsprism.corpus.facts.stance_features import STOP, stem, tokens
from newsprism.corpus.facts.units import HEDGE_RANGE, normal_unit
from newsprism.corpus.facts.units import (
    compatible_quantities as compatible_quantities,  # callers import it here
)
from newsprism.model import Article, Quantity, Quote
from newsprism.nlp.sentences import spans_of

_WORDS = re.compile(r"\w+")
_CAPS = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][\w’'\-]+(?:\s+(?:of|the|de|al)?\s*[A-Z][\w’'\-]+)*)")
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
                "forty": 40, "fifty": 50, "hundred": 100, "thousand": 1000, "million": 1e6, "billion": 1e9}
# Hedges the surface pattern reads before a number: those with a range, and words that only soften it.
HEDGES = tuple(sorted([*HEDGE_RANGE, "just", "only"], key=len, reverse=True))
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
