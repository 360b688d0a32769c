"""Same-event story clusters and storylines."""

from __future__ import annotations

import random

import pytest

from newsprism.corpus.stories import cluster_stories
from newsprism.model import Article, Duplicate, Entity, Mention, Published

_FLOOD = ("The river burst its banks in Lowtown after three days of rain. Firefighters evacuated the riverside "
          "market and {n} families slept in the school gym. The mayor said the pumps had failed at the old sluice. "
          "\u201cWe lost the sluice gate before dawn,\u201d the engineer Mara Voss said.")
_FIRE = ("A warehouse fire in Lowtown destroyed stored grain near the rail depot. Firefighters fought the blaze "
         "for hours while smoke closed the ring road. Investigators suspect faulty wiring in the depot office. "
         "Insurers estimate {n} tonnes of wheat burned.")
_VOTE = ("The Lowtown council voted to rebuild the harbour wall with a new loan. Opponents called the vote rushed "
         "and said the loan terms hide costs. The treasurer defended the plan before the assembly. {n} members "
         "backed it.")


def _art(aid: str, template: str, day: str | None, n: int, title: str | None = None, ents=()) -> Article:
    body = template.format(n=n)
    entities = [Entity(id=e, name=e, type="GPE", mentions=[Mention("Lowtown", 0, 0)]) for e in ents]
    return Article(id=aid, source=aid, title=title, body=body, entities=entities,
                   published=Published(date=day, earliest=day, latest=day))


def _groups(stories) -> list[list[str]]:
    return sorted(s.articles for s in stories)


def test_events_are_split_and_ordered_by_date():
    arts = [
        _art("f1", _FLOOD, "2021-05-03", 40, "River floods Lowtown market"),
        _art("f2", _FLOOD.replace("slept", "spent the night"), "2021-05-04", 40, "Flood forces families out"),
        _art("w1", _FIRE, "2021-02-10", 12, "Warehouse fire destroys grain"),
        _art("w2", _FIRE, "2021-02-10", 12),
        _art("v1", _VOTE, "2021-07-01", 9, "Council backs harbour loan"),
    ]
    stories = cluster_stories(arts, [])
    assert _groups(stories) == [["f1", "f2"], ["v1"], ["w1", "w2"]]
    assert [s.id for s in stories] == ["S1", "S2", "S3"]
    assert [s.articles for s in stories] == [["w1", "w2"], ["f1", "f2"], ["v1"]]
    assert stories[1].earliest == "2021-05-03" and stories[1].latest == "2021-05-04"
    assert stories[0].label == "Warehouse fire destroys grain"


def test_same_text_weeks_apart_is_another_event_unless_a_quote_ties_them():
    a = _art("a", _FIRE, "2021-02-10", 12, "Warehouse fire")
    b = _art("b", _FIRE.replace("Insurers", "Again, insurers"), "2021-04-20", 30, "Another warehouse fire")
    c = _art("c", _VOTE, "2021-04-20", 3)
    assert _groups(cluster_stories([a, b, c], [])) == [["a"], ["b"], ["c"]]
    # A shared distinctive quote says it is the same event retold later.
    quote = " \u201cThe depot wiring was never inspected after the merger,\u201d the fire chief said."
    a.body += quote
    b.body += quote
    assert ["a", "b"] in _groups(cluster_stories([a, b, c], []))


def test_undated_articles_cluster_on_text_and_duplicates_always_join():
    arts = [_art("x1", _FLOOD, None, 40), _art("x2", _FLOOD, None, 41), _art("y", _VOTE, None, 5),
            _art("z", _FIRE, None, 7)]
    assert _groups(cluster_stories(arts, [])) == [["x1", "x2"], ["y"], ["z"]]
    dup = Duplicate(articles=["y", "z"], kind="syndicated", similarity=0.9, original="y")
    assert ["y", "z"] in _groups(cluster_stories(arts, [dup]))
    partial = Duplicate(articles=["y", "z"], kind="partial", similarity=0.2, original=None)
    assert ["y", "z"] not in _groups(cluster_stories(arts, [partial]))


def test_output_is_deterministic_and_handles_empty_input():
    arts = [_art(f"a{i}", random.Random(i).choice([_FLOOD, _FIRE, _VOTE]), f"2021-0{1 + i % 3}-0{1 + i}", i)
            for i in range(8)]
    first = cluster_stories(arts, [])
    random.Random(3).shuffle(arts)
    assert cluster_stories(arts, []) == first
    assert sorted(a for s in first for a in s.articles) == sorted(a.id for a in arts)
    assert cluster_stories([], []) == []
    assert cluster_stories([Article(id="e", source="e")], [])[0].articles == ["e"]


