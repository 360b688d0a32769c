"""Format detection and decoding for input bytes, from content rather than file names.

Extensions lie (a `.txt` saved from a browser is HTML, a feed is served as `.php`), so the format is read off the
first bytes: compression magic, a WARC version line, the first non-space character, the XML root element.
Decoding is strict: UTF-8 (BOM or not), then a charset the document declares, then charset-normalizer only when
it is confident; a wrong guess would silently corrupt every quote and name, so anything less is rejected.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

# Formats that are never articles, by magic bytes: named in the rejection so the user knows what to convert.
BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or DOCX/ODT/EPUB)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7z archive"),
    (b"\x28\xb5\x2f\xfd", "a zstd archive"),
    (b"\xd0\xcf\x11\xe0", "an MS Office (OLE) document"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"PAR1", "a Parquet file"),
    (b"\x7fELF", "an executable"),
)
GZIP_MAGIC = b"\x1f\x8b"
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
FEED_ROOTS = {"rss", "feed", "rdf:rdf", "rdf"}
HTML_MARKERS = re.compile(rb"<(?:!doctype\s+html|html|head|body|article|main|div|p|h1|h2|title|meta|section)[\s>/]",
                          re.IGNORECASE)
_ROOT_TAG = re.compile(r"<\s*([A-Za-z_][\w:.-]*)")
_DECLARED = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE)
# Share of control characters above which decoded text is treated as binary noise, not prose.
MAX_CONTROL_SHARE = 0.01
# Share of NUL bytes a text file may carry (stray padding in real pages) before it counts as binary.
MAX_NUL_SHARE = 0.001
# charset-normalizer's "chaos" (mess ratio) at or below which its guess is trusted.
MAX_CHAOS = 0.1
# Control, surrogate and private-use characters and U+FFFD: what binary noise decodes to.
_NON_TEXT = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff\ufffd]")
# charset-normalizer's language coherence below which a guess is not trusted.
MIN_COHERENCE = 0.1
_CJK = re.compile(r"[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uff01-\uff60]")
# Bidi embedding, override and isolate controls (U+202A-202E, U+2066-2069): they reorder what a terminal or page
# shows ("txt.exe" displayed as "exe.txt"), and news prose has no use for them (RTL text needs none of them).
_BIDI = list(range(0x202A, 0x202F)) + list(range(0x2066, 0x206A))
# C0/C1 control characters other than tab, newline and form feed, and bidi controls: removed from accepted text.
_CONTROLS = dict.fromkeys([c for c in range(0x20) if c not in (9, 10, 12)] + list(range(0x7F, 0xA0)) + _BIDI)
# In one-line metadata (ids, titles, outlets, names, paths) every control character goes, line breaks included.
_META_CONTROLS = dict.fromkeys([*range(0x20), *range(0x7F, 0xA0), *_BIDI]) | dict.fromkeys(range(9, 14), " ")
_SURROGATE = re.compile("[\ud800-\udfff]")
_SPACES = re.compile(r"\s+")
# Longest metadata value kept (a title, an id): a "title" longer than this is a whole text in the wrong field.
MAX_META_CHARS = 1000


@dataclass
class Decoded:
    text: str | None
    encoding: str | None = None
    reason: str | None = None  # why text is None


def binary_kind(head: bytes) -> str | None:
    for magic, name in BINARY_MAGIC:
        if head.startswith(magic):
            return name
    return None


def bom_encoding(head: bytes) -> str | None:
    for bom, enc in BOMS:
        if head.startswith(bom):
            return enc
    return None


def stray_bom(data: bytes) -> int:
    """Length of a UTF-16/32 byte-order mark that stands before UTF-8 bytes (a tool that wrote the mark, then the
    text in another encoding), else 0. Real UTF-16 text of any length has NUL bytes or is not valid UTF-8; read
    as UTF-16, UTF-8 bytes would come out as plausible-looking CJK mojibake."""
    enc = bom_encoding(data)
    if enc not in ("utf-16", "utf-32"):
        return 0
    n = 2 if enc == "utf-16" else 4
    rest = data[n:]
    if not rest or b"\x00" in rest:
        return 0
    try:
        rest.decode("utf-8") if len(rest) <= 65536 else rest[:65536].decode("utf-8", "strict")
    except UnicodeDecodeError as exc:
        if exc.start < 65536 - 4:  # a cut multi-byte sequence at the sample's end is not evidence
            return 0
    return n


def sniff(head: bytes, suffix: str = "") -> str:
    """Format of a (decompressed) document from its first bytes: text | html | jsonl | json | feed | warc | xml."""
    if head.startswith(b"WARC/"):
        return "warc"
    head = head[stray_bom(head):]
    enc = bom_encoding(head)
    if enc and enc != "utf-8-sig":
        # UTF-16/32 documents: sniff on a decoded prefix (the tail may cut a code unit, hence "ignore").
        start = head.decode(enc, "ignore").lstrip("\ufeff \t\r\n").encode("utf-8")
    else:
        start = head[3:] if head.startswith(codecs.BOM_UTF8) else head
        start = start.lstrip()
    if start[:1] == b"{":
        return "jsonl"
    if start[:1] == b"[" and suffix == ".json":
        return "json"
    if start[:1] == b"[" and suffix in {".jsonl", ".ndjson"}:
        # Line by line: a bad first line costs itself (a whole-document array is still recognised there).
        return "jsonl"
    if start[:1] == b"<":
        root = xml_root(start)
        if root in FEED_ROOTS:
            return "feed"
        if root == "html" or HTML_MARKERS.search(start[:4096]):
            return "html"
        if start.startswith(b"<?xml"):
            return "xml"
        return "html"
    if suffix in {".html", ".htm", ".xhtml", ".shtml"} and HTML_MARKERS.search(start[:4096]):
        return "html"
    return "text"


def xml_root(start: bytes) -> str | None:
    """Name of the first element, skipping the XML declaration, comments, processing instructions and doctype."""
    s = start[:8192].decode("utf-8", "ignore")
    i = 0
    while True:
        j = s.find("<", i)
        if j < 0:
            return None
        if s.startswith("<!--", j):
            k = s.find("-->", j)
            i = k + 3 if k >= 0 else len(s)
            continue
        if s.startswith("<?", j) or s.startswith("<!", j):
            k = s.find(">", j)
            if k < 0:
                return None
            i = k + 1
            continue
        m = _ROOT_TAG.match(s, j)
        return m.group(1).lower() if m else None


def _known(name: str | None) -> str | None:
    try:
        return codecs.lookup(name).name if name else None
    except LookupError:
        return None


def declared_charset(head: bytes) -> str | None:
    """A charset the document names itself (HTML meta, XML declaration), if Python knows it."""
    m = _DECLARED.search(head[:4096])
    if not m:
        return None
    return _known(m.group(1).decode("ascii", "ignore"))


def decode(data: bytes, hint: str | None = None) -> Decoded:
    """Bytes -> text, or a reason. `hint` is a charset named outside the bytes (HTTP header)."""
    data = data[stray_bom(data):]
    if b"\x00" in data and not bom_encoding(data):
        nul = data.count(b"\x00")
        if nul > MAX_NUL_SHARE * len(data):
            return Decoded(None, reason="binary file (contains NUL bytes)")
        data = data.replace(b"\x00", b"")  # a few NULs in a real page (CMS debris), not a binary file
    tried: list[str] = []
    declared = declared_charset(data)
    hint = _known(hint)
    # Pages declaring ISO-8859-1 are cp1252 in practice (browsers decode them so, per WHATWG); latin-1 stays
    # as the fallback for the five bytes cp1252 leaves undefined.
    candidates = [bom_encoding(data), "utf-8", hint, declared]
    for enc in candidates:
        if not enc or enc in tried:
            continue
        if enc in ("latin-1", "iso8859-1") and "cp1252" not in tried:
            candidates.insert(candidates.index(enc) + 1, enc)
            enc = "cp1252"
        tried.append(enc)
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        return _checked(text, enc)
    mixed = _mixed_utf8(data)
    if mixed is not None:
        return mixed
    guess = _detect(data)
    if guess.text is None:
        return guess
    return _checked(guess.text, guess.encoding or "?")


def _detect(data: bytes) -> Decoded:
    from charset_normalizer import from_bytes

    results = [m for m in from_bytes(data[:1_000_000]) if m.chaos <= MAX_CHAOS]
    if not results:
        return Decoded(None, reason="not UTF-8 and no charset could be detected")
    # Low chaos alone is not confidence: KOI8-R Russian decodes "cleanly" as Shift-JIS. A guess must also read as
    # a language (coherence), except for CJK text, which charset-normalizer gives no coherence score.
    good = [m for m in results if m.coherence >= MIN_COHERENCE or _mostly_cjk(str(m))]
    if not good:
        return Decoded(None, reason=f"not UTF-8 and charset detection is not confident "
                                    f"(best guess {results[0].encoding})")
    lowest = min(m.chaos for m in good)
    # Single-byte Western guesses tie often (cp1250/cp1252/cp1257 read French alike); the web's default wins.
    pick = next((m for m in good if m.encoding == "cp1252" and m.chaos == lowest), good[0])
    try:
        return Decoded(data.decode(pick.encoding), encoding=pick.encoding)
    except (UnicodeDecodeError, LookupError):
        return Decoded(None, reason=f"not UTF-8 and not valid {pick.encoding}")


def _mostly_cjk(text: str) -> bool:
    high = [ch for ch in text[:20000] if ord(ch) > 0x7F]
    if not high:
        return False
    cjk = sum(1 for ch in high if _CJK.match(ch))
    return cjk >= 0.8 * len(high)


def _repair_cp1252(err: UnicodeDecodeError) -> tuple[str, int]:
    return err.object[err.start:err.end].decode("cp1252", "replace"), err.end


codecs.register_error("newsprism-cp1252", _repair_cp1252)


def _mixed_utf8(data: bytes) -> Decoded | None:
    """Mostly UTF-8 with a few stray cp1252 bytes (concatenated scrapes): repair those bytes, keep the rest."""
    stray = data.decode("utf-8", "replace").count("\ufffd") - data.count(b"\xef\xbf\xbd")
    text = data.decode("utf-8", "newsprism-cp1252")
    multibyte = sum(1 for ch in text if ord(ch) > 0x7F) - stray
    if multibyte >= 3 and stray <= multibyte:
        return _checked(text, "utf-8+cp1252")
    return None


def _checked(text: str, enc: str) -> Decoded:
    text = text.lstrip("\ufeff")
    if not text.strip():
        return Decoded(None, encoding=enc, reason="whitespace only")
    sample = text[:200_000]
    bad = len(_NON_TEXT.findall(sample))
    if bad > MAX_CONTROL_SHARE * len(sample):
        return Decoded(None, encoding=enc,
                       reason=f"mostly non-text ({bad / len(sample):.0%} control or replacement characters)")
    return Decoded(clean_text(text), encoding=enc)


def clean_text(text: str) -> str:
    """Newlines unified and stray control characters (NUL, ESC, C1, bidi overrides) removed: they carry no prose.
    A lone surrogate (only a JSON escape can make one) becomes U+FFFD: it cannot be written as UTF-8."""
    text = _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text
    return text.replace("\r\n", "\n").replace("\r", "\n").translate(_CONTROLS)


def clean_meta(value: str | None, limit: int = MAX_META_CHARS) -> str | None:
    """One line of metadata safe to store, print and show: lone surrogates (from JSON escapes such as "\\ud800" or
    an undecodable byte in a file name) become U+FFFD, control characters (NUL, ESC and so terminal escape
    sequences, bidi overrides) are removed, whitespace runs become one space, and the length is capped.

    Surrogates cannot be encoded as UTF-8 at all, so one left in a title would fail every later write of it."""
    if value is None:
        return None
    value = _SURROGATE.sub("\ufffd", value).translate(_META_CONTROLS)
    value = _SPACES.sub(" ", value).strip()
    if len(value) > limit:
        value = value[:limit].rstrip() + "…"
    return value or None
