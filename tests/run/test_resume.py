"""Crash safety: a run SIGKILLed mid-way resumes on re-run and ends identical to an uninterrupted run."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from newsprism.io import store
from newsprism.model import to_dict


def _analyze(inputs, out, env_extra=None):
    env = {**os.environ, **(env_extra or {})}
    return subprocess.run([sys.executable, "-m", "newsprism.apps.cli", "analyze", str(inputs), "-o", str(out),
                           "--workers", "1", "--no-report"], env=env, capture_output=True, text=True, timeout=300)


@pytest.mark.slow
def test_killed_run_resumes_to_the_same_store(tmp_path, examples_dir, seeds_dir):
    corpus = tmp_path / "in"
    shutil.copytree(examples_dir, corpus / "examples")
    shutil.copytree(seeds_dir, corpus / "seeds")
    killed = _analyze(corpus, tmp_path / "a", {"NEWSPRISM_TEST_KILL_AFTER": "8"})
    assert killed.returncode == -9, killed.stderr
    partial = store.open_db(tmp_path / "a" / "newsprism.db")
    assert partial["annotations"].count == 8  # whole articles only, written before the kill
    resumed = _analyze(corpus, tmp_path / "a")
    assert resumed.returncode == 0, resumed.stderr
    clean = _analyze(corpus, tmp_path / "b")
    assert clean.returncode == 0, clean.stderr
    assert (tmp_path / "a" / "analysis.json").read_text() == (tmp_path / "b" / "analysis.json").read_text()
    assert to_dict(store.load_analysis(tmp_path / "a" / "newsprism.db")) == \
        to_dict(store.load_analysis(tmp_path / "b" / "newsprism.db"))


def _analyze_db(inputs, out, db, env_extra=None):
    env = {**os.environ, **(env_extra or {})}
    return subprocess.run([sys.executable, "-m", "newsprism.apps.cli", "analyze", str(inputs), "-o", str(out),
                           "--db", str(db), "--workers", "1", "--no-report"], env=env, capture_output=True,
                          text=True, timeout=300)


@pytest.mark.slow
def test_incremental_and_resumed_runs_write_what_a_clean_run_writes(tmp_path, examples_dir):
    # Half the corpus first, then all of it into the same store: the reused articles must be the ones a fresh
    # run annotates, not their stored form, which carries the first corpus's entity names and types.
    half = tmp_path / "half"
    half.mkdir()
    for f in sorted(p for p in examples_dir.iterdir() if p.suffix in (".txt", ".html"))[:4]:
        shutil.copy(f, half)
    assert _analyze(examples_dir, tmp_path / "clean").returncode == 0
    clean = (tmp_path / "clean" / "analysis.json").read_text(encoding="utf-8")
    for route, kill in (("inc", None), ("killed", "2")):
        db = tmp_path / route / "store.db"
        assert _analyze_db(half, tmp_path / route, db).returncode == 0
        if kill:
            killed = _analyze_db(examples_dir, tmp_path / route, db, {"NEWSPRISM_TEST_KILL_AFTER": kill})
            assert killed.returncode == -9, killed.stderr
        res = _analyze_db(examples_dir, tmp_path / route, db)
        assert res.returncode == 0 and "reused from the store" in res.stdout, res.stderr
        assert (tmp_path / route / "analysis.json").read_text(encoding="utf-8") == clean, route


def test_two_inputs_with_the_same_bytes_each_reuse_their_own_copy(tmp_path, examples_dir):
    # Reuse goes by content hash: two files with the same bytes share one stored annotation, and each must get
    # its own copy under its own id (one shared object took the last id for both).
    from newsprism.run.analyze import RunOptions, run

    inp = tmp_path / "in"
    inp.mkdir()
    text = (examples_dir / "001_kessel_courier.txt").read_bytes()
    (inp / "a.txt").write_bytes(text)
    (inp / "b.txt").write_bytes(text)
    db = tmp_path / "n.db"
    first = run([str(inp)], RunOptions(workers=1, checkpoint=db)).analysis
    again = run([str(inp)], RunOptions(workers=1, checkpoint=db))
    assert again.reused == 2
    assert [a.id for a in again.analysis.articles] == ["a", "b"]
    assert to_dict(again.analysis) == to_dict(first)


def test_an_input_reused_under_a_new_id_keeps_its_annotation(tmp_path, examples_dir):
    # A renamed file is reused by its content hash from the annotation stored under its old id, which the
    # store then drops (that id left the corpus): the annotation must be kept under the new id, or the next
    # incremental run reads the article's final form, which carries this corpus's names and dates.
    from newsprism.apps.outputs import write_outputs
    from newsprism.run.analyze import RunOptions, run

    text = (examples_dir / "001_kessel_courier.txt").read_bytes()
    db = tmp_path / "n.db"
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / f"{name}.txt").write_bytes(text)
        result = run([str(tmp_path / name)], RunOptions(workers=1, db=db, checkpoint=db))  # as `analyze --db`
        write_outputs(result, tmp_path / f"out_{name}", db=db, report=False)
    assert result.reused == 1
    assert [x.id for x in store.annotations(db)] == ["b"]