def test_seed_stories(seeds_analysis):
    arts = seeds_analysis.articles
    if not any(a.entities for a in arts):
        pytest.skip("entity extraction has not landed: stories rely on text alone")
    stories = cluster_stories(arts, seeds_analysis.duplicates)
    groups = _groups(stories)
    by3 = [[a[:3] for a in g] for g in groups]
    assert by3 == [["000", "001"], ["002"], ["003"], ["004"]]
    assert len({s.storyline for s in stories}) == 1 and stories[0].storyline == "L1"
    assert stories[0].storyline_label and "Venezuela" in stories[0].storyline_label
    landing = next(s for s in stories if s.articles[0].startswith("000"))
    assert "Venezuela" in landing.label and "Support" not in landing.label
    assert [s.id for s in stories] == [f"S{i}" for i in range(1, 5)]
    assert stories == seeds_analysis.stories
    # Not by a hair: the two reports of the landing share a quoted statement and a weight, and clear the cut by
    # a wide margin; every other pair stays far below it.
    from newsprism.corpus import stories as st

    feats, metas, event, topic, vocab = st._prepare(arts)
    pairs = st._candidate_pairs(feats, event, vocab)
    _, sims = st._similarities(pairs, feats, event, topic)
    same = [(metas[i].id[:3], metas[j].id[:3]) == ("000", "001") for i, j in pairs]
    assert any(same) and not all(same)
    for one, p in zip(same, sims):
        assert p > st.STORY_THRESHOLD + 0.25 if one else p < st.STORY_THRESHOLD - 0.25


def test_stock_phrase_in_many_articles_does_not_tie_events_months_apart():
    from datetime import date

    import numpy as np
    from scipy.sparse import csr_matrix

    from newsprism.corpus import stories as st

    quote = {"quote:not tolerate", "quote:tolerate provocation", "quote:provocation border"}

    def feat(day: date, extra: set[str] = frozenset()) -> st.Feat:
        return st.Feat(strong=set(quote) | set(extra), ents={"E1"}, lo=day, hi=day)

    rare = [feat(date(2020, 1, 1)), feat(date(2020, 6, 1))]
    # the same three quoted word pairs in more articles than BLOCK_CAP: stock wording, not one event
    common = rare + [feat(date(2021, 1, 1)) for _ in range(st.BLOCK_CAP)]
    for feats, tied in ((rare, True), (common, False)):
        m = csr_matrix(np.ones((len(feats), 1), dtype=np.float32))
        _, event = st._similarities([(0, 1)], feats, m, m)
        assert bool(event[0] > 0) is tied


def test_bcubed_counts_a_merge_of_two_events_against_precision():
    from newsprism.evals.stories import bcubed

    gold = {"a": "x", "b": "x", "c": "y", "d": "y"}
    assert bcubed({"a": "1", "b": "1", "c": "2", "d": "2"}, gold) == (1.0, 1.0, 1.0)
    p, r, _ = bcubed({k: "1" for k in gold}, gold)
    assert (p, r) == (0.5, 1.0)


def test_ecb_events_load_with_topic_split(datasets_dir):
    """ECB+ articles read as `analyze` reads them, gold event per article, topics 33+ held out from tuning."""
    from newsprism.evals.stories import load_ecb

    items = load_ecb(datasets_dir / "ecbplus_facts")
    assert len(items) > 100
    by_topic = {}
    for it in items:
        by_topic.setdefault(it.gold.split("_")[0], set()).add((it.gold, it.split))
    assert all(len({g for g, _ in v}) == 2 for v in by_topic.values())  # two events of one kind per topic
    assert {s for v in by_topic.values() for _, s in v} == {"tune", "held-out"}
    assert all(s == ("held-out" if int(t) >= 30 else "tune") for t, v in by_topic.items() for _, s in v)
    assert not any(it.article.body.startswith("http") for it in items)  # the URL line is the url, not text


def test_basil_split_by_year_never_cuts_a_story(datasets_dir):
    from newsprism.evals.stories import load_basil

    items = load_basil(datasets_dir / "basil")
    split_of = {}
    for it in items:
        assert split_of.setdefault(it.gold, it.split) == it.split
        assert (it.article.published.date < "2014") == (it.split == "tune")


