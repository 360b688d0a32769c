"""Copies between articles: exact, syndicated (wire copy under a new intro), partial reuse, near-duplicates."""

from __future__ import annotations

import random

from newsprism.corpus.dedup import find_duplicates
from newsprism.model import Article, Published

_SUBJ = ["The minister", "A spokesman", "The council", "Local officials", "The company", "Witnesses", "The agency",
         "Engineers", "The mayor", "Rescue teams", "The court", "Investors"]
_VERB = ["said", "confirmed", "denied", "announced", "reported", "warned", "estimated", "argued"]
_OBJ = ["the bridge would reopen", "the budget was cut", "the harbour flooded", "a new plant opened",
        "the vote was delayed", "prices rose again", "the river crossed its banks", "the train line closed",
        "the talks collapsed", "the school was rebuilt", "a storm hit the coast", "the strike ended"]
_WHEN = ["on Tuesday", "late last night", "after a long meeting", "in a statement", "before noon",
         "during the session", "near the station", "across the region"]


def _text(seed: int, n: int) -> str:
    rnd = random.Random(seed)
    return " ".join(f"{rnd.choice(_SUBJ)} {rnd.choice(_VERB)} {rnd.choice(_OBJ)} {rnd.choice(_WHEN)} "
                    f"and {rnd.randint(2, 900)} people were counted." for _ in range(n))


def _art(aid: str, body: str, **kw) -> Article:
    return Article(id=aid, source=aid, body=body, **kw)


def test_exact_copy_names_earliest_as_original():
    body = _text(1, 30)
    dups = find_duplicates([_art("b", body, published=Published(date="2020-01-02")),
                            _art("a", body.upper(), published=Published(date="2020-01-03"))])
    assert [(d.articles, d.kind, d.similarity, d.original) for d in dups] == [(["a", "b"], "exact", 1.0, "b")]
    assert "published first" in dups[0].reason


def test_a_publication_bound_is_never_read_as_a_date():
    body = _text(1, 30)
    # b is dated; a only has an inferred lower bound before b's date: either could be first.
    dated = _art("b", body, published=Published(date="2020-01-05"))
    bound = _art("a", body.upper(), published=Published(inferred=True, earliest="2020-01-01"))
    dups = find_duplicates([dated, bound])
    assert dups[0].original is None and "published first" not in dups[0].reason
    # a range that ends before the other's date does tell, and reads as a range
    bound.published = Published(inferred=True, earliest="2019-12-01", latest="2019-12-31")
    dups = find_duplicates([dated, bound])
    assert dups[0].original == "a"
    assert dups[0].reason.endswith("a was published first (between 2019-12-01 and 2019-12-31; b on 2020-01-05)")


def test_wire_copy_with_new_intro_and_trimmed_end_is_syndicated():
    wire = _text(2, 40)
    copy = "Our correspondent adds local colour to open the piece. " + wire[: int(len(wire) * 0.85)]
    dups = find_duplicates([_art("wire", wire, authors=["Reuters"]), _art("paper", copy)])
    assert len(dups) == 1
    d = dups[0]
    assert d.kind == "syndicated" and d.original == "wire"
    assert d.similarity >= 0.8 and "containment" in d.reason and "Reuters" in d.reason


def test_contributed_reporting_credit_marks_the_copy():
    wire = _text(3, 40)
    copy = wire[: int(len(wire) * 0.9)] + " Reuters contributed reporting to this article."
    dups = find_duplicates([_art("x1", copy), _art("x2", wire)])
    assert dups[0].kind == "syndicated" and dups[0].original == "x2"
    assert "credits 'Reuters'" in dups[0].reason


def test_partial_reuse_reports_passages_in_both_articles():
    shared = _text(4, 6)
    a = _text(5, 25) + " " + shared + " " + _text(6, 10)
    b = _text(7, 8) + " " + shared + " " + _text(8, 30)
    dups = find_duplicates([_art("a", a), _art("b", b)])
    assert [d.kind for d in dups] == ["partial"]
    spans = {p["article"]: (p["start"], p["end"]) for p in dups[0].passages}
    assert set(spans) == {"a", "b"}
    (s1, e1), (s2, e2) = spans["a"], spans["b"]
    assert a[s1:e1] == b[s2:e2]
    assert shared[:60] in a[s1:e1] or a[s1:e1] in shared


