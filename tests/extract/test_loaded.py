"""Loaded language with voice: outlet words vs words in someone else's mouth."""

from __future__ import annotations

import pytest

from newsprism.extract import loaded
from newsprism.extract.loaded import extract_loaded
from newsprism.extract.voices import VoiceIndex, quote_mark_regions
from newsprism.model import Article, Quote
from newsprism.nlp.load import get_nlp


def run(body: str, quotes: list[Quote] | None = None):
    art = Article(id="t", source="t", body=body, quotes=quotes or [])
    return extract_loaded(get_nlp()(body), art)


@pytest.fixture(scope="module")
def seed_terms(seeds_dir):
    out = {}
    for path in sorted(seeds_dir.glob("*.txt")):
        body = path.read_text(encoding="utf-8")
        out[path.name[:3]] = (body, run(body))
    return out


def texts(terms, voice):
    return [t.text.lower() for t in terms if t.voice == voice]


def has(terms, voice, words):
    return any(words in t for t in texts(terms, voice))


def test_offsets_point_at_text(seed_terms):
    for body, terms in seed_terms.values():
        for t in terms:
            assert body[t.start:t.end] == t.text
            assert t.voice in ("outlet", "quoted")
            assert 0.0 <= t.score <= 1.0


def test_outlet_voice_terms_on_seeds(seed_terms):
    _, dw = seed_terms["000"]
    assert has(dw, "outlet", "shockingly overt")
    assert has(dw, "outlet", "embattled")
    _, eu = seed_terms["004"]
    assert has(eu, "outlet", "puppet dictator")
    assert has(eu, "outlet", "predictably")
    assert has(eu, "outlet", "regime")
    # "Sources report that ... mercenary forces": a vague attribution leaves the wording with the outlet
    assert has(eu, "outlet", "mercenary")


def test_quoted_terms_are_not_the_outlets(seed_terms):
    _, dw = seed_terms["000"]
    assert has(dw, "quoted", "reckless escalation")
    assert has(dw, "quoted", "unconstructive")
    assert has(dw, "quoted", "orchestrating a coup")
    _, dm = seed_terms["003"]
    assert has(dm, "quoted", "pathological liar")
    for _, terms in seed_terms.values():
        for words in ("reckless", "pathological", "orchestrating", "unconstructive"):
            assert not has(terms, "outlet", words)


def test_quote_marks_of_every_kind():
    body = ("He called it a ‘reckless move,’ and left. She said \"brutal\" twice. "
            "They spoke of “a sinister plot” today.\nIt was a vile act,’ the minister added.")
    regions = [body[s:e] for s, e in quote_mark_regions(body)]
    assert "‘reckless move,’" in regions
    assert '"brutal"' in regions
    assert "“a sinister plot”" in regions
    # a closing mark with no opener closes a quote that began at the start of its paragraph
    assert "It was a vile act,’" in regions
    # apostrophes are not quotes
    assert not any("He’s" in r for r in quote_mark_regions("He’s here. The ‘regime’ fell."))


def test_quote_spans_from_the_quote_extractor_are_used():
    body = "Puppet rulers never last. Voters know it."
    assert texts(run(body), "outlet")

    def quote(direct, anonymous, speaker):
        return Quote(speaker=speaker, speaker_entity=None, text=body[:24], cue="said", direct=direct,
                     anonymous=anonymous, via=[], start=0, end=24)

    for q in (quote(True, True, None), quote(False, False, "Jane Doe")):
        terms = run(body, [q])
        assert terms and all(t.voice == "quoted" for t in terms if t.start < 24)
    # an anonymous paraphrase is still the outlet's wording
    terms = run(body, [quote(False, True, "sources")])
    assert any(t.voice == "outlet" and t.start < 24 for t in terms)


def test_attributed_speech_is_quoted_but_vague_sources_are_not():
    def voice_of(body, words):
        return {t.voice for t in run(body) if words in t.text.lower()}

    assert voice_of("The minister claimed that the ruthless junta had collapsed.", "junta") == {"quoted"}
    assert voice_of("Sources report that the ruthless junta had collapsed.", "junta") == {"outlet"}


