"""The self-contained report: sections present, graceful when a stage found nothing, everything escaped."""

from __future__ import annotations

import re
import shutil
from html import escape
from html.parser import HTMLParser

import pytest

from hostile import write_hostile
from newsprism.apps.highlight import Mark, fact_anchor, render_body
from newsprism.apps.report import render_report, write_report
from newsprism.apps.report_scale import fact_rank
from newsprism.apps.timeline_svg import CHAR_W, TICK_CHAR_W, timeline_svg
from newsprism.model import FACT_STATUSES, Analysis, Article, TimelineEvent, outlet_label
from newsprism.run.analyze import RunOptions, run


def _tags(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    """Every start tag the way a browser's tokenizer sees it (attribute values unescaped)."""
    found = []

    class P(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, attrs))

    P().feed(html)
    return found


@pytest.fixture(scope="module")
def hostile_html(tmp_path_factory, examples_dir):
    d = tmp_path_factory.mktemp("hostile")
    shutil.copytree(examples_dir, d / "examples")
    write_hostile(d)
    analysis = run([str(d)], RunOptions(workers=1)).analysis
    assert any(a.id == "hostile-1" for a in analysis.articles)
    return render_report(analysis)


def test_no_markup_from_article_text_survives(hostile_html):
    assert "<script" not in hostile_html.lower()
    assert "<img" not in hostile_html.lower()
    assert "<b onmouseover" not in hostile_html
    assert 'href="javascript:' not in hostile_html.lower()
    tags = _tags(hostile_html)
    assert not [t for t in tags if any(k.startswith("on") for k, _ in t[1])], "an event handler was rendered"
    assert not [t for t in tags if t[0] in ("script", "img", "iframe", "object")]
    assert not [v for _, attrs in tags for k, v in attrs if k in ("href", "src") and "javascript:" in (v or "")]
    assert "&lt;script&gt;alert(" in hostile_html  # shown as text, not dropped


def test_report_is_self_contained(hostile_html):
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", hostile_html)
    assert "<link" not in hostile_html


def test_sections_on_examples(examples_analysis):
    html = render_report(examples_analysis)
    for anchor in ('id="overview"', 'class="story-block"', 'id="timeline"', 'id="framing"', 'id="articles"',
                   'id="copies"'):
        assert anchor in html
    for a in examples_analysis.articles:
        assert f'id="art-{a.id}"' in html
    assert "Removed boilerplate" in html


def test_empty_stages_degrade_to_sentences():
    art = Article(id="x", source="x.txt", title="Only one", body="Nothing to see here.")
    html = render_report(Analysis(articles=[art]))
    assert "No facts were aligned in this corpus." in html
    assert "No dated events were found." in html
    assert "No stories were formed." in html
    assert "<svg" not in html


def test_overlapping_highlights_keep_text_and_escape():
    body = 'He said "<b>bold</b> 100 troops" today.'
    marks = [Mark(9, 31, "quote", "quote: he"), Mark(21, 31, "quantity", "quantity: 100 troops")]
    html = render_body(body, marks)
    assert "&lt;b&gt;bold&lt;/b&gt;" in html
    assert re.sub(r"<[^>]+>", "", html).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"') \
        .replace("&#x27;", "'") == body
    assert 'class="quantity quote"' in html


def test_written_report_is_the_rendered_page(examples_analysis, tmp_path):
    # write_report streams the template to the file; it must be the same page render_report returns, with the
    # fact highlights that build_context now finds per article
    path = tmp_path / "report.html"
    write_report(examples_analysis, path)
    page = path.read_text(encoding="utf-8")
    assert page == render_report(examples_analysis)
    # every fact mention is highlighted in its own article, none lost by indexing facts per article
    anchors = {fact_anchor(f.id, m.article) for f in examples_analysis.facts for m in f.mentions}
    assert anchors
    assert all(f'id="{escape(x)}"' in page for x in anchors)


def _section(page: str, name: str) -> str:
    start = page.index(f'<section id="{name}"')
    return page[start:page.index("</section>", start)]


