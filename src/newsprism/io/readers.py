"""Input readers: files and folders in, one `RawDoc` per article or a `Rejected` with a one-line reason out.

The contract is that every input path ends up somewhere visible: an article, or a rejection a user can act on
("file too large: 50.0 MB (limit 20 MB for one document)"). Nothing raises out of `read_inputs` and nothing is
dropped silently, because a fact-checker must be able to tell "not in the sources" from "the source was unreadable".

Reading is lazy and streaming: folders are walked in sorted order (deterministic ids and output), multi-document
files (JSONL, WARC) are read record by record, and the heavy parsers (trafilatura, feedparser, warcio) are only
imported when their format appears. Format modules: `readers_sniff` (detection, decoding), `readers_html`,
`readers_records` (JSONL/JSON, feeds, WARC).
"""

from __future__ import annotations

import hashlib
import os
import stat
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from newsprism.io.sniff import GZIP_MAGIC, binary_kind, clean_meta, decode, sniff, xml_root
from newsprism.model import Rejected
from newsprism.nlp.load import MAX_DOC_CHARS

# Largest single-document file read (after decompression). News articles are kilobytes; anything this big is a
# dump, a log or an attack, and reading it whole would cost memory for nothing.
MAX_DOC_BYTES = 20 * 1024 * 1024
# Feeds are parsed whole by feedparser, so they get their own, larger cap.
MAX_FEED_BYTES = 100 * 1024 * 1024
HEAD_BYTES = 64 * 1024
JSON_SUFFIXES = {".jsonl", ".ndjson", ".jl", ".json"}
# Rejections listed one by one per input file; past this, the rest of that file's rejections are counted by
# reason in one summary line. 100,000 empty records in a 337-byte .jsonl.gz must not become 100,000 warnings and
# a 14 MB list in analysis.json.
MAX_REJECTED_PER_FILE = 100
_SPECIAL = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
            (stat.S_ISBLK, "a block device"))


@dataclass
class DocHints:
    """Metadata a format itself carries (HTML meta tags, JSONL fields, feed items); None when absent."""

    title: str | None = None
    outlet: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None  # ISO date as given by the format
    url: str | None = None


@dataclass
class RawDoc:
    id: str
    source: str  # path (path#line or path#item for multi-document files) or url
    fmt: str  # text | html | jsonl | rss | warc
    text: str  # plain text: for html the main text trafilatura extracted
    hints: DocHints = field(default_factory=DocHints)
    content_hash: str = ""
    # True when `text` may start with free-form header lines (title, outlet, byline, date), as in plain .txt files.
    has_header: bool = True
    encoding: str | None = None  # the charset the bytes were decoded from, when it was not plain UTF-8


