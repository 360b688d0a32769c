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
    assert fts_query('Troops "landed" (NEAR) * in-Velsgrad', STOP) == '"troops" OR "landed" OR "near" OR "velsgrad"'
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


def _ecb_store(datasets_dir, tmp_path_factory, topics: tuple[str, ...]):
    """A store built from the ECB+ articles of `topics` (read at run time from ../shared)."""
    import json

    from newsprism.apps.outputs import write_outputs
    from newsprism.run.analyze import RunOptions, run

    out = tmp_path_factory.mktemp("ecb")
    records = out / "in.jsonl"
    with (datasets_dir / "ecbplus_facts" / "docs.jsonl").open(encoding="utf-8") as fh, records.open("w") as w:
        for line in fh:
            doc = json.loads(line)
            if doc["topic"] in topics or str(doc["topic"]) in topics:
                first, _, rest = doc["text"].partition("\n")
                rec = {"id": doc["id"], "text": rest if first.startswith("http") else doc["text"]}
                if first.startswith("http"):
                    rec["url"] = "".join(first.split())
                w.write(json.dumps(rec) + "\n")
    return write_outputs(run([str(records)], RunOptions(workers=1)), out, report=False)["db"]


@pytest.mark.slow
def test_real_news_contradictions_are_found(datasets_dir, tmp_path_factory):
    # Development topics of the ECB+ facts gold: a wrong number, degree, place, negation or outcome typed into
    # `check` comes back contradicted, with the contradicting evidence and its origins and never as evidence for.
    import json

    topics = ("14", "21", "26")
    db = _ecb_store(datasets_dir, tmp_path_factory, topics)
    items = []
    for t in topics:
        gold = json.loads((datasets_dir / "ecbplus_facts" / "gold" / f"topic_{t}.json").read_text())
        items += [(k["claim"], k["verdict"]) for e in gold["events"] for k in e.get("check", [])]
    contradicted = [c for c, v in items if v == "contradicted"]
    results = [check_claim(claim, db) for claim in contradicted]
    found = [r for r in results if r["status"] == "contradicted"]
    assert len(found) >= 0.9 * len(contradicted), f"{len(found)} of {len(contradicted)} contradicted claims found"
    for r in results:
        assert not any(ev.get("conflict") for ev in r["for"])
    for r in found:
        assert r["contradicting_origins"] and all(ev.get("origin") for ev in r["against"] if ev.get("clash"))
    # a claim nothing in the corpus speaks of stays without evidence
    for claim in (c for c, v in items if v == "no_evidence"):
        assert check_claim(claim, db)["status"] == "no_evidence", claim


def test_another_events_value_does_not_contradict():
    # Two fires in one topic: where a report of the claim's own story gives its value, another story's value
    # is the other fire's, not a contradiction; with no report backing the claim, the stories most like it count.
    from newsprism.apps.check import _scope_to_event
    from newsprism.corpus.facts.verify import Conflict

    clash = Conflict("quantity", "count:injure obj", "three people", "five people")
    evidence = [{"article": "a1", "score": 0.6, "agrees": ["count:injure obj"], "_clash": []},
                {"article": "b1", "score": 0.5, "agrees": [], "_clash": [clash]},
                {"article": "a2", "score": 0.4, "agrees": [], "_clash": [clash]}]
    _scope_to_event(evidence, {"a1": "S1", "a2": "S1", "b1": "S2"})
    assert [bool(ev["_clash"]) for ev in evidence] == [False, False, True]
    unbacked = [{"article": "b1", "score": 0.5, "agrees": [], "_clash": [clash]}]
    _scope_to_event(unbacked, {"b1": "S2"})
    assert unbacked[0]["_clash"] == [clash]


def test_sentences_that_do_not_state_the_claim_are_never_shown_as_evidence_for_it():
    """A sentence on the claim's subject that does not state it (no numbers of the claim, or below a strong
    match) is listed apart, so that "no evidence" never sits above a list headed "Evidence for"."""
    from newsprism.apps.web import check_view

    related = {"stance": "asserts", "article": "a1", "outlet": "Daily", "origin": "Daily", "text": "Three were rescued.",
               "strong": True, "covers": False}
    backing = {"stance": "asserts", "article": "a2", "outlet": "Herald", "origin": "Herald", "text": "Three died.",
               "strong": True, "covers": True}
    text = format_result({"claim": "Three died", "verdict": "supported by a single origin (Herald)",
                          "for": [related, backing], "against": []})
    rest = text.partition("Evidence for (1):")[2]
    assert "Three died." in rest.split("Related, not counted")[0]
    assert "Three were rescued." in rest.split("Related, not counted")[1]
    view = check_view({"verdict": "x", "for": [dict(related, counted=False), dict(backing, counted=True)],
                       "against": []})
    assert [e["article"] for e in view["for"]] == ["a2"] and [e["article"] for e in view["related"]] == ["a1"]


def test_a_doubt_from_another_event_does_not_contest_the_claim():
    from newsprism.apps.check import _verdict

    def ev(stance, strong, origin):
        return {"stance": stance, "strong": strong, "origin": origin, "article": origin, "agrees": [],
                "covers": True, "text": "", "score": 0.3}

    # a hedged sentence only sharing "year old" with the claim, judged not about its event (not strong)
    result = {"claim": "Ana Costa was 52 years old.", "for": [], "against": [ev("disputes", False, "Daily One")],
              "status": "no_evidence", "verdict": "no evidence in this corpus"}
    _verdict(result)
    assert result["status"] == "no_evidence"
    result["against"] = [ev("disputes", True, "Daily One")]
    _verdict(result)
    assert result["status"] == "contested"
