"""One module per public dataset: `evaluate(data_dir: Path) -> dict` prints a human-readable table and returns
the metrics; `newsprism eval NAME --data DIR` prints that dict as the last line of stdout (one JSON line).
Every module evaluates what newsprism ships (rules and trained models), never retrains on DIR, and finds its
files by pattern so that any folder of the same layout works."""

NAMES = ("html", "fnc1", "stories", "tempeval3", "polnear", "ptc", "babe", "entities", "facts")
