"""Quotes, speakers and attribution chains on the seeds and on short synthetic sentences."""

from __future__ import annotations

import pytest

from newsprism.extract.entities import extract_entities
from newsprism.extract.quotemarks import find_quote_marks
from newsprism.extract.quotes import extract_quotes
from newsprism.model import Article, Quote
from newsprism.nlp.load import get_nlp


def run(text: str) -> tuple[list[Quote], list]:
    doc = get_nlp()(text)
    return extract_quotes(doc, Article(id="t", source="t", body=text, entities=extract_entities(doc)))


@pytest.fixture(scope="module")
def seeds(seeds_dir):
    out = {}
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        out[path.name[:3]] = (text, *run(text))
    return out


def find(quotes: list[Quote], fragment: str) -> Quote:
    hits = [q for q in quotes if fragment in q.text]
    assert hits, f"no quote containing {fragment!r}: {[q.text[:40] for q in quotes]}"
    return hits[0]


def test_offsets_consistent(seeds):
    for text, quotes, _ in seeds.values():
        for q in quotes:
            assert text[q.start : q.end] == q.text
            if q.speaker_start is not None:
                assert 0 <= q.speaker_start < q.speaker_end <= len(text)
            if q.cue_start is not None:
                assert text[q.cue_start : q.cue_end] == q.cue or q.cue.startswith(text[q.cue_start : q.cue_end])


def test_000_pompeo_via_reuters_and_lavrov(seeds):
    _, quotes, _ = seeds["000"]
    q = find(quotes, "reckless escalation")
    assert (q.speaker, q.direct, q.via) == ("Mike Pompeo", True, ["Reuters"])
    assert find(quotes, "orchestrating a coup").speaker == "Sergei Lavrov"
    q = find(quotes, "The United States condemns")
    assert q.speaker == "a State Department spokesperson" and q.direct and not q.anonymous
    q = find(quotes, "exchange consultations")
    assert (q.speaker, q.via) == ("Russian state media", ["Reuters"])
    assert q.text.startswith("The flights carried")  # the nested quote stays inside the outer one


def test_001_unnamed_source_via_sputnik(seeds):
    _, quotes, _ = seeds["001"]
    q = find(quotes, "Russia has various contracts")
    assert q.direct and q.anonymous and q.via == ["Sputnik"]
    assert q.speaker == "an unnamed source at the Russian Embassy"
    q = find(quotes, "Russian military officials arrived in Caracas")
    assert not q.direct and q.anonymous and q.via == ["The Associated Press"]
    assert "unnamed Venezuelan official" in q.speaker


def test_004_hearsay_and_peskov(seeds):
    _, quotes, _ = seeds["004"]
    q = find(quotes, "Russian contractors in Venezuela may be around 400")
    assert (q.speaker, q.direct, q.cue) == ("Yevgeny Shabayev", False, "said he had heard")
    q = find(quotes, "We have no such information.")
    assert (q.speaker, q.cue, q.direct) == ("Dmitry Peskov", "stated", True)
    q = find(quotes, "Our people are there directly")
    assert q.speaker == "Yevgeny Shabayev"  # "he said", resolved to the last speaker
    q = find(quotes, "They did not arrive in a big crowd")
    assert q.anonymous and q.speaker.startswith("A third source")


def test_003_single_quotes_and_missing_open_mark(seeds):
    _, quotes, _ = seeds["003"]
    for fragment in ("John’s very good", "I actually temper John", "I like John"):
        assert find(quotes, fragment).speaker == "Trump", fragment
    assert find(quotes, "I actually temper John").text.startswith("I actually")
    assert find(quotes, "pathological liar").speaker == "Bruno Rodríguez"
    assert find(quotes, "That State Department memorandum").speaker == "Bruno Rodríguez"


def test_nested_quote_is_one_quote():
    text = "“The ships brought men who came to ‘help out,’” according to a port official, via Reuters."
    quotes, _ = run(text)
    assert len([q for q in quotes if q.direct]) == 1
    q = quotes[0]
    assert q.text == "The ships brought men who came to ‘help out,’"
    assert q.speaker == "a port official" and q.via == ["Reuters"]


def test_pronoun_and_role_noun_resolution():
    text = ("Health minister Anna Kovacs said the clinics would reopen on Monday. "
            "“We have enough staff,” she said. The minister added that vaccines had arrived.")
    quotes, _ = run(text)
    assert find(quotes, "We have enough staff").speaker == "Anna Kovacs"
    assert find(quotes, "vaccines had arrived").speaker == "Anna Kovacs"


def test_apostrophes_are_not_quotes():
    text = "The contractors’ task isn’t easy, Russia’s envoy said."
    assert find_quote_marks(text) == []


def test_polnear_scoring_on_synthetic_annotation():
    from newsprism.evals.polnear import Scores, load_gold, predict, score_document

    text = "The mayor said that the bridge would reopen in May."
    ann = ("T1\tSource 0 9\tThe mayor\nT2\tCue 10 14\tsaid\nT3\tContent 15 50\tthat the bridge would reopen in May\n"
           "T4\tAttribution 10 14\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n")
    gold = load_gold(ann)
    assert gold["content"] == {(15, 50)}
    scores = Scores()
    score_document(text, gold, predict(text, get_nlp()(text)), scores)
    m = scores.metrics()
    assert m["cue_f1"] == 1.0 and m["content_f1"] == 1.0 and m["source_f1"] == 1.0


@pytest.mark.parametrize("text", ["", "“", "’ Trump said.", "according to.", "x, Reuters reports, said",
                                  "\n\n“Hello there, my friend,” she said.\n\n“Again and again and again"])
def test_odd_input_keeps_offsets(text):
    quotes, found = run(text)
    for q in quotes:
        assert text[q.start : q.end] == q.text
        assert q.speaker not in ("he", "she")  # an unresolved pronoun is no speaker


def test_the_writers_comment_after_a_comma_is_not_the_speakers():
    quotes, _ = run("Okafor told volunteers that she would not contest the tally, leaving the council seat to Brandt.")
    assert quotes[0].text == "she would not contest the tally"
