"""Throughput benchmark at several corpus sizes, each against the spaCy floor measured in the same run.

    .venv/bin/python benchmarks/run_bench.py --sizes 1000 10000 --workers 2 --data ../shared/datasets

Prints one table per size and a final JSON line per size; no assertion: numbers, not a timed test.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from newsprism.apps.bench import run_bench


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000])
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--data", type=Path, default=None)
    ap.add_argument("--no-parser-ref", action="store_true", help="skip timing spaCy with the parser alone")
    args = ap.parse_args()
    for n in args.sizes:
        run_bench(n_articles=n, workers=args.workers, data=args.data, parser_ref=not args.no_parser_ref)


if __name__ == "__main__":
    main()
