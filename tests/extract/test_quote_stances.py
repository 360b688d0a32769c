"""Attributions PolNeAR's political news showed newsprism missing: a verb of any kind whose reported clause is a
direct quote ("“...,” the mayor shot back"), speech acts that convey their content by an object and the phrase
that completes it ("accused her of lying", "pointed to the reports", "cited the survey as the reason"), public
stances taken on something named ("blasted the plan"), and a reported clause that goes on after a comma with a
clause of its own ("..., but the council refused")."""

from __future__ import annotations

import pytest

from newsprism.nlp.load import get_nlp
from quoting import find, run


def test_any_verb_framing_a_direct_quote_is_its_cue():
    q = find("\u201cThe port will always be open to everyone,\u201d an angry Mayor Lena Fischer retaliated.", "port")
    assert q.cue == "retaliated" and q.speaker == "Lena Fischer"
    q = find("Mayor Lena Fischer spoke first. She continued: \u201cThe port will stay open to everyone.\u201d", "port")
    assert q.cue == "continued" and q.speaker == "Lena Fischer"


def test_a_clause_after_a_comma_continues_what_was_said():
    text = "The mayor said his office offered to hold the hearing in a closed session, but the council refused."
    q = find(text, "closed session")
    assert q.text.endswith("but the council refused")
    # the writer's own clause after the cue's ("said X, and the vote was delayed") hangs on another verb
    q = find("The mayor said the bridge was safe. The vote was delayed, and the council adjourned.", "bridge")
    assert q.text == "the bridge was safe"


def test_speech_act_conveyed_by_its_object_and_complement():
    q = find("The senator accused the governor of hiding the audit from voters.", "hiding")
    assert q.cue == "accused" and q.text == "the governor of hiding the audit from voters"
    q = find("Asked about the budget, the minister pointed to the reports of rising revenue.", "revenue")
    assert q.cue == "pointed to" and q.text == "the reports of rising revenue"
    # an object alone, or with the place it was put, says nothing
    assert run("He added two more names to the list of speakers.") == []


def test_what_is_cited_as_grounds_is_no_relayed_speaker():
    q = find("Ms. Varga has repeatedly cited the survey as the reason she is not opening the pool.", "pool")
    assert q.speaker == "Varga" and q.text == "the survey as the reason she is not opening the pool"
    q = find("Ms. Varga has often cited it as proof that the pool is unsafe.", "unsafe")
    assert q.speaker == "Varga" and q.text == "it as proof that the pool is unsafe"


def test_stance_taken_on_something_named():
    q = find("Senator Maria Okafor blasted the new tax plan during a hearing on Tuesday.", "plan")
    assert q.cue == "blasted" and q.speaker == "Maria Okafor" and q.text.startswith("the new tax plan")


def test_speech_acts_named_by_their_own_preposition():
    q = find("Senator Maria Okafor railed against the big banks at a rally in Ohio.", "banks")
    assert q.cue == "railed against" and q.text == "the big banks"
    q = find("Two governors weighed in on the dispute over water rights.", "water")
    assert q.cue == "weighed in on" and q.text == "the dispute over water rights"


def test_a_belief_stated_is_one_attribution():
    # "says he believes X": what was said is the belief; the belief is no second attribution of its own
    quotes = run("Mayor Ana Ruiz says she believes the new bridge will open in May.")
    assert [(q.cue, q.text) for q in quotes] == [("says", "she believes the new bridge will open in May")]


@pytest.mark.parametrize("text", [
    "Residents feared a warning from the port authority.",
    "The union expects an apology from the harbour board.",
    "She heard the statement on the radio.",
])
def test_a_thought_about_a_speech_noun_is_no_report(text):
    from newsprism.extract.attribution import is_cue

    doc = get_nlp()(text)
    assert not [t.text for t in doc if t.pos_ == "VERB" and is_cue(t)]