# Two drunken-driving arrests of two players of one team, each told by two outlets in their own words: the
# wording of the kind of event is shared across events, only the person and the details differ.
_ARREST_A1 = ("Gulls linebacker Marcus Dell was arrested early Sunday on suspicion of drunken driving, police said. "
              "Dell was stopped after officers saw his car weaving across lanes on the freeway near the stadium. "
              "He was booked into the county jail and released on bail. The team said it was gathering information.")
_ARREST_A2 = ("Marcus Dell, a linebacker for the Gulls, spent part of Sunday in jail after a drunken driving arrest. "
              "A police spokesman said Dell failed a sobriety test when officers pulled him over on the freeway. "
              "Dell posted bail. The Gulls said they were aware of the arrest and would not comment further.")
_ARREST_B1 = ("Gulls receiver Tomas Reyes was arrested on suspicion of drunken driving, police said. Reyes was pulled "
              "over near the airport after a patrol saw his pickup run a red light. He was taken to the county jail "
              "and released on bail. The team said it was aware of the arrest.")
_ARREST_B2 = ("Police arrested Gulls receiver Tomas Reyes on suspicion of driving under the influence. Reyes failed "
              "a sobriety test after officers pulled him over on the freeway, a police spokesman said. He posted "
              "bail and left jail hours later. The Gulls said they would not comment further on the arrest.")


def _named(aid: str, body: str, person: str) -> Article:
    import re

    def ent(name: str, typ: str) -> Entity:
        ms = [Mention(m.group(), m.start(), m.end()) for m in re.finditer(name.split()[-1], body)]
        return Entity(id=name, name=name, type=typ, mentions=ms)

    return Article(id=aid, source=aid, body=body, entities=[ent(person, "PERSON"), ent("Gulls", "ORG")])


def test_two_events_of_one_kind_with_different_main_people_stay_apart():
    arts = [_named("a1", _ARREST_A1, "Marcus Dell"), _named("a2", _ARREST_A2, "Marcus Dell"),
            _named("b1", _ARREST_B1, "Tomas Reyes"), _named("b2", _ARREST_B2, "Tomas Reyes"),
            _art("f", _FLOOD, None, 40), _art("w", _FIRE, None, 12), _art("v", _VOTE, None, 9)]
    groups = _groups(cluster_stories(arts, []))
    assert ["a1", "a2"] in groups and ["b1", "b2"] in groups



# Two claims about one product, each told by two outlets: the leads say which claim, the bodies then retell the
# same product background at length. That background must not make the two claims one story.
_BACKGROUND = ("The Pellan Hauler was shown in October at a trade fair in Tampere, where the company rolled out "
               "three versions: a commuter model, a long-tail family model and a carbon racing edition. Dealers "
               "expect the bike to reach shops in late summer, and repair shops have been sent a service manual "
               "for its hub motor. Pellan has not said how many bikes it will build this year, and rival makers are "
               "readying their own cargo bikes for the autumn. Test riders who tried the bike at the fair liked its "
               "brakes but found the saddle hard, and the company promised softer saddles before the bikes ship. "
               "Its lead engineer, who also designed the company's first folding bike, called the Hauler the "
               "sturdiest machine Pellan had ever built.")
_LOCK_1 = ("The Pellan Hauler will lock its own rear wheel when it is moved without the owner's key fob, according "
           "to leaked firmware files. The lock engages within seconds and a siren sounds until the fob comes back "
           "within range, so a thief cannot simply wheel the bike away. Insurers had warned that cargo bikes are "
           "stolen far more often than ordinary bikes. ")
_LOCK_2 = ("A hidden anti-theft setting in the Pellan Hauler jams the rear wheel as soon as the bike moves without "
           "its key fob, the firmware files show. A siren then wails until the fob is back in range, which leaves a "
           "thief with a bike that will not roll. Cargo bikes are stolen far more often than ordinary ones, "
           "insurers had warned. ")
_CARBON_1 = ("The carbon racing edition of the Pellan Hauler will cost at least $9,500, a frame builder who "
             "inspected a prototype estimated. The price reflects the hand-laid carbon fibre of the frame, which "
             "alone costs about a third of that sum to make. ")
_CARBON_2 = ("Expect to pay $9,500 or more for the carbon Pellan Hauler, said a frame builder who took apart an "
             "early frame. Club racers, not parents on the school run, are the buyers of the carbon model, whose "
             "frame takes about $3,000 of fibre and labour. ")


