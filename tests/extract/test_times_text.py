"""The times-only path: plain text, spaCy only on the sentences whose reading depends on the parse."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsprism.evals import tempeval3
from newsprism.extract import times as times_mod
from newsprism.extract.times import extract_times
from newsprism.extract.timex_text import times_of_text, times_of_texts
from newsprism.extract.timex_view import SentenceView, fill
from newsprism.model import Published
from newsprism.nlp.load import get_nlp

MON = Published(date="2019-03-25")
TEXTS = [
    "Two cargo ships docked in Tampere on Saturday after leaving Norway Friday. A third ship left on Sunday and "
    "is expected to arrive in Finland on Monday.",
    "Shares of Tuesday Morning Corp. rose 5% in heavy trading. The retailer will report results on Thursday.",
    "For 1988, the company earned $3 million. The report was written by Mark Olsen, who joined Octavia Holdings "
    "in May.",
    "The board meets Friday. Officials said Thursday that the plant closed the day before.",
    "He drove a 2007 silver Ford to the meeting. Sales rose in 2007 and 2008.",
]


def _pairs(found) -> list[tuple[str, str | None]]:
    return [(t.text, t.value) for t in found]


def asked(text: str, published: Published = MON) -> list[str]:
    """The sentences a first pass of the tagger asks spaCy about."""
    view = SentenceView(text)
    times_mod.tag_candidates(view, times_mod.anchor_of(published))
    return [text[view.spans[k][0]:view.spans[k][1]] for k in sorted(view.wanted)]


@pytest.mark.parametrize("text", TEXTS)
def test_times_only_path_reads_like_the_full_parse(text):
    """Tense (weekdays back and ahead, "joined ... in May" last May), names ("Tuesday Morning Corp."), years
    that open a sentence ("For 1988,"), model years and anaphora come out as they do on the full parse."""
    assert _pairs(times_of_text(text, MON)) == _pairs(extract_times(get_nlp()(text), MON))


def test_weekday_direction_comes_from_the_parsed_sentence():
    got = dict(_pairs(times_of_text(TEXTS[0], MON)))
    assert got == {"Saturday": "2019-03-23", "Friday": "2019-03-22", "Sunday": "2019-03-24", "Monday": "2019-03-25"}


def test_only_sentences_whose_reading_depends_on_the_parse_are_parsed():
    text = ("The company was founded in 1998 and has grown for three years. Sales fell 4% last quarter. "
            "Its chief executive resigned on Wednesday. Analysts expect a recovery next year.")
    assert asked(text) == ["Its chief executive resigned on Wednesday."]
    assert asked("Sales fell 4% in the second quarter of 2019, a year earlier than planned.") == []


def test_weekday_without_a_publication_date_needs_no_parse():
    """Unanchored, a weekday is XXXX-WXX-n whatever the tense: nothing to ask."""
    assert asked("The board met on Friday.", Published()) == []
    assert _pairs(times_of_text("The board met on Friday.", Published())) == [("Friday", "XXXX-WXX-5")]


def test_words_that_start_with_a_month_name_are_no_months():
    text = "The report was written by Mark Olsen, who has a stake in Octavia Holdings and Junebug Ltd."
    assert times_of_text(text, MON) == []
    assert extract_times(get_nlp()(text), MON) == []


def test_batches_keep_order_and_match_single_texts():
    items = [(t, MON) for t in TEXTS] * 3
    batched = [_pairs(x) for x in times_of_texts(items, batch_size=4)]
    assert batched == [_pairs(times_of_text(t, p)) for t, p in items]


@pytest.mark.parametrize("text", ["", "   \n\n ", "no dates here", "Monday" * 500, "\u201cFriday?\u201d he said."])
def test_odd_text_does_not_break_the_path(text):
    for t in times_of_text(text, MON):
        assert text[t.start:t.end] == t.text


TML = """<?xml version="1.0" ?>
<TimeML><DOCID>x</DOCID><DCT><TIMEX3 tid="t0" type="DATE" value="2019-03-25" temporalFunction="false"
functionInDocument="CREATION_TIME">2019-03-25</TIMEX3></DCT>
<TEXT>The plant closed on <TIMEX3 tid="t1" type="DATE" value="2019-03-22">Friday</TIMEX3> and will reopen on
<TIMEX3 tid="t2" type="DATE" value="2019-03-28">Thursday</TIMEX3> after <TIMEX3 tid="t3" type="DURATION"
value="P3M">three months</TIMEX3> of repairs.</TEXT></TimeML>
"""


def test_eval_scores_the_times_only_path_and_the_full_parse(tmp_path: Path, capsys):
    part = tmp_path / "Part"
    part.mkdir()
    (part / "a.tml").write_text(TML, encoding="utf-8")
    result = tempeval3.evaluate(tmp_path)
    assert result["value_f1"] == 1.0 and result["documents"] == 1
    assert result["within_analyze"]["value_f1"] == 1.0
    assert "within analyze" in capsys.readouterr().out
    json.dumps(result)


def test_a_run_on_without_stops_is_not_parsed():
    text = "The board met on Friday " + "and the staff worked late " * 150 + "again"
    assert asked(text) == []
    assert _pairs(times_of_text(text, MON)) == [("Friday", "2019-03-22")]


def test_a_capital_after_punctuation_reads_as_a_sentence_start_as_on_the_parse():
    """"Today" after a colon or a comma is the deictic word, not part of a name ("USA Today")."""
    for text in ("Officials said: Today the plant reopened.", "Shares of USA Today rose."):
        assert _pairs(times_of_text(text, MON)) == _pairs(extract_times(get_nlp()(text), MON))


def test_a_question_about_entities_alone_runs_the_entity_recogniser_alone():
    """"For 1988," needs only the entities (is the year a date?), not the tree: the cheaper pipe is used."""
    view = SentenceView("For 1988, the company earned $3 million.")
    times_mod.tag_candidates(view, times_mod.anchor_of(MON))
    assert view.wanted == {0: (False, True)}
    fill([view], get_nlp())
    doc = view.parsed[0].doc
    assert doc.has_annotation("ENT_IOB") and not doc.has_annotation("DEP")
    assert [(t.text, t.value) for t in times_mod.times_of_view(view, MON)] == [("1988", "1988")]
