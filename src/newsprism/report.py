"""Self-contained HTML report. STUB: being replaced (issue 7)."""

from __future__ import annotations

import html
from pathlib import Path

from .model import Analysis


def write_report(analysis: Analysis, path: Path) -> None:
    rows = "".join(f"<li>{html.escape(a.title or a.id)}</li>" for a in analysis.articles)
    Path(path).write_text(f"<!doctype html><meta charset=utf-8><title>newsprism</title><ul>{rows}</ul>",
                          encoding="utf-8")
