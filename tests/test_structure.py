"""The package's structure holds: imports run one way through the layers, the stage lists are complete and in a
valid order, and what the model declares (fields, spans) is what the store and the span check use."""

from __future__ import annotations

import ast
import dataclasses
import typing
from pathlib import Path

import pytest

from newsprism.extract.registry import EXTRACTORS, filled_fields
from newsprism.io.doc_columns import NOT_TABLES, doc_columns
from newsprism.model import Article, Quote, check_spans
from newsprism.run.pipeline import CORPUS_STAGES, missing_inputs

PKG = Path(__file__).resolve().parents[1] / "src" / "newsprism"

# Lower numbers are lower layers; a module may import its own layer or lower ones, never a higher one.
LAYER = {"model": 0, "articles": 0, "knowledge": 1, "nlp": 1, "io": 1, "prepare": 2, "extract": 2, "corpus": 3,
         "run": 4, "apps": 5, "evals": 5}


def _layer_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "newsprism" and parts[1] in LAYER else None


def _imports(path: Path) -> list[tuple[str, int]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out += [(f"{node.module}.{a.name}", node.lineno) for a in node.names]
        elif isinstance(node, ast.Import):
            out += [(a.name, node.lineno) for a in node.names]
    return out


def _modules():
    for path in sorted(PKG.rglob("*.py")):
        rel = path.relative_to(PKG)
        yield path, "newsprism." + ".".join(rel.with_suffix("").parts)


def test_imports_run_one_way_through_the_layers():
    wrong = []
    for path, name in _modules():
        here = _layer_of(name)
        if here is None:
            continue
        for target, line in _imports(path):
            there = _layer_of(target)
            if there is not None and LAYER[there] > LAYER[here]:
                wrong.append(f"{name}:{line} imports {target} ({here} -> {there})")
    assert not wrong, "\n".join(wrong)


def test_no_stage_imports_an_executor_or_the_spool():
    wrong = [f"{name}:{line} imports {target}" for path, name in _modules()
             if _layer_of(name) in ("prepare", "extract", "corpus")
             for target, line in _imports(path) if target.startswith(("newsprism.run", "newsprism.apps"))]
    assert not wrong, "\n".join(wrong)


def test_every_relative_import_is_gone():
    # Absolute imports name the layer they cross, which the layering test reads.
    rel = [f"{name}:{node.lineno}" for path, name in _modules()
           for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
           if isinstance(node, ast.ImportFrom) and node.level]
    assert not rel


def test_corpus_stages_run_after_what_they_need():
    assert missing_inputs(CORPUS_STAGES) == []
    names = [s.name for s in CORPUS_STAGES]
    assert len(set(names)) == len(names)
    # the check itself: facts before the stories it needs is an error
    swapped = [s for s in CORPUS_STAGES if s.name != "stories"] + [s for s in CORPUS_STAGES if s.name == "stories"]
    assert missing_inputs(swapped)


# Article fields set while reading and preparing (pass 1), not by an extractor.
PREPARED = {"id", "source", "outlet", "title", "authors", "credit", "url", "language", "published", "body", "removed",
            "content_hash"}


def test_every_article_field_has_one_maker():
    fields = {f.name for f in dataclasses.fields(Article)}
    filled = filled_fields()
    assert set(filled) <= fields, set(filled) - fields
    assert not (PREPARED - fields)
    assert fields == PREPARED | set(filled), fields ^ (PREPARED | set(filled))
    # each extractor fills fields nobody else fills, except the publication range that times narrows
    counts = typing.Counter(f for x in EXTRACTORS for f in x.fills if f != "published")
    assert all(c == 1 for c in counts.values()), counts


def test_store_tables_follow_the_model():
    tables = doc_columns()
    hints = typing.get_type_hints(Article)
    for f in dataclasses.fields(Article):
        args = typing.get_args(hints[f.name])
        if typing.get_origin(hints[f.name]) is list and args and dataclasses.is_dataclass(args[0]):
            if f.name in NOT_TABLES:
                continue
            table = "mentions" if f.name == "entities" else f.name
            assert table in tables, f.name
            if f.name != "entities":
                assert set(tables[table]) == {"article", *(g.name for g in dataclasses.fields(args[0]))}


def test_store_has_a_row_per_record(examples_analysis, tmp_path):
    from newsprism.io.store import open_db, write_store

    write_store(examples_analysis, tmp_path / "s.db")
    db = open_db(tmp_path / "s.db", readonly=True)
    labels = sum(len(a.actor_labels) for a in examples_analysis.articles)
    quotes = sum(len(a.quotes) for a in examples_analysis.articles)
    assert labels and db.execute("select count(*) from actor_labels").fetchone()[0] == labels
    assert db.execute("select count(*) from quotes where cue_start is not null").fetchone()[0] == \
        sum(q.cue_start is not None for a in examples_analysis.articles for q in a.quotes) > 0
    assert db.execute("select count(*) from quotes").fetchone()[0] == quotes


@pytest.fixture
def quoted_article(examples_analysis) -> Article:
    import copy

    art = next(a for a in examples_analysis.articles if any(q.cue_start is not None and q.speaker_start is not None
                                                            for q in a.quotes))
    return copy.deepcopy(art)


def test_span_check_reads_cue_and_speaker_spans_from_the_model(quoted_article):
    assert check_spans(quoted_article) == []
    q: Quote = next(q for q in quoted_article.quotes if q.cue_start is not None)
    q.cue_start += 1
    assert any("quotes.cue" in b for b in check_spans(quoted_article))


def test_span_check_refuses_a_quote_holding_its_own_attribution(quoted_article):
    q: Quote = next(q for q in quoted_article.quotes if q.speaker_start is not None)
    q.start, q.end = min(q.start, q.speaker_start), max(q.end, q.speaker_end)
    q.text = quoted_article.body[q.start:q.end]
    assert any("contains its own speaker" in b for b in check_spans(quoted_article))


def test_sentences_cover_the_body_in_order(examples_analysis):
    for a in examples_analysis.articles:
        assert a.sentences, a.id
        ends = [(s.start, s.end) for s in a.sentences]
        assert ends == sorted(ends) and all(e1 <= s2 for (_, e1), (s2, _) in zip(ends, ends[1:]))
        assert not a.body[: ends[0][0]].strip() and not a.body[ends[-1][1]:].strip()
