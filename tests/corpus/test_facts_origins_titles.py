"""Whom a named person speaks for: a police rank or a body's title before the name, in the sentence or anywhere
in the article, makes the person and that body one origin in a fact; a determiner before "alleged" is no
speaker. Sentences are news-style, written for these tests."""

from __future__ import annotations

from newsprism.corpus.facts import origins as prov
from newsprism.corpus.facts.align import align_facts
from newsprism.model import Article, Published
from newsprism.nlp.sentences import spans_of
from newsprism.run.pipeline import annotate


def art(aid, outlet, body, date="2022-03-14"):
    return Article(id=aid, source=aid, outlet=outlet, body=body, published=Published(date=date))


def _merged(*names: tuple[str, str]) -> int:
    out = prov.merge_variants([prov.Origin(n, k) for n, k in names])
    return len(set(out.values()))


def test_a_police_rank_speaks_for_the_police_the_fact_names():
    assert _merged(("Sgt. Dana Morrow", "person"), ("Police", "government")) == 1
    assert _merged(("Constable Lee Harlan", "person"), ("Eastport police", "government")) == 1
    assert _merged(("Lt. Ray Okafor", "person"), ("Det. Ann Pike", "person"), ("police", "government")) == 1
    # no police body named: two officers stay two origins; two police forces leave the officer alone
    assert _merged(("Lt. Ray Okafor", "person"), ("Det. Ann Pike", "person")) == 2
    assert _merged(("Const. Lee Harlan", "person"), ("Eastport police", "government"),
                   ("Northfield Police", "government")) == 3
    # a rank-less name is no officer
    assert _merged(("Dana Morrow", "person"), ("Police", "government")) == 2


def test_the_title_a_sentence_puts_before_a_name_is_kept():
    assert prov.titled("Lee Harlan", "Eastport Police spokesman Constable Lee Harlan said the road was shut.") \
        == "Eastport Police spokesman Constable Lee Harlan"
    assert prov.titled("Dana Morrow", "The store was shut at 6 p.m., said Sgt. Dana Morrow.") == "Sgt. Dana Morrow"
    assert prov.titled("Dana Morrow", "On Monday Dana Morrow said the store was shut.") == "Dana Morrow"


def test_an_officer_named_bare_in_one_sentence_is_the_police_of_the_article():
    body = ("Eastport Police Constable Lee Harlan told reporters the warehouse fire started before dawn. "
            "Harlan said the warehouse fire destroyed forty parked delivery vans overnight.")
    a = annotate(art("a1", "Daily One", body))
    src = prov.article_sources(a, spans_of(a), "Daily One")
    assert src.person("Lee Harlan", "Harlan said the warehouse fire destroyed forty vans.").startswith("Eastport Police")


def test_police_and_their_constable_are_one_origin_in_a_fact():
    one = annotate(art("a1", "Daily One", "Constable Lee Harlan spoke to reporters on Monday. "
                       "Harlan said the warehouse fire destroyed forty parked delivery vans overnight."))
    two = annotate(art("b1", "Daily Two", "Forty delivery vans parked at the warehouse were destroyed by the "
                       "overnight fire, police said."))
    fact = next(f for f in align_facts([one, two], [], []) if len({m.article for m in f.mentions}) == 2)
    assert fact.independent_sources == 1, fact.reason


def test_a_determiner_before_alleged_is_no_speaker():
    assert prov.find_speaker("An alleged smuggler who was arrested in a raid by border police hanged himself "
                             "in his cell.") is None
    assert prov.find_speaker("AN alleged smuggler hanged himself in his cell, officials said.") is None
