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
from newsprism.model import Analysis, Article
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
    for anchor in ('id="overview"', 'id="facts"', 'id="timeline"', 'id="framing"', 'id="articles"'):
        assert anchor in html
    for a in examples_analysis.articles:
        assert f'id="art-{a.id}"' in html
    assert "Removed boilerplate" in html


def test_empty_stages_degrade_to_sentences():
    art = Article(id="x", source="x.txt", title="Only one", body="Nothing to see here.")
    html = render_report(Analysis(articles=[art]))
    assert "No facts were aligned in this corpus." in html
    assert "No dated events were found." in html
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
