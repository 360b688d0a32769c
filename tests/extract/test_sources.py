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
