"""`newsprism serve`: a local, read-only web app over a store.

A small WSGI app on the standard library rather than Datasette: the views are newsprism's own (fact matrix,
highlighted articles, check), it must run offline from the default install with no extra dependency, and the
store is opened read-only (`store.connect_readonly`), so the app can never change what a user analysed. Datasette still
works on the same file for ad-hoc SQL (`datasette out/newsprism.db`), the tables are documented for that.

Routes: `/` the report view with a search box; `/search?q=&outlet=&story=&status=&from=&to=` full-text search
over article bodies and facts with facets; `/check?claim=` the `newsprism check` verdict and evidence.
"""

from __future__ import annotations

import collections
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from socketserver import ThreadingMixIn
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIServer, make_server

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from newsprism.apps.report import render_report
from newsprism.io.store import connect_readonly, fts_query, load_analysis
from newsprism.model import outlet_label
from newsprism.run.spool import ArticleSpool


def _marked(snippet: str) -> Markup:
    """FTS snippet with its match markers turned into <mark>, everything else escaped."""
    return Markup(escape(snippet).replace("\u0001", "<mark>").replace("\u0002", "</mark>"))


@dataclass
class SearchParams:
    q: str = ""
    outlet: str = ""
    story: str = ""
    status: str = ""
    date_from: str = ""
    date_to: str = ""


def search(conn: sqlite3.Connection, p: SearchParams, limit: int = 50) -> dict:
    """Articles and facts matching `p.q` (all when empty), filtered by the facets, with facet counts."""
    query = fts_query(p.q)
    if query:
        rows = conn.execute(
            "select a.id, a.title, a.outlet, a.published, a.published_earliest, "
            "snippet(articles_fts, 1, '\u0001', '\u0002', ' … ', 24) as snip "
            "from articles_fts join articles a on a.rowid = articles_fts.rowid where articles_fts match ? "
            "order by bm25(articles_fts)", [query]).fetchall()
    else:
        rows = conn.execute("select id, title, outlet, published, published_earliest, substr(body, 1, 200) as snip "
                            "from articles order by id").fetchall()
    story_of = collections.defaultdict(list)
    for r in conn.execute("select story, article from story_articles"):
        story_of[r["article"]].append(r["story"])
    arts = []
    for r in rows:
        day = r["published"] or r["published_earliest"] or ""
        item = {"id": r["id"], "title": r["title"], "outlet": outlet_label(r["id"], r["outlet"]), "date": day,
                "stories": story_of.get(r["id"], []), "snippet": _marked(r["snip"] or "")}
        arts.append(item)
    facets = {"outlet": collections.Counter(a["outlet"] for a in arts),
              "story": collections.Counter(s for a in arts for s in a["stories"])}
    arts = [a for a in arts if (not p.outlet or a["outlet"] == p.outlet) and (not p.story or p.story in a["stories"])
            and (not p.date_from or (a["date"] and a["date"] >= p.date_from))
            and (not p.date_to or (a["date"] and a["date"] <= p.date_to))]
    if query:
        frows = conn.execute("select f.* from facts_fts join facts f on f.rowid = facts_fts.rowid "
                             "where facts_fts match ? order by bm25(facts_fts)", [query]).fetchall()
    else:
        frows = conn.execute("select * from facts order by id").fetchall()
    facts = [dict(r) | {"origins": json.loads(r["origins"] or "[]")} for r in frows]
    facets["status"] = collections.Counter(f["status"] for f in facts)
    facts = [f for f in facts if (not p.status or f["status"] == p.status) and (not p.story or f["story"] == p.story)]
    return {"articles": arts[:limit], "facts": facts[:limit], "facets": facets, "n_articles": len(arts),
            "n_facts": len(facts)}


class App:
    """The WSGI callable; the report page is rendered once per app (the store is read-only)."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = Path(db_path)
        self.conn = connect_readonly(self.db_path)
        self.env = Environment(loader=PackageLoader("newsprism.apps", "templates"),
                               autoescape=select_autoescape(default=True), trim_blocks=True, lstrip_blocks=True)
        self._report: str | None = None

    def report_page(self) -> str:
        if self._report is None:
            page = render_report(load_analysis(self.db_path, into=ArticleSpool()))
            bar = self.env.get_template("searchbar.html.j2").render()
            self._report = page.replace("</header>", bar + "</header>", 1)
        return self._report

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "/")
        qs = {k: v[0] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
        try:
            if path == "/":
                body, status = self.report_page(), "200 OK"
            elif path == "/search":
                p = SearchParams(q=qs.get("q", ""), outlet=qs.get("outlet", ""), story=qs.get("story", ""),
                                 status=qs.get("status", ""), date_from=qs.get("from", ""), date_to=qs.get("to", ""))
                res = search(self.conn, p)
                body, status = self.env.get_template("search.html.j2").render(p=p, res=res), "200 OK"
            elif path == "/check":
                from newsprism.apps.check import check_claim

                claim = qs.get("claim", "").strip()
                result = check_claim(claim, self.db_path) if claim else None
                body, status = self.env.get_template("check.html.j2").render(claim=claim, r=result), "200 OK"
            else:
                body, status = "<!doctype html><title>not found</title><p>Not found.</p>", "404 Not Found"
        except sqlite3.Error as exc:
            body, status = f"<!doctype html><p>Store error: {type(exc).__name__}</p>", "500 Internal Server Error"
        data = body.encode("utf-8")
        start_response(status, [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(data))),
                                ("X-Content-Type-Options", "nosniff"),
                                ("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; "
                                                            "img-src data:; form-action 'self'")])
        return [data]


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


def make_app_server(db_path: Path, host: str = "127.0.0.1", port: int = 8001):
    return make_server(host, port, App(db_path), server_class=_ThreadingServer)


def serve(db_path: Path, host: str = "127.0.0.1", port: int = 8001) -> None:
    server = make_app_server(db_path, host, port)
    print(f"newsprism serving {db_path} on http://{host}:{server.server_port}/ (read-only; Ctrl-C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
