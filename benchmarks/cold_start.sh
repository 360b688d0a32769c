#!/usr/bin/env bash
# Time to first result of a cold `newsprism analyze` on the seeds (import + model load + run), three times.
set -euo pipefail
cd "$(dirname "$0")/.."
seeds=${1:-../shared/seeds}
for i in 1 2 3; do
  out=$(mktemp -d)
  /usr/bin/time -f "cold analyze: %e s wall, %M KB peak RSS" .venv/bin/newsprism analyze "$seeds" -o "$out" --workers 1 >/dev/null
  rm -rf "$out"
done
