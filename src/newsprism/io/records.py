"""Multi-document inputs: JSONL (and whole JSON), RSS/Atom feeds, WARC archives.

Each record becomes its own RawDoc or Rejected with a `path#N` source, so one broken line or feed item costs only
itself. JSONL and WARC are streamed record by record; a line or record over the single-document limit is rejected
without being held in memory.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import IO, Any

from newsprism.io.readers import (
    MAX_DOC_BYTES,
    DocHints,
    RawDoc,
    doc_from_bytes,
    over_char_budget,
    sha1,
    size_text,
)
from newsprism.io.sniff import clean_text, sniff
from newsprism.model import Rejected

# Field names other tools use for the same thing (news-please, NewsAPI, CC-News dumps), first match wins.
TEXT_KEYS = ("text", "body", "content", "maintext", "article")
HTML_KEYS = ("html", "raw_html")
TITLE_KEYS = ("title", "headline")
OUTLET_KEYS = ("outlet", "source", "sitename", "source_domain", "publisher", "site")
AUTHOR_KEYS = ("authors", "author", "byline")
DATE_KEYS = ("published", "date", "date_publish", "published_at", "publishedAt", "pubDate", "datePublished")
URL_KEYS = ("url", "link")
_CHUNK = 1 << 20
# What json.loads raises on a line it cannot turn into a value: malformed JSON and bytes that are not UTF-8, and
# also nesting deeper than the interpreter's recursion limit (RecursionError) and an integer of more than 4,300
# digits (a plain ValueError). Each must cost its own line only, never the rest of the file.
_BAD_JSON = (ValueError, RecursionError, UnicodeDecodeError)


def _lines(stream: IO[bytes]) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) for each line; None for a line over the document limit (skipped, not stored)."""
    n = 0
    while True:
        line = stream.readline(MAX_DOC_BYTES + 1)
        if not line:
            return
        n += 1
        if len(line) > MAX_DOC_BYTES and not line.endswith(b"\n"):
            while True:  # drain the rest of the overlong line in bounded chunks
                rest = stream.readline(_CHUNK)
                if not rest or rest.endswith(b"\n"):
                    break
            yield n, None
            continue
        yield n, line


def read_jsonl(stream: IO[bytes], src: str, stem: str, whole_ok: bool,
               text_ok: bool = False) -> Iterator[RawDoc | Rejected]:
    """One article per line; a pretty-printed single JSON document is recognised when its first line fails.

    `text_ok`: the file is not named as JSON, so when it does not parse at all it is a text that happens to start
    with "{" (an editor's note in braces), read as one document instead of rejected line by line.
    """
    count = 0
    try:
        for n, line in _lines(stream):
            if line is None:
                count += 1
                yield Rejected(f"{src}#{n}", f"line {n} longer than {size_text(MAX_DOC_BYTES)}")
                continue
            if n == 1:
                line = line.removeprefix(b"\xef\xbb\xbf")
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except _BAD_JSON as exc:
                if n == 1 and whole_ok:
                    stream.seek(0)
                    data = stream.read(MAX_DOC_BYTES + 1)
                    if _parses(data):
                        yield from read_json(data, src, stem)
                        return
                    if text_ok:
                        yield doc_from_bytes(data, src, stem, "text")
                        return
                    stream.seek(0)
                    stream.readline(MAX_DOC_BYTES + 1)
                count += 1
                yield Rejected(f"{src}#{n}", f"line {n} is not valid JSON ({_short(exc)})")
                continue
            count += 1
            yield safe_record_doc(obj, f"{stem}-{n}", f"{src}#{n}", line)
    except (EOFError, OSError) as exc:
        yield Rejected(src, f"unreadable after {count} records: {_short(exc)} (truncated or corrupt file?)")
        return
    if count == 0:
        yield Rejected(src, "JSON lines file without records (only blank lines)")


def _parses(data: bytes) -> bool:
    try:
        json.loads(data)
    except _BAD_JSON:
        return False
    return True


def read_json(data: bytes, src: str, stem: str) -> Iterator[RawDoc | Rejected]:
    """A whole JSON file: one article object, or a list of them."""
    try:
        obj = json.loads(data)
    except _BAD_JSON as exc:
        yield Rejected(src, f"not valid JSON ({_short(exc)})")
        return
    if isinstance(obj, dict):
        yield safe_record_doc(obj, stem, src, data)
        return
    if not isinstance(obj, list) or not obj:
        yield Rejected(src, "JSON file is neither an article object nor a non-empty list of them")
        return
    for i, rec in enumerate(obj, 1):
        try:
            raw = json.dumps(rec, sort_keys=True).encode("utf-8", "surrogatepass")
        except _BAD_JSON as exc:
            yield Rejected(f"{src}#{i}", f"item {i} cannot be read ({_short(exc)})")
            continue
        yield safe_record_doc(rec, f"{stem}-{i}", f"{src}#{i}", raw)


