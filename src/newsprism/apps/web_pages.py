"""The app's story and fact pages, read from the store with a few queries each (never the whole analysis):
a story page for what is known about one story, a fact page for every sentence that reports one fact.

Each page is a plain dict of JSON values: the HTML view renders it, and `?format=json` returns it as is, so
a script sees exactly what a reader sees. A fact mention is shown in its context (its sentence and the words
around it, cut at word boundaries), with its article, outlet, date and speaker: the speaker is the quote's
speaker when a quote overlaps the mention, else the origin the analysis attributed the mention to.
"""

from __future__ import annotations

import collections
import json
import sqlite3
from typing import Any

from markupsafe import Markup

from newsprism.apps.coverage_svg import MAX_ROWS, coverage_rows, coverage_svg
from newsprism.apps.report_scale import STATUS_RANK
from newsprism.apps.report_stories import GROUPS, dates_words
from newsprism.model import Fact, FactMention, outlet_label

CONTEXT_CHARS = 240  # characters of the article shown each side of a mention, cut back to a word boundary
# Articles by publication day, undated last (an unknown date is stored as "").
_BY_DATE = "coalesce(nullif(a.published, ''), nullif(a.published_earliest, ''), '9999')"


def _fact_dict(r: sqlite3.Row) -> dict[str, Any]:
    return {"id": r["id"], "story": r["story"], "statement": r["statement"], "status": r["status"],
            "reason": r["reason"], "origins": json.loads(r["origins"] or "[]"),
            "independent_sources": r["independent_sources"], "url": f"/fact/{r['id']}"}


def _article_dict(r: sqlite3.Row) -> dict[str, Any]:
    return {"id": r["id"], "title": r["title"], "outlet": outlet_label(r["id"], r["outlet"]),
            "known_outlet": bool(r["outlet"]), "date": r["published"] or None,
            "earliest": r["published_earliest"] or None, "latest": r["published_latest"] or None,
            "url": r["url"] or None, "report_anchor": f"/#art-{r['id']}"}


def _rank(f: dict[str, Any], mentions: int = 0) -> tuple:
    return STATUS_RANK.get(f["status"], 9), -(f["independent_sources"] or 0), -mentions, f["id"]


def story_page(conn: sqlite3.Connection, story_id: str) -> dict[str, Any] | None:
    """One story: its dates, outlets and articles, and its facts under the report's headings (established,
    disputed, one origin, single source), each heading's facts in the order a fact-checker reads them."""
    s = conn.execute("select * from stories where id = ?", [story_id]).fetchone()
    if s is None:
        return None
    arts = [_article_dict(r) for r in conn.execute(
        "select a.id, a.title, a.outlet, a.published, a.published_earliest, a.published_latest, a.url "
        "from story_articles sa join articles a on a.id = sa.article where sa.story = ? "
        f"order by {_BY_DATE}, a.id", [story_id])]
    n_mentions = dict(conn.execute("select m.fact, count(*) from fact_mentions m join facts f on f.id = m.fact "
                                   "where f.story = ? group by m.fact", [story_id]).fetchall())
    facts = [_fact_dict(r) for r in conn.execute("select * from facts where story = ?", [story_id])]
    facts.sort(key=lambda f: _rank(f, n_mentions.get(f["id"], 0)))
    for f in facts:
        f["mentions"] = n_mentions.get(f["id"], 0)
    group_of = {st: key for key, _, statuses in GROUPS for st in statuses}
    groups = [{"key": key, "heading": heading, "facts": [f for f in facts if group_of.get(f["status"],
                                                                                       "single_source") == key]}
              for key, heading, _ in GROUPS]
    ids = {a["id"] for a in arts}
    marks = ",".join("?" * len(ids))
    events = _events(conn, f"where exists (select 1 from json_each(timeline.articles) where value in ({marks}))",
                     sorted(ids))
    return {"kind": "story", "id": s["id"], "label": s["label"], "storyline": s["storyline_label"],
            "earliest": s["earliest"], "latest": s["latest"], "dates": dates_words(s["earliest"], s["latest"]),
            "outlets": sorted({a["outlet"] for a in arts}), "articles": arts, "groups": groups,
            "counts": {g["key"]: len(g["facts"]) for g in groups},
            "statuses": dict(collections.Counter(f["status"] for f in facts)), "timeline": events,
            "url": f"/story/{s['id']}"}


def _events(conn: sqlite3.Connection, where: str, params: list[Any]) -> list[dict[str, Any]]:
    """The timeline entries `where` selects: filtered in SQL, since the timeline grows with the corpus and a
    page shows one story's or one fact's few entries."""
    rows = conn.execute(f"select * from timeline {where} order by date", params).fetchall()
    return [{"date": r["date"], "precision": r["precision"], "event": r["event"], "fact": r["fact"],
             "earliest": r["earliest"], "latest": r["latest"], "articles": json.loads(r["articles"] or "[]")}
            for r in rows]


