"""Actor labels: the words an outlet, in its own voice, puts around an actor.

Titles and premodifiers ("the bumbling governor", "Opposition councillor Piet de Wit"), appositives
("Baltrans Shipping, a favourite of the Markovich administration"), copular descriptions ("Mira Osei is the
investigations editor of ...") and what the actor's institution is called ("the Markovich Regime" vs
"Markovic's administration").

Design: no Doc survives the per-document stage (they are large and not serialisable across executors), so the
labels are found there, from the one parse, and kept on the article as `actor_labels` spans; the corpus stage
only maps them to corpus entities. Labels inside someone else's words (quotation marks, quote spans,
attributed speech) are dropped.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsprism.extract.base import Extractor
from newsprism.extract.speaker_kinds import OFFICIAL as TITLE
from newsprism.extract.voices import SPEECH_VERBS, VoiceIndex, quoted_regions, voice_index
from newsprism.model import Article, CorpusEntity, LabelSpan
from newsprism.nlp.load import text_of

# What an actor's institution is called is a label of the actor ("regime" vs "government").
INSTITUTION_NOUNS = frozenset([
    "regime", "government", "administration", "dictatorship", "rule", "junta", "cabinet", "presidency",
    "party", "loyalists", "henchmen", "cronies"
])
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "advmod", "npadvmod", "nummod", "punct", "hmod", "hyph"})
LABEL_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})
MAX_LABEL_TOKENS = 8


@dataclass
class LabelHit:
    article: str
    entity: str
    label: str
    start: int  # body offsets of the label words
    end: int


def _in_chain(tok: Token, root: Token) -> bool:
    """tok modifies root through modifier relations only (no possessor, no other clause)."""
    while tok.i != root.i:
        # titles with a preposition inside: "Chief of the Port Authority Hanna Voss"
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
    # an adverb grades an adjective of the label ("deeply unpopular leader"); one that grades nothing in it
    # is a misattached sentence adverb ("Later businessman Bob Smith ...")
    while lo < stop and (doc[lo].is_punct or doc[lo].pos_ == "DET"
                         or (doc[lo].pos_ == "ADV" and doc[lo].head.pos_ != "ADJ")):
        lo += 1
    return (lo, stop) if lo < stop else None


def _noun_label(doc: Doc, head: Token, blocked: set[int]) -> tuple[int, int] | None:
    """A common noun with its own premodifiers, and a short of/to phrase: "a favourite of the Markovich
    administration"."""
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
    if last.lemma_.lower() in SPEECH_VERBS:  # "Voss, the AP reports, called ..." is no label
        return False
    if all(t.pos_ == "PROPN" or t.is_punct for t in label):
        return bool(TITLE.search(label.text))
    return True


def article_labels(doc: Doc, article: Article, voices: VoiceIndex | None = None) -> list[LabelSpan]:
    """Every outlet-voice label of every actor of one article, from the per-document parse (entity ids are
    the article's own; canonicalisation rewrites them). `voices`: the article's quoted regions, when the
    caller already has them."""
    ments = [(m.start, m.end, ent.id, ent.type) for ent in article.entities if ent.type in LABEL_TYPES
             for m in ent.mentions]
    if not ments:
        return []
    persons = {(s, e) for s, e, _, t in ments if t == "PERSON"}
    person_tokens: set[int] = set()
    for ps, pe in persons:
        sp = doc.char_span(ps, pe, alignment_mode="expand")
        if sp is not None:
            person_tokens.update(range(sp.start, sp.end))
    body = text_of(doc)
    voices = voices or VoiceIndex(quoted_regions(doc, article.quotes))
    out: list[LabelSpan] = []
    seen: set[tuple[str, int, int]] = set()
    for ent, lo, hi in labels_in_sentence(doc, [(s, e, i) for s, e, i, _ in ments], person_tokens):
        start, end = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)
        if (ent, start, end) in seen or voices.is_quoted(start, end) or not _plausible(doc[lo:hi]):
            continue
        seen.add((ent, start, end))
        out.append(LabelSpan(entity=ent, text=body[start:end], start=start, end=end))
    return out


def article_label_hits(art: Article, known: dict[str, CorpusEntity]) -> list[LabelHit]:
    """Every outlet-voice label of a corpus entity in one article (made in the per-document pass); `known` maps
    corpus entity ids to entities (empty: keep every label)."""
    hits: list[LabelHit] = []
    for lab in art.actor_labels:
        ce = known.get(lab.entity)
        if known and (ce is None or ce.type not in LABEL_TYPES):
            continue
        hits.append(LabelHit(art.id, lab.entity, lab.text, lab.start, lab.end))
    return hits


def _fill(doc: Doc, article: Article) -> None:
    article.actor_labels = article_labels(doc, article, voice_index(doc, article))


EXTRACTOR = Extractor("actor_labels", fills=("actor_labels",), fill=_fill)
