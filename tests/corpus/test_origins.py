"""Origins counted honestly: one origin per real-world source, copies of one text as one origin, the speaker
the sentence names (never a weekday or a pronoun), articles of unknown outlet shown as uncertain, and a
statement that says what most mentions say. Sentences are news-style, written for these tests."""

from __future__ import annotations

from newsprism.corpus.facts import origins as prov
from newsprism.corpus.facts.align import align_facts
from newsprism.model import Article, Duplicate, Published


def art(aid, outlet, body, date="2022-03-14"):
    return Article(id=aid, source=aid, outlet=outlet, body=body, published=Published(date=date))


def _fact(facts, *words):
    return next(f for f in facts if all(w in " ".join(m.text or "" for m in f.mentions) for w in words))


def _merged(*names: str) -> set[str]:
    out = prov.merge_variants([prov.Origin(n, "person") for n in names])
    return {out[prov.Origin(n, "person")].name for n in names}


def test_name_variants_of_one_source_are_one_origin():
    assert len(_merged("Craft", "Charles Craft", "Police Chief Charles Craft")) == 1
    assert len(_merged("People", "People Magazine")) == 1
    assert len(_merged("Ilene Marsh", "Ilene Marsch", "hospital spokeswoman Ilene Marsh")) == 1
    assert len(_merged("CHP", "California Highway Patrol", "CHP Officer Brad Tollers")) == 1
    assert len(_merged("A Northfield Police spokeswoman", "Northfield Police")) == 1
    # different people and different bodies stay apart, and so does a name two bodies share
    assert len(_merged("Tom Ridley", "Anna Ridley")) == 2
    assert len(_merged("Defence Ministry", "Foreign Ministry")) == 2
    assert len(_merged("police", "Northfield police", "Eastport police")) == 3
    # an outlet's own reporting and the outlet cited by name
    out = prov.merge_variants([prov.Origin("thecoastlinepost.com", "outlet"), prov.Origin("The Coastline Post", "media")])
    assert len(set(out.values())) == 1
    # two outlets whose names differ only in a number word are two outlets
    twins = [prov.Origin("Daily One", "outlet"), prov.Origin("Daily Two", "outlet")]
    assert len(set(prov.merge_variants(twins).values())) == 2
    # articles of unknown outlet are never merged with anything by name
    unknown = [prov.Origin("unknown outlet (a1)", "outlet"), prov.Origin("unknown outlet (a2)", "outlet")]
    assert len(set(prov.merge_variants(unknown).values())) == 2


def test_the_speaker_is_who_the_sentence_names():
    # a weekday after the verb is never the speaker
    assert prov.find_speaker("A former clerk has been charged with murder, police said Saturday.") is None
    assert prov.find_group_speaker("A former clerk has been charged with murder, police said Saturday.") == "police"
    # a title's dot does not cut the name
    assert prov.find_speaker("Officers used a stun gun to subdue him, said Sgt. Mara Kent.") == "Sgt. Mara Kent"
    # a clause between a place and the verb is not an appositive of a speaker
    assert prov.find_speaker("Ruth Olsen, 71, of Millbrook, was walking to her car when she was struck, "
                             "said Sgt. Mara Kent.") == "Sgt. Mara Kent"
    assert prov.find_speaker("They said the car was red.") is None
    # "X's publicist told a magazine" is the publicist speaking, not X
    assert prov.represented_speaker("Lena Marsh", "Marsh's publicist, Dana Holt, told Us Weekly that the stay "
                                                  "is voluntary.") == "Dana Holt"
    assert prov.complete_speaker("Sgt", "The driver smelled of alcohol, said Sgt. Mara Kent.") == "Sgt. Mara Kent"
    assert prov.complete_speaker("Surrey", "A statement from Surrey police said the fire was suspicious.") == \
        "Surrey police"


def test_police_said_is_the_police_not_the_outlet():
    a = art("a1", "Valley Courier", "A former clerk who opened fire at the Harlow depot has been charged with "
                                    "second-degree murder, police said Saturday.")
    b = art("b1", "Metro Ledger", "State police said the former clerk who opened fire at the Harlow depot on "
                                  "Friday has been charged with second-degree murder.")
    f = _fact(align_facts([a, b], [], []), "second-degree murder")
    assert "Saturday" not in f.origins
    assert not any(o in ("Valley Courier", "Metro Ledger") for o in f.origins), f.origins
    # "police" and "State police" name one source
    assert f.independent_sources == 1 and f.status == "same_origin", f.reason


def test_copied_wire_sentence_is_one_origin():
    wire = "The three boats carried a total of 26 crew members and were escorted back to the port of Salem."
    a = art("a1", "Harbor Times", wire)
    b = art("b1", "Coast Herald", wire.replace("back to the port", "back to port"))
    c = art("c1", "Bay Chronicle", "Navy sailors escorted the three boats, with 26 crew members on board, back "
                                   "to Salem.")
    f = _fact(align_facts([a, b, c], [], []), "26 crew")
    assert {m.article for m in f.mentions} >= {"a1", "b1"}
    n_articles = len({m.article for m in f.mentions})
    assert f.independent_sources == n_articles - 1, (f.origins, f.reason)


def test_shared_passage_from_dedup_is_one_origin():
    one = "Firefighters fought the blaze at the Granary Street warehouse for six hours before it collapsed."
    two = "The blaze at the Granary Street warehouse took firefighters six hours to bring under control."
    a, b = art("a1", "Harbor Times", one), art("b1", "Coast Herald", two)
    free = align_facts([a, b], [], [])
    assert _fact(free, "Granary").independent_sources == 2
    dup = Duplicate(articles=["a1", "b1"], kind="partial", similarity=0.5, original=None,
                    passages=[{"article": "a1", "start": 0, "end": len(one)},
                              {"article": "b1", "start": 0, "end": len(two)}])
    copied = _fact(align_facts([a, b], [], [dup]), "Granary")
    if len({m.article for m in copied.mentions}) == 2:
        assert copied.independent_sources == 1, copied.reason


def test_unknown_outlet_independence_is_uncertain():
    a = art("a1", None, "The warehouse fire on Granary Street destroyed about 40 delivery vans overnight.")
    b = art("b1", None, "About 40 delivery vans were destroyed overnight when fire swept the Granary Street "
                        "warehouse.")
    f = _fact(align_facts([a, b], [], []), "40 delivery vans")
    assert f.status == "corroborated"
    assert "unknown outlet" in f.reason and "cannot be checked" in f.reason


def test_statement_is_what_most_mentions_say():
    # the shortest mention is a detail only one article gives (a weekday and a date): not the statement
    a = art("a1", "Harbor Times", "The singer Lena Marsh checked into a treatment centre in Malibu to recover from "
                                  "exhaustion, her representative said.")
    b = art("b1", "Coast Herald", "Lena Marsh has checked into a treatment centre in Malibu to recover from "
                                  "exhaustion, according to her representative.")
    c = art("c1", "Bay Chronicle", "Lena Marsh checked into a Malibu treatment centre to recover from exhaustion, "
                                   "her representative said.")
    d = art("d1", "Metro Ledger", "Lena Marsh checked into the Malibu centre on Friday, March 11.")
    f = _fact(align_facts([a, b, c, d], [], []), "Malibu")
    assert len({m.article for m in f.mentions}) == 4
    assert "Friday" not in f.statement and "exhaustion" in f.statement, f.statement
