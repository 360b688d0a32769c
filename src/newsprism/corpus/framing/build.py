"""Per-outlet framing: how each outlet labels the actors, how much loaded language it uses in its own voice
(quoted loaded language is counted apart, never against the outlet), whom it lets speak, which sources it
cites, and which facts reported by other outlets on the same story it leaves out.

Outlets are counted by `model.outlet_label`, so an article of unknown outlet is its own outlet.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from newsprism.corpus.framing.omissions import find_omissions
from newsprism.corpus.framing.rates import RateSample, shared_stories
from newsprism.corpus.stage import CorpusStage, StageContext
from newsprism.extract.actor_labels import LabelHit, article_label_hits
from newsprism.extract.speaker_kinds import voice_kind
from newsprism.model import (
    ActorLabel,
    Analysis,
    Article,
    CorpusEntity,
    Fact,
    Framing,
    OutletFraming,
    Story,
    outlet_label,
)


def _label_table(outlet: dict[str, str], local_names: dict[str, str], entities: list[CorpusEntity],
                 hits: list[LabelHit]) -> dict[str, list[ActorLabel]]:
    names = {e.id: e.name for e in entities}
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


def build_framing(articles: Sequence[Article], entities: list[CorpusEntity], facts: list[Fact],
                  stories: list[Story]) -> Framing:
    known = {e.id: e for e in entities}
    hits: list[LabelHit] = []
    outlet: dict[str, str] = {}
    local_names: dict[str, str] = {}
    per: dict[str, OutletFraming] = {}
    sources: dict[str, Counter] = defaultdict(Counter)
    voices: dict[str, Counter] = defaultdict(Counter)
    named: dict[str, str | None] = {}
    sample = RateSample()
    # One read of each article (they may be spooled): everything per article is gathered in this pass.
    for art in articles:
        mine = article_label_hits(art, known)
        hits += mine
        labels_of: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
        for h in mine:
            labels_of[h.entity].append((h.label, h.start, h.end))
        o = outlet[art.id] = outlet_label(art.id, art.outlet)
        named[art.id] = art.outlet
        sample.add(o, art)
        local_names.update((ent.id, ent.name) for ent in art.entities)
        of = per.setdefault(o, OutletFraming(outlet=o))
        of.loaded_terms += sum(1 for t in art.loaded_terms if t.voice == "outlet")
        of.loaded_quoted += sum(1 for t in art.loaded_terms if t.voice != "outlet")
        sources[o].update(sc.kind for sc in art.sources_cited)
        voices[o].update(voice_kind(q, art, labels_of or None) for q in art.quotes)
    # Labels and loaded-term rates are compared on the stories every outlet covered (see rates.py).
    key, shared = shared_stories(named, stories)
    labels = _label_table(outlet, local_names, entities, [h for h in hits if key.get(h.article) in shared])
    rates = sample.rates(key, shared)
    omissions = find_omissions(articles, facts, stories, outlets=outlet)
    for o, of in per.items():
        of.actor_labels = labels.get(o, [])
        of.loaded_rate = rates[o]
        of.sources_cited = dict(sources[o].most_common())
        of.voices = dict(voices[o].most_common())
        of.omissions = omissions.get(o, [])
    return Framing(outlets=sorted(per.values(), key=lambda x: x.outlet.lower()))


def _run(analysis: Analysis, ctx: StageContext) -> None:
    analysis.framing = build_framing(analysis.articles, analysis.entities, analysis.facts, analysis.stories)


STAGE = CorpusStage("framing", needs=("articles", "entities", "facts", "stories"), makes=("framing",), run=_run)
