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


def _set(data: dict, path: tuple, value: object) -> dict:
    """A deep copy of `data` with the value at `path` (keys and list indexes) replaced."""
    out = json.loads(json.dumps(data))
    node = out
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return out


@pytest.mark.parametrize("path,value", [
    (("articles", 0, "summary"), "a key the contract does not have"),
    (("articles", 0, "published", "inferred"), None),
    (("articles", 0, "quotes", 0, "speaker_start"), "12"),
    (("facts", 0, "status"), "rumoured"),
    (("facts", 0, "mentions", 0, "stance"), "agrees"),
    (("framing", "outlets", 0, "omissions", 0, "extra"), 1),
    (("framing", "outlets", 0, "sources_cited", "rumour"), 1),
], ids=lambda x: "/".join(map(str, x)) if isinstance(x, tuple) else None)
def test_schema_rejects_what_the_contract_does_not_have(path, value, schema, examples_analysis):
    # The schema is closed: an unknown key, a null where the model never writes one, or a value outside the
    # model's lists is an error, not silently accepted.
    data = json.loads(analysis_to_json(examples_analysis))
    jsonschema.validate(data, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(_set(data, path, value), schema)


@pytest.mark.parametrize("which", ["seeds_analysis", "examples_analysis"])
def test_speaker_cue_label_and_sentence_spans(which, request):
    """The spans check_spans does not cover: a quote's speaker and cue words, the outlet's actor labels, and
    the sentences."""
    analysis = request.getfixturevalue(which)
    cues = speakers = 0
    for a in analysis.articles:
        body = a.body
        for q in a.quotes:
            assert (q.cue_start is None) == (q.cue_end is None) and (q.speaker_start is None) == (q.speaker_end is None)
            if q.cue_start is not None:
                assert body[q.cue_start:q.cue_end] == q.cue, (a.id, q)
                cues += 1
            else:
                assert q.cue is None, (a.id, q)
            if q.speaker_start is not None:
                # the words standing for the speaker here ("Pompeo", "he"); `speaker` is the resolved name
                words = body[q.speaker_start:q.speaker_end]
                assert words and words == words.strip() and q.speaker is not None, (a.id, q)
                speakers += 1
        for lab in a.actor_labels:
            assert body[lab.start:lab.end] == lab.text, (a.id, lab)
        assert a.sentences or not body.strip(), a.id
        ends = [(s.start, s.end) for s in a.sentences]
        assert all(0 <= s < e <= len(body) for s, e in ends), a.id
        assert all(e0 <= s1 for (_, e0), (s1, _) in zip(ends, ends[1:], strict=False)), a.id
    assert cues and speakers


@pytest.mark.parametrize("which", ["seeds_analysis", "examples_analysis"])
def test_published_is_a_date_a_range_or_nothing(which, request):
    analysis = request.getfixturevalue(which)
    for a in analysis.articles:
        p = a.published
        if p.date is not None:
            assert p.earliest == p.latest == p.date, (a.id, p)
        if p.earliest and p.latest:
            assert p.earliest <= p.latest, (a.id, p)
        if not p.inferred:  # explicit: one day with where it was read, or nothing at all
            assert (p.date is None) == (p.earliest is None) == (p.latest is None) == (p.evidence is None), (a.id, p)
        else:
            assert p.evidence and (p.earliest or p.latest), (a.id, p)


@pytest.mark.parametrize("which", ["seeds_analysis", "examples_analysis"])
def test_corpus_spans_point_into_their_articles(which, request):
    analysis = request.getfixturevalue(which)
    body = {a.id: a.body for a in analysis.articles}
    for d in analysis.duplicates:
        for p in d.passages:
            assert p["article"] in d.articles and 0 <= p["start"] < p["end"] <= len(body[p["article"]])
    labels = 0
    for o in analysis.framing.outlets:
        for lab in o.actor_labels:
            assert lab.count == len(lab.spans)
            for s in lab.spans:
                # one row gathers an outlet's uses of a label whatever their letter case
                assert body[s["article"]][s["start"]:s["end"]].lower() == lab.label.lower(), (o.outlet, lab)
                labels += 1
    assert labels


@pytest.mark.parametrize("which", ["seeds_analysis", "examples_analysis"])
def test_ids_refer_to_records_that_exist(which, request):
    analysis = request.getfixturevalue(which)
    articles = {a.id for a in analysis.articles}
    entities = {e.id for e in analysis.entities}
    stories = {s.id for s in analysis.stories}
    facts = {f.id for f in analysis.facts}
    assert len(articles) == len(analysis.articles) and len(facts) == len(analysis.facts)
    for a in analysis.articles:
        own = {e.id for e in a.entities}
        assert own <= entities, a.id
        assert {q.speaker_entity for q in a.quotes} - {None} <= own, a.id
        assert {lab.entity for lab in a.actor_labels} <= own, a.id
    for e in analysis.entities:
        assert set(e.articles) <= articles
    for d in analysis.duplicates:
        assert set(d.articles) <= articles and (d.original is None or d.original in d.articles)
    assert sorted(x for s in analysis.stories for x in s.articles) == sorted(articles)  # each article in one story
    for f in analysis.facts:
        assert f.story is None or f.story in stories
        assert {m.article for m in f.mentions} <= articles
        # origins names each independent origin; a claim nobody supports names its claimants and counts 0
        assert f.independent_sources in (0, len(f.origins)), f
    for t in analysis.timeline:
        assert set(t.articles) <= articles and (t.fact is None or t.fact in facts)
    for o in analysis.framing.outlets:
        assert {lab.entity for lab in o.actor_labels} <= entities
        for om in o.omissions:
            assert om["story"] in stories and (om["fact"] is None or om["fact"] in facts)
