"""Time expressions of plain text without the full pipeline: the times-only path.

`analyze` parses every sentence because quotes, speakers and entities need it, and its time tagger reads that
parse (`times.extract_times`). Someone who wants only the times need not pay for it: the grammar reads the text,
and only the sentences whose reading depends on the parse (a weekday's tense, a year that may be a count, a
capitalised match that may be a name) go through spaCy, in batches across documents (`timex_view`). On
TempEval-3 this costs about a tenth of the full pipeline and a sixtieth to an eightieth of HeidelTime, all
processing counted, with a value F1 no lower than on the full parse (figures and commands in docs/quality.md).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from spacy.language import Language

from newsprism.extract.times import anchor_of, resolve_times, tag_candidates
from newsprism.extract.timex_view import SentenceView, fill
from newsprism.model import Published, TimeExpr
from newsprism.nlp.load import get_nlp

# The checks of a second pass can ask about a sentence the first did not (a year kept by its entity turns out
# tense-sensitive); a third pass settles every case seen. Each pass re-reads only cached grammar matches.
MAX_PASSES = 3


def times_of_texts(items: Iterable[tuple[str, Published]], batch_size: int = 64,
                   nlp: Language | None = None) -> Iterator[list[TimeExpr]]:
    """The time expressions of each (text, publication) pair, in order; relative expressions are resolved
    against the publication date and left underspecified when it is unknown."""
    nlp = nlp or get_nlp()
    it = iter(items)
    while chunk := list(islice(it, batch_size)):
        views = [SentenceView(text) for text, _ in chunk]
        anchors = [anchor_of(pub) for _, pub in chunk]
        cands = [tag_candidates(view, anchor) for view, anchor in zip(views, anchors, strict=True)]
        for _ in range(MAX_PASSES - 1):
            asking = [k for k, view in enumerate(views) if view.wanted]
            if not asking:
                break
            fill([views[k] for k in asking], nlp)
            for k in asking:
                cands[k] = tag_candidates(views[k], anchors[k])
        yield from (resolve_times(view.text, c, anchor) for view, c, anchor in zip(views, cands, anchors, strict=True))


def times_of_text(text: str, published: Published) -> list[TimeExpr]:
    """The time expressions of one text (see `times_of_texts`; batches of many texts parse faster)."""
    return next(times_of_texts([(text, published)]))
