"""How `newsprism check` answers claims that change one detail of what a corpus reports.

A fact-checker's most common case is a claim that repeats a report with one detail wrong: another number,
weekday or year, or the act negated. This script takes the statements of an analysed corpus's multi-article
facts (corroborated or same-origin), changes one slot of each in a general way, and asks `check` about both
the statement as it stands and each changed version:

- `num`: the first counted number (not a year) becomes 2n+3, a number word another one;
- `day`: the first weekday moves three days on;
- `year`: the first year moves three years back;
- `neg`: "not" after the main verb's auxiliary;
- `person`, `place`: the first person (or place) the statement names becomes another person (place) that the
  same articles name but the fact's own mentions never do, so that the changed claim is not also reported;
- `age`: the first "N-year-old" becomes (N + 11)-year-old;
- `mod`: a number that specifies a noun changes: "first-degree" becomes "third-degree", "a 12-year sentence"
  a 17-year one.

A changed claim should come back `contradicted`; the statement as it stands should never. Nothing here is a gold
label: the measure needs no hand-made data, so it can be run on parts of a dataset never used for tuning.

    python scripts/check_perturb.py --analysis OUT/analysis.json --db OUT/newsprism.db --articles 'ecb-33_,ecb-35_'
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections import Counter
from pathlib import Path

from newsprism.apps.check import check_claim
from newsprism.nlp.load import get_nlp

DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WORDS = {"two": "five", "three": "seven", "four": "nine", "five": "eleven", "six": "ten", "seven": "twelve",
         "eight": "fourteen", "nine": "fifteen", "ten": "nineteen"}
ENT_KINDS = {"PERSON": "person", "GPE": "place"}
AGE_RE = re.compile(r"\b(\d{1,2})\s?-\s?years?\s?-\s?old\b")
ORDINALS = ("first", "second", "third", "fourth")
MOD_RE = re.compile(r"\b(?:(first|second|third|fourth)|(\d+))\s?-\s?(?!years?\s?-\s?old)(degree|year|month|week|day|hour)\b",
                    re.I)
AUX = ("was", "were", "is", "are", "has", "had", "have", "will")


def _swap(text: str, t, new: str) -> str:
    return text[:t.idx] + new + text[t.idx + len(t):]


def perturbations(text: str, others: dict[str, list[str]] | None = None) -> dict[str, str]:
    """One changed version of `text` per kind it allows; `others` are the names, by kind, a swap may use."""
    doc = get_nlp()(text)
    out: dict[str, str] = {}
    for ent in doc.ents:
        kind = ENT_KINDS.get(ent.label_)
        if kind and kind not in out and (others or {}).get(kind):
            new = others[kind][0]
            out[kind] = text[:ent.start_char] + new + text[ent.end_char:]
    m = MOD_RE.search(text)
    if m and m.group(1):
        new = ORDINALS[(ORDINALS.index(m.group(1).lower()) + 2) % len(ORDINALS)]
        out["mod"] = text[:m.start(1)] + new + text[m.end(1):]
    elif m:
        out["mod"] = text[:m.start(2)] + str(int(m.group(2)) + 5) + text[m.end(2):]
    m = AGE_RE.search(text)
    if m:
        out["age"] = text[:m.start(1)] + str(int(m.group(1)) + 11) + text[m.end(1):]
    for t in doc:
        if "num" not in out and t.like_num and t.dep_ == "nummod":
            if t.text.isdigit() and not 1900 <= int(t.text) <= 2100:
                out["num"] = _swap(text, t, str(int(t.text) * 2 + 3))
            elif t.lower_ in WORDS:
                out["num"] = _swap(text, t, WORDS[t.lower_])
        if "year" not in out and t.text.isdigit() and 1950 <= int(t.text) <= 2030 and t.ent_type_ == "DATE":
            out["year"] = _swap(text, t, str(int(t.text) - 3))
        if "day" not in out and t.text in DAYS:
            out["day"] = _swap(text, t, DAYS[(DAYS.index(t.text) + 3) % 7])
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    aux = [c for c in root.children if c.dep_ in ("aux", "auxpass") and c.lower_ in AUX] if root is not None else []
    if aux and not any(c.dep_ == "neg" for c in root.children):
        end = aux[0].idx + len(aux[0])
        out["neg"] = text[:end] + " not" + text[end:]
    return out


def swap_names(fact: dict, articles: dict[str, dict]) -> dict[str, list[str]]:
    """Names of each kind in the fact's articles that none of its mentions holds, most mentioned first."""
    said = " ".join(m.get("text", "") for m in fact["mentions"]).lower()
    count: dict[str, Counter[str]] = {}
    for aid in sorted({m["article"] for m in fact["mentions"]}):
        for e in articles.get(aid, {}).get("entities", []):
            kind = ENT_KINDS.get(e.get("type", ""))
            name = e.get("name", "")
            if kind and len(name) > 3 and not any(w.lower() in said for w in name.split() if len(w) > 3):
                count.setdefault(kind, Counter())[name] += len(e.get("mentions", []))
    return {k: [n for n, _ in c.most_common()] for k, c in count.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--analysis", required=True)
    ap.add_argument("--db", required=True)
    ap.add_argument("--articles", default="", help="comma-separated article id prefixes to keep (default: all)")
    ap.add_argument("--facts", type=int, default=60, help="facts sampled")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--kinds", default="", help="comma-separated kinds of change to ask about (default: all)")
    ap.add_argument("--show", action="store_true", help="print every answer that is not the expected one")
    args = ap.parse_args()
    prefixes = tuple(p for p in args.articles.split(",") if p)
    analysis = json.loads(Path(args.analysis).read_text())
    articles = {a["id"]: a for a in analysis["articles"]}
    facts = [f for f in analysis["facts"]
             if len(f["mentions"]) >= 2 and f["status"] in ("corroborated", "same_origin")
             and (not prefixes or f["mentions"][0]["article"].startswith(prefixes))]
    random.Random(args.seed).shuffle(facts)
    tally: Counter[tuple[str, str]] = Counter()
    for f in facts[:args.facts]:
        text = f["statement"]
        changed = perturbations(text, swap_names(f, articles))
        if args.kinds:
            changed = {k: v for k, v in changed.items() if k in args.kinds.split(",")}
        if not changed:
            continue
        for kind, claim in [("as reported", text), *changed.items()]:
            status = check_claim(claim, args.db)["status"]
            tally[(kind, status)] += 1
            wrong = status == "contradicted" if kind == "as reported" else status != "contradicted"
            if args.show and wrong:
                print(f"[{kind}] {status}: {claim[:200]}")
    kinds = sorted({k for k, _ in tally})
    report = {k: {s: n for (k2, s), n in sorted(tally.items()) if k2 == k} for k in kinds}
    changed_total = sum(n for (k, _), n in tally.items() if k != "as reported")
    caught = sum(n for (k, s), n in tally.items() if k != "as reported" and s == "contradicted")
    reported = sum(n for (k, _), n in tally.items() if k == "as reported")
    false = tally[("as reported", "contradicted")]
    print(json.dumps({"answers": report, "changed_contradicted": round(caught / max(changed_total, 1), 3),
                      "changed": changed_total, "as_reported_contradicted": round(false / max(reported, 1), 3),
                      "as_reported": reported}, indent=1))


if __name__ == "__main__":
    main()
