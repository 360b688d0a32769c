"""The files an analysis is written to: analysis.json (the contract), the SQLite store and the HTML report."""

from __future__ import annotations

from pathlib import Path

from newsprism.io import json_writer, store
from newsprism.run.analyze import RunResult


def write_outputs(result: RunResult, out: Path, db: Path | None = None, report: bool = True) -> dict[str, Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = {"json": out / "analysis.json", "db": db or out / "newsprism.db"}
    json_writer.write_json(result.analysis, paths["json"])
    store.write_store(result.analysis, paths["db"])
    if report:
        from newsprism.apps.report import write_report  # jinja2 and the templates only when a report is asked

        paths["report"] = out / "report.html"
        write_report(result.analysis, paths["report"])
    return paths
