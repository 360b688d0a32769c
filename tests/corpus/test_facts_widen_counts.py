"""Widening on real wording: outlets name one count with different nouns ("17 smugglers", "17 Moroccans", "took
17 into custody") and word one act with different verbs; and two facts that widening makes mostly the same
sentences are one claim, whose outlets all count for it. Sentences are news-style, written for these tests."""

from __future__ import annotations

from newsprism.corpus.facts import align, widen
from newsprism.corpus.facts import origins as prov
from newsprism.corpus.facts.align import _article_units
from newsprism.model import Article, Published, Quantity
from newsprism.nlp.sentences import spans_of

SENTENCES = {
    "a1": "The coast guard said it detained 17 smugglers who tried to land a speedboat near Tarifa on Sunday.",
    "b1": "The coast guard detained 17 smugglers near Tarifa after their speedboat tried to land on Sunday.",
    "c1": "After a long chase, the coast guard stopped the speedboat near Tarifa on Sunday and detained 17 Moroccans.",
}

# The rest of each report: words every article uses say little about which claim a sentence tells.
OTHER = ("The port of Algeciras reopened to ferries in the evening. Fishing boats had stayed in the harbour all "
         "day because of strong winds. Local officials praised the crews of the patrol boats.")


def _units(c_value: float, unit: str = "Moroccans"):
    arts = [Article(id=k, source=k, outlet=f"Daily {k}", body=f"{v} {OTHER}", published=Published(date="2021-05-03"))
            for k, v in SENTENCES.items()]
    units = [u for a in arts for u in _article_units(a, prov.article_sources(a, spans_of(a), a.outlet))]
    c = next(u for u in units if u.claim.article == "c1")
    at = c.claim.text.find("17 Moroccans")
    c.focus = Quantity(c_value, False, None, unit, "17 Moroccans", at, at + 12)
    fact = [i for i, u in enumerate(units) if u.claim.article != "c1" and "smugglers" in u.claim.text]
    return units, fact, units.index(c)


def test_the_same_count_under_another_noun_joins_the_fact():
    units, fact, c = _units(17.0)
    assert units[fact[0]].focus.unit == "smugglers"
    out, _ = widen.widen(units, [fact, [c]], align._widen_conflict)
    assert c in out[0]
    # what kept it out: the count's other noun read as another unit
    out, _ = widen.widen(units, [fact, [c]], align._conflict)
    assert c not in out[0]


def test_a_distance_is_not_the_same_count():
    # "17 km" measures: it is never the 17 people another outlet counted
    units, fact, c = _units(17.0, "km")
    assert align._widen_conflict(units[fact[0]], units[c]) is not None


def test_another_count_under_another_noun_stays_out():
    units, fact, c = _units(12.0)
    out, _ = widen.widen(units, [fact, [c]], align._widen_conflict)
    assert c not in out[0]


def test_the_count_is_a_core_word():
    units, fact, _ = _units(17.0)
    assert "#17" in widen.core([units[i] for i in fact])


def test_twin_facts_are_folded_into_the_larger():
    before = [[0, 1, 2], [3, 4]]
    after = [[0, 1, 2, 5, 6], [3, 4, 5, 6]]
    folded = widen._no_twins(before, after)
    assert folded == {1: 0}
    assert after == [[0, 1, 2, 3, 4, 5, 6], []]


def test_a_chain_of_folds_keeps_every_folded_facts_sentences():
    # 0 folds into 1, then 1 into 2: fact 2 holds the own sentences of both
    before = [[0], [1, 2], [3, 4, 5, 7]]
    after = [[0, 1, 2, 6], [1, 2, 0, 6], [3, 4, 5, 7, 6, 1, 2]]
    after = [sorted(cl) for cl in after]
    into = widen._no_twins(before, after)
    assert into == {0: 2, 1: 2}
    assert after[2] == [0, 1, 2, 3, 4, 5, 6, 7] and after[0] == after[1] == []


OWN = {
    "a1": ("Floodwater from the burst river swamped 300 homes in Eastport on Tuesday. The town's schools stayed "
           "shut. The burst river swamped 300 homes in Eastport on Tuesday night, the fire service said."),
    "b1": ("The burst river swamped 300 homes in Eastport on Tuesday, leaving families in shelters. The town's "
           "schools stayed shut."),
}


def _own_units():
    arts = [Article(id=k, source=k, outlet=f"Daily {k}", body=f"{v} {OTHER}", published=Published(date="2021-05-03"))
            for k, v in OWN.items()]
    return [u for a in arts for u in _article_units(a, prov.article_sources(a, spans_of(a), a.outlet))]


def test_a_second_sentence_crediting_another_source_joins_the_fact():
    units = _own_units()
    told = [i for i, u in enumerate(units) if "swamped" in u.claim.text]
    first, again, other = told[0], told[1], told[2]
    assert units[again].origin.name == "fire service" and units[first].origin.name == "Daily a1"
    out, _ = widen.widen(units, [[first, other], [again]], align._widen_conflict)
    assert again in out[0]


def test_a_second_sentence_of_the_same_source_stays_out():
    units = _own_units()
    told = [i for i, u in enumerate(units) if "swamped" in u.claim.text]
    first, again, other = told[0], told[1], told[2]
    units[again].origin = units[first].origin
    out, _ = widen.widen(units, [[first, other], [again]], align._widen_conflict)
    assert again not in out[0]
