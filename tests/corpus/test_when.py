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
    ("The coast guard boarded the trawler on Tuesday.", "The coast guard boarded the trawler on Wednesday.", "time"),
    ("The blaze broke out at about 10pm.", "The blaze broke out at 3.15pm on Sunday.", "time"),
    ("The trawler was first seen late in the evening.", "Fishermen first saw the trawler at 7.10 a.m.", "time"),
    ("The ferry sank 40 miles north of Port Elm.", "The ferry sank about 40 miles south of Port Elm.", "place"),
])
def test_another_day_time_or_side_of_the_same_act_contradicts(claim, evidence, kind):
    assert kind in conflicts(claim, evidence)


@pytest.mark.parametrize(("claim", "evidence"), [
    # a rounded report of the same time
    ("The blaze broke out at about 10pm.", "The blaze broke out at 9.50pm on Sunday."),
    ("The blaze broke out at 9.50pm.", "The blaze broke out at about 2150 GMT."),
    # the day of another act in the same sentence is not the day of this one
    ("The suspect was arrested on Friday.", "The suspect, who fled on Thursday, was arrested on Friday."),
    ("The trawler was first seen in the evening.", "Fishermen first saw the trawler at 8.40pm."),
])
def test_the_same_time_or_another_acts_time_does_not(claim, evidence):
    assert not {"time", "place"} & set(conflicts(claim, evidence))
