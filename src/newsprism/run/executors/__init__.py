"""Executors run independent work (per-document stages, blocks of a corpus stage): local processes by default,
Ray Data as an option. Both implement corpus.stage.Executor: an ordered, streaming map."""

from __future__ import annotations

from newsprism.corpus.stage import Executor


def make_executor(kind: str, workers: int) -> Executor:
    if kind == "ray":
        from newsprism.run.executors.ray import RayExecutor

        return RayExecutor(workers)
    if kind != "local":
        raise ValueError(f"unknown executor {kind!r} (local or ray)")
    from newsprism.run.executors.local import LocalExecutor

    return LocalExecutor(workers)
