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
import socket
import sqlite3
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from socketserver import ThreadingMixIn
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from newsprism.apps.report import render_report
from newsprism.io.sniff import clean_meta
from newsprism.io.store import check_complete, connect_readonly, fts_query, load_analysis
from newsprism.model import outlet_label
from newsprism.run.spool import ArticleSpool


def _marked(snippet: str) -> Markup:
    """FTS snippet with its match markers turned into <mark>, everything else escaped. The markers are replaced
    on the escaped text as a plain str: Markup.replace would escape the "<mark>" it is given."""
    return Markup(str(escape(snippet)).replace("\u0001", "<mark>").replace("\u0002", "</mark>"))


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


# The longest one request may spend in SQLite. A search is a few milliseconds on a corpus of thousands; past
# this it is hostile or pathological, and answering 503 keeps the thread (and the other users) free.
QUERY_TIME_S = 1.5
_ALLOWED_METHODS = ("GET", "HEAD")
_LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1"}
_WILDCARDS = {"", "0.0.0.0", "::"}
_HEADERS = [("X-Content-Type-Options", "nosniff"), ("X-Frame-Options", "DENY"), ("Referrer-Policy", "no-referrer"),
            ("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                                        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")]


def host_names(bound: str) -> set[str] | None:
    """The Host header names a server bound to `bound` answers to; None: any (a wildcard bind, where the
    machine's own names and addresses all lead here). A page on another site that rebinds its own name to
    127.0.0.1 sends its own name as Host, which is not in this set: that is what stops DNS rebinding."""
    bound = bound.strip("[]").lower()
    if bound in _WILDCARDS:
        return None
    return {bound} | (_LOOPBACK_NAMES if bound in _LOOPBACK_NAMES else set())


def _host_of(header: str) -> str:
    header = header.strip().lower()
    if header.startswith("["):  # [::1]:8001
        return header[1:header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class App:
    """The WSGI callable; the report page is rendered once per app (the store is read-only). Each request opens
    its own read-only connection, with a time limit: one slow query must not make every other request wait."""

    def __init__(self, db_path: Path, allowed_hosts: set[str] | None = None) -> None:
        self.db_path = Path(db_path)
        check_complete(self.db_path)  # StoreError: not a store, or one a killed run left half-written
        self.allowed_hosts = allowed_hosts
        self.env = Environment(loader=PackageLoader("newsprism.apps", "templates"),
                               autoescape=select_autoescape(default=True), trim_blocks=True, lstrip_blocks=True)
        self._report: str | None = None
        self._warm = False
        self._warm_lock = threading.Lock()

    def report_page(self) -> str:
        if self._report is None:
            page = render_report(load_analysis(self.db_path, into=ArticleSpool()))
            bar = self.env.get_template("searchbar.html.j2").render()
            self._report = page.replace("</header>", bar + "</header>", 1)
        return self._report

    def _checked(self, check_claim, claim: str) -> dict:
        # The first check loads the NLP pipeline (seconds): one thread does it while the others wait, instead of
        # every concurrent request loading its own copy.
        if not self._warm:
            with self._warm_lock:
                result = check_claim(claim, self.db_path)
                self._warm = True
                return result
        return check_claim(claim, self.db_path)

    def _connect(self) -> sqlite3.Connection:
        conn = connect_readonly(self.db_path)
        deadline = time.monotonic() + QUERY_TIME_S
        # Called every 10,000 SQLite VM steps; a non-zero return interrupts the statement.
        conn.set_progress_handler(lambda: int(time.monotonic() > deadline), 10_000)
        return conn

    def __call__(self, environ, start_response):
        method = environ.get("REQUEST_METHOD", "GET").upper()
        extra: list[tuple[str, str]] = []
        if not self._host_ok(environ.get("HTTP_HOST")):
            body = _page("This server answers only to the address it was started on.")
            status = "421 Misdirected Request"
        elif method not in _ALLOWED_METHODS:
            body, status = _page("Only GET and HEAD: the app is read-only."), "405 Method Not Allowed"
            extra.append(("Allow", ", ".join(_ALLOWED_METHODS)))
        else:
            body, status = self._route(environ)
        data = body.encode("utf-8")
        start_response(status, [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(data))),
                                *_HEADERS, *extra])
        return [b""] if method == "HEAD" else [data]

    def _host_ok(self, header: str | None) -> bool:
        if self.allowed_hosts is None or not header:  # a wildcard bind; an HTTP/1.0 client sends no Host
            return True
        return _host_of(header) in self.allowed_hosts

    def _route(self, environ) -> tuple[str, str]:
        path = environ.get("PATH_INFO", "/")
        qs = {k: v[0][:_MAX_PARAM] for k, v in parse_qs(environ.get("QUERY_STRING", "")[:_MAX_QS]).items()}
        try:
            if path == "/":
                return self.report_page(), "200 OK"
            if path == "/search":
                p = SearchParams(q=qs.get("q", ""), outlet=qs.get("outlet", ""), story=qs.get("story", ""),
                                 status=qs.get("status", ""), date_from=qs.get("from", ""), date_to=qs.get("to", ""))
                conn = self._connect()
                try:
                    res = search(conn, p)
                finally:
                    conn.close()
                return self.env.get_template("search.html.j2").render(p=p, res=res), "200 OK"
            if path == "/check":
                from newsprism.apps.check import check_claim

                claim = qs.get("claim", "").strip()[:MAX_CLAIM_CHARS]
                result = self._checked(check_claim, claim) if claim else None
                return self.env.get_template("check.html.j2").render(claim=claim, r=result), "200 OK"
            return _page("Not found."), "404 Not Found"
        except sqlite3.OperationalError as exc:
            if "interrupted" in str(exc):
                return _page("The query took too long: try fewer or more specific words."), "503 Service Unavailable"
            return _page(f"Store error: {type(exc).__name__}"), "500 Internal Server Error"
        except sqlite3.Error as exc:
            return _page(f"Store error: {type(exc).__name__}"), "500 Internal Server Error"


# A claim is a sentence; checking one costs time in proportion to its words (apps.check aligns it with
# every candidate passage), so a pasted page is cut to its first sentences.
MAX_CLAIM_CHARS = 400
# Longest query string and parameter read: a search box needs hundreds of characters, not megabytes.
_MAX_QS = 64 * 1024
_MAX_PARAM = 4096


def _page(message: str) -> str:
    return f"<!doctype html><title>newsprism</title><p>{escape(message)}</p>"


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _ThreadingServer6(_ThreadingServer):
    address_family = socket.AF_INET6


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        # The request line is the client's text: controls escaped so that it cannot drive the terminal.
        sys.stderr.write(clean_meta(format % args, limit=300) + "\n")


def make_app_server(db_path: Path, host: str = "127.0.0.1", port: int = 8001):
    """A threading WSGI server on `host` (IPv4 or IPv6 literal or name) and `port` (0: any free one)."""
    bare = host.strip("[]")
    cls = _ThreadingServer6 if ":" in bare else _ThreadingServer
    return make_server(bare, port, App(db_path, allowed_hosts=host_names(bare)), server_class=cls,
                       handler_class=_QuietHandler)


def serve(db_path: Path, host: str = "127.0.0.1", port: int = 8001) -> None:
    server = make_app_server(db_path, host, port)
    shown = f"[{host.strip('[]')}]" if ":" in host else host
    print(f"newsprism serving {db_path} on http://{shown}:{server.server_port}/ (read-only; Ctrl-C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
