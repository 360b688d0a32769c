"""Claim checks for `newsprism serve`, in worker processes apart from the server, with an admission bound.

A check costs about a second of CPU (TF-IDF over candidate sentences, parsing of the evidence); run in the
server's process it holds the interpreter lock while pages and searches wait. Here each worker process loads
the NLP pipeline once and answers one claim at a time over a pipe. At most `workers` checks run at once: a
check that finds no idle worker is answered at once as busy (the page says so and sends Retry-After) rather
than queued, and one that takes longer than the time budget is answered as too long while its worker finishes
in the background (its slot stays taken until then, so the bound counts the work really running).

Workers end with the server: they are started from one thread that lives as long as the pool (the kernel's
parent-death signal follows the thread that started a process, not the process), with the same
PR_SET_PDEATHSIG set-up as the analysis workers.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

# The longest a request waits for its check; past it the page says "took too long" (the 2 s response bound of
# the load benchmark, less the rest of the request).
CHECK_TIME_S = 1.5
# Seconds a refused client is told to wait (Retry-After).
RETRY_AFTER_S = 3
# Longest a worker may take to load the NLP pipeline and answer its warm-up check.
_START_TIME_S = 300.0
# Results of checks that ran past their budget, kept for the reload the "took too long" page asks for.
_LATE_KEPT = 64


@dataclass(frozen=True)
class CheckOutcome:
    """`kind`: "done" (`result` holds the check's result), "busy" (every worker taken), "starting" (the workers
    are loading), "slow" (over the time budget) or "error" (the check raised; `result` holds the message)."""

    kind: str
    result: Any = None


def _default_check(claim: str, db_path: Path) -> Any:
    # looked up at call time: the NLP stack loads only when needed
    from newsprism.apps.check import check_claim

    return check_claim(claim, db_path)


def _worker_main(conn: Connection, fn: Callable[[str, Path], Any], db_path: Path) -> None:
    from newsprism.run.executors.local import _worker_init

    _worker_init()
    with contextlib.suppress(OSError):
        os.nice(10)  # on a machine with few cores, the pages and searches come first
    with contextlib.suppress(Exception):  # the real checks report their own errors
        if fn is _default_check:  # the pipeline loads here, not in the first user's check
            from newsprism.nlp.load import get_nlp

            get_nlp()
        fn("warm up the pipeline", db_path)
    conn.send(("ready", None))
    while True:
        try:
            claim = conn.recv()
        except (EOFError, OSError):
            return
        if claim is None:
            return
        try:
            conn.send(("done", fn(claim, db_path)))
        except Exception as exc:  # noqa: BLE001 - one failed check must not end the worker
            conn.send(("error", f"{type(exc).__name__}: {exc}"))


@dataclass
class _Worker:
    process: Any
    conn: Connection


class CheckWorkers:
    """A bounded set of check workers; `workers=0` runs checks in the caller's thread (scripts and tests),
    still bounded to one at a time."""

    def __init__(self, db_path: Path, workers: int = 1, fn: Callable[[str, Path], Any] | None = None,
                 time_s: float | None = None) -> None:
        self.db_path = Path(db_path)
        self.workers = max(0, workers)
        self.fn = fn
        self.time_s = time_s
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: list[_Worker] = []
        self._inline = threading.BoundedSemaphore(1)
        self._lock = threading.Lock()
        self._started = False
        self._n_ready = 0
        self._failed = ""
        self._closed = threading.Event()
        self._late: dict[str, CheckOutcome] = {}

    def start(self) -> None:
        """Start the workers (once; they load in the background): on the server's first check, or at startup."""
        with self._lock:
            if self._started or self.workers == 0:
                return
            self._started = True
        spawned = threading.Event()
        threading.Thread(target=self._keeper, args=(spawned,), name="check-workers", daemon=True).start()
        spawned.wait()

    def _keeper(self, spawned: threading.Event) -> None:
        try:
            self._spawn()
        except Exception as exc:  # noqa: BLE001 - shown on every check instead of a hung server
            self._failed = f"{type(exc).__name__}: {exc}"
        finally:
            spawned.set()
        self._closed.wait()  # the workers' parent-death signal is tied to this thread: it lives as long as the pool

    def _spawn(self) -> None:
        ctx = multiprocessing.get_context("spawn")  # the server has threads: a forked child could inherit held locks
        fn = self.fn or _default_check
        for _ in range(self.workers):
            here, there = ctx.Pipe()
            proc = ctx.Process(target=_worker_main, args=(there, fn, self.db_path), daemon=True,
                               name="newsprism-check")
            proc.start()
            there.close()
            worker = _Worker(proc, here)
            self._all.append(worker)
            threading.Thread(target=self._await_ready, args=(worker,), daemon=True).start()

    def _await_ready(self, worker: _Worker) -> None:
        if worker.conn.poll(_START_TIME_S):
            try:
                worker.conn.recv()
            except (EOFError, OSError):
                return
            with self._lock:
                self._n_ready += 1
            self._idle.put(worker)

    def run(self, claim: str) -> CheckOutcome:
        if self.workers == 0:
            return self._run_inline(claim)
        self.start()
        if self._failed:
            return CheckOutcome("error", f"the check workers could not start ({self._failed})")
        with self._lock:
            late = self._late.pop(claim, None)
        if late is not None:
            return late
        try:
            worker = self._idle.get_nowait()
        except queue.Empty:
            return CheckOutcome("busy" if self.ready() else "starting")
        try:
            worker.conn.send(claim)
            arrived = worker.conn.poll(self._budget())
        except OSError as exc:
            return CheckOutcome("error", f"check worker unavailable: {type(exc).__name__}")
        if not arrived:
            threading.Thread(target=self._finish, args=(worker, claim), daemon=True).start()
            return CheckOutcome("slow")
        return self._received(worker)

    def _budget(self) -> float:
        return CHECK_TIME_S if self.time_s is None else self.time_s

    def _received(self, worker: _Worker) -> CheckOutcome:
        try:
            kind, result = worker.conn.recv()
        except (EOFError, OSError) as exc:
            return CheckOutcome("error", f"check worker ended: {type(exc).__name__}")
        self._idle.put(worker)
        return CheckOutcome(kind, result)

    def _finish(self, worker: _Worker, claim: str) -> None:
        """A check over its budget: its worker comes back to the pool when the check ends, and its result is kept
        for the reload the "took too long" page asks for."""
        worker.conn.poll(None)
        outcome = self._received(worker)
        with self._lock:
            if len(self._late) >= _LATE_KEPT:
                self._late.pop(next(iter(self._late)))
            self._late[claim] = outcome

    def _run_inline(self, claim: str) -> CheckOutcome:
        if not self._inline.acquire(blocking=False):
            return CheckOutcome("busy")
        try:
            return CheckOutcome("done", (self.fn or _default_check)(claim, self.db_path))
        finally:
            self._inline.release()

    def ready(self) -> bool:
        """Whether every worker has loaded (a busy answer then means the bound, not the start-up)."""
        return self._n_ready >= self.workers

    def close(self) -> None:
        for worker in self._all:
            with contextlib.suppress(OSError):
                worker.conn.send(None)
            worker.process.join(timeout=2)
            if worker.process.is_alive():
                worker.process.kill()
            worker.conn.close()
        self._closed.set()
