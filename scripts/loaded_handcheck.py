"""Hand check of loaded-language precision and voice: list flagged terms for judging, and score the judged file.

    python scripts/loaded_handcheck.py list --fnc1 280:480 --ecb ecb-14_1ecb,... -o /tmp/terms.jsonl
    python scripts/loaded_handcheck.py list --polnear 0:40 -o /tmp/terms.jsonl
    python scripts/loaded_handcheck.py add --labels /tmp/labels.jsonl --part held_out
    python scripts/loaded_handcheck.py score

`list` runs the full per-document pipeline (quotes feed the voice) and writes every flagged term with its
sentence to a file outside the repository, for a person to judge. `add` stores the judgements in
tests/data/loaded_handcheck.json without any dataset text (ids, offsets, a digest of the term, labels); `score`
re-extracts the judged documents and prints outlet-voice precision and voice accuracy per part and source.
FNC-1 bodies and PolNeAR train articles are taken in SHA-1 order of their doc id ('fnc1-<Body ID>',
'polnear-<file stem>'), so that a range is a fixed sample. Parts: `tuned` (read while writing the rules) and
`held_out` (judged once with the rules frozen; once reported, it is read like the tuned part and renamed).
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections import defaultdict
from pathlib import Path

from newsprism.evals.handcheck_texts import fnc1_bodies, polnear_texts, read_texts, term_digest
from newsprism.model import Article
from newsprism.nlp.load import get_nlp
from newsprism.run.pipeline import annotate_doc

ROOT = Path(__file__).resolve().parents[1]
HANDCHECK = ROOT / "tests" / "data" / "loaded_handcheck.json"
DATASETS = ROOT.parent / "shared" / "datasets"


def sha1_order(ids: dict[str, str]) -> list[str]:
    return sorted(ids, key=lambda s: hashlib.sha1(s.encode()).hexdigest())


def source_of(doc_id: str) -> str:
    for prefix, source in (("fnc1-", "fnc1"), ("ecb-", "ecbplus"), ("polnear-", "polnear")):
        if doc_id.startswith(prefix):
            return source
    return "basil"


def _range(spec: str) -> slice:
    a, b = (int(x) for x in spec.split(":"))
    return slice(a, b)


def extract(texts: dict[str, str]) -> dict[str, list]:
    order = sorted(texts)
    out = {}
    for doc_id, doc in zip(order, get_nlp().pipe([texts[i] for i in order]), strict=True):
        out[doc_id] = annotate_doc(Article(id=doc_id, source=doc_id, body=texts[doc_id]), doc).loaded_terms
    return out


def _context(text: str, start: int, end: int) -> str:
    lo = max(text.rfind("\n", 0, start), text.rfind(". ", 0, max(start - 120, 0)), start - 300, -1) + 1
    hi = min(x for x in (text.find("\n", end), end + 200, len(text)) if x >= 0)
    return text[lo:start] + "[[" + text[start:end] + "]]" + text[end:hi]


def cmd_list(args: argparse.Namespace) -> None:
    ids: list[str] = []
    if args.fnc1:
        ids += sha1_order(fnc1_bodies(args.datasets))[_range(args.fnc1)]
    if args.polnear:
        ids += sha1_order(polnear_texts(args.datasets))[_range(args.polnear)]
    ids += [i for i in (args.ecb or "").split(",") if i] + [i for i in (args.basil or "").split(",") if i]
    texts = read_texts(args.datasets, set(ids))
    with open(args.out, "w", encoding="utf-8") as fh:
        for doc_id, terms in extract(texts).items():
            for t in terms:
                fh.write(json.dumps({"doc": doc_id, "start": t.start, "end": t.end, "term": t.text, "voice": t.voice,
                                     "score": t.score, "context": _context(texts[doc_id], t.start, t.end)}) + "\n")


def cmd_add(args: argparse.Namespace) -> None:
    """Labels: JSON lines with doc, start, end, loaded (bool), voice (the true voice), predicted_voice."""
    check = json.loads(HANDCHECK.read_text(encoding="utf-8"))
    rows = [json.loads(line) for line in Path(args.labels).read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = read_texts(args.datasets, {r["doc"] for r in rows})
    for r in rows:
        check["terms"].append({"doc": r["doc"], "source": source_of(r["doc"]), "start": r["start"], "end": r["end"],
                               "digest": term_digest(texts[r["doc"]][r["start"]:r["end"]]), "part": args.part,
                               "loaded": bool(r["loaded"]), "voice": r["voice"],
                               "predicted_voice": r["predicted_voice"]})
    HANDCHECK.write_text(json.dumps(check, indent=1) + "\n", encoding="utf-8")


def summarise(rows: list[dict], now: dict[str, dict[tuple[int, int], str]]) -> dict[str, float]:
    kept = [r for r in rows if (r["start"], r["end"]) in now[r["doc"]]]
    voice = {id(r): now[r["doc"]][(r["start"], r["end"])] for r in kept}
    outlet = [r for r in kept if voice[id(r)] == "outlet"]
    return {"flagged": len(rows), "still_flagged": len(kept), "outlet_voice": len(outlet),
            "outlet_precision": round(sum(r["loaded"] for r in outlet) / max(len(outlet), 1), 3),
            "voice_accuracy": round(sum(voice[id(r)] == r["voice"] for r in kept) / max(len(kept), 1), 3),
            "loaded_any_voice": round(sum(r["loaded"] for r in kept) / max(len(kept), 1), 3)}


def cmd_score(args: argparse.Namespace) -> None:
    check = json.loads(HANDCHECK.read_text(encoding="utf-8"))
    rows = [r for r in check["terms"] if not args.part or r["part"] in args.part.split(",")]
    texts = read_texts(args.datasets, {r["doc"] for r in rows})
    now = {d: {(t.start, t.end): t.voice for t in terms} for d, terms in extract(texts).items()}
    groups: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        assert term_digest(texts[r["doc"]][r["start"]:r["end"]]) == r["digest"], r
        groups[r["part"]].append(r)
        groups[f"{r['part']}/{r['source']}"].append(r)
    summary = {k: summarise(v, now) for k, v in sorted(groups.items())}
    print(json.dumps(summary, indent=1))
    if args.errors:
        with open(args.errors, "w", encoding="utf-8") as fh:
            for r in rows:
                got = now[r["doc"]].get((r["start"], r["end"]))
                if got is not None and (got == "outlet" and not r["loaded"] or got != r["voice"]):
                    text = texts[r["doc"]]
                    fh.write(json.dumps({**r, "now": got, "context": _context(text, r["start"], r["end"])}) + "\n")
    if args.write:
        check["summary"] = summary
        HANDCHECK.write_text(json.dumps(check, indent=1) + "\n", encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--datasets", type=Path, default=DATASETS)
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("list")
    p.add_argument("--fnc1", help="a range A:B of FNC-1 bodies in SHA-1 order of their doc id")
    p.add_argument("--ecb", help="comma-separated ECB+ doc ids")
    p.add_argument("--basil", help="comma-separated BASIL file stems")
    p.add_argument("--polnear", help="a range A:B of PolNeAR train articles in SHA-1 order of their doc id")
    p.add_argument("-o", "--out", required=True, help="where to write the terms (with text: keep it outside the repo)")
    p.set_defaults(fn=cmd_list)
    p = sub.add_parser("add")
    p.add_argument("--labels", required=True)
    p.add_argument("--part", required=True)
    p.set_defaults(fn=cmd_add)
    p = sub.add_parser("score")
    p.add_argument("--part", help="comma-separated parts (default: all)")
    p.add_argument("--errors", help="write the wrong outlet-voice terms and voice errors here (with text)")
    p.add_argument("--write", action="store_true", help="store the summary in the hand-check file")
    p.set_defaults(fn=cmd_score)
    args = ap.parse_args()
    args.fn(args)


if __name__ == "__main__":
    main()
