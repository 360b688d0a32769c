"""`newsprism analyze` as a library call: inputs -> Analysis, plus the files it writes.

Kept apart from the CLI so that tests, benchmarks and the Ray executor drive exactly the same run.
"""

from __future__ import annotations

import logging
import os
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsprism.io import json_writer as writers
from newsprism.io import store
from newsprism.model import Analysis, Article, Rejected
from newsprism.run import pipeline
from newsprism.run.executors.local import batches, map_ordered
from newsprism.run.spool import ArticleSpool

log = logging.getLogger("newsprism")


@dataclass
class RunOptions:
    workers: int = 1
    executor: str = "local"  # local | ray
    db: Path | None = None  # an existing store to add to (incremental): its other articles stay in the corpus
    # Where per-document results are written as they come, so that a killed run resumes where it stopped.
    checkpoint: Path | None = None
    report: bool = True
    # Sentence embeddings as an extra fact-alignment signal (`newsprism[embed]`; loads torch only when True).
    embed: bool = False


@dataclass
class RunResult:
    analysis: Analysis
    timings: dict[str, float] = field(default_factory=dict)
    reused: int = 0


def _dedupe_ids(items: Iterable[Article | Rejected], into: list[Article] | ArticleSpool | None = None
                ) -> tuple[Sequence[Article], list[Rejected]]:
    """Two inputs with one id would make ids ambiguous everywhere downstream: the later one is rejected."""
    seen: dict[str, str] = {}
    arts = [] if into is None else into
    rejected: list[Rejected] = []
    for it in items:
        if isinstance(it, Rejected):
            rejected.append(it)
        elif it.id in seen:
            rejected.append(Rejected(source=it.source, reason=f"duplicate id {it.id!r} (first read from {seen[it.id]})"))
        else:
            seen[it.id] = it.source
            arts.append(it)
    return arts, rejected


def run(paths: list[str], opts: RunOptions, on_warning: Callable[[str], None] | None = None,
        progress: Callable[[str, int, int], None] | None = None) -> RunResult:
    """Read, clean, annotate and relate `paths`; `progress(stage, done, total)` is called as work advances."""
    warn = on_warning or log.warning
    tick = progress or (lambda stage, done, total: None)
    timings: dict[str, float] = {}
    if opts.embed:
        from newsprism.corpus.facts import embed

        embed.require()  # before reading anything: a missing extra should not cost a whole annotation pass
    t0 = time.perf_counter()
    # Prepared and annotated articles both live in spools (spool.py), not in this process's memory.
    prepared = ArticleSpool()
    _, rejected = _dedupe_ids(pipeline.read_and_prepare(paths, workers=opts.workers), prepared)
    for r in rejected:
        warn(f"rejected {r.source}: {r.reason}")
    pipeline.finish_pass1(prepared)
    timings["read+clean"] = time.perf_counter() - t0

    t1 = time.perf_counter()
    cache = opts.checkpoint or opts.db
    reused = _reusable(prepared, cache) if cache is not None else {}
    reuse = frozenset(reused)  # fixed here: the loop below pops `reused` while todo() is still being read
    n_todo = sum(1 for i in prepared.ids if i not in reuse)
    sent: deque[tuple[str, str]] = deque()  # (id, source) of the articles handed to the executor, in order

    def todo() -> Iterator[Article]:
        for a in prepared:
            if a.id not in reuse:
                sent.append((a.id, a.source))
                yield a

    sink = _Checkpoint(cache) if cache is not None else None
    spooled = ArticleSpool()
    hashes: set[str | None] = set()
    results = iter(_annotator(opts)(todo()))
    done = 0
    for art_id in list(prepared.ids):
        got = reused.pop(art_id, None)
        if got is None:
            got = _next_result(results, sent, art_id)
            done += 1
            tick("annotate", done, n_todo)
            if sink is not None and isinstance(got, Article):
                sink.add(got)
        if isinstance(got, Rejected):
            warn(f"rejected {got.source}: {got.reason}")
            rejected.append(got)
        else:
            spooled.append(got)
            hashes.add(got.content_hash)
    if sink is not None:
        sink.flush()
    prepared.close()
    timings["annotate"] = time.perf_counter() - t1

    analysis = Analysis(articles=spooled, rejected=rejected)
    if opts.db is not None and Path(opts.db).exists():
        # Articles already in the store but not in this input stay part of the corpus.
        have = set(spooled.ids)
        for a in store.iter_articles(opts.db):
            if a.id not in have and a.content_hash not in hashes:
                _relocalize(a)
                spooled.append(a)
        spooled.sort_by_id()
    n_reused = len(prepared) - n_todo
    t2 = time.perf_counter()
    clock = _StageClock(timings, tick)
    pipeline.corpus_stages(analysis, progress=clock.start, embed=opts.embed, workers=opts.workers)
    clock.start(None)
    timings["corpus"] = time.perf_counter() - t2
    return RunResult(analysis=analysis, timings=timings, reused=n_reused)


