"""One sentence segmentation: the parse's, stored on the article, read by facts, the timeline, the publication
date and the stance features (on the seeds, read at run time, and on the bundled examples)."""

from __future__ import annotations

import re

import pytest

from newsprism.corpus.facts.claims import extract_claims
from newsprism.corpus.facts.stance import load_model
from newsprism.corpus.facts.stance_features import feature_matrix
from newsprism.model import Article, Published
from newsprism.nlp.sentences import sentences_of, spans_of, split_texts

_QUOTES = re.compile(r"[\"“”‘’']")


@pytest.fixture(params=["seeds", "examples"])
def analysis(request):
    return request.getfixturevalue(f"{request.param}_analysis")


def _bare(text: str) -> str:
    """Event text as the timeline shows it, without the marks `_clause` may add or drop."""
    text = text.removeprefix("… ").removesuffix(" …")
    return " ".join(_QUOTES.sub("", text).split())


def test_stored_sentences_are_ordered_trimmed_and_stay_in_a_paragraph(analysis):
    for a in analysis.articles:
        assert a.sentences, a.id
        prev = 0
        for s in a.sentences:
            text = a.body[s.start:s.end]
            assert prev <= s.start < s.end <= len(a.body), a.id
            assert text == text.strip() and "\n\n" not in text and any(c.isalnum() for c in text), (a.id, text)
            prev = s.end


def test_fact_mentions_are_stored_sentences(analysis):
    spans = {a.id: set(spans_of(a)) for a in analysis.articles}
    mentions = [(m.article, m.start, m.end) for f in analysis.facts for m in f.mentions]
    assert mentions
    for art, s, e in mentions:
        assert (s, e) in spans[art], (art, s, e)


def test_timeline_clauses_never_cross_a_stored_sentence(analysis):
    by_id = {a.id: a for a in analysis.articles}
    assert analysis.timeline
    for ev in analysis.timeline:
        clause = _bare(ev.event)
        sentences = [_bare(t) for aid in ev.articles for _, _, t in sentences_of(by_id[aid])]
        assert any(clause in t for t in sentences), ev.event


def test_claims_follow_the_stored_sentences_not_the_punctuation():
    body = "The council approved 300 new homes on Monday. The mayor welcomed the vote in Lakeview."
    art = Article(id="a", source="a", body=body, published=Published(date="2021-05-03"))
    assert [body[s:e] for s, e in spans_of(art)] == ["The council approved 300 new homes on Monday.",
                                                    "The mayor welcomed the vote in Lakeview."]
    art.sentences = art.sentences[:1]  # whatever is stored is what the stages read: here one sentence only
    assert [c.text for c in extract_claims(art)] == ["The council approved 300 new homes on Monday."]


def test_stance_features_read_the_given_sentences_else_the_parse():
    model = load_model()
    if model is None:
        pytest.skip("the stance model is not installed")
    body = ("A volcano in southern Iceland erupted on Sunday. Flights were diverted. Officials denied that farms "
            "were evacuated.")
    pairs = [("Volcano erupts in Iceland", body)]
    parsed = [body[s:e] for s, e in split_texts([body])[0]]
    assert len(parsed) == 3
    assert (feature_matrix(pairs, model.vectorizer) == feature_matrix(pairs, model.vectorizer, {body: parsed})).all()
    one = feature_matrix(pairs, model.vectorizer, {body: [body]})
    assert not (one == feature_matrix(pairs, model.vectorizer)).all()
