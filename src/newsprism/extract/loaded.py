"""Loaded, emotive and labelling language, with the voice it is said in.

A token classifier (multinomial logistic regression over lexical, syntactic and BABE word-bias features,
trained by scripts/train_loaded.py on PTC and BABE; weights shipped as JSON, scored here in pure Python so that
scikit-learn is not needed at run time) is combined with newsprism's own lexicon (data/loaded_lexicon.tsv):
a token's score is the larger of the two. Adjacent flagged tokens merge into phrases; an intensifying adverb
takes the word it modifies with it ("shockingly overt"). Each phrase then gets a voice from `voices`: `quoted`
inside quotation marks, quote spans or attributed speech, else `outlet`. Counting a quoted "pathological liar"
against the outlet is exactly the error this stage exists to avoid.
"""

from __future__ import annotations

import gzip
import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from spacy.attrs import DEP, ENT_TYPE, HEAD, IS_PUNCT, IS_SPACE, IS_TITLE, LEMMA, LOWER, POS, TAG
from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.tokens import Doc, Span

from newsprism.extract.base import Extractor
from newsprism.extract.loaded_units import gate_scores
from newsprism.extract.voices import VoiceIndex, quoted_regions, voice_index
from newsprism.model import Article, LoadedTerm
from newsprism.nlp.load import text_of

LOADED = "Loaded_Language"
LABELING = "Name_Calling,Labeling"
MODEL_FILE = "loaded_token.json.gz"
DEFAULT_THRESHOLD = 0.5

# Tokens that may not begin or end a loaded phrase.
_EDGE_POS = frozenset({"DET", "ADP", "CCONJ", "SCONJ", "PUNCT", "PART", "PRON", "AUX", "SPACE", "NUM"})


@dataclass(frozen=True)
class LexEntry:
    words: tuple[str, ...]
    label: str
    prior: float


@dataclass
class TokenModel:
    classes: list[str]
    intercept: list[float]
    weights: dict[str, list[float]]
    threshold: float
    bias: dict[str, float]
    validation: dict[str, Any] | None = None  # held-out scores recorded by the training script

    def probs(self, feats: dict[str, float]) -> list[float]:
        z = list(self.intercept)
        for name, value in feats.items():
            w = self.weights.get(name)
            if w is not None:
                for k, wk in enumerate(w):
                    z[k] += wk * value
        m = max(z)
        e = [math.exp(v - m) for v in z]
        s = sum(e)
        return [v / s for v in e]


