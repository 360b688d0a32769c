"""A report past its page limits: the example corpus rendered under tiny limits stands in for a crawl (a 3,000-
article page was 182 MB before the limits), and the page must stay whole: every link lands, every hidden part
is counted, and what is shown is what a fact-checker opens first."""

from __future__ import annotations

import dataclasses
import re

from hypothesis import given
from hypothesis import strategies as st

from newsprism.apps.report import render_report
from newsprism.apps.report_scale import ReportLimits, fact_rank, top_in_order
from newsprism.model import Rejected, outlet_label

TINY = ReportLimits(facts=8, bodies=3, events=5, svg_events=2, stories=1, duplicates=0,
                    rejected=1, framing_outlets=2)


def _section(page: str, name: str) -> str:
    start = page.index(f'<section id="{name}"')
    return page[start:page.index("</section>", start)]


def _dangling(page: str) -> list[str]:
    ids = set(re.findall(r'id="([^"]+)"', page))
    return [h for h in re.findall(r'href="#([^"]+)"', page) if h not in ids]


def test_default_limits_show_a_newsroom_corpus_whole(examples_analysis):
    page = render_report(examples_analysis, ReportLimits())
    assert page == render_report(examples_analysis)
    assert 'class="note"' not in page.split("</style>", 1)[1]
    assert page.count('<article id="art-') == len(examples_analysis.articles)
    assert page.count('class="fact-row"') == len(examples_analysis.facts)


def test_page_past_its_limits_stays_whole(examples_analysis):
    an = dataclasses.replace(examples_analysis, rejected=[Rejected("a.bin", "binary"), Rejected("b.txt", "empty")])
    full, page = render_report(an), render_report(an, TINY)
    assert len(page) < len(full) / 2
    assert not _dangling(page), "a link points to something the page no longer shows"

    # facts: the limit's worth, ranked first, and the rest counted
    shown = re.findall(r'<tr id="fact-([^"]+)"', page)
    assert len(shown) == TINY.facts
    ranked = sorted(an.facts, key=fact_rank)
    assert {f.id for f in ranked[:TINY.facts]} == set(shown)
    assert f"the other {len(an.facts) - TINY.facts} are in analysis.json" in page

    # one matrix per story, whose columns are only that story's outlets, its rows disagreement first
    overview = _section(page, "overview")
    outlet_of = {a.id: outlet_label(a.id, a.outlet) for a in an.articles}
    stories = {s.id: s for s in an.stories}
    blocks = re.split(r'<div class="story-block"', overview)[1:]
    tables = [(re.search(r'id="story-(S\d+)"', b), re.search(r'<table class="matrix">\s*<thead><tr>(.*?)</tr>'
                                                             r'</thead>(.*?)</table>', b, re.S)) for b in blocks]
    tables = [(sid.group(1) if sid else None, t.group(1), t.group(2)) for sid, t in tables if t]
    assert len(tables) == len({f.story for f in an.facts if f.id in shown}) >= 2
    assert tables[0][0] == max(an.stories, key=lambda s: len(s.articles)).id, "the largest story comes first"
    for sid, head, body in tables:
        cols = re.findall(r'<th class="outlet[^"]*"[^>]*>(.*?)</th>', head)
        if sid in stories:
            story_outlets = {outlet_of[a] for a in stories[sid].articles}
            assert set(cols) >= story_outlets and len(cols) < len(set(outlet_of.values()))
        ranks = [fact_rank(next(f for f in an.facts if f.id == fid)) for fid in re.findall(r'id="fact-([^"]+)"', body)]
        assert ranks == sorted(ranks)

    # bodies: three in full, every other article still has its row and anchor
    arts = _section(page, "articles")
    assert arts.count('<article id="art-') == TINY.bodies
    assert all(f'id="art-{a.id}"' in arts for a in an.articles)
    assert f"these {len(an.articles) - TINY.bodies} are listed" in arts

    timeline = _section(page, "timeline")
    assert timeline.count('class="event-row"') == TINY.events
    charts = re.findall(r"<svg.*?</svg>", overview, re.S)
    assert charts and all(c.count('<g class="event"') <= TINY.svg_events for c in charts)
    assert f"{len(an.timeline) - TINY.events} events reported by fewer articles" in timeline
    assert f"{len(an.duplicates)} more pairs" in _section(page, "copies")
    assert "a.bin" in page and "b.txt" not in page and "1 more rejected inputs" in page


@given(st.lists(st.integers(-5, 5), max_size=30), st.integers(0, 35))
def test_top_in_order_keeps_order_and_the_best(items, n):
    got = top_in_order(items, n, lambda x: (x,))
    assert len(got) == min(n, len(items))
    idx = iter(range(len(items)))
    assert all(any(items[i] == g for i in idx) for g in got)  # a subsequence: the corpus order is kept
    if got and len(got) < len(items):
        rest = list(items)
        for g in got:
            rest.remove(g)
        assert max(got) <= min(rest)
