"""Load on `newsprism serve`, loopback only: N clients for a fixed time, mixing pages and hostile searches.

    python benchmarks/load_serve.py STORE.db [--clients 20] [--seconds 20]

Starts the app on 127.0.0.1 (a free port) in a child process, as `newsprism serve` runs it, and the clients as
threads of this one: clients in the server's process would share its interpreter lock, and their own work
(reading multi-megabyte pages) would be counted as the server's. Prints one JSON line: requests per second, p95
and the longest response, per kind and overall, the statuses seen and the machine's load average (the numbers
mean little on a busy machine). The bound is that no response takes over 2 s (exit status 1 otherwise). Not a
timed test: numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import random
import sys
import threading
import time
from pathlib import Path

# Each client picks one of these per request: the report page, ordinary searches and checks, and hostile ones
# (thousands of distinct words, one word repeated, FTS5 syntax, a long claim).
_WORDS = " ".join(f"w{i}" for i in range(4000))
KINDS = {
    "page": lambda: "/",
    "search": lambda: "/search?q=" + random.choice(["tanker", "harbour+fire", "crew+rescued", "minister"]),
    "check": lambda: "/check?claim=" + random.choice(["crew+were+rescued", "the+fire+started+in+the+engine+room"]),
    "hostile_search": lambda: "/search?q=" + random.choice([_WORDS.replace(" ", "+"), "tanker+" * 3000,
                                                             "%22a%22+NEAR(b+c)+*+-x+" * 200]),
    "hostile_check": lambda: "/check?claim=" + _WORDS.replace(" ", "+"),
}


def _client(port: int, until: float, out: list[tuple[str, float, int]]) -> None:
    rng = random.Random(threading.get_ident())
    while time.monotonic() < until:
        kind = rng.choice(list(KINDS))
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        t0 = time.perf_counter()
        try:
            conn.request("GET", KINDS[kind]())
            resp = conn.getresponse()
            resp.read()
            status = resp.status
        except OSError:
            status = 0
        finally:
            conn.close()
        out.append((kind, time.perf_counter() - t0, status))


def _summary(times: list[float], seconds: float) -> dict:
    times = sorted(times)
    return {"n": len(times), "rps": round(len(times) / seconds, 1),
            "p95_s": round(times[int(0.95 * (len(times) - 1))], 3) if times else None,
            "max_s": round(times[-1], 3) if times else None}


def _statuses(results: list[tuple[str, float, int]]) -> dict[str, int]:
    """How many of each status: a check refused at once (503, busy) is an answer, and counted apart."""
    return {str(s): sum(1 for *_, st in results if st == s) for s in sorted({r[2] for r in results})}


def _serve(db: Path, port_to: multiprocessing.connection.Connection) -> None:
    from newsprism.apps.web import make_app_server

    server = make_app_server(db, "127.0.0.1", 0)
    port_to.send(server.server_port)
    server.serve_forever()


def _warm_up(port: int) -> None:
    """Before the clock: the report page is rendered on first use, and the check workers load their NLP
    pipeline at startup (a check answers 503 until one is ready)."""
    deadline = time.monotonic() + 300
    for path in ("/", "/check?claim=crew+were+rescued"):
        while True:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
            conn.request("GET", path)
            resp = conn.getresponse()
            resp.read()
            conn.close()
            if resp.status != 503 or time.monotonic() > deadline:
                break
            time.sleep(0.5)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("db", type=Path)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=20)
    args = ap.parse_args()
    recv, send = multiprocessing.Pipe(duplex=False)
    # not daemonic: the server starts its own check workers (a daemonic process may not have children)
    proc = multiprocessing.get_context("spawn").Process(target=_serve, args=(args.db, send))
    proc.start()
    port = recv.recv()
    try:
        _warm_up(port)
        results: list[tuple[str, float, int]] = []
        until = time.monotonic() + args.seconds
        threads = [threading.Thread(target=_client, args=(port, until, results)) for _ in range(args.clients)]
        t0 = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - t0
    finally:
        proc.terminate()
        proc.join(10)
    report = {"clients": args.clients, "seconds": round(wall, 1), "load_average": os.getloadavg()[0],
              "all": _summary([d for _, d, _ in results], wall),
              "by_kind": {k: _summary([d for kk, d, _ in results if kk == k], wall)
                          | {"statuses": _statuses([r for r in results if r[0] == k])} for k in KINDS},
              "statuses": _statuses(results)}
    print(json.dumps(report))
    return 0 if report["all"]["max_s"] is not None and report["all"]["max_s"] <= 2.0 else 1


if __name__ == "__main__":
    sys.exit(main())