@lru_cache(maxsize=1)
def _lexicon_lines() -> list[tuple[str, str, str]]:
    text = resources.files("newsprism.data").joinpath("loaded_lexicon.tsv").read_text(encoding="utf-8")
    return [tuple(line.split("\t")) for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def vetoes() -> frozenset[str]:
    """"lemma/POS" pairs that are plain reporting vocabulary whatever the model says ("claim" the noun)."""
    return frozenset(words for words, label, _ in _lexicon_lines() if label == "Neutral")


@lru_cache(maxsize=1)
def lexicon() -> dict[str, list[LexEntry]]:
    """Entries keyed by their first word."""
    out: dict[str, list[LexEntry]] = {}
    for words, label, prior in _lexicon_lines():
        if label in ("Neutral", "Idiom"):  # Idiom: read by loaded_units.idioms
            continue
        entry = LexEntry(tuple(words.split()), label, float(prior))
        out.setdefault(entry.words[0], []).append(entry)
    for entries in out.values():
        entries.sort(key=lambda e: -len(e.words))
    return out


@lru_cache(maxsize=1)
def load_model(path: Path | None = None) -> TokenModel | None:
    """The shipped token model (or the one at `path`), or None when it has not been trained (lexicon-only mode)."""
    try:
        raw = path.read_bytes() if path is not None else \
            resources.files("newsprism.models").joinpath(MODEL_FILE).read_bytes()
    except (FileNotFoundError, ModuleNotFoundError, OSError):
        return None
    data = json.loads(gzip.decompress(raw))
    return TokenModel(classes=data["classes"], intercept=data["intercept"], weights=data["weights"],
                      threshold=data.get("threshold", DEFAULT_THRESHOLD), bias=data.get("bias", {}),
                      validation=data.get("validation"))


@dataclass
class TokenView:
    """The token attributes the classifier reads, fetched from spaCy once per token: building Token objects
    and their string properties again for each neighbour's features was most of this stage's time."""
    words: list[str]
    lemmas: list[str]
    pos: list[str]
    tags: list[str]
    deps: list[str]
    head_lemmas: list[str]
    titles: list[bool]
    ents: list[str]
    skip: list[bool]  # spaces and punctuation get no model score

    def __len__(self) -> int:
        return len(self.words)


def token_view(doc: Doc | Span) -> TokenView:
    # One C-level array read instead of ~10 Token property calls per token.
    base = doc if isinstance(doc, Doc) else doc.doc
    lo, hi = (0, len(doc)) if isinstance(doc, Doc) else (doc.start, doc.end)
    if hi <= lo:
        return TokenView([], [], [], [], [], [], [], [], [])
    cols = base.to_array([LOWER, LEMMA, POS, TAG, DEP, HEAD, ENT_TYPE, IS_TITLE, IS_SPACE, IS_PUNCT])
    strings = base.vocab.strings
    low: dict[int, str] = {}

    def text(h: int) -> str:
        return strings[h] if h else ""

    def lower(h: int) -> str:
        got = low.get(h)
        if got is None:
            got = low[h] = text(h).lower()
        return got

    lemmas_all = cols[:, 1].tolist()  # a head can lie outside a span
    rows = cols[lo:hi].tolist()
    v = TokenView([], [], [], [], [], [], [], [], [])
    for n, (w, lem, pos, tag, dep, head, ent, title, space, punct) in enumerate(rows):
        head_i = lo + n + (head - (1 << 64) if head >= 1 << 63 else head)
        v.words.append(text(w))
        v.lemmas.append(lower(lem))
        v.pos.append(POS_NAMES.get(pos, ""))
        v.tags.append(text(tag))
        v.deps.append(text(dep))
        v.head_lemmas.append(lower(lemmas_all[head_i]))
        v.titles.append(bool(title))
        v.ents.append(text(ent))
        v.skip.append(bool(space or punct))
    return v


# token_features is the sum of these groups; each depends on a few strings only, which lets LinearScorer cache
# what a group contributes by those strings (a vocabulary-sized cache, not one entry per token context).
def _word_group(w: str) -> dict[str, float]:
    return {f"w={w}": 1.0, f"s3={w[-3:]}": 1.0}


def _syntax_group(pos: str, tag: str, dep: str, ly: bool) -> dict[str, float]:
    f = {f"p={pos}": 1.0, f"t={tag}": 1.0, f"d={dep}": 1.0, f"pd={pos}|{dep}": 1.0}
    if pos == "ADV" and ly:
        f["ly_adv"] = 1.0
    if tag in ("JJS", "RBS", "JJR", "RBR"):
        f["degree"] = 1.0
    return f


def _babe_group(b: float) -> dict[str, float]:
    return {"babe": b, f"babe_b={min(int(b * 10), 9)}": 1.0} if b else {}


def _neighbour_group(k: int, word: str | None, pos: str | None) -> dict[str, float]:
    return {f"w{k:+d}=<edge>": 1.0} if word is None else {f"w{k:+d}={word}": 1.0, f"p{k:+d}={pos}": 1.0}


def token_features(view: TokenView | Doc | Span, i: int, bias: dict[str, float]) -> dict[str, float]:
    """Features of token i; shared verbatim by training and inference (pass a TokenView when scoring many
    tokens of one text)."""
    v = view if isinstance(view, TokenView) else token_view(view)
    w, lem = v.words[i], v.lemmas[i]
    f: dict[str, float] = {"bias": 1.0, **_word_group(w), f"l={lem}": 1.0,
                           **_syntax_group(v.pos[i], v.tags[i], v.deps[i], w.endswith("ly")),
                           f"hl={v.head_lemmas[i]}": 1.0}
    if v.titles[i] and i > 0:
        f["title"] = 1.0
    if v.ents[i]:
        f[f"ent={v.ents[i]}"] = 1.0
    n = len(v)
    for k in (-2, -1, 1, 2):
        j = i + k
        f.update(_neighbour_group(k, v.words[j], v.pos[j]) if 0 <= j < n else _neighbour_group(k, None, None))
    f.update(_babe_group(bias.get(lem, bias.get(w, 0.0))))
    for k in (-1, 1):
        j = i + k
        if 0 <= j < n:
            nb = bias.get(v.lemmas[j], 0.0)
            if nb:
                f[f"babe{k:+d}"] = nb
    return f


_GROUP_FEATURES = {
    "empty": dict,
    "w": _word_group,
    "l": lambda lem: {f"l={lem}": 1.0},
    "s": _syntax_group,
    "h": lambda hl: {f"hl={hl}": 1.0},
    "t": lambda: {"title": 1.0},
    "e": lambda ent: {f"ent={ent}": 1.0},
    "b": _babe_group,
    "n": _neighbour_group,
}


class LinearScorer:
    """token_features + TokenModel.probs, regrouped for speed: a token's logit vector is the sum of what each
    feature group contributes (its word, lemma, syntax, head, entity type, BABE score, each neighbour at its
    offset) plus the BABE scores of its neighbours. Each group's contribution is a row of a table cached by the
    strings it depends on, so a token costs a few dict lookups and the sums are one numpy gather per text,
    instead of building and looking up ~25 feature names per token (~30 µs a token). Same features, same
    weights: tests check the probabilities against the plain path."""

    def __init__(self, model: TokenModel) -> None:
        self.model = model
        self.k = len(model.classes)
        self.row_of: dict[tuple, int] = {}
        self.table = np.zeros((1024, self.k))  # grows by doubling; rows [0, len(row_of)) are filled
        self.empty = self._row(("empty",))
        self.babe_w = np.asarray([self._sum({f"babe{k:+d}": 1.0}) for k in (-1, 1)])
        self.intercept = np.asarray(model.intercept, dtype=np.float64) + np.asarray(self._sum({"bias": 1.0}))

    def _sum(self, feats: dict[str, float]) -> list[float]:
        z = [0.0] * self.k
        for name, value in feats.items():
            w = self.model.weights.get(name)
            if w is not None:
                for c, wc in enumerate(w):
                    z[c] += wc * value
        return z

    def _row(self, key: tuple) -> int:
        r = self.row_of.get(key)
        if r is None:
            r = self.row_of[key] = len(self.row_of)
            if r >= len(self.table):
                self.table = np.concatenate([self.table, np.zeros_like(self.table)])
            self.table[r] = self._sum(_GROUP_FEATURES[key[0]](*key[1:]))
        return r

    def probs(self, v: TokenView, idx: list[int]) -> np.ndarray:
        n = len(v)
        bias = self.model.bias
        row = self._row
        ids: list[list[int]] = []
        babe = np.zeros((len(idx), 2))
        for r, i in enumerate(idx):
            w, lem, pos, tag, dep, hl, ent = (v.words[i], v.lemmas[i], v.pos[i], v.tags[i], v.deps[i],
                                              v.head_lemmas[i], v.ents[i])
            ly = w.endswith("ly")
            b = bias.get(lem, bias.get(w, 0.0))
            parts = [row(("w", w)), row(("l", lem)), row(("s", pos, tag, dep, ly)), row(("h", hl)),
                     row(("t",)) if v.titles[i] and i > 0 else self.empty,
                     row(("e", ent)) if ent else self.empty,
                     row(("b", b)) if b else self.empty]
            for k in (-2, -1, 1, 2):
                j = i + k
                parts.append(row(("n", k, v.words[j], v.pos[j]) if 0 <= j < n else ("n", k, None, None)))
            ids.append(parts)
            for c, k in enumerate((-1, 1)):
                j = i + k
                if 0 <= j < n:
                    babe[r, c] = bias.get(v.lemmas[j], 0.0)
        z = self.intercept + self.table[np.asarray(ids)].sum(axis=1) if ids else np.zeros((0, self.k))
        z += babe @ self.babe_w
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)


