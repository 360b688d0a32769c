"""`newsprism export`: the analysis in the formats other tools read.

- csv: one row per fact, grouped by story (largest first), the order a spreadsheet user reads them in;
- jsonl: the whole analysis, one record per line ({"record": "article" | "fact" | ..., "data": {...}}), so that
  jq, pandas or a database loader streams it without holding one 100 MB JSON document;
- claimreview: `check` results as schema.org ClaimReview JSON-LD (claim, rating in words, evidence urls);
- gexf: the outlet -> origin network for Gephi, written with the standard library (networkx is not a
  dependency); an edge's weight is how many fact mentions in that outlet rest on that origin.
"""

from __future__ import annotations

import collections
import csv
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import IO, Any

from newsprism.apps.origins_view import article_origin_kinds
from newsprism.apps.report_scale import fact_rank
from newsprism.model import Analysis, Article, Fact, outlet_label, to_dict

FORMATS = ("csv", "jsonl", "claimreview", "gexf")

CSV_COLUMNS = ("story", "story_label", "fact", "status", "independent_origins", "origins", "statement",
               "outlets", "articles", "first_reported", "reason")

GEXF_NS = "http://www.gexf.net/1.2draft"

# `check` statuses in the words a ClaimReview rating shows a reader.
RATING_WORDS = {
    "supported": "Supported by independent sources",
    "single_source": "Reported by a single source only",
    "contradicted": "Contradicted by other reports",
    "contested": "Disputed",
    "denied": "Denied",
    "no_evidence": "No evidence in this corpus",
}


def stories_largest_first(analysis: Analysis) -> list[str | None]:
    ids: list[str | None] = [s.id for s in sorted(analysis.stories, key=lambda s: -len(s.articles))]
    return ids + [None]


def facts_by_story(analysis: Analysis) -> list[Fact]:
    """Facts grouped by story, largest story first, each group in the order a fact-checker reads them."""
    order = {sid: i for i, sid in enumerate(stories_largest_first(analysis))}
    return sorted(analysis.facts, key=lambda f: (order.get(f.story, len(order)), fact_rank(f)))


def write_facts_csv(analysis: Analysis, fh: IO[str]) -> int:
    refs = {a.id: (outlet_label(a.id, a.outlet), a.published.date or a.published.earliest) for a in analysis.articles}
    labels = {s.id: s.label for s in analysis.stories}
    w = csv.writer(fh)
    w.writerow(CSV_COLUMNS)
    n = 0
    for f in facts_by_story(analysis):
        arts = list(dict.fromkeys(m.article for m in f.mentions))
        outlets = list(dict.fromkeys(refs[a][0] for a in arts if a in refs))
        dates = sorted(d for a in arts if a in refs and (d := refs[a][1]))
        w.writerow([f.story or "", labels.get(f.story or "", ""), f.id, f.status, f.independent_sources,
                    "; ".join(f.origins), f.statement, "; ".join(outlets), "; ".join(arts),
                    dates[0] if dates else "", f.reason or ""])
        n += 1
    return n


def jsonl_records(analysis: Analysis) -> Iterator[dict[str, Any]]:
    yield {"record": "meta", "data": {"schema": analysis.schema}}
    for a in analysis.articles:
        yield {"record": "article", "data": to_dict(a)}
    for name, items in (("rejected", analysis.rejected), ("duplicate", analysis.duplicates),
                        ("story", analysis.stories), ("entity", analysis.entities), ("fact", analysis.facts),
                        ("event", analysis.timeline), ("outlet_framing", analysis.framing.outlets)):
        for x in items:
            yield {"record": name, "data": to_dict(x)}


def write_jsonl(analysis: Analysis, fh: IO[str]) -> int:
    n = 0
    for rec in jsonl_records(analysis):
        fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        n += 1
    return n


def claim_review(result: dict[str, Any], articles: dict[str, Article], today: str | None = None) -> dict[str, Any]:
    """One `check` result as a schema.org ClaimReview. The evidence is listed as `citation`s, each saying
    whether it supports or contradicts the claim; an article with no URL is named by its id instead."""
    status = result.get("status", "no_evidence")

    def cite(ev: dict[str, Any], role: str) -> dict[str, Any]:
        art = articles.get(ev["article"])
        item: dict[str, Any] = {"@type": "NewsArticle", "identifier": ev["article"],
                                "publisher": {"@type": "Organization",
                                              "name": outlet_label(ev["article"], ev.get("outlet"))},
                                "description": role, "text": ev.get("text", "")}
        if art is not None and art.url:
            item["url"] = art.url
        if ev.get("date"):
            item["datePublished"] = ev["date"]
        return item

    citations = [cite(ev, "supports the claim") for ev in result.get("for", [])]
    citations += [cite(ev, "contradicts the claim" if ev.get("stance") != "denies" else "denies the claim")
                  for ev in result.get("against", [])]
    return {"@type": "ClaimReview", "claimReviewed": result["claim"],
            "datePublished": today or date.today().isoformat(),
            "author": {"@type": "Organization", "name": "newsprism (automated analysis)"},
            "reviewRating": {"@type": "Rating", "alternateName": RATING_WORDS.get(status, status),
                             "ratingExplanation": result.get("verdict", "")},
            "itemReviewed": {"@type": "Claim", "appearance": [c for c in citations
                                                              if c["description"] == "supports the claim"]},
            "citation": citations}


