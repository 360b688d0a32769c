"""Cross-document weekday anchoring, on the example corpus: the undated reprint's "on Saturday" takes the day the
dated articles of its story give the same event, and its publication range follows, with its evidence."""

from __future__ import annotations

import copy

from newsprism.corpus.anchoring import anchor_weekdays
from newsprism.model import Published, Story


def _reprint(analysis):
    return next(a for a in analysis.articles if a.id == "006_reprint")


def test_undated_weekday_pinned_by_its_storys_dated_tellings(examples_analysis):
    a = _reprint(examples_analysis)
    sat = next(t for t in a.times if t.text == "Saturday")
    assert sat.value == "2025-06-14" and sat.precision == "day"
    p = a.published
    assert p.date is None and p.inferred and (p.earliest, p.latest) == ("2025-06-14", "2025-06-20")
    assert "Saturday" in p.evidence and "(dated)" in p.evidence


def test_no_anchor_outside_the_story(examples_analysis):
    # The same article alone in its story has nothing to be anchored by.
    arts = [copy.deepcopy(a) for a in examples_analysis.articles]
    reprint = next(a for a in arts if a.id == "006_reprint")
    reprint.published = Published()
    for t in reprint.times:
        t.value = "XXXX-WXX-6" if t.text == "Saturday" else t.value
    dated = [a.id for a in arts if a.published.date]
    assert anchor_weekdays(arts, [Story("S1", "x", dated, None, None), Story("S2", "y", ["006_reprint"], None, None)]) == 0
    assert reprint.published.earliest is None
    assert anchor_weekdays(arts, [Story("S1", "x", [*dated, "006_reprint"], None, None)]) == 1
    assert reprint.published.earliest == "2025-06-14"


def test_other_stories_undated_weekdays_stay_open(examples_analysis):
    # The partisan piece is its own story: its Saturday stays an open weekday, never guessed.
    ledger = next(a for a in examples_analysis.articles if a.id == "004_patriot_ledger")
    assert {t.value for t in ledger.times if t.text in ("Saturday", "Sunday")} == {"XXXX-WXX-6", "XXXX-WXX-7"}
