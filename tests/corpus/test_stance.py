"""Stance: the per-mention cue rules, the shipped FNC-1 model, and the fnc1 evaluation's scoring."""

from __future__ import annotations

import csv
import zipfile
from importlib import resources

import numpy as np
import pytest

from newsprism.corpus.facts.stance import (
    MODEL_FILE,
    load_model,
    mention_stance,
    model_disputes,
    predict_pairs,
    predict_proba,
    reaction_kind,
)
from newsprism.evals import fnc1


@pytest.mark.parametrize("sentence, expected", [
    ("The factory closed on Monday after the flood.", "asserts"),
    ("The mayor said the factory closed on Monday.", "attributes"),
    ("According to the agency, the factory closed on Monday.", "attributes"),
    ("The company denied the reports that the factory closed.", "denies"),
    ("The union called it a lie and said the factory is open.", "denies"),
    ("The governor blamed the mill for the flood, a claim the owners challenged.", "disputes"),
    ("The figure runs counter to the ministry's own estimate.", "disputes"),
])
def test_mention_stance_cues(sentence, expected):
    assert mention_stance(sentence).stance == expected


def test_hearsay_and_reactions():
    st = mention_stance("A local organiser said he had heard the crowd may be around 400.")
    assert st.stance == "attributes" and st.hearsay
    assert not mention_stance("The mayor said the crowd was 400.").hearsay
    assert reaction_kind("A spokesman stated: “We have no such information.”") == "denies"
    assert reaction_kind("The crowd gathered in the square.") is None


def test_shipped_model_separates_related_from_unrelated():
    model = load_model()
    assert model is not None, f"src/newsprism/models/{MODEL_FILE} is missing: run scripts/train_stance.py"
    body = ("A volcano in southern Iceland erupted on Sunday, sending a plume of ash several kilometres into the "
            "sky. Flights were diverted and the civil protection agency said nearby farms were evacuated. "
            "Scientists at the university said the eruption was the largest in a decade.")
    preds = predict_pairs(model, [("Volcano erupts in southern Iceland, flights diverted", body),
                                  ("Football club signs new goalkeeper for record transfer fee", body)])
    assert preds[0] != "unrelated"
    assert preds[1] == "unrelated"


def test_fnc_score_matches_official_arithmetic():
    gold = ["unrelated", "agree", "discuss", "disagree"]
    score, best = fnc1.fnc_score(gold, ["unrelated", "agree", "agree", "unrelated"])
    # 0.25 (unrelated hit) + 1.0 (exact related) + 0.25 (related, wrong class) + 0 = 1.5; max 0.25 + 3 = 3.25
    assert (score, best) == (1.5, 3.25)
    m = fnc1.metrics(gold, gold)
    assert m["fnc_score"] == 1.0 and m["macro_f1"] == 1.0 and m["accuracy"] == 1.0


def test_evaluate_finds_files_by_pattern(tmp_path, capsys):
    sub = tmp_path / "split"
    sub.mkdir()
    with open(sub / "my_bodies_part.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Body ID", "articleBody"])
        w.writerow(["7", "The bridge over the river collapsed on Tuesday night. Engineers said the supports had "
                         "corroded. Nobody was hurt, the city said."])
    with open(sub / "my_stances_part.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Headline", "Body ID", "Stance"])
        w.writerow(["River bridge collapses overnight", "7", "agree"])
        w.writerow(["Singer announces world tour dates", "7", "unrelated"])
    m = fnc1.evaluate(tmp_path)
    assert m["n"] == 2
    assert 0.0 <= m["fnc_score"] <= 1.0 and set(m["f1"]) == set(fnc1.LABELS)
    assert "gold/pred" in capsys.readouterr().out
    assert m.get("trained_on_pairs", 0) == 0 and "unseen" not in m  # these bodies never trained the model


def test_model_second_opinion_needs_a_refuting_word():
    assert model_disputes([]) == []
    claim = "Volcano erupts in southern Iceland"
    support = "A volcano in southern Iceland erupted on Sunday and flights were diverted, officials said."
    assert model_disputes([(claim, support)]) == [False]


def test_shipped_model_is_plain_arrays():
    # Every member is a .npy that numpy reads with pickling refused: the file carries no code and no class of
    # any library, so a scikit-learn upgrade cannot make it unreadable.
    raw = resources.files("newsprism.models").joinpath(MODEL_FILE)
    with zipfile.ZipFile(raw.open("rb")) as zf:
        names = zf.namelist()
    assert names and all(n.endswith(".npy") for n in names)
    assert not any(p.name.endswith((".pkl", ".pkl.gz", ".joblib")) for p in resources.files("newsprism.models").iterdir())
    with np.load(raw.open("rb"), allow_pickle=False) as z:
        assert all(z[n[:-4]].dtype != object for n in names)


# FNC-1 train pairs (0-based data row of train_stances.csv, its Body ID) whose bodies the model never saw, each
# with the label the scikit-learn model gave it (also the gold label) and its disagree probability, recorded
# when the model was exported: the numpy predictor must give the same.
RECORDED = [(28755, "1867", "unrelated", 0.000061), (48767, "359", "unrelated", 0.000299),
            (19072, "1899", "discuss", 0.001166), (32159, "1107", "discuss", 0.017765),
            (15665, "1858", "agree", 0.122148), (34587, "1254", "agree", 0.023779),
            (45844, "2413", "disagree", 0.880327), (30324, "1929", "disagree", 0.670811)]


def test_shipped_model_gives_the_recorded_stances_on_fnc1_pairs(datasets_dir):
    if not (datasets_dir / "fnc1").is_dir():
        pytest.skip("no FNC-1 under the shared datasets")
    bodies, pairs = fnc1.load_split(*fnc1.find_pair(datasets_dir / "fnc1"))
    model = load_model()
    picked = [pairs[row] for row, *_ in RECORDED]
    assert [b for _, b, _ in picked] == [body for _, body, *_ in RECORDED], "not the FNC-1 train split"
    texts = [(h, bodies[b]) for h, b, _ in picked]
    assert predict_pairs(model, texts) == [label for *_, label, _ in RECORDED]
    disagree = predict_proba(model, texts)[:, model.labels.index("disagree")]
    assert disagree.tolist() == pytest.approx([p for *_, p in RECORDED], abs=1e-4)
    assert not any(fnc1.body_hash(bodies[b]) in model.train_body_hashes for _, b, _ in picked)
