"""analysis.json: the `newsprism/1` contract, written deterministically (same input, same bytes)."""

from __future__ import annotations

import dataclasses
import io
import json
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from newsprism.model import Analysis, from_dict, to_dict


def analysis_to_json(analysis: Analysis) -> str:
    out = io.StringIO()
    dump_analysis(analysis, out)
    return out.getvalue()


def dump_analysis(analysis: Analysis, fh: TextIO) -> None:
    """The bytes of `json.dump(to_dict(analysis), fh, ensure_ascii=False, indent=1)`, one list item at a time.

    Converting the whole analysis first held every article as dicts at once (more than the articles
    themselves, which during a run are read one at a time from the spool)."""
    fh.write("{")
    for n, f in enumerate(dataclasses.fields(analysis)):
        value = getattr(analysis, f.name)
        fh.write(("," if n else "") + "\n " + json.dumps(f.name) + ": ")
        if isinstance(value, Sequence) and not isinstance(value, (str, tuple)):
            _dump_list(value, fh)
        else:
            fh.write(_at_depth(to_dict(value), 1))
    fh.write("\n}")


def _dump_list(items: Sequence, fh: TextIO) -> None:
    if not len(items):
        fh.write("[]")
        return
    fh.write("[")
    for n, item in enumerate(items):
        fh.write(("," if n else "") + "\n  " + _at_depth(to_dict(item), 2))
    fh.write("\n ]")


def _at_depth(value: object, depth: int) -> str:
    # JSON strings never hold a raw newline (it is escaped), so every newline is a line break of the layout.
    return json.dumps(value, ensure_ascii=False, indent=1).replace("\n", "\n" + " " * depth)


def write_json(analysis: Analysis, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".json.tmp")
    try:
        with tmp.open("w", encoding="utf-8") as fh:
            dump_analysis(analysis, fh)
        tmp.replace(path)  # atomic: a killed run never leaves half a file
    except BaseException:
        # A full disk or an interrupt leaves the previous analysis.json as it was, and no .tmp beside it (a
        # run killed by SIGKILL leaves one, which the next run's write replaces).
        tmp.unlink(missing_ok=True)
        raise


def read_json(path: Path) -> Analysis:
    return from_dict(Analysis, json.loads(Path(path).read_text(encoding="utf-8")))
