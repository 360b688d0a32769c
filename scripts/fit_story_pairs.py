"""Fit the stories pair model (corpus/stories.py PAIR_WEIGHTS, PAIR_BIAS) on the tune halves of the stories eval.

Usage: python scripts/fit_story_pairs.py ../shared/datasets/basil ../shared/datasets/fnc1 \
           ../shared/datasets/ecbplus_facts
Each set is loaded and annotated as `newsprism eval stories` does it; only its tune half is read for the fit, so
the held-out halves stay a measure. Prints the constants to paste into corpus/stories.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

from newsprism.evals import stories as ev


def main(dirs: list[str]) -> None:
    sets = []
    for d in dirs:
        items, name = ev.load(Path(d))
        ev.annotate([it.article for it in items if it.split == "tune"])
        print(f"{name}: {sum(it.split == 'tune' for it in items)} tune articles", file=sys.stderr)
        sets.append(items)
    weights, bias = ev.fit_pair_model(sets)
    print(f"PAIR_WEIGHTS = {tuple(weights)}\nPAIR_BIAS = {bias}")


if __name__ == "__main__":
    main(sys.argv[1:])
