"""`newsprism check`: evidence for and against a claim from a store built from the seeds."""

from __future__ import annotations

import pytest

from newsprism.apps.check import check_claim, format_result
from newsprism.corpus.facts.stance_features import STOP
from newsprism.io.store import fts_query


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory, seeds_dir):
    from newsprism.apps.outputs import write_outputs
    from newsprism.run.analyze import RunOptions, run

    out = tmp_path_factory.mktemp("check")
    result = run([str(seeds_dir)], RunOptions(workers=1))
    if len(result.analysis.articles) < 5:
        pytest.skip("the seeds did not all pass the per-document stages")
    return write_outputs(result, out, report=False)["db"]


def test_fts_query_quotes_every_word():
    # check's query: the claim ranking's stop words left out
    assert fts_query('Troops "landed" (NEAR) * in-Caracas', STOP) == '"troops" OR "landed" OR "near" OR "caracas"'
    assert fts_query("the of and", STOP) == ""


def test_troops_claim_finds_both_reports(seeds_db):
    # Two outlets give the count with different words around it; each report is its own origin.
    r = check_claim("Nearly 100 Russian troops were on board the planes", seeds_db)
    arts = {ev["article"][:3] for ev in r["for"]}
    assert {"000", "001"} <= arts and not r["against"]
    assert r["status"] == "supported" and len(r["independent_origins"]) >= 2
    text = format_result(r)
    assert text.startswith("Claim: Nearly 100 Russian troops were on board the planes\nVerdict: supported by")
    assert "The Daily Wire" in text and "The Moscow Times" in text


def test_a_place_inside_another_does_not_contradict(seeds_db):
    # "landed in Caracas" and "landed in Venezuela": places nest, so the second is no evidence against the first
    r = check_claim("Two Russian planes landed in Caracas", seeds_db)
    assert r["status"] == "supported" and not r["against"]


def test_cuban_claim_finds_the_dispute(seeds_db):
    r = check_claim("Cuba sent 20,000 soldiers", seeds_db)
    against = [ev for ev in r["against"] if ev["article"].startswith("003")]
    assert against and against[0]["stance"] == "disputes" and "20,000" in against[0]["text"]
    assert r["status"] == "contested" and "Rodr" in r["verdict"]


def test_nonsense_claim_has_no_evidence(seeds_db):
    r = check_claim("purple elephants juggle quantum bananas", seeds_db)
    assert r["for"] == [] and r["against"] == [] and r["verdict"] == "no evidence in this corpus"


@pytest.mark.parametrize("claim", ['"unbalanced quote', "(Caracas AND)", "troops*", "NEAR(a b)", "-:^", "'';--"])
def test_query_syntax_never_crashes(seeds_db, claim):
    r = check_claim(claim, seeds_db)
    assert "verdict" in r and isinstance(format_result(r), str)


def test_missing_store_is_reported(tmp_path):
    r = check_claim("anything at all", tmp_path / "absent.db")
    assert "error" in r and "no evidence" in format_result(r)
