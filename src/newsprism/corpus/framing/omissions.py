"""What an outlet leaves out: facts that other outlets covering the same story report and it does not.

Groups are stories (one event), not storylines: a storyline spans months, and a September article does not
"omit" what happened in March. An outlet only omits within a story it covers. Facts come from the facts stage; when it produced none, reported quantities (value + unit) stand in,
since a number one outlet gives and another drops is the most checkable omission there is.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from newsprism.model import Article, Fact, Quantity, Story, outlet_label

MAX_PER_OUTLET = 25


def _groups(stories: list[Story]) -> dict[str, set[str]]:
    groups: dict[str, set[str]] = defaultdict(set)
    for s in stories:
        groups[s.id].update(s.articles)
    return groups


def _quantity_facts(members: list[tuple[str, list[Quantity]]]) -> list[tuple[str, str, set[str]]]:
    """(key, statement, article ids) for each (value, unit) reported anywhere."""
    seen: dict[tuple[float, str], tuple[str, set[str]]] = {}
    for art_id, quantities in members:
        for q in quantities:
            if q.value is None or not q.unit:
                continue
            key = (float(q.value), q.unit.lower())
            text, ids = seen.setdefault(key, (q.text, set()))
            ids.add(art_id)
    return [(f"{v:g} {u}", text, ids) for (v, u), (text, ids) in seen.items()]


def find_omissions(articles: Sequence[Article], facts: list[Fact], stories: list[Story],
                   outlets: dict[str, str] | None = None) -> dict[str, list[dict[str, Any]]]:
    """outlet -> [{fact, statement, reported_by, story}] sorted by how many outlets report it; `outlets`
    (article id -> outlet_of) saves a read of the articles when the caller already has it."""
    # Per article only its outlet (and, without facts, its quantities): not the articles themselves.
    outlet_by_id: dict[str, str] = dict(outlets or {})
    quantities_by_id: dict[str, list[Quantity]] = {}
    if outlets is None or not facts:
        for a in articles:
            outlet_by_id[a.id] = outlet_label(a.id, a.outlet)
            if not facts:
                quantities_by_id[a.id] = a.quantities
    # facts by article, so that each story looks only at its own facts (all facts per story would be quadratic)
    facts_of: dict[str, set[int]] = defaultdict(set)
    for n, f in enumerate(facts):
        for m in f.mentions:
            facts_of[m.article].add(n)
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for gid, ids in _groups(stories).items():
        members = [i for i in sorted(ids) if i in outlet_by_id]
        outlets = {outlet_by_id[a] for a in members}
        if len(outlets) < 2:
            continue
        items: list[tuple[str | None, str, set[str]]] = []
        if facts:
            for n in sorted({n for a in ids for n in facts_of.get(a, ())}):
                f = facts[n]
                arts = {m.article for m in f.mentions if m.article in ids}
                if arts:
                    items.append((f.id, f.statement, arts))
        else:
            items = [(None, text, arts & ids) for _, text, arts in
                     _quantity_facts([(a, quantities_by_id[a]) for a in members]) if arts & ids]
        for fact_id, statement, arts in items:
            reporters = sorted({outlet_by_id[a] for a in arts})
            for outlet in sorted(outlets - set(reporters)):
                out[outlet].append({"fact": fact_id, "statement": statement, "reported_by": reporters,
                                    "story": gid})
    for rows in out.values():
        rows.sort(key=lambda r: (-len(r["reported_by"]), r["statement"]))
        del rows[MAX_PER_OUTLET:]
    return dict(out)
