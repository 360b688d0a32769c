"""The app's pages on a store of the example corpus, through its WSGI callable: the story and fact pages, the
JSON view of every page, and the check page's contradicting evidence shown apart from the supporting."""

from __future__ import annotations

import dataclasses
import json
import os
import re

import pytest
from markupsafe import escape

from newsprism.apps import web
from newsprism.apps.check_workers import CheckWorkers
from newsprism.apps.web_pages import context_of
from newsprism.io import store

XSS = '<script>alert("x")</script>'


@pytest.fixture(scope="module")
def hostile_analysis(examples_analysis):
    """The example analysis with a hostile fact statement and outlet: the pages must show both as text."""
    arts = list(examples_analysis.articles)
    first_fact = examples_analysis.facts[0]
    art_id = first_fact.mentions[0].article
    arts = [dataclasses.replace(a, outlet=f"Evil {XSS} Times") if a.id == art_id else a for a in arts]
    facts = [dataclasses.replace(first_fact, statement=first_fact.statement + " " + XSS),
             *examples_analysis.facts[1:]]
    return dataclasses.replace(examples_analysis, articles=arts, facts=facts)


@pytest.fixture(scope="module")
def app(tmp_path_factory, hostile_analysis):
    path = tmp_path_factory.mktemp("pages") / "n.db"
    store.write_store(hostile_analysis, path)
    # checks in this process, so that the tests can stand in for `check_claim`
    return web.App(path, allowed_hosts={"127.0.0.1"}, checks=CheckWorkers(path, workers=0))


def call(app, path: str, query: str = "", method: str = "GET") -> tuple[str, dict, str]:
    got = {}

    def start_response(status, headers):
        got["status"], got["headers"] = status, dict(headers)

    body = b"".join(app({"REQUEST_METHOD": method, "PATH_INFO": path, "QUERY_STRING": query,
                         "HTTP_HOST": "127.0.0.1:8001"}, start_response))
    return got["status"], got["headers"], body.decode("utf-8")


def test_story_page_lists_every_fact_of_the_story_by_heading(app, hostile_analysis):
    an = hostile_analysis
    for s in an.stories:
        status, headers, page = call(app, f"/story/{s.id}")
        assert status == "200 OK" and headers["Content-Type"].startswith("text/html")
        facts = [f for f in an.facts if f.story == s.id]
        assert sorted(re.findall(r'<li class="fact-item"><a href="/fact/([^"]+)"', page)) == sorted(f.id for f in facts)
        assert page.count('<tr class="story-article">') == len(s.articles)
        if len({a.outlet for a in an.articles if a.id in s.articles}) > 1 and facts:
            chart = page[page.index('<svg'):page.index("</svg>")]  # who reported what, when: links to fact pages
            assert 'class="coverage"' in chart and 'href="/fact/' in chart and 'href="#' not in chart
        n_disputed = sum(f.status in ("contested", "denied") for f in facts)
        assert f'Disputed <span class="n">{n_disputed}</span>' in page
        assert "<script>alert" not in page


def test_fact_page_shows_every_mention_in_context(app, hostile_analysis):
    an = hostile_analysis
    bodies = {a.id: a.body for a in an.articles}
    outlets = {a.id: a.outlet for a in an.articles}
    for f in an.facts[:12]:
        status, _, page = call(app, f"/fact/{f.id}")
        assert status == "200 OK"
        assert page.count('<div class="mention">') == len(f.mentions)
        for m in f.mentions:
            assert f"<mark>{escape(bodies[m.article][m.start:m.end])}</mark>" in page
            if outlets[m.article]:
                assert f"<b>{escape(outlets[m.article])}</b>" in page
        assert escape(f.statement) in page
    assert "<script>alert" not in call(app, f"/fact/{an.facts[0].id}")[2]  # the hostile statement and outlet


def test_fact_page_names_the_speaker_of_a_quoted_mention(app, hostile_analysis):
    quoted = []
    by_id = {a.id: a for a in hostile_analysis.articles}
    for f in hostile_analysis.facts:
        for m in f.mentions:
            q = next((q for q in by_id[m.article].quotes if q.start < m.end and q.end > m.start and q.speaker), None)
            if q is not None:
                quoted.append((f, q))
    assert quoted, "the example corpus has quoted facts"
    f, q = quoted[0]
    data = json.loads(call(app, f"/fact/{f.id}", "format=json")[2])
    assert q.speaker in [m["speaker"] for m in data["mentions"]]