def _first(obj: dict, keys: tuple[str, ...]) -> Any:
    for k in keys:
        v = obj.get(k)
        if v not in (None, "", []):
            return v
    return None


def _str(v: Any) -> str | None:
    if isinstance(v, dict):  # NewsAPI-style {"id": ..., "name": "Reuters"}
        v = v.get("name") or v.get("title")
    if isinstance(v, str):
        v = v.strip()
        return v or None
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return str(v)
    return None


def _authors(v: Any) -> list[str]:
    if isinstance(v, list):
        return [s for s in (_str(x) for x in v) if s]
    s = _str(v)
    if not s:
        return []
    parts = [p.strip() for p in re.split(r";|\||\band\b|&", s) if p.strip()]
    # "Smith, John" is one name; "John Smith, Ann Lee" is two.
    if len(parts) == 1 and "," in s and all(len(p.split()) >= 2 for p in s.split(",")):
        parts = [p.strip() for p in s.split(",")]
    return parts


def _date(v: Any) -> str | None:
    if isinstance(v, (int, float)) and not isinstance(v, bool) and 0 < v < 4e12:
        secs = v / 1000 if v > 1e11 else v  # epoch milliseconds are common in JS exports
        return datetime.fromtimestamp(secs, tz=UTC).isoformat()
    return _str(v)


def safe_record_doc(obj: Any, default_id: str, src: str, raw: bytes) -> RawDoc | Rejected:
    """record_doc, with any failure on one hostile record (a value nested too deep, an odd type) its rejection."""
    try:
        return record_doc(obj, default_id, src, raw)
    except Exception as exc:  # noqa: BLE001 - one record, one rejection
        return Rejected(src, f"record cannot be read: {type(exc).__name__}: {_short(exc)}")


def record_doc(obj: Any, default_id: str, src: str, raw: bytes) -> RawDoc | Rejected:
    """One JSON object -> RawDoc. The object's own `id` wins; `default_id` is `<stem>-<line>`."""
    if not isinstance(obj, dict):
        return Rejected(src, f"JSON value is {type(obj).__name__}, not an article object")
    rid = obj.get("id")
    rid = (str(rid).strip() if isinstance(rid, (str, int)) and not isinstance(rid, bool) else "") or default_id
    hints = DocHints(title=_str(_first(obj, TITLE_KEYS)), outlet=_str(_first(obj, OUTLET_KEYS)),
                     authors=_authors(_first(obj, AUTHOR_KEYS)), published=_date(_first(obj, DATE_KEYS)),
                     url=_str(_first(obj, URL_KEYS)))
    text = _first(obj, TEXT_KEYS)
    text = clean_text(text).strip() if isinstance(text, str) else ""
    if text:
        if too_long := over_char_budget(text):
            return Rejected(src, too_long)
        return RawDoc(id=rid, source=src, fmt="jsonl", text=text, hints=hints, content_hash=sha1(raw),
                      has_header=False)
    html = _first(obj, HTML_KEYS)
    if isinstance(html, str) and html.strip():
        data = clean_text(html).encode("utf-8")  # clean_text: a lone surrogate cannot be encoded
        doc = doc_from_bytes(data, src, rid, "html", charset="utf-8", url=hints.url)
        if isinstance(doc, Rejected):
            return Rejected(src, f"'html' field: {doc.reason}")
        h = doc.hints
        doc.hints = DocHints(title=hints.title or h.title, outlet=hints.outlet or h.outlet,
                             authors=hints.authors or h.authors, published=hints.published or h.published,
                             url=hints.url or h.url)
        doc.fmt, doc.content_hash = "jsonl", sha1(raw)
        return doc
    return Rejected(src, "record without text (expected a non-empty 'text' or 'html' field)")


def _short(exc: BaseException) -> str:
    return str(exc).splitlines()[0][:160] if str(exc) else type(exc).__name__


# --- feeds -----------------------------------------------------------------------------------------------------

def read_feed(data: bytes, src: str, stem: str) -> Iterator[RawDoc | Rejected]:
    """Each RSS/Atom item is one article; its HTML content (or summary) is stripped to paragraphs."""
    import io

    import feedparser

    from newsprism.io.html import html_fragment_to_text

    # A stream, not bytes/str: feedparser treats a string as a URL or file name to open.
    parsed = feedparser.parse(io.BytesIO(data))
    entries = parsed.get("entries") or []
    if not entries:
        why = _short(parsed.bozo_exception) if parsed.get("bozo") else "no items"
        yield Rejected(src, f"feed without readable items ({why})")
        return
    outlet = _str(parsed.feed.get("title")) if parsed.get("feed") else None
    for i, e in enumerate(entries, 1):
        isrc = f"{src}#{i}"
        value, ctype = _entry_body(e)
        text = clean_text(value).strip() if ctype == "text/plain" else html_fragment_to_text(value)
        if not text.strip():
            yield Rejected(isrc, f"feed item {i} without text (no content or summary)")
            continue
        key = e.get("id") or e.get("link")
        rid = f"{stem}-{sha1(key.encode('utf-8'))[:10]}" if isinstance(key, str) and key else f"{stem}-{i}"
        authors = [a for a in (_str(x.get("name")) for x in e.get("authors") or [] if isinstance(x, dict)) if a]
        hints = DocHints(title=_str(e.get("title")), outlet=outlet,
                         authors=authors or _authors(e.get("author")), published=_entry_date(e),
                         url=_str(e.get("link")))
        raw = json.dumps([key, hints.title, value], ensure_ascii=False).encode("utf-8")
        yield RawDoc(id=rid, source=isrc, fmt="rss", text=text, hints=hints, content_hash=sha1(raw),
                     has_header=False)


