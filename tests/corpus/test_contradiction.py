"""Contradiction between two claims, slot by slot, and `check` saying "contradicted" on a small corpus.

The sentences are written for these tests in the style of wire reports (no dataset text): each pair is one
error class of real news where a word-overlap match called the claim supported.
"""

from __future__ import annotations

import pytest

from newsprism.corpus.facts.compare import compare, conflicts, denial_is_about
from newsprism.corpus.facts.frames import frame_of_text

CONTRADICTIONS = [
    # same counted thing (a person's age), different value
    ("The woman who died outside the pharmacy was 76 years old.",
     "Investigators said the van struck and killed a 66-year-old woman outside the pharmacy.", "quantity"),
    ("Three hikers died on the glacier over the weekend.",
     "Two hikers died on the glacier over the weekend, rangers said.", "quantity"),
    ("Fewer than 20 firefighters were sent to the warehouse blaze.",
     "More than 50 firefighters fought the warehouse blaze overnight.", "quantity"),
    # one length in two units: 200 feet is about 61 metres
    ("The climber fell about 200 feet from the ridge.", "The climber fell about 150 metres from the ridge.",
     "quantity"),
    # different value in the same slot: a modifier of the same head
    ("Marsh was charged with first-degree murder in the crash.",
     "Marsh was charged with third-degree murder and criminal vehicular homicide.", "value"),
    ("The former union boss died while serving a life sentence.",
     "The former union boss died while serving a 12-year sentence for racketeering.", "value"),
    ("The cyclist was taken to Northgate Hospital, where she died.",
     "The cyclist was taken to Riverside Hospital, where she was pronounced dead.", "value"),
    # a different entity (or kind) in the same slot of the same predicate
    ("The gunman was sentenced to death on Tuesday.",
     "The gunman was sentenced to life in prison on Tuesday.", "entity"),
    # negation against assertion
    ("Police arrested a suspect near the station on Friday.",
     "Police did not have any suspects on Friday night.", "polarity"),
    ("Dorsey had never been convicted of any crime before his arrest.",
     "Dorsey, who had been previously convicted of extortion, was taken into custody.", "polarity"),
    ("Several workers were injured in the explosion.",
     "No one was injured in the explosion, the plant manager said.", "polarity"),
]

COMPATIBLE = [
    # places nest: a city and the country (or district) it lies in are not two answers
    ("The tanker caught fire in Kessel on Saturday.", "The tanker caught fire in Eastquay on Saturday."),
    ("Two planes landed in Velsgrad.", "Two planes had landed in Ostria, the agency reported."),
    ("Marsh was charged with third-degree murder.", "Marsh, 41, was charged with third-degree murder on Monday."),
    ("The sailors were rescued after three days adrift.", "Three days adrift ended when a trawler picked up the sailors."),
    ("He gave the injured man first aid.", "He gave the injured man first aid and comfort until paramedics came."),
    ("A 61-year-old man was charged with murder.", "A Lakeside man was charged with murder on Saturday."),
    ("The driver was held without bail.", "The driver was held without bond pending a hearing."),
    ("About 40 crew members were taken off the ship.", "Around 40 crew were taken off the ship by helicopter."),
    ("The climber fell 2,000 feet near the hut.", "The climber fell 600 metres near the hut."),
    # a sentence that gives both values of one measure disputes neither
    ("The ship was attacked about 150 miles off the coast, and the warship was 13 miles away.",
     "The warship was about 13 miles away when it heard the distress call."),
    ("The cargo ship sank off the coast.", "The merchant ship sank off the coast early on Sunday."),
    # "No-one" is one negated subject, split by the tokenizer: both sentences say nobody was hurt
    ("No-one is believed to have been injured in the blaze.", "No one is believed to be injured at this time."),
    # "one of 40 drivers" is a member of a group, not an age
    ("Eric Dalton, 52, was found in his cell.", "Eric Dalton, one of 40 drivers held on Tuesday, was found dead."),
]


@pytest.mark.parametrize(("claim", "sentence", "kind"), CONTRADICTIONS)
def test_conflicting_reports_are_found(claim, sentence, kind):
    found = conflicts(frame_of_text(claim), frame_of_text(sentence))
    assert kind in {f.kind for f in found}, [f.describe() for f in compare(frame_of_text(claim),
                                                                          frame_of_text(sentence))]
    # and the other way round: a contradiction is symmetric
    assert conflicts(frame_of_text(sentence), frame_of_text(claim))