def context_of(body: str, start: int, end: int, chars: int = CONTEXT_CHARS) -> dict[str, str]:
    """The mention and up to `chars` characters each side, cut back to whole words ("…" where cut)."""
    start, end = max(0, min(start, len(body))), max(0, min(end, len(body)))
    lo, hi = max(0, start - chars), min(len(body), end + chars)
    if lo > 0:
        space = body.find(" ", lo, start)
        lo = space + 1 if space >= 0 else start
    if hi < len(body):
        space = body.rfind(" ", end, hi)
        hi = space if space >= 0 else end
    return {"before": ("…" if lo > 0 else "") + body[lo:start], "text": body[start:end],
            "after": body[end:hi] + ("…" if hi < len(body) else "")}


def _speaker(conn: sqlite3.Connection, article: str, start: int, end: int) -> str | None:
    """The speaker of a quote that overlaps the mention (the longest overlap), if any."""
    rows = conn.execute('select speaker, start, "end" from quotes where article = ? and start < ? and "end" > ?',
                        [article, end, start]).fetchall()
    best = max(rows, key=lambda r: min(end, r["end"]) - max(start, r["start"]), default=None)
    return best["speaker"] if best is not None and best["speaker"] else None


def fact_page(conn: sqlite3.Connection, fact_id: str) -> dict[str, Any] | None:
    """One fact and every mention of it in context, earliest article first."""
    r = conn.execute("select * from facts where id = ?", [fact_id]).fetchone()
    if r is None:
        return None
    fact = _fact_dict(r)
    story = conn.execute("select id, label from stories where id = ?", [fact["story"]]).fetchone() \
        if fact["story"] else None
    rows = conn.execute(
        'select m.start, m."end", m.stance, m.origin, a.id, a.title, a.outlet, a.published, a.published_earliest, '
        'a.published_latest, a.url, a.body from fact_mentions m join articles a on a.id = m.article '
        f'where m.fact = ? order by {_BY_DATE}, a.id, m.start',
        [fact_id]).fetchall()
    mentions = []
    for m in rows:
        mentions.append({"article": _article_dict(m), "stance": m["stance"], "origin": m["origin"],
                         "speaker": _speaker(conn, m["id"], m["start"], m["end"]),
                         "start": m["start"], "end": m["end"], **context_of(m["body"] or "", m["start"], m["end"])})
    events = _events(conn, "where fact = ?", [fact_id])
    return fact | {"kind": "fact", "story_label": story["label"] if story else None,
                   "story_url": f"/story/{story['id']}" if story else None, "mentions": mentions,
                   "outlets": sorted({m["article"]["outlet"] for m in mentions}), "timeline": events}


def home_page(conn: sqlite3.Connection) -> dict[str, Any]:
    """The report's first screen as data: the corpus counts and one entry per story, largest first."""
    n_articles = conn.execute("select count(*) from articles").fetchone()[0]
    statuses = dict(conn.execute("select status, count(*) from facts group by status").fetchall())
    per_story: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for sid, status, n in conn.execute("select story, status, count(*) from facts group by story, status"):
        per_story[sid][status] = n
    sizes = dict(conn.execute("select story, count(*) from story_articles group by story").fetchall())
    stories = [{"id": s["id"], "label": s["label"], "earliest": s["earliest"], "latest": s["latest"],
                "articles": sizes.get(s["id"], 0), "statuses": dict(per_story.get(s["id"], {})),
                "url": f"/story/{s['id']}"}
               for s in conn.execute("select id, label, earliest, latest from stories")]
    stories.sort(key=lambda s: (-s["articles"], s["id"]))
    return {"kind": "home", "articles": n_articles, "facts": sum(statuses.values()), "statuses": statuses,
            "stories": stories}


def story_coverage(conn: sqlite3.Connection, page: dict[str, Any]) -> Markup | None:
    """The story page's coverage chart (who reported which fact, when) over the facts read first, as the
    report draws it; HTML only, the JSON view has the same facts and their mentions' outlets and dates."""
    ranked = sorted((f for g in page["groups"] for f in g["facts"]), key=lambda f: _rank(f, f["mentions"]))[:MAX_ROWS]
    if len(page["outlets"]) < 2 or not ranked:
        return None
    marks = ",".join("?" * len(ranked))
    rows = conn.execute(f'select m.fact, m.article, m.start, m."end", m.stance, a.outlet, a.published '
                        f"from fact_mentions m join articles a on a.id = m.article where m.fact in ({marks})",
                        [f["id"] for f in ranked]).fetchall()
    mentions: dict[str, list[FactMention]] = collections.defaultdict(list)
    outlet_of, day_of = {}, {}
    for r in rows:
        mentions[r["fact"]].append(FactMention(r["article"], r["start"], r["end"], r["stance"]))
        outlet_of[r["article"]] = outlet_label(r["article"], r["outlet"])
        day_of[r["article"]] = r["published"] or None
    facts = [Fact(f["id"], f["story"], f["statement"], mentions[f["id"]], f["origins"], f["independent_sources"] or 0,
                  f["status"]) for f in ranked]
    return coverage_svg(coverage_rows(facts, page["outlets"], outlet_of, day_of), label=f"coverage of {page['label']}",
                        link="/fact/{}")
