"""The article-collection interface every stage reads the corpus through.

A run of millions keeps its articles in an on-disk spool (run/spool.py); a test or a small corpus passes a plain
list. Stages must not care which: they read a `Collection` (a sequence of articles that can also be walked in id
order) and write a changed article back with `replace`. For a list, articles are live objects and `replace` is a
plain assignment; for the spool, every read is a fresh copy, so an article changed without `replace` would be lost.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Iterable, Iterator, Sequence

from newsprism.model import Article


class Collection(Sequence[Article]):
    """A sequence of articles with an explicit write-back and an id-ordered walk."""

    @abstractmethod
    def replace(self, i: int, article: Article) -> None:
        """Store article i as changed by a stage."""

    @abstractmethod
    def by_id(self) -> Iterator[Article]:
        """The articles in id order, one at a time (the order every corpus stage works in)."""

    @abstractmethod
    def append(self, article: Article) -> None: ...

    def extend(self, articles: Iterable[Article]) -> None:
        for a in articles:
            self.append(a)


class ArticleList(Collection):
    """Articles held in memory."""

    def __init__(self, articles: Iterable[Article] = ()) -> None:
        self._items: list[Article] = list(articles)

    def __len__(self) -> int:
        return len(self._items)

    def __getitem__(self, i):  # type: ignore[override]
        return self._items[i]

    def __iter__(self) -> Iterator[Article]:
        return iter(self._items)

    def replace(self, i: int, article: Article) -> None:
        self._items[i] = article

    def append(self, article: Article) -> None:
        self._items.append(article)

    def by_id(self) -> Iterator[Article]:
        return iter(sorted(self._items, key=lambda a: a.id))

    def __repr__(self) -> str:
        return f"ArticleList({self._items!r})"


def collection(articles: Sequence[Article]) -> Collection:
    """`articles` as a Collection: itself when it is one, else a list view of the same article objects (so a
    caller's plain list sees every in-place change)."""
    return articles if isinstance(articles, Collection) else ArticleList(articles)
