"""The vectorised attribute-ruler matching and the memoised lemmatizer must leave every token exactly as spaCy's
own components do."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from newsprism.nlp.fastlemma import _MemoLemmatizer
from newsprism.nlp.fastrules import compile_patterns
from newsprism.nlp.load import get_nlp, get_stock_nlp


def _texts(*folders: Path) -> list[str]:
    out = []
    for folder in folders:
        for f in sorted(folder.glob("*")):
            if f.suffix in (".txt", ".html", ".jsonl"):
                out.append(f.read_text(encoding="utf-8", errors="replace"))
    return out


def _annotations(nlp, texts):
    return [[(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in doc]
            for doc in nlp.pipe(texts)]


def test_patterns_all_compile():
    # If a new model version brings a pattern of another shape, install() leaves the ruler alone; this test
    # says so loudly instead of letting the speed-up vanish silently.
    ruler = get_stock_nlp().get_pipe("attribute_ruler")
    assert compile_patterns(ruler) is not None
    assert "match" in vars(get_nlp().get_pipe("attribute_ruler"))  # the instance carries the fast one


@pytest.mark.slow
def test_same_annotations_as_stock_pipeline(examples_dir):
    texts = _texts(examples_dir)
    seeds = examples_dir.parent.parent / "shared" / "seeds"
    if seeds.exists():
        texts += _texts(seeds)
    # tricky forms the ruler has rules for: negations, 's, contractions, expletives, mark/aux deps
    texts.append("I don't know if there's nothin' y' all can't do; it's what he'd said, but that was then.")
    assert _annotations(get_nlp(), texts) == _annotations(get_stock_nlp(), texts)


def test_matches_equal_the_matcher(examples_dir):
    stock = get_stock_nlp()
    ruler = stock.get_pipe("attribute_ruler")
    fast = get_nlp().get_pipe("attribute_ruler").match
    for text in _texts(examples_dir):
        doc = stock.make_doc(text)
        for _, proc in stock.pipeline[:3]:  # tok2vec, tagger, parser: what the ruler reads
            doc = proc(doc)
        assert sorted(set(ruler.match(doc))) == fast(doc)


@pytest.mark.parametrize("text", ["", " ", "\n\n"])
def test_empty_docs(text):
    assert [t.pos_ for t in get_nlp()(text)] == [t.pos_ for t in get_stock_nlp()(text)]


@pytest.mark.slow
def test_memoised_lemmas_equal_stock_across_many_documents(datasets_dir):
    # The memo is shared by every document a process parses: a key reused across articles must give the lemma
    # the stock component computes for that token (80 FNC-1 bodies, ~30k tokens).
    bodies = sorted(datasets_dir.rglob("*bodies*.csv"))
    if not bodies:
        pytest.skip(f"no FNC-1 bodies under {datasets_dir}")
    with bodies[0].open(encoding="utf-8", newline="") as fh:
        texts = [row["articleBody"] for _, row in zip(range(80), csv.DictReader(fh))]
    fast, stock = get_nlp(), get_stock_nlp()
    assert isinstance(fast.get_pipe("lemmatizer"), _MemoLemmatizer)
    got = [[(t.lemma_, t.pos_) for t in doc] for doc in fast.pipe(texts)]
    want = [[(t.lemma_, t.pos_) for t in doc] for doc in stock.pipe(texts)]
    assert got == want
    memo = fast.get_pipe("lemmatizer")._newsprism_memo
    assert len(memo) > 1000  # the memo, not the stock path, made those lemmas
