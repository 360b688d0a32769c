"""Whole runs under hostile conditions: markup in names, killed parents, hash seeds and worker counts."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

BODY = "Port officials said on Saturday that around 40 crew were rescued near Kessel. " * 4


def _cli(*args, env=None, **kw):
    return [sys.executable, "-m", "newsprism.apps.cli", *args], {**os.environ, **(env or {})}


@pytest.mark.slow
def test_markup_and_unwritable_metadata_do_not_crash_the_cli(tmp_path):
    inp = tmp_path / "in"
    inp.mkdir()
    (inp / "a.jsonl").write_text("\n".join(json.dumps({"id": "[/]", "title": "T \ud800", "text": t}, ensure_ascii=True)
                                           for t in (BODY, BODY + " More.")) + "\n")
    (inp / os.fsdecode(b"x\xff[red].txt")).write_text("Title\n\n" + BODY)
    cmd, env = _cli("analyze", str(inp), "-o", str(tmp_path / "out"), "--workers", "1", "--no-report",
                    "--db", str(tmp_path / "out" / "newsprism.db"))
    res = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert res.returncode == 0 and "Traceback" not in res.stderr, res.stderr
    a = json.loads((tmp_path / "out" / "analysis.json").read_text(encoding="utf-8"))
    assert len(a["articles"]) + len(a["rejected"]) == 3
    assert any(r["reason"].startswith("duplicate id '[/]'") for r in a["rejected"])
    assert "\ufffd" in json.dumps(a, ensure_ascii=False)


def _children(pid: int) -> list[int]:
    out = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                stat = (d / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(d.name))
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_workers_end_with_their_parent(tmp_path, examples_dir, sig):
    cmd, env = _cli("analyze", str(examples_dir), "-o", str(tmp_path / "out"), "--workers", "2", "--no-report")
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        kids: list[int] = []
        while len(kids) < 2 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.2)
            kids = _children(proc.pid)
        assert len(kids) >= 2, "the workers never started"
        proc.send_signal(sig)
        proc.wait(timeout=60)
        deadline = time.monotonic() + 15
        while any(_alive(k) for k in kids) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not any(_alive(k) for k in kids)
    finally:
        if proc.poll() is None:
            proc.kill()


@pytest.mark.slow
def test_same_output_under_any_hash_seed_and_worker_count(tmp_path, examples_dir):
    outs = []
    for seed, workers in (("1", "1"), ("2", "1"), ("3", "1"), ("1", "2")):
        out = tmp_path / f"s{seed}w{workers}"
        cmd, env = _cli("analyze", str(examples_dir), "-o", str(out), "--workers", workers, "--no-report",
                        env={"PYTHONHASHSEED": seed})
        res = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
        assert res.returncode == 0, res.stderr
        outs.append((out / "analysis.json").read_text(encoding="utf-8"))
    assert all(o == outs[0] for o in outs[1:])
