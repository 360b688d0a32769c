"""`corpus.facts.verify`: a claim read against evidence sentences, slot by slot (news-style sentences written
for these tests; the ECB+ measure is in tests/apps/test_check.py)."""

from __future__ import annotations

import pytest

from newsprism.corpus.facts.verify import about_same_event, close_spacing, judge_all, read


def judged(claim: str, *evidence: str):
    mine, *theirs = read([claim, *evidence])
    return mine, judge_all(mine, theirs)


def kinds(j) -> set[str]:
    return {c.kind for c in j.conflicts}


@pytest.mark.parametrize(("raw", "clean"), [
    ("a fine of 10, 000 dollars", "a fine of 10,000 dollars"),
    ("a reading of 1. 5 percent", "a reading of 1.5 percent"),
    ("a level of. 09 percent", "a level of .09 percent"),
    ("called at 06: 00 on Sunday", "called at 06:00 on Sunday"),
    ("the 63 - year - old driver", "the 63-year-old driver"),
    ("charged with first - degree murder", "charged with first-degree murder"),
    ("a runway of 4, 000ft", "a runway of 4,000 ft"),
    ("a transfer fee of $5m", "a transfer fee of $5m"),
])
def test_spacing_inside_numbers_is_closed(raw, clean):
    assert close_spacing(raw) == clean


def test_odd_spacing_does_not_change_a_number():
    # "of. 09" must read as 0.09, not as 9: the same value backs the claim, the legal limit does not refute it
    _, (j,) = judged("Police measured his blood alcohol content at .09 percent.",
                     "Police said he had a blood alcohol content of. 09 percent, above the legal limit of. 08 percent.")
    assert j.covers and not [c for c in j.conflicts if c.slot not in j.backs]


def test_a_length_in_another_unit_is_the_same_length():
    # a converted figure is rounded: "about 900 feet" and "about 270 metres" are one distance, "80 metres" is not
    claim = "The survey drone dropped about 900 feet into the quarry."
    _, (same, glued, other) = judged(claim, "The survey drone dropped about 270 metres into the quarry.",
                                     "The survey drone dropped about 900ft into the quarry.",
                                     "The survey drone dropped 80 metres into the quarry.")
    assert not same.conflicts and any(s.startswith("count:") for s in same.backs)
    assert not glued.conflicts
    assert kinds(other) == {"quantity"}


def test_a_shortened_word_of_a_name_is_the_same_name():
    # "Ft" for "Fort": a style difference between outlets, not another place
    _, (j,) = judged("The parade ended at Fort Lindale.", "The parade ended at Ft Lindale.")
    assert not j.conflicts


def test_a_count_is_compared_where_the_same_act_counts():
    claim = "The frigate intercepted all five smuggling boats."
    _, (other_act, same_act) = judged(
        claim,
        "The frigate detected five fast boats approaching the convoy.",
        "Two of them escaped and the frigate intercepted the remaining three boats.")
    # "detected five boats" neither backs nor refutes "intercepted five"; "intercepted three" refutes it
    assert not other_act.covers and not other_act.conflicts
    assert kinds(same_act) == {"quantity"}


def test_two_people_nouns_counted_by_one_act_are_one_count():
    _, (j,) = judged("Three people were killed in the warehouse shooting.",
                     "Police say the gunman opened fire at the warehouse, killing one man.")
    assert any(c.kind == "quantity" and "one man" in c.theirs for c in j.conflicts)


def test_the_claims_own_parts_are_not_another_value():
    _, (j,) = judged("Of the five skiffs, three were stopped while two got away.",
                     "Officers stopped three skiffs; two others escaped.")
    assert not [c for c in j.conflicts if c.kind == "quantity"]


def test_a_date_or_an_age_is_not_a_count_of_the_act():
    _, (j,) = judged("The former boss died aged 77 in a prison hospital.",
                     "He died on 19 December in the prison hospital, a spokesman said.")
    assert not j.conflicts


@pytest.mark.parametrize(("claim", "evidence"), [
    ("Jones pleaded guilty to starting the warehouse fire.", "Mr Jones entered a not guilty plea at the court."),
    ("The judge released Jones on bail at his arraignment.", "The judge ordered him held without bail."),
    ("Police blamed bad weather for the two deaths.",
     "The inspector said the deaths were not related and were not due to bad weather."),
])
def test_a_word_the_evidence_negates_contradicts(claim, evidence):
    _, (j,) = judged(claim, evidence)
    assert "polarity" in kinds(j)


def test_a_negated_verb_does_not_negate_its_subject():
    # "the cause of death was not known" says nothing against a claim about the death
    _, (j,) = judged("An autopsy was ordered to find the cause of death.",
                     "The cause of death was not immediately known.")
    assert "polarity" not in kinds(j)


def test_nobody_hurt_contradicts_people_injured():
    _, (j, other) = judged("Several people were injured in the supermarket fire.",
                           "A spokesperson said no one was hurt in the incident.",
                           "One man died but no one else was hurt.")
    assert "polarity" in kinds(j)
    assert not other.conflicts  # "no one else": nothing about the people the sentence already counted


def test_two_names_for_one_thing_in_one_slot():
    _, (named, placed) = judged("The suspect was found dead in Rome's Regina prison.",
                                "The suspect was found dead in Ucciardone prison after his arrest.",
                                "The suspect was found dead in a Palermo prison.")
    assert "entity" in kinds(named)
    assert "entity" not in kinds(placed)  # a place on an indefinite noun says where, not which