def test_unrelated_articles_and_order_independence():
    arts = [_art(f"d{i}", _text(100 + i, 20)) for i in range(6)]
    arts.append(_art("copy", arts[2].body))
    first = find_duplicates(arts)
    random.Random(0).shuffle(arts)
    assert find_duplicates(arts) == first
    assert [(d.articles, d.kind) for d in first] == [(["copy", "d2"], "exact")]
    assert first[0].original is None  # nothing tells which came first: unknown, not guessed


def test_seeds_are_independent_and_a_reprint_of_a_seed_is_found(seeds_dir):
    arts = [_art(p.stem, p.read_text(encoding="utf-8")) for p in sorted(seeds_dir.glob("*.txt"))]
    assert [d for d in find_duplicates(arts) if d.kind != "partial"] == []
    wire = next(a for a in arts if a.id.startswith("002"))
    paras = wire.body.split("\n\n")
    reprint = _art("reprint", "A new intro paragraph written by the reprinting site.\n\n" + "\n\n".join(paras[:-2]))
    wire.authors = ["Reuters"]
    dups = [d for d in find_duplicates([*arts, reprint]) if "reprint" in d.articles]
    assert [(d.kind, d.original) for d in dups] == [("syndicated", wire.id)]


def test_wire_story_reprinted_by_more_outlets_than_the_fingerprint_cap_is_found_for_every_pair():
    # Every fingerprint of the story is in more documents than FINGERPRINT_CAP, so only the LSH (and its
    # estimate filter) can propose these pairs: none of them may be lost.
    wire = _text(9, 40)
    arts = [_art("wire", wire)]
    for k in range(25):
        intro = _text(200 + k, 1)
        arts.append(_art(f"copy{k:02d}", intro + " " + wire[: int(len(wire) * (0.8 + 0.008 * k))]))
    dups = find_duplicates(arts)
    assert len(dups) == 26 * 25 // 2
    assert {d.kind for d in dups} <= {"near_duplicate", "syndicated"}


def test_bodies_shorter_than_one_shingle_are_compared_whole():
    dups = find_duplicates([_art("s1", "Bridge closed."), _art("s2", "BRIDGE CLOSED"), _art("s3", "Bridge open.")])
    assert [(d.articles, d.kind) for d in dups] == [(["s1", "s2"], "exact")]


def test_lsh_banding_finds_exactly_the_pairs_of_datasketchs_own_index(datasets_dir):
    """dedup matches the LSH bands with numpy; datasketch's MinHashLSH, queried before each insert, must give
    the same candidate pairs on generated benchmark articles (reprints, partial copies, unrelated texts)."""
    import numpy as np
    from datasketch import MinHash, MinHashLSH

    from newsprism.apps.bench import generate_articles
    from newsprism.corpus import dedup

    arts = [Article(id=r["id"], source=r["id"], body=r["text"]) for r in generate_articles(400, datasets_dir)]
    arts.append(Article(id="empty", source="empty", body=""))
    token_hash = dedup._h64
    docs = [dedup._prepare(a, i, token_hash) for i, a in enumerate(arts)]
    mhs = MinHash.bulk((d.unique.tolist() for d in docs), num_perm=dedup.NUM_PERM, seed=1, scheme="affine64",
                       hashfunc=int)
    lsh = MinHashLSH(threshold=dedup.LSH_THRESHOLD, num_perm=dedup.NUM_PERM)
    expected = set()
    for i, (d, mh) in enumerate(zip(docs, mhs, strict=True)):
        if len(d.unique):
            expected |= {(j, i) for j in lsh.query(mh) if np.mean(mhs[j].hashvalues == mh.hashvalues)
                         >= dedup.LSH_MIN_ESTIMATE}
            lsh.insert(i, mh)
    got = {(int(k) // len(docs), int(k) % len(docs)) for k in dedup._lsh_pairs(docs)}
    assert len(expected) > 10  # the reprints and partial copies
    assert got == expected