def test_a_shared_background_does_not_merge_two_claims_whose_leads_differ():
    from newsprism.corpus import stories as st

    arts = [Article(id=i, source=i, body=lead + _BACKGROUND) for i, lead in
            (("b1", _LOCK_1), ("b2", _LOCK_2), ("g1", _CARBON_1), ("g2", _CARBON_2))]
    arts += [_art("f", _FLOOD, None, 40), _art("w", _FIRE, None, 12), _art("v", _VOTE, None, 9)]
    groups = _groups(cluster_stories(arts, []))
    assert ["b1", "b2"] in groups and ["g1", "g2"] in groups
    # Not only because blocking never compared them: scored, the two claims stay below the story threshold.
    feats = [st.features(a) for a in arts]
    event, _, _ = st._tfidf([st._text(a) for a in arts], len(arts))
    _, sims = st._similarities([(0, 2), (0, 3), (1, 2), (1, 3), (0, 1), (2, 3)], feats, event, event)
    assert max(sims[:4]) < st.STORY_THRESHOLD < min(sims[4:])


@pytest.mark.slow
def test_ecb_tune_events_are_found_whole(datasets_dir):
    """Reports of one event whose salient terms differ (other outlets' wording) still meet in a candidate pair:
    each article needs enough blocking terms that most of its pairs with its own event are scored, since average
    linkage counts an unscored pair as 0 and would split the event."""
    from newsprism.evals.stories import annotate, bcubed, cluster, load_ecb

    items = [it for it in load_ecb(datasets_dir / "ecbplus_facts") if it.split == "tune"]
    annotate([it.article for it in items])
    found = cluster([it.article for it in items])
    p, r, _ = bcubed({a: s.id for s in found for a in s.articles}, {it.article.id: it.gold for it in items})
    assert p >= 0.99 and r >= 0.95


# One shooting told by two outlets, a follow-up seven weeks later (a charge) about the same guard and nobody new,
# and a shooting of the same kind at the same place about another man: the follow-up rejoins its event across the
# time gate, the other shooting does not, and a later report that adds a new main actor stays its own story.
_GUARD_1 = ("Harbour guard Ilsa Brandt was shot dead outside the ferry terminal late on Friday, police said. Brandt "
            "was hit twice as she checked tickets at the north gate. Officers sealed the terminal and searched the "
            "car deck for the gunman, who fled on foot toward the fish market.")
_GUARD_2 = ("A gunman killed Ilsa Brandt, a guard at the ferry terminal, as she checked tickets at the north gate on "
            "Friday night. Brandt died at the scene. Police closed the terminal and dogs searched the car deck and "
            "the fish market, but the gunman escaped.")
_GUARD_3 = ("A dock worker was charged on Monday with the murder of Ilsa Brandt, the harbour guard shot dead at the "
            "north gate of the ferry terminal. Brandt was checking tickets when the gunman fired twice and fled "
            "toward the fish market. The accused will appear in court next month.")
_STEWARD_1 = ("Ferry steward Oskar Lind was shot dead outside the ferry terminal on Sunday, police said. Lind was "
              "hit as he left the staff gate after a late shift. Officers searched the car park and the bus "
              "station for the gunman.")
_STEWARD_2 = ("Police are hunting a gunman who killed Oskar Lind, a steward on the night ferry, outside the "
              "terminal's staff gate on Sunday. Lind died in hospital. Officers searched the car park and the "
              "bus station.")
_GUARD_MINISTER = ("Transport minister Per Holm toured the ferry terminal on Tuesday and laid flowers at the north "
                   "gate where harbour guard Ilsa Brandt was shot dead. Holm promised more guards and cameras at "
                   "every gate. Brandt's family attended.")


def _people(aid: str, body: str, day: str, *people: str) -> Article:
    import re

    ents = [Entity(id=p, name=p, type="PERSON",
                   mentions=[Mention(m.group(), m.start(), m.end()) for m in re.finditer(p.split()[-1], body)])
            for p in people]
    return Article(id=aid, source=aid, body=body, entities=ents,
                   published=Published(date=day, earliest=day, latest=day))


