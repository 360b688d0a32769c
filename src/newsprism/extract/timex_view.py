"""What the time tagger reads besides the text: where sentences start, spaCy's entities, and the parse of the
sentence around an expression.

The grammar itself reads only the text; the parse decides a few things it cannot: the tense that points a
weekday back or ahead, whether a year is a count or a model year, whether "current" modifies a noun, whether a
capitalised match is part of a name. Two sources serve it:

- `WholeView`: a document the pipeline parsed whole. `analyze` parses every sentence anyway (quotes, speakers and
  entities need it), so every check runs everywhere.
- `SentenceView`: plain text for the times-only path (`timex_text.py`). Sentences come from rules, and only the
  sentences some check asks about are parsed, in one batch. A first pass over the text records what is asked
  (`parse` answers None); the caller parses those sentences (`fill`) and runs the tagger again. On TempEval-3
  about one sentence in ten is asked about, and spaCy is most of what tagging a document costs.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from newsprism.extract.timex_filters import sentence_start
from newsprism.nlp.load import text_of
from newsprism.nlp.rulesents import split_sentences

NAME_LABELS = {"ORG", "PERSON", "WORK_OF_ART", "PRODUCT", "FAC", "GPE", "NORP", "LAW"}
DATE_LABELS = {"DATE", "TIME"}
# The longest sentence parsed on demand; a longer one (a list or table without full stops) keeps the defaults.
MAX_SENTENCE_CHARS = 3000
_QUOTES = "\"'\u201c\u201d\u2018\u2019"


@dataclass
class Parse:
    doc: Doc
    offset: int  # where the parsed text starts in the view's text
    _ents: list[tuple[str, int, int]] | None = None

    def ask(self, check: Callable[[Doc, int, int], bool], start: int, end: int) -> bool:
        return check(self.doc, start - self.offset, end - self.offset)

    def in_entity(self, start: int, end: int, labels: set[str], within: bool) -> bool:
        if self._ents is None:  # `Doc.ents` builds its spans again on each access
            self._ents = [(e.label_, e.start_char, e.end_char) for e in self.doc.ents]
        s, e = start - self.offset, end - self.offset
        return any(label in labels and (lo <= s and e <= hi if within else lo < e and s < hi)
                   for label, lo, hi in self._ents)


class WholeView:
    """A document parsed whole: every answer is there."""

    whole = True

    def __init__(self, doc: Doc) -> None:
        self.matches: list[re.Match[str]] | None = None  # the grammar's, kept by timex_asks.matches
        self.doc = doc
        self.text = text_of(doc)
        self._parse = Parse(doc, 0)

    def parse(self, start: int, ents: bool = False, tree: bool = True) -> Parse:
        return self._parse

    def date_entities(self) -> list[tuple[int, int]]:
        return [(e.start_char, e.end_char) for e in self.doc.ents if e.label_ in DATE_LABELS]

    def opens_sentence(self, start: int) -> bool:
        return sentence_start(self.doc, start)

    def sentence_at(self, start: int) -> int:
        span = self.doc.char_span(start, start + 1, alignment_mode="expand")
        return span.sent.start_char if span is not None else -1


@dataclass
class SentenceView:
    """Plain text whose sentences are parsed only when asked about (see the module docstring)."""

    text: str
    whole: bool = False
    spans: list[tuple[int, int]] = field(init=False)
    wanted: dict[int, tuple[bool, bool]] = field(default_factory=dict)  # sentence -> (tree, entities) to parse
    parsed: dict[int, Parse] = field(default_factory=dict)
    matches: list[re.Match[str]] | None = None

    def __post_init__(self) -> None:
        self.spans = split_sentences(self.text) or [(0, len(self.text))]
        self._starts = [s for s, _ in self.spans]

    def _index(self, start: int) -> int:
        return max(0, bisect_right(self._starts, start) - 1)

    def parse(self, start: int, ents: bool = False, tree: bool = True) -> Parse | None:
        """The parse of the sentence holding `start`, with its dependency tree and tags (`tree`) and its entities
        (`ents`); None, and the need recorded for `fill`, where the sentence has not been parsed that far."""
        k = self._index(start)
        if self.spans[k][1] - self.spans[k][0] > MAX_SENTENCE_CHARS:
            return None  # a run-on without stops: no sentence the parser reads well, and slow to parse
        p = self.parsed.get(k)
        has_tree = p is not None and p.doc.has_annotation("DEP")
        has_ents = p is not None and p.doc.has_annotation("ENT_IOB")
        if (tree and not has_tree) or (ents and not has_ents):
            old_tree, old_ents = self.wanted.get(k, (has_tree, has_ents))
            self.wanted[k] = (old_tree or tree, old_ents or ents)
            return None
        return p

    def date_entities(self) -> list[tuple[int, int]]:
        return []  # spaCy's extra DATE entities would need every sentence parsed

    def opens_sentence(self, start: int) -> bool:
        """As `timex_filters.sentence_start` reads the parse: first in its sentence, or after punctuation; after
        a quote mark only when the quote itself opens the sentence or follows a stop."""
        before = self.text[self.spans[self._index(start)][0]:start].rstrip()
        if before and before[-1] in _QUOTES:
            before = before[:-1].rstrip()
            return not before or before[-1] in ".!?:;"
        return not before or not before[-1].isalnum()

    def sentence_at(self, start: int) -> int:
        return self.spans[self._index(start)][0]


def fill(views: list[SentenceView], nlp: Language, batch_size: int = 64) -> None:
    """Parse every sentence the views asked about, in one batch per need: the tree without the entity
    recogniser, the entities alone (it embeds its own token vectors), or both."""
    jobs: dict[tuple[bool, bool], list[tuple[SentenceView, int]]] = {}
    for view in views:
        for k, need in view.wanted.items():
            jobs.setdefault(need, []).append((view, k))
        view.wanted = {}
    for (tree, ents), items in jobs.items():
        texts = [view.text[view.spans[k][0]:view.spans[k][1]] for view, k in items]
        skip = [name for name in nlp.pipe_names if (name == "ner" and not ents) or (name != "ner" and not tree)]
        for (view, k), doc in zip(items, nlp.pipe(texts, batch_size=batch_size, disable=skip), strict=True):
            view.parsed[k] = Parse(doc, view.spans[k][0])