def _scorer(model: TokenModel) -> LinearScorer:
    got = model.__dict__.get("_scorer")  # one per model object, with its caches
    if got is None:
        got = model.__dict__["_scorer"] = LinearScorer(model)
    return got


def lexicon_hits(doc: Doc | Span | TokenView) -> dict[int, tuple[float, str]]:
    """token index -> (prior, label) for every token inside a lexicon entry."""
    v = doc if isinstance(doc, TokenView) else token_view(doc)
    lex = lexicon()
    hits: dict[int, tuple[float, str]] = {}
    n = len(v)
    for i in range(n):
        for key in {v.words[i], v.lemmas[i]}:
            for entry in lex.get(key, ()):
                m = len(entry.words)
                if i + m > n:
                    continue
                ok = all(
                    word == "*" or word in (v.words[i + k], v.lemmas[i + k])
                    for k, word in enumerate(entry.words)
                )
                if ok:
                    for k in range(m):
                        prev = hits.get(i + k)
                        if prev is None or prev[0] < entry.prior:
                            hits[i + k] = (entry.prior, entry.label)
    return hits


def score_tokens(doc: Doc | Span, model: TokenModel | None = None, view: TokenView | None = None,
                 hits: dict[int, tuple[float, str]] | None = None) -> list[tuple[float, str]]:
    """Per token: (probability it is loaded/labelling language, the likelier of the two labels). `view` and
    `hits`: the doc's token_view and lexicon_hits, when the caller has them."""
    model = model if model is not None else load_model()
    view = view if view is not None else token_view(doc)
    hits = hits if hits is not None else lexicon_hits(view)
    veto = vetoes()
    out: list[tuple[float, str]] = []
    if model is not None:
        i_o = model.classes.index("O") if "O" in model.classes else None
        i_loaded = model.classes.index(LOADED) if LOADED in model.classes else None
        i_label = model.classes.index(LABELING) if LABELING in model.classes else None
    scored = [i for i in range(len(view)) if not view.skip[i]] if model is not None else []
    proba = _scorer(model).probs(view, scored).tolist() if scored else []
    by_token = dict(zip(scored, proba, strict=True))
    for i in range(len(view)):
        p, label = 0.0, LOADED
        probs = by_token.get(i)
        if probs is not None:
            p = 1.0 - (probs[i_o] if i_o is not None else 0.0)
            lab = probs[i_label] if i_label is not None else 0.0
            label = LABELING if lab > (probs[i_loaded] if i_loaded is not None else 0.0) else LOADED
        if i in hits and hits[i][0] >= p:
            p, label = hits[i]
        elif f"{view.lemmas[i]}/{view.pos[i]}" in veto:
            p = 0.0
        out.append((p, label))
    return out


