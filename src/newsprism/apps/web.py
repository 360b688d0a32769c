"""`newsprism serve`: a local, read-only web app over a store.

A small WSGI app on the standard library rather than Datasette: the views are newsprism's own (fact matrix,
highlighted articles, check), it must run offline from the default install with no extra dependency, and the
store is opened read-only (`store.connect_readonly`), so the app can never change what a user analysed. Datasette still
works on the same file for ad-hoc SQL (`datasette out/newsprism.db`), the tables are documented for that.

Routes: `/` the report view with a search box; `/story/ID` one story (what is established, disputed,
single-sourced, its articles and timeline); `/fact/ID` one fact with every sentence that reports it, in context;
`/search?q=&outlet=&story=&status=&from=&to=` full-text search over article bodies and facts with facets;
`/check?claim=` the `newsprism check` verdict, the contradicting evidence apart from the supporting.
Checks run in a few worker processes (`apps.check_workers`): a check past the bound or its time budget is answered
503 with Retry-After at once, so that CPU-heavy checks never make pages and searches wait.
Every page is also JSON for scripts: add `format=json` to its query (`/fact/F3?format=json`); the JSON is the
data the page renders (`/` gives the corpus counts and one entry per story).
"""

from __future__ import annotations

import collections
import dataclasses
import html
import json
import os
import socket
import sqlite3
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from socketserver import ThreadingMixIn
from typing import Any
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from newsprism.apps.check_workers import RETRY_AFTER_S, CheckOutcome, CheckWorkers
from newsprism.apps.report import render_report
from newsprism.apps.web_pages import fact_page, home_page, story_coverage, story_page
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
    # Every match is listed for the facets, but only the shown ones need a snippet: snippet() re-reads and
    # re-tokenises an article's body, which for a common word in a large store was most of a search's time.
    if query:
        rows = conn.execute(
            "select a.rowid, a.id, a.title, a.outlet, a.published, a.published_earliest "
            "from articles_fts join articles a on a.rowid = articles_fts.rowid where articles_fts match ? "
            "order by bm25(articles_fts)", [query]).fetchall()
    else:
        rows = conn.execute("select rowid, id, title, outlet, published, published_earliest "
                            "from articles order by id").fetchall()
    story_of = collections.defaultdict(list)
    for r in conn.execute("select story, article from story_articles"):
        story_of[r["article"]].append(r["story"])
    arts = []
    for r in rows:
        day = r["published"] or r["published_earliest"] or ""
        item = {"id": r["id"], "title": r["title"], "outlet": outlet_label(r["id"], r["outlet"]), "date": day,
                "stories": story_of.get(r["id"], []), "rowid": r["rowid"]}
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
    shown = arts[:limit]
    for a in shown:
        a["snippet"] = _marked(_snippet(conn, query, a.pop("rowid")))
    return {"articles": shown, "facts": facts[:limit], "facets": facets, "n_articles": len(arts),
            "n_facts": len(facts)}


def _snippet(conn: sqlite3.Connection, query: str, rowid: int) -> str:
    if not query:
        row = conn.execute("select substr(body, 1, 200) from articles where rowid = ?", [rowid]).fetchone()
    else:
        row = conn.execute("select snippet(articles_fts, 1, '\u0001', '\u0002', ' … ', 24) from articles_fts "
                           "where articles_fts match ? and rowid = ?", [query, rowid]).fetchone()
    return (row[0] if row else "") or ""


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


