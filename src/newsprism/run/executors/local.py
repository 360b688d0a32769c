"""Local executor: a process pool sized to the machine, spaCy loaded once per worker.

Order of results equals order of inputs, so the output is deterministic whatever the worker count.
"""

from __future__ import annotations

import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

IN_FLIGHT = 4  # tasks queued per worker: enough that none waits for the next, few enough to stay small


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def map_ordered(fn: Callable[[T], R], items: Iterable[T], workers: int = 1, chunksize: int = 4) -> Iterator[R]:
    """fn over items, in input order; inline when workers <= 1 (no pickling, easiest to debug).

    At most a few tasks per worker are in flight: `ProcessPoolExecutor.map` would take the whole input up
    front, which holds every raw document of a large corpus in memory before the first one is done."""
    if workers <= 1:
        for item in items:
            yield fn(item)
        return
    with ProcessPoolExecutor(max_workers=workers, initializer=_worker_init) as pool:
        window: deque[Future[list[R]]] = deque()
        for chunk in _chunks(items, chunksize):
            window.append(pool.submit(_apply, fn, chunk))
            if len(window) >= IN_FLIGHT * workers:
                yield from window.popleft().result()
        while window:
            yield from window.popleft().result()


_PR_SET_PDEATHSIG = 1


def _worker_init() -> None:
    """A worker ends with its parent. If the parent is killed (SIGKILL cannot be handled, so the pool never
    shuts down), the kernel sends the worker SIGKILL (PR_SET_PDEATHSIG, Linux); without it, workers of a
    killed run go on parsing for minutes. SIGINT is left to the parent, whose exit shuts the pool down, and
    SIGTERM ends the worker at once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            return
        if os.getppid() == 1:  # the parent died before prctl took effect: nobody will ever read our results
            os._exit(1)


def end_workers_on_sigterm() -> None:
    """In the parent (the CLI): SIGTERM ends the workers first, then the run, through SystemExit, so that
    `finally` blocks and context managers (the store's transaction, temporary files) unwind as on Ctrl-C."""
    def _handler(signum: int, _frame: object) -> None:
        import multiprocessing

        for child in multiprocessing.active_children():
            child.terminate()
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, _handler)


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    it = iter(items)
    while chunk := list(islice(it, max(1, size))):
        yield chunk


def _apply(fn: Callable[[T], R], chunk: list[T]) -> list[R]:
    return [fn(x) for x in chunk]


def batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive runs of `size` items, made as they are consumed: one task each, so that a worker can batch
    its spaCy calls."""
    return _chunks(items, size)


class LocalExecutor:
    """A process pool of `workers` (inline when 1), results in input order."""

    def __init__(self, workers: int = 1) -> None:
        self.workers = workers

    def map(self, fn: Callable[[T], R], items: Iterable[T], chunksize: int = 1) -> Iterator[R]:
        return map_ordered(fn, items, workers=self.workers, chunksize=chunksize)
