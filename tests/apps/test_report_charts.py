"""The report's pictures (per-story coverage chart, per-outlet sourcing and loaded-language charts) and the
story matrix's outlet filter: labels that never overlap or leave the frame (by the layout's own width
estimate), every text escaped, and the CSS-only filters present for every column and status."""

from __future__ import annotations

import html
import re
from datetime import date

from newsprism.apps.coverage_svg import coverage_rows, coverage_svg, summary_text
from newsprism.apps.outlet_charts import outlet_charts, sourcing_words, voice_shares
from newsprism.apps.report import render_report
from newsprism.apps.timeline_svg import CHAR_W, TICK_CHAR_W, axis_marks
from newsprism.model import Fact, FactMention, LoadedRate, OutletFraming

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'
_TEXT = re.compile(r'<text x="([\d.]+)" y="([\d.]+)" class="([a-z ]+)">(.*?)</text>')


def _boxes(svg: str) -> list[tuple[float, float, float, str]]:
    """(left, right, baseline y, text) of every label, with the widths the layout assumes."""
    out = []
    for m in _TEXT.finditer(svg):
        x, y, cls, text = float(m.group(1)), float(m.group(2)), m.group(3), html.unescape(m.group(4))
        w = len(text) * (TICK_CHAR_W if cls == "ticklabel" else CHAR_W)
        left = x - w / 2 if cls == "ticklabel" else x - w if cls.endswith(" end") else x
        out.append((left, left + w, y, text))
    return out


def _assert_laid_out(svg: str) -> None:
    width = float(re.search(r'viewBox="0 0 ([\d.]+) ', svg).group(1))
    boxes = _boxes(svg)
    assert boxes
    for left, right, _, text in boxes:
        assert left >= 0 and right <= width, f"label leaves the frame: {text!r}"
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            same_line = abs(a[2] - b[2]) < 11  # 11 px text: baselines closer than that share a line
            assert not same_line or a[1] <= b[0] or b[1] <= a[0], f"labels overlap: {a[3]!r} / {b[3]!r}"


def _fact(fid: str, statement: str, arts: list[str], status: str = "corroborated") -> Fact:
    return Fact(fid, "S1", statement, [FactMention(a, 0, 5, "asserts") for a in arts], [], 2, status)


def _coverage_case():
    outlets = ["The Very Long Name Of A Regional Broadcaster Network International", "B", XSS, "D", "E"]
    arts = {f"a{i}": o for i, o in enumerate(outlets)} | {"u1": "D", "u2": "E"}
    days = {"a0": "2024-03-01", "a1": "2024-03-02", "a2": "2024-03-02", "a3": None, "a4": None,
            "u1": None, "u2": None}
    facts = [_fact("F1", "A statement far longer than its column " * 5, ["a0", "a1", "a2", "u1"]),
             _fact("F2", XSS, ["a3", "a4"], "contested"),
             _fact("F3", "Only one outlet", ["a1"], "single_source")]
    return coverage_rows(facts, outlets, arts, days), outlets


def test_coverage_chart_labels_never_overlap_or_clip_and_escape():
    rows, _ = _coverage_case()
    for width in (1000, 700):
        svg = str(coverage_svg(rows, width=width))
        _assert_laid_out(svg)
        assert "<script" not in svg and "<img" not in svg
        assert "&lt;script&gt;" in svg  # the hostile outlet and statement are text in the tooltips
    # a few days' range still has dated tick labels (a week step put its only tick on the frame's edge)
    wide = str(coverage_svg(rows, width=1000))
    assert len([b for b in _boxes(wide) if re.match(r"\d+ (Feb|Mar) 2024", b[3])]) >= 2


def test_coverage_rows_say_who_was_first_followed_and_never():
    rows, outlets = _coverage_case()
    first = rows[0]
    assert first.reports[0] == (outlets[0], date(2024, 3, 1))
    assert [o for o, d in first.reports if d is None] == ["D"]
    assert first.never == 1  # E reported none of it
    words = summary_text(first, 282)
    assert words.startswith("first ") and words.endswith("3 followed · 1 never")  # the long name is cut, not the counts
    assert summary_text(rows[1], 282) == "no dated report · 2 reported · 3 never"
    # no room for the first outlet's name: the counts alone, still apart
    assert summary_text(first, 150) == "4 reported · 1 never"
    svg = str(coverage_svg(rows))
    # the first reporter drawn last, so an outlet of the same day does not cover its filled mark
    row = svg[svg.index('data-fact="F1"'):svg.index('data-fact="F2"')]
    assert row.rindex('class="first">') > row.rindex('class="follow">')
    assert "×1" in row  # one undated outlet: a mark and a count in the no-date column


def test_axis_of_a_few_days_has_dated_ticks():
    lo, hi = date(2011, 11, 10), date(2011, 11, 16)

    def x(d):
        return 260 + 436 * (d - lo).days / 6

    assert len(axis_marks(lo, hi, x, 300, 260, 696)) >= 2


