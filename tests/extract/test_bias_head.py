"""BABE sentence head: the per-word table folded out of a word-vector model, and the shipped head on real text."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest
from scipy import sparse
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from spacy.vocab import Vocab

from newsprism.extract import bias_head
from newsprism.nlp.load import get_nlp


@pytest.fixture(scope="module")
def trainer():
    script = Path(__file__).parents[2] / "scripts" / "train_loaded.py"
    spec = importlib.util.spec_from_file_location("train_loaded", script)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


SENTENCES = [
    ("The senator gave a vile, hateful tirade against the reckless radicals.", 1),
    ("The senator spoke on Tuesday about the budget.", 0),
    ("Critics slammed the outrageous scheme as a disgraceful sham.", 1),
    ("The committee reported its findings to the council.", 0),
    ("Extremist thugs spewed venomous lies at the crowd.", 1),
    ("The agency announced new figures for the quarter.", 0),
    ("A shameful, corrupt cabal rigged the vote.", 1),
    ("Officials met with residents at the town hall.", 0),
]


def toy_vocab() -> Vocab:
    """Two-dimensional vectors: the first axis is 'heated', the second 'plain'. "diatribe" and "rant" never occur
    in the training sentences, so only the vectors can say anything about them."""
    vocab = Vocab()
    heated = ["vile", "hateful", "tirade", "reckless", "radicals", "slammed", "outrageous", "disgraceful", "sham",
              "extremist", "thugs", "spewed", "venomous", "lies", "shameful", "corrupt", "cabal", "rigged",
              "diatribe", "rant"]
    plain = ["senator", "spoke", "tuesday", "budget", "committee", "reported", "findings", "council", "agency",
             "announced", "figures", "quarter", "officials", "met", "residents", "town", "hall", "gave", "critics",
             "scheme", "crowd", "vote", "memo", "statement", "new"]
    for w in heated:
        vocab.set_vector(w, np.array([1.0, 0.1], dtype=np.float32))
    for w in plain:
        vocab.set_vector(w, np.array([0.1, 1.0], dtype=np.float32))
    return vocab


def test_folded_word_table_reproduces_the_vector_model(trainer):
    """The head ships per-word scores instead of vectors; with nothing pruned (eps 0) its logit must equal the
    logistic regression fitted over the standardised mean vectors, sentence by sentence."""
    nlp = get_nlp()
    docs = [nlp(t) for t, _ in SENTENCES]
    labels = [y for _, y in SENTENCES]
    vocab = toy_vocab()
    head = trainer.fit_head(docs, labels, vocab, C=1.0, scale=0.5, eps=0.0)

    vec = DictVectorizer()
    X = vec.fit_transform([bias_head.sentence_features(d) for d in docs])
    M = trainer.mean_vectors(docs, vocab)
    mu, sd = M.mean(axis=0), M.std(axis=0) + 1e-6
    X = sparse.hstack([X, sparse.csr_matrix(0.5 * (M - mu) / sd)]).tocsr()
    direct = LogisticRegression(C=1.0, max_iter=3000).fit(X, labels).decision_function(X)
    folded = [head.logit(bias_head.sentence_features(d, head.word_scores)) for d in docs]
    # the shipped form rounds weights to 4 decimals and word scores to 1, averaged over a sentence's words
    assert np.allclose(folded, direct, atol=0.05)


def test_unseen_words_get_their_neighbours_score(trainer):
    nlp = get_nlp()
    head = trainer.fit_head([nlp(t) for t, _ in SENTENCES], [y for _, y in SENTENCES], toy_vocab(), C=1.0,
                            scale=1.0, eps=0.0)
    assert head.word_scores["diatribe"] > head.word_scores["memo"]
    unseen_heated = bias_head.sentence_bias(nlp("Another diatribe and rant followed."), head)
    unseen_plain = bias_head.sentence_bias(nlp("Another memo and statement followed."), head)
    assert unseen_heated > unseen_plain


def test_a_sentence_without_words_has_a_defined_score():
    head = bias_head.SentenceHead(intercept=0.0, weights={bias_head.VECTOR_FEATURE: 1.0}, word_scores={"x": 1.0})
    assert bias_head.sentence_bias(get_nlp()("!!! ..."), head) == pytest.approx(0.5)


def test_shipped_table_rates_emotive_words_above_reporting_words():
    head = bias_head.load_head()
    assert head is not None and head.word_scores, "the shipped head carries a per-word table"
    table = head.word_scores

    def mean(words):
        return sum(table.get(w, 0.0) for w in words) / len(words)

    emotive = ["tirade", "vile", "outrageous", "disgraceful", "radical", "slammed", "shameful", "hysterical"]
    neutral = ["said", "announced", "reported", "meeting", "tuesday", "percent", "committee", "statement"]
    assert mean(emotive) > mean(neutral) + 0.05


@pytest.mark.slow
def test_babe_sentence_head_on_its_held_out_split(datasets_dir, trainer):
    """The shipped head on the 555 BABE sentences the trainer held out (its own deterministic split)."""
    from sklearn.metrics import f1_score

    from newsprism.evals import babe

    rows = babe.load_rows(datasets_dir / "babe")
    val = sorted(trainer.babe_split(rows))
    docs = get_nlp().pipe([rows[i][0] for i in val], batch_size=64)
    pred = [int(bias_head.sentence_bias(d) >= 0.5) for d in docs]
    assert f1_score([rows[i][1] for i in val], pred, average="macro") >= 0.74
