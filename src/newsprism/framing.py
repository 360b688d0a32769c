"""Per-outlet framing: how each outlet labels the actors, how much loaded language it uses in its own voice
(quoted loaded language is counted apart, never against the outlet), whom it lets speak, which sources it
cites, and which facts reported by other outlets on the same story it leaves out.

An article without a known outlet is its own "unknown outlet (ARTICLE_ID)": merging unknowns would invent an
outlet.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from .framing_labels import LabelHit, actor_labels
from .model import ActorLabel, Article, CorpusEntity, Fact, Framing, OutletFraming, Story
from .omissions import find_omissions, outlet_of
from .sourcing import voice_kind


def _label_table(articles: list[Article], entities: list[CorpusEntity], hits: list[LabelHit]
                 ) -> dict[str, list[ActorLabel]]:
    names = {e.id: e.name for e in entities}
    outlet = {a.id: outlet_of(a) for a in articles}
    local_names = {ent.id: ent.name for a in articles for ent in a.entities}
    table: dict[tuple[str, str, str], ActorLabel] = {}
    for hit in hits:
        key = (outlet[hit.article], hit.entity, hit.label.lower())
        row = table.get(key)
        if row is None:
            row = table[key] = ActorLabel(entity=hit.entity, label=hit.label, count=0,
                                          name=names.get(hit.entity) or local_names.get(hit.entity))
        row.count += 1
        row.spans.append({"article": hit.article, "start": hit.start, "end": hit.end})
    out: dict[str, list[ActorLabel]] = defaultdict(list)
    for (o, _, _), row in table.items():
        out[o].append(row)
    for rows in out.values():
        rows.sort(key=lambda r: (r.name or r.entity, -r.count, r.label.lower()))
    return out


def build_framing(articles: list[Article], entities: list[CorpusEntity], facts: list[Fact],
                  stories: list[Story]) -> Framing:
    hits = actor_labels(articles, entities)
    by_article: dict[str, dict[str, list[tuple[str, int, int]]]] = defaultdict(lambda: defaultdict(list))
    for h in hits:
        by_article[h.article][h.entity].append((h.label, h.start, h.end))
    per: dict[str, OutletFraming] = {}
    sources: dict[str, Counter] = defaultdict(Counter)
    voices: dict[str, Counter] = defaultdict(Counter)
    for art in articles:
        o = outlet_of(art)
        of = per.setdefault(o, OutletFraming(outlet=o))
        of.loaded_terms += sum(1 for t in art.loaded_terms if t.voice == "outlet")
        of.loaded_quoted += sum(1 for t in art.loaded_terms if t.voice != "outlet")
        sources[o].update(sc.kind for sc in art.sources_cited)
        voices[o].update(voice_kind(q, art, by_article.get(art.id)) for q in art.quotes)
    labels = _label_table(articles, entities, hits)
    omissions = find_omissions(articles, facts, stories)
    for o, of in per.items():
        of.actor_labels = labels.get(o, [])
        of.sources_cited = dict(sources[o].most_common())
        of.voices = dict(voices[o].most_common())
        of.omissions = omissions.get(o, [])
    return Framing(outlets=sorted(per.values(), key=lambda x: x.outlet.lower()))
