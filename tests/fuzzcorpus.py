"""A hostile input corpus for the end-to-end fuzz test: every kind of bad, odd or adversarial input at once.

`build_fuzz_corpus(dir, seed)` writes it and returns how many input documents it wrote (each file counts one,
except that each JSONL line, feed item and WARC page counts one), so that a run must account for every one of
them as an article or a rejection. Content is driven by `random.Random(seed)`: deterministic per seed.
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import os
import random
from pathlib import Path

# Code point ranges random text draws from: Latin with accents, Cyrillic, Greek, Arabic and Hebrew (RTL), CJK,
# combining marks, emoji, zero-width and bidi controls, typographic punctuation.
_RANGES = [(0x20, 0x7E), (0xC0, 0x17F), (0x400, 0x4FF), (0x370, 0x3FF), (0x600, 0x6FF), (0x5D0, 0x5EA),
           (0x4E00, 0x4FFF), (0x300, 0x36F), (0x1F300, 0x1F64F), (0x200B, 0x200F), (0x2010, 0x2027),
           (0x202A, 0x202E)]
_WORDS = ["Ostria", "Norvala", "Velsgrad", "Tarvik", "Brankovic", "Ibáñez", "Dobrescu", "Reuters", "minister", "said", "troops", "planes", "advisers", "officials", "reported", "Saturday", "Sunday", "Monday", "June", "2021", "percent", "million", "military", "specialists", "arrived", "according", "to", "the", "a", "of", "in", "on", "and", "told", "reporters", '"we"', "will", "not", "100", "two", "third", "source"]


def random_text(rng: random.Random, n_words: int) -> str:
    out: list[str] = []
    for i in range(n_words):
        r = rng.random()
        if r < 0.7:
            out.append(rng.choice(_WORDS))
        else:
            lo, hi = rng.choice(_RANGES)
            out.append("".join(chr(rng.randint(lo, hi)) for _ in range(rng.randint(1, 8))))
        if i % rng.randint(8, 20) == 0:
            out.append(rng.choice([".", ",", "\u201c", "\u201d", "\u2014", "!", "?", ".\n\n", "\n"]))
    return " ".join(out)


def article_text(rng: random.Random) -> str:
    paras = [random_text(rng, rng.randint(10, 80)) for _ in range(rng.randint(1, 6))]
    return f"{random_text(rng, 8)}\n\nBy {rng.choice(['Ana Ruiz', 'Lee Park'])}\n\n" + "\n\n".join(paras)


def article_html(rng: random.Random, body: str, extra: str = "") -> str:
    ps = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    return (f"<!DOCTYPE html><html><head><title>{random_text(rng, 5)}</title>"
            f'<meta property="og:site_name" content="Fuzz Post"></head><body><nav>Home | World</nav>'
            f"<article><h1>{random_text(rng, 6)}</h1>{ps}{extra}</article><footer>(c) Fuzz</footer></body></html>")


def _rss(items: list[str]) -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Fuzz Wire</title>'
            + "".join(items) + "</channel></rss>")


def _warc(path: Path, pages: list[tuple[str, bytes, str]], gzip_records: bool = True) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=gzip_records)
        for uri, body, ctype in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers))


def build_fuzz_corpus(dir: Path | str, seed: int) -> int:  # noqa: A002 - the name the tests use
    root = Path(dir)
    root.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    n = 0

    def put(name: str, data: bytes | str, count: int = 1) -> None:
        nonlocal n
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        n += count

    # Random multilingual prose, plain and as HTML.
    for i in range(8):
        put(f"text/t{i:02d}.txt", article_text(rng))
    for i in range(3):
        put(f"html/h{i:02d}.html", article_html(rng, article_text(rng)))

    # Random bytes: with NULs, high bytes only (no charset fits), control characters only.
    put("bytes/nul.bin", b"\x01" + rng.randbytes(4096))
    put("bytes/high.txt", bytes(rng.randrange(128, 256) for _ in range(4096)))
    put("bytes/ctrl.html", bytes(rng.choice(range(1, 9)) for _ in range(2048)))
    put("bytes/fake.pdf", b"%PDF-1.7\n" + rng.randbytes(512))

    # Encodings: legacy single-byte, UTF-16/8 with BOM, Shift-JIS, KOI8-R, and a file mixing two encodings.
    fr = "Le président a déclaré à Genève que la décision était « irréversible », a-t-il ajouté. " * 3
    put("enc/cp1252.txt", ("Titre\n\n" + fr + "\u201cguillemets\u201d \u2014 fin.").encode("cp1252"))
    put("enc/latin1.txt", ("Titre\n\n" + fr).encode("latin-1"))
    put("enc/utf16.txt", ("Title\n\n" + article_text(rng)).encode("utf-16"))
    put("enc/utf8bom.txt", codecs.BOM_UTF8 + article_text(rng).encode("utf-8"))
    ru = " ".join(rng.choice(["министр", "заявил", "журналистам", "что", "войска", "прибыли", "в", "каракас", "вчера", "вечером", "по", "данным", "агентства", "москва", "правительство"]) for _ in range(200))
    ja = "".join(rng.choice(["東京で", "会議が", "開かれ、", "首相は", "記者団に", "対し", "「協力する」", "と述べた。",
                             "政府は", "発表した。"]) for _ in range(150))
    put("enc/sjis.txt", ja.encode("shift_jis"))
    put("enc/koi8.txt", ru.encode("koi8_r"))
    put("enc/cp1251.txt", ru.encode("cp1251"))
    put("enc/mixed.txt", "Début en UTF-8: é à ç. ".encode() * 5 + "suite en cp1252: é à ç.".encode("cp1252"))

    # Truncated and pathological HTML.
    page = article_html(rng, article_text(rng))
    for i, frac in enumerate((0.2, 0.5, 0.9)):
        put(f"html/cut{i}.html", page[: int(len(page) * frac)])
    put("html/deep.html", "<html><body>" + "<div><span>" * 700 + "<p>" + random_text(rng, 40) + "</p>"
        + "</span></div>" * 700 + "</body></html>")
    put("html/nested.html", "<html><body>" + "<div>" * 3000 + "<p>" + random_text(rng, 40) + "</p>"
        + "</div>" * 3000 + "</body></html>")
    put("html/unclosed.html", "<html><body>" + "<p><b><i>" * 500 + random_text(rng, 60))
    put("html/only-script.html", "<html><body><script>" + "x();" * 1000 + "</script></body></html>")

    # A hostile article: scripts, handlers and javascript: links in HTML, and literal markup in plain text.
    hostile = ("<script>alert('pwned')</script>" '<img src=x onerror="alert(1)">'
               '<a href="javascript:alert(2)">click</a><iframe src="https://evil.example"></iframe>')
    put("hostile/page.html", article_html(rng, "Officials said the plan was approved.\n\n" + hostile
                                          + " The minister \"denied it\" on Monday.", extra=hostile))
    put("hostile/text.txt", "Report\n\nThe post read </script><script>alert(\"pwned\")</script> and "
        "{{ 7*7 }} and ${7*7} then <!-- comment --> ended. Officials said nothing.")

    # Size and emptiness: a sparse 50 MB text (rejected from its size), zero bytes, whitespace only.
    (root / "size").mkdir()
    with open(root / "size" / "huge.txt", "wb") as fh:
        fh.write(b"Huge\n\nThis file is mostly a hole. ")
        fh.truncate(50 * 1024 * 1024)
    n += 1
    put("size/zero.txt", b"")
    put("size/zero.html", b"")
    put("size/blank.txt", " \n\t\u3000\n".encode())
    put("size/long-line.txt", "x" * 20_000 + " end.")
    # Many short lines: 800 keeps the run short while entity extraction is quadratic in tokens (see report).
    put("size/many-lines.txt", "\n".join(random_text(rng, 3) for _ in range(800)))

    # Duplicate ids: one stem in two files, one id on two JSONL lines.
    put("dup/same.txt", article_text(rng))
    put("dup/same.html", article_html(rng, article_text(rng)))
    lines = [
        json.dumps({"id": "j1", "text": article_text(rng), "authors": 42, "published": None}),
        json.dumps({"id": "j1", "text": article_text(rng)}),
        '{"id": "bad", "text": ',
        json.dumps({"id": "nt", "title": "no text"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "h1", "html": article_html(rng, article_text(rng)), "outlet": {"name": "Wire"}}),
        json.dumps({"id": {"nested": 1}, "text": "\u0000\u202e reversed \U0001f600", "url": ["x"]}),
        json.dumps({"text": random_text(rng, 50), "published": 1553500000000}),
    ]
    put("records/batch.jsonl", "\n".join(lines) + "\n", count=len(lines))
    gz_lines = [json.dumps({"id": f"gz{i}", "text": article_text(rng)}) for i in range(3)]
    put("records/batch.jsonl.gz", gzip.compress(("\n".join(gz_lines) + "\n").encode()), count=len(gz_lines))
    put("records/blank.jsonl", "{" + " " * 10 + "\n")
    put("records/corrupt.txt.gz", gzip.compress(article_text(rng).encode() * 20)[:150])

    # Feeds: good items and broken ones (no text, empty, script only, bad date, broken markup), and a broken feed.
    items = [
        f"<item><title>Good</title><guid>g1</guid><description><![CDATA[<p>{random_text(rng, 40)}</p>]]>"
        "</description></item>",
        "<item><title>No text at all</title><guid>g2</guid></item>",
        "<item><title>Empty</title><guid>g3</guid><description></description></item>",
        "<item><title>Script only</title><guid>g4</guid><description><![CDATA[<script>alert(1)</script>]]>"
        "</description></item>",
        f"<item><title>Bad date</title><pubDate>the 45th of Smarch</pubDate><description>{random_text(rng, 20)}"
        "</description></item>",
        "<item><title>Broken markup</title><guid>g6</guid><description><![CDATA[<p><b>bold <i>never closed"
        "]]></description></item>",
    ]
    put("feeds/wire.rss", _rss(items), count=len(items))
    put("feeds/broken.xml", '<?xml version="1.0"?><rss><channel><item><title>cut off')
    put("feeds/not-a-feed.xml", '<?xml version="1.0"?><TimeML><TIMEX3>today</TIMEX3></TimeML>')

    # A crawl: two pages and an image (the image is part of the crawl, not an input document).
    (root / "crawl").mkdir()
    _warc(root / "crawl" / "c.warc.gz",
          [("https://fuzz.example/a", article_html(rng, article_text(rng)).encode(), "text/html"),
           ("https://fuzz.example/logo.png", b"\x89PNG\r\n", "image/png"),
           ("https://fuzz.example/b", article_html(rng, article_text(rng)).encode("cp1252", "replace"),
            "text/html; charset=windows-1252")])
    n += 2

    _hostile_records(root, rng, put)

    # Things that are not files: a hidden file, a named pipe, a symbolic link loop, a dangling link.
    put(".DS_Store", b"\x00\x00\x00\x01Bud1" + rng.randbytes(64))
    os.mkfifo(root / "pipe")
    n += 1
    (root / "text" / "loop").symlink_to(root, target_is_directory=True)
    n += 1
    (root / "dangling.txt").symlink_to(root / "nowhere.txt")
    n += 1
    # A link out of the input folder: rejected unless --follow-symlinks.
    outside = root.parent / f"{root.name}-outside.txt"
    outside.write_text(article_text(rng), encoding="utf-8")
    (root / "escape.txt").symlink_to(outside)
    n += 1
    return n


def _hostile_records(root: Path, rng: random.Random, put) -> None:
    """Inputs that crashed, stalled or silently shortened a run: each must cost only itself."""
    body = article_text(rng)
    # Metadata that cannot be written as UTF-8 (lone surrogates), or that a terminal or rich would interpret.
    put("meta/surrogate.jsonl", '{"id": "s1", "title": "T \\ud800", "outlet": "O \\udfff", '
        '"authors": ["\\ud800 Lee"], "text": ' + json.dumps(body) + "}\n")
    put("meta/markup.jsonl", "\n".join(json.dumps({"id": "[/]", "text": t}) for t in (body, body + " Again."))
        + "\n", count=2)
    put("meta/controls.jsonl", json.dumps({"id": "c\x00\x1b]0;owned\x07", "title": "Ti\u202etle\x1b[2J",
                                           "outlet": "Out\x00let\u2066", "text": body}) + "\n")
    put(os.fsdecode(b"meta/bad\xffname.txt"), article_text(rng))
    put("meta/bom16-utf8.txt", codecs.BOM_UTF16_LE + "Título\n\nDéclaration à Genève. ".encode() * 20)
    # Poison lines: nesting past the recursion limit and a 5,000-digit integer, then a good record.
    put("poison/lines.jsonl", "\n".join([json.dumps({"id": "p1", "text": body}), "[" * 200_000 + "]" * 200_000,
                                          '{"id": "p2", "n": ' + "9" * 5000 + ', "text": "x"}',
                                          json.dumps({"id": "p3", "text": body})]) + "\n", count=4)
    # Amplification: thousands of empty records in a few bytes; listed up to the per-file cap, then summarised.
    put("poison/empty.jsonl.gz", gzip.compress(b"{}\n" * 5000), count=5000)
    # Budgets: too many elements, nested too deep, too many characters.
    put("budget/wide.html", "<html><body>" + "<p>word</p>" * 30_000 + "</body></html>")
    put("budget/deep.html", "<html><body>" + "<div>" * 1500 + "<p>" + random_text(rng, 40) + "</p>"
        + "</div>" * 1500 + "</body></html>")
    put("budget/long.txt", "Long\n\n" + ("Officials said the harbour reopened on Monday. " * 2600))
    # WARC records that lie about their length: cut short, and claiming 10 GB.
    page = article_html(rng, article_text(rng)).encode()
    _warc(root / "crawl" / "cut.warc", [("https://fuzz.example/cut", page, "text/html")], gzip_records=False)
    data = (root / "crawl" / "cut.warc").read_bytes()
    (root / "crawl" / "cut.warc").write_bytes(data[: len(data) - len(page) // 2])
    put("crawl/huge.warc", data.replace(b"Content-Length: %d" % (len(data.split(b"\r\n\r\n", 1)[1]) - 4),
                                        b"Content-Length: 10000000000", 1))
    put("crawl/cut.warc", (root / "crawl" / "cut.warc").read_bytes())
