"""Input readers: every format on synthetic inputs, the seeds, encodings, and every bad-input case with its reason."""

from __future__ import annotations

import gzip
import io
import json
import os
import socket
import sys

import pytest

from newsprism.io.html import extract_html, html_fragment_to_text
from newsprism.io.readers import MAX_DOC_BYTES, RawDoc, read_inputs
from newsprism.model import Rejected

BODY = ("Three relief convoys reached Velsgrad on Saturday carrying about two hundred tents, officials said.\n\n"
        "\"We are here to help,\" the envoy told reporters at the depot on Sunday.\n\n"
        "The foreign ministry in Ostria declined to comment on the number of volunteers sent.")

PAGE = f"""<!DOCTYPE html><html><head><title>Convoys reach Velsgrad | Example Times</title>
<meta property="og:title" content="Convoys reach Velsgrad">
<meta property="og:site_name" content="Example Times">
<meta name="author" content="Ana Ruiz">
<meta property="article:published_time" content="2021-06-12T10:00:00Z">
<link rel="canonical" href="https://times.example/world/convoys"></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Convoys reach Velsgrad</h1>
{''.join(f'<p>{p}</p>' for p in BODY.split(chr(10) * 2))}
<script>document.write("tracking pixel")</script></article>
<footer>Copyright 2021 Example Times. All rights reserved.</footer></body></html>"""

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Example Wire</title><link>https://wire.example</link>
<item><title>First item</title><link>https://wire.example/1</link><guid>wire-1</guid>
<pubDate>Mon, 14 Jun 2021 10:00:00 GMT</pubDate><author>desk@wire.example (Lee Park)</author>
<description><![CDATA[<p>The first paragraph of item one.</p><p>Second <b>bold</b> paragraph.</p>]]></description></item>
<item><title>Broken item without any text</title><link>https://wire.example/2</link></item>
<item><title>Third</title><guid>wire-3</guid><description>Plain third item text.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Daily</title>
<entry><id>urn:atom:1</id><title>Atom one</title><updated>2021-06-15T08:00:00Z</updated>
<author><name>Kim Lo</name></author>
<content type="html">&lt;p&gt;Atom body text here.&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;</content></entry>
</feed>"""


def read(*paths) -> list[RawDoc | Rejected]:
    return list(read_inputs([str(p) for p in paths]))


def one(path) -> RawDoc | Rejected:
    items = read(path)
    assert len(items) == 1, items
    return items[0]


def rejected(path) -> str:
    item = one(path)
    assert isinstance(item, Rejected), item
    assert item.source == str(path)
    assert "\n" not in item.reason and item.reason
    return item.reason


# --- the seeds ---------------------------------------------------------------------------------------------------

def test_seeds_are_read_as_plain_text_with_stem_ids(seeds_dir):
    docs = read(seeds_dir)
    assert all(isinstance(d, RawDoc) for d in docs)
    ids = [d.id for d in docs]
    assert ids == sorted(ids) and "000_a6ee0f53edc5ae34" in ids
    first = docs[0]
    assert first.fmt == "text" and first.has_header
    assert first.source == str(seeds_dir / "000_a6ee0f53edc5ae34.txt")
    raw = (seeds_dir / "000_a6ee0f53edc5ae34.txt").read_bytes()
    assert first.text == raw.decode("utf-8").replace("\r\n", "\n")
    import hashlib

    assert first.content_hash == hashlib.sha1(raw).hexdigest()


def test_seed_reading_imports_no_heavy_parser(seeds_dir):
    import subprocess

    code = ("import sys; from newsprism.io.readers import read_inputs; list(read_inputs([sys.argv[1]])); "
            "print(sorted(m for m in ('trafilatura', 'feedparser', 'warcio') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code, str(seeds_dir)], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# --- formats -----------------------------------------------------------------------------------------------------

def test_html_main_text_and_metadata(tmp_path):
    p = tmp_path / "page.html"
    p.write_text(PAGE, encoding="utf-8")
    d = one(p)
    assert isinstance(d, RawDoc) and d.fmt == "html" and not d.has_header and d.id == "page"
    assert d.text.split("\n\n") == BODY.split("\n\n")
    assert "tracking pixel" not in d.text and "Copyright" not in d.text and "Home" not in d.text
    assert d.hints.title == "Convoys reach Velsgrad"
    assert d.hints.outlet == "Example Times"
    assert d.hints.authors == ["Ana Ruiz"]
    assert d.hints.published == "2021-06-12"
    assert d.hints.url == "https://times.example/world/convoys"


def test_html_detected_from_content_not_extension(tmp_path):
    p = tmp_path / "saved.txt"
    p.write_text(PAGE, encoding="utf-8")
    assert one(p).fmt == "html"


def test_short_html_page_falls_back_to_plain_paragraphs(tmp_path):
    p = tmp_path / "brief.html"
    p.write_text("<html><body><p>Flash: the envoy resigned.</p></body></html>", encoding="utf-8")
    d = one(p)
    assert isinstance(d, RawDoc) and d.text == "Flash: the envoy resigned."


def test_truncated_html_still_read_when_text_survives(tmp_path):
    p = tmp_path / "cut.html"
    p.write_text(PAGE[: PAGE.index("The foreign ministry") + 20], encoding="utf-8")
    d = one(p)
    assert isinstance(d, RawDoc) and "Three relief convoys reached" in d.text


def test_truncated_html_without_text_is_rejected(tmp_path):
    p = tmp_path / "cut.html"
    p.write_text("<!DOCTYPE html><html><head><title>Loading", encoding="utf-8")
    assert "HTML page without article text" in rejected(p)


def test_jsonl_records_fields_and_ids(tmp_path):
    p = tmp_path / "batch.jsonl"
    recs = [
        {"id": "a1", "text": BODY, "title": "T1", "outlet": "Wire", "authors": ["A B", "C D"],
         "published": "2021-06-14", "url": "https://x.example/1"},
        {"text": "No id here.", "authors": "Ann Lee; Bo Kim"},
        {"id": 7, "html": PAGE},
    ]
    p.write_text("\n".join(json.dumps(r) for r in recs) + "\n", encoding="utf-8")
    docs = read(p)
    assert [d.id for d in docs] == ["a1", "batch-2", "7"]
    assert [d.source for d in docs] == [f"{p}#1", f"{p}#2", f"{p}#3"]
    a, b, c = docs
    assert a.fmt == "jsonl" and not a.has_header and a.text == BODY
    assert (a.hints.title, a.hints.outlet, a.hints.authors, a.hints.published, a.hints.url) == (
        "T1", "Wire", ["A B", "C D"], "2021-06-14", "https://x.example/1")
    assert b.hints.authors == ["Ann Lee", "Bo Kim"]
    assert c.fmt == "jsonl" and c.text.startswith("Three relief convoys") and c.hints.outlet == "Example Times"
    assert len({a.content_hash, b.content_hash, c.content_hash}) == 3


def test_jsonl_bad_lines_rejected_one_by_one(tmp_path):
    p = tmp_path / "mixed.jsonl"
    p.write_text('{"id": "ok", "text": "fine"}\n{not json\n\n[1, 2]\n{"id": "x", "text": "  "}\n'
                 '{"id": "ok2", "text": "fine too"}\n', encoding="utf-8")
    items = read(p)
    got = [(type(i).__name__, i.source.rsplit("#", 1)[1]) for i in items]
    assert got == [("RawDoc", "1"), ("Rejected", "2"), ("Rejected", "4"), ("Rejected", "5"), ("RawDoc", "6")]
    assert "not valid JSON" in items[1].reason
    assert "not an article object" in items[2].reason
    assert "without text" in items[3].reason


def test_jsonl_duplicate_ids_are_both_yielded_and_analyze_rejects_the_second(tmp_path):
    p = tmp_path / "dup.jsonl"
    p.write_text('{"id": "same", "text": "First version of the story."}\n'
                 '{"id": "same", "text": "Second version of the story."}\n', encoding="utf-8")
    docs = read(p)
    assert [type(d).__name__ for d in docs] == ["RawDoc", "RawDoc"] and {d.id for d in docs} == {"same"}
    from newsprism.run import analyze
    from newsprism.run.executors.local import LocalExecutor

    warned: list[str] = []
    arts, rej = analyze.read_and_prepare([str(p)], LocalExecutor(1), warned.append)
    assert len(arts) == 1 and len(rej) == 1 and "duplicate id 'same'" in rej[0].reason
    assert warned == [f"rejected {rej[0].source}: {rej[0].reason}"]


def test_text_starting_with_a_brace_is_text_not_jsonl(tmp_path):
    p = tmp_path / "note.txt"
    p.write_text("{Editor's note: updated}\nTitle\n\nBody line one.\nBody line two.\n", encoding="utf-8")
    d = one(p)
    assert isinstance(d, RawDoc) and d.fmt == "text" and d.text.startswith("{Editor's note")


def test_pretty_printed_json_object_and_list(tmp_path):
    p = tmp_path / "one.json"
    p.write_text(json.dumps({"title": "Solo", "text": "Solo body."}, indent=2), encoding="utf-8")
    d = one(p)
    assert isinstance(d, RawDoc) and d.id == "one" and d.text == "Solo body." and d.hints.title == "Solo"
    q = tmp_path / "many.json"
    q.write_text(json.dumps([{"text": "A."}, {"text": "B."}], indent=1), encoding="utf-8")
    assert [d.id for d in read(q)] == ["many-1", "many-2"]


def test_rss_items_broken_entry_rejected(tmp_path):
    p = tmp_path / "wire.xml"
    p.write_text(RSS, encoding="utf-8")
    items = read(p)
    assert [type(i).__name__ for i in items] == ["RawDoc", "Rejected", "RawDoc"]
    first, broken, third = items
    assert first.fmt == "rss" and first.source == f"{p}#1" and first.id.startswith("wire-")
    assert first.text == "The first paragraph of item one.\n\nSecond bold paragraph."
    assert first.hints.title == "First item" and first.hints.outlet == "Example Wire"
    assert first.hints.published == "2021-06-14T10:00:00Z" and first.hints.url == "https://wire.example/1"
    assert broken.source == f"{p}#2" and "without text" in broken.reason
    assert third.text == "Plain third item text." and third.id != first.id
    # Ids come from the guid, so they survive a new item being prepended to the feed.
    again = read(p)
    assert [i.id for i in again if isinstance(i, RawDoc)] == [first.id, third.id]


def test_atom_entry_script_removed(tmp_path):
    p = tmp_path / "atom.feed"
    p.write_text(ATOM, encoding="utf-8")
    d = one(p)
    assert isinstance(d, RawDoc) and d.text == "Atom body text here."
    assert d.hints.authors == ["Kim Lo"] and d.hints.outlet == "Atom Daily"


def test_feed_without_items_rejected(tmp_path):
    p = tmp_path / "empty.rss"
    p.write_text('<?xml version="1.0"?><rss><channel><title>x</title>', encoding="utf-8")
    assert "feed without readable items" in rejected(p)


def _warc(path, pages: list[tuple[str, bytes, str]], gz: bool) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=gz)
        for uri, body, ctype in pages:
            status = "404 Not Found" if uri.endswith("missing") else "200 OK"
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers))


@pytest.mark.parametrize("gz", [False, True])
def test_warc_html_records(tmp_path, gz):
    p = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    _warc(p, [("https://times.example/world/convoys", PAGE.encode("utf-8"), "text/html; charset=utf-8"),
              ("https://times.example/logo.png", b"\x89PNG....", "image/png"),
              ("https://times.example/missing", b"<html>gone</html>", "text/html"),
              ("https://times.example/empty", b"<html><head></head><body></body></html>", "text/html")], gz)
    items = read(p)
    assert [type(i).__name__ for i in items] == ["RawDoc", "Rejected"]
    d = items[0]
    assert d.fmt == "warc" and d.text.split("\n\n") == BODY.split("\n\n") and d.id.startswith("crawl-")
    assert d.hints.url == "https://times.example/world/convoys" and d.source == f"{p}#1"
    assert "https://times.example/empty" in items[1].reason


def test_truncated_warc_keeps_earlier_records(tmp_path):
    p = tmp_path / "cut.warc"
    _warc(p, [("https://a.example/1", PAGE.encode(), "text/html"), ("https://a.example/2", PAGE.encode(), "text/html")],
          False)
    data = p.read_bytes()
    p.write_bytes(data[: len(data) - 600])
    items = read(p)
    assert isinstance(items[0], RawDoc)
    assert all(isinstance(i, Rejected) for i in items[1:]) and items[1:]


@pytest.mark.parametrize("name,payload", [
    ("a.txt.gz", BODY.encode()), ("a.html.gz", PAGE.encode()),
    ("a.jsonl.gz", b'{"id": "g1", "text": "gz line"}\n'), ("a.rss.gz", RSS.encode()),
])
def test_gzip_of_each_format(tmp_path, name, payload):
    p = tmp_path / name
    p.write_bytes(gzip.compress(payload))
    docs = [d for d in read(p) if isinstance(d, RawDoc)]
    assert docs
    assert docs[0].fmt == {"txt": "text", "html": "html", "jsonl": "jsonl", "rss": "rss"}[name.split(".")[1]]
    if name.startswith("a.txt"):
        assert docs[0].id == "a" and docs[0].text == BODY


# --- encodings ---------------------------------------------------------------------------------------------------

ACCENTS = ("Le président a déclaré que la décision était « irréversible ». Ça coûte très cher, a-t-il ajouté "
           "à Genève.\n\nLes élèves ont été évacués vers l'hôpital.")


@pytest.mark.parametrize("enc,expect", [("utf-8-sig", None), ("cp1252", "cp1252"), ("latin-1", "cp1252"),
                                        ("utf-16", "utf-16")])
def test_encodings(tmp_path, enc, expect):
    p = tmp_path / "fr.txt"
    p.write_bytes(ACCENTS.encode(enc))
    d = one(p)
    assert isinstance(d, RawDoc) and d.text == ACCENTS and d.encoding == expect


def test_html_declared_charset_is_used(tmp_path):
    p = tmp_path / "w.html"
    html = PAGE.replace("<head>", '<head><meta charset="windows-1252">').replace("envoy", "envoyé")
    p.write_bytes(html.encode("cp1252"))
    d = one(p)
    assert isinstance(d, RawDoc) and "the envoyé told" in d.text


def test_mostly_utf8_with_stray_cp1252_bytes_is_repaired(tmp_path):
    p = tmp_path / "mixed.txt"
    p.write_bytes("Début: é à ç. ".encode() * 3 + "fin: é à ç.".encode("cp1252"))
    d = one(p)
    assert isinstance(d, RawDoc) and d.text.endswith("fin: é à ç.") and d.encoding == "utf-8+cp1252"


def test_koi8_and_shift_jis_detected_or_rejected_never_garbled(tmp_path):
    ru = " ".join(["министр заявил журналистам что войска прибыли в каракас вчера вечером"] * 20)
    (tmp_path / "ru.txt").write_bytes(ru.encode("koi8_r"))
    d = one(tmp_path / "ru.txt")
    assert isinstance(d, Rejected) or d.text == ru


def test_page_declaring_latin1_is_read_as_cp1252(tmp_path):
    p = tmp_path / "l1.html"
    html = PAGE.replace("<head>", '<head><meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">')
    p.write_bytes(html.replace('"We are here', "\u201cWe are here").encode("cp1252"))
    d = one(p)
    assert isinstance(d, RawDoc) and "\u201cWe are here" in d.text and d.encoding == "cp1252"


def test_stray_nul_bytes_in_a_page_are_dropped(tmp_path):
    p = tmp_path / "nul.html"
    padded = PAGE.replace("</body>", "<!--" + "cms debris " * 400 + "--></body>")  # 2 NULs in ~5 kB
    p.write_bytes(padded.encode().replace(b"</nav>", b"</nav>\x00\x00"))
    d = one(p)
    assert isinstance(d, RawDoc) and d.text.split("\n\n") == BODY.split("\n\n")


def test_undecodable_bytes_rejected(tmp_path):
    import random

    rng = random.Random(3)
    p = tmp_path / "noise.txt"
    p.write_bytes(bytes(rng.randrange(128, 256) for _ in range(4000)))
    assert "no charset could be detected" in rejected(p) or "not confident" in rejected(p)


# --- bad inputs --------------------------------------------------------------------------------------------------

def test_empty_and_whitespace_files(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b" \n\t\r\n   ")
    assert rejected(tmp_path / "empty.txt") == "empty file (0 bytes)"
    assert rejected(tmp_path / "blank.txt") == "whitespace only"


def test_binary_files(tmp_path):
    (tmp_path / "nul.txt").write_bytes(b"text\x00\x01\x02 more")
    (tmp_path / "doc.txt").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    (tmp_path / "ctrl.txt").write_bytes(bytes(range(1, 32)) * 20)
    assert "NUL bytes" in rejected(tmp_path / "nul.txt")
    assert "PDF" in rejected(tmp_path / "doc.txt")
    assert "mostly non-text" in rejected(tmp_path / "ctrl.txt")


def test_oversized_file_rejected_with_size(tmp_path):
    p = tmp_path / "huge.txt"
    with open(p, "wb") as fh:  # sparse: the reader must decide from the size, not by reading it
        fh.write(b"Title\n\nbody ")
        fh.truncate(MAX_DOC_BYTES + 5 * 1024 * 1024)
    reason = rejected(p)
    assert reason.startswith("file too large: 25.0 MB") and "limit 20.0 MB" in reason


def test_gzip_bomb_and_corrupt_gzip(tmp_path):
    bomb = tmp_path / "bomb.txt.gz"
    with gzip.open(bomb, "wb", compresslevel=1) as fh:
        chunk = b"a" * (1 << 20)
        for _ in range(MAX_DOC_BYTES // len(chunk) + 2):
            fh.write(chunk)
    assert "decompresses to more than" in rejected(bomb)
    bad = tmp_path / "bad.txt.gz"
    bad.write_bytes(gzip.compress(BODY.encode() * 50)[:200])
    assert "truncated" in rejected(bad) or "could not be read" in rejected(bad)


def test_unreadable_paths(tmp_path):
    assert rejected(tmp_path / "nope.txt") == "no such file or folder"
    link = tmp_path / "dangling"
    link.symlink_to(tmp_path / "gone")
    assert rejected(link) == "broken symbolic link"
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert rejected(fifo) == "not a regular file (a named pipe)"
    sock_path = tmp_path / "s.sock"
    s = socket.socket(socket.AF_UNIX)
    s.bind(str(sock_path))
    try:
        assert rejected(sock_path) == "not a regular file (a socket)"
    finally:
        s.close()


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_permission_denied(tmp_path):
    p = tmp_path / "secret.txt"
    p.write_text("text", encoding="utf-8")
    p.chmod(0)
    try:
        assert rejected(p) == "permission denied"
    finally:
        p.chmod(0o644)


def test_folder_walk_is_sorted_recursive_and_reports_hidden(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("zed body", encoding="utf-8")
    (tmp_path / "a.txt").write_text("a body", encoding="utf-8")
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref", encoding="utf-8")
    items = read(tmp_path)
    assert [(type(i).__name__, os.path.relpath(i.source, tmp_path)) for i in items] == [
        ("Rejected", ".DS_Store"), ("Rejected", ".git"), ("RawDoc", "a.txt"), ("RawDoc", os.path.join("b", "z.txt"))]
    assert items[0].reason == "hidden file skipped" and items[1].reason == "hidden folder skipped"


def test_read_inputs_is_lazy(tmp_path):
    p = tmp_path / "big.jsonl"
    p.write_text("".join(json.dumps({"id": str(i), "text": "x"}) + "\n" for i in range(1000)), encoding="utf-8")
    it = read_inputs([str(p)])
    assert next(it).id == "0"
    it.close()


def test_fragment_to_text_blocks_and_breaks():
    frag = "<div>One<br><br>Two <i>x</i></div><ul><li>a</li><li>b</li></ul><script>bad()</script>tail"
    assert html_fragment_to_text(frag) == "One\n\nTwo x\n\na\n\nb\n\ntail"


def test_extract_html_none_for_pages_without_text():
    assert extract_html("<html><head><title>t</title></head><body><script>x()</script></body></html>") is None


def test_permission_denied_on_open_is_a_rejection(tmp_path, monkeypatch):
    # Works as root too, where chmod 0 does not stop reading.
    p = tmp_path / "locked.txt"
    p.write_text("text", encoding="utf-8")

    def deny(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("newsprism.io.readers.open", deny, raising=False)
    assert rejected(p) == "permission denied"


def test_a_reader_failure_becomes_a_rejection_and_reading_goes_on(tmp_path, monkeypatch):
    import newsprism.io.records as rr

    def boom(data, src, stem):
        yield from ()
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(rr, "read_feed", boom)
    (tmp_path / "a.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "b.txt").write_text("still read", encoding="utf-8")
    items = read(tmp_path)
    assert isinstance(items[0], Rejected) and items[0].reason.startswith("could not be read: RecursionError")
    assert isinstance(items[1], RawDoc) and items[1].text == "still read"
