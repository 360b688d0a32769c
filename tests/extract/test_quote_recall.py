"""Attributions real news writes in shapes beyond "X said that ...": a quote closed with a question mark and
attributed in the next sentence, "by saying" and "after saying", "which X said were ...", speech acts named by
their object or clause, and a named speaker's claim with its "that" clause. Also the content span: a double
quote nested in a double quote does not end the outer one, and a reported clause never runs over a line break
or holds its own attribution."""

from __future__ import annotations

from newsprism.evals.polnear import predict
from newsprism.extract.quotemarks import find_quote_marks
from newsprism.nlp.load import get_nlp
from quoting import find, run


def test_question_closing_a_quote_takes_the_cue_of_the_next_sentence():
    text = "\u201cHow long must the families wait for answers?\u201d Ortega said. \u201cIt has been a year.\u201d"
    q = find(text, "How long")
    assert q.speaker == "Ortega" and q.cue == "said"


def test_capitalised_place_before_a_title_opens_the_speaker_phrase():
    # the tagger reads "Tulsa" after a closing mark as a verb; it is the start of the speaker's title
    text = "\u201cWe owe this family answers, and we will give them answers,\u201d Tulsa police Chief Ron Bates said Monday."
    q = find(text, "owe this family")
    assert q.speaker == "Ron Bates"
    assert text[q.speaker_start:q.speaker_end] == "Tulsa police Chief Ron Bates"


def test_saying_after_a_preposition_is_the_main_subjects_statement():
    q = find("The mayor responded on Wednesday by saying his refusal to sign the order was a mistake.", "refusal")
    assert q.speaker == "The mayor" and q.cue == "saying"
    assert q.text == "his refusal to sign the order was a mistake"
    q = find("After saying the bridge was safe, the engineer left the meeting.", "bridge")
    assert q.speaker == "the engineer" and q.text == "the bridge was safe"


def test_relative_clause_speaker_reports_the_clause_after_the_cue():
    text = "The senator took large donations, which he said were tied to favours from developers."
    q = find(text, "tied to")
    assert q.cue == "said" and q.text == "were tied to favours from developers"


def test_speech_acts_named_by_their_object_or_clause():
    q = find("The city council demanded that the company stop using the logo.", "stop using")
    assert q.cue == "demanded" and q.speaker == "The city council"
    q = find("Several governors questioned whether the new rules were legal.", "rules were legal")
    assert q.cue == "questioned"
    q = find("The senator proposed a new tax credit for small farms.", "tax credit")
    assert q.cue == "proposed"


def test_wants_and_plans_are_still_no_attributions():
    assert run("The senator wants a new tax credit for small farms.") == []


def test_named_speakers_claim_with_that_clause():
    q = find("The video contradicts the police department's earlier claim that the driver refused to stop.",
             "refused to stop")
    assert q.cue == "claim" and q.text == "the driver refused to stop"
    assert run("The claim that he made last week was false.") == []


def test_double_quote_inside_a_double_quote_does_not_end_it():
    text = ("\"PARKER: She seems to think this is an episode of \u201cHarbour Tank.\u201d But this is serious. "
            "We have a choice to make.\n")
    marks = find_quote_marks(text)
    assert len(marks) == 1 and text[marks[0].start:marks[0].end].endswith("We have a choice to make.")
    text = "\"The so-called \"reform\" is a sham,\" she said. \"Nobody asked us.\""
    assert [text[q.start:q.end] for q in find_quote_marks(text)] == ["The so-called \"reform\" is a sham",
                                                                    "Nobody asked us."]


def test_unpaired_inner_mark_falls_back_to_flat_reading():
    text = "\"We were told \u201cwait and see, she said. Nothing came of it.\""
    assert [text[q.start:q.end] for q in find_quote_marks(text)] != []


def test_reported_clause_never_holds_its_own_attribution_or_runs_over_a_paragraph():
    text = ("Whatever the goal, taxing gains this way ''is a poor idea,'' said Mr. Ferris.\n\n"
            "''There is no evidence it changes anything,'' Mr. Ferris said.")
    doc = get_nlp()(text)
    contents = [text[a:b] for a, b in predict(text, doc)["content"]]
    assert all("\n" not in c and "said Mr. Ferris" not in c for c in contents), contents


def test_polnear_content_of_a_quote_naming_an_object_is_object_and_quote():
    # PolNeAR's content for "called X “Y”" / "described X as “Y”" is the object with what it was called
    for text, want in (("The mayor called the harbour plan \u201ca costly disaster for everyone who works here.\u201d",
                        "the harbour plan \u201ca costly disaster for everyone who works here"),
                       ("The senator described the governor as \u201creckless and out of touch with voters.\u201d",
                        "the governor as \u201creckless and out of touch with voters")):
        doc = get_nlp()(text)
        assert want in [text[a:b] for a, b in predict(text, doc)["content"]]


def test_speaking_of_a_topic_reports_the_topic_but_not_a_time_or_medium():
    q = find("The chief justice spoke of the legacy of the old segregation laws.", "legacy")
    assert q.cue == "spoke of" and q.text == "the legacy of the old segregation laws"
    assert run("The two leaders spoke on the radio on Monday morning.") == []
    assert run("The governor talked about last night.") == []


def test_call_for_a_gerund_is_a_demand():
    q = find("The senator has called for eliminating the tax break for private jets.", "eliminating")
    assert q.cue == "has called for" and q.text == "eliminating the tax break for private jets"


def test_speech_verb_whose_object_is_what_was_said():
    q = find("The police department reported a sharp rise in car thefts across the district.", "car thefts")
    assert q.cue == "reported" and q.text == "a sharp rise in car thefts across the district"
    # an object that is no speech, or the person spoken to, reports nothing
    assert run("He added two more names to the list of speakers.") == []
    assert run("The crowd observed a minute of silence for the victims.") == []
    assert run("The senator told reporters nothing about the vote.") == []


def test_what_a_stance_or_record_says_of_its_object_runs_past_the_object():
    q = find("The senator criticized the new health law as a costly failure for small towns.", "health law")
    assert q.text == "the new health law as a costly failure for small towns"
    q = find("Video of the arrest shows the driver with his hands on the wheel.", "the driver")
    assert q.text == "the driver with his hands on the wheel"


def test_as_aside_reports_the_main_clause():
    q = find("As many tax experts have pointed out, the senator is free to publish his returns.", "free to publish")
    assert q.cue == "have pointed out" and q.text == "the senator is free to publish his returns"
    q = find("The port will reopen next week, as the mayor said on Monday.", "port will reopen")
    assert q.speaker == "the mayor" and q.text == "The port will reopen next week"
    assert run("The vote was close, as expected.") == []


def test_polnear_cue_of_an_infinitive_starts_at_its_governing_verb():
    text = "The senator appeared to suggest that the harbour law would be repealed next year."
    doc = get_nlp()(text)
    assert [text[a:b] for a, b in predict(text, doc)["cue"]] == ["appeared to suggest"]


def test_speech_verb_about_a_topic_and_a_study_that_notes():
    q = find("The candidate complained about his microphone the morning after the debate.", "microphone")
    assert q.cue == "complained about" and q.text == "his microphone"
    q = find("The study, which notes that most large firms would owe more in taxes, was published Monday.", "firms")
    assert q.cue == "notes" and "most large firms would owe more in taxes" in q.text
