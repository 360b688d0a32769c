"""The SQLite store: the analysis in queryable tables, FTS5 over article bodies and facts.

Per-document tables are keyed by article id and carry the content hash of the input. The whole article record
is also kept as JSON (`articles.json`), and every corpus-level record as one row of `corpus_records` (one per
list item, in order), which makes the store a lossless source for `newsprism report` and the web app. Each
article as annotation made it, before the corpus stages, is kept apart (`annotations`): an incremental or
resumed run reuses those and re-derives only the corpus tables (they are small next to the documents).
A whole analysis is written in one transaction, by one run at a time (`writer_lock`).

Readers (report, web app, check) go through one read API here: `connect_readonly` (SQLite's mode=ro, so a
reader can never change what a user analysed) and `fts_query` (free text as a safe FTS5 query).
"""

from __future__ import annotations

import dataclasses
import fcntl
import json
import os
import re
import sqlite3
import zlib
from collections.abc import Callable, Container, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from newsprism import __version__
from newsprism.articles import Collection
from newsprism.io.doc_columns import doc_columns, doc_rows
from newsprism.model import Analysis, Article, Framing, from_dict, to_dict
from newsprism.nlp.stopwords import STOP

# The version of what the per-document stages output (entities, quotes, ..., actor labels). A store written
# under another PIPELINE_VERSION has its per-document results re-derived, not reused, so raise STAGES whenever
# a per-document stage changes its output.
STAGES = "3"
PIPELINE_VERSION = f"{__version__}/{STAGES}"

# Columns of the per-document tables, so that every table exists (and can be queried) even when a corpus
# has no row for it, e.g. no loaded terms at all. They follow from the model (doc_columns.py): one table per
# list-of-records field of Article, with the record's fields as columns.
DOC_COLUMNS: dict[str, dict[str, type]] = doc_columns()
CORPUS_COLUMNS: dict[str, dict[str, type]] = {
    "rejected": {"source": str, "reason": str},
    "entities": {"id": str, "name": str, "type": str, "variants": str, "articles": str},
    "stories": {"id": str, "label": str, "articles": str, "earliest": str, "latest": str, "storyline": str},
    "story_articles": {"story": str, "article": str},
    "facts": {"id": str, "story": str, "statement": str, "origins": str, "independent_sources": int,
              "status": str, "reason": str},
    "fact_mentions": {"fact": str, "article": str, "start": int, "end": int, "stance": str, "text": str,
                      "origin": str},
    "timeline": {"date": str, "precision": str, "event": str, "articles": str, "fact": str, "earliest": str,
                 "latest": str},
    "duplicates": {"articles": str, "kind": str, "similarity": float, "original": str, "reason": str,
                   "passages": str},
    "framing": {"outlet": str, "json": str},
    # The analysis without its articles, as analysis.json has it: `field` is its key, `json` one item of a list
    # field (in rowid order) or the whole value of another. One row per item, not one JSON value: at 50k
    # articles the whole corpus record is 185 MB of text (+2 GB of memory to build and bind it), and SQLite
    # refuses any value over 1 GB (SQLITE_MAX_LENGTH), which a few hundred thousand articles would reach.
    "corpus_records": {"field": str, "json": str},
    "meta": {"key": str, "value": str},
}
# Each article as annotation made it, before any corpus stage rewrote it (canonical entity names and types,
# anchored weekdays, publication ranges narrowed by other articles): what a resumed or incremental run reuses.
# The `articles` table holds the articles as the last complete analysis left them, which depends on the rest
# of that corpus; reusing those would make a run's output depend on the corpora the store saw before.
# Written as documents are annotated (the checkpoint), so a killed run resumes from here. `json` is
# zlib-compressed: nothing queries it, and it is a second copy of every article.
ANNOTATION_COLUMNS: dict[str, type] = {"id": str, "content_hash": str, "pipeline": str, "json": bytes}


