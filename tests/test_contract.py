"""The newsprism/1 contract: schema-valid, offsets consistent, deterministic, on the seeds and the examples."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest

from newsprism.io.json_writer import analysis_to_json, read_json, write_json
from newsprism.model import Analysis, check_spans, from_dict, to_dict
from newsprism.run.analyze import RunOptions, run


@pytest.fixture(scope="module")
def schema():
    return json.loads(resources.files("newsprism").joinpath("schema/analysis.schema.json").read_text())


@pytest.mark.parametrize("which", ["seeds_analysis", "examples_analysis"])
def test_schema_valid(which, schema, request):
    analysis = request.getfixturevalue(which)
    jsonschema.validate(json.loads(analysis_to_json(analysis)), schema)


@pytest.mark.parametrize("which", ["seeds_analysis", "examples_analysis"])
def test_every_span_points_at_its_text(which, request):
    analysis = request.getfixturevalue(which)
    bad = [b for a in analysis.articles for b in check_spans(a)]
    assert not bad, bad[:5]
    for f in analysis.facts:
        body = {a.id: a.body for a in analysis.articles}
        for m in f.mentions:
            assert 0 <= m.start < m.end <= len(body[m.article])
            if m.text is not None:
                assert body[m.article][m.start:m.end] == m.text


def test_every_input_is_an_article_or_rejected(examples_dir, examples_analysis):
    # 8 documents: six single-document files and two JSONL records.
    assert len(examples_analysis.articles) + len(examples_analysis.rejected) == 8
    assert not examples_analysis.rejected


def test_same_input_same_json(seeds_dir, seeds_analysis):
    again = run([str(seeds_dir)], RunOptions(workers=1)).analysis
    assert analysis_to_json(again) == analysis_to_json(seeds_analysis)


def test_written_file_is_the_contract_string(seeds_analysis, tmp_path):
    # write_json streams through json.dump; what lands on disk must be exactly the string the tests compare
    path = tmp_path / "analysis.json"
    write_json(seeds_analysis, path)
    assert path.read_text(encoding="utf-8") == analysis_to_json(seeds_analysis)
    assert to_dict(read_json(path)) == to_dict(seeds_analysis)
    assert not list(tmp_path.glob("*.tmp"))


def test_round_trip_through_dicts(seeds_analysis):
    back = from_dict(Analysis, json.loads(analysis_to_json(seeds_analysis)))
    assert to_dict(back) == to_dict(seeds_analysis)


def test_ids_are_file_stems(seeds_analysis):
    assert [a.id for a in seeds_analysis.articles] == [
        "000_a6ee0f53edc5ae34", "001_a938089f59f501ed", "002_4e1bae987dbdd307", "003_6a85c22d5a88b97a",
        "004_5c0aae8feac04f55"]