def test_page_opens_with_one_block_per_story(examples_analysis):
    an = examples_analysis
    page = render_report(an)
    overview = _section(page, "overview")
    # the blocks come before any other section, largest story first
    assert page.index('class="story-block"') < page.index('<section id="timeline"')
    order = re.findall(r'<div class="story-block" id="story-([^"]+)"', overview)
    assert order == [s.id for s in sorted(an.stories, key=lambda s: -len(s.articles))]
    blocks = dict(zip(order, re.split(r'<div class="story-block"', overview)[1:], strict=True))
    outlet_of = {a.id: outlet_label(a.id, a.outlet) for a in an.articles}
    for s in an.stories:
        b = blocks[s.id]
        facts = [f for f in an.facts if f.story == s.id]
        counts = {"Established": sum(f.status == "corroborated" for f in facts),
                  "Disputed": sum(f.status in ("contested", "denied") for f in facts),
                  "Several reports, one origin": sum(f.status == "same_origin" for f in facts),
                  "Single source": sum(f.status == "single_source" for f in facts)}
        for heading, n in counts.items():
            assert f'{heading} <span class="n">{n}</span>' in b
        for o in {outlet_of[a] for a in s.articles}:
            assert escape(o) in b
        # the story's matrix: its outlets only, facts in the order a fact-checker reads them
        rows = re.findall(r'<tr id="fact-([^"]+)"', b)
        assert sorted(rows) == sorted(f.id for f in facts)
        by_id = {f.id: f for f in facts}
        assert [fact_rank(by_id[x]) for x in rows] == sorted(fact_rank(f) for f in facts)
    # an article without an outlet is marked as such wherever it is an outlet
    unknown = [a for a in an.articles if not a.outlet]
    assert unknown and 'class="chip k-unknown_outlet"' in overview


def test_legend_defines_every_status_and_the_page_runs_no_script(examples_analysis):
    page = render_report(examples_analysis)
    legend = page[page.index('<dl class="legend-defs">'):page.index("</dl>")]
    for status in FACT_STATUSES:
        assert f'<span class="status {status}">{status.replace("_", " ")}</span></dt><dd>' in legend
    assert "<dt>independent origin</dt><dd>" in legend
    assert "<script" not in page.lower()
    assert "default-src 'none'" in page


def _label_boxes(svg: str, width: int) -> list[tuple[float, float, float]]:
    """(left, right, y) of each text label as the layout estimates it."""
    boxes = []
    for m in re.finditer(r'<text x="([\d.]+)" y="(\d+)" class="(evlabel(?: end)?|ticklabel)">(.*?)</text>', svg):
        x, y, cls = float(m.group(1)), float(m.group(2)), m.group(3)
        n = len(m.group(4).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&#x27;", "'")
                .replace("&quot;", '"'))
        w = n * (TICK_CHAR_W if cls == "ticklabel" else CHAR_W)
        left = x - w / 2 if cls == "ticklabel" else x - w if cls.endswith("end") else x
        boxes.append((left, left + w, y))
    return boxes


def test_story_timeline_labels_never_overlap_or_clip(examples_analysis):
    events = list(examples_analysis.timeline) + [
        TimelineEvent(date="1911", precision="year", event="A long-ago background date " * 4, articles=["x"],
                      earliest="1911-01-01", latest="1911-12-31"),
        TimelineEvent(date="2025-06-10", precision="range", event="Known only between two dates",
                      articles=["x"], earliest="2025-06-10", latest="2025-06-20")]
    for evs in (events, events[:3], events[-1:]):
        svg = str(timeline_svg(evs, width=900))
        boxes = _label_boxes(svg, 900)
        assert boxes
        assert all(left >= 0 and right <= 900 for left, right, _ in boxes), "a label leaves the frame"
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                assert a[2] != b[2] or a[1] <= b[0] or b[1] <= a[0], "two labels overlap"
    assert 'class="bound"' in svg and "between 2025-06-10 and 2025-06-20" in svg


def test_search_snippet_marks_the_match_and_escapes_the_rest():
    from newsprism.apps.web import _marked

    got = str(_marked("a <b>x</b> \u0001Hanna\u0002 Voss"))
    assert got == "a &lt;b&gt;x&lt;/b&gt; <mark>Hanna</mark> Voss"


def test_every_fact_anchor_is_unique(examples_analysis):
    # A fact can hold two mentions of one article (a claim and the denial answering it): one anchor for both.
    import re as _re

    from newsprism.apps.report import render_report

    ids = _re.findall(r'id="(m-[^"]+)"', render_report(examples_analysis))
    assert ids and len(ids) == len(set(ids))
