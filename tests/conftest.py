"""Shared fixtures: the seeds and datasets beside the checkout (skipped with a reason when absent), the
bundled example corpus, and one analysis of each computed once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
DATASETS = SHARED / "datasets"
EXAMPLES = ROOT / "examples"


def need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is absent (../shared is not beside this checkout)")
    return path


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return need(SEEDS)


@pytest.fixture(scope="session")
def datasets_dir() -> Path:
    return need(DATASETS)


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES


@pytest.fixture(scope="session")
def seeds_analysis(seeds_dir):
    from newsprism.run.analyze import RunOptions, run

    return run([str(seeds_dir)], RunOptions(workers=1)).analysis


@pytest.fixture(scope="session")
def seed_articles(seeds_analysis):
    """Seed articles by their three-digit prefix: {'000': Article, ...}."""
    return {a.id[:3]: a for a in seeds_analysis.articles}


@pytest.fixture(scope="session")
def examples_analysis(examples_dir):
    from newsprism.run.analyze import RunOptions, run

    return run([str(examples_dir)], RunOptions(workers=1)).analysis