def test_a_follow_up_weeks_later_about_the_same_people_rejoins_its_event():
    arts = [_people("g1", _GUARD_1, "2022-03-04", "Ilsa Brandt"), _people("g2", _GUARD_2, "2022-03-05", "Ilsa Brandt"),
            _people("g3", _GUARD_3, "2022-04-25", "Ilsa Brandt"),
            _people("s1", _STEWARD_1, "2022-04-24", "Oskar Lind"),
            _people("s2", _STEWARD_2, "2022-04-25", "Oskar Lind"),
            _people("m", _GUARD_MINISTER, "2022-04-12", "Per Holm", "Ilsa Brandt"),
            _art("f", _FLOOD, None, 40), _art("w", _FIRE, None, 12), _art("v", _VOTE, None, 9)]
    groups = _groups(cluster_stories(arts, []))
    assert ["g1", "g2", "g3"] in groups and ["s1", "s2"] in groups and ["m"] in groups


# A court ruling a year after a ferry ran aground whose lead dates the grounding to the month of the first
# reports: the same event. A report that only names another month, or none, stays apart.
_FERRY_1 = ("A passenger ferry ran aground off Lowtown pier on Saturday, injuring four passengers and a deckhand. "
            "The captain, who had been at the wheel for fourteen hours, was taken off the ship by the coastguard.")
_FERRY_2 = ("The coastguard took the captain of a passenger ferry ashore after the vessel struck rocks off Lowtown "
            "pier on Saturday, leaving four passengers and a deckhand hurt.")
_VERDICT = ("The captain whose ferry struck rocks off Lowtown pier in April 2021 was fined and barred from command "
            "for two years by magistrates on Wednesday. Four passengers and a deckhand were hurt when the vessel "
            "ran aground. He had been at the wheel for fourteen hours, the court heard.")


def _dated(aid: str, body: str, day: str, times=()) -> Article:
    from newsprism.model import TimeExpr

    exprs = [TimeExpr(text=text, value=value, precision="month", start=body.index(text),
                      end=body.index(text) + len(text)) for text, value in times]
    return Article(id=aid, source=aid, body=body, times=exprs,
                   published=Published(date=day, earliest=day, latest=day))


def test_a_later_report_whose_lead_dates_its_event_to_the_first_reports_rejoins_them():
    base = [_dated("b1", _FERRY_1, "2021-04-10"), _dated("b2", _FERRY_2, "2021-04-11"),
            _art("f", _FLOOD, None, 40), _art("w", _FIRE, None, 12), _art("v", _VOTE, None, 9)]
    verdict = _dated("j", _VERDICT, "2022-06-15", [("April 2021", "2021-04")])
    assert ["b1", "b2", "j"] in _groups(cluster_stories([*base, verdict], []))
    elsewhen = _dated("j", _VERDICT.replace("April", "March"), "2022-06-15", [("March 2021", "2021-03")])
    assert ["j"] in _groups(cluster_stories([*base, elsewhen], []))


def test_a_second_fire_in_one_town_weeks_later_is_another_event():
    """A place alone carries no event across the time gate: a town sees many fires, a follow-up is about people."""
    first = _art("a", _FIRE, "2021-02-10", 12, "Fire in Lowtown", ents=["Lowtown"])
    second = _art("b", _FIRE.replace("grain", "timber"), "2021-02-21", 12, "Fire in Lowtown", ents=["Lowtown"])
    third = _art("c", _FIRE.replace("grain", "cotton"), "2021-06-02", 12, "Fire in Lowtown", ents=["Lowtown"])
    groups = _groups(cluster_stories([first, second, third, _art("v", _VOTE, None, 9)], []))
    assert ["a"] in groups and ["b"] in groups and ["c"] in groups


def test_average_link_keeps_apart_clusters_about_people_the_other_never_names():
    """Pair by pair a main person can be missing from another report of one event (one outlet names the victim,
    another the suspect); a whole cluster that never names the other cluster's main people tells another event."""
    from newsprism.corpus.linkage import Graph

    def graph(actors):
        g = Graph(4, actors)
        for i, j, s in ((0, 1, 0.9), (2, 3, 0.9), (0, 2, 0.8), (1, 3, 0.8), (0, 3, 0.5), (1, 2, 0.5)):
            g.add(i, j, s)
        return g.agglomerate(0.3)

    dell, reyes = ({"dell"}, {"dell", "gulls"}), ({"reyes"}, {"reyes", "gulls"})
    assert graph([dell, dell, reyes, reyes]) == [[0, 1], [2, 3]]
    # one report of the second pair names Dell too: the clusters share a main actor and may merge
    assert graph([dell, dell, reyes, ({"reyes"}, {"reyes", "dell"})]) == [[0, 1, 2, 3]]
    assert graph(None) == [[0, 1, 2, 3]]