def test_plain_reporting_has_no_loaded_terms():
    assert run("The ministry published the budget figures on Tuesday.") == []


def test_lexicon_alone_still_flags_labels():
    doc = get_nlp()("The so-called council met the regime.")
    scores = loaded.score_tokens(doc, model=None)
    flagged = {doc[i].lower_ for i, (p, _) in enumerate(scores) if p >= loaded.DEFAULT_THRESHOLD}
    assert {"so", "called", "regime"} <= flagged


def test_voice_index_partial_overlap():
    idx = VoiceIndex([(10, 20)])
    assert idx.voice(12, 18) == "quoted"
    assert idx.voice(0, 5) == "outlet"
    assert idx.voice(15, 22) == "quoted"  # mostly inside
    assert idx.voice(5, 12) == "outlet"  # mostly outside


def _plain_view(doc):
    """token_view's fields read through spaCy's Token properties: what the array reader must reproduce."""
    v = loaded.TokenView([], [], [], [], [], [], [], [], [])
    for tok in doc:
        v.words.append(tok.lower_)
        v.lemmas.append(tok.lemma_.lower())
        v.pos.append(tok.pos_)
        v.tags.append(tok.tag_)
        v.deps.append(tok.dep_)
        v.head_lemmas.append(tok.head.lemma_.lower())
        v.titles.append(tok.is_title)
        v.ents.append(tok.ent_type_)
        v.skip.append(tok.is_space or tok.is_punct)
    return v


def test_fast_scoring_equals_the_feature_path(examples_dir):
    # The regrouped scorer must give what token_features + TokenModel.probs (the training path) give.
    model = loaded.load_model()
    if model is None:
        pytest.skip("no trained token model shipped")
    text = (examples_dir / "001_kessel_courier.txt").read_text(encoding="utf-8")
    doc = get_nlp()(text)
    sents = list(doc.sents)[:4]
    for part in [doc, *sents]:
        view = loaded.token_view(part)
        assert view == _plain_view(part)
        idx = [i for i in range(len(view)) if not view.skip[i]]
        fast = loaded._scorer(model).probs(view, idx)
        for row, i in enumerate(idx):
            plain = model.probs(loaded.token_features(view, i, model.bias))
            assert fast[row].tolist() == pytest.approx(plain, abs=1e-9)


@pytest.mark.parametrize("body, word", [
    ("The minister did not say whether the brutal crackdown would continue.", "brutal"),
    ("Daniel Okafor announces on Friday whether he will ignore the shameless smear campaign and stay on as mayor.",
     "shameless"),
])
def test_embedded_question_is_the_outlets_wording(body, word):
    # "say whether ...", "announces whether ...": a question named by the outlet, not words anyone said
    terms = run(body)
    assert has(terms, "outlet", word) and not has(terms, "quoted", word)


def test_unnamed_experts_leave_the_wording_with_the_outlet():
    # "experts said", like "critics said": nobody in particular is paraphrased, so the wording is the outlet's
    body = "Experts said the self-proclaimed leader was hiding near the border."
    art = Article(id="t", source="t", body=body)
    from newsprism.run.pipeline import annotate_doc

    terms = annotate_doc(art, get_nlp()(body)).loaded_terms
    assert has(terms, "outlet", "self-proclaimed")


@pytest.mark.parametrize("body, word", [
    ("Prosecutors showed the shocking video at the trial of the man charged with the attack.", "shocking"),
    ("Shareholders gather next week, when the chief executive announces whether she will resist the vile "
     "attacks from investors.", "vile"),
])
def test_shown_things_and_questions_are_not_speech_in_the_full_pipeline(body, word):
    # with the quote extractor's indirect quotes feeding the voice: "showed" reports no words, and "announces
    # whether" names a question
    from newsprism.run.pipeline import annotate_doc

    terms = annotate_doc(Article(id="t", source="t", body=body), get_nlp()(body)).loaded_terms
    assert has(terms, "outlet", word) and not has(terms, "quoted", word)
