"""TempEval-3 Task A (timex): extraction and normalisation of newsprism's times on TimeML files.

Two ways of getting them are scored on every file: the times-only path (`extract/timex_text.py`, spaCy only on
the sentences whose reading depends on the parse; the headline figures) and the tagger on the full parse that
`analyze` makes anyway (`within_analyze`).

Each `**/*.tml` file gives the plain text of its TEXT element (tags stripped, offsets computed here), the gold
TIMEX3 spans with type and value, and the document creation time (the CREATION_TIME TIMEX3), which becomes the
anchor as `Published(date=DCT)` and is left out of the gold. Metrics follow the official scorer: strict and
relaxed (overlap) precision/recall/F1, and attribute F1 = relaxed F1 x attribute accuracy over the relaxed
matches, for `value` and `type`. Reference on te3-platinum: HeidelTime value F1 77.61, strict 81.3, relaxed 90.3.
On TBAQ itself HeidelTime standalone 2.2.1 (TreeTagger, news mode, the file's DCT), scored by this module, gives
value F1 79.7 on TimeBank and 73.2 on AQUAINT (strict 85.3 / 81.3, relaxed 92.2 / 92.9): the same-data anchor.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from newsprism.model import Published

HEIDELTIME = {"value_f1": 77.61, "strict_f1": 81.3, "relaxed_f1": 90.3}
# HeidelTime 2.2.1 standalone run over the TBAQ parts and scored here (value, strict, relaxed F1).
HEIDELTIME_TBAQ = {"TimeBank": (79.7, 85.3, 92.2), "AQUAINT": (73.2, 81.3, 92.9)}


@dataclass
class Timex:
    start: int
    end: int
    text: str
    type: str | None
    value: str | None


@dataclass
class TmlDoc:
    name: str
    text: str
    dct: str | None
    timexes: list[Timex] = field(default_factory=list)


def parse_tml(xml: str, name: str = "") -> TmlDoc:
    """The TEXT element's plain text with its TIMEX3 spans; the DCT value from the CREATION_TIME timex."""
    root = ET.fromstring(xml)
    dct = None
    for tx in root.iter("TIMEX3"):
        if tx.get("functionInDocument") == "CREATION_TIME":
            dct = tx.get("value")
            break
    text_el = root.find(".//TEXT")
    parts: list[str] = []
    timexes: list[Timex] = []
    pos = 0

    def walk(el: ET.Element) -> None:
        nonlocal pos
        start = pos
        if el.text:
            parts.append(el.text)
            pos += len(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
                pos += len(child.tail)
        if el.tag == "TIMEX3" and el.get("functionInDocument") != "CREATION_TIME":
            timexes.append(Timex(start, pos, "".join(parts)[start:pos], el.get("type"), el.get("value")))

    if text_el is not None:
        walk(text_el)
    timexes.sort(key=lambda t: t.start)
    return TmlDoc(name=name, text="".join(parts), dct=dct, timexes=timexes)


def _prf(tp_p: int, n_sys: int, tp_r: int, n_gold: int) -> tuple[float, float, float]:
    p = tp_p / n_sys if n_sys else 0.0
    r = tp_r / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class Counts:
    n_sys: int = 0
    n_gold: int = 0
    strict_sys: int = 0
    strict_gold: int = 0
    relaxed_sys: int = 0
    relaxed_gold: int = 0
    matched: int = 0
    value_ok: int = 0
    type_ok: int = 0

    def add(self, other: Counts) -> None:
        for k in vars(self):
            setattr(self, k, getattr(self, k) + getattr(other, k))

    def metrics(self) -> dict[str, float]:
        sp, sr, sf = _prf(self.strict_sys, self.n_sys, self.strict_gold, self.n_gold)
        rp, rr, rf = _prf(self.relaxed_sys, self.n_sys, self.relaxed_gold, self.n_gold)
        acc_v = self.value_ok / self.matched if self.matched else 0.0
        acc_t = self.type_ok / self.matched if self.matched else 0.0
        return {
            "strict_p": sp, "strict_r": sr, "strict_f1": sf, "relaxed_p": rp, "relaxed_r": rr, "relaxed_f1": rf,
            "value_accuracy": acc_v, "value_f1": rf * acc_v, "type_accuracy": acc_t, "type_f1": rf * acc_t,
            "gold": self.n_gold, "system": self.n_sys,
        }  # fmt: skip


def score(gold: list[Timex], system: list[Timex]) -> Counts:
    """Counts for one document; attribute accuracy over one-to-one relaxed matches (largest overlap first)."""
    c = Counts(n_sys=len(system), n_gold=len(gold))
    exact = {(g.start, g.end) for g in gold}
    c.strict_sys = sum((s.start, s.end) in exact for s in system)
    c.strict_gold = sum((g.start, g.end) in {(s.start, s.end) for s in system} for g in gold)

    def overlaps(a: Timex, b: Timex) -> bool:
        return a.start < b.end and b.start < a.end

    c.relaxed_sys = sum(any(overlaps(s, g) for g in gold) for s in system)
    c.relaxed_gold = sum(any(overlaps(g, s) for s in system) for g in gold)
    pairs = sorted(
        ((min(g.end, s.end) - max(g.start, s.start), gi, si) for gi, g in enumerate(gold)
         for si, s in enumerate(system) if overlaps(g, s)), reverse=True,
    )
    used_g: set[int] = set()
    used_s: set[int] = set()
    for _, gi, si in pairs:
        if gi in used_g or si in used_s:
            continue
        used_g.add(gi)
        used_s.add(si)
        c.matched += 1
        c.value_ok += gold[gi].value == system[si].value
        c.type_ok += gold[gi].type == system[si].type
    return c


def _published(doc: TmlDoc) -> Published:
    return Published(date=doc.dct[:10] if doc.dct else None)


def predict(doc: TmlDoc) -> list[Timex]:
    """What `analyze` gives: the tagger on the full pipeline's parse of every sentence."""
    from newsprism.extract.times import extract_times
    from newsprism.nlp.load import get_nlp

    return [Timex(t.start, t.end, t.text, t.type, t.value) for t in extract_times(get_nlp()(doc.text), _published(doc))]


def predict_times_only(docs: list[TmlDoc]) -> list[list[Timex]]:
    """What the times-only path gives (`extract.timex_text`): spaCy only on the sentences that need it."""
    from newsprism.extract.timex_text import times_of_texts

    return [[Timex(t.start, t.end, t.text, t.type, t.value) for t in times]
            for times in times_of_texts((d.text, _published(d)) for d in docs)]


def _group(path: Path, data_dir: Path) -> str:
    rel = path.relative_to(data_dir).parts
    return "/".join(rel[:-1]) or "."


def evaluate(data_dir: Path) -> dict:
    """Both ways of getting times, on every file: the headline is the times-only path (the cheap one, see
    benchmarks/timex_speed.py); `within_analyze` is what a full `analyze` run gives."""
    data_dir = Path(data_dir)
    files = sorted(data_dir.rglob("*.tml"))
    limit = os.environ.get("NEWSPRISM_EVAL_LIMIT")
    if limit:
        files = files[: int(limit)]
    if not files:
        print(f"no *.tml files under {data_dir}")
    docs = [parse_tml(path.read_text(encoding="utf-8"), path.name) for path in files]
    groups = [_group(path, data_dir) for path in files]
    result = _scored(docs, groups, predict_times_only(docs))
    full = _scored(docs, groups, [predict(d) for d in docs])
    result["documents"] = len(files)
    result["within_analyze"] = {k: full[k] for k in ("value_f1", "strict_f1", "relaxed_f1", "type_f1")}
    result["within_analyze"]["groups"] = {g: m["value_f1"] for g, m in full["groups"].items()}
    result["heideltime_te3_platinum"] = HEIDELTIME
    result["heideltime_tbaq"] = {k: dict(zip(("value_f1", "strict_f1", "relaxed_f1"), v, strict=True))
                                 for k, v in HEIDELTIME_TBAQ.items()}
    _print_table(result)
    return result


def _scored(docs: list[TmlDoc], groups: list[str], predicted: list[list[Timex]]) -> dict:
    total = Counts()
    by_group: dict[str, Counts] = {}
    for doc, group, system in zip(docs, groups, predicted, strict=True):
        c = score(doc.timexes, system)
        total.add(c)
        by_group.setdefault(group, Counts()).add(c)
    result = _rounded(total.metrics())
    result["groups"] = {g: _rounded(c.metrics()) for g, c in sorted(by_group.items())}
    return result


def _rounded(metrics: dict) -> dict:
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in metrics.items()}


