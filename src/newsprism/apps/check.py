"""`newsprism check "claim"`: what the corpus in a store says about a claim, for and against, and who says it.

Full-text search (FTS5 over article bodies and fact statements) finds candidate articles; their sentences are
re-ranked by TF-IDF similarity to the claim; each kept sentence gets a stance (the same cue rules as facts, with
the FNC-1 model as a second opinion on disagreement) and an origin (the same provenance rules). The claim and
each sentence are then read slot by slot (`corpus.facts.verify`): a sentence that gives a slot of the claim
another value (another count for the same act, another age, degree, name or place, the negation) contradicts it
and is listed only against it, with its origin. Only sentences about the claim's own event can contradict it:
from an article that names one of the claim's names, and from the claim's story (where a report gives the
claim's value, another story's value is another event's). A sentence supports the claim when it is about the
same event, like it, and states the claim's numbers. The verdict counts distinct origins, not articles:
contradicted when the conflicting value has at least as many origins as the claim's own value.
"""

from __future__ import annotations

import json
import re
import sqlite3
from functools import lru_cache
from pathlib import Path
from typing import Any

from sklearn.feature_extraction.text import TfidfVectorizer

from newsprism.corpus.facts import origins as prov
from newsprism.corpus.facts import verify
from newsprism.corpus.facts.compare import denial_is_about
from newsprism.corpus.facts.stance import ATTRIB_RE, mention_stance
from newsprism.corpus.facts.stance_features import content_stems, stem
from newsprism.io.store import connect_readonly, fts_query, table_names
from newsprism.knowledge import demonyms
from newsprism.model import Article, from_dict, outlet_label
from newsprism.nlp.sentences import spans_of

MIN_SIMILARITY = 0.3
# Evidence below this is shown as related but does not count toward the verdict.
STRONG_SIMILARITY = 0.4
MAX_CANDIDATE_ARTICLES = 50
# Sentences below the listed few that are still read for a conflict: a report of a different number is often
# worded less like the claim than the reports that repeat it.
CONFLICT_POOL = 30
# ... and how little like the claim such a sentence may be ("entered a not guilty plea" for "pleaded guilty").
CONFLICT_SIMILARITY = 0.2


def _candidate_articles(conn: sqlite3.Connection, query: str, tables: set[str]) -> list[str]:
    ids: list[str] = []
    if "articles_fts" in tables:
        rows = conn.execute("select a.id from articles_fts f join articles a on a.rowid = f.rowid "
                            "where articles_fts match ? order by bm25(articles_fts) limit ?",
                            (query, MAX_CANDIDATE_ARTICLES)).fetchall()
        ids += [r["id"] for r in rows]
    if "facts_fts" in tables and "fact_mentions" in tables:
        rows = conn.execute("select distinct m.article from facts_fts f join facts x on x.rowid = f.rowid "
                            "join fact_mentions m on m.fact = x.id where facts_fts match ? limit ?",
                            (query, MAX_CANDIDATE_ARTICLES)).fetchall()
        ids += [r["article"] for r in rows]
    return list(dict.fromkeys(ids))


def _facts_by_span(conn: sqlite3.Connection, tables: set[str], ids: list[str]) -> dict[str, list[dict]]:
    if "fact_mentions" not in tables or not ids:
        return {}
    marks = ",".join("?" * len(ids))
    rows = conn.execute(f"select m.*, f.status, f.statement, f.reason from fact_mentions m join facts f "
                        f"on f.id = m.fact where m.article in ({marks})", ids).fetchall()
    out: dict[str, list[dict]] = {}
    for r in rows:
        out.setdefault(r["article"], []).append(dict(r))
    return out


