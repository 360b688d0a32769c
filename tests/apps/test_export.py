"""`newsprism export`: each format read back by the consumer a user would open it with."""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner

from newsprism.apps.cli import main
from newsprism.apps.export import CSV_COLUMNS, GEXF_NS, RATING_WORDS
from newsprism.io.store import write_store
from newsprism.model import outlet_label


@pytest.fixture(scope="module")
def store(tmp_path_factory, examples_analysis):
    path = tmp_path_factory.mktemp("export") / "newsprism.db"
    write_store(examples_analysis, path)
    return path


def _export(store, fmt, out, *extra):
    res = CliRunner().invoke(main, ["export", fmt, "--db", str(store), "-o", str(out), *extra])
    assert res.exit_code == 0, res.output
    return out


def test_csv_has_one_row_per_fact_grouped_by_story(store, tmp_path, examples_analysis):
    with _export(store, "csv", tmp_path / "facts.csv").open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert {r["fact"] for r in rows} == {f.id for f in examples_analysis.facts}
    facts = {f.id: f for f in examples_analysis.facts}
    for r in rows:
        f = facts[r["fact"]]
        assert (r["status"], r["statement"], int(r["independent_origins"])) == \
            (f.status, f.statement, f.independent_sources)
    # the largest story's facts come first, contiguous, and start with its disagreements
    largest = max(examples_analysis.stories, key=lambda s: len(s.articles))
    stories = [r["story"] for r in rows]
    assert stories[0] == largest.id
    n = stories.count(largest.id)
    assert set(stories[:n]) == {largest.id}
    first = rows[0]["status"]
    if any(f.status in ("contested", "denied") for f in facts.values() if f.story == largest.id):
        assert first in ("contested", "denied")


def test_jsonl_is_the_whole_analysis(store, tmp_path, examples_analysis):
    lines = _export(store, "jsonl", tmp_path / "all.jsonl").read_text(encoding="utf-8").splitlines()
    recs = [json.loads(x) for x in lines]
    kinds = {}
    for r in recs:
        kinds.setdefault(r["record"], []).append(r["data"])
    assert kinds["meta"] == [{"schema": "newsprism/1"}]
    assert [a["id"] for a in kinds["article"]] == [a.id for a in examples_analysis.articles]
    assert len(kinds["fact"]) == len(examples_analysis.facts)
    assert len(kinds["story"]) == len(examples_analysis.stories)
    # an article record keeps its spans: the offsets still point into its body
    a = kinds["article"][0]
    for q in a["quotes"]:
        assert a["body"][q["start"]:q["end"]] == q["text"]


def test_claimreview_is_json_ld_with_rating_and_evidence(store, tmp_path, examples_analysis):
    fact = next(f for f in examples_analysis.facts if f.status == "corroborated")
    out = _export(store, "claimreview", tmp_path / "review.jsonld", "--claim", fact.statement,
                  "--claim", "Zebras voted in the lunar parliament")
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["@context"] == "https://schema.org"
    reviews = doc["@graph"]
    assert [r["claimReviewed"] for r in reviews] == [fact.statement, "Zebras voted in the lunar parliament"]
    ids = {a.id for a in examples_analysis.articles}
    urls = {a.id: a.url for a in examples_analysis.articles}
    for r in reviews:
        assert r["@type"] == "ClaimReview"
        assert r["reviewRating"]["@type"] == "Rating"
        assert r["reviewRating"]["alternateName"] in RATING_WORDS.values()
        assert r["itemReviewed"]["@type"] == "Claim"
        for c in r["citation"]:
            assert c["identifier"] in ids
            assert c["description"] in ("supports the claim", "contradicts the claim", "denies the claim")
            assert c.get("url") == urls[c["identifier"]] or (c.get("url") is None and not urls[c["identifier"]])
    assert reviews[0]["citation"], "a corroborated fact of the corpus has evidence"
    assert reviews[1]["reviewRating"]["alternateName"] == RATING_WORDS["no_evidence"]


def test_claimreview_needs_a_claim(store, tmp_path):
    res = CliRunner().invoke(main, ["export", "claimreview", "--db", str(store), "-o", str(tmp_path / "x")])
    assert res.exit_code == 2


def _gexf_graph(path):
    """(nodes: label -> kind, edges: (source label, target label) -> weight), read with networkx when it is
    installed, else with a strict walk of the GEXF 1.2 structure."""
    try:
        import networkx as nx
    except ImportError:
        nx = None
    if nx is not None:
        g = nx.read_gexf(path)
        label = {n: d["label"] for n, d in g.nodes(data=True)}
        return ({label[n]: d["kind"] for n, d in g.nodes(data=True)},
                {(label[u], label[v]): d["weight"] for u, v, d in g.edges(data=True)})
    ns = {"g": GEXF_NS}
    root = ET.parse(path).getroot()
    assert root.tag == f"{{{GEXF_NS}}}gexf" and root.get("version") == "1.2"
    graph = root.find("g:graph", ns)
    assert graph is not None and graph.get("defaultedgetype") == "directed"
    declared = {a.get("id") for a in graph.findall("g:attributes/g:attribute", ns)}
    label, nodes = {}, {}
    for n in graph.findall("g:nodes/g:node", ns):
        assert n.get("id") not in label, "node ids are unique"
        label[n.get("id")] = n.get("label")
        vals = {v.get("for"): v.get("value") for v in n.findall("g:attvalues/g:attvalue", ns)}
        assert set(vals) <= declared
        nodes[n.get("label")] = vals["kind"]
    edges = {}
    for e in graph.findall("g:edges/g:edge", ns):
        assert e.get("source") in label and e.get("target") in label
        edges[(label[e.get("source")], label[e.get("target")])] = float(e.get("weight"))
    return nodes, edges


def test_gexf_is_the_outlet_source_network(store, tmp_path, examples_analysis):
    nodes, edges = _gexf_graph(_export(store, "gexf", tmp_path / "net.gexf"))
    outlets = {outlet_label(a.id, a.outlet) for a in examples_analysis.articles}
    assert outlets <= set(nodes)
    assert all(nodes[o] in ("outlet", "unknown_outlet") for o in outlets)
    assert any(k == "unknown_outlet" for k in nodes.values()), "the examples hold articles of unknown outlet"
    assert edges and all(src in outlets and w >= 1 for (src, _), w in edges.items())
    # every edge is counted from the facts: an outlet's mentions resting on another origin
    outlet_of = {a.id: outlet_label(a.id, a.outlet) for a in examples_analysis.articles}
    expect: dict = {}
    for f in examples_analysis.facts:
        for m in f.mentions:
            src = outlet_of[m.article]
            if m.origin and m.origin != src:
                expect[(src, m.origin)] = expect.get((src, m.origin), 0) + 1
    assert {k: float(v) for k, v in expect.items()} == edges
