"""The cue of an attribution: which words around the speech verb belong to it (PolNeAR's convention, and what a
reader needs to see how a statement was made)."""

from __future__ import annotations

import pytest

from newsprism.nlp.load import get_nlp
from quoting import run


def cue_of(text: str, fragment: str) -> str | None:
    q = next(q for q in run(text) if fragment in q.text)
    return text[q.cue_start:q.cue_end] if q.cue_start is not None else None


def test_adverbs_of_time_and_frequency_belong_to_the_cue():
    assert cue_of("The senator also said that the bill would pass next week.", "the bill would pass") == "also said"
    assert cue_of("The governor has repeatedly said that taxes will not rise.", "taxes will not rise") == \
        "has repeatedly said"


def test_a_manner_adverb_is_the_writers_comment_not_the_cue():
    assert cue_of("The spokesman predictably stated that the report was false.", "the report was false") == \
        "stated"


def _polnear_scores(text: str, ann: str) -> dict:
    from newsprism.evals.polnear import Scores, load_gold, predict, score_document

    scores = Scores()
    score_document(text, load_gold(ann), predict(text, get_nlp()(text)), scores)
    return scores.metrics()


def test_polnear_source_is_the_speakers_whole_noun_phrase():
    text = "Dora Velasquez, who piloted the island ferry for 30 years, said the pier had never flooded."
    ann = "T1\tSource 0 57\tDora Velasquez, who piloted the island ferry for 30 years\nT2\tCue 59 63\tsaid\n"
    assert _polnear_scores(text, ann)["source_f1"] == 1.0
    # a relative pronoun that is the cue's subject is the source itself
    text = "The bill was backed by Mr. Reed, who said the vote was a victory."
    ann = "T1\tSource 33 36\twho\nT2\tCue 37 41\tsaid\nT3\tContent 42 64\tthe vote was a victory\n"
    m = _polnear_scores(text, ann)
    assert m["source_f1"] == 1.0 and m["content_f1"] == 1.0


@pytest.mark.parametrize(("text", "ann", "measure"), [
    # the content runs from the reported clause to the end of its partial quote
    ("He says Hallam will \u201carrive at the summit with allies.\u201d",
     "T1\tSource 0 2\tHe\nT2\tCue 3 7\tsays\nT3\tContent 8 53\tHallam will \u201carrive at the summit with allies\n",
     "content_f1"),
    # the cue takes the adverb before its verb
    ("The harbourmaster cautiously said the ferry would resume.",
     "T1\tSource 0 17\tThe harbourmaster\nT2\tCue 18 33\tcautiously said\nT3\tContent 34 56\tthe ferry would resume\n",
     "cue_f1"),
    # a discontinuous span listed out of order has its envelope
    ("\u201cWe will win,\u201d she said. \u201cWe always do.\u201d",
     "T1\tContent 26 38;1 12\tWe always do We will win\n", "content_overlap_f1"),
    # the content is the reported clause around a partial quote
    ('The mayor said the plan was "a waste of money" and would be dropped.',
     'T1\tSource 0 9\tThe mayor\nT2\tCue 10 14\tsaid\nT3\tContent 15 67\tthe plan was "a waste of money" and would '
     "be dropped\n", "content_f1"),
    # the content gets back a complementizer followed by a comma
    ("The mayor said that, if elected, she would reopen the bridge.",
     "T1\tSource 0 9\tThe mayor\nT2\tCue 10 14\tsaid\nT3\tContent 15 60\tthat, if elected, she would reopen the bridge\n",
     "content_f1"),
], ids=["partial-quote-end", "cue-adverb", "discontinuous", "partial-quote-clause", "complementizer-comma"])
def test_polnear_span_conventions(text, ann, measure):
    assert _polnear_scores(text, ann)[measure] == 1.0


def test_a_transcript_line_names_its_speaker_and_keeps_the_label_out_of_the_quote():
    text = ('Fox News host Chris Wallace interviewed Indiana Gov. Mike Pence on Sunday.\n\n'
            '"WALLACE: Will the guest be at the debate?\n\n'
            '"PENCE: She will not be attending the debate tomorrow night. The tweet was a joke."\n\n'
            '"BREAKING: The debate will go ahead as planned," the network said.')
    quotes = run(text)
    q = next(q for q in quotes if "attending the debate" in q.text)
    assert q.speaker == "Mike Pence" and not q.text.startswith("PENCE")
    assert next(q for q in quotes if "guest" in q.text).speaker == "Chris Wallace"
    q = next(q for q in quotes if "go ahead" in q.text)  # a label that names nobody in the article stays text
    assert q.text.startswith("BREAKING") and q.speaker != "Breaking"


def test_polnear_source_keeps_a_hyphenated_modifier():
    text = "On the weekend broadcast, Green vice-presidential nominee\u00a0Gov.\u00a0Ann Lee (G-OR) said the plan would fail."
    src = "Green vice-presidential nominee\u00a0Gov.\u00a0Ann Lee (G-OR)"
    lo = text.index(src)
    ann = f"T1\tSource {lo} {lo + len(src)}\tsource\nT2\tCue {lo + len(src) + 1} {lo + len(src) + 5}\tsaid\n"
    assert _polnear_scores(text, ann)["source_f1"] == 1.0