def sha1(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()


def size_text(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n} bytes"


def read_inputs(paths: Iterable[str], follow_symlinks: bool = False,
                own_files: Iterable[Path] = ()) -> Iterator[RawDoc | Rejected]:
    """Every article in `paths` (files or folders, walked recursively in sorted order), or why it was rejected.

    `own_files` are the run's own store and its lock and journal files: when the output folder sits inside an
    input folder they are met on the walk, and they are the run's outputs, not its inputs, so they are passed by.

    A symbolic link inside a folder that leads out of it is rejected unless `follow_symlinks`: a shared or
    downloaded folder must not make the run read (and copy into its outputs) files elsewhere on the machine.
    Every id, source and hint is `clean_meta`-sanitised here, once, so that nothing later has to."""
    visited: set[tuple[int, int]] = set()
    own = {q for q in (_real(Path(f)) for f in own_files) if q is not None}
    for p in paths:
        top = Path(p)
        root = None if follow_symlinks else _real(top)
        for item in _walk(top, visited, top=True, root=root):
            if not isinstance(item, Rejected) and own and _real(item[0]) in own:
                continue
            if isinstance(item, Rejected):
                yield _clean(item)
            else:
                src = str(item[0])
                yield from (_clean(x) for x in _capped(src, _guarded(src, _read_file(item[0], item[1]))))


def _real(path: Path) -> Path | None:
    try:
        return path.resolve(strict=True)
    except (OSError, RuntimeError):
        return None


def _clean(item: RawDoc | Rejected) -> RawDoc | Rejected:
    """Metadata made safe to store and print (see `clean_meta`); the source keeps `#N` and the id stays
    non-empty. A file name with an undecodable byte shows it as U+FFFD."""
    if isinstance(item, Rejected):
        return Rejected(source=clean_meta(item.source) or "?", reason=clean_meta(item.reason) or "rejected")
    item.id = clean_meta(item.id, limit=200) or sha1(item.source.encode("utf-8", "surrogatepass"))[:12]
    item.source = clean_meta(item.source) or "?"
    h = item.hints
    item.hints = DocHints(title=clean_meta(h.title), outlet=clean_meta(h.outlet, limit=200),
                          authors=[a for a in (clean_meta(x, limit=200) for x in h.authors[:50]) if a],
                          published=clean_meta(h.published, limit=100), url=clean_meta(h.url, limit=2000))
    return item


def _capped(src: str, items: Iterator[RawDoc | Rejected]) -> Iterator[RawDoc | Rejected]:
    """All documents of one file, and its first MAX_REJECTED_PER_FILE rejections; the rest are counted by
    reason and given as one last rejection that says how many records it stands for."""
    listed = 0
    rest: dict[str, int] = {}
    for it in items:
        if isinstance(it, RawDoc) or listed < MAX_REJECTED_PER_FILE:
            listed += isinstance(it, Rejected)
            yield it
            continue
        why = it.reason.split(" (", 1)[0]
        why = "line N is not valid JSON" if why.startswith("line ") and "not valid JSON" in why else why
        rest[why] = rest.get(why, 0) + 1
    if rest:
        total = sum(rest.values())
        kinds = "; ".join(f"{n} {why}" for why, n in sorted(rest.items(), key=lambda kv: (-kv[1], kv[0]))[:5])
        yield Rejected(src, f"{total} more records rejected, not listed one by one (over "
                            f"{MAX_REJECTED_PER_FILE} in one file): {kinds}")


def summarised_count(reason: str) -> int:
    """How many input records one rejection stands for: the count a per-file summary names, else 1."""
    if " more records rejected, not listed one by one" in reason:
        head = reason.split(" ", 1)[0]
        return int(head) if head.isdigit() else 1
    return 1


def _walk(path: Path, visited: set[tuple[int, int]], top: bool,
          root: Path | None = None) -> Iterator[tuple[Path, int] | Rejected]:
    """Regular files to read with their size, or rejections for everything else met on the way."""
    src = str(path)
    if not top and root is not None and path.is_symlink():
        target = _real(path)
        if target is not None and not target.is_relative_to(root):
            yield Rejected(src, "symbolic link to outside the input folder (use --follow-symlinks to read it)")
            return
    if not top and path.name.startswith("."):
        # Finder/Explorer droppings (.DS_Store) and VCS folders: never articles, but still reported.
        kind = "folder" if path.is_dir() and not path.is_symlink() else "file"
        yield Rejected(src, f"hidden {kind} skipped")
        return
    try:
        st = path.stat()
    except FileNotFoundError:
        yield Rejected(src, "broken symbolic link" if path.is_symlink() else "no such file or folder")
        return
    except PermissionError:
        yield Rejected(src, "permission denied")
        return
    except OSError as exc:
        yield Rejected(src, f"cannot be accessed: {exc.strerror or exc}")
        return
    if stat.S_ISDIR(st.st_mode):
        key = (st.st_dev, st.st_ino)
        if key in visited:
            yield Rejected(src, "folder already read (symbolic link loop or repeated path)")
            return
        visited.add(key)
        try:
            children = sorted(os.scandir(path), key=lambda e: e.name)
        except PermissionError:
            yield Rejected(src, "permission denied (folder cannot be listed)")
            return
        except OSError as exc:
            yield Rejected(src, f"folder cannot be listed: {exc.strerror or exc}")
            return
        if not children and top:
            yield Rejected(src, "empty folder")
        for child in children:
            yield from _walk(Path(child.path), visited, top=False, root=root)
        return
    if not stat.S_ISREG(st.st_mode):
        what = next((name for test, name in _SPECIAL if test(st.st_mode)), "not a regular file")
        yield Rejected(src, f"not a regular file ({what})")
        return
    yield path, st.st_size


def _guarded(src: str, items: Iterator[RawDoc | Rejected]) -> Iterator[RawDoc | Rejected]:
    """The last line of defence: a reader bug or an OS error becomes a rejection of that file, not a crash."""
    try:
        yield from items
    except PermissionError:
        yield Rejected(src, "permission denied")
    except OSError as exc:
        yield Rejected(src, f"could not be read: {exc.strerror or exc}")
    except Exception as exc:  # noqa: BLE001 - any parser failure on hostile input must stay one rejection
        yield Rejected(src, f"could not be read: {type(exc).__name__}: {str(exc)[:200]}")


def doc_stem(path: Path) -> tuple[str, str]:
    """(id stem, format suffix) with a compression suffix removed: `a.html.gz` -> ("a", ".html")."""
    name = path.name
    if name.lower().endswith(".gz"):
        name = name[:-3]
    p = Path(name)
    return (p.stem or name), p.suffix.lower()


def _gunzip_head(head: bytes) -> bytes:
    """The first decompressed bytes; a truncated stream still yields what it has (enough to sniff)."""
    try:
        return zlib.decompressobj(wbits=31).decompress(head, HEAD_BYTES)
    except zlib.error:
        return b""


def _read_file(path: Path, size: int) -> Iterator[RawDoc | Rejected]:
    src = str(path)
    if size == 0:
        yield Rejected(src, "empty file (0 bytes)")
        return
    stem, suffix = doc_stem(path)
    with open(path, "rb") as fh:
        head = fh.read(HEAD_BYTES)
        gz = head.startswith(GZIP_MAGIC)
        dhead = _gunzip_head(head) if gz else head
        if gz and not dhead:
            yield Rejected(src, "corrupt gzip file (nothing could be decompressed)")
            return
        kind = binary_kind(dhead)
        if gz and dhead.startswith(GZIP_MAGIC):
            kind = "gzip inside gzip"
        if kind:
            yield Rejected(src, f"binary file ({kind}), not an article")
            return
        fmt = sniff(dhead, suffix)
        fh.seek(0)
        if fmt == "warc":
            from newsprism.io.records import read_warc

            # warcio handles per-record gzip itself, so it gets the raw file.
            yield from read_warc(fh, src, stem)
            return
        import gzip

        stream = gzip.GzipFile(fileobj=fh, mode="rb") if gz else fh
        if fmt == "jsonl":
            from newsprism.io.records import read_jsonl

            yield from read_jsonl(stream, src, stem, whole_ok=size <= MAX_DOC_BYTES,
                                  text_ok=suffix not in JSON_SUFFIXES)
            return
        limit = MAX_FEED_BYTES if fmt == "feed" else MAX_DOC_BYTES
        if size > limit:
            yield Rejected(src, f"file too large: {size_text(size)} (limit {size_text(limit)} for one "
                                f"{'feed' if fmt == 'feed' else 'document'})")
            return
        data = _read_capped(stream, limit)
        if data is None:
            yield Rejected(src, f"file too large: decompresses to more than {size_text(limit)}")
            return
    if fmt == "feed":
        from newsprism.io.records import read_feed

        yield from read_feed(data, src, stem)
        return
    if fmt == "json":
        from newsprism.io.records import read_json

        yield from read_json(data, src, stem)
        return
    yield doc_from_bytes(data, src, stem, fmt)


def _read_capped(stream, limit: int) -> bytes | None:
    try:
        data = stream.read(limit + 1)
    except EOFError:
        raise OSError("truncated gzip file") from None
    return None if len(data) > limit else data


def over_char_budget(text: str) -> str | None:
    """Why a text is too long to annotate (see nlp.load.MAX_DOC_CHARS), or None."""
    if len(text) > MAX_DOC_CHARS:
        return f"text too long: {len(text):,} characters (limit {MAX_DOC_CHARS:,} for one document)"
    return None


def doc_from_bytes(data: bytes, src: str, doc_id: str, fmt: str, charset: str | None = None,
                   url: str | None = None) -> RawDoc | Rejected:
    """One text or HTML document from its bytes (files, WARC records)."""
    dec = decode(data, hint=charset)
    if dec.text is None:
        return Rejected(src, dec.reason or "could not be decoded")
    enc = None if dec.encoding in ("utf-8", "utf-8-sig") else dec.encoding
    if fmt == "text":
        if too_long := over_char_budget(dec.text):
            return Rejected(src, too_long)
        return RawDoc(id=doc_id, source=src, fmt="text", text=dec.text, content_hash=sha1(data), encoding=enc)
    if fmt == "xml":
        root = xml_root(dec.text.encode("utf-8", "replace"))
        return Rejected(src, f"XML document with root <{root}> is neither a news feed nor a web page")
    from newsprism.io.html import extract_html, over_budget

    if costly := over_budget(dec.text):
        return Rejected(src, costly)
    res = extract_html(dec.text, url=url)
    if res is None:
        return Rejected(src, "HTML page without article text (truncated, empty or not an article)")
    if too_long := over_char_budget(res.text):
        return Rejected(src, too_long)
    hints = DocHints(title=res.title, outlet=res.outlet, authors=res.authors, published=res.published,
                     url=res.url or url)
    return RawDoc(id=doc_id, source=src, fmt="html", text=res.text, hints=hints, content_hash=sha1(data),
                  has_header=False, encoding=enc)
