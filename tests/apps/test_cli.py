"""The command line as a user types it: outputs, summary, exit codes."""

from __future__ import annotations

import json

from click.testing import CliRunner

from newsprism.apps.cli import main


def test_analyze_examples_writes_everything(tmp_path, examples_dir):
    res = CliRunner().invoke(main, ["analyze", str(examples_dir), "-o", str(tmp_path), "--workers", "1"])
    assert res.exit_code == 0, res.output
    assert "8 articles read, 0 rejected" in res.output
    for name in ("analysis.json", "newsprism.db", "report.html"):
        assert (tmp_path / name).stat().st_size > 0
    assert json.loads((tmp_path / "analysis.json").read_text())["schema"] == "newsprism/1"


def test_nothing_readable_exits_1(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bin.dat").write_bytes(bytes(range(256)) * 10)
    res = CliRunner().invoke(main, ["analyze", str(tmp_path), "-o", str(tmp_path / "out"), "--workers", "1"])
    assert res.exit_code == 1
    rejected = json.loads((tmp_path / "out" / "analysis.json").read_text())["rejected"]
    assert {r["source"].rsplit("/", 1)[-1] for r in rejected} == {"empty.txt", "bin.dat"}


def test_usage_error_exits_2():
    assert CliRunner().invoke(main, ["analyze"]).exit_code == 2
    assert CliRunner().invoke(main, ["eval", "nosuchset", "--data", "."]).exit_code == 2
