"""Sentences found by rule (the times-only path's sentences)."""

from __future__ import annotations

from newsprism.nlp.rulesents import split_sentences


def pieces(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def test_abbreviations_and_initials_do_not_end_a_sentence():
    text = ("Harbor Freight Corp. said the U.S. Navy met Gen. Ruiz on Jan. 8 in St. Louis. J. R. Ortiz left at "
            "3 p.m. Police said so!")
    assert pieces(text) == ["Harbor Freight Corp. said the U.S. Navy met Gen. Ruiz on Jan. 8 in St. Louis.",
                            "J. R. Ortiz left at 3 p.m.", "Police said so!"]


def test_quotes_questions_and_blank_lines():
    text = "\u201cIs it over?\u201d she asked. \"Yes.\" 2019 was a bad year\n\nA heading without a stop\nMore text."
    assert pieces(text) == ["\u201cIs it over?\u201d she asked.", "\"Yes.\"", "2019 was a bad year",
                            "A heading without a stop\nMore text."]


def test_lower_case_after_a_stop_continues_and_offsets_are_exact():
    text = "  Prices rose 2.5 percent vs. last year. the rest follows  "
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == ["Prices rose 2.5 percent vs. last year. the rest follows"]
    assert split_sentences("") == [] and split_sentences(" \n ") == []
