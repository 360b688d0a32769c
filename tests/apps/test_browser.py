"""The report and the web app in a real browser (Debian's chromium driven by Playwright).

Skipped with a reason when chromium or playwright is missing; .ci/run installs chromium. Screenshots of each
main view are saved under the test run's temp dir (printed at the end) for a person to look at.
"""

from __future__ import annotations

import shutil
import threading

import pytest

from hostile import write_hostile
from newsprism.apps.outputs import write_outputs
from newsprism.run.analyze import RunOptions, run

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pw = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
if CHROMIUM is None:
    pytest.skip("Debian's chromium is not installed (apt-get install chromium)", allow_module_level=True)

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def built(tmp_path_factory, examples_dir):
    root = tmp_path_factory.mktemp("browser")
    corpus = root / "in"
    shutil.copytree(examples_dir, corpus)
    write_hostile(corpus)
    result = run([str(corpus)], RunOptions(workers=1))
    paths = write_outputs(result, root / "out")
    shots = root / "screenshots"
    shots.mkdir()
    return {"paths": paths, "analysis": result.analysis, "shots": shots}


@pytest.fixture(scope="module")
def browser():
    with pw.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = ctx.new_page()
    pg.dialogs = []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    yield pg
    ctx.close()


@pytest.fixture(scope="module")
def app_url(built):
    from newsprism.apps.web import make_app_server

    server = make_app_server(built["paths"]["db"], "127.0.0.1", 0)
    t = threading.Thread(target=server.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def _overlap(a, b) -> bool:
    return a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"] and \
        a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"]


def test_report_views(page, built):
    a = built["analysis"]
    page.goto(built["paths"]["report"].as_uri())
    page.screenshot(path=str(built["shots"] / "report-overview.png"))
    assert page.locator("#overview .counts").inner_text().startswith(f"{len(a.articles)} articles")
    if a.stories:  # the first screen already shows the largest story's summary
        first = page.locator(".story-block").first.bounding_box()
        assert first is not None and first["y"] < 1000
    rows = page.locator("table.matrix tr.fact-row")
    assert rows.count() == len(a.facts)
    if a.facts:
        page.locator(".story-block table.matrix").first.scroll_into_view_if_needed()
        page.screenshot(path=str(built["shots"] / "report-facts.png"))
        link = page.locator("table.matrix td.cell a").first
        href = link.get_attribute("href")
        link.click()
        assert page.url.endswith(href)
        assert page.locator(href).count() == 1  # the anchor sits in the article's highlighted body
        # every fact link of the summaries lands on a matrix row
        for h in page.locator(".summary a").evaluate_all("els => els.map(e => e.getAttribute('href'))"):
            assert page.locator(h).count() == 1, h
    if a.timeline:
        charts = page.locator("svg.timeline")
        assert page.locator("svg.timeline g.event").count() >= 1
        for i in range(charts.count()):
            svg = charts.nth(i)
            frame = svg.bounding_box()
            boxes = [b for b in svg.locator("text").evaluate_all(
                "els => els.map(e => { const r = e.getBoundingClientRect(); "
                "return {x: r.x, y: r.y, width: r.width, height: r.height}; })") if b["width"] > 0]
            for j, b in enumerate(boxes):
                assert frame["x"] - 1 <= b["x"] and b["x"] + b["width"] <= frame["x"] + frame["width"] + 1, \
                    "a timeline label is clipped"
                assert not any(_overlap(b, c) for c in boxes[j + 1:]), "two timeline labels overlap"
        page.locator("svg.timeline").first.scroll_into_view_if_needed()
        page.screenshot(path=str(built["shots"] / "report-timeline.png"))
    statuses = {f.status for f in a.facts}
    if len(statuses) > 1:  # the status filter (CSS only) hides exactly that status's rows
        s = sorted(statuses)[0]
        page.locator(f"#show-{s}").uncheck()
        visible = page.locator("tr.fact-row:visible")
        assert visible.count() == sum(f.status != s for f in a.facts)
        page.locator(f"#show-{s}").check()
        assert page.locator("tr.fact-row:visible").count() == len(a.facts)
    page.locator("#framing").scroll_into_view_if_needed()
    page.screenshot(path=str(built["shots"] / "report-framing.png"))
    n_q = sum(len(x.quantities) for x in a.articles)
    assert page.locator("article .body span.quantity").count() >= min(1, n_q)
    art = page.locator("article.article").first
    art.scroll_into_view_if_needed()
    page.screenshot(path=str(built["shots"] / "report-article.png"))
    assert page.dialogs == []


def test_hostile_article_renders_as_text(page, built, app_url):
    for url in (built["paths"]["report"].as_uri(), app_url + "/", app_url + "/search?q=script"):
        page.goto(url)
        assert page.dialogs == [], url
        assert page.locator("img").count() == 0
    page.goto(built["paths"]["report"].as_uri() + "#art-hostile-1")
    body = page.locator("#art-hostile-1 .body").inner_text()
    assert '<script>alert("xss")</script>' in body
    assert "javascript:alert(document.cookie)" in body


def test_app_search_and_check(page, built, app_url):
    page.goto(app_url + "/")
    page.fill("input[name=q]", "tanker fire")
    page.click("form[role=search] button")
    page.wait_for_url("**/search?q=*")
    assert page.locator(".article-hit").count() >= 3
    assert page.locator(".snip mark").count() >= 1  # the match is highlighted, not shown as "<mark>" text
    assert "<mark>" not in page.locator(".snip").first.inner_text()
    facets, heading = page.locator(".facets").bounding_box(), page.locator("h2").first.bounding_box()
    assert heading["x"] + heading["width"] <= facets["x"] + 1, "the heading's rule runs under the facets"
    page.screenshot(path=str(built["shots"] / "app-search.png"))
    outlet_link = page.locator(".facets a").first
    outlet_link.click()
    assert page.locator(".article-hit").count() >= 1
    page.goto(app_url + "/")
    page.fill("input[name=claim]", "around 300 residents were evacuated")
    page.locator("input[name=claim]").press("Enter")
    page.wait_for_url("**/check?claim=*")
    assert page.locator(".verdict").inner_text().strip()
    page.screenshot(path=str(built["shots"] / "app-check.png"))
    print(f"\nscreenshots in {built['shots']}")
