"""Corpus entities: variants, typos and surname-only mentions merged across articles; ids rewritten."""

from __future__ import annotations

import copy

import pytest

from newsprism.corpus.canon import canonicalize
from newsprism.extract.entities import extract_entities
from newsprism.knowledge import names
from newsprism.model import Article, Entity, Mention, Quote, check_spans
from newsprism.nlp.load import get_nlp


def _articles(texts: dict[str, str]) -> list[Article]:
    nlp = get_nlp()
    return [Article(id=k, source=k, body=t, entities=extract_entities(nlp(t))) for k, t in texts.items()]


@pytest.fixture(scope="module")
def seed_local(seeds_dir):
    """Seed articles with article-local entities only (the input canonicalize gets)."""
    return _articles({p.stem: p.read_text("utf-8") for p in sorted(seeds_dir.glob("*.txt"))})


@pytest.fixture(scope="module")
def seed_canon(seed_local):
    arts = copy.deepcopy(seed_local)
    return arts, canonicalize(arts)


def _named(corpus, name):
    found = [c for c in corpus if c.name == name]
    assert len(found) == 1, (name, [c.name for c in corpus])
    return found[0]


def test_guaido_spellings_are_one_person(seed_canon):
    arts, corpus = seed_canon
    guaido = _named(corpus, "Juan Guaido")
    assert guaido.type == "PERSON"
    assert {"Guaidó", "Guaido", "Guiado", "Guido"} <= {v.split()[-1] for v in guaido.variants}
    mentioning = {a.id for a in arts if any(w in a.body for w in ("Guaid", "Guiado", "Guido"))}
    assert set(guaido.articles) == mentioning
    assert not [c for c in corpus if names.fold(c.name) in ("guaido", "guiado", "guido")]


def test_maduro_in_every_seed_under_his_full_name(seed_canon):
    arts, corpus = seed_canon
    maduro = _named(corpus, "Nicolas Maduro")
    assert len(maduro.articles) == len(arts) == 5
    assert "Maduro" in maduro.variants
    for a in arts:
        assert [e.name for e in a.entities if e.id == maduro.id] == ["Nicolas Maduro"]


def test_people_get_full_names_without_titles(seed_canon):
    _, corpus = seed_canon
    for name in ("Mike Pompeo", "Sergei Lavrov", "Dmitry Peskov", "Yevgeny Shabayev", "Vladimir Putin"):
        assert _named(corpus, name).type == "PERSON"
    assert "Putin" in _named(corpus, "Vladimir Putin").variants  # an article that says only "Putin"
    assert "Trump" in {c.name for c in corpus}
    assert {"Bruno Rodríguez"} == {c.name for c in corpus if "rodriguez" in names.fold(c.name)}
    for c in corpus:
        assert c.name.split()[0].lower() not in ("president", "secretary", "minister", "spokesman", "kremlin")


def test_places(seed_canon):
    _, corpus = seed_canon
    us = _named(corpus, "United States")
    assert us.type == "GPE" and {"U.S.", "US", "America"} <= set(us.variants)
    assert _named(corpus, "Moscow").type == "GPE" and _named(corpus, "Russia").type == "GPE"
    assert _named(corpus, "The Moscow Times").type == "ORG"


def test_ids_rewritten_and_spans_kept(seed_canon):
    arts, corpus = seed_canon
    ids = [c.id for c in corpus]
    assert ids == [f"E{i}" for i in range(1, len(corpus) + 1)]
    by_id = {c.id: c for c in corpus}
    for a in arts:
        assert check_spans(a) == []
        own = [e.id for e in a.entities]
        assert len(own) == len(set(own)), "one entity per corpus id in an article"
        for e in a.entities:
            assert a.id in by_id[e.id].articles
            assert {m.text for m in e.mentions} <= set(by_id[e.id].variants)
    sizes = [len(c.articles) for c in corpus]
    assert sizes == sorted(sizes, reverse=True)


def test_same_input_same_ids(seed_local):
    runs = []
    for _ in range(2):
        arts = copy.deepcopy(seed_local)
        corpus = canonicalize(arts)
        runs.append(([(c.id, c.name, c.variants, c.articles) for c in corpus],
                     [[(e.id, e.name) for e in a.entities] for a in arts]))
    assert runs[0] == runs[1]


def test_people_sharing_a_surname_stay_apart():
    arts = _articles({
        "a": "John Smith, the mayor of Leeds, opened the bridge. Smith said it was overdue.",
        "b": "Jane Smith, a lawyer in Boston, filed the suit on Monday. Smith declined to comment.",
        "c": "The report was written by Smith and colleagues.",
    })
    corpus = canonicalize(arts)
    smiths = [c for c in corpus if "smith" in names.fold(c.name)]
    full = {c.name: c for c in smiths}
    assert {"John Smith", "Jane Smith"} <= set(full)
    assert full["John Smith"].articles == ["a"] and full["Jane Smith"].articles == ["b"]
    # The lone "Smith" of article c could be either: it is not given to one of them.
    assert "c" not in full["John Smith"].articles + full["Jane Smith"].articles


def test_lone_surname_joins_the_only_full_name():
    arts = _articles({
        "a": "Ostrian President Teodor Brankovic spoke in Velsgrad on Monday.",
        "b": "Brankovic said the army was loyal to the government in Velsgrad.",
    })
    corpus = canonicalize(arts)
    brankovic = _named(corpus, "Teodor Brankovic")
    assert brankovic.articles == ["a", "b"]
    assert [e.name for e in arts[1].entities if e.id == brankovic.id] == ["Teodor Brankovic"]


def test_quote_speakers_and_local_duplicates_rewritten():
    body = "Ibanez spoke. Marta Ibáñez answered."
    art = Article(id="x", source="x", body=body, entities=[
        Entity("L1", "Ibanez", "PERSON", [Mention("Ibanez", 0, 6)]),
        Entity("L2", "Marta Ibáñez", "PERSON", [Mention("Marta Ibáñez", 14, 26)]),
        Entity("L3", "Velsgrad", "ORG", []),
    ])
    art.quotes = [Quote("Ibanez", "L1", "Ibanez spoke", "spoke", False, False, [], 0, 12),
                  Quote(None, "L9", "answered", None, False, True, [], 27, 35)]
    other = Article(id="y", source="y", body="Marta Ibanez", entities=[
        Entity("L1", "Marta Ibanez", "PERSON", [Mention("Marta Ibanez", 0, 12)])])
    corpus = canonicalize([art, other])
    # One article each for the two spellings: the tie goes to the accented one.
    ibanez = _named(corpus, "Marta Ibáñez")
    assert ibanez.articles == ["x", "y"]
    assert [e.id for e in art.entities if e.type == "PERSON"] == [ibanez.id]
    assert [m.start for e in art.entities if e.id == ibanez.id for m in e.mentions] == [0, 14]
    assert art.quotes[0].speaker_entity == ibanez.id
    assert art.quotes[1].speaker_entity is None  # a dangling local id is not kept
    assert check_spans(art) == []


def test_pipeline_seed_articles_are_consistent(seed_articles):
    """The real pipeline (cleaned bodies, every stage): spans hold and Maduro is one entity everywhere."""
    for a in seed_articles.values():
        assert check_spans(a) == []
    ids = {e.id for a in seed_articles.values() for e in a.entities if e.name == "Nicolas Maduro"}
    assert len(ids) == 1
    assert all(any(e.name == "Nicolas Maduro" for e in a.entities) for a in seed_articles.values())
