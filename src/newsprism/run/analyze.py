"""`newsprism analyze` as a library call: inputs -> Analysis, plus the files it writes.

A run is its steps, in this order: read and prepare -> reuse what the store already annotated -> annotate the rest
(checkpointing each result) -> corpus stages -> write. Kept apart from the CLI so that tests, benchmarks and
both executors drive exactly the same run.
"""

from __future__ import annotations

import logging
import os
import signal
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from newsprism.corpus.stage import Executor, StageContext
from newsprism.io import readers, store
from newsprism.model import Analysis, Article, Rejected
from newsprism.run import pipeline
from newsprism.run.executors import make_executor
from newsprism.run.executors.local import batches
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
    # Read symbolic links that lead out of an input folder (off: a folder must not pull in files elsewhere).
    follow_symlinks: bool = False
    # The other files the run writes (analysis.json, report.html): passed by when an input folder holds them.
    outputs: tuple[Path, ...] = ()


@dataclass
class RunResult:
    analysis: Analysis
    timings: dict[str, float] = field(default_factory=dict)
    reused: int = 0


def run(paths: list[str], opts: RunOptions, on_warning: Callable[[str], None] | None = None,
        progress: Callable[[str, int, int], None] | None = None) -> RunResult:
    """Read, clean, annotate and relate `paths`; `progress(stage, done, total)` is called as work advances."""
    warn = on_warning or log.warning
    tick = progress or (lambda stage, done, total: None)
    if opts.embed:
        from newsprism.corpus.facts import embed

        embed.require()  # before reading anything: a missing extra should not cost a whole annotation pass
    executor = make_executor(opts.executor, opts.workers)
    timings: dict[str, float] = {}
    cache = opts.checkpoint or opts.db
    with _timed(timings, "read+clean"):
        prepared, rejected = read_and_prepare(paths, executor, warn, opts.follow_symlinks, cache, opts.outputs)
    with _timed(timings, "annotate"):
        reused = reusable(prepared, cache) if cache is not None else {}
        n_reused = len(reused)
        annotated = ArticleSpool()
        hashes: set[str | None] = set()
        sink = _Checkpoint(cache) if cache is not None else None
        for got in annotate(prepared, reused, executor, tick, sink):
            if isinstance(got, Rejected):
                warn(f"rejected {got.source}: {got.reason}")
                rejected.append(got)
            else:
                annotated.append(got)
                hashes.add(got.content_hash)
        prepared.close()
        if sink is not None:
            sink.close()
    if opts.db is not None:
        add_stored_articles(annotated, opts.db, hashes)
    analysis = Analysis(articles=annotated, rejected=rejected)
    with _timed(timings, "corpus"):
        pipeline.run_corpus_stages(analysis, StageContext(executor, tick, opts.embed), timings)
    return RunResult(analysis=analysis, timings=timings, reused=n_reused)


def read_and_prepare(paths: Iterable[str], executor: Executor, warn: Callable[[str], None],
                     follow_symlinks: bool = False, store: Path | None = None,
                     outputs: Iterable[Path] = ()) -> tuple[ArticleSpool, list[Rejected]]:
    """Pass 1 into a spool, ids made unique (two inputs with one id would make ids ambiguous everywhere
    downstream: the later one is rejected), then the corpus-level boilerplate pass."""
    prepared = ArticleSpool()
    rejected: list[Rejected] = []
    seen: dict[str, str] = {}
    own = [Path(f"{store}{end}") for end in ("", ".lock", "-journal", "-wal", "-shm")] if store else []
    own += [Path(f) for f in outputs]
    raw = readers.read_inputs(paths, follow_symlinks=follow_symlinks, own_files=own)
    for it in executor.map(pipeline.prepare_safe, raw, chunksize=32):
        if isinstance(it, Article) and it.id in seen:
            it = Rejected(source=it.source, reason=f"duplicate id {it.id!r} (first read from {seen[it.id]})")
        if isinstance(it, Rejected):
            warn(f"rejected {it.source}: {it.reason}")
            rejected.append(it)
        else:
            seen[it.id] = it.source
            prepared.append(it)
    pipeline.finish_pass1(prepared)
    return prepared, rejected