def _outlet(name: str, voices: dict[str, int], rate: LoadedRate) -> OutletFraming:
    return OutletFraming(outlet=name, voices=voices, loaded_rate=rate)


def test_outlet_charts_labels_never_overlap_or_clip_and_escape():
    outlets = [_outlet(XSS, {"official (Ruritania)": 3, "other": 9, "anonymous": 2},
                       LoadedRate(2.5, 0.4, 11.25, 3, 1200, 4, 2)),
               _outlet("An Outlet Whose Name Runs On And On Past Any Column Width", {"wire": 1},
                       LoadedRate(123.4, 99.9, 1234.5, 50, 1_234_567, 400, 12)),
               _outlet("Quiet", {}, LoadedRate())]
    oc = outlet_charts(outlets)
    for svg in (str(oc.sourcing), str(oc.loaded)):
        _assert_laid_out(svg)
        assert "<script" not in svg and "&lt;script&gt;" in svg
    assert oc.shown == 2 and oc.hidden == 0  # the outlet with no quotes and no words is not charted


def test_sourcing_words_name_known_roles_before_unstated_ones():
    shares = voice_shares({"official (Ruritania)": 3, "official": 1, "other": 9, "anonymous": 2})
    assert shares["official"] == 4
    assert sourcing_words(shares) == "15 quotes · officials 27%, unnamed sources 13%"
    assert sourcing_words(voice_shares({"other": 1})) == "1 quote · no speaker role stated"


def test_report_shows_the_charts_and_an_outlet_filter_per_story(examples_analysis):
    page = render_report(examples_analysis)
    blocks = re.split(r'<div class="story-block"', page[:page.index('<section id="timeline"')])[1:]
    multi = [b for b in blocks if len(re.findall(r'<th class="outlet', b)) > 1]
    assert multi
    for b in multi:
        cols = len(re.findall(r'<th class="outlet', b))
        assert len(re.findall(r'<input type="radio" name="(of-\d+)" class="ofilt"', b)) == cols
        assert len(set(re.findall(r'<input type="radio" name="(of-\d+)"', b))) == 1  # one group per block
        assert 'class="of-missing"' in b
        rows = re.findall(r'<tr id="fact-[^"]+" class="fact-row".*?</tr>', b, re.S)
        for r in rows:
            stances = re.findall(r'<td class="cell ([a-z]+)"', r)
            assert len(stances) == cols
            # the filter reads the columns that report the fact from the row itself
            listed = re.search(r'data-in="([\d ]*)"', r).group(1).split()
            assert listed == [str(i) for i, st in enumerate(stances) if st != "absent"]
    groups = [set(re.findall(r'<input type="radio" name="(of-\d+)"', b)) for b in multi]
    assert len(set().union(*groups)) == len(multi)  # a block's radios never switch another block's filter
    widest = max(len(re.findall(r'<th class="outlet', b)) for b in blocks)
    style = page[:page.index("</style>")]
    for i in range(widest):  # the filter is CSS: one hiding rule per column, never a :has() over each row
        assert f'.ofilt[data-col="{i}"]:checked):not(:has(.of-missing:checked)) tr.fact-row:not([data-in~="{i}"])' \
            in style
    assert "tr.fact-row:has(" not in style and "tr.fact-row:not(:has(" not in style
    assert "content-visibility: auto" in style  # a long page lays out what is on screen first
    assert 'class="coverage"' in page
    assert 'class="outlet-chart sourcing"' in page
    assert "<script" not in page.lower()


def test_a_status_the_page_does_not_know_still_has_a_filter(examples_analysis):
    import dataclasses

    facts = [dataclasses.replace(examples_analysis.facts[0], status="retracted"), *examples_analysis.facts[1:]]
    page = render_report(dataclasses.replace(examples_analysis, facts=facts))
    assert 'id="show-retracted"' in page
    assert 'body:has(#show-retracted:not(:checked)) tr.fact-row[data-status="retracted"]' in page
    # a status that is not a plain word never reaches the page's CSS, where escaping for HTML would not hold it
    hostile = 'x"] { } body { display: none } [a="'
    facts = [dataclasses.replace(examples_analysis.facts[0], status=hostile), *examples_analysis.facts[1:]]
    page = render_report(dataclasses.replace(examples_analysis, facts=facts))
    style = page[:page.index("</style>")]
    assert "body { display: none }" not in style


def test_coverage_charts_past_their_limit_are_counted(examples_analysis):
    from newsprism.apps.report_scale import ReportLimits

    full = render_report(examples_analysis)
    assert full.count('class="coverage"') >= 2
    page = render_report(examples_analysis, ReportLimits(coverage_charts=1))
    assert page.count('class="coverage"') == 1
    assert "Coverage charts are drawn for the 1 largest stories" in page


def test_loaded_chart_of_only_zeros_is_a_sentence():
    quiet = [_outlet(n, {"official": 1}, LoadedRate(0.0, 0.0, 0.0, 0, 300, 2, 1)) for n in ("A", "B")]
    oc = outlet_charts(quiet)
    assert oc.sourcing is not None and oc.loaded is None
