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


def test_report_views(page, built):
    a = built["analysis"]
    page.goto(built["paths"]["report"].as_uri())
    page.screenshot(path=str(built["shots"] / "report-overview.png"))
    assert page.locator("#overview .counts").inner_text().startswith(f"{len(a.articles)} articles")
    rows = page.locator("table.matrix tr.fact-row")
    assert rows.count() == len(a.facts)
    if a.facts:
        page.locator("#facts").scroll_into_view_if_needed()
        page.screenshot(path=str(built["shots"] / "report-facts.png"))
        link = page.locator("table.matrix td.cell a").first
        href = link.get_attribute("href")
        link.click()
        assert page.url.endswith(href)
        assert page.locator(href).count() == 1  # the anchor sits in the article's highlighted body
    if a.timeline:
        assert page.locator("svg.timeline g.event").count() == len(a.timeline)
        page.locator("#timeline").scroll_into_view_if_needed()
        page.screenshot(path=str(built["shots"] / "report-timeline.png"))
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