def _trim(doc: Doc | Span, lo: int, hi: int) -> tuple[int, int]:
    while lo < hi and (doc[lo].pos_ in _EDGE_POS and doc[lo].lower_ not in ("so", "self")):
        lo += 1
    while hi > lo and doc[hi - 1].pos_ in _EDGE_POS and doc[hi - 1].lower_ != "called" and doc[hi - 1].dep_ != "prt":
        hi -= 1
    return lo, hi


def phrases(doc: Doc | Span, scores: list[tuple[float, str]], threshold: float) -> list[tuple[int, int, float, str]]:
    """Merge flagged tokens into phrases: (first token, end token, score, label), token indices into doc."""
    out: list[tuple[int, int, float, str]] = []
    n = len(doc)
    i = 0
    while i < n:
        if scores[i][0] < threshold:
            i += 1
            continue
        j = i + 1
        # continue through flagged tokens and through hyphens/apostrophes glued to them ("so-called")
        while j < n and (scores[j][0] >= threshold or (not doc[j - 1].whitespace_ and j + 1 < n
                                                       and scores[j + 1][0] >= threshold)):
            j += 1
        lo, hi = _trim(doc, i, j)
        if hi > lo:
            last = doc[hi - 1]
            # an intensifier takes the word it grades with it: "shockingly overt", "predictably stated"
            if (hi - lo == 1 and last.pos_ == "ADV" and hi < n and doc[hi].i == last.head.i
                    and doc[hi].pos_ in ("ADJ", "VERB")) or (hi - lo == 1 and last.pos_ == "ADJ" and last.dep_ == "amod" and hi < n
                    and doc[hi].i == last.head.i and doc[hi].pos_ == "NOUN"):
                hi += 1
            # never cut a word glued by hyphens ("hyper-inflation")
            while hi < n and not doc[hi - 1].whitespace_ and (doc[hi].is_alpha or doc[hi].text == "-"):
                hi += 1
            window = scores[lo:hi]
            score = max(s for s, _ in window)
            labels = [lab for s, lab in window if s >= threshold]
            label = LABELING if labels.count(LABELING) > labels.count(LOADED) else LOADED
            out.append((lo, hi, score, label))
        i = j
    return out


def extract_loaded(doc: Doc, article: Article, voices: VoiceIndex | None = None) -> list[LoadedTerm]:
    """`voices`: the article's quoted regions, when the caller already has them (pipeline.annotate_doc)."""
    model = load_model()
    threshold = model.threshold if model is not None else DEFAULT_THRESHOLD
    view = token_view(doc)
    hits = lexicon_hits(view)
    scores = gate_scores(doc, score_tokens(doc, model, view, hits), hits)
    voices = voices or VoiceIndex(quoted_regions(doc, article.quotes))
    terms: list[LoadedTerm] = []
    body = text_of(doc)
    for lo, hi, score, label in phrases(doc, scores, threshold):
        start, end = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)
        terms.append(LoadedTerm(text=body[start:end], voice=voices.voice(start, end), start=start, end=end,
                                label=label, score=round(score, 3)))
    return terms


def _fill(doc: Doc, article: Article) -> None:
    article.loaded_terms = extract_loaded(doc, article, voice_index(doc, article))


EXTRACTOR = Extractor("loaded_terms", fills=("loaded_terms",), fill=_fill)
