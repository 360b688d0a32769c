"""Hostile inputs at the reader: each costs only itself, as an article with safe metadata or a clear rejection."""

from __future__ import annotations

import codecs
import gzip
import io
import json
import os
import time

from newsprism.io.readers import MAX_REJECTED_PER_FILE, RawDoc, read_inputs, summarised_count
from newsprism.io.sniff import clean_meta
from newsprism.model import Rejected

BODY = "Port officials said on Saturday that around 40 crew were rescued near Kessel. " * 4


def _read(path) -> list[RawDoc | Rejected]:
    return list(read_inputs([str(path)]))


def test_metadata_is_sanitised_surrogates_controls_bidi(tmp_path):
    p = tmp_path / "m.jsonl"
    p.write_text('{"id": "a\\u0000\\u001b]0;x\\u0007", "title": "T \\ud800", "outlet": "O\\u202eut \\udfff", '
                 '"authors": ["\\ud800 Lee", "\\u2066"], "text": ' + json.dumps(BODY) + "}\n", encoding="utf-8")
    [doc] = _read(p)
    assert isinstance(doc, RawDoc)
    assert doc.id == "a]0;x" and doc.hints.title == "T \ufffd" and doc.hints.outlet == "Out \ufffd"
    assert doc.hints.authors == ["\ufffd Lee"]
    json.dumps(doc.hints.__dict__, ensure_ascii=False).encode("utf-8")  # writable as UTF-8
    assert clean_meta("a\tb\n\nc " + "x" * 2000, limit=10) == "a b c xxxx…"


def test_file_name_with_a_non_utf8_byte_is_read(tmp_path):
    name = os.fsdecode(b"bad\xffname.txt")
    (tmp_path / name).write_text("Title\n\n" + BODY, encoding="utf-8")
    [doc] = _read(tmp_path)
    assert isinstance(doc, RawDoc) and doc.id == "bad\ufffdname"
    doc.source.encode("utf-8")


def test_poison_lines_cost_only_themselves(tmp_path):
    p = tmp_path / "p.jsonl"
    p.write_text("\n".join([json.dumps({"id": "p1", "text": BODY}), "[" * 200_000 + "]" * 200_000,
                            '{"id": "p2", "n": ' + "9" * 5000 + ', "text": "x"}',
                            json.dumps({"id": "p3", "text": BODY})]) + "\n", encoding="utf-8")
    got = _read(p)
    assert [type(x).__name__ for x in got] == ["RawDoc", "Rejected", "Rejected", "RawDoc"]
    assert got[3].id == "p3"
    assert "recursion" in got[1].reason and "4300 digits" in got[2].reason


def test_rejections_per_file_are_capped_and_summarised(tmp_path):
    p = tmp_path / "amp.jsonl.gz"
    p.write_bytes(gzip.compress(b"{}\n" * 100_000))
    assert p.stat().st_size < 1000
    t0 = time.perf_counter()
    got = _read(p)
    assert time.perf_counter() - t0 < 10
    assert len(got) == MAX_REJECTED_PER_FILE + 1
    assert sum(summarised_count(r.reason) for r in got) == 100_000
    assert got[-1].reason.startswith(f"{100_000 - MAX_REJECTED_PER_FILE} more records rejected")


def test_work_budgets_reject_quickly_with_a_reason(tmp_path):
    (tmp_path / "wide.html").write_text("<html><body>" + "<p>word</p>" * 1_000_000 + "</body></html>")
    (tmp_path / "deep.html").write_text("<html><body>" + "<div>" * 100_000 + "<p>" + BODY + "</p>"
                                        + "</div>" * 100_000 + "</body></html>")
    (tmp_path / "deep2.html").write_text("<html><body>" + "<div>" * 2000 + "<p>" + BODY + "</p>"
                                         + "</div>" * 2000 + "</body></html>")
    (tmp_path / "long.txt").write_text("Long\n\n" + "Officials said the harbour reopened. " * 25_000)
    t0 = time.perf_counter()
    got = {os.path.basename(r.source): r.reason for r in _read(tmp_path)}
    assert time.perf_counter() - t0 < 30
    assert got["wide.html"].startswith("HTML page too complex: 1,000,002 elements")
    assert got["deep.html"].startswith("HTML page too complex")  # 200,002 elements: never parsed
    assert got["deep2.html"].startswith("HTML page nested too deep")
    assert got["long.txt"].startswith("text too long: 925,006 characters")


def test_warc_records_that_lie_about_their_length(tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=False)
    page = ("<html><body><p>" + BODY + "</p></body></html>").encode()
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    w.write_record(w.create_warc_record("https://x.example/a", "response", payload=io.BytesIO(page),
                                        http_headers=headers))
    data = buf.getvalue()
    (tmp_path / "cut.warc").write_bytes(data[: len(data) - 100])
    length = len(data.split(b"\r\n\r\n", 1)[1]) - 4
    (tmp_path / "huge.warc").write_bytes(data.replace(b"Content-Length: %d" % length,
                                                      b"Content-Length: 10000000000", 1))
    [cut] = _read(tmp_path / "cut.warc")
    [huge] = _read(tmp_path / "huge.warc")
    assert isinstance(cut, Rejected) and cut.reason.startswith("WARC record truncated")
    assert isinstance(huge, Rejected) and huge.reason.startswith("WARC record declares 9536.7 MB")


def test_utf16_bom_before_utf8_bytes_is_read_as_utf8(tmp_path):
    p = tmp_path / "b.txt"
    p.write_bytes(codecs.BOM_UTF16_LE + ("Título\n\nDéclaration à Genève. " * 5).encode("utf-8"))
    [doc] = _read(p)
    assert isinstance(doc, RawDoc) and doc.text.startswith("Título\n\nDéclaration à Genève.")
    real = tmp_path / "r.txt"
    real.write_bytes(("Título\n\n" + BODY).encode("utf-16"))  # real UTF-16 stays UTF-16
    [doc16] = _read(real)
    assert isinstance(doc16, RawDoc) and doc16.text.startswith("Título")


def test_symlinks_out_of_the_input_folder_are_rejected_unless_asked(tmp_path):
    inside = tmp_path / "in"
    inside.mkdir()
    (tmp_path / "secret.txt").write_text("Secret\n\n" + BODY)
    (inside / "a.txt").write_text("A\n\n" + BODY)
    (inside / "link.txt").symlink_to(tmp_path / "secret.txt")
    (inside / "ok.txt").symlink_to(inside / "a.txt")
    got = {os.path.basename(x.source): x for x in read_inputs([str(inside)])}
    assert isinstance(got["link.txt"], Rejected) and "outside the input folder" in got["link.txt"].reason
    assert isinstance(got["ok.txt"], RawDoc)
    followed = {os.path.basename(x.source): x for x in read_inputs([str(inside)], follow_symlinks=True)}
    assert isinstance(followed["link.txt"], RawDoc)
