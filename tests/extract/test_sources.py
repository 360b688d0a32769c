"""Sources cited and their kinds."""

from __future__ import annotations

from newsprism.extract import sources
from newsprism.extract.entities import extract_entities
from newsprism.extract.quotes import extract_quotes
from newsprism.model import SOURCE_KINDS, Article
from newsprism.nlp.load import get_nlp


def cited(path) -> dict[str, str]:
    text = path.read_text(encoding="utf-8")
    doc = get_nlp()(text)
    _, found = extract_quotes(doc, Article(id="t", source="t", body=text, entities=extract_entities(doc)))
    assert all(s.kind in SOURCE_KINDS for s in found)
    names = [s.name.lower() for s in found]
    assert len(names) == len(set(names)), names
    return {s.name.lower(): s.kind for s in found}


def seed(seeds_dir, prefix):
    return next(seeds_dir.glob(prefix + "_*.txt"))


def test_001_sources(seeds_dir):
    got = cited(seed(seeds_dir, "001"))
    assert got["sputnik"] == "state_media"
    assert got["the associated press"] == "wire"
    assert got["reuters"] == "wire"
    assert got["flight-tracking data"] == "data"


def test_002_sources(seeds_dir):
    got = cited(seed(seeds_dir, "002"))
    assert got["interfax"] == "wire"
    assert got["flight radar"] == "data"
    assert got["social media reports"] == "social"


def test_000_and_004_sources(seeds_dir):
    got = cited(seed(seeds_dir, "000"))
    assert got["russian state media"] == "state_media" and got["state department"] == "government"
    got = cited(seed(seeds_dir, "004"))
    assert got["kremlin"] == "government" and got["reuters"] == "wire"
    assert "yevgeny shabayev" not in got and "dmitry peskov" not in got  # people are speakers, not outlets


def test_classify_unknown_names_from_context():
    assert sources.classify("the state-run news agency") == "state_media"
    assert sources.classify("the Foo news agency") == "wire"
    assert sources.classify("the Ruritanian foreign ministry") == "government"
    assert sources.classify("an unnamed official") == "anonymous"
    assert sources.classify("satellite imagery") == "data"
    assert sources.lookup("the state-funded Sputnik news agency").name == "Sputnik"


def _quotes_and_sources(text: str):
    doc = get_nlp()(text)
    return extract_quotes(doc, Article(id="t", source="t", body=text, entities=extract_entities(doc)))


def test_person_whose_surname_is_a_media_word_is_a_person():
    # "Press", "Post" and "Times" are media words, but here they are surnames: the name is a person's
    for text, name in (("Mary Press, a nurse at the clinic, said the wait times had doubled since spring.",
                         "Mary Press"),
                        ("\u201cWe were never told,\u201d said Mary Press, who has lived on the street for 30 years.",
                         "Mary Press"),
                        ("Tom Post said the bridge over the canal was unsafe.", "Tom Post")):
        quotes, found = _quotes_and_sources(text)
        assert [q.speaker for q in quotes] == [name]
        assert found == [], found  # a person is a speaker, not an outlet the article cites


def test_pronoun_after_person_with_media_surname_is_that_person():
    quotes, _ = _quotes_and_sources("The shelter will close in May, Mary Press said. She added that nobody had "
                                    "asked the residents.")
    assert [q.speaker for q in quotes] == ["Mary Press", "Mary Press"]


def test_real_outlets_with_media_words_stay_outlets():
    for text, name, kind in (("The Canadian Press reported that the bridge was unsafe.", "canadian press", "media"),
                             ("The Associated Press said the bridge was unsafe.", "the associated press", "wire"),
                             ("Officials told the Press Association that the bridge was unsafe.",
                              "press association", "wire")):
        _, found = _quotes_and_sources(text)
        assert {s.name.lower(): s.kind for s in found}.get(name) == kind, found
