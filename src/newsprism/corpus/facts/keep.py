"""Which facts of a story are kept, and in what order: every fact several articles report, and the single-article
facts that read most like claims, within bounds that grow with the story.

A single-article fact is a claim a reader may want checked ("the council told residents to boil their water",
"the firm was set up nine years ago") or background and colour ("It was a cold night"). Keeping
only those with a number or a quote loses the first kind; keeping every sentence buries the story. So each is
scored for how much it reads like a self-contained claim (`claim_likeness`), and the best are kept up to a bound
per article and per story: a story told by more articles may show more of them, never all of its sentences.
A wire report states a claim in most of its sentences, so the per-article bound leaves room for about a third
of a long article; what a story shows in all stays bounded by `FACTS_BASE` and `FACTS_PER_ARTICLE`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsprism.model import Fact

if TYPE_CHECKING:
    from newsprism.corpus.facts.align import Unit

# Facts per story: a base plus a share per article, so that a 30-article story is not cut to a 5-article one's.
FACTS_BASE = 20
FACTS_PER_ARTICLE = 6
# Single-article facts: at most this many from one article, and per story a base plus a share per article.
SINGLES_PER_ARTICLE = 10
SINGLES_BASE = 6
SINGLES_PER_STORY_ARTICLE = 6
# Under this claim-likeness a single-article sentence is background, whatever room is left.
MIN_CLAIM_LIKENESS = 1.0

_PRONOUN_START = re.compile(r"^[“\"']?(?:he|she|it|they|this|that|these|those|there)\b", re.I)
_FIRST_PERSON = re.compile(r"\b(?:I|we|We|my|our|Our|My)\b")
_QUOTED_SPAN = re.compile(r"[“\"][^”\"]*[”\"]")


@dataclass
class Candidate:
    """A built fact with what keeping it needs: its story, its units and its rank keys."""
    fact: Fact
    story: str | None
    group: list[Unit]


def is_single(fact: Fact) -> bool:
    return len({m.article for m in fact.mentions}) == 1 and fact.status not in ("denied", "contested")


def claim_likeness(group: list[Unit]) -> float:
    """How much a single-article fact reads like a checkable, self-contained claim (higher is more).

    What counts: who (a named entity), how many (a counted thing), when (an anchored date), a named speaker's
    words, an attribution; what counts against: a question, an opening pronoun that needs the sentence before
    it, the writer's own first person, a fragment or a run-on. Earlier sentences weigh a little more: news puts
    what it claims first."""
    u = group[0]
    c = u.claim
    text = c.text.strip()
    words = len(text.split())
    score = 0.0
    score += 1.0 if c.entities else 0.0
    score += 1.0 if u.focus is not None else 0.0
    score += 0.6 if any(t and t[:1].isdigit() for t in c.times) else (0.2 if c.times else 0.0)
    score += 0.8 if any(q.direct and not q.anonymous and q.speaker for q in c.quotes) else 0.0
    score += 0.4 if u.stance.stance == "attributes" else 0.0
    score += 0.3 if u.stance.hearsay else 0.0
    if text.rstrip("”\"' )").endswith("?"):
        score -= 1.5
    if _PRONOUN_START.match(text):
        score -= 0.5
    if _FIRST_PERSON.search(_QUOTED_SPAN.sub(" ", text)):
        score -= 0.7
    if words < 8 or words > 45:
        score -= 0.4
    score += 0.5 * (1.0 - min(c.index, 20) / 20)
    return score


def worth_keeping(fact: Fact, group: list[Unit]) -> bool:
    """Cross-article, contested and denied facts always; a single-article one when it reads like a claim."""
    return not is_single(fact) or claim_likeness(group) >= MIN_CLAIM_LIKENESS


def select(candidates: list[Candidate], articles_per_story: dict[str | None, int]) -> list[Candidate]:
    """The kept facts, best first: facts reported by more articles (and disputed ones) first, then the single-
    article facts by claim-likeness; a fact showing exactly the sentences of a better one is the same claim
    shown twice (one sentence, two counted things, in the same articles) and is left out."""
    def rank(c: Candidate) -> tuple:
        f = c.fact
        single = is_single(f)
        return (single, -len({m.article for m in f.mentions}), f.status not in ("denied", "contested"),
                -f.independent_sources, -claim_likeness(c.group) if single else 0.0,
                all(u.focus is None for u in c.group), c.group[0].claim.article, c.group[0].claim.start)

    per_story: dict[str | None, int] = defaultdict(int)
    singles: dict[str | None, int] = defaultdict(int)
    per_article: dict[str, int] = defaultdict(int)
    shown_sets: set[frozenset[tuple[str, int]]] = set()
    shown: set[tuple[str, int]] = set()
    kept = []
    for c in sorted(candidates, key=rank):
        spans = frozenset((m.article, m.start) for m in c.fact.mentions)
        single = is_single(c.fact)
        if spans in shown_sets or (single and spans <= shown):
            continue
        n = articles_per_story.get(c.story, 1)
        if per_story[c.story] >= FACTS_BASE + FACTS_PER_ARTICLE * n:
            continue
        if single:
            article = c.fact.mentions[0].article
            if singles[c.story] >= SINGLES_BASE + SINGLES_PER_STORY_ARTICLE * n \
                    or per_article[article] >= SINGLES_PER_ARTICLE:
                continue
            singles[c.story] += 1
            per_article[article] += 1
        per_story[c.story] += 1
        shown_sets.add(spans)
        shown |= spans
        kept.append(c)
    return kept


__all__ = ["Candidate", "claim_likeness", "select", "worth_keeping"]
