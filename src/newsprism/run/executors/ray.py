"""Ray executor (optional extra `ray`): the same ordered, streaming map as the local executor, on a local Ray or
on a cluster when RAY_ADDRESS is set.

Work goes out as Ray tasks of `chunksize` items, with at most a few tasks per worker in flight, and results are
yielded in input order as they complete: the corpus is never materialised (a crawl larger than memory streams
through, as it does through the local pool). Ray keeps its worker processes between tasks, so what a worker
loads once (the spaCy pipeline, the stance model) is loaded once per worker, not per task.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

IN_FLIGHT = 4  # tasks queued per worker, as for the local pool


def _apply(fn: Callable[[T], R], chunk: list[T]) -> list[R]:
    return [fn(x) for x in chunk]


def _ensure_ray(workers: int):
    import ray

    if not ray.is_initialized():
        if os.environ.get("RAY_ADDRESS"):
            ray.init(address=os.environ["RAY_ADDRESS"], log_to_driver=False)
        else:
            ray.init(num_cpus=max(1, workers), include_dashboard=False, log_to_driver=False,
                     configure_logging=False)
    return ray


class RayExecutor:
    def __init__(self, workers: int = 1) -> None:
        self.workers = max(1, workers)
        self._task = None

    def map(self, fn: Callable[[T], R], items: Iterable[T], chunksize: int = 1) -> Iterator[R]:
        ray = _ensure_ray(self.workers)
        if self._task is None:
            self._task = ray.remote(_apply)
        window: deque = deque()
        it = iter(items)
        fn_ref = ray.put(fn)
        while chunk := list(islice(it, max(1, chunksize))):
            window.append(self._task.remote(fn_ref, chunk))
            if len(window) >= IN_FLIGHT * self.workers:
                yield from ray.get(window.popleft())
        while window:
            yield from ray.get(window.popleft())
