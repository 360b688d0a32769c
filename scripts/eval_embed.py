"""Measurements behind the `embed` extra (`--embed`): FNC-1 separation, and fact-link decisions on labelled pairs.

--data DIR: how well does the sentence-embedding cosine separate related from unrelated FNC-1 pairs, next to
the TF-IDF cosines the fact stage uses? For a seeded sample of headline/body pairs, each signal scores a pair by the body sentence that matches the
headline best (the way a claim meets its best-matching sentence in another article); the AUC of that score for
related (agree, disagree, discuss) vs unrelated pairs is reported per signal, with the encoder's throughput.
Entities are left out (no spaCy parse here), so "lexical" and "lexical+embed" are the fact stage's word/char
weights renormalised without them.

    .venv/bin/python scripts/eval_embed.py --data ../shared/datasets/fnc1          # needs newsprism[embed]

--align DIR...: the fact stage's own link decisions (`facts._links`, threshold LINK_THRESHOLD) on its candidate
pairs of each corpus, lexical weights vs embedding weights of several sizes, counted against the hand labels
in scripts/eval_embed_pairs.json (by the folder's name: examples, seeds). This is how EMBED_WEIGHTS was chosen.

    .venv/bin/python scripts/eval_embed.py --align examples ../shared/seeds

The last line of stdout is one JSON object. NEWSPRISM_EMBED_THREADS sets torch's threads (default 1).
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import roc_auc_score

from newsprism.corpus.facts import align as facts
from newsprism.corpus.facts import embed
from newsprism.corpus.facts.align import EMBED_WEIGHTS, LEXICAL_WEIGHTS, LinkWeights
from newsprism.corpus.facts.stance_features import content_stems
from newsprism.evals.fnc1 import RELATED, find_pair, load_split
from newsprism.nlp.sentences import split_texts
from newsprism.run.analyze import RunOptions, run

LABELS = Path(__file__).with_name("eval_embed_pairs.json")
SWEEP = (0.1, 0.15, 0.2, 0.25, 0.3, 0.4)  # embedding weight, taken half from word and half from char weight
MIN_WORDS = 4  # shorter "sentences" are datelines, captions and bylines, not claims


@dataclass
class Result:
    pairs: int
    related: int
    bodies: int
    sentences: int
    auc: dict[str, float]
    encode_seconds: float
    sentences_per_second: float
    threads: int
    model: str


def body_sentences(body: str) -> list[str]:
    out = [" ".join(body[s:e].split()) for s, e in split_texts([body])[0]]
    return [t for t in out if len(t.split()) >= MIN_WORDS] or [" ".join(body.split())]


def evaluate(data: Path, n_pairs: int, seed: int) -> Result:
    embed.require()
    bodies, pairs = load_split(*find_pair(data))
    pairs = [p for p in pairs if p[2]]
    sample = random.Random(seed).sample(pairs, min(n_pairs, len(pairs)))
    body_ids = sorted({b for _, b, _ in sample})
    sents: list[str] = []
    rows: dict[str, range] = {}
    for b in body_ids:
        ss = body_sentences(bodies[b])
        rows[b] = range(len(sents), len(sents) + len(ss))
        sents += ss
    heads = sorted({h for h, _, _ in sample})
    h_row = {h: k for k, h in enumerate(heads)}
    texts = heads + sents

    # Fitted on the sample's own text, as the fact stage fits on one storyline's claims.
    wv = TfidfVectorizer(tokenizer=content_stems, lowercase=False, token_pattern=None, ngram_range=(1, 2),
                         sublinear_tf=True).fit_transform(texts)
    cv = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True).fit_transform(texts)
    embed.encoder()  # load before timing: the cost asked about is per sentence, not the one-off load
    t0 = time.perf_counter()
    ev = embed.encode(texts)
    seconds = time.perf_counter() - t0
    nh = len(heads)

    signals: dict[str, list[float]] = {k: [] for k in ("tfidf_word", "tfidf_char", "lexical", "embed",
                                                        "lexical+embed")}
    gold = []
    lw, ew = LEXICAL_WEIGHTS, EMBED_WEIGHTS
    for h, b, stance in sample:
        i, r = h_row[h], rows[b]
        idx = np.arange(nh + r.start, nh + r.stop)
        word = (wv[idx] @ wv[i].T).toarray().ravel()
        char = (cv[idx] @ cv[i].T).toarray().ravel()
        emb = np.round(ev[idx].astype(np.float64) @ ev[i].astype(np.float64), embed.DECIMALS)
        lexical = (lw.word * word + lw.char * char) / (lw.word + lw.char)
        both = (ew.word * word + ew.char * char + ew.embed * emb) / (ew.word + ew.char + ew.embed)
        for key, v in (("tfidf_word", word), ("tfidf_char", char), ("lexical", lexical), ("embed", emb),
                       ("lexical+embed", both)):
            signals[key].append(float(v.max()))
        gold.append(stance in RELATED)
    auc = {k: round(float(roc_auc_score(gold, v)), 4) for k, v in signals.items()}
    enc = embed.encoder()
    return Result(pairs=len(sample), related=sum(gold), bodies=len(body_ids), sentences=len(texts), auc=auc,
                  encode_seconds=round(seconds, 1), sentences_per_second=round(len(texts) / seconds, 1),
                  threads=enc.threads, model=Path(enc.path).parent.name)


Key = tuple[str, int, float | None]


def _key(text: str) -> Key:
    art, idx, *focus = text.split(":")
    return art, int(idx), float(focus[0]) if focus else None


def _unit_key(u: facts.Unit) -> Key:
    return u.claim.article[:3], u.claim.index, None if u.focus is None else float(u.focus.value or 0)


def _all_scores(units: list[facts.Unit], weights: LinkWeights | None) -> dict[frozenset[Key], float]:
    """Every non-conflicting candidate pair's link score, from the fact stage's own `_links`."""
    keep_t, keep_w = facts.LINK_THRESHOLD, facts.EMBED_WEIGHTS
    facts.LINK_THRESHOLD = -math.inf  # all candidates, not only those over the threshold
    try:
        if weights is not None:
            facts.EMBED_WEIGHTS = weights
        links, _ = facts._links(units, embed=weights is not None)
    finally:
        facts.LINK_THRESHOLD, facts.EMBED_WEIGHTS = keep_t, keep_w
    return {frozenset((_unit_key(units[i]), _unit_key(units[j]))): s for s, i, j in links}


def align(corpora: list[Path]) -> dict[str, dict[str, list[int]]]:
    """{corpus: {weighting: [linked same, linked different, missed same]}} against the hand labels."""
    embed.require()
    labels = json.loads(LABELS.read_text())
    memo: dict[str, np.ndarray] = {}
    plain_encode = embed.encode

    def cached(texts):  # one encoding per statement across the sweep
        todo = [t for t in texts if t not in memo]
        if todo:
            memo.update(zip(todo, plain_encode(todo)))
        return np.stack([memo[t] for t in texts])

    embed.encode = cached
    weightings: dict[str, LinkWeights | None] = {"lexical": None}
    for w in SWEEP:
        weightings[f"embed {w:g}"] = LinkWeights(word=round(LEXICAL_WEIGHTS.word - w / 2, 3),
                                                 char=round(LEXICAL_WEIGHTS.char - w / 2, 3),
                                                 ents=LEXICAL_WEIGHTS.ents, embed=w)
    out: dict[str, dict[str, list[int]]] = {}
    try:
        for corpus in corpora:
            lab = labels[corpus.resolve().name]
            same = {frozenset(map(_key, p)) for p in lab["same"]}
            unsure = {frozenset(map(_key, p)) for p in lab["unsure"]}
            analysis = run([str(corpus)], RunOptions(workers=1)).analysis
            blocks = list(facts.block_units(analysis.articles, analysis.stories))
            counts = {}
            for name, w in weightings.items():
                tp = fp = 0
                linked: set[frozenset[Key]] = set()
                for block in blocks:
                    for pair, score in _all_scores(block.units, w).items():
                        if pair in unsure or score < facts.LINK_THRESHOLD:
                            continue
                        linked.add(pair)
                        tp += pair in same
                        fp += pair not in same
                counts[name] = [tp, fp, len(same - linked)]
            out[corpus.resolve().name] = counts
    finally:
        embed.encode = plain_encode
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    mode = ap.add_mutually_exclusive_group(required=True)
    mode.add_argument("--data", type=Path, help="an FNC-1 folder (*bodies*.csv, *stances*.csv)")
    mode.add_argument("--align", type=Path, nargs="+", metavar="DIR", help="corpora labelled in " + LABELS.name)
    ap.add_argument("--pairs", type=int, default=2000, help="FNC-1 pairs to sample (default 2000)")
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args(argv)
    try:
        if args.align:
            result = align(args.align)
            for corpus, counts in result.items():
                for name, (tp, fp, fn) in counts.items():
                    print(f"{corpus:10} {name:11} linked same {tp:3}  linked different {fp:3}  missed same {fn:3}")
            print(json.dumps({"align": result, "chosen": asdict(EMBED_WEIGHTS)}, ensure_ascii=False))
        else:
            print(json.dumps(asdict(evaluate(args.data, args.pairs, args.seed)), ensure_ascii=False))
    except embed.EmbedUnavailable as exc:
        print(exc, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