def check_claim(claim: str, db_path: Path | str, limit: int = 10) -> dict[str, Any]:
    """Evidence for and against `claim` in the store at `db_path`, with a one-line verdict."""
    result: dict[str, Any] = {"claim": claim, "verdict": "no evidence in this corpus", "status": "no_evidence",
                              "independent_origins": [], "for": [], "against": [], "facts": []}
    # the same lists under the names a fact-checker looks for: what supports the claim, what contradicts it
    result["supporting"], result["contradicting"] = result["for"], result["against"]
    query = fts_query(claim)
    if not Path(db_path).exists():
        result["error"] = f"no store at {db_path} (run `newsprism analyze` first)"
        return result
    if not query:
        return result
    conn = connect_readonly(db_path)
    try:
        tables = table_names(conn)
        ids = _candidate_articles(conn, query, tables)
        if not ids:
            return result
        marks = ",".join("?" * len(ids))
        rows = conn.execute(f"select id, json from articles where id in ({marks})", ids).fetchall()
        articles = [from_dict(Article, json.loads(r["json"])) for r in rows]
        fact_rows = _facts_by_span(conn, tables, ids)
        evidence = _rank(claim, articles, fact_rows, limit)
        evidence += _fact_siblings(conn, evidence, claim)
        bodies, stories = _event_context(conn, tables, list(dict.fromkeys(ev["article"] for ev in evidence)))
    finally:
        conn.close()
    _judge(claim, evidence, limit, bodies, stories)
    for ev in evidence:
        if ev.get("drop"):
            continue
        ev.pop("drop", None)
        result["against" if ev["stance"] in ("disputes", "denies") else "for"].append(ev)
    result["facts"] = sorted({ev["fact"]["id"]: ev["fact"] for ev in evidence if ev.get("fact")}.values(),
                             key=lambda f: int(f["id"][1:]) if f["id"][1:].isdigit() else 0)
    _verdict(result)
    return result


def _rank(claim: str, articles: list[Article], fact_rows: dict[str, list[dict]], limit: int) -> list[dict]:
    sents = []
    for a in articles:
        spans = spans_of(a)
        for i, (s, e) in enumerate(spans):
            if len(a.body[s:e].split()) >= 4:
                sents.append((a, i, s, e, spans))
    if not sents:
        return []
    texts = [claim] + [a.body[s:e] for a, _, s, e, _ in sents]
    vec = TfidfVectorizer(tokenizer=_words, lowercase=False, token_pattern=None, ngram_range=(1, 2),
                          sublinear_tf=True)
    wv = vec.fit_transform(texts)
    cv = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True).fit_transform(texts)
    word = (wv[1:] @ wv[0].T).toarray().ravel()
    char = (cv[1:] @ cv[0].T).toarray().ravel()
    idf = dict(zip(vec.get_feature_names_out(), vec.idf_))
    mine = _content(claim)
    total = sum(idf.get(w, 1.0) for w in mine) or 1.0
    scored, denials = [], []
    acts = verify.act_stems(claim)
    for k in range(len(sents)):
        shared = mine & {w for w in _words(texts[k + 1]) if len(w) > 2}
        # A short claim against a long sentence: how much of the claim the sentence covers matters more than
        # symmetric cosine, which long sentences dilute.
        coverage = sum(idf.get(w, 1.0) for w in shared) / total
        score = 0.5 * coverage + 0.3 * float(word[k]) + 0.2 * float(char[k])
        if score >= CONFLICT_SIMILARITY and len(shared) >= min(2, len(mine)):
            scored.append((score, k))
        elif shared & acts and verify.says_nobody(texts[k + 1]):
            denials.append((score, k))
    scored.sort(key=lambda t: -t[0])
    # "nobody was injured" shares one word with "several people were hurt" and still answers it: read for a
    # conflict past the pool
    pool = scored[:max(limit, CONFLICT_POOL)] + sorted(denials, key=lambda t: -t[0])[:limit]
    out = []
    sources: dict[str, prov.ArticleSources] = {}
    for rank, (score, k) in enumerate(pool):
        a, i, s, e, spans = sents[k]
        text = a.body[s:e]
        stance = _reaction_to(mention_stance(text, quoted=any(ch in text for ch in "“\"")).stance, text, mine)
        if a.id not in sources:
            sources[a.id] = prov.article_sources(a, spans, outlet_label(a.id, a.outlet))
        fact = next((f for f in fact_rows.get(a.id, []) if f["start"] <= s < f["end"] or s <= f["start"] < e), None)
        if fact and fact.get("origin"):
            origin = prov.Origin(fact["origin"], "fact")
        else:
            origin = prov.mention_origin(sources[a.id], i, text, None, [], False, stance)
        out.append({"stance": stance, "article": a.id, "outlet": a.outlet, "origin": origin.name,
                    "date": a.published.date, "text": text, "start": s, "end": e, "score": round(score, 3),
                    "strong": bool(score >= STRONG_SIMILARITY or stance in ("disputes", "denies")),
                    "extra": rank >= limit or score < MIN_SIMILARITY,
                    "fact": {"id": fact["fact"], "status": fact["status"], "statement": fact["statement"],
                             "reason": fact["reason"]} if fact else None})
    return out