def write_claimreview(claims: list[str], db: Path, fh: IO[str], limit: int = 10) -> int:
    from newsprism.apps.check import check_claim
    from newsprism.io.store import load_articles

    results = [check_claim(c, db, limit=limit) for c in claims]
    ids = {ev["article"] for r in results for ev in r.get("for", []) + r.get("against", [])}
    articles = {a.id: a for a in load_articles(db, ids)} if ids else {}
    doc = {"@context": "https://schema.org", "@graph": [claim_review(r, articles) for r in results]}
    json.dump(doc, fh, ensure_ascii=False, indent=1)
    fh.write("\n")
    return len(results)


def source_network(analysis: Analysis) -> tuple[dict[str, str], dict[tuple[str, str], int]]:
    """(node -> kind, (outlet, origin) -> fact mentions): who relies on whom. An outlet's own reporting is no
    edge (the origin is the outlet itself)."""
    outlet_of = {a.id: outlet_label(a.id, a.outlet) for a in analysis.articles}
    kinds = article_origin_kinds(analysis.articles)
    nodes: dict[str, str] = {o: kinds.kind(o) for o in outlet_of.values()}
    edges: collections.Counter[tuple[str, str]] = collections.Counter()
    for f in analysis.facts:
        for m in f.mentions:
            src = outlet_of.get(m.article)
            if src is None or not m.origin or m.origin == src:
                continue
            nodes.setdefault(m.origin, kinds.kind(m.origin))
            edges[(src, m.origin)] += 1
    return nodes, dict(edges)


def gexf_tree(nodes: dict[str, str], edges: dict[tuple[str, str], int]) -> ET.ElementTree:
    ET.register_namespace("", GEXF_NS)
    q = lambda tag: f"{{{GEXF_NS}}}{tag}"  # noqa: E731
    root = ET.Element(q("gexf"), {"version": "1.2"})
    meta = ET.SubElement(root, q("meta"), {"lastmodifieddate": date.today().isoformat()})
    ET.SubElement(meta, q("creator")).text = "newsprism"
    ET.SubElement(meta, q("description")).text = "outlets and the origins their facts rest on"
    graph = ET.SubElement(root, q("graph"), {"mode": "static", "defaultedgetype": "directed"})
    attrs = ET.SubElement(graph, q("attributes"), {"class": "node", "mode": "static"})
    ET.SubElement(attrs, q("attribute"), {"id": "kind", "title": "kind", "type": "string"})
    ids = {name: f"n{i}" for i, name in enumerate(nodes)}
    xnodes = ET.SubElement(graph, q("nodes"))
    for name, kind in nodes.items():
        n = ET.SubElement(xnodes, q("node"), {"id": ids[name], "label": name})
        vals = ET.SubElement(n, q("attvalues"))
        ET.SubElement(vals, q("attvalue"), {"for": "kind", "value": kind})
    xedges = ET.SubElement(graph, q("edges"))
    for i, ((src, dst), w) in enumerate(sorted(edges.items())):
        ET.SubElement(xedges, q("edge"), {"id": f"e{i}", "source": ids[src], "target": ids[dst],
                                           "weight": f"{float(w):.1f}"})
    return ET.ElementTree(root)


def write_gexf(analysis: Analysis, path: Path) -> int:
    nodes, edges = source_network(analysis)
    tree = gexf_tree(nodes, edges)
    ET.indent(tree)
    tree.write(path, encoding="utf-8", xml_declaration=True)
    return len(nodes)


def export(fmt: str, db: Path, out: Path, claims: list[str] | None = None) -> int:
    """Write `db` as `fmt` to `out`; the number of records written (rows, lines, reviews or nodes)."""
    from newsprism.io.store import load_analysis

    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "claimreview":
        with out.open("w", encoding="utf-8") as fh:
            return write_claimreview(list(claims or []), db, fh)
    analysis = load_analysis(db)
    if fmt == "gexf":
        return write_gexf(analysis, out)
    with out.open("w", encoding="utf-8", newline="" if fmt == "csv" else None) as fh:
        return write_facts_csv(analysis, fh) if fmt == "csv" else write_jsonl(analysis, fh)
