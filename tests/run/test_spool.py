"""The article spool: annotated articles on disk during a run, read back one at a time, same analysis."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

from newsprism.articles import ArticleList, collection
from newsprism.io import json_writer as writers
from newsprism.model import Analysis, Article, Entity, Mention, Published, to_dict
from newsprism.run import pipeline
from newsprism.run.spool import ArticleSpool

ROOT = Path(__file__).resolve().parents[2]


def _article(i: int, body: str = "Lima said 40 soldiers landed.") -> Article:
    return Article(id=f"a{i:03d}", source=f"s{i}", outlet="Outlet", body=body, published=Published(date="2020-01-02"),
                   entities=[Entity(id="L1", name="Lima", type="GPE", mentions=[Mention("Lima", 0, 4)])])


def test_spool_reads_back_equal_fresh_copies_and_writes_changes_back():
    arts = [_article(i, body=f"Body {i} " * i) for i in (3, 1, 2)]
    sp = ArticleSpool(arts)
    assert len(sp) == 3 and sp.ids == ["a003", "a001", "a002"]
    assert [to_dict(a) for a in sp] == [to_dict(a) for a in arts]
    assert to_dict(sp[-1]) == to_dict(arts[2]) and [a.id for a in sp[1:]] == ["a001", "a002"]
    with pytest.raises(IndexError):
        sp[3]
    first = sp[0]
    first.entities[0].id = "E1"
    assert sp[0].entities[0].id == "L1"  # a read is a copy: changing it changes nothing stored
    sp.replace(0, first)
    assert sp[0].entities[0].id == "E1"
    assert [a.id for a in sp.by_id()] == ["a001", "a002", "a003"] == [a.id for a in collection(arts).by_id()]
    assert [a.id for a in ArticleList(reversed(arts)).by_id()] == ["a001", "a002", "a003"]
    sp.sort_by_id()
    assert sp.ids == ["a001", "a002", "a003"] and [a.id for a in sp] == sp.ids
    assert sp[2].entities[0].id == "E1"  # the replaced copy moved with its offset
    # Pickled (to a worker or a cache), a spool becomes a plain list of its articles.
    back = pickle.loads(pickle.dumps(sp))
    assert isinstance(back, list) and [to_dict(a) for a in back] == [to_dict(a) for a in sp]


def test_streamed_json_has_the_bytes_of_one_dump():
    # Every kind of top-level value: a spooled and a plain list, an empty list, the framing object.
    an = Analysis(articles=ArticleSpool([_article(1), _article(2, body="Quotes “and” \\ new\nlines")]))
    plain = Analysis(articles=list(an.articles))
    one_dump = json.dumps(to_dict(plain), ensure_ascii=False, indent=1)
    assert writers.analysis_to_json(an) == writers.analysis_to_json(plain) == one_dump
    assert json.loads(one_dump)["articles"][1]["body"].endswith("new\nlines")


def test_run_on_the_examples_spools_and_gives_the_same_analysis_as_in_memory_stages():
    from newsprism.run.analyze import RunOptions, run

    result = run([str(ROOT / "examples")], RunOptions(workers=1, report=False))
    assert isinstance(result.analysis.articles, ArticleSpool)
    # The same stages on plain in-memory articles (the path library users and the evals take) agree.
    items = list(pipeline.read_and_prepare([str(ROOT / "examples")]))
    arts = [a for a in items if isinstance(a, Article)]
    pipeline.finish_pass1(arts)
    plain = Analysis(articles=[pipeline.annotate(a) for a in arts], rejected=result.analysis.rejected)
    pipeline.run_corpus_stages(plain)
    assert writers.analysis_to_json(plain) == writers.analysis_to_json(result.analysis)
    # canon's corpus ids were written back into the spooled articles
    assert all(e.id.startswith("E") for a in result.analysis.articles for e in a.entities)


def test_repeated_boilerplate_is_removed_in_place_and_in_a_spool_alike():
    footer = "Support our newsroom: subscribe today!"
    items = [a for a in pipeline.read_and_prepare([str(ROOT / "examples")]) if isinstance(a, Article)]
    for a in items[:3]:  # one outlet's footer under three articles, so that the rule has something to remove
        a.outlet = "Example Post"
        a.body += "\n\n" + footer
    in_memory = [pickle.loads(pickle.dumps(a)) for a in items]
    pipeline.finish_pass1(in_memory)
    spooled = ArticleSpool(items)
    pipeline.finish_pass1(spooled)
    assert [to_dict(a) for a in spooled] == [to_dict(a) for a in in_memory]
    assert [r.reason for r in spooled[0].removed if r.text == footer] == ["repeated in 3 articles of Example Post"]
    assert footer not in spooled[0].body