@lru_cache(maxsize=1)
def _demonym_stems() -> dict[str, str]:
    """Stemmed nationality adjective -> stemmed country word (one-word countries), so that a claim about
    "Kenyan runners" meets a sentence about runners from Kenya."""
    return {stem(adj): stem(country) for adj, country in demonyms.demonyms().items()
            if " " not in adj and " " not in country}


# Titles news writes both ways (general English abbreviations), read as their words.
TITLE_ABBREVIATIONS = {"ceo": "chief executive officer", "cfo": "chief financial officer",
                       "coo": "chief operating officer", "cto": "chief technology officer"}
_TITLE_RE = re.compile(r"\b(" + "|".join(TITLE_ABBREVIATIONS) + r")\b", re.I)


def _words(text: str) -> list[str]:
    table = _demonym_stems()
    text = _TITLE_RE.sub(lambda m: TITLE_ABBREVIATIONS[m.group(1).lower()], text)
    return [verify.SAME_ACT_STEMS.get(w, table.get(w, w)) for w in content_stems(text)]


def _content(claim: str) -> set[str]:
    """The claim's content words, as ranking and the denial test compare them."""
    return {w for w in _words(claim) if len(w) > 2}


def _reaction_to(stance: str, text: str, mine: set[str]) -> str:
    """A sentence's stance toward the claim: a denial verb about something else ("denied an offer", "denied
    theft following a break-in") is no reaction to it, and the sentence reports or attributes instead."""
    if stance in ("disputes", "denies") and not denial_is_about(text, mine):
        return "attributes" if ATTRIB_RE.search(text) else "asserts"
    return stance


def _fact_siblings(conn: sqlite3.Connection, evidence: list[dict], claim: str) -> list[dict]:
    """Mentions of the matched facts in other articles: the alignment already found the paraphrases
    ("around 40 crew" for "around 40 crew members were taken off the ship") that word overlap misses. A
    mention's denial counts against the claim only when it denies what the claim says ("denied theft" does not
    deny that a break-in happened), as for the sentences found directly."""
    mine = _content(claim)
    have = {(ev["article"], ev["start"]) for ev in evidence}
    facts = {ev["fact"]["id"]: ev["fact"] for ev in evidence if ev.get("fact") and ev["strong"]}
    out = []
    for fid, fact in facts.items():
        rows = conn.execute("select m.*, a.outlet, a.published from fact_mentions m join articles a "
                            "on a.id = m.article where m.fact = ? order by m.article, m.start", (fid,)).fetchall()
        for r in rows:
            if (r["article"], r["start"]) in have:
                continue
            have.add((r["article"], r["start"]))
            out.append({"stance": _reaction_to(r["stance"], r["text"] or "", mine), "article": r["article"],
                        "outlet": r["outlet"], "origin": r["origin"], "date": r["published"], "text": r["text"] or "",
                        "start": r["start"], "end": r["end"], "score": None, "strong": True, "fact": fact,
                        "via_fact": True})
    return out


