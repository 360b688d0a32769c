"""Time and peak memory of reading each hostile input, one subprocess per case (not a timed test).

    python benchmarks/hostile_budget.py [--analyze]

Each case is written to a temporary folder and read by `read_inputs` (with --analyze: a whole `newsprism
analyze` run) in a fresh process; one JSON line per case gives seconds, peak RSS in MB and what came out.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
from pathlib import Path

BODY = "Port officials said on Saturday that around 40 crew were rescued near Kessel. "
CASES = {
    "html_250k_p": ("wide.html", lambda: "<html><body>" + "<p>word</p>" * 250_000 + "</body></html>"),
    "html_1m_p": ("wider.html", lambda: "<html><body>" + "<p>word</p>" * 1_000_000 + "</body></html>"),
    "html_100k_deep": ("deep.html", lambda: "<html><body>" + "<div>" * 100_000 + BODY + "</div>" * 100_000),
    "text_0.9MB": ("long.txt", lambda: "Long\n\n" + BODY * 11_500),
    "jsonl_deep_line": ("deep.jsonl", lambda: "[" * 200_000 + "]" * 200_000 + "\n" + json.dumps({"text": BODY})),
    "jsonl_5000_digits": ("int.jsonl", lambda: '{"n": ' + "9" * 5000 + "}\n" + json.dumps({"text": BODY})),
    "jsonl_gz_100k_empty": ("amp.jsonl.gz", lambda: gzip.compress(b"{}\n" * 100_000)),
}
_PROBE = """
import json, resource, sys, time
from newsprism.io.readers import RawDoc, read_inputs
t = time.perf_counter()
items = list(read_inputs([sys.argv[1]]))
print(json.dumps({"seconds": round(time.perf_counter() - t, 2),
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
                  "articles": sum(isinstance(i, RawDoc) for i in items),
                  "rejected": sum(not isinstance(i, RawDoc) for i in items),
                  "first_reason": next((i.reason for i in items if not isinstance(i, RawDoc)), None)}))
"""


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--analyze", action="store_true", help="time a whole analyze run per case")
    ap.add_argument("--timeout", type=float, default=300)
    args = ap.parse_args()
    for name, (fname, make) in CASES.items():
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / fname
            data = make()
            path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
            if args.analyze:
                cmd = [sys.executable, "-c", "import resource, subprocess, sys, time; t = time.perf_counter(); "
                       "rc = subprocess.call([sys.executable, '-m', 'newsprism.apps.cli', 'analyze', sys.argv[1], "
                       "'-o', sys.argv[2], '--workers', '1', '--no-report'], stdout=subprocess.DEVNULL, "
                       "stderr=subprocess.DEVNULL); print('{\"seconds\": %.2f, \"peak_mb\": %d, \"rc\": %d}' % "
                       "(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024,"
                       " rc))", str(path), str(Path(tmp) / "out")]
            else:
                cmd = [sys.executable, "-c", _PROBE, str(path)]
            try:
                out = subprocess.run(cmd, capture_output=True, text=True, timeout=args.timeout).stdout.strip()
                row = json.loads(out.splitlines()[-1])
            except subprocess.TimeoutExpired:
                row = {"seconds": f">{args.timeout}", "timed_out": True}
            print(json.dumps({"case": name, "bytes": path.stat().st_size, **row}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