def annotate(prepared: ArticleSpool, reused: dict[str, Reuse], executor: Executor,
             tick: Callable[[str, int, int], None], sink: _Checkpoint | None = None
             ) -> Iterator[Article | Rejected]:
    """Every prepared article annotated, in input order: taken from `reused`, or annotated on the executor (in
    batches of 16, one task each, so a worker's spaCy batches across them) and checkpointed to `sink`."""
    skip = frozenset(reused)
    total = sum(1 for i in prepared.ids if i not in skip)
    fresh = (a for a in prepared if a.id not in skip)
    results = (r for part in executor.map(pipeline.annotate_keyed, batches(fresh, 16)) for r in part)
    done = 0
    for art_id in prepared.ids:
        if art_id in skip:
            got = reused[art_id].article()
            if sink is not None and reused[art_id].saved.id != art_id:
                # taken over from another id, whose stored annotation goes when that id leaves the corpus
                sink.add(got)
            yield got
            continue
        got_id, got = next(results)
        if got_id != art_id:
            raise RuntimeError(f"annotation results out of order: expected {art_id!r}, got {got_id!r}")
        done += 1
        tick("annotate", done, total)
        if sink is not None and isinstance(got, Article):
            sink.add(got)
        yield got
    if sink is not None:
        sink.flush()


def add_stored_articles(articles: ArticleSpool, db: Path, hashes: set[str | None]) -> None:
    """Incremental runs: articles of the store's last analysis that are not in this input (by id or content)
    stay part of the corpus, as annotation made them (their stored form carries the old corpus's names). They
    follow the input's articles, in id order: the input keeps its order (the contract's), and a run whose input
    holds every stored article lists them as a clean run does."""
    if not Path(db).exists():
        return
    have = set(articles.ids)
    keep = set(store.stored_ids(db)) - have
    found: set[str] = set()
    for saved in store.annotations(db, ids=keep):
        found.add(saved.id)
        _add_unless_read(articles, saved.article(), hashes)
    # A store written without annotations (by write_store alone) has only the articles' final form.
    rest = sorted(keep - found)
    for a in store.iter_articles(db, rest) if rest else ():
        _add_unless_read(articles, _relocalize(a), hashes)


def _add_unless_read(articles: ArticleSpool, a: Article, hashes: set[str | None]) -> None:
    if a.content_hash not in hashes:  # the same content under another id in this input: that one counts
        articles.append(a)


@contextmanager
def _timed(timings: dict[str, float], name: str):
    t0 = time.perf_counter()
    yield
    timings[name] = time.perf_counter() - t0


class _Checkpoint:
    """Per-document results into the store's annotations in small transactions: a run killed at any point
    leaves whole articles only, which the next run reuses through their content hash."""

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

    def close(self) -> None:
        self.flush()
        self.db.close()

    def flush(self) -> None:
        if self.pending:
            store.save_annotations(self.db, self.pending)
            self.written += len(self.pending)
            self.pending = []
            _maybe_die_for_test(self.written)


def _maybe_die_for_test(written: int) -> None:
    # Crash-safety tests SIGKILL the process at a chosen point; nothing else reads this variable.
    limit = os.environ.get("NEWSPRISM_TEST_KILL_AFTER")
    if limit and written >= int(limit):
        os.kill(os.getpid(), signal.SIGKILL)


@dataclass(frozen=True)
class Reuse:
    """A stored annotation that an input article takes over, read when its turn comes (holding every reused
    article as objects would cost ~20 KB each for the whole annotation pass)."""

    saved: store.Annotation
    id: str
    source: str

    def article(self) -> Article:
        a = self.saved.article()  # a copy per input: two inputs may share one content hash
        a.id, a.source = self.id, self.source
        return a


def reusable(arts: ArticleSpool, db: Path) -> dict[str, Reuse]:
    """Articles the store already annotated: same input bytes AND the same result of pass 1 (the body can
    change when new articles of the same outlet reveal more repeated boilerplate, and then offsets would be
    stale). Each is the article as annotation made it, so a reused article is the one a fresh run makes."""
    if not Path(db).exists():
        return {}
    wanted = {a.content_hash for a in arts}
    by_hash = {x.content_hash: x for x in store.annotations(db, hashes=wanted)}
    reused = {}
    for a in arts:
        saved = by_hash.get(a.content_hash)
        if saved is not None:
            prev = saved.article()
            if all(getattr(prev, f) == getattr(a, f) for f in _PASS1_FIELDS):
                reused[a.id] = Reuse(saved, a.id, a.source)
    return reused


# What pass 1 (reading and cleaning) makes and annotation leaves as it is; the publication date is not among
# them, since annotation narrows it.
_PASS1_FIELDS = ("outlet", "title", "authors", "credit", "url", "language", "body", "removed")


def _relocalize(article: Article) -> Article:
    """Give a stored article its article-local entity ids back, so canonicalisation treats it like a fresh one."""
    local = {e.id: f"L{i}" for i, e in enumerate(article.entities, 1)}
    for e in article.entities:
        e.id = local[e.id]
    for q in article.quotes:
        if q.speaker_entity is not None:
            q.speaker_entity = local.get(q.speaker_entity)
    for lab in article.actor_labels:
        lab.entity = local.get(lab.entity, lab.entity)
    return article