def _event_context(conn: sqlite3.Connection, tables: set[str], ids: list[str]) -> tuple[dict[str, str], dict[str, str]]:
    """Each evidence article's body (to tell whether it names the claim's names) and story."""
    if not ids:
        return {}, {}
    marks = ",".join("?" * len(ids))
    bodies = {r["id"]: r["body"] or "" for r in
              conn.execute(f"select id, body from articles where id in ({marks})", ids).fetchall()}
    stories: dict[str, str] = {}
    if "story_articles" in tables:
        for r in conn.execute(f"select story, article from story_articles where article in ({marks})", ids):
            stories.setdefault(r["article"], r["story"])
    return bodies, stories


def _judge(claim: str, evidence: list[dict], limit: int, bodies: dict[str, str] | None = None,
           stories: dict[str, str] | None = None) -> None:
    """Read each piece of evidence against the claim (`verify`): a sentence that gives a slot of the claim
    another value contradicts it (stance `disputes`, with the `conflict` in words) and is never counted for it;
    `backs` keeps the slots where a sentence gives the claim's own value, `covers` whether it states all of the
    claim's numbers (a sentence about the same thing without them does not back the claim). Only evidence about
    the claim's event can contradict it (`_same_event`). Evidence past the listed few is kept only when it
    contradicts."""
    readings = verify.read([claim] + [ev["text"] for ev in evidence])
    mine = readings[0]
    judgements = verify.judge_all(mine, readings[1:])
    for ev, j in zip(evidence, judgements, strict=True):
        clash = [c for c in j.conflicts if c.slot not in j.backs]
        ev["agrees"] = sorted(j.backs)
        ev["covers"] = j.covers
        ev["numbered"] = bool(mine.values) and ev["covers"]
        same = verify.about_same_event(mine, (bodies or {}).get(ev["article"], ev["text"]))
        ev["_clash"] = clash if same else []
        if not same:  # another event's report neither backs nor contradicts the claim
            ev["agrees"], ev["strong"], ev["numbered"] = [], False, False
    _scope_to_event(evidence, stories or {})
    contradicted_facts = set()
    for ev in evidence:
        clash = ev.pop("_clash")
        if clash and ev["stance"] in ("asserts", "attributes"):
            ev["stance"] = "disputes"
            ev["strong"] = True
            ev["conflict"] = [c.describe() for c in clash]
            ev["clash"] = sorted({c.slot for c in clash})
            if ev.get("fact") and not ev.get("via_fact"):
                contradicted_facts.add(ev["fact"]["id"])
        elif ev.pop("extra", False) and not (ev.get("numbered") and ev["covers"]):
            ev["drop"] = True  # past the listed few, only what contradicts or states the claim's numbers
    for ev in evidence:
        ev.pop("extra", None)
        # another mention of a fact that contradicts the claim says the same thing: never evidence for it
        if ev.get("via_fact") and ev["fact"]["id"] in contradicted_facts and ev["stance"] in ("asserts",
                                                                                              "attributes"):
            ev["drop"] = True


def _scope_to_event(evidence: list[dict], stories: dict[str, str]) -> None:
    """Keep the conflicts that come from the claim's own story: where a report gives the claim's value in a
    slot, another value from another story is another event's (two fires, two trials); where none does, the
    stories of the evidence most like the claim are the claim's."""
    if not stories:
        return
    ranked = sorted((ev for ev in evidence if ev.get("score") is not None), key=lambda ev: -ev["score"])
    top = {stories.get(ev["article"]) for ev in ranked[:3]}
    for ev in evidence:
        kept = []
        for c in ev["_clash"]:
            backers = {stories.get(o["article"]) for o in evidence if c.slot in o["agrees"] and not o["_clash"]}
            if stories.get(ev["article"]) in (backers or top):
                kept.append(c)
        ev["_clash"] = kept


def _contradiction(result: dict[str, Any], support: list[str]) -> tuple[list[str], bool]:
    """Origins of the evidence that gives a slot of the claim another value, and whether the claim's own value
    is reported by more origins than the conflicting one (then reports differ, the claim is not refuted)."""
    clashing = [ev for ev in result["against"] if ev.get("clash")]
    if not clashing:
        return [], False
    slots = {s for ev in clashing for s in ev["clash"]}
    against = list(dict.fromkeys(ev["origin"] or ev["article"] for ev in clashing))
    backing = list(dict.fromkeys(ev["origin"] or ev["article"] for ev in result["for"]
                                 if ev["strong"] and slots & set(ev.get("agrees", []))))
    return against, len(backing) > len(against)


