"""Widening facts: an outlet telling a fact's claim inside a longer sentence of its own is one more origin."""

from __future__ import annotations

from newsprism.corpus.facts import align
from newsprism.corpus.facts import origins as prov
from newsprism.corpus.facts.align import _article_units, align_facts
from newsprism.corpus.facts.claims import content_words
from newsprism.corpus.facts.widen import core
from newsprism.model import Article, Published
from newsprism.nlp.sentences import spans_of


def art(aid, outlet, body, date="2021-05-03"):
    return Article(id=aid, source=aid, outlet=outlet, body=body, published=Published(date=date))


SHORT_A = "Customs officers seized smuggled parrots from a lorry at the Dover ferry terminal."
SHORT_B = "Customs officers at the Dover ferry terminal seized smuggled parrots hidden in a lorry."
LONG_C = ("After a tip from Belgian colleagues and a week of quiet surveillance, customs officers finally seized "
          "the smuggled parrots at Dover's ferry terminal, where the lorry's driver had told them he was carrying "
          "garden furniture, according to a court filing.")


def _parrots(facts):
    return [f for f in facts if "parrots" in f.statement and len({m.article for m in f.mentions}) > 1]


def test_a_longer_sentence_holding_the_core_joins_the_fact(monkeypatch):
    arts = [art("a1", "Daily One", SHORT_A), art("b1", "Daily Two", SHORT_B), art("c1", "Daily Three", LONG_C)]
    fact = _parrots(align_facts(arts, [], []))
    assert len(fact) == 1
    assert {m.article for m in fact[0].mentions} == {"a1", "b1", "c1"}
    assert fact[0].independent_sources == 3
    # Alignment alone does not link the long sentence: the widening is what brings it in.
    monkeypatch.setattr(align, "WIDEN", False)
    alone = _parrots(align_facts(arts, [], []))
    assert {m.article for m in alone[0].mentions} == {"a1", "b1"}


def test_a_sentence_sharing_only_story_words_stays_out():
    other = ("Customs officers at Dover said the ferry terminal would reopen on Friday after a strike by "
             "lorry drivers.")
    arts = [art("a1", "Daily One", SHORT_A), art("b1", "Daily Two", SHORT_B), art("c1", "Daily Three", other)]
    fact = _parrots(align_facts(arts, [], []))
    assert {m.article for m in fact[0].mentions} == {"a1", "b1"}


def test_core_is_what_half_the_articles_share():
    arts = [art("a1", "Daily One", SHORT_A), art("b1", "Daily Two", SHORT_B)]
    units = [u for a in arts for u in _article_units(a, prov.article_sources(a, spans_of(a), a.outlet))]
    # "hidden" is one article's word only; the possessive of the long version would still read "dover"
    assert core(units) == {"custom", "dover", "ferry", "lorry", "officer", "parrot", "seiz", "smuggl", "terminal"}
    assert "dover" in content_words(LONG_C) and "lorry" in content_words(LONG_C)
