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
    for seed, workers in (("1", "1"), ("2", "1"), ("6", "1"), ("1", "2")):
        out = tmp_path / f"s{seed}w{workers}"
        cmd, env = _cli("analyze", str(examples_dir), "-o", str(out), "--workers", workers, "--no-report",
                        env={"PYTHONHASHSEED": seed})
        res = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
        assert res.returncode == 0, res.stderr
        outs.append((out / "analysis.json").read_text(encoding="utf-8"))
    assert all(o == outs[0] for o in outs[1:])


# Pair similarities of the story and fact stages, printed exactly (repr), from articles read from a file.
_SIMILARITIES = """
import sys
from newsprism.corpus import stories
from newsprism.corpus.facts.similarity import containment
from newsprism.io.json_writer import read_json
arts = sorted(read_json(sys.argv[1]).articles, key=lambda a: a.id)
feats = [stories.features(a) for a in arts]
tfidf, topic_tfidf, _ = stories._tfidf((stories._text(a) for a in arts), len(arts))
pairs = [(i, j) for i in range(len(arts)) for j in range(i + 1, len(arts))]
print(repr([x.tolist() for x in stories._similarities(pairs, feats, tfidf, topic_tfidf)]))
texts = [a.body[s.start:s.end] for a in arts for s in a.sentences][:300]
print(repr(containment(texts, [(i, i + k) for i in range(len(texts)) for k in (1, 2, 3) if i + k < len(texts)])))
"""


@pytest.mark.slow
def test_pair_similarities_are_the_same_bits_under_any_hash_seed(tmp_path, examples_analysis):
    # A float sum over a set adds in the set's order, which PYTHONHASHSEED changes; a last-bit difference is
    # enough to flip a tie (the most central article of a story, whose title labels it).
    from newsprism.io.json_writer import write_json

    write_json(examples_analysis, tmp_path / "a.json")
    outs = set()
    for seed in range(1, 11):
        cmd, env = _cli(env={"PYTHONHASHSEED": str(seed)})
        res = subprocess.run([sys.executable, "-c", _SIMILARITIES, str(tmp_path / "a.json")], env=env,
                             capture_output=True, text=True, timeout=300)
        assert res.returncode == 0, res.stderr
        outs.add(res.stdout)
    assert len(outs) == 1


@pytest.mark.slow
def test_two_runs_into_one_store_take_turns(tmp_path, examples_dir):
    # Two `analyze --db` into one store at once: each waits its turn (told why), the later one builds on what
    # the earlier wrote; neither fails with "database is locked" nor drops the other's articles.
    from newsprism.io import store

    parts = {"one": sorted(examples_dir.glob("00[1-3]*")), "two": sorted(examples_dir.glob("00[4-7]*"))}
    db = tmp_path / "store.db"
    procs = {}
    with store.writer_lock(db):  # held until both runs wait on it, so that they surely overlap
        for name, files in parts.items():
            (tmp_path / name).mkdir()
            for f in files:
                (tmp_path / name / f.name).write_bytes(f.read_bytes())
            cmd, env = _cli("analyze", str(tmp_path / name), "-o", str(tmp_path / f"out_{name}"), "--db",
                            str(db), "--workers", "1", "--no-report")
            with (tmp_path / f"{name}.err").open("w") as err:
                procs[name] = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=err)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not all(
                "waiting: another newsprism run is writing" in (tmp_path / f"{n}.err").read_text() for n in parts):
            time.sleep(0.2)
    for name, proc in procs.items():
        err = (tmp_path / f"{name}.err").read_text()
        assert proc.wait(timeout=600) == 0 and "Traceback" not in err and "locked" not in err, err
        assert "waiting: another newsprism run is writing" in err
    store.check_complete(db)
    ids = {n: {a["id"] for a in json.loads((tmp_path / f"out_{n}" / "analysis.json").read_text())["articles"]}
           for n in parts}
    assert len(ids["one"] | ids["two"]) == 8 and 8 in (len(ids["one"]), len(ids["two"]))
    assert {r["id"] for r in store.open_db(db, readonly=True).query("select id from articles")} == \
        ids["one"] | ids["two"]


def test_the_runs_own_store_files_inside_an_input_folder_are_not_read(tmp_path):
    # `analyze in -o in/out`: the store, its lock and its WAL files sit inside the input folder; they are the
    # run's outputs, so the walk passes them by instead of reading or rejecting them as articles.
    from newsprism.io import store
    from newsprism.run.analyze import read_and_prepare
    from newsprism.run.executors import make_executor

    inp = tmp_path / "in"
    inp.mkdir()
    (inp / "a.txt").write_text("Title\n\n" + BODY, encoding="utf-8")
    db = inp / "out" / "newsprism.db"
    ex = make_executor("local", 1)
    with store.writer_lock(db):
        conn = store.open_db(db)  # open: its -wal and -shm files exist beside it
        try:
            conn["meta"].insert({"key": "k", "value": "v"}, pk="key", replace=True)
            assert {p.name for p in (inp / "out").iterdir()} >= {"newsprism.db", "newsprism.db.lock",
                                                                  "newsprism.db-wal"}
            spool, met = read_and_prepare([str(inp)], ex, lambda m: None)
            spool.close()
            assert met, "the store's files are met on the walk"
            prepared, rejected = read_and_prepare([str(inp)], ex, lambda m: None, store=db)
        finally:
            conn.close()
    ids = list(prepared.ids)
    prepared.close()
    assert ids == ["a"] and rejected == []


@pytest.mark.slow
def test_a_second_run_into_an_output_folder_inside_the_input_reads_only_the_articles(tmp_path):
    # `analyze in -o in/out` twice: the first run's report.html and analysis.json are in the input folder on the
    # second; they are the run's outputs, not articles (the report was read as one, the JSON rejected).
    inp = tmp_path / "in"
    inp.mkdir()
    (inp / "a.txt").write_text("Title\n\n" + BODY, encoding="utf-8")
    for _ in range(2):
        cmd, env = _cli("analyze", str(inp), "-o", str(inp / "out"), "--workers", "1")
        res = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
        assert res.returncode == 0, res.stderr
    a = json.loads((inp / "out" / "analysis.json").read_text(encoding="utf-8"))
    assert [x["id"] for x in a["articles"]] == ["a"] and a["rejected"] == []
