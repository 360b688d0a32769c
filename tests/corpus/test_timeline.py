"""Dated events: resolution of TIMEX values, clause reduction, merging across articles, order."""

from __future__ import annotations

import hashlib

import pytest

from newsprism.corpus.timeline import build_timeline, resolve
from newsprism.model import Article, Fact, FactMention, Published, TimeExpr


def _art(aid: str, body: str, times: list[tuple[str, str | None]], pub: str | None = None) -> Article:
    exprs = []
    for text, value in times:
        start = body.index(text)
        exprs.append(TimeExpr(text=text, value=value, precision=None, start=start, end=start + len(text)))
    return Article(id=aid, source=aid, body=body, times=exprs, published=Published(date=pub))


def test_resolve_values():
    assert resolve("2019-03-23").precision == "day"
    m = resolve("2019-02")
    assert (m.date, m.precision, m.earliest, m.latest) == ("2019-02", "month", "2019-02-01", "2019-02-28")
    assert resolve("2018").latest == "2018-12-31"
    we = resolve("2019-W12-WE")
    assert (we.precision, we.earliest, we.latest) == ("range", "2019-03-23", "2019-03-24")
    r = resolve("2018-12-10/2018-12-14")
    assert (r.date, r.precision, r.latest) == ("2018-12-10", "range", "2018-12-14")
    for vague in (None, "PAST_REF", "P3D", "XXXX-WXX-6", "2019-13", "garbage"):
        assert resolve(vague) is None


def test_same_event_merges_across_articles_and_sorts_by_start():
    a = _art("a", "Two cargo planes landed at the main airport on March 23 after a long flight. "
                  "Officials had promised more aid in February.",
             [("on March 23", "2019-03-23"), ("in February", "2019-02")])
    b = _art("b", "The cargo planes landed at the airport on Saturday, witnesses said. "
                  "Nothing happened recently.",
             [("on Saturday", "2019-03-23"), ("recently", "PAST_REF")])
    c = _art("c", "In 2018 the council approved the airport expansion plan.", [("In 2018", "2018")])
    events = build_timeline([b, c, a], [], [])
    assert [(e.date, e.precision, e.articles) for e in events] == [
        ("2018", "year", ["c"]), ("2019-02", "month", ["a"]), ("2019-03-23", "day", ["a", "b"])]
    assert "landed" in events[-1].event
    assert events[1].earliest == "2019-02-01" and events[1].latest == "2019-02-28"


def test_between_two_days_is_a_range_and_long_sentences_are_trimmed():
    body = ("Between Dec 10th and Dec 14th last year, a heavy cargo aircraft and a transport aircraft carried out "
            "flights between the two capitals, tracking data showed, according to three separate people familiar "
            "with the matter who asked not to be named.")
    art = _art("a", body, [("Dec 10th", "2018-12-10"), ("Dec 14th", "2018-12-14")])
    (ev,) = build_timeline([art], [], [])
    assert (ev.date, ev.precision, ev.earliest, ev.latest) == ("2018-12-10", "range", "2018-12-10", "2018-12-14")
    assert ev.event.startswith("Between Dec 10th and Dec 14th")
    assert len(ev.event.replace("…", "").split()) <= 20


def test_dateline_is_dropped_and_facts_are_linked():
    body = "September 25, 2019\n\nThe bridge reopened on Wednesday after repairs, the city said."
    art = _art("a", body, [("September 25, 2019", "2019-09-25"), ("on Wednesday", "2019-09-25")],
               pub="2019-09-25")
    start = body.index("The bridge")
    fact = Fact(id="F3", story=None, statement="The bridge reopened",
                mentions=[FactMention(article="a", start=start, end=start + 19, stance="asserts")],
                origins=[], independent_sources=1, status="single_source")
    (ev,) = build_timeline([art], [fact], [])
    assert ev.event == "The bridge reopened on Wednesday after repairs, the city said"
    assert ev.fact == "F3"


