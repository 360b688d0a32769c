"""Executors agree: local inline, local processes and Ray Data give identical analysis.json (with workers=2 the
fact stage also runs its blocks on two processes)."""

from __future__ import annotations

import importlib.util

import pytest

from newsprism.io.json_writer import analysis_to_json
from newsprism.run.analyze import RunOptions, run


def test_process_pool_matches_inline(examples_dir, examples_analysis):
    pooled = run([str(examples_dir)], RunOptions(workers=2)).analysis
    assert analysis_to_json(pooled) == analysis_to_json(examples_analysis)


@pytest.mark.slow
@pytest.mark.skipif(importlib.util.find_spec("ray") is None, reason="the optional extra `ray` is not installed")
def test_ray_matches_local(examples_dir, examples_analysis):
    on_ray = run([str(examples_dir)], RunOptions(workers=2, executor="ray")).analysis
    assert analysis_to_json(on_ray) == analysis_to_json(examples_analysis)


def _prepared(examples_dir):
    from newsprism.run import pipeline

    arts = [a for a in pipeline.read_and_prepare([str(examples_dir)]) if not hasattr(a, "reason")]
    pipeline.finish_pass1(arts)
    return arts


def test_batched_annotation_equals_one_document_at_a_time(examples_dir):
    import copy

    from newsprism.model import to_dict
    from newsprism.run import pipeline

    arts = _prepared(examples_dir)
    single = [to_dict(pipeline.annotate(copy.deepcopy(a))) for a in arts]
    batched = [to_dict(r) for r in pipeline.annotate_batch(copy.deepcopy(arts), batch_size=4)]
    assert batched == single


def test_a_batch_spacy_refuses_rejects_only_its_bad_document(examples_dir, monkeypatch):
    from newsprism.model import Article, Rejected
    from newsprism.nlp.load import get_nlp
    from newsprism.run import pipeline

    arts = _prepared(examples_dir)
    longest = max(arts, key=lambda a: len(a.body))
    # spaCy raises for a text over max_length; with the limit just below the longest body, only it must fail
    monkeypatch.setattr(get_nlp(), "max_length", len(longest.body) - 1)
    out = pipeline.annotate_batch(arts)
    assert len(out) == len(arts)
    bad = [r for r in out if isinstance(r, Rejected)]
    assert [r.source for r in bad] == [longest.source]
    assert "annotation failed" in bad[0].reason
    assert all(isinstance(r, Article) and r.entities for r in out if r is not bad[0])


def _square_or_fail(x: int) -> int:
    if x == 57:
        raise ValueError("item 57")
    return x * x


def test_map_ordered_keeps_order_with_a_bounded_window_and_raises_what_a_task_raised():
    from newsprism.run.executors.local import IN_FLIGHT, map_ordered

    consumed = []

    def items(n):
        for i in range(n):
            consumed.append(i)
            yield i

    out = map_ordered(_square_or_fail, items(50), workers=2, chunksize=3)
    assert next(out) == 0
    # the input is read a window ahead, not all at once (ProcessPoolExecutor.map would take all 50 first)
    assert len(consumed) <= 3 * (IN_FLIGHT * 2 + 1)
    assert [0, *out] == [i * i for i in range(50)]
    with pytest.raises(ValueError, match="item 57"):
        list(map_ordered(_square_or_fail, range(100), workers=2, chunksize=5))


_FORK_AFTER_MODEL = """
from newsprism.run.executors.local import map_ordered
from newsprism.corpus.facts.stance import model_disputes
pairs = [("Two aircraft landed in Velsgrad.", "The ministry denied that any aircraft landed in Velsgrad.")] * 40
first = model_disputes(pairs)                         # the stance model runs in this process first...
again = list(map_ordered(model_disputes, [pairs, pairs], workers=2, chunksize=1))  # ...then workers fork
assert again == [first, first], (first, again)
print("ok")
"""


@pytest.mark.slow
def test_workers_forked_after_the_stance_model_ran_do_not_hang():
    # A stance prediction must leave no thread team behind that workers forked after it would wait on forever.
    # In a child process with a timeout, so a regression fails instead of hanging the suite.
    import subprocess
    import sys

    from newsprism.corpus.facts.stance import load_model

    if load_model() is None:
        pytest.skip("no stance model installed")
    done = subprocess.run([sys.executable, "-c", _FORK_AFTER_MODEL], capture_output=True, text=True, timeout=180)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-2000:]
