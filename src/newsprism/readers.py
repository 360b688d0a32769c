"""Input readers. STUB: being replaced by the readers work (issue 3 part 2)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .model import Rejected


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


def read_inputs(paths: Iterable[str]) -> Iterator[RawDoc | Rejected]:
    for p in paths:
        for f in sorted(Path(p).rglob("*")) if Path(p).is_dir() else [Path(p)]:
            if f.is_file():
                data = f.read_bytes()
                yield RawDoc(id=f.stem, source=str(f), fmt="text", text=data.decode("utf-8", "replace"),
                             content_hash=hashlib.sha1(data).hexdigest())
