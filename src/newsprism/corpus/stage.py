"""What a corpus stage is, and what it is given to run.

A corpus stage reads fields of the `Analysis` that earlier stages made and fills others. It runs as
`stage.run(analysis, ctx)`: the context carries the executor (how independent blocks of work are spread over
processes or a cluster) and the progress callback, so that no stage imports an executor or the spool, and the run
(run/pipeline.py) can time and report every stage the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from newsprism.model import Analysis

T = TypeVar("T")
R = TypeVar("R")

Progress = Callable[[str, int, int], None]


class Executor(Protocol):
    """An ordered, streaming map: `fn` over `items`, results in input order, consumed as they come (so that
    a corpus larger than memory streams through). `fn` and the items must be picklable when `workers` > 1."""

    workers: int

    def map(self, fn: Callable[[T], R], items: Iterable[T], chunksize: int = 1) -> Iterator[R]: ...


@dataclass(frozen=True)
class Inline:
    """The executor of a single process: what tests and small corpora use, and the reference the others equal."""

    workers: int = 1

    def map(self, fn: Callable[[T], R], items: Iterable[T], chunksize: int = 1) -> Iterator[R]:
        return map(fn, items)


def _quiet(stage: str, done: int, total: int) -> None:
    return None


@dataclass
class StageContext:
    executor: Executor = field(default_factory=Inline)
    progress: Progress = _quiet
    # Sentence embeddings as an extra fact-alignment signal (the optional `embed` extra).
    embed: bool = False


@dataclass(frozen=True)
class CorpusStage:
    """One cross-document stage: `needs` and `makes` name `Analysis` fields, so the order of the stage list
    can be checked (run/pipeline.py) rather than remembered."""

    name: str
    needs: tuple[str, ...]
    makes: tuple[str, ...]
    run: Callable[[Analysis, StageContext], None]
