"""Widening facts: a sentence of another article that carries what a fact's mentions agree on joins it.

Alignment links sentences that are alike as wholes, so an outlet that tells the same thing inside a longer
sentence ("... closed the bridge on Tuesday, diverting 40 lorries") or among other words stays out of the
fact, and its origin is not counted. A fact's core is what its mentions share: the content words that at least
half of its articles use. A sentence of an article the fact does not yet cite joins when it holds most of that
core, weighted by rarity in the block (common story words, such as the place or the victim's name, say little),
and when nothing in it conflicts with the fact (another count of the same thing, another month). A sentence may
so join several facts, as a long sentence carries several claims; but two facts that end up mostly the same
sentences are one claim, and the smaller is folded into the larger.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsprism.corpus.facts.align import Unit

# Share of the core's rarity weight a sentence must hold, and the fewest core words it must share. Chosen on
# the ECB+ tune topics (docs/quality.md, "Facts"): from 0.7 down to 0.55 origins counted right rise; under
# 0.5 alignment precision falls under its bar.
MIN_HELD = 0.55
# A second sentence of an article the fact cites joins when it holds this much of the core and credits it to
# another source than the article's sentences already in the fact ("..., police said" after the outlet's own).
OWN_HELD = 0.7
MIN_SHARED = 3
# A core word is used by at least this share of the fact's articles (and by two at least).
CORE_SHARE = 0.5
# Two widened facts sharing this share of the smaller one's sentences are one claim.
TWIN_SHARE = 0.5
# A core word in more sentences than this is story background: it does not propose candidates (it still counts
# in the weight), which keeps widening near-linear in the size of a story.
MAX_WORD_DF = 60

Conflict = Callable[["Unit", "Unit"], "str | None"]


def _idf(units: Sequence[Unit]) -> tuple[dict[str, float], dict[str, list[int]]]:
    """Rarity of each content word in the block, and the sentences using each word."""
    where: dict[str, list[int]] = defaultdict(list)
    for i, u in enumerate(units):
        for w in words(u):
            where[w].append(i)
    n = len(units)
    return {w: math.log((n + 1) / (len(ids) + 0.5)) for w, ids in where.items()}, where


def words(u: Unit) -> set[str]:
    """A unit's content words, and the count it is about as a word of its own ("#23"): outlets that word the
    same act differently ("arrested", "captured", "nabbed") still give it the same number."""
    focus = u.focus
    if focus is None or focus.value is None:
        return u.claim.stems
    return u.claim.stems | {f"#{focus.value:g}"}


def core(group: Sequence[Unit]) -> set[str]:
    """Content words used by at least half of a fact's articles (and by two at least)."""
    per_article: dict[str, set[str]] = {}
    for u in group:
        per_article.setdefault(u.claim.article, set()).update(words(u))
    counts: Counter[str] = Counter()
    for stems in per_article.values():
        counts.update(stems)
    need = max(2, math.ceil(CORE_SHARE * len(per_article)))
    return {w for w, c in counts.items() if c >= need}


def widen(units: Sequence[Unit], clusters: list[list[int]],
          conflict: Conflict) -> tuple[list[list[int]], dict[int, list[int]]]:
    """`clusters` (lists of positions in `units`) with the sentences of other articles that hold the core of
    each multi-article cluster; and per cluster, the sentences that hold its core but give its count another
    value (its rivals: the same claim with a minority figure). A cluster folded into its twin is left empty."""
    idf, where = _idf(units)
    out = [list(cl) for cl in clusters]
    rivals: dict[int, list[int]] = {}
    for n, cl in enumerate(out):
        if len({units[i].claim.article for i in cl}) >= 2:
            joiners, against = _joiners(units, cl, idf, where, conflict)
            cl.extend(joiners)
            cl.sort()
            if against:
                rivals[n] = against
    into = _no_twins(clusters, out)
    moved: dict[int, list[int]] = {}
    for n, r in rivals.items():  # a folded fact's rivals are the rivals of the fact that holds it
        moved.setdefault(into.get(n, n), []).extend(r)
    return out, moved


def _joiners(units: Sequence[Unit], cl: list[int], idf: dict[str, float], where: dict[str, list[int]],
             conflict: Conflict) -> tuple[list[int], list[int]]:
    """The best sentence per uncited article that holds the cluster's core, and those that would but for a
    conflicting count."""
    kernel = core([units[i] for i in cl])
    total = sum(idf[w] for w in kernel)
    if len(kernel) < MIN_SHARED or total <= 0:
        return [], []
    arts = {units[i].claim.article for i in cl}
    stories = {units[i].story for i in cl}
    hits: Counter[int] = Counter()
    for w in kernel:
        if len(where[w]) <= MAX_WORD_DF:
            hits.update(where[w])
    best: dict[str, tuple[float, int]] = {}
    against: list[int] = []
    keys = {units[i].key for i in cl}
    said: dict[str, set[str]] = {}
    for i in cl:
        if units[i].origin is not None:
            said.setdefault(units[i].claim.article, set()).add(units[i].origin.name)
    again: dict[tuple[str, str], int] = {}  # one more sentence per article and source it credits
    for j in hits:
        u = units[j]
        shared = kernel & words(u)
        # the story stage judged another story a different event: its sentences neither join nor rival
        if u.story not in stories or len(shared) < MIN_SHARED:
            continue
        held = sum(idf[w] for w in shared) / total
        if u.claim.article in arts:
            if held >= OWN_HELD and u.origin is not None and u.key not in keys \
                    and u.origin.name not in said.get(u.claim.article, ()) \
                    and not {conflict(units[i], u) for i in cl} - {None}:
                again.setdefault((u.claim.article, u.origin.name), j)
            continue
        if held < MIN_HELD or held <= best.get(u.claim.article, (0.0, -1))[0]:
            continue
        why = {conflict(units[i], u) for i in cl} - {None}
        if why:
            if why == {"quantity"}:
                against.append(j)
            continue
        best[u.claim.article] = (held, j)
    return [j for _, j in best.values()] + list(again.values()), against


def _no_twins(before: list[list[int]], after: list[list[int]]) -> dict[int, int]:
    """Two facts that widening made mostly the same sentences are one claim told twice (alignment split it where
    outlets word it apart): the one with fewer sentences of its own is folded into the other (in `after`, in
    place; it is left empty), so no statement is listed as two facts and every outlet telling it counts once for
    it. A fact keeps the own sentences of every fact folded into it, along a chain of folds too. Returns each
    fact folded away with the fact that holds it now."""
    holders: dict[int, list[int]] = defaultdict(list)
    for n, cl in enumerate(after):
        for i in cl:
            holders[i].append(n)
    pairs = {(x, y) for ns in holders.values() for x in ns for y in ns if x < y}
    own = [set(cl) for cl in before]
    into: dict[int, int] = {}
    for x, y in sorted(pairs):
        if x in into or y in into:
            continue
        a, b = set(after[x]), set(after[y])
        if len(a & b) >= TWIN_SHARE * min(len(a), len(b)):
            small, large = (x, y) if (len(own[x]), -x) < (len(own[y]), -y) else (y, x)
            own[large] |= own[small]
            after[large] = sorted(set(after[large]) | own[small])
            after[small] = []
            into[small] = large
    for small in into:  # a chain of folds ends at the fact that still holds the sentences
        while into[small] in into:
            into[small] = into[into[small]]
    return into
