"""`corpus.facts.when`: the weekday, clock time, part of the day and compass side an act's own modifiers give,
and when two accounts of one act cannot both hold (news-style sentences written for these tests)."""

from __future__ import annotations

import pytest

from newsprism.corpus.facts.verify import judge_all, read


def conflicts(claim: str, evidence: str) -> list[str]:
    mine, theirs = read([claim, evidence])
    (j,) = judge_all(mine, [theirs])
    return [c.kind for c in j.conflicts]


@pytest.mark.parametrize(("claim", "evidence", "kind"), [
    ("The museum reopened the east wing on Tuesday.", "The museum reopened the east wing on Wednesday.", "time"),
    ("The concert began at about 10pm.", "The concert began at 3.15pm on Sunday.", "time"),
    ("The comet was first seen late in the evening.", "Astronomers first saw the comet at 7.10 a.m.", "time"),
    ("The barge sank 40 miles north of Lorvik.", "The barge sank about 40 miles south of Lorvik.", "place"),
    # "stopped smugglers from landing": a preposition opening a clause bounds no time
    ("The coastguard on Monday stopped smugglers from landing cargo at the harbour.",
     "The coastguard on Friday stopped smugglers from landing cargo at the harbour.", "time"),
    # the parser hangs the day on another verb in each: one weekday per sentence, the same act retold
    ("The Coast Guard patrolling the Kessel Strait on Sunday foiled a multi - boat raid by smugglers on cargo ships, "
     "detaining 14 Varnian smugglers.",
     "The Coast Guard patrolling the Kessel Strait on Thursday foiled a multi - boat raid by smugglers on cargo "
     "ships, detaining 14 Varnian smugglers.", "time"),
    # the same act in mostly the same words, dated to another year
    ("Varga was indicted in 1982 in the case of bribing the Millbrook town council.",
     "In 1981, he was indicted on a charge of conspiracy to bribe the entire Millbrook town council.", "time"),
    # a copula's act is its subject's: "was the gunman" retold in another year
    ("In 1961, Varga was the gunman in a failed attempt to kill the rival boss Aldo Brandt.",
     "In 1964, Varga was the gunman in a failed attempt to kill the rival boss Aldo Brandt.", "time"),
])
def test_another_day_time_or_side_of_the_same_act_contradicts(claim, evidence, kind):
    assert kind in conflicts(claim, evidence)


@pytest.mark.parametrize(("claim", "evidence"), [
    # a rounded report of the same time
    ("The concert began at about 10pm.", "The concert began at 9.50pm on Sunday."),
    ("The concert began at 9.50pm.", "The concert began at about 2150 GMT."),
    # the day of another act in the same sentence is not the day of this one
    ("The suspect was arrested on Friday.", "The suspect, who fled on Thursday, was arrested on Friday."),
    ("The comet was first seen in the evening.", "Astronomers first saw the comet at 8.40pm."),
    # another act with the same verb: what it happened to differs
    ("Police arrested the suspect on Friday.", "Police arrested a second man on Saturday."),
    # a bound or a range is not a point in time
    ("The concert began shortly after 10pm.", "The concert began at 11.30pm."),
    ("The gallery stayed open from 9am until 5pm.", "The gallery stayed open at 1pm."),
    ("The festival ran between Friday and Sunday.", "The festival ran on Saturday."),
    # two places that share a first word, and a duration that reads like a 24-hour clock
    ("The ferry sank 40 miles north of Port Elm.", "The ferry sank 10 miles south of Port Said."),
    ("The crew worked at 3pm.", "The crew worked 1200 hours last year."),
    # two weekdays in one sentence, or another act in another year, date no single event
    ("The ferry sank on Monday.", "The ferry sank on Monday, officials said on Tuesday."),
    ("Varga was indicted in 1982 for bribery.", "Varga was released from prison in 1990."),
])
def test_the_same_time_or_another_acts_time_does_not(claim, evidence):
    assert not {"time", "place"} & set(conflicts(claim, evidence))


def test_a_time_is_not_support_for_a_place():
    mine, theirs = read(["The ferry sank on Tuesday.", "The ferry sank 40 miles north of Port Elm."])
    (j,) = judge_all(mine, [theirs])
    assert not any(s.startswith("when:") for s in j.backs)
