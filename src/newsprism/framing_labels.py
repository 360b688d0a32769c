"""Actor labels: the words an outlet, in its own voice, puts around an actor.

Titles and premodifiers ("embattled socialist president Nicolas Maduro", "puppet dictator Hugo Chavez"),
appositives ("Maduro's political opponent, ... Juan Guaidó"), copular descriptions ("X is publishing editor of
...") and what the actor's institution is called ("Maduro's regime", "the Maduro Regime" vs "Maduro's
government").

Design: build_framing only gets Articles (no Docs survive the per-document stage, by design: they are large and
not serialisable across executors). So this module re-parses just the sentences that contain a mention of a
corpus entity, in one `nlp.pipe` batch with NER disabled (entity identity comes from the article's own
mentions). That keeps the Article contract unchanged and costs one extra parse of entity-bearing sentences only.
Labels inside someone else's words (quotation marks, quote spans, attributed speech) are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .model import Article, CorpusEntity
from .nlp import get_nlp
from .sourcing import OFFICIAL as TITLE
from .voices import SPEECH_VERBS, VoiceIndex, attributed_regions, quote_mark_regions, speech_regions

# What an actor's institution is called is a label of the actor ("regime" vs "government").
INSTITUTION_NOUNS = frozenset([
    "regime", "government", "administration", "dictatorship", "rule", "junta", "cabinet", "presidency",
    "party", "loyalists", "henchmen", "cronies"
])
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "advmod", "npadvmod", "nummod", "punct", "hmod", "hyph"})
_SENT_END = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[\"“‘']?[A-Z0-9])")
LABEL_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})
MAX_LABEL_TOKENS = 8


@dataclass
class LabelHit:
    article: str
    entity: str
    label: str
    start: int  # body offsets of the label words
    end: int


def sentences(body: str) -> Iterator[tuple[int, int]]:
    """Cheap sentence boundaries (lines, then end punctuation before a capital); good enough to hand the
    parser a complete clause around each mention."""
    pos = 0
    for line in body.split("\n"):
        start = pos
        for m in _SENT_END.finditer(line):
            yield start, pos + m.start() + len(m.group(0).rstrip())
            start = pos + m.end()
        if line.strip():
            yield start, pos + len(line)
        pos += len(line) + 1


def _in_chain(tok: Token, root: Token) -> bool:
    """tok modifies root through modifier relations only (no possessor, no other clause)."""
    while tok.i != root.i:
        # titles with a preposition inside: "Secretary of State Mike Pompeo"
        titled = tok.dep_ in ("prep", "pobj") and (tok.is_title or tok.lower_ == "of")
        if (tok.dep_ not in _MODIFIER_DEPS and not titled) or tok.head.i == tok.i:
            return False
        tok = tok.head
    return True


def _premodifiers(doc: Doc | Span, root: Token, stop: int, blocked: set[int]) -> tuple[int, int] | None:
    """Token range [lo, stop) of the contiguous modifier run right before token `stop` that hangs off root."""
    lo = stop
    while lo - 1 >= 0 and (lo - 1) not in blocked and _in_chain(doc[lo - 1], root):
        lo -= 1
    while lo < stop and (doc[lo].is_punct or doc[lo].pos_ == "DET"):
        lo += 1
    return (lo, stop) if lo < stop else None


def _noun_label(doc: Doc, head: Token, blocked: set[int]) -> tuple[int, int] | None:
    """A common noun with its own premodifiers, and a short of/to phrase: "successor to ... Hugo Chavez"."""
    if head.pos_ != "NOUN":
        return None
    pre = _premodifiers(doc, head, head.i, blocked)
    lo = pre[0] if pre else head.i
    hi = head.i + 1
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in ("of", "to", "for") and child.i == hi:
            end = max(t.i for t in child.subtree) + 1
            if end - lo <= MAX_LABEL_TOKENS:
                hi = end
            break
    return lo, hi


def labels_in_sentence(doc: Doc, mentions: list[tuple[int, int, str]], person_tokens: set[int]
                       ) -> Iterator[tuple[str, int, int]]:
    """(entity id, token lo, token hi) of each label of each mention (mention offsets relative to doc)."""
    for ms, me, ent in mentions:
        span = doc.char_span(ms, me, alignment_mode="expand")
        if span is None or not len(span):
            continue
        root = span.root
        own = set(range(span.start, span.end))
        blocked = own | person_tokens
        pre = _premodifiers(doc, root, span.start, blocked)
        if pre:
            yield ent, pre[0], pre[1]
        if root.dep_ == "appos" and root.head.i not in own:
            got = _noun_label(doc, root.head, blocked)
            if got:
                yield ent, got[0], got[1]
        for child in root.children:
            if child.dep_ == "appos" and child.i not in own:
                got = _noun_label(doc, child, blocked)
                if got:
                    yield ent, got[0], got[1]
        head = root.head
        if root.dep_ == "nsubj" and head.lemma_ == "be":
            for child in head.children:
                if child.dep_ == "attr" and child.i not in own:
                    got = _noun_label(doc, child, blocked)
                    if got:
                        yield ent, got[0], got[1]
        if (root.dep_ in ("poss", "compound") and head.i not in own and head.lemma_.lower() in INSTITUTION_NOUNS):
            yield ent, head.i, head.i + 1


def _plausible(label: Span) -> bool:
    """A label is a description, not a stray verb or a bare name the NER missed ("Sergei")."""
    last = label[-1]
    if last.pos_ in ("VERB", "AUX", "PRON", "NUM") or not any(c.isalpha() for c in label.text):
        return False
    if last.lemma_.lower() in SPEECH_VERBS:  # "Pompeo, Reuters reports, called ..." is no label
        return False
    if all(t.pos_ == "PROPN" or t.is_punct for t in label):
        return bool(TITLE.search(label.text))
    return True


def actor_labels(articles: list[Article], entities: list[CorpusEntity]) -> list[LabelHit]:
    """Every outlet-voice label of every corpus entity in every article."""
    known = {e.id: e for e in entities}
    jobs: list[tuple[Article, int, list[tuple[int, int, str]], set[tuple[int, int]]]] = []
    texts: list[str] = []
    for art in articles:
        ments: list[tuple[int, int, str, str]] = []
        for ent in art.entities:
            etype = known[ent.id].type if ent.id in known else ent.type
            if (known and ent.id not in known) or etype not in LABEL_TYPES:
                continue
            for m in ent.mentions:
                ments.append((m.start, m.end, ent.id, etype))
        if not ments:
            continue
        persons = {(s, e) for s, e, _, t in ments if t == "PERSON"}
        for s0, s1 in sentences(art.body):
            inside = [(s - s0, e - s0, i) for s, e, i, _ in ments if s >= s0 and e <= s1]
            if inside:
                jobs.append((art, s0, inside, {(s - s0, e - s0) for s, e in persons if s >= s0 and e <= s1}))
                texts.append(art.body[s0:s1])
    hits: list[LabelHit] = []
    voice_cache: dict[str, VoiceIndex] = {}
    nlp = get_nlp()
    disable = [p for p in ("ner",) if p in nlp.pipe_names]
    for (art, s0, inside, persons), doc in zip(jobs, nlp.pipe(texts, batch_size=64, disable=disable),
                                                  strict=True):
        if art.id not in voice_cache:
            regions = quote_mark_regions(art.body) + speech_regions(art.quotes)
            voice_cache[art.id] = VoiceIndex(regions)
        attributed = VoiceIndex(attributed_regions(doc))
        person_tokens: set[int] = set()
        for ps, pe in persons:
            sp = doc.char_span(ps, pe, alignment_mode="expand")
            if sp is not None:
                person_tokens.update(range(sp.start, sp.end))
        for ent, lo, hi in labels_in_sentence(doc, inside, person_tokens):
            start, end = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)
            if voice_cache[art.id].is_quoted(s0 + start, s0 + end) or attributed.is_quoted(start, end):
                continue
            text = doc[lo:hi].text
            if not _plausible(doc[lo:hi]):
                continue
            hits.append(LabelHit(art.id, ent, text, s0 + start, s0 + end))
    return hits
