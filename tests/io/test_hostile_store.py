"""Store writes are all-or-nothing for readers: an interrupted write is refused, never shown as "no evidence"."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import threading

import pytest
from click.testing import CliRunner

from newsprism.apps.cli import main
from newsprism.io import json_writer, store


def test_failed_corpus_write_keeps_the_previous_corpus(tmp_path, examples_analysis, monkeypatch):
    path = tmp_path / "n.db"
    store.write_store(examples_analysis, path)
    facts = store.open_db(path, readonly=True).execute("select count(*) from facts").fetchone()[0]

    def boom(analysis):
        yield {"field": "schema", "json": "{}"}
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(store, "_corpus_records", boom)
    db = store.open_db(path)
    with pytest.raises(OSError):
        store.write_corpus(db, examples_analysis)
    db.close()
    store.check_complete(path)  # the transaction rolled back: still the complete previous store
    assert store.open_db(path, readonly=True).execute("select count(*) from facts").fetchone()[0] == facts


def test_report_and_check_refuse_an_incomplete_store(tmp_path, examples_analysis, monkeypatch):
    path = tmp_path / "n.db"
    monkeypatch.setattr(store, "_corpus_records", lambda a: (_ for _ in ()).throw(OSError("disk full")))
    with pytest.raises(OSError):
        store.write_store(examples_analysis, path)  # articles written, corpus not: state stays "writing"
    for args in (["report", str(path), "-o", str(tmp_path / "r.html")], ["check", "tanker", "--db", str(path)]):
        res = CliRunner().invoke(main, args)
        assert res.exit_code == 1 and "incomplete store" in res.output, res.output
    (tmp_path / "empty.db").write_bytes(b"")
    res = CliRunner().invoke(main, ["check", "tanker", "--db", str(tmp_path / "empty.db")])
    assert res.exit_code == 1 and "not a newsprism store" in res.output


def test_failed_json_write_leaves_no_tmp(tmp_path, examples_analysis, monkeypatch):
    def full(analysis, fh):
        fh.write("{")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(json_writer, "dump_analysis", full)
    with pytest.raises(OSError):
        json_writer.write_json(examples_analysis, tmp_path / "analysis.json")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
def test_run_killed_while_writing_is_refused_then_finished(tmp_path, examples_dir):
    def analyze(env=None):
        return subprocess.run([sys.executable, "-m", "newsprism.apps.cli", "analyze", str(examples_dir), "-o",
                               str(tmp_path / "out"), "--workers", "1", "--no-report"],
                              env={**os.environ, **(env or {})}, capture_output=True, text=True, timeout=300)

    killed = analyze({"NEWSPRISM_TEST_KILL_AFTER": "4"})
    assert killed.returncode == -signal.SIGKILL
    db = tmp_path / "out" / "newsprism.db"
    res = CliRunner().invoke(main, ["report", str(db), "-o", str(tmp_path / "r.html")])
    assert res.exit_code == 1 and "incomplete store" in res.output
    assert analyze().returncode == 0
    assert not (tmp_path / "out" / "analysis.json.tmp").exists()
    store.check_complete(db)
    res = CliRunner().invoke(main, ["check", "tanker", "--db", str(db), "--json"])
    assert res.exit_code == 0 and json.loads(res.output)


def test_a_second_writer_waits_for_the_first_and_is_told_why(tmp_path):
    path = tmp_path / "n.db"
    told: list[str] = []
    asked, got = threading.Event(), threading.Event()

    def second() -> None:
        with store.writer_lock(path, on_wait=lambda m: (told.append(m), asked.set())):
            got.set()

    with store.writer_lock(path):
        t = threading.Thread(target=second)
        t.start()
        assert asked.wait(60)
        assert not got.is_set()
    t.join(60)
    assert got.is_set() and "another newsprism run is writing" in told[0]
