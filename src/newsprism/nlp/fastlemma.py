"""A memoised drop-in for en_core_web_sm's rule lemmatizer.

The stock component walks the doc in Python, and its cache misses every base form (English `is_base_form`
returns before the cache is filled), so on news text it costs about 11 µs a token: a tenth of the whole
pipeline, more than the tagger and attribute ruler together. A rule lemma is a pure function of the token's
text, POS and morphology (the tables are fixed once loaded), so it is memoised on those three hashes and written
back as one array. Every lemma is still computed by the component's own `lemmatize`, once per distinct key, and
only where the component would write (an empty lemma, unless it overwrites), so tokens end up exactly as the
stock component leaves them (tests compare the two on real text).
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

# Distinct (text, POS, morphology) keys stay in the tens of thousands on news text; the cap only bounds a
# pathological crawl (random strings), where dropping the memo costs speed, never correctness.
MEMO_CAP = 500_000


class _MemoLemmatizer:
    """Mixed into the loaded component's own class, so `pipe`, serialisation and config stay spaCy's."""

    def __call__(self, doc: Doc) -> Doc:
        if not self._validated:
            self._validate_tables()
        if len(doc) == 0:
            return doc
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        memo: dict = self.__dict__.setdefault("_newsprism_memo", {})
        if len(memo) > MEMO_CAP:
            memo.clear()
        strings = self.vocab.strings
        lemmas = rows[:, 3].copy()
        todo = range(len(doc)) if self.overwrite else np.flatnonzero(lemmas == 0).tolist()
        keys = rows[:, :3].tolist()
        for i in todo:
            key = tuple(keys[i])
            lemma = memo.get(key)
            if lemma is None:
                lemma = memo[key] = strings.add(self.lemmatize(doc[i])[0])
            lemmas[i] = lemma
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))
        return doc


def install(nlp: Language) -> bool:
    """Give the rule lemmatizer the memoised call; False (and untouched) for any other kind of lemmatizer."""
    if "lemmatizer" not in nlp.pipe_names:
        return False
    lem = nlp.get_pipe("lemmatizer")
    if not isinstance(lem, Lemmatizer) or lem.mode != "rule" or isinstance(lem, _MemoLemmatizer):
        return False
    lem.__class__ = type(f"Memo{type(lem).__name__}", (_MemoLemmatizer, type(lem)), {})
    return True