@pytest.mark.parametrize(("claim", "sentence"), COMPATIBLE)
def test_compatible_reports_do_not_conflict(claim, sentence):
    assert conflicts(frame_of_text(claim), frame_of_text(sentence)) == []


def test_doubt_is_weaker_than_a_conflict():
    may = frame_of_text("The convoy may head for the port of Berbera.")
    will = frame_of_text("The convoy headed for the port of Berbera.")
    assert [f.kind for f in compare(may, will) if f.kind != "agree"] == ["doubt"]
    assert conflicts(may, will) == []  # a doubt never makes a `check` claim contradicted


def test_denial_must_be_about_the_claim():
    about = {"tanker", "spill", "oil", "leak"}
    assert not denial_is_about("Prosecutors denied an offer to plead guilty to a lesser charge.", about)
    assert not denial_is_about("The coast guard challenged them over the radio.", about)
    assert denial_is_about("The shipping company denied the reports.", about)
    assert denial_is_about("The owner denied that the tanker had leaked any oil.", about)
    assert denial_is_about("A spokesman said the claim was false.", about)
    # what is denied is the theft; the spill is only when it happened
    assert not denial_is_about("A deckhand has denied theft following an oil spill from the tanker.", about)
    assert denial_is_about("The owner disputed accounts of an oil spill from the tanker.", about)


ARTICLES = {
    "a1_wire.txt": "Court sentences Harlow arsonist\n\nA judge on Tuesday sentenced Dale Ferris to life in prison for "
                   "setting the fire that destroyed the Harlow market hall. Ferris, 52, was convicted in March of "
                   "arson and of manslaughter. Two night guards died in the blaze, prosecutors said. The judge said "
                   "Ferris had shown no remorse during the trial.\n",
    "a2_daily.txt": "Harlow market fire: Ferris gets life\n\nDale Ferris was sentenced to life in prison on Tuesday "
                    "for the fire at the Harlow market hall. Two night guards were killed when the roof of the hall "
                    "collapsed, according to the fire service. Ferris had denied starting the fire.\n",
    "a3_local.txt": "Market hall arsonist jailed for life\n\nThe man who burned down the Harlow market hall, Dale Ferris, "
                    "was sentenced to life in prison, a court spokeswoman said on Tuesday. Two guards died in the "
                    "fire, which started shortly after midnight. Ferris's lawyer said he would appeal.\n",
}


@pytest.fixture(scope="module")
def small_db(tmp_path_factory):
    from newsprism.apps.outputs import write_outputs
    from newsprism.run.analyze import RunOptions, run

    src = tmp_path_factory.mktemp("harlow")
    for name, text in ARTICLES.items():
        (src / name).write_text(text)
    result = run([str(src)], RunOptions(workers=1))
    return write_outputs(result, tmp_path_factory.mktemp("harlow_out"), report=False)["db"]


def test_check_says_contradicted_with_the_evidence(small_db):
    from newsprism.apps.check import check_claim

    r = check_claim("Dale Ferris was sentenced to death for the Harlow market fire.", small_db)
    assert r["status"] == "contradicted", r["verdict"]
    assert r["contradicting"] and all("life" in ev["text"] for ev in r["contradicting"])
    assert all(ev.get("conflict") and ev["origin"] for ev in r["contradicting"])
    # evidence that contradicts the claim is never listed as evidence for it
    assert not {(ev["article"], ev["start"]) for ev in r["supporting"]} & \
        {(ev["article"], ev["start"]) for ev in r["contradicting"]}
    assert not any("life in prison" in ev["text"] for ev in r["supporting"])


def test_check_contradicted_number(small_db):
    from newsprism.apps.check import check_claim

    r = check_claim("Three night guards died in the Harlow market hall fire.", small_db)
    assert r["status"] == "contradicted", r["verdict"]


def test_check_supported_claim_stays_supported(small_db):
    from newsprism.apps.check import check_claim

    r = check_claim("Dale Ferris was sentenced to life in prison for the Harlow market hall fire.", small_db)
    assert r["status"] == "supported", r["verdict"]
    assert not r["contradicting"]


def test_a_rejection_pointing_back_at_a_figure_denies_it(examples_analysis):
    # "... could be as much as 5,000 tonnes. The port authority rejected that figure." (the example corpus): the
    # rejection carries no facts of its own, but it answers the claim before it, and names who rejects it
    fact = next(f for f in examples_analysis.facts if "5,000" in f.statement)
    assert fact.status == "denied"
    assert "The port authority" in fact.reason
