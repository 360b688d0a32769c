"""End to end on a hostile corpus: nothing crashes and every input is accounted for; read_inputs never raises."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzzcorpus import build_fuzz_corpus
from newsprism.io.readers import RawDoc, read_inputs, summarised_count
from newsprism.model import Rejected


@pytest.mark.slow
def test_fuzz_corpus_every_input_accounted_for(tmp_path):
    corpus = tmp_path / "corpus"
    n = build_fuzz_corpus(corpus, seed=20190325)
    from newsprism.apps.outputs import write_outputs
    from newsprism.run.analyze import RunOptions, run

    result = run([str(corpus)], RunOptions(workers=1), on_warning=lambda msg: None)
    a = result.analysis
    # A per-file summary rejection stands for the records it counts.
    assert len(a.articles) + sum(summarised_count(r.reason) for r in a.rejected) == n
    assert len({x.id for x in a.articles}) == len(a.articles)
    reasons = {r.source.removeprefix(str(corpus) + "/"): r.reason for r in a.rejected}
    assert reasons["escape.txt"].startswith("symbolic link to outside the input folder")
    assert reasons["budget/wide.html"].startswith("HTML page too complex: 30,002 elements")
    assert reasons["budget/deep.html"].startswith("HTML page nested too deep")
    assert reasons["budget/long.txt"].startswith("text too long")
    assert reasons["crawl/cut.warc#1"].startswith("WARC record truncated")
    assert reasons["crawl/huge.warc#1"].startswith("WARC record declares")
    assert reasons["poison/lines.jsonl#2"].startswith("line 2 is not valid JSON (maximum recursion")
    assert reasons["poison/lines.jsonl#3"].startswith("line 3 is not valid JSON (Exceeds the limit")
    assert reasons["poison/empty.jsonl.gz"].startswith("4900 more records rejected")
    assert reasons["meta/markup.jsonl#2"].startswith("duplicate id '[/]'")
    ids = {x.id: x for x in a.articles}
    assert {"p1", "p3", "s1", "[/]", "c]0;owned"} <= set(ids)  # records after a poison line are still read
    assert ids["s1"].title == "T \ufffd" and ids["c]0;owned"].title == "Title[2J"
    assert not any(ch in f"{x.id}{x.title}{x.outlet}{x.source}{x.authors}" for x in a.articles
                   for ch in "\x00\x1b\u202e\u2066\ud800")
    assert reasons["size/huge.txt"] == "file too large: 50.0 MB (limit 20.0 MB for one document)"
    assert reasons["size/zero.txt"] == "empty file (0 bytes)"
    assert reasons["pipe"] == "not a regular file (a named pipe)"
    assert reasons[".DS_Store"] == "hidden file skipped"
    assert reasons["records/batch.jsonl#2"].startswith("duplicate id 'j1'")
    assert any(k.startswith("dup/same.") and v.startswith("duplicate id 'same'") for k, v in reasons.items())
    assert all(r.reason and "\n" not in r.reason for r in a.rejected)

    out = write_outputs(result, tmp_path / "out")
    json.loads(out["json"].read_text(encoding="utf-8"))
    html = out["report"].read_text(encoding="utf-8")
    assert "<script>alert(\"pwned\")" not in html and "<script>alert('pwned')" not in html


def test_fuzz_corpus_is_deterministic(tmp_path):
    assert build_fuzz_corpus(tmp_path / "a", 7) == build_fuzz_corpus(tmp_path / "b", 7)
    ra = [(type(i).__name__, i.source.split("/a/", 1)[1], getattr(i, "text", "")) for i in read_inputs([str(tmp_path / "a")])]
    rb = [(type(i).__name__, i.source.split("/b/", 1)[1], getattr(i, "text", "")) for i in read_inputs([str(tmp_path / "b")])]
    assert ra == rb


SUFFIXES = ["", ".txt", ".html", ".jsonl", ".xml", ".rss", ".warc", ".json", ".gz", ".txt.gz"]
PREFIXES = [b"", b"\x1f\x8b", b"WARC/1.0\r\n", b"{", b"[", b"<", b"<?xml version='1.0'?><rss>", b"<html>",
            b"\xef\xbb\xbf", b"\xff\xfe", b'{"id": 1, "html": "', b"<feed xmlns='http://www.w3.org/2005/Atom'><entry>"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(prefix=st.sampled_from(PREFIXES), body=st.binary(max_size=600), suffix=st.sampled_from(SUFFIXES))
def test_read_inputs_never_raises_on_arbitrary_bytes(tmp_path, prefix, body, suffix):
    p = tmp_path / f"f{suffix}"
    p.write_bytes(prefix + body)
    items = list(read_inputs([str(p)]))
    assert items
    for it in items:
        assert isinstance(it, (RawDoc, Rejected))
        if isinstance(it, Rejected):
            assert it.reason and "\n" not in it.reason and it.source.startswith(str(p))
        else:
            assert it.text.strip() and it.id and it.content_hash


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=400), enc=st.sampled_from(["utf-8", "utf-16", "utf-8-sig", "cp1252", "latin-1"]))
def test_text_round_trips_or_is_rejected(tmp_path, text, enc):
    try:
        data = text.encode(enc)
    except UnicodeEncodeError:
        return
    p = tmp_path / "t.txt"
    p.write_bytes(data)
    items = list(read_inputs([str(p)]))
    assert len(items) == 1
    it = items[0]
    if isinstance(it, RawDoc) and enc.startswith("utf") and it.fmt == "text":
        # UTF input is never re-guessed: what comes out is the input, newlines and controls normalised.
        from newsprism.io.sniff import clean_text

        assert it.text == clean_text(text.lstrip("\ufeff"))