def default_check_workers() -> int:
    """Check workers for this machine: half its cores, at most two, so that checks leave CPU to the pages."""
    return max(1, min(2, (os.cpu_count() or 2) // 2))


class App:
    """The WSGI callable. Each request opens its own read-only connection, with a time limit: one slow query
    must not make every other request wait. Checks run in `checks` (worker processes, bounded). The report
    page is rendered once per version of the store file and reused: rendering it costs seconds on a large
    store, and a store is immutable once written (a new analysis replaces the file, which changes its version)."""

    def __init__(self, db_path: Path, allowed_hosts: set[str] | None = None,
                 checks: CheckWorkers | None = None) -> None:
        self.db_path = Path(db_path)
        check_complete(self.db_path)  # StoreError: not a store, or one a killed run left half-written
        self.allowed_hosts = allowed_hosts
        self.env = Environment(loader=PackageLoader("newsprism.apps", "templates"),
                               autoescape=select_autoescape(default=True), trim_blocks=True, lstrip_blocks=True)
        self.checks = checks if checks is not None else CheckWorkers(self.db_path, default_check_workers())
        self._report: tuple[tuple[int, ...], str, bytes] | None = None
        self._report_lock = threading.Lock()

    def _store_version(self) -> tuple[int, ...]:
        st = os.stat(self.db_path)
        return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)

    def report_page(self) -> str:
        return self._report_cached()[1]

    def _report_cached(self) -> tuple[tuple[int, ...], str, bytes]:
        """(store version, page, page as UTF-8): the bytes are kept too, as encoding a page of megabytes on
        every request would hold the interpreter lock that the other requests wait for."""
        version = self._store_version()
        cached = self._report
        if cached is not None and cached[0] == version:
            return cached
        # one thread renders while the others wait for its page, instead of each rendering its own copy
        with self._report_lock:
            if self._report is None or self._report[0] != version:
                page = render_report(load_analysis(self.db_path, into=ArticleSpool()), app_links=True)
                bar = self.env.get_template("searchbar.html.j2").render()
                page = page.replace("</header>", bar + "</header>", 1)
                self._report = (version, page, page.encode("utf-8"))
            return self._report

    def close(self) -> None:
        self.checks.close()

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
            body, status, ctype = self._route(environ)
            if ctype is not None:
                extra.append(("Content-Type", ctype))
            if status.startswith("503"):
                extra.append(("Retry-After", str(RETRY_AFTER_S)))
        data = body if isinstance(body, bytes) else body.encode("utf-8")
        if not any(k == "Content-Type" for k, _ in extra):
            extra.append(("Content-Type", "text/html; charset=utf-8"))
        start_response(status, [("Content-Length", str(len(data))), *_HEADERS, *extra])
        return [b""] if method == "HEAD" else [data]

    def _host_ok(self, header: str | None) -> bool:
        if self.allowed_hosts is None or not header:  # a wildcard bind; an HTTP/1.0 client sends no Host
            return True
        return _host_of(header) in self.allowed_hosts

    def _route(self, environ) -> tuple[str | bytes, str, str | None]:
        """(body, status, content type or None for HTML)."""
        path = environ.get("PATH_INFO", "/")
        qs = {k: v[0][:_MAX_PARAM] for k, v in parse_qs(environ.get("QUERY_STRING", "")[:_MAX_QS]).items()}
        as_json = qs.get("format") == "json"
        try:
            data, template, status = self._view(path, qs, as_json)
        except sqlite3.OperationalError as exc:
            if "interrupted" in str(exc):
                data, template, status = ({"error": "The query took too long: try fewer or more specific words."},
                                          None, "503 Service Unavailable")
            else:
                data, template, status = {"error": f"Store error: {type(exc).__name__}"}, None, "500 Internal Server Error"
        except sqlite3.Error as exc:
            data, template, status = {"error": f"Store error: {type(exc).__name__}"}, None, "500 Internal Server Error"
        if as_json:
            return json.dumps(_plain(data), ensure_ascii=False, indent=1, default=str), status, JSON_TYPE
        if isinstance(data, (str, bytes)):
            return data, status, None
        if template is None:
            return _page(data["error"]), status, None
        return self.env.get_template(template).render(**data), status, None

    def _view(self, path: str, qs: dict[str, str], as_json: bool) -> tuple[Any, str | None, str]:
        """(the page's data, its template, status); the data is the page itself (bytes) for one rendered whole (the report)."""
        if path == "/":
            if as_json:
                return self._query(home_page), None, "200 OK"
            return self._report_cached()[2], None, "200 OK"
        if path == "/search":
            p = SearchParams(q=qs.get("q", ""), outlet=qs.get("outlet", ""), story=qs.get("story", ""),
                             status=qs.get("status", ""), date_from=qs.get("from", ""), date_to=qs.get("to", ""))
            res = self._query(search, p)
            return ({"kind": "search", "params": p.__dict__, **res} if as_json else {"p": p, "res": res},
                    "search.html.j2", "200 OK")
        if path == "/check":
            claim = qs.get("claim", "").strip()[:MAX_CLAIM_CHARS]
            result = None
            if claim:
                outcome = self.checks.run(claim)
                if outcome.kind != "done":
                    return {"error": self._check_refusal(outcome)}, None, _CHECK_STATUS[outcome.kind]
                result = check_view(outcome.result)
            return ({"kind": "check", "claim": claim, "result": result} if as_json else {"claim": claim, "r": result},
                    "check.html.j2", "200 OK")
        for prefix, view, template in (("/story/", story_page, "story.html.j2"), ("/fact/", fact_page, "fact.html.j2")):
            if path.startswith(prefix):
                page = self._query(view, path[len(prefix):])
                if page is None:
                    return {"error": f"No {prefix.strip('/')} {path[len(prefix):]} in this store."}, None, "404 Not Found"
                if as_json:
                    return page, template, "200 OK"
                extra = {"coverage": self._query(story_coverage, page)} if prefix == "/story/" else {}
                return {"page": page, **extra}, template, "200 OK"
        return {"error": "Not found."}, None, "404 Not Found"

    def _check_refusal(self, outcome: CheckOutcome) -> str:
        n = self.checks.workers or 1
        return {"busy": f"Busy: {n} check{'s' if n > 1 else ''} running, try again in a few seconds.",
                "starting": "The checker is starting (loading its language model): try again in a few seconds.",
                "slow": "The check is taking longer than usual: reload this page in a few seconds to see its answer.",
                }.get(outcome.kind, f"The check failed: {outcome.result}")

    def _query(self, view, *args):
        conn = self._connect()
        try:
            return view(conn, *args)
        finally:
            conn.close()


JSON_TYPE = "application/json; charset=utf-8"
_CHECK_STATUS = {"busy": "503 Service Unavailable", "starting": "503 Service Unavailable",
                 "slow": "503 Service Unavailable", "error": "500 Internal Server Error"}


def check_view(result: Any) -> dict[str, Any]:
    """`check_claim`'s result as the check page reads it, whether a dict or a dataclass, and whichever of its
    names it uses ("contradicting"/"against", "supporting"/"for"): the contradicting evidence apart from the
    supporting, every other field kept as returned."""
    if dataclasses.is_dataclass(result) and not isinstance(result, type):
        result = dataclasses.asdict(result)
    if not isinstance(result, dict):
        return {"verdict": str(result), "against": [], "for": []}
    view = {k: v for k, v in result.items() if k not in ("supporting", "contradicting")}
    view["against"] = list(result.get("contradicting") or result.get("against") or [])
    listed = list(result.get("supporting") or result.get("for") or [])
    # a sentence on the subject that does not state the claim is shown, but apart from what backs it
    view["for"] = [e for e in listed if not isinstance(e, dict) or e.get("counted", True)]
    view["related"] = [e for e in listed if isinstance(e, dict) and not e.get("counted", True)]
    view.setdefault("verdict", "")
    return view


def _plain(data: Any) -> Any:
    """The page's data as JSON values: highlighted snippets become plain text, with the matched words kept in
    `snippet_marks` as [start, end] offsets into it."""
    if isinstance(data, Markup):
        return str(data.striptags())
    if isinstance(data, dict):
        out = {k: _plain(v) for k, v in data.items()}
        if isinstance(data.get("snippet"), Markup):
            out["snippet"], out["snippet_marks"] = _snippet_text(str(data["snippet"]))
        return out
    if isinstance(data, (list, tuple)):
        return [_plain(v) for v in data]
    if isinstance(data, collections.Counter):
        return dict(data)
    return data


def _snippet_text(marked: str) -> tuple[str, list[list[int]]]:
    text, marks, pos = [], [], 0
    for i, part in enumerate(marked.split("<mark>")):
        inner, _, rest = part.partition("</mark>") if i else ("", "", part)
        if i:
            start = pos
            inner_text = html.unescape(inner)
            text.append(inner_text)
            pos += len(inner_text)
            marks.append([start, pos])
        rest_text = html.unescape(rest)
        text.append(rest_text)
        pos += len(rest_text)
    return "".join(text), marks


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
    # Connections waiting to be accepted. socketserver's 5 overflows under a few dozen clients: the kernel then
    # drops their SYNs and they retry after 1 s, then 3 s, which is most of the slow responses under load.
    request_queue_size = 128

    def server_close(self) -> None:
        super().server_close()
        app = self.get_app()
        if isinstance(app, App):
            app.close()


class _ThreadingServer6(_ThreadingServer):
    address_family = socket.AF_INET6


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        # The request line is the client's text: controls escaped so that it cannot drive the terminal.
        sys.stderr.write(clean_meta(format % args, limit=300) + "\n")


def make_app_server(db_path: Path, host: str = "127.0.0.1", port: int = 8001, check_workers: int | None = None,
                    check_time_s: float | None = None):
    """A threading WSGI server on `host` (IPv4 or IPv6 literal or name) and `port` (0: any free one).
    `check_workers` (default: half the cores, at most 2) and `check_time_s` (default CHECK_TIME_S) size the
    checks: a slow machine or a large store wants a longer budget, a shared server fewer workers."""
    bare = host.strip("[]")
    cls = _ThreadingServer6 if ":" in bare else _ThreadingServer
    workers = default_check_workers() if check_workers is None else check_workers
    app = App(db_path, allowed_hosts=host_names(bare), checks=CheckWorkers(Path(db_path), workers, time_s=check_time_s))
    server = make_server(bare, port, app, server_class=cls, handler_class=_QuietHandler)
    app.checks.start()  # from this thread, which lives as long as the server; the workers load meanwhile
    return server


def serve(db_path: Path, host: str = "127.0.0.1", port: int = 8001, check_workers: int | None = None,
          check_time_s: float | None = None) -> None:
    server = make_app_server(db_path, host, port, check_workers, check_time_s)
    shown = f"[{host.strip('[]')}]" if ":" in host else host
    print(f"newsprism serving {db_path} on http://{shown}:{server.server_port}/ (read-only; Ctrl-C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
