"""Local executor: a process pool sized to the machine, spaCy loaded once per worker.

Order of results equals order of inputs, so the output is deterministic whatever the worker count.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def map_ordered(fn: Callable[[T], R], items: Iterable[T], workers: int = 1, chunksize: int = 4) -> Iterator[R]:
    """fn over items, in input order; inline when workers <= 1 (no pickling, easiest to debug)."""
    if workers <= 1:
        for item in items:
            yield fn(item)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(fn, items, chunksize=chunksize)


def batches(items: list[T], size: int) -> list[list[T]]:
    """Consecutive slices of `size` items: one task each, so that a worker can batch its spaCy calls."""
    return [items[i:i + size] for i in range(0, len(items), size)]