def test_two_events_of_one_article_on_one_day_stay_apart():
    body = ("The minister arrived in the capital on Monday. Protesters blocked the northern highway on Monday "
            "evening.")
    art = _art("a", body, [("on Monday", "2020-06-01"), ("on Monday evening", "2020-06-01")])
    assert len(build_timeline([art], [], [])) == 2


def test_tellings_of_one_known_event_merge_across_precision():
    # Tellings of an events.tsv row (the Brexit referendum, 2016-06-23) whose time expression holds its date
    # are one event at the row's day, whatever their precision; another event of the same week is not.
    a = _art("a", "Britain voted to leave the European Union in the Brexit referendum on Thursday, officials said.",
             [("Thursday", "2016-06-23")])
    b = _art("b", "The EU referendum last week split the country down the middle, a pollster said.",
             [("last week", "2016-W25")])
    c = _art("c", "Thousands of protesters marched through central Lima last week, the police said.",
             [("last week", "2016-W25")])
    d = _art("d", "In June, voters in the EU referendum chose to leave, the ministry said.", [("In June", "2016-06")])
    events = build_timeline([d, c, b, a], [], [])
    assert [(e.date, e.precision, e.articles) for e in events] == [
        ("2016-06-20", "range", ["c"]), ("2016-06-23", "day", ["a", "b", "d"])]
    assert events[1].event.startswith("Britain voted to leave the European Union")


def test_seed_timeline(seeds_analysis):
    arts = seeds_analysis.articles
    if not any(a.times for a in arts):
        pytest.skip("time extraction has not landed yet")
    events = seeds_analysis.timeline
    assert events == build_timeline(arts, seeds_analysis.facts, seeds_analysis.stories)
    starts = [e.earliest or e.date for e in events]
    assert starts == sorted(starts)
    # Seed 004 is undated: its "Dec 10th ... last year" stays without a year rather than guessing one.
    assert not any(e.date.startswith(("2017-12", "2019-12")) for e in events)
    sept = [e for e in events if e.date == "2019-09-20"]
    assert sept and "Moscow" in sept[0].event
    if not any(t.value == "2019-03-23" for a in arts for t in a.times):
        pytest.skip("weekdays of the undated March 2019 seeds are not anchored yet (times/meta stages)")
    landing = [e for e in events if e.date == "2019-03-23"]
    assert landing and {a[:3] for a in landing[0].articles} >= {"000", "001"}


def test_tellings_that_share_only_their_date_stay_two_events():
    # token_set_ratio scores these two 61 on the month alone; nothing but the date ties them
    a = _art("a", "Representatives for the actor denied the reports in April.", [("in April", "2019-04")])
    b = _art("b", "In April rumours spread that the singer had died.", [("In April", "2019-04")])
    c = _art("c", "The singer's representatives denied the rumours of his death in April.", [("in April", "2019-04")])
    events = build_timeline([a, b, c], [], [])
    assert sorted(e.articles for e in events) == [["a"], ["b", "c"]] or \
        sorted(e.articles for e in events) == [["a", "c"], ["b"]]


def test_a_crowded_date_bucket_is_not_compared_all_against_all(monkeypatch):
    # 400 different events of one year, all about the same city council: each telling is compared only with
    # events that share a stem few of the bucket's events have, so the comparisons stay linear in the bucket
    from newsprism.corpus import timeline

    calls = []
    real = timeline.fuzz.token_set_ratio
    monkeypatch.setattr(timeline.fuzz, "token_set_ratio", lambda x, y: calls.append(1) or real(x, y))
    words = ["".join(chr(97 + b % 26) for b in hashlib.sha1(str(n).encode()).digest()[:8]) for n in range(2400)]
    arts = [_art(f"a{n:03d}", f"In 2019 the Kessel council {' '.join(words[n:n + 6])}.", [("In 2019", "2019")])
            for n in range(0, 2400, 6)]
    events = build_timeline(arts, [], [])
    assert len(events) >= 390  # a chance resemblance of the random words may join a pair
    assert len(calls) < 400 * timeline.MERGE_KEY_CAP  # all against all: ~80,000
