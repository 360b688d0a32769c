"""Features for headline/body stance (FNC-1 style): lexical similarity plus refuting and hedging cues.

The FNC-1 baseline showed that most of the signal is (a) how related a claim and a text are (overlap, TF-IDF
cosine) and (b) which cue words sit near the matching passage: refuting words ("fake", "denies", "hoax") for
disagree, hedging words ("reportedly", "claims") for discuss. These features are shared by the trained model
(`stance.py`) and by the per-mention cue rules in facts, so both read claims the same way.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from newsprism.nlp.sentences import split_texts
from newsprism.nlp.stopwords import STOP

# "20,000" and "3.5" stay one token: numbers are what claims most often agree or disagree on.
TOKEN_RE = re.compile(r"\d+(?:[,.]\d+)*|[a-z0-9]+(?:'[a-z]+)?")
NUM_RE = re.compile(r"\d[\d,.]*")

REFUTING = ("fake", "fraud", "hoax", "false", "deny", "denies", "denied", "denial", "not", "despite", "nope",
            "doubt", "doubts", "bogus", "debunk", "debunked", "debunks", "prank", "pranks", "retract", "retracted",
            "untrue", "rumor", "myth", "lie", "lies", "baseless", "refute", "refuted", "refutes", "dismissed",
            "rejects", "rejected", "contradicts", "challenged", "disputes", "disputed", "never", "no")
HEDGING = ("reportedly", "allegedly", "alleged", "claim", "claims", "claimed", "according", "unconfirmed",
           "rumors", "rumours", "rumour", "purportedly", "apparently", "appears", "may", "might", "could",
           "unverified", "suggest", "suggests", "believed", "thought", "possibly", "sources", "report", "reports",
           "reported", "said", "says", "told")
_REF_SET = frozenset(REFUTING)
_HEDGE_SET = frozenset(HEDGING)
# Words counted one by one in the headline: the baseline found each carries its own weight.
HEADLINE_CUES = ("fake", "hoax", "false", "deny", "denies", "denied", "not", "no", "debunk", "rumor", "claim",
                 "claims", "reportedly", "report", "reports", "allegedly", "may", "could", "confirmed", "confirms")


def tokens(text: str) -> list[str]:
    return TOKEN_RE.findall(text.lower())


@lru_cache(maxsize=65536)
def stem(tok: str) -> str:
    # A crude suffix strip is enough to match "denies/denied/deny" style variants between claim and text.
    for suf in ("ing", "ies", "ied", "es", "ed", "s"):
        if tok.endswith(suf) and len(tok) - len(suf) >= 3:
            return tok[: -len(suf)]
    return tok


def content_stems(text: str) -> list[str]:
    return [stem(t) for t in tokens(text) if t not in STOP]


def make_vectorizer() -> TfidfVectorizer:
    return TfidfVectorizer(tokenizer=content_stems, lowercase=False, token_pattern=None, ngram_range=(1, 2),
                           min_df=2, max_features=40000, sublinear_tf=True, dtype=np.float32)


@dataclass
class BodyInfo:
    """What the features need from one body, computed once per body (a body pairs with many headlines)."""
    sentences: list[str]
    sent_vecs: object  # sparse matrix, one row per sentence
    body_vec: object
    lead_vec: object
    stems: set[str]
    lead_stems: set[str]
    bigrams: set[tuple[str, str]]
    sent_stems: list[list[str]]
    numbers: set[str]
    n_tokens: int


def body_info(body: str, vec: TfidfVectorizer, sentences: Sequence[str]) -> BodyInfo:
    sents = list(sentences[:80]) or [body]
    lead = " ".join(sents[:3])
    st = content_stems(body)
    sent_stems = [tokens(s) for s in sents]
    return BodyInfo(
        sentences=sents, sent_vecs=vec.transform(sents), body_vec=vec.transform([body]),
        lead_vec=vec.transform([lead]), stems=set(st), lead_stems=set(content_stems(lead)),
        bigrams=set(zip(st, st[1:])), sent_stems=sent_stems,
        numbers={n.strip(".,") for n in NUM_RE.findall(body)}, n_tokens=len(st))


FEATURE_NAMES = (
    ["cos_body", "cos_lead", "cos_sent_max", "cos_sent_top3", "jaccard", "head_in_body", "head_in_lead",
     "bigram_in_body", "num_overlap", "caps_overlap", "head_len", "body_len_log",
     "ref_head", "hedge_head", "qmark_head", "ref_body_rate", "hedge_body_rate", "ref_top", "hedge_top",
     "ref_head_parity", "ref_top_parity", "ref_lead", "hedge_lead"]
    + [f"head_{w}" for w in HEADLINE_CUES])


def pair_features(headline: str, head_vec, info: BodyInfo) -> list[float]:
    """One feature row for (claim/headline, body); `head_vec` is the claim's TF-IDF row."""
    htoks = tokens(headline)
    hst = [stem(t) for t in htoks if t not in STOP]
    hset = set(hst)
    cos_body = float(head_vec.multiply(info.body_vec).sum())
    cos_lead = float(head_vec.multiply(info.lead_vec).sum())
    sims = np.asarray((info.sent_vecs @ head_vec.T).todense()).ravel()
    order = np.argsort(-sims)
    top = order[:3]
    jacc = len(hset & info.stems) / max(1, len(hset | info.stems))
    in_body = len(hset & info.stems) / max(1, len(hset))
    in_lead = len(hset & info.lead_stems) / max(1, len(hset))
    hbig = set(zip(hst, hst[1:]))
    big = len(hbig & info.bigrams) / max(1, len(hbig))
    hnums = {n.strip(".,") for n in NUM_RE.findall(headline)}
    num = (len(hnums & info.numbers) / len(hnums)) if hnums else -1.0
    caps = {w.lower() for w in re.findall(r"\b[A-Z][a-z]{2,}", headline)[1:]}
    caps_ov = (len({stem(c) for c in caps} & info.stems) / len(caps)) if caps else -1.0
    body_toks = [t for s in info.sent_stems for t in s]
    nb = max(1, len(body_toks))
    ref_body = sum(t in _REF_SET for t in body_toks) / nb
    hedge_body = sum(t in _HEDGE_SET for t in body_toks) / nb
    top_toks = [t for i in top for t in info.sent_stems[i]]
    lead_toks = [t for s in info.sent_stems[:3] for t in s]
    ref_top = sum(t in _REF_SET for t in top_toks)
    hedge_top = sum(t in _HEDGE_SET for t in top_toks)
    ref_head = sum(t in _REF_SET for t in htoks)
    row = [cos_body, cos_lead, float(sims[order[0]]) if len(sims) else 0.0,
           float(sims[top].mean()) if len(sims) else 0.0, jacc, in_body, in_lead, big, num, caps_ov,
           float(len(htoks)), float(np.log1p(info.n_tokens)),
           float(ref_head), float(sum(t in _HEDGE_SET for t in htoks)), float("?" in headline),
           ref_body * 100, hedge_body * 100, float(ref_top), float(hedge_top),
           float(ref_head % 2), float(ref_top % 2),
           float(sum(t in _REF_SET for t in lead_toks)), float(sum(t in _HEDGE_SET for t in lead_toks))]
    hs = set(htoks)
    row += [float(w in hs) for w in HEADLINE_CUES]
    return row


def feature_matrix(pairs: Sequence[tuple[str, str]], vec: TfidfVectorizer,
                   sentences: Mapping[str, Sequence[str]] | None = None) -> np.ndarray:
    """Rows for (headline, body text) pairs; bodies are analysed once each. `sentences` gives a body's
    sentences where the caller has them (an article's stored ones); a body without is parsed for them."""
    cache: dict[str, BodyInfo] = {}
    heads = vec.transform([h for h, _ in pairs])
    known = dict(sentences or {})
    todo = sorted({b for _, b in pairs if b not in known})
    for body, spans in zip(todo, split_texts(todo), strict=True):
        known[body] = [body[s:e] for s, e in spans]
    rows = []
    for i, (_h, body) in enumerate(pairs):
        info = cache.get(body)
        if info is None:
            info = cache[body] = body_info(body, vec, known[body])
        rows.append(pair_features(pairs[i][0], heads[i], info))
    return np.asarray(rows, dtype=np.float32)
