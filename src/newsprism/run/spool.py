"""Annotated articles kept on disk during a run, so the main process's memory does not grow with the corpus.

An annotated article is ~20 KB of Python objects (entities and their mentions, quotes, times, ...). The corpus
stages read each article a few times, and each keeps only its own compact per-document summaries and indexes,
so holding every article as objects for the whole run was the main process's largest, linearly growing cost
(243 MB of 835 MB at 10,000 articles). An `ArticleSpool` appends each article as one compressed pickle
(~2.7 KB) to an unlinked temporary file and keeps only its offset; reading one back costs ~0.3 ms. It is a
`Sequence[Article]`: every read returns a fresh copy, so a stage that changes an article writes it back with
`replace`.
"""

from __future__ import annotations

import os
import pickle
import tempfile
import zlib
from collections.abc import Iterable, Iterator
from typing import overload

from newsprism.articles import Collection
from newsprism.model import Article


class ArticleSpool(Collection):
    def __init__(self, articles: Iterable[Article] = ()) -> None:
        # TemporaryFile is unlinked at once on POSIX: nothing is left behind even when the run is killed.
        # Open for the spool's whole life, not one block; closed by close() or when the spool is collected.
        self._file = tempfile.TemporaryFile(prefix="newsprism-spool-")  # in $TMPDIR  # noqa: SIM115
        self._where: list[tuple[int, int]] = []
        self._end = 0
        self.ids: list[str] = []
        self.extend(articles)

    def append(self, article: Article) -> None:
        self._where.append(self._write(article))
        self.ids.append(article.id)

    def replace(self, i: int, article: Article) -> None:
        """Store a changed copy of article i (the old bytes stay in the file, unreferenced, until it closes)."""
        self._where[i] = self._write(article)
        self.ids[i] = article.id

    def sort_by_id(self) -> None:
        """Reorder without reading or rewriting any article: only the offsets move."""
        order = sorted(range(len(self)), key=self.ids.__getitem__)
        self._where = [self._where[i] for i in order]
        self.ids = [self.ids[i] for i in order]

    def _write(self, article: Article) -> tuple[int, int]:
        # Level 1: a third of level 6's time for 5 % more bytes.
        blob = zlib.compress(pickle.dumps(article, protocol=pickle.HIGHEST_PROTOCOL), 1)
        self._file.seek(self._end)
        self._file.write(blob)
        at, self._end = self._end, self._end + len(blob)
        return at, len(blob)

    def _read(self, i: int) -> Article:
        at, size = self._where[i]
        self._file.flush()
        return pickle.loads(zlib.decompress(os.pread(self._file.fileno(), size, at)))

    def __len__(self) -> int:
        return len(self._where)

    @overload
    def __getitem__(self, i: int) -> Article: ...

    @overload
    def __getitem__(self, i: slice) -> list[Article]: ...

    def __getitem__(self, i: int | slice) -> Article | list[Article]:
        if isinstance(i, slice):
            return [self._read(k) for k in range(*i.indices(len(self)))]
        return self._read(range(len(self))[i])  # range indexing: negative indexes and IndexError as for a list

    def __iter__(self) -> Iterator[Article]:
        for i in range(len(self)):
            yield self._read(i)

    def by_id(self) -> Iterator[Article]:
        """The articles in id order, one at a time (the order every corpus stage works in)."""
        for i in sorted(range(len(self)), key=self.ids.__getitem__):
            yield self._read(i)

    def close(self) -> None:
        self._file.close()

    # A spool is one process's scratch file: pickling it (to a worker, into a cache) copies the articles instead.
    def __reduce__(self):
        return list, (list(self),)

