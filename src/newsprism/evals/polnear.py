"""PolNeAR attribution eval: newsprism's quote extractor against brat Source / Cue / Content spans.

Layout (found by pattern): `**/text/<name>` with `**/attributions/<name>_<annotator>.ann`. Several annotators may
cover one article; the first annotation file in sorted order is used. Every quote newsprism finds becomes a
predicted (source, cue, content) triple: source = speaker_start:end, cue = cue_start:end, content = start:end.

Two match criteria per role, each giving precision / recall / F1 over the set of distinct spans of a document:
  exact    same character span once both are stripped of surrounding whitespace, punctuation and quote marks;
           a discontinuous gold span matches by its envelope (first start to last end) or by any one fragment;
           a predicted content gets back the leading "that" PolNeAR includes and newsprism leaves out, and a
           quote inside the clause its cue governs counts as that clause (PolNeAR's content is the clause);
           newsprism's speaker (the name the output shows) is scored as its noun phrase with the modifiers
           PolNeAR includes, and its cue with the adverbs before the verb (see `_source_phrase`, `_cue_phrase`)
  overlap  the spans share at least one character (lenient; each gold span can be matched once)
PolNeAR annotates every attribution, beliefs and perceptions included ("he figures that ..."), while newsprism
extracts reported speech, so recall is bounded well below the human ceiling by design.

The `test` compartment is left out unless NEWSPRISM_POLNEAR_TEST=1: its authors ask that it never be viewed while
a system is being developed, so train (with the every-10th `train-val` slice) and dev are the numbers to tune on.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from newsprism.extract.entities import extract_entities
from newsprism.extract.quotes import extract_quotes
from newsprism.model import Article, Quote
from newsprism.nlp.load import get_nlp

ROLES = ("source", "cue", "content")
_THAT = re.compile(r"\bthat,?\s+$")
_T_LINE = re.compile(r"^T\d+\t(\S+) ([\d ;]+)\t")
_STRIP = " \t\n.,;:!?\"'“”‘’()—–-"
ANCHORS = ("PARC3-trained extractors (Pareti 2016; Scheible et al. 2016): roughly 0.6-0.8 F1 per role "
           "(recalled, exact vs partial); human attribution-wise agreement on PolNeAR: 92.3 %")


@dataclass
class Counts:
    tp_p: int = 0  # predictions that match a gold span
    tp_r: int = 0  # gold spans matched by a prediction
    pred: int = 0
    gold: int = 0

    def add(self, other: Counts) -> None:
        self.tp_p += other.tp_p
        self.tp_r += other.tp_r
        self.pred += other.pred
        self.gold += other.gold

    def prf(self) -> tuple[float, float, float]:
        p = self.tp_p / self.pred if self.pred else 0.0
        r = self.tp_r / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class Scores:
    n: int = 0
    exact: dict[str, Counts] = field(default_factory=lambda: {r: Counts() for r in ROLES})
    overlap: dict[str, Counts] = field(default_factory=lambda: {r: Counts() for r in ROLES})

    def metrics(self) -> dict[str, float | int]:
        out: dict[str, float | int] = {"n": self.n}
        for role in ROLES:
            for mode, table in (("", self.exact), ("_overlap", self.overlap)):
                p, r, f = table[role].prf()
                out[f"{role}{mode}_p"], out[f"{role}{mode}_r"], out[f"{role}{mode}_f1"] = \
                    round(p, 4), round(r, 4), round(f, 4)
        return out


Span = tuple[int, ...]  # (start, end) or, for a discontinuous span, (start, end, start2, end2, ...)


def load_gold(ann_text: str) -> dict[str, set[Span]]:
    """Distinct Source / Cue / Content spans of one .ann file; a discontinuous span keeps its fragments."""
    gold: dict[str, set[Span]] = {r: set() for r in ROLES}
    for line in ann_text.splitlines():
        m = _T_LINE.match(line)
        if not m or m.group(1).lower() not in gold:
            continue
        nums = [int(x) for x in re.split(r"[ ;]", m.group(2).strip()) if x]
        gold[m.group(1).lower()].add(tuple(nums))
    return gold


def find_documents(data_dir: Path) -> list[tuple[str, Path, Path]]:
    """(split, text path, first annotation path) for every annotated article under data_dir."""
    texts: dict[tuple[Path, str], Path] = {}
    for path in data_dir.rglob("*"):
        if path.is_file() and path.parent.name == "text":
            texts[(path.parent.parent, path.stem)] = path
    anns: dict[tuple[Path, str], Path] = {}
    for path in sorted(data_dir.rglob("*.ann")):
        if path.parent.name != "attributions":
            continue
        stem = path.stem.rsplit("_", 1)[0]
        anns.setdefault((path.parent.parent, stem), path)
    docs = [(root.name, texts[(root, stem)], ann) for (root, stem), ann in anns.items() if (root, stem) in texts]
    return sorted(docs, key=lambda d: (d[0], d[1].name))


def predict(text: str, doc) -> dict[str, set[Span]]:
    quotes, _ = extract_quotes(doc, Article(id="x", source="x", body=text, entities=extract_entities(doc)))
    pred: dict[str, set[Span]] = {r: set() for r in ROLES}
    cues = {(q.cue_start, q.cue_end) for q in quotes if q.cue_start is not None and q.cue_end is not None}
    for q in quotes:
        pred["content"].add(_reported_clause(doc, q) or (q.start, q.end))
        if q.speaker_start is not None and q.speaker_end is not None:
            pred["source"].add(_source_phrase(doc, q, cues) or (q.speaker_start, q.speaker_end))
        if q.cue_start is not None and q.cue_end is not None:
            pred["cue"].add(_cue_phrase(doc, q) or (q.cue_start, q.cue_end))
    return pred


def _reported_clause(doc, q: Quote) -> Span | None:
    """PolNeAR's content is the whole reported clause, where newsprism's quote is the quoted words only: for a
    quote inside the clause its cue governs ("said her \"ferry fares were higher than promised\""), the clause."""
    if q.cue_start is None or q.cue_end is None:
        return None
    cue = doc.char_span(q.cue_start, q.cue_end, alignment_mode="expand")
    if cue is None:
        return None
    for child in cue.root.children:
        named = q.direct and _names_quote(cue.root, child)
        if child.dep_ not in ("ccomp", "xcomp") and not named:
            continue
        lo, hi = child.left_edge.idx, child.right_edge.idx + len(child.right_edge)
        obj = next((c for c in cue.root.children if c.dep_ == "dobj" and cue.root.i < c.i < child.i), None)
        if obj is not None and (named or child.dep_ == "xcomp"):
            # "called the plan “a disaster”": the object and what it was called; "urged residents to keep
            # the beach “clean and quiet”": the addressee and the act, as the extractor's own content
            lo = obj.left_edge.idx
        # a parse that runs over a line break: the clause stays in the quote's paragraph
        lo = max(lo, doc.text.rfind("\n", 0, q.start) + 1)
        nl = doc.text.find("\n", q.end)
        hi = min(hi, nl) if nl >= 0 else hi
        if lo <= q.cue_start < hi or q.speaker_start is not None and lo <= q.speaker_start < hi:
            continue  # a clause holding its own cue or speaker is not what the cue reports
        if lo < q.start < hi < q.end:
            hi = q.end  # the quote runs on past the parse's clause: the clause's words, then the whole quote
        if not q.direct and q.end < hi and doc.text[q.end:hi].lstrip().startswith(","):
            hi = q.end  # the extractor cut the writer's aside off the clause (", which ...", ", conceding ...")
        if lo <= q.start and q.end <= hi and (lo, hi) != (q.start, q.end):
            while hi > lo and doc.text[hi - 1] in _STRIP:
                hi -= 1
            return lo, hi
    return None


def _names_quote(verb, child) -> bool:
    """A quoted phrase that names or describes an object ("called the plan “a disaster”", "described him as
    “unhinged”"): PolNeAR's content is the object with the quoted words."""
    return child.i > verb.i and (child.dep_ == "oprd" or child.dep_ == "prep" and child.lower_ == "as")


# Focus adverbs are the sentence's, not the speaker's ("Even Republicans said ...").
_FOCUS = frozenset({"even", "also", "thus", "only", "just", "too", "still", "however", "so"})


def _source_phrase(doc, q: Quote, cues: set[Span]) -> Span | None:
    """PolNeAR's source is the speaker's noun phrase with its modifiers ("Growers who say the tariff is unfair",
    "Dora Velasquez, who piloted the island ferry ..., said"), where newsprism's speaker span is the name or head
    that the output shows. Left out: a relative clause that is another attribution ("Mr. Hallam, who had told
    ..."), modifiers set off by a comma after an inverted cue, the cue and the content. A relative pronoun that is
    the cue's subject is the source itself ("Mr. Reed, who said ...": "who")."""
    span = doc.char_span(q.speaker_start, q.speaker_end, alignment_mode="expand")
    cue = doc.char_span(q.cue_start, q.cue_end, alignment_mode="expand") if q.cue_start is not None else None
    if span is None:
        return None
    if cue is not None:
        subj = next((c for c in cue.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and subj.tag_ in ("WP", "WDT"):
            return subj.idx, subj.idx + len(subj)
    head = span.root
    marks = [x for x in (q.cue_start, q.start) if x is not None]
    before_cue = q.cue_start is not None and q.speaker_end <= q.cue_start and q.start >= q.cue_start
    hi = span.end
    for child in sorted((c for c in head.children if c.i >= span.end), key=lambda c: c.i):
        lo_c, end = child.left_edge.i, child.right_edge.i + 1
        gap = doc[hi:lo_c]
        contiguous = all(t.is_space for t in gap) and not any("\n" in t.text_with_ws for t in doc[max(hi - 1, 0):lo_c])
        commas = all(t.text == "," or t.is_space for t in gap)
        inside = doc[lo_c:end]
        if any(t.idx <= x < t.idx + len(t) for t in inside for x in marks) or \
                any("\n" in t.text_with_ws for t in inside[:-1]):
            break
        if any(c[0] >= inside.start_char and c[-1] <= inside.end_char for c in cues):
            break  # another attribution hangs here
        if child.dep_ in ("prep", "acl", "relcl") and contiguous or child.dep_ == "relcl" and commas and before_cue:
            hi = end
        elif child.dep_ != "punct":
            break
    while hi > span.end and (doc[hi - 1].is_punct or doc[hi - 1].is_space):
        hi -= 1
    # the head's own words before the span ("Nearly half", "Bernie Sanders' campaign"), on its line
    subtree = {t.i for t in head.subtree}
    lo = span.start
    while lo > 0 and lo - 1 in subtree and not _breaks(doc[lo - 1]) and "\n" not in doc[lo - 1].text_with_ws \
            and doc[lo - 1].lower_ not in _FOCUS \
            and not any(doc[lo - 1].idx <= x < doc[lo - 1].idx + len(doc[lo - 1]) for x in marks):
        lo -= 1
    if (lo, hi) == (span.start, span.end):
        return None
    return doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1])


def _breaks(tok) -> bool:
    """Punctuation that ends a noun phrase on its left; a hyphen inside a word ("vice-presidential") does not."""
    return tok.is_punct and not (tok.text == "-" and not tok.whitespace_ and tok.i > 0
                                 and not tok.doc[tok.i - 1].whitespace_)


def _cue_phrase(doc, q: Quote) -> Span | None:
    """PolNeAR's cue takes the verb's adverbs before it ("cautiously said", "wrongly claiming") and the verb that
    governs an infinitive cue ("refused to disclose"), and leaves out a leading "when" ("when asked": "asked"),
    where newsprism's cue is the verb group the output shows. (Its modifiers after the verb, "said Friday", are
    annotated both ways; taking them loses more matches than it gains.)"""
    cue = doc.char_span(q.cue_start, q.cue_end, alignment_mode="expand")
    if cue is None:
        return None
    root = cue.root
    lo = cue.start + 1 if cue[0].lower_ == "when" and len(cue) > 1 else cue.start
    while lo > 0 and doc[lo - 1].head.i == root.i and doc[lo - 1].dep_ in ("advmod", "aux", "neg") and \
            doc[lo - 1].tag_ != "WRB":
        lo -= 1
    lo = _governing_verb(doc, root, lo)
    if lo == cue.start:
        return None
    return doc[lo].idx, q.cue_end


def _governing_verb(doc, root, lo: int) -> int:
    """PolNeAR's cue of an infinitive speech verb starts at the verb that governs it ("appeared to suggest",
    "refused to disclose", "went on to explain"), with that verb's own auxiliaries and adverbs."""
    if root.dep_ != "xcomp" or root.head.pos_ not in ("VERB", "AUX") or root.head.i > root.i:
        return lo
    head = root.head
    if any(t.dep_ not in ("aux", "prt", "advmod", "neg") for t in doc[head.i + 1 : lo]):
        return lo
    lo = head.i
    while lo > 0 and doc[lo - 1].head.i == head.i and doc[lo - 1].dep_ in ("advmod", "aux", "neg") and \
            doc[lo - 1].tag_ != "WRB":
        lo -= 1
    return lo


def _norm(text: str, span: Span) -> tuple[int, int]:
    # a discontinuous span's envelope: brat lists fragments in any order
    s, e = min(span[0::2]), max(span[1::2])
    while s < e and text[s] in _STRIP:
        s += 1
    while e > s and text[e - 1] in _STRIP:
        e -= 1
    return s, e


def score_document(text: str, gold: dict[str, set[Span]], pred: dict[str, set[Span]],
                   scores: Scores) -> None:
    for role in ROLES:
        g = sorted({_norm(text, s) for s in gold[role]})
        p = sorted({_norm(text, _with_complementizer(text, s) if role == "content" else s) for s in pred[role]})
        # exact: the envelope, or any one fragment of a discontinuous gold span
        accept = {_norm(text, s) for s in gold[role]} | {
            _norm(text, s[i : i + 2]) for s in gold[role] if len(s) > 2 for i in range(0, len(s), 2)}
        exact_p = sum(1 for s in p if s in accept)
        exact_r = sum(1 for s in gold[role] if _norm(text, s) in p or any(
            _norm(text, s[i : i + 2]) in p for i in range(0, len(s), 2)))
        scores.exact[role].add(Counts(exact_p, min(exact_r, len(g)), len(p), len(g)))
        tp_p = sum(1 for s in p if any(s[0] < x[1] and x[0] < s[1] for x in g))
        tp_r = sum(1 for x in g if any(s[0] < x[1] and x[0] < s[1] for s in p))
        scores.overlap[role].add(Counts(tp_p, tp_r, len(p), len(g)))


def _with_complementizer(text: str, span: Span) -> Span:
    """PolNeAR content spans include a leading "that" ("that, if elected, he'd ..."); newsprism's content leaves
    it out, so add it back."""
    s, e = span
    m = _THAT.search(text, max(0, s - 8), s)
    return (m.start(), e) if m else span


def evaluate(data_dir: Path) -> dict:
    docs = find_documents(Path(data_dir))
    if os.environ.get("NEWSPRISM_POLNEAR_TEST") != "1":
        docs = [d for d in docs if d[0] != "test"]
    limit = os.environ.get("NEWSPRISM_EVAL_LIMIT")
    if limit:
        # spread a capped run over every split instead of taking the first split only
        step = max(1, len(docs) // max(1, int(limit)))
        docs = docs[::step][: int(limit)]
    nlp = get_nlp()
    groups: dict[str, Scores] = {"all": Scores()}
    texts = [p.read_text(encoding="utf-8") for _, p, _ in docs]
    train_index = 0
    for (split, _text_path, ann_path), text, doc in zip(docs, texts, nlp.pipe(texts, batch_size=16)):
        gold = load_gold(ann_path.read_text(encoding="utf-8"))
        pred = predict(text, doc)
        names = ["all", split]
        if split == "train":
            # the development validation split: every 10th train article in sorted order
            if train_index % 10 == 0:
                names.append("train-val")
            train_index += 1
        for name in names:
            sc = groups.setdefault(name, Scores())
            sc.n += 1
            score_document(text, gold, pred, sc)
    _print_table(groups)
    result: dict = {"set": "polnear"}
    overall = groups["all"].metrics()
    result["n"] = overall["n"]
    for role in ROLES:
        result[f"{role}_f1"] = overall[f"{role}_f1"]
        result[f"{role}_overlap_f1"] = overall[f"{role}_overlap_f1"]
    result["by_split"] = {k: v.metrics() for k, v in groups.items() if k != "all"}
    return result


def _print_table(groups: dict[str, Scores]) -> None:
    print(f"{'split':<10} {'n':>5}  {'role':<8} {'exact P':>8} {'R':>6} {'F1':>6}   {'overlap P':>9} {'R':>6} {'F1':>6}")
    for name, sc in groups.items():
        for role in ROLES:
            ep, er, ef = sc.exact[role].prf()
            op, orr, of = sc.overlap[role].prf()
            print(f"{name:<10} {sc.n:>5}  {role:<8} {ep:>8.3f} {er:>6.3f} {ef:>6.3f}   {op:>9.3f} {orr:>6.3f} {of:>6.3f}")
    print("anchors:", ANCHORS)