def _entry_body(e) -> tuple[str, str]:
    best, ctype = "", "text/html"
    for c in e.get("content") or []:
        v = c.get("value") if isinstance(c, dict) else None
        if isinstance(v, str) and len(v) > len(best):
            best, ctype = v, c.get("type") or "text/html"
    if not best:
        best = e.get("summary") or e.get("description") or ""
        detail = e.get("summary_detail") or {}
        ctype = detail.get("type") or "text/html"
    return (best if isinstance(best, str) else ""), ctype


def _entry_date(e) -> str | None:
    # dict.get: feedparser's own get() maps a missing "published" to "updated" with a DeprecationWarning.
    for key in ("published_parsed", "updated_parsed"):
        t = dict.get(e, key)
        if t:
            return time.strftime("%Y-%m-%dT%H:%M:%SZ", t)
    return _str(dict.get(e, "published") or dict.get(e, "updated"))


# --- WARC ------------------------------------------------------------------------------------------------------

_PAGE_TYPES = ("text/html", "application/xhtml", "text/plain")
# A response record holds HTTP headers beside the page, so its declared length may exceed the page limit a little.
_MAX_WARC_RECORD = MAX_DOC_BYTES + (1 << 20)
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)


def read_warc(fh: IO[bytes], src: str, stem: str) -> Iterator[RawDoc | Rejected]:
    """HTML (and plain text) response records, each through the HTML reader; other records are not articles."""
    from warcio.archiveiterator import ArchiveIterator

    n = pages = other = 0
    try:
        for rec in ArchiveIterator(fh):
            n += 1
            if rec.rec_type not in ("response", "resource"):
                other += 1
                continue
            headers = rec.http_headers if rec.rec_type == "response" else None
            status = headers.get_statuscode() if headers is not None else None
            ctype = (headers.get_header("Content-Type") if headers is not None
                     else rec.rec_headers.get_header("Content-Type")) or ""
            if (status and not status.startswith("2")) or (ctype and not ctype.lower().startswith(_PAGE_TYPES)):
                other += 1  # redirects, errors, images, scripts: parts of a crawl, not articles
                continue
            pages += 1
            uri = rec.rec_headers.get_header("WARC-Target-URI")
            rsrc = f"{src}#{n}"
            declared = rec.length if isinstance(rec.length, int) else 0
            if declared > _MAX_WARC_RECORD:
                yield Rejected(rsrc, f"WARC record declares {size_text(declared)} (limit {size_text(MAX_DOC_BYTES)} "
                                     f"for one page): {uri}")
                continue
            data = rec.content_stream().read(MAX_DOC_BYTES + 1)
            if len(data) > MAX_DOC_BYTES:
                yield Rejected(rsrc, f"WARC record too large (over {size_text(MAX_DOC_BYTES)}): {uri}")
                continue
            missing = getattr(rec.raw_stream, "limit", 0)
            if isinstance(missing, int) and missing > 0:
                # The archive ended inside this record: what is there is a fragment, not the page.
                yield Rejected(rsrc, f"WARC record truncated ({size_text(declared - missing)} of the "
                                     f"{size_text(declared)} it declares): {uri}")
                continue
            key = uri or rec.rec_headers.get_header("WARC-Record-ID") or str(n)
            m = _CHARSET.search(ctype)
            fmt = "text" if ctype.lower().startswith("text/plain") else "html"
            if not ctype:
                fmt = "text" if sniff(data[:65536]) == "text" else "html"
            doc = doc_from_bytes(data, rsrc, f"{stem}-{sha1(key.encode('utf-8'))[:10]}", fmt,
                                 charset=m.group(1) if m else None, url=uri)
            if isinstance(doc, RawDoc):
                doc.fmt = "warc"
                doc.hints.url = doc.hints.url or uri
            elif uri:
                doc = Rejected(rsrc, f"{doc.reason} ({uri})")
            yield doc
    except Exception as exc:  # noqa: BLE001 - warcio raises assorted errors on truncated archives
        yield Rejected(src, f"WARC unreadable after record {n}: {_short(exc)}")
        return
    if pages == 0:
        yield Rejected(src, f"WARC without HTML or text pages ({n} records, none an article)")