def _print_table(result: dict) -> None:
    cols = ("strict_f1", "relaxed_f1", "value_f1", "type_f1", "relaxed_p", "relaxed_r", "gold")
    print("times-only path (extract/timex_text.py); the full parse `analyze` uses below")
    print(f"{'set':<28}" + "".join(f"{c:>12}" for c in cols))
    rows = [*result["groups"].items(), ("ALL", result)] if len(result["groups"]) > 1 else [("ALL", result)]
    for name, m in rows:
        print(f"{name:<28}" + "".join(
            f"{(m[c] * 100 if c != 'gold' else m[c]):>12.1f}" if c != "gold" else f"{m[c]:>12d}" for c in cols))
    full = result["within_analyze"]
    print(f"{'within analyze (full parse)':<28}{full['strict_f1'] * 100:>12.1f}{full['relaxed_f1'] * 100:>12.1f}"
          f"{full['value_f1'] * 100:>12.1f}   " + ", ".join(f"{g} {v * 100:.1f}" for g, v in full["groups"].items()))
    h = HEIDELTIME
    print(f"{'HeidelTime (te3-platinum)':<28}{h['strict_f1']:>12.1f}{h['relaxed_f1']:>12.1f}{h['value_f1']:>12.1f}")
    for part, (value, strict, relaxed) in HEIDELTIME_TBAQ.items():
        if part in result["groups"]:
            print(f"{'HeidelTime (' + part + ')':<28}{strict:>12.1f}{relaxed:>12.1f}{value:>12.1f}")
