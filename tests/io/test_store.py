"""SQLite store: tables per DESIGN.md, FTS5, lossless reload, incremental re-runs that add nothing twice."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from newsprism.apps.outputs import write_outputs
from newsprism.io import store
from newsprism.model import to_dict
from newsprism.run.analyze import RunOptions, run


def test_store_tables_and_fts(tmp_path, seeds_analysis):
    db_path = tmp_path / "n.db"
    store.write_store(seeds_analysis, db_path)
    db = store.open_db(db_path)
    for t in ("articles", "removed", "entities", "mentions", "quotes", "quantities", "times", "loaded_terms",
              "stories", "facts", "fact_mentions", "timeline", "rejected", "articles_fts"):
        assert t in db.table_names(), t
    hits = list(db.query("select rowid from articles_fts where articles_fts match ?", ["Caracas"]))
    assert len(hits) >= 2
    assert db["articles"].count == len(seeds_analysis.articles)


def test_store_reload_is_lossless(tmp_path, seeds_analysis):
    db_path = tmp_path / "n.db"
    store.write_store(seeds_analysis, db_path)
    assert to_dict(store.load_analysis(db_path)) == to_dict(seeds_analysis)


@pytest.mark.slow
def test_incremental_run_reuses_and_adds_nothing_twice(tmp_path, seeds_dir):
    first = tmp_path / "first"
    first.mkdir()
    for f in sorted(seeds_dir.glob("*.txt"))[:3]:
        shutil.copy(f, first)
    db_path = tmp_path / "out" / "newsprism.db"
    r1 = run([str(first)], RunOptions(workers=1, checkpoint=db_path))  # as `analyze -o out` checkpoints
    write_outputs(r1, tmp_path / "out", db=db_path, report=False)
    r2 = run([str(seeds_dir)], RunOptions(workers=1, db=db_path))
    assert r2.reused == 3
    write_outputs(r2, tmp_path / "out", db=db_path, report=False)
    r3 = run([str(seeds_dir)], RunOptions(workers=1, db=db_path))
    assert r3.reused == 5
    write_outputs(r3, tmp_path / "out", db=db_path, report=False)
    db = store.open_db(db_path)
    assert db["articles"].count == 5
    full = run([str(seeds_dir)], RunOptions(workers=1)).analysis
    assert to_dict(store.load_analysis(db_path)) == to_dict(full)


def test_batched_upsert_keeps_one_copy_per_article(tmp_path, examples_analysis):
    # rows are buffered per table; a second copy of an article in the same call must replace the first one's
    # rows, not add to them
    arts = examples_analysis.articles
    db = store.open_db(tmp_path / "x.db")
    store.upsert_articles(db, [*arts, *arts[:2]])
    want = sum(len(e.mentions) for a in arts for e in a.entities)
    assert db.execute("select count(*) from mentions").fetchone()[0] == want
    assert db.execute("select count(*) from articles").fetchone()[0] == len(arts)
    assert db.execute("select count(*) from quotes").fetchone()[0] == sum(len(a.quotes) for a in arts)


def test_readers_open_the_store_read_only_and_search_it_with_literal_words(tmp_path, examples_analysis):
    # a folder name with `?` and `#` must not end the SQLite URI early
    db_path = tmp_path / "odd?name#dir" / "n.db"
    db_path.parent.mkdir()
    store.write_store(examples_analysis, db_path)
    conn = store.connect_readonly(db_path)
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        conn.execute("delete from articles")
    assert {"articles_fts", "facts_fts"} <= store.table_names(conn)
    # FTS5 syntax in the text is quoted away: NEAR, `*`, `-`, parentheses and quotes are words or nothing
    query = store.fts_query('the "tanker" (NEAR) * Kessel-Harbour', stop={"the"})
    assert query == '"tanker" OR "near" OR "kessel" OR "harbour"'
    hits = {r["id"] for r in conn.execute("select a.id from articles_fts f join articles a on a.rowid = f.rowid "
                                          "where articles_fts match ?", [query])}
    words = ("tanker", "near", "kessel", "harbour")
    assert hits and all(any(w in f"{a.title} {a.body}".lower() for w in words)
                        for a in examples_analysis.articles if a.id in hits)
    assert store.fts_query("the of and", stop={"the", "of", "and"}) == ""
    assert store.fts_query("Marković, U.S. and 1,000") == '"marković" OR "u.s" OR "1,000"'  # function words out
    assert store.fts_query("Marković and 1,000", stop=()) == '"marković" OR "and" OR "1,000"'