def test_every_page_has_a_json_view(app, hostile_analysis):
    an = hostile_analysis
    s, f = an.stories[0], an.facts[0]
    for path, query, kind in (("/", "format=json", "home"), (f"/story/{s.id}", "format=json", "story"),
                              (f"/fact/{f.id}", "format=json", "fact"), ("/search", "q=fire&format=json", "search")):
        status, headers, body = call(app, path, query)
        assert status == "200 OK" and headers["Content-Type"].startswith("application/json"), path
        data = json.loads(body)
        assert data["kind"] == kind
    home = json.loads(call(app, "/", "format=json")[2])
    assert home["articles"] == len(an.articles) and [x["id"] for x in home["stories"]][0] == \
        max(an.stories, key=lambda x: len(x.articles)).id
    fact = json.loads(call(app, f"/fact/{f.id}", "format=json")[2])
    assert fact["statement"] == f.statement and len(fact["mentions"]) == len(f.mentions)  # raw text, not HTML
    found = json.loads(call(app, "/search", "q=fire&format=json")[2])
    hit = next(a for a in found["articles"] if a["snippet_marks"])
    a, b = hit["snippet_marks"][0]
    assert "<mark>" not in hit["snippet"] and hit["snippet"][a:b].lower().startswith("fire")
    status, headers, body = call(app, "/fact/NOPE", "format=json")
    assert status == "404 Not Found" and "error" in json.loads(body)


def test_check_page_shows_contradicting_evidence_apart(app, monkeypatch):
    from newsprism.apps import check

    ev = {"stance": "denies", "outlet": XSS, "date": None, "origin": "the port authority", "text": "No one was evacuated.",
          "article": "a1", "fact": {"id": "F1", "status": "contested"}}
    sup = dict(ev, stance="asserts", outlet="Harbour Watch", text="300 residents were evacuated.")
    monkeypatch.setattr(check, "check_claim", lambda claim, db: {"claim": claim, "verdict": "contested",
                                                                 "supporting": [sup], "contradicting": [ev]})
    status, _, page = call(app, "/check", "claim=300+residents+evacuated")
    assert status == "200 OK"
    against = page[page.index('<ul class="evidence-against">'):]
    against = against[:against.index("</ul>")]
    support = page[page.index('<ul class="evidence-for">'):]
    assert "No one was evacuated." in against and "300 residents were evacuated." not in against
    assert "300 residents were evacuated." in support[:support.index("</ul>")]
    assert page.index("Contradicting evidence") < page.index("Supporting evidence")
    assert "<script>alert" not in page
    data = json.loads(call(app, "/check", "claim=300+residents+evacuated&format=json")[2])
    assert data["result"]["against"][0]["text"] == "No one was evacuated."


def test_check_result_as_a_dataclass_is_read_by_its_fields(app, monkeypatch):
    from newsprism.apps import check

    @dataclasses.dataclass
    class Result:
        verdict: str
        contradicting: list
        supporting: list

    monkeypatch.setattr(check, "check_claim", lambda claim, db: Result(
        "disputed", [{"stance": "disputes", "text": "Fewer than that.", "article": "a2"}], []))
    page = call(app, "/check", "claim=anything")[2]
    assert "disputed" in page and "Fewer than that." in page and '<ul class="evidence-against">' in page


def test_app_stays_read_only_and_local(app):
    assert call(app, "/story/S1", method="POST")[0] == "405 Method Not Allowed"
    assert call(app, "/fact/F1", method="HEAD")[2] == ""
    headers = call(app, "/fact/F1")[1]
    assert "default-src 'none'" in headers["Content-Security-Policy"]


def test_context_is_cut_at_word_boundaries():
    body = "alpha beta gamma delta. The fact sentence here. epsilon zeta eta theta"
    s = body.index("The fact")
    e = body.index("here.") + 5
    ctx = context_of(body, s, e, chars=12)
    assert ctx["text"] == "The fact sentence here."
    assert ctx["before"].startswith("…") and not ctx["before"][1:].startswith(("a ", "ta"))
    assert ctx["after"].endswith("…") and ctx["after"].rstrip("…").split()[-1] in body.split()
    assert context_of("short", 0, 5) == {"before": "", "text": "short", "after": ""}


def test_the_served_report_links_to_story_and_fact_pages(app, hostile_analysis):
    from newsprism.apps.report import render_report

    page = call(app, "/")[2]
    for s in hostile_analysis.stories:
        assert f'<a href="/story/{s.id}">' in page
    for f in hostile_analysis.facts:
        assert f'<a href="/fact/{f.id}">' in page
    assert 'href="/story/' not in render_report(hostile_analysis)  # a saved report has no server to link to


def test_report_page_is_rendered_once_per_store_version(tmp_path, hostile_analysis, monkeypatch):
    path = tmp_path / "n.db"
    store.write_store(hostile_analysis, path)
    app = web.App(path, allowed_hosts={"127.0.0.1"}, checks=CheckWorkers(path, workers=0))
    renders = []
    real = web.render_report
    monkeypatch.setattr(web, "render_report", lambda *a, **k: renders.append(1) or real(*a, **k))
    pages = [call(app, "/")[2] for _ in range(3)]
    assert len(renders) == 1 and pages[0] == pages[2] and "<header" in pages[0]
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))  # the store file replaced or rewritten
    call(app, "/")
    call(app, "/")
    assert len(renders) == 2