@dataclass
class _StageClock:
    """Seconds per corpus stage into `timings` ("corpus:facts"), so benchmarks can say which stage costs what."""
    timings: dict[str, float]
    tick: Callable[[str, int, int], None]
    name: str | None = None
    since: float = 0.0

    def start(self, name: str | None) -> None:
        now = time.perf_counter()
        if self.name is not None:
            self.timings[f"corpus:{self.name}"] = now - self.since
        self.name, self.since = name, now
        if name is not None:
            self.tick(name, 0, 0)


class _Checkpoint:
    """Per-document results into the store in small transactions: a run killed at any point leaves whole
    articles only, which the next run reuses through their content hash."""

    def __init__(self, path: Path, batch: int = 8) -> None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.db = store.open_db(path)
        self.batch = batch
        self.pending: list[Article] = []
        self.written = 0

    def add(self, article: Article) -> None:
        self.pending.append(article)
        if len(self.pending) >= self.batch:
            self.flush()

    def flush(self) -> None:
        if self.pending:
            store.upsert_articles(self.db, self.pending)
            self.written += len(self.pending)
            self.pending = []
            _maybe_die_for_test(self.written)


def _next_result(results: Iterator[Article | Rejected], sent: deque[tuple[str, str]],
                 art_id: str) -> Article | Rejected:
    """The annotation of article `art_id`, the oldest one handed out: both executors return one result per
    input, in input order."""
    got = next(results)
    sent_id, source = sent.popleft()
    if sent_id != art_id or (got.id if isinstance(got, Article) else got.source) not in (art_id, source):
        raise RuntimeError(f"annotation results out of order: expected {art_id!r}")
    return got


def _maybe_die_for_test(written: int) -> None:
    # Crash-safety tests SIGKILL the process at a chosen point; nothing else reads this variable.
    limit = os.environ.get("NEWSPRISM_TEST_KILL_AFTER")
    if limit and written >= int(limit):
        os.kill(os.getpid(), signal.SIGKILL)


def _reusable(arts: Sequence[Article], db: Path) -> dict[str, Article]:
    """Articles the store already annotated: same input bytes AND the same cleaned body (the body can change
    when new articles of the same outlet reveal more repeated boilerplate, and then offsets would be stale)."""
    if not Path(db).exists() or not store.known_hashes(db):
        return {}
    wanted = {a.content_hash for a in arts}
    old = {a.content_hash: a for a in store.iter_articles(db) if a.content_hash in wanted}
    reused = {}
    for a in arts:
        prev = old.get(a.content_hash)
        if prev is not None and prev.body == a.body:
            prev.id, prev.source = a.id, a.source
            _relocalize(prev)
            reused[a.id] = prev
    return reused


def _relocalize(article: Article) -> None:
    """Give a stored article its article-local entity ids back, so canonicalisation treats it like a fresh one."""
    local = {e.id: f"L{i}" for i, e in enumerate(article.entities, 1)}
    for e in article.entities:
        e.id = local[e.id]
    for q in article.quotes:
        if q.speaker_entity is not None:
            q.speaker_entity = local.get(q.speaker_entity)
    for lab in article.actor_labels:
        lab.entity = local.get(lab.entity, lab.entity)


def _annotator(opts: RunOptions) -> Callable[[Iterable[Article]], Iterable[Article | Rejected]]:
    if opts.executor == "ray":
        from newsprism.run.executors.ray import annotate_all

        return lambda arts: annotate_all(list(arts), workers=opts.workers)
    # Batches of 16 go to a worker as one task: nlp.pipe batches the network across them, and results come
    # back in input order, so the output does not depend on the worker count.
    return lambda arts: (r for part in map_ordered(pipeline.annotate_batch, batches(arts, 16),
                                                   workers=opts.workers, chunksize=1) for r in part)


def write_outputs(result: RunResult, out: Path, db: Path | None = None, report: bool = True) -> dict[str, Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = {"json": out / "analysis.json", "db": db or out / "newsprism.db"}
    writers.write_json(result.analysis, paths["json"])
    store.write_store(result.analysis, paths["db"])
    if report:
        from newsprism.apps.report import write_report

        paths["report"] = out / "report.html"
        write_report(result.analysis, paths["report"])
    return paths
