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
    assert partial["articles"].count == 8  # whole articles only, written before the kill
    resumed = _analyze(corpus, tmp_path / "a")
    assert resumed.returncode == 0, resumed.stderr
    clean = _analyze(corpus, tmp_path / "b")
    assert clean.returncode == 0, clean.stderr
    assert (tmp_path / "a" / "analysis.json").read_text() == (tmp_path / "b" / "analysis.json").read_text()
    assert to_dict(store.load_analysis(tmp_path / "a" / "newsprism.db")) == \
        to_dict(store.load_analysis(tmp_path / "b" / "newsprism.db"))