def connect_readonly(path: Path | str) -> sqlite3.Connection:
    """The one read-only connection to a store (SQLite's mode=ro), for every reader: report, web app, check.
    Rows are `sqlite3.Row` (by name and by index); no same-thread check, so a connection may be handed on.

    A store on read-only media (a mounted archive, a CD, a folder without write permission) is opened with
    `immutable=1`: a WAL store's readers otherwise need to create its -shm file beside it and fail with
    "attempt to write a readonly database". Immutable is safe there because nothing can be writing it."""
    p = Path(path).resolve()
    # as_uri() percent-encodes the path, so a `?` or `#` in a folder name cannot end the file name early.
    flags = "mode=ro&immutable=1" if not _writable(p) else "mode=ro"
    conn = sqlite3.connect(f"{p.as_uri()}?{flags}", uri=True, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    return conn


def _writable(p: Path) -> bool:
    return os.access(p, os.W_OK) and os.access(p.parent, os.W_OK)


class StoreError(Exception):
    """A store that readers must not show: not a newsprism store, or one whose last write did not finish."""


def check_complete(path: Path | str) -> None:
    """Raise StoreError, with what to do, unless `path` is a newsprism store whose last write completed.

    report, check and serve call this first: a store a killed run left half-written (articles without their
    facts and stories) would otherwise be shown as if the corpus established nothing."""
    p = Path(path)
    if not p.is_file():
        raise StoreError(f"{p}: no such store")
    try:
        conn = connect_readonly(p)
        try:
            tables = table_names(conn)
            if not {"articles", "meta", "corpus_records"} <= tables:
                raise StoreError(f"{p}: not a newsprism store (no newsprism tables; was it written by "
                                 f"`newsprism analyze`?)")
            row = conn.execute("select value from meta where key = 'state'").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{p}: not a newsprism store ({exc})") from None
    if row is None or row[0] != "complete":
        raise StoreError(f"{p}: incomplete store (a run stopped while writing it); run `newsprism analyze` "
                         f"again with --db {p} to finish it")


def table_names(conn: sqlite3.Connection) -> set[str]:
    """The tables (and views, FTS shadow tables included) a store holds: readers query only what is there."""
    return {r[0] for r in conn.execute("select name from sqlite_master where type in ('table', 'view')")}


# A word with inner apostrophes or digit separators ("don't", "1,000", "u.s") stays one quoted phrase, which
# FTS5 splits as it split the text. \w keeps accented letters: the index folds "Marković" to "markovic" on
# both sides.
WRITE_TIMEOUT_S = 600
# Words of a search or claim that are looked up: each is one more FTS5 term to merge, so an unbounded query (a
# pasted page, thousands of distinct words) costs seconds to minutes of one reader thread.
MAX_QUERY_TERMS = 32
_MAX_QUERY_CHARS = 10_000
_FTS_WORD = re.compile(r"\w+(?:['’.,]\w+)*")


def fts_query(text: str, stop: Container[str] = STOP) -> str:
    """Free text (a claim, a search box) as an FTS5 MATCH expression: every word quoted, so punctuation, `*`,
    `-`, parentheses, NEAR or column names in it are literal text, never query syntax; any word may match, and
    bm25 ranks the passages that share more of them first. Words in `stop` (function words by default) are
    left out: they would match nearly every article. Distinct words only, the first MAX_QUERY_TERMS of them.
    Empty when no word is left."""
    words = (w for w in _FTS_WORD.finditer(text[:_MAX_QUERY_CHARS].lower()))
    kept = dict.fromkeys(w for m in words if (w := m.group()) not in stop and len(w) > 1)
    return " OR ".join('"' + w.replace('"', '""') + '"' for w in list(kept)[:MAX_QUERY_TERMS])


def open_db(path: Path | str, readonly: bool = False) -> sqlite_utils.Database:
    """The store as a sqlite_utils database, created when new; `readonly`: over `connect_readonly`."""
    if readonly:
        return sqlite_utils.Database(connect_readonly(path))
    # A long busy timeout: two runs writing one store take turns instead of failing with "database is locked".
    db = sqlite_utils.Database(sqlite3.connect(str(path), timeout=WRITE_TIMEOUT_S))
    db.execute("PRAGMA journal_mode=WAL")
    if not {"articles", "annotations", *DOC_COLUMNS, *CORPUS_COLUMNS} <= set(db.table_names()):  # made once
        _create_tables(db)
    return db


@contextmanager
def writer_lock(path: Path | str, on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the store for one writer for a whole run: reading what it holds, annotating, writing it back.

    Two runs into one store would each build their corpus from what the store held when they started, and
    the one that wrote last would drop the other's articles; so the second waits (told why through `on_wait`)
    and then starts from what the first wrote. The lock is `flock` on `STORE.lock` beside the store: the
    kernel releases it when the process ends, however it ends, so a killed run never leaves it held."""
    lock = Path(f"{path}.lock")
    lock.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait is not None:
                on_wait(f"another newsprism run is writing {path}; waiting for it to finish")
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _create_tables(db: sqlite_utils.Database) -> None:
    db["articles"].create({"id": str, "source": str, "outlet": str, "title": str, "authors": str, "url": str,
                           "language": str, "published": str, "published_inferred": int,
                           "published_earliest": str, "published_latest": str, "published_evidence": str,
                           "body": str, "content_hash": str, "json": str}, pk="id", if_not_exists=True)
    for name, cols in DOC_COLUMNS.items():
        db[name].create(cols, if_not_exists=True)
        db[name].create_index(["article"], if_not_exists=True)
    for name, cols in CORPUS_COLUMNS.items():
        pk = "id" if name in ("entities", "stories", "facts") else ("key" if name == "meta" else None)
        db[name].create(cols, pk=pk, if_not_exists=True)
    db["articles"].create_index(["content_hash"], if_not_exists=True)
    db["annotations"].create(ANNOTATION_COLUMNS, pk="id", if_not_exists=True)
    db["annotations"].create_index(["content_hash"], if_not_exists=True)


@contextmanager
def _write_transaction(db: sqlite_utils.Database) -> Iterator[None]:
    """One transaction that takes the write lock first (BEGIN IMMEDIATE, waiting up to the busy timeout).
    A deferred transaction that reads before it writes fails at once with "database is locked" when another
    connection wrote in between: SQLite cannot wait there, since its snapshot is already stale."""
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.conn.rollback()
        raise
    db.conn.commit()


def save_annotations(db: sqlite_utils.Database, articles: Iterable[Article]) -> int:
    """Per-document results as annotation made them (see ANNOTATION_COLUMNS), in one transaction: a run killed
    at any point leaves whole articles only."""
    rows = [{"id": a.id, "content_hash": a.content_hash, "pipeline": PIPELINE_VERSION,
             "json": zlib.compress(json.dumps(to_dict(a), ensure_ascii=False).encode("utf-8"), 1)}
            for a in articles]
    with _write_transaction(db):
        db["annotations"].insert_all(rows, pk="id", replace=True)
    return len(rows)


@dataclasses.dataclass(frozen=True, slots=True)
class Annotation:
    """One stored annotation: `article()` reads it (a fresh copy every call, so two inputs can reuse one)."""

    id: str
    content_hash: str | None
    blob: bytes

    def article(self) -> Article:
        return from_dict(Article, json.loads(zlib.decompress(self.blob)))


def annotations(path: Path | str, hashes: Container[str | None] | None = None,
                ids: Container[str] | None = None) -> Iterator[Annotation]:
    """The stored annotations of this pipeline version, one at a time in id order, for the given content
    hashes and/or ids (all when neither is given). Only the matching rows' JSON is read."""
    if not Path(path).exists():
        return
    db = open_db(path, readonly=True)
    if "annotations" not in db.table_names():
        return
    keys = db.execute("select id, content_hash from annotations where pipeline = ? order by id",
                      [PIPELINE_VERSION]).fetchall()
    for art_id, content_hash in keys:
        if (hashes is None or content_hash in hashes) and (ids is None or art_id in ids):
            row = db.execute("select json from annotations where id = ? and pipeline = ?",
                             [art_id, PIPELINE_VERSION]).fetchone()
            if row is not None:  # another run may have replaced it meanwhile (a reader takes no lock)
                yield Annotation(art_id, content_hash, row[0])


def stored_ids(path: Path | str) -> list[str]:
    """The ids of the articles of the store's last complete analysis."""
    if not Path(path).exists():
        return []
    return [r["id"] for r in open_db(path, readonly=True).query("select id from articles order by id")]


def load_articles(path: Path | str, ids: Iterable[str] | None = None) -> list[Article]:
    return list(iter_articles(path, ids))


def iter_articles(path: Path | str, ids: Iterable[str] | None = None) -> Iterator[Article]:
    """The stored articles in id order, one at a time (a store can hold far more than memory)."""
    db = open_db(path, readonly=True)
    if ids is None:
        rows = db.query("select json from articles order by id")
    else:
        wanted = list(ids)
        marks = ",".join("?" * len(wanted))
        rows = db.query(f"select json from articles where id in ({marks}) order by id", wanted)
    for r in rows:
        yield from_dict(Article, json.loads(r["json"]))


def upsert_articles(db: sqlite_utils.Database, articles: Iterable[Article]) -> int:
    """Write per-document rows; one transaction per call so an interrupted run leaves whole articles only."""
    # Rows gathered per table and inserted per 500 articles: sqlite-utils checks a table's columns on every
    # insert_all, and eight calls per article would be most of the time of writing a large store.
    rows: dict[str, list[dict]] = {t: [] for t in ("articles", *DOC_COLUMNS)}
    n = 0
    with db.atomic():
        db["meta"].insert({"key": "pipeline_version", "value": PIPELINE_VERSION}, pk="key", replace=True)
        _set_state(db, "writing")
        for a in articles:
            if any(r["id"] == a.id for r in rows["articles"]):
                _insert_rows(db, rows)  # a second copy in one call replaces the first, as a later call would
            _delete_article_rows(db, a.id)
            p = a.published
            rows["articles"].append({
                "id": a.id, "source": a.source, "outlet": a.outlet, "title": a.title,
                "authors": json.dumps(a.authors, ensure_ascii=False), "url": a.url, "language": a.language,
                "published": p.date, "published_inferred": int(p.inferred), "published_earliest": p.earliest,
                "published_latest": p.latest, "published_evidence": p.evidence, "body": a.body,
                "content_hash": a.content_hash, "json": json.dumps(to_dict(a), ensure_ascii=False),
            })
            for table, table_rows in doc_rows(a):
                rows[table] += table_rows
            n += 1
            if len(rows["articles"]) >= 500:  # bounded: a whole corpus's JSON at once would be gigabytes
                _insert_rows(db, rows)
        _insert_rows(db, rows)
    return n


def _insert_rows(db: sqlite_utils.Database, rows: dict[str, list[dict]]) -> None:
    db["articles"].insert_all(rows["articles"], pk="id", replace=True)
    for table, table_rows in rows.items():
        if table != "articles":
            db[table].insert_all(table_rows, alter=True)
        table_rows.clear()


def _delete_article_rows(db: sqlite_utils.Database, article_id: str) -> None:
    for t in DOC_COLUMNS:
        db.execute(f"delete from [{t}] where article = ?", [article_id])


def _set_state(db: sqlite_utils.Database, state: str) -> None:
    """`writing` from the first article a run writes until its corpus tables are in; then `complete`."""
    db["meta"].insert({"key": "state", "value": state}, pk="key", replace=True)


def write_corpus(db: sqlite_utils.Database, analysis: Analysis, keep: set[str] | None = None) -> None:
    """Replace the corpus-level tables (they are re-derived on every run, incremental or not) and the search
    index, and mark the store complete, in one transaction: a run killed here leaves the store as it was.
    `keep`: the article ids of this analysis; stored articles outside it go in the same transaction."""
    _ensure_fts_tables(db)  # DDL, before the transaction: creating a virtual table commits
    with db.atomic():
        if keep is not None:
            for row in list(db.query("select id from articles")):
                if row["id"] not in keep:
                    _delete_article_rows(db, row["id"])
                    db.execute("delete from articles where id = ?", [row["id"]])
            for row in list(db.query("select id from annotations")):
                if row["id"] not in keep:
                    db.execute("delete from annotations where id = ?", [row["id"]])
        for t in CORPUS_COLUMNS:
            if t != "meta":
                db.execute(f"delete from [{t}]")
        db["rejected"].insert_all((to_dict(r) for r in analysis.rejected), alter=True)
        db["entities"].insert_all(({**to_dict(e), "variants": json.dumps(e.variants, ensure_ascii=False),
                                    "articles": json.dumps(e.articles)} for e in analysis.entities),
                                  pk="id", alter=True, replace=True)
        db["stories"].insert_all(({**to_dict(s), "articles": json.dumps(s.articles)} for s in analysis.stories),
                                 pk="id", alter=True, replace=True)
        db["story_articles"].insert_all(({"story": s.id, "article": a} for s in analysis.stories
                                         for a in s.articles), alter=True)
        db["facts"].insert_all(({"id": f.id, "story": f.story, "statement": f.statement,
                                 "origins": json.dumps(f.origins, ensure_ascii=False),
                                 "independent_sources": f.independent_sources, "status": f.status,
                                 "reason": f.reason} for f in analysis.facts), pk="id", alter=True, replace=True)
        db["fact_mentions"].insert_all(({"fact": f.id, **to_dict(m)} for f in analysis.facts for m in f.mentions),
                                       alter=True)
        db["timeline"].insert_all(({**to_dict(t), "articles": json.dumps(t.articles)} for t in analysis.timeline),
                                  alter=True)
        db["duplicates"].insert_all(({**to_dict(d), "articles": json.dumps(d.articles),
                                      "passages": json.dumps(d.passages)} for d in analysis.duplicates), alter=True)
        db["framing"].insert_all(({"outlet": o.outlet, "json": json.dumps(to_dict(o), ensure_ascii=False)}
                                  for o in analysis.framing.outlets), alter=True)
        db["corpus_records"].insert_all(_corpus_records(analysis), alter=True)
        for table in ("articles", "facts"):
            db[table].rebuild_fts()
        _set_state(db, "complete")


def _corpus_records(analysis: Analysis) -> Iterator[dict]:
    for f in dataclasses.fields(analysis):
        value = getattr(analysis, f.name)
        if f.name == "articles":
            continue
        if isinstance(value, list):
            yield from ({"field": f.name, "json": _json(item)} for item in value)
        elif isinstance(value, Framing):  # one row per outlet: the whole framing is 34 MB at 50,000 articles
            yield from ({"field": f"{f.name}.outlets", "json": _json(o)} for o in value.outlets)
        else:
            yield {"field": f.name, "json": _json(value)}


def _json(record: object) -> str:
    return json.dumps(to_dict(record), ensure_ascii=False)


def _load_corpus(db: sqlite_utils.Database) -> dict:
    corpus: dict = {}
    empty = Analysis()
    lists = {f.name for f in dataclasses.fields(empty) if isinstance(getattr(empty, f.name), list)}
    for r in db.query("select field, json from corpus_records order by rowid"):
        name, value = r["field"], json.loads(r["json"])
        if name in lists:
            corpus.setdefault(name, []).append(value)
        elif "." in name:  # an item of a list inside a field ("framing.outlets")
            top, sub = name.split(".", 1)
            corpus.setdefault(top, {}).setdefault(sub, []).append(value)
        else:
            corpus[name] = value
    return corpus


def _ensure_fts_tables(db: sqlite_utils.Database) -> None:
    # Rebuilt rather than trigger-maintained (write_corpus): the corpus tables are replaced wholesale on every
    # run anyway.
    have = set(db.table_names())
    for table, cols in (("articles", ["title", "body"]), ("facts", ["statement"])):
        if f"{table}_fts" not in have:
            db[table].enable_fts(cols, create_triggers=False, tokenize="porter")


def write_store(analysis: Analysis, path: Path | str) -> None:
    """A complete store for one analysis: the articles it holds plus its corpus tables, in one transaction, so
    a reader sees the previous complete analysis or this one, and a write that fails leaves the previous one."""
    db = open_db(path)
    try:
        _ensure_fts_tables(db)
        with _write_transaction(db):
            upsert_articles(db, analysis.articles)
            write_corpus(db, analysis, keep={a.id for a in analysis.articles})
        # Everything into the main file: a reader on read-only media opens it immutable, which ignores a WAL.
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.close()


def load_analysis(path: Path | str, into: Collection | None = None) -> Analysis:
    """The analysis a store holds, as analysis.json would have it; `into`: a collection to hold its articles
    (the report passes a spool, which keeps them on disk and reads one at a time), else a list in memory."""
    analysis = from_dict(Analysis, {**_load_corpus(open_db(path, readonly=True)), "articles": []})
    if into is None:
        analysis.articles = load_articles(path)
    else:
        into.extend(iter_articles(path))
        analysis.articles = into
    analysis.framing = analysis.framing or Framing()
    analysis.rejected = analysis.rejected or []
    analysis.entities = analysis.entities or []
    return analysis