def counts_for(ev: dict[str, Any]) -> bool:
    """Whether a sentence listed for the claim states it: one on the same subject without the claim's numbers
    is only related, and one that states them all is specific enough to count below a strong match's similarity."""
    return bool(ev.get("covers", True) and (ev.get("strong", True) or ev.get("numbered")))


def _verdict(result: dict[str, Any]) -> None:
    for ev in result["for"]:
        ev["counted"] = counts_for(ev)
    support = list(dict.fromkeys(ev["origin"] for ev in result["for"] if ev["origin"] and ev["counted"]))
    # a denial or a doubt counts only from a sentence about the claim's event (`strong`): "Ruiz was reportedly
    # looking for a 9-year-old boy" says nothing about whether someone else was 52 years old
    deniers = list(dict.fromkeys(ev["origin"] for ev in result["against"] if ev["stance"] == "denies"
                                 and ev["strong"]))
    disputers = list(dict.fromkeys(ev["origin"] for ev in result["against"]
                                   if ev["stance"] == "disputes" and not ev.get("clash") and ev["strong"]))
    against, outweighed = _contradiction(result, support)
    result["independent_origins"] = support
    if deniers:
        result["status"] = "denied"
        result["verdict"] = f"denied by {', '.join(deniers)}"
    elif against and not outweighed:
        result["status"] = "contradicted"
        example = next(ev for ev in result["against"] if ev.get("clash"))
        result["verdict"] = (f"contradicted by {len(against)} origin{'s' if len(against) > 1 else ''} "
                             f"({', '.join(against)}): {example['conflict'][0]}")
        result["contradicting_origins"] = against
    elif disputers:
        result["status"] = "contested"
        result["verdict"] = f"contested: disputed by {', '.join(disputers)}"
    elif len(support) >= 2:
        result["status"] = "supported"
        result["verdict"] = f"supported by {len(support)} independent origins ({', '.join(support)})"
    elif support:
        result["status"] = "single_source"
        result["verdict"] = f"supported by a single origin ({support[0]})"
    if result["status"] in ("denied", "contradicted", "contested") and support:
        result["verdict"] += f"; reported by {', '.join(support)}"
    elif against and result["status"] in ("supported", "single_source"):
        result["verdict"] += f"; but {', '.join(against)} report{'s' if len(against) == 1 else ''} otherwise"


def format_result(result: dict[str, Any]) -> str:
    """The human-readable answer: verdict first, then evidence for and against, each with its source."""
    lines = [f"Claim: {result['claim']}", f"Verdict: {result['verdict']}"]
    if result.get("error"):
        lines.append(f"Error: {result['error']}")
    backing = [ev for ev in result.get("for") or [] if counts_for(ev)]
    related = [ev for ev in result.get("for") or [] if not counts_for(ev)]
    for items, title in ((result.get("against") or [], "Evidence against"), (backing, "Evidence for"),
                         (related, "Related, not counted (on the subject, but not stating the claim)")):
        if not items:
            continue
        lines.append("")
        lines.append(f"{title} ({len(items)}):")
        for ev in items:
            where = ", ".join(x for x in (ev.get("outlet") or ev["article"], ev.get("date")) if x)
            lines.append(f"  [{ev['stance']}] {where} (article {ev['article']}); origin: {ev.get('origin') or 'unknown'}")
            lines.append(f"      “{_clip(ev['text'])}”")
            if ev.get("conflict"):
                lines.append(f"      contradicts the claim: {'; '.join(ev['conflict'])}")
            if ev.get("fact"):
                f = ev["fact"]
                lines.append(f"      fact {f['id']} ({f['status']}): {f.get('reason') or ''}")
    return "\n".join(lines)


def _clip(text: str, n: int = 240) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= n else text[: n - 1] + "…"
