"""`newsprism times`: articles read as analyze reads them, times on the times-only path, one JSON line each."""

from __future__ import annotations

import json

from click.testing import CliRunner

from newsprism.apps.cli import main


def test_times_command_prints_each_article_and_each_rejection(tmp_path):
    (tmp_path / "a.txt").write_text("Harbor board\n\nThe board met on Friday and will meet again on Tuesday.\n",
                                    encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01binary")
    res = CliRunner().invoke(main, ["times", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"),
                                    "--published", "2019-03-25"])
    assert res.exit_code == 0, res.output
    first, second = (json.loads(line) for line in res.output.splitlines())
    assert [(t["text"], t["value"]) for t in first["times"]] == [("Friday", "2019-03-22"), ("Tuesday", "2019-03-26")]
    assert first["published"] == "2019-03-25"
    assert "rejected" in second and "times" not in second


def test_times_without_a_date_stay_underspecified_and_a_bad_date_is_refused(tmp_path):
    (tmp_path / "a.txt").write_text("The board met on Friday.\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["times", str(tmp_path / "a.txt")])
    assert res.exit_code == 0
    assert [t["value"] for t in json.loads(res.output)["times"]] == ["XXXX-WXX-5"]
    bad = CliRunner().invoke(main, ["times", str(tmp_path / "a.txt"), "--published", "2019-13-01"])
    assert bad.exit_code == 2 and "not a date" in bad.output
