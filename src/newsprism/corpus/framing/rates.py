"""Comparable loaded-language figures per outlet: a rate on the same stories, with an interval.

A raw count of loaded terms says more about how much an outlet wrote than about how it wrote. The figure a
researcher can cite is normalised (terms per 1,000 words of the outlet's own voice: quoted words are someone
else's), measured on the stories every compared outlet covered (so one outlet's extra crime stories do not
weigh against it), with a bootstrap interval over its articles and the sample size beside it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

from newsprism.extract.voices import VoiceIndex, quote_mark_regions, speech_regions
from newsprism.model import Article, LoadedRate, Story

BOOTSTRAP_ROUNDS = 1000
_WORD = re.compile(r"\w+")
ALL = "*"  # the story key of every article when the corpus has no story grouping


def own_voice_words(art: Article) -> int:
    """Words outside quotation marks and outside direct or named indirect speech (the parse's attributed
    clauses are not kept on the article, so those are counted as the outlet's: a slight undercount of rates)."""
    voices = VoiceIndex(quote_mark_regions(art.body) + speech_regions(art.quotes))
    return sum(1 for m in _WORD.finditer(art.body) if not voices.is_quoted(m.start(), m.end()))


def shared_stories(outlets: dict[str, str | None], stories: list[Story]) -> tuple[dict[str, str], set[str]]:
    """(article id -> story key, the shared story keys), from article id -> outlet name (None when unknown).

    Shared: the stories every named outlet covered. When no story is covered by all of them (a corpus of many
    outlets, each on a few stories), the stories at least two named outlets covered, so that a comparison is
    still made on common ground; with fewer than two named outlets, or no story grouping, every story."""
    story_of = {a: s.id for s in stories for a in s.articles}
    key = {a: (story_of.get(a, f"solo:{a}") if stories else ALL) for a in outlets}
    covered: dict[str, set[str]] = defaultdict(set)
    for a, o in outlets.items():
        if o:
            covered[key[a]].add(o)
    named = {o for o in outlets.values() if o}
    if len(named) < 2:
        return key, set(key.values())
    every = {k for k, outs in covered.items() if outs >= named}
    return key, every or {k for k, outs in covered.items() if len(outs) >= 2} or set(key.values())


def _rate(terms: float, words: float) -> float:
    return 1000.0 * terms / words if words else 0.0


def bootstrap(sample: list[tuple[int, int]], rounds: int = BOOTSTRAP_ROUNDS, seed: int = 0) -> tuple[float, float]:
    """95% percentile interval of sum(terms)/sum(words)*1000, resampling (terms, words) articles."""
    if not sample:
        return 0.0, 0.0
    rng = np.random.default_rng(seed)
    arr = np.asarray(sample, dtype=np.float64)
    n = len(arr)
    rates = np.empty(rounds)
    for r in range(rounds):  # one round at a time: memory stays O(articles) on large corpora
        pick = arr[rng.integers(0, n, n)].sum(axis=0)
        rates[r] = _rate(pick[0], pick[1])
    low, high = np.percentile(rates, [2.5, 97.5])
    return float(low), float(high)


@dataclass
class RateSample:
    """Per outlet, (own-voice loaded terms, own-voice words) of each article on a shared story."""
    rows: dict[str, list[tuple[int, int, str]]] = field(default_factory=lambda: defaultdict(list))

    def add(self, outlet: str, art: Article) -> None:
        terms = sum(1 for t in art.loaded_terms if t.voice == "outlet")
        self.rows[outlet].append((terms, own_voice_words(art), art.id))

    def rates(self, key: dict[str, str], shared: set[str]) -> dict[str, LoadedRate]:
        out = {}
        for o, rows in self.rows.items():
            sample = [(t, w) for t, w, a in rows if key.get(a) in shared]
            terms, words = sum(t for t, _ in sample), sum(w for _, w in sample)
            low, high = bootstrap(sample)
            out[o] = LoadedRate(per_1k_words=round(_rate(terms, words), 3), low=round(low, 3),
                                high=round(high, 3), terms=terms, words=words, articles=len(sample),
                                stories=len({key[a] for _, _, a in rows if key.get(a) in shared}))
        return out
