"""Per-outlet framing: actor labels in the outlet's own voice, loaded-term counts by voice, voices, omissions."""

from __future__ import annotations

import pytest
from anyascii import anyascii

from newsprism.corpus.framing.build import build_framing
from newsprism.extract.actor_labels import article_labels
from newsprism.extract.loaded import extract_loaded
from newsprism.model import (
    Article,
    CorpusEntity,
    Entity,
    Fact,
    FactMention,
    Mention,
    Quantity,
    Quote,
    SourceCited,
    Story,
)
from newsprism.nlp.load import get_nlp

SEED_OUTLETS = {"000": "The Daily Wire", "001": "The Moscow Times", "002": "The Moscow Times", "003": None,
                "004": "EU Today"}


def entities_from_doc(doc, canon: dict[str, CorpusEntity]) -> list[Entity]:
    """A stand-in for the entity stages: spaCy entities merged corpus-wide by their last word (Guaidó/Guaido)."""
    local: dict[str, Entity] = {}
    for e in doc.ents:
        if e.label_ not in ("PERSON", "ORG", "GPE", "NORP"):
            continue
        key = anyascii(e[-1].text.split("’")[0].split("'")[0]).lower()
        if key not in canon:
            canon[key] = CorpusEntity(id=f"E{len(canon) + 1}", name=e.text, type=e.label_, variants=[], articles=[])
        cid = canon[key].id
        local.setdefault(cid, Entity(id=cid, name=e.text, type=canon[key].type)).mentions.append(
            Mention(e.text, e.start_char, e.end_char))
    return list(local.values())


@pytest.fixture(scope="module")
def seed_framing(seeds_dir):
    canon: dict[str, CorpusEntity] = {}
    arts = []
    for path in sorted(seeds_dir.glob("*.txt")):
        body = path.read_text(encoding="utf-8")
        art = Article(id=path.stem, source=str(path), body=body, outlet=SEED_OUTLETS.get(path.name[:3]))
        doc = get_nlp()(body)
        art.entities = entities_from_doc(doc, canon)
        art.loaded_terms = extract_loaded(doc, art)
        art.actor_labels = article_labels(doc, art)
        arts.append(art)
    framing = build_framing(arts, list(canon.values()), [], [])
    return arts, {o.outlet: o for o in framing.outlets}


def labels(of, surname: str) -> set[str]:
    return {a.label.lower() for a in of.actor_labels if a.name and surname in anyascii(a.name)}


def test_outlets_are_never_invented(seed_framing):
    arts, by = seed_framing
    unknown = [a for a in arts if a.outlet is None]
    assert set(by) == {"The Daily Wire", "The Moscow Times", "EU Today"} | {
        f"unknown outlet ({a.id})" for a in unknown}


def test_actor_label_table_on_seeds(seed_framing):
    arts, by = seed_framing
    dw, mt, eu = by["The Daily Wire"], by["The Moscow Times"], by["EU Today"]
    unknown = by[f"unknown outlet ({[a for a in arts if a.outlet is None][0].id})"]
    assert "embattled socialist president" in labels(dw, "Maduro")
    assert "self-proclaimed venezuelan president" in labels(dw, "Guaid")
    assert "opposition leader" in labels(mt, "Guaid")
    assert "president" in labels(mt, "Maduro")
    assert "puppet dictator" in labels(eu, "Chavez")
    assert "regime" in labels(unknown, "Maduro")
    assert any(labels(o, "Putin") for o in by.values())
    for of in by.values():
        for row in of.actor_labels:
            assert row.count == len(row.spans) >= 1
            art = next(a for a in arts if a.id == row.spans[0]["article"])
            assert art.body[row.spans[0]["start"]:row.spans[0]["end"]].lower() == row.label.lower()


def test_loaded_counts_by_voice(seed_framing):
    arts, by = seed_framing
    dw_art = next(a for a in arts if a.outlet == "The Daily Wire")
    dw = by["The Daily Wire"]
    assert dw.loaded_terms == sum(1 for t in dw_art.loaded_terms if t.voice == "outlet") >= 2
    assert dw.loaded_quoted >= 3  # reckless escalation (twice), unconstructive behavior, orchestrating a coup


def test_quoted_labels_are_excluded():
    body = "“Disgraced tycoon Bob Smith lied,” the minister said. Later businessman Bob Smith denied it."
    art = Article(id="a1", source="x", body=body, outlet="Example News")
    starts = [i for i in range(len(body)) if body.startswith("Bob Smith", i)]
    art.entities = [Entity(id="E1", name="Bob Smith", type="PERSON",
                           mentions=[Mention("Bob Smith", s, s + 9) for s in starts])]
    art.actor_labels = article_labels(get_nlp()(body), art)
    ent = CorpusEntity(id="E1", name="Bob Smith", type="PERSON", variants=[], articles=["a1"])
    (of,) = build_framing([art], [ent], [], []).outlets
    got = {a.label.lower() for a in of.actor_labels}
    assert "businessman" in got
    assert not any("tycoon" in g for g in got)


def test_voices_and_sources():
    body = "Russian Foreign Minister Ivan Petrov said no. An official said yes. Reuters reported it."
    art = Article(id="a1", source="x", body=body, outlet="Example News")
    art.entities = [Entity(id="E1", name="Russian", type="NORP", mentions=[Mention("Russian", 0, 7)])]
    p = body.index("Ivan Petrov")
    art.quotes = [
        Quote("Ivan Petrov", None, "no", "said", False, False, [], 44, 46, speaker_start=p, speaker_end=p + 11),
        Quote(None, None, "yes", "said", False, True, [], 65, 68),
    ]
    art.sources_cited = [SourceCited("Reuters", "wire"), SourceCited("Interfax", "state_media")]
    (of,) = build_framing([art], [], [], []).outlets
    assert of.voices == {"official (Russian)": 1, "anonymous": 1}
    assert of.sources_cited == {"wire": 1, "state_media": 1}


def _art(aid, outlet, quantities=()):
    return Article(id=aid, source=aid, body="x", outlet=outlet, quantities=list(quantities))


def test_omissions_from_facts_within_a_story():
    arts = [_art("a", "A"), _art("b", "B"), _art("c", "C"), _art("d", "D")]
    stories = [Story("S1", "s", ["a", "b", "c"], None, None), Story("S2", "t", ["d"], None, None)]
    facts = [Fact("F1", "S1", "About 100 troops landed", [FactMention("a", 0, 1, "asserts"),
                                                           FactMention("b", 0, 1, "asserts")],
                  [], 1, "corroborated")]
    by = {o.outlet: o for o in build_framing(arts, [], facts, stories).outlets}
    assert by["C"].omissions == [{"fact": "F1", "statement": "About 100 troops landed", "reported_by": ["A", "B"],
                                  "story": "S1"}]
    assert by["A"].omissions == [] and by["D"].omissions == []  # D does not cover S1


def test_omissions_fall_back_on_quantities():
    q = Quantity(35, False, None, "tons", "35 tons", 0, 7)
    arts = [_art("a", "A", [q]), _art("b", "B")]
    by = {o.outlet: o for o in build_framing(arts, [], [], [Story("S1", "s", ["a", "b"], None, None)]).outlets}
    assert [(o["statement"], o["reported_by"]) for o in by["B"].omissions] == [("35 tons", ["A"])]