def test_only_articles_naming_the_claims_names_speak_of_its_event():
    claim, *_ = read(["Kirkland was charged with murder after the office party shooting."])
    assert about_same_event(claim, "Police charged Kirkland on Saturday.")
    assert not about_same_event(claim, "A gunman named Ortega was charged with murder in another city.")
    # a weekday or a month names no one: a report giving another day is still about the event
    dated, *_ = read(["During his hearing Saturday, prosecutors described what the guards saw in March."])
    assert about_same_event(dated, "During his hearing Wednesday, prosecutors described what the guards saw.")


def test_a_distance_is_not_a_bare_count_of_the_same_verb():
    # "took place some 300 miles from" measures a distance; "took 11 into custody" counts people
    from newsprism.corpus.facts.tallies import Tally, tally_match

    distance = Tally("meter", "take", "obj", 482_000.0, 483_000.0, "300 miles")
    bare = Tally("", "take", "obj", 11.0, 11.0, "11")
    assert not tally_match(distance, bare, by_act=True)
    assert tally_match(distance, Tally("meter", "take", "obj", 800_000.0, 800_000.0, "500 miles"), by_act=True)


def test_a_deadly_result_counts_the_dead():
    # four were shot, one of them dead: "shot dead one" is a killing, not a fourth shooting count
    _, (j,) = judged("Sentries shot four intruders at the depot on Sunday.",
                     "Sentries shot dead one intruder and wounded three others at the depot on Sunday.")
    assert "quantity" not in kinds(j)
    _, (j,) = judged("Sentries shot dead two intruders at the depot.", "Sentries killed four intruders at the depot.")
    assert "quantity" in kinds(j)
    # other verbs often tell one count two ways: these still conflict
    _, (j,) = judged("Fewer than 20 medics were sent to the crash site.",
                     "More than 50 medics treated the injured at the crash site.")
    assert "quantity" in kinds(j)


@pytest.mark.parametrize(("claim", "evidence"), [
    # another year is another occasion: the 1987 loan is not the one agreed after 2010
    ("The club is paying off a 12-year loan agreed after its 2010 relegation.",
     "In 1987 the club took out a five-year loan to rebuild the stand."),
    # "in detention" and "in jail" name one situation two ways
    ("The suspect remained in detention on Friday.", "The suspect remained in jail on Friday."),
    # a count another named person's act gives is not the claim's
    ("Okafor was banned for six matches after the final.", "Lindqvist was banned for ten matches after the final."),
])
def test_another_occasion_place_word_or_person_does_not_contradict(claim, evidence):
    _, (j,) = judged(claim, evidence)
    assert not kinds(j) & {"quantity", "value", "entity"}, j.conflicts


def test_a_copula_under_negation_contradicts_no_claim():
    # "there have been attacks" asserts no act that "would not be effective" denies
    _, (j,) = judged("There have been nearly 100 attacks on shipping in the strait this year.",
                     "An admiral said bombing the smugglers' ports probably would not be effective.")
    assert "polarity" not in kinds(j)


def test_agreeing_on_a_noun_does_not_cancel_its_verb_negated():
    # "the award" agrees on both sides; "were not awarded" still denies "were awarded"
    _, (j,) = judged("The Rovers were not awarded the league's Fairplay Award for their youth scheme.",
                     "The Rovers were awarded the league's Fairplay Award for their youth scheme.")
    assert "polarity" in {c.kind for c in j.conflicts if c.slot not in j.backs}


def test_phone_numbers_are_not_counts():
    # "0800 555111" and "0800 555 111" are one number to call, written two ways
    _, (j,) = judged("Anyone with information is asked to call the hotline on 0800 555111.",
                     "Anyone with information is asked to call the hotline anonymously on 0800 555 111.")
    assert "quantity" not in kinds(j)


@pytest.mark.parametrize(("claim", "evidence"), [
    ("John Carter shot the receptionist.", "Alan Brown shot the receptionist, police said."),
    ("Police arrested Tom Hale after the crash.", "Police arrested Mark Dunn after the crash."),
])
def test_another_named_party_in_the_acts_slot_contradicts(claim, evidence):
    # a claim that names the wrong doer (or the wrong one done to) is not backed by the report of the act
    _, (j,) = judged(claim, evidence)
    assert any(c.kind == "entity" for c in j.conflicts if c.slot not in j.backs)


@pytest.mark.parametrize("evidence", [
    "Police arrested Hale after the crash.",  # the surname alone
    "He was arrested after the crash, police said.",  # a pronoun names no one else
    "Police arrested Tom Hale and Mark Dunn after the crash.",  # the claim's party among others
])
def test_the_claims_own_party_told_another_way_is_no_conflict(evidence):
    _, (j,) = judged("Police arrested Tom Hale after the crash.", evidence)
    assert not [c for c in j.conflicts if c.kind == "entity" and c.slot not in j.backs]


def test_another_person_who_underwent_the_same_verb_is_another_event():
    # two people who died are two deaths, not two reports of one: "Corran died" says nothing of Rinaldi
    _, (j,) = judged("The retired ferry owner Vito Rinaldi died aged 81 in a federal prison.",
                     "Mr. Corran died in a federal prison last spring.")
    assert not [c for c in j.conflicts if c.kind == "entity"]
    assert not j.covers  # nor does it back the claim: it is about someone else