@pytest.mark.slow
def test_basil_tune_stories_are_found_exactly(datasets_dir):
    """Three outlets' reports of one political event: the pair model joins each triplet and keeps apart the
    events of one politician months apart, even those that quote the same names or slogans."""
    from newsprism.evals.stories import annotate, bcubed, cluster, load_basil

    items = [it for it in load_basil(datasets_dir / "basil") if it.split == "tune"]
    annotate([it.article for it in items])
    found = cluster([it.article for it in items])
    p, r, _ = bcubed({a: s.id for s in found for a in s.articles}, {it.article.id: it.gold for it in items})
    assert p == 1.0 and r == 1.0


# Reports of one topic: a dispute over dredging Orsk Bay. Each is its own event except the two reports of the
# cargo ship's arrival, told in each outlet's own words but sharing a quoted statement and a weight.
_ORSK_TOPIC = ("The dredging of Orsk Bay has divided the town for years: fishermen fear for the mussel beds, the "
               "port authority wants deeper berths for container ships, and the regional council has twice "
               "postponed a vote on the harbour plan. ")
_SHIP_1 = ("A chartered cargo ship docked in Orsk Bay on Saturday carrying dredging equipment and a crew of "
           "engineers from the Varna yard, in an open show of backing for the port authority. Harbour workers saw "
           "about 40 tonnes of machinery lifted off the deck. \u201cThe equipment arrived to fulfil existing "
           "contracts. The work is technical and was agreed long ago,\u201d the yard said in a statement. Critics "
           "called the delivery a provocation aimed at the fishermen, whose union had planned a protest flotilla "
           "for the weekend and now says it will sail anyway. The Varna yard built most of the trawlers that fish "
           "the northern banks, and its owners bought a stake in the port authority's new terminal last year. "
           "Shipping analysts said the yard stands to win the maintenance work on the deepened berths for a "
           "decade, a contract worth more than the dredging itself. ")
_SHIP_2 = ("Opponents of the harbour plan were caught off guard when a foreign freighter tied up at the old "
           "quay over the weekend. Its hold held some 40 tonnes of gear, a harbour official told local radio. "
           "\u201cThe equipment arrived to fulfil existing contracts. The work is technical and was agreed long "
           "ago,\u201d a statement from the yard read. The mayor, who faces re-election in spring, declined to say "
           "whether the town had been told in advance, and the council's planning committee meets on Tuesday. "
           "Her opponent, a retired skipper, has made the bay the centre of his campaign, promising a referendum "
           "and a fund for families whose boats lose their moorings. Polls put the two candidates level, with many "
           "voters in the harbour wards still undecided about whom to trust. ")
_VOTE_1 = ("The regional council voted by a narrow margin to fund a study of the mussel beds before any dredging "
           "starts, a win for the fishermen's union after months of petitions. Councillors from the port district "
           "voted against. The study will take a year and cost the region about a million kroner. ")
_SPILL_1 = ("An oil sheen spread across the north end of Orsk Bay after a tug ran aground on the sandbar near the "
            "lighthouse. The coast guard laid booms and said the leak had been stopped by evening, while the "
            "fishermen's union asked for the mussel harvest to be halted until tests are done. ")
_PROTEST_1 = ("Dozens of fishing boats sailed in a slow line across the harbour mouth in protest at the dredging "
              "plan, blocking a ferry for an hour. Police boats shadowed the flotilla but made no arrests, and the "
              "union's leader said the boats would return every month until the plan is dropped. ")


def test_a_quoted_statement_and_a_count_retold_together_join_two_reports_of_one_event():
    # In a corpus about one topic most words are everywhere, so the two reports' wording alone is no tie (cosine
    # about 0.1); the shared quoted statement with the shared weight is.
    arts = [Article(id=i, source=i, body=_ORSK_TOPIC + body) for i, body in
            (("s1", _SHIP_1), ("s2", _SHIP_2), ("v", _VOTE_1), ("o", _SPILL_1), ("p", _PROTEST_1))]
    assert _groups(cluster_stories(arts, [])) == [["o"], ["p"], ["s1", "s2"], ["v"]]
    # The quoted statement alone (another weight) does not decide it; nor does the weight alone.
    other = [Article(id=a.id, source=a.id, body=a.body.replace("some 40 tonnes", "some 25 tonnes")) for a in arts]
    assert ["s1", "s2"] not in _groups(cluster_stories(other, []))
