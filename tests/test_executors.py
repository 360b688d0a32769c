"""Executors agree: local inline, local processes and Ray Data give identical analysis.json (with workers=2 the
fact stage also runs its blocks on two processes)."""

from __future__ import annotations

import importlib.util

import pytest

from newsprism.analyze import RunOptions, run
from newsprism.writers import analysis_to_json


def test_process_pool_matches_inline(examples_dir, examples_analysis):
    pooled = run([str(examples_dir)], RunOptions(workers=2)).analysis
    assert analysis_to_json(pooled) == analysis_to_json(examples_analysis)


@pytest.mark.skipif(importlib.util.find_spec("ray") is None, reason="the optional extra `ray` is not installed")
def test_ray_matches_local(examples_dir, examples_analysis):
    on_ray = run([str(examples_dir)], RunOptions(workers=2, executor="ray")).analysis
    assert analysis_to_json(on_ray) == analysis_to_json(examples_analysis)
