"""Alignment of one claim across outlets, and which facts are kept: one test per error class seen on real news,
on sentences written for these tests in the style of wire and local reports (no corpus text)."""

from __future__ import annotations

from newsprism.corpus.facts import align, keep
from newsprism.corpus.facts import origins as prov
from newsprism.corpus.facts.align import align_facts
from newsprism.model import Article, Published
from newsprism.nlp.sentences import spans_of


def art(aid: str, outlet: str, body: str, date: str = "2021-05-03") -> Article:
    return Article(id=aid, source=aid, outlet=outlet, body=body, published=Published(date=date))


def articles_of(fact) -> set[str]:
    return {m.article for m in fact.mentions}


def test_same_count_in_unrelated_sentences_is_not_one_claim():
    # Twelve workers inside during the fire, and twelve workers complaining about overtime: the same number
    # of the same noun, but nothing else alike. The shared count used to link them on its own.
    a = art("a1", "Daily One", "At least 12 workers were inside the Lakeview warehouse when the fire started, the "
                               "manager said.")
    b = art("b1", "Daily Two", "Twelve workers later filed complaints against Harbor Logistics over unpaid overtime, "
                               "the union said.")
    facts = align_facts([a, b], [], [])
    assert all(len(articles_of(f)) == 1 for f in facts)


def test_one_sentence_with_two_counts_is_one_fact_not_two():
    # Two counted things in the same sentences of the same two articles: shown once, not as two facts that
    # carry exactly the same evidence.
    a = art("a1", "Daily One", "Navy commandos seized 14 rifles and 300 rounds of ammunition from the Kessel boat, "
                               "the navy said.")
    b = art("b1", "Daily Two", "The navy said its commandos seized 14 rifles and 300 rounds of ammunition from the "
                               "Kessel boat.")
    facts = align_facts([a, b], [], [])
    spans = [frozenset((m.article, m.start) for m in f.mentions) for f in facts]
    assert len(spans) == len(set(spans))
    assert any(articles_of(f) == {"a1", "b1"} for f in facts)


def test_paraphrase_naming_different_people_still_aligns():
    # One outlet credits "police", the other names the inspector; most of what the shorter one says is in the
    # other. Naming someone else is not evidence of a different claim when the wording agrees this much.
    a = art("a1", "Daily One", "Police said the Kessel climbing party appeared to be poorly equipped and "
                               "inexperienced for the climb.")
    b = art("b1", "Daily Two", "The group was poorly equipped and inexperienced for the climb it chose, Inspector "
                               "Dale Moss said.")
    facts = align_facts([a, b], [], [])
    assert any(articles_of(f) == {"a1", "b1"} for f in facts)


def test_single_article_claim_without_number_or_quote_is_kept():
    # An instruction to residents is a checkable claim although it has no number, date or quotation.
    a = art("a1", "Daily One", "Police advised Lakeview residents to keep all doors and windows shut while the "
                               "smoke lasted.")
    facts = align_facts([a], [], [])
    assert [f.status for f in facts] == ["single_source"]
    assert "doors and windows" in facts[0].statement


def test_single_article_facts_are_bounded_and_ranked():
    # Not every sentence: an article with many claim-like sentences gives at most SINGLES_PER_ARTICLE facts,
    # and a question (no claim) is never among them.
    sentences = [f"Harbor Logistics moved {n + 3} trucks to the Eastquay depot on Monday, the company said."
                 for n in range(12)]
    body = " ".join(["Would Harbor Logistics ever reopen the Lakeview warehouse for good?"] + sentences)
    facts = align_facts([art("a1", "Daily One", body)], [], [])
    assert 0 < len(facts) <= keep.SINGLES_PER_ARTICLE
    assert not any("?" in f.statement for f in facts)


def test_bound_grows_with_the_story():
    a_few = keep.SINGLES_BASE + keep.SINGLES_PER_STORY_ARTICLE * 3
    many = keep.SINGLES_BASE + keep.SINGLES_PER_STORY_ARTICLE * 30
    assert many > a_few and keep.FACTS_BASE + keep.FACTS_PER_ARTICLE * 30 > 40


def test_merge_needs_the_groups_alike_on_average_not_one_chain():
    # A ("65% of traffic is offline") is like B ("traffic was rerouted after the cut"), B like C ("most traffic
    # was rerouted through Valdia"), A not like C: best-pair merging chained all three into one fact.
    arts = [art("a1", "Daily One", "About 65% of data traffic between Norland and Kesh is offline, the operator "
                                   "said."),
            art("b1", "Daily Two", "Data traffic between Norland and Kesh was rerouted after the cable cut, the "
                                   "operator said."),
            art("c1", "Daily Three", "Most business traffic from Norland was rerouted through Valdia, the operator "
                                     "said.")]
    units = []
    for a in arts:
        units += align._article_units(a, prov.article_sources(a, spans_of(a), a.outlet))
    assert [u.claim.article for u in units] == ["a1", "b1", "c1"]
    links = [(0.6, 0, 1), (0.5, 1, 2)]
    clusters = align._cluster(units, links, {(0, 1): 0.6, (1, 2): 0.5})
    assert [0, 1] in clusters and [2] in clusters
    # and when A and C are alike too, the three are one fact
    clusters = align._cluster(units, links, {(0, 1): 0.6, (1, 2): 0.5, (0, 2): 0.45})
    assert clusters == [[0, 1, 2]]
