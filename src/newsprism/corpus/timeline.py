"""Dated events: what happened when, with the precision the text gives and the articles that report it.

An event is a normalised time expression (a day, a month, a year, or a range such as a week or "Dec 10-14")
together with its sentence reduced to a readable clause. The same event told by several articles (same date
bucket, similar clause) becomes one entry listing all of them; so do the tellings of one well-known event of
data/events.tsv (a sentence its row matches, dated to days that hold the row's date), whatever their precision:
"voted in the Brexit referendum on Thursday" and "the EU referendum last week" are one vote. Vague
references ("recently", durations, unresolved weekdays) and the publication dateline are left out: a timeline
entry has to be citable.
"""

from __future__ import annotations

import calendar
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from rapidfuzz import fuzz
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from newsprism.articles import collection
from newsprism.corpus.stage import CorpusStage, StageContext
from newsprism.model import Analysis, Article, Fact, Story, TimeExpr, TimelineEvent
from newsprism.nlp.sentences import spans_of
from newsprism.prepare.dates import Event, load_events

MAX_WORDS = 20
MIN_WORDS = 6
MERGE_SCORE = 55  # rapidfuzz token_set_ratio of content words for "the same event" within one date bucket
SAME_ARTICLE_SCORE = 90
# Tellings are compared only when they share a word stem (its first 5 letters) that at most this many distinct
# events of their date bucket have: a bucket ("2019", "March 2019") grows with the corpus, and comparing each
# telling with all of it would be quadratic. Tellings of one event merge into one entry, so a stem this many
# separate events share is not what makes two tellings the same.
MERGE_KEY_CAP = 50
# Clause breaks: punctuation, and a conjunction that opens a new dated clause ("left on Monday and on
# Wednesday met Reyes").
_CLAUSE = re.compile(r"\s*[,;:–—()]\s*|\s+-\s+|\s+(?:and|but|while|whereas)\s+(?=(?:on|in|at|last|this|earlier|later)\b)")
_WORD = re.compile(r"\w+(?:['’.-]\w+)*")
_SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "AU": (9, 11), "WI": (12, 14)}
_PRECISION_RANK = {"day": 0, "range": 1, "month": 2, "year": 3}


@dataclass
class _When:
    date: str
    precision: str  # day | month | year | range
    earliest: str | None = None
    latest: str | None = None


@dataclass(slots=True)
class _Event:
    when: _When
    text: str
    words: str  # content words, for matching
    articles: set[str] = field(default_factory=set)
    facts: list[str] = field(default_factory=list)
    known: str | None = None  # the note of the events-table row this telling is of (see _known_event)
    tells: bool = False  # whether the clause itself holds the row's mention (the wording to show)
    stems: frozenset[str] = frozenset()  # of the content words other than the date's: the merge candidates' keys


def _last_day(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _point(value: str) -> _When | None:
    """One TIMEX3 value as a date with precision; None for anything not anchored to the calendar."""
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:T.*)?", value):
        try:
            d = date(*map(int, m.groups()))
        except ValueError:
            return None
        return _When(d.isoformat(), "day", d.isoformat(), d.isoformat())
    if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
        y, mo = map(int, m.groups())
        if not 1 <= mo <= 12:
            return None
        return _When(f"{y:04d}-{mo:02d}", "month", date(y, mo, 1).isoformat(), _last_day(y, mo).isoformat())
    if m := re.fullmatch(r"(\d{4})", value):
        y = int(m.group(1))
        return _When(f"{y:04d}", "year", f"{y:04d}-01-01", f"{y:04d}-12-31")
    if m := re.fullmatch(r"(\d{4})-W(\d{2})(-WE)?", value):
        y, w = int(m.group(1)), int(m.group(2))
        try:
            mon = date.fromisocalendar(y, w, 1)
        except ValueError:
            return None
        lo, hi = (mon + timedelta(days=5), mon + timedelta(days=6)) if m.group(3) else (mon, mon + timedelta(6))
        return _When(lo.isoformat(), "range", lo.isoformat(), hi.isoformat())
    if m := re.fullmatch(r"(\d{4})-Q([1-4])", value):
        y, q = int(m.group(1)), int(m.group(2))
        lo, hi = date(y, 3 * q - 2, 1), _last_day(y, 3 * q)
        return _When(lo.isoformat(), "range", lo.isoformat(), hi.isoformat())
    if (m := re.fullmatch(r"(\d{4})-(SP|SU|FA|AU|WI)", value)) and m.group(2) in _SEASONS:
        y = int(m.group(1))
        a, b = _SEASONS[m.group(2)]
        lo = date(y, a, 1)
        hi = _last_day(y + (b - 1) // 12, (b - 1) % 12 + 1)
        return _When(lo.isoformat(), "range", lo.isoformat(), hi.isoformat())
    return None


def resolve(value: str | None) -> _When | None:
    """A TIMEX3 value (or an interval "A/B") as a calendar date or range; None when it is vague."""
    if not value or "X" in value or value.endswith("_REF") or value.startswith("P"):
        return None
    if "/" in value:
        a, _, b = value.partition("/")
        lo, hi = _point(a), _point(b)
        if not (lo and hi) or hi.latest < lo.earliest:
            return None
        return _When(lo.earliest, "range", lo.earliest, hi.latest)
    return _point(value)


def _sentences(article: Article, keep: list[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """The article's sentences, two of them joined where a span of `keep` (a time expression) runs across
    their boundary: the parser can end a sentence inside "between Dec. 10 and Dec. 14"."""
    spans: list[tuple[int, int]] = []
    for s, e in spans_of(article):
        if spans and any(a < s < b for a, b in keep):
            spans[-1] = (spans[-1][0], e)
        else:
            spans.append((s, e))
    return spans


def _content(text: str) -> str:
    return " ".join(w.lower() for w in _WORD.findall(text) if w.lower() not in ENGLISH_STOP_WORDS)


def _clause(body: str, s0: int, s1: int, t0: int, t1: int, others: list[int] = ()) -> str:
    """The sentence around [t0, t1) reduced to about MAX_WORDS words: the clause holding the time expression,
    widened first towards the subject (left), then to the right, never over a clause dated otherwise
    (`others`: body offsets of the sentence's other time expressions)."""
    sent = body[s0:s1].strip()
    lead = len(body[s0:s1]) - len(body[s0:s1].lstrip())
    s0 += lead
    if len(sent.split()) <= MAX_WORDS:
        return sent.rstrip(".")
    cuts = [0] + [m.end() for m in _CLAUSE.finditer(sent)] + [len(sent) + 1]
    parts = [(cuts[i], cuts[i + 1]) for i in range(len(cuts) - 1)]
    k = next((i for i, (a, b) in enumerate(parts) if a <= t0 - s0 < b), 0)
    lo, hi = k, k

    def words(a: int, b: int) -> int:
        return len(sent[parts[a][0]:parts[b][1]].split())

    def free(i: int) -> bool:
        return not any(parts[i][0] <= o - s0 < parts[i][1] for o in others)

    while True:
        if lo > 0 and free(lo - 1) and words(lo - 1, hi) <= MAX_WORDS:
            lo -= 1
        elif hi < len(parts) - 1 and free(hi + 1) and words(lo, hi + 1) <= MAX_WORDS:
            hi += 1
        else:
            break
    text = re.sub(r"\s+(?:and|but|while|whereas)$", "", sent[parts[lo][0]:parts[hi][1]].strip(" ,;:–—-"))
    # One long clause, or a bare time clause ("On April 30,") before a long one: a window of words from a little
    # before the time expression.
    if len(text.split()) > MAX_WORDS or len(text.split()) < MIN_WORDS:
        toks = list(_WORD.finditer(sent))
        at = next((i for i, m in enumerate(toks) if m.end() > t0 - s0), 0)
        a = max(0, min(at - MAX_WORDS // 3, len(toks) - MAX_WORDS))
        b = min(len(toks), a + MAX_WORDS)
        while b < len(toks) and b - a > MIN_WORDS and toks[b - 1].group().lower() in ENGLISH_STOP_WORDS:
            b -= 1  # "... against the …" reads worse than "... against …"
        text = sent[toks[a].start():toks[b - 1].end()]
        lo, hi = (0 if a == 0 else 1), (len(parts) - 1 if b == len(toks) else -1)
    pre = "" if lo == 0 else "… "
    post = "" if hi == len(parts) - 1 else " …"
    text = text.rstrip(".")
    for o, c in ("“”", "()"):
        if text.count(o) != text.count(c):  # a quotation cut in half reads as noise
            text = text.replace(o, "").replace(c, "")
    if "‘" in text and text.count("‘") > text.count("’"):  # ’ is also the apostrophe: only drop an open ‘
        text = text.replace("‘", "")
    if text.count('"') % 2:
        text = text.replace('"', "")
    return f"{pre}{text}{post}"


def _is_dateline(body: str, s0: int, s1: int, t0: int, t1: int) -> bool:
    """A sentence that is little more than the date (a dateline or byline date) tells no event."""
    rest = (body[s0:t0] + " " + body[t1:s1]).split()
    return len([w for w in rest if any(c.isalpha() for c in w)]) < 4


def _fact_index(facts: list[Fact]) -> dict[str, list[tuple[int, int, str]]]:
    idx: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for f in facts:
        for m in f.mentions:
            idx[m.article].append((m.start, m.end, f.id))
    return idx


_BETWEEN = re.compile(r"\s*(?:and|to|until|till|through|thru|-|–|—)\s*$", re.I)
_BETWEEN_LEAD = re.compile(r"\b(?:between|from)\s*$", re.I)


def _dated(article: Article) -> list[tuple[int, int, str, _When]]:
    """(start, end, text, when) of the calendar-anchored time expressions; "between Dec 10 and Dec 14" (two
    expressions joined by between/and, from/to or a dash) becomes one range."""
    body = article.body or ""
    items = []
    for t in sorted(article.times, key=lambda t: t.start):
        if t.type in ("DURATION", "SET") or t.precision in ("duration", "ref"):
            continue
        when = resolve(t.value)
        if when is not None:
            items.append((t.start, t.end, t.text, when))
    out: list[tuple[int, int, str, _When]] = []
    for it in items:
        if out:
            p0, p1, ptext, pw = out[-1]
            gap = body[p1:it[0]]
            joined = _BETWEEN.fullmatch(gap) and (gap.strip() in "-–—" or _BETWEEN_LEAD.search(body[max(0, p0 - 12):p0]))
            if joined and pw.earliest and it[3].latest and pw.earliest < it[3].latest:
                out[-1] = (p0, it[1], body[p0:it[1]], _When(pw.earliest, "range", pw.earliest, it[3].latest))
                continue
        out.append(it)
    return out


def _span_days(w: _When) -> int:
    return (date.fromisoformat(w.latest) - date.fromisoformat(w.earliest)).days if w.earliest and w.latest else 0


def _known_event(rows: list[Event], sent: str, when: _When) -> Event | None:
    """The events-table row a sentence tells, when its time expression holds the row's date."""
    for ev in rows:
        iso = ev.date.isoformat()
        if not (when.earliest and when.latest and when.earliest <= iso <= when.latest):
            continue
        if ev.pattern.search(sent):
            return ev
    return None


def _events_of(article: Article, facts_at: list[tuple[int, int, str]]) -> list[_Event]:
    body = article.body or ""
    dated = _dated(article)
    rows = [ev for ev in load_events() if not ev.context or ev.context.search(body)]
    sents = _sentences(article, [(a, b) for a, b, _, _ in dated])
    pub = article.published.date
    out = []
    for start, end, ttext, when in dated:
        t = TimeExpr(ttext, None, when.precision, start, end)
        # "this year" / "last year" say little: a year-level event needs the year written out.
        if when.precision == "year" and not re.search(r"\d", t.text):
            continue
        s0, s1 = next(((a, b) for a, b in sents if a <= t.start < b), (t.start, t.end))
        if _is_dateline(body, s0, s1, t.start, t.end):
            continue
        if pub and when.date == pub and article.published.evidence and t.text in article.published.evidence:
            continue  # the expression the publication date was read from
        others = [a for a, _, _, w in dated if s0 <= a < s1 and a != start and w.date != when.date]
        text = _clause(body, s0, s1, t.start, t.end, others)
        fids = sorted({fid for a, b, fid in facts_at if a < s1 and b > s0}, key=_fid_key)
        known = _known_event(rows, body[s0:s1], when)
        # Candidates share a stem besides the date's own words, which every event of the bucket has ("reps
        # denied reports in April" and "April rumours spread" scored 61 on little more than the month).
        stems = frozenset(_stems(_content(text.replace(t.text, " ", 1))))
        out.append(_Event(when, text, _content(text), {article.id}, fids, known.note if known else None,
                          bool(known and known.pattern.search(text)), stems))
    return out


def _fid_key(fid: str) -> tuple[int, str]:
    digits = re.sub(r"\D", "", fid)
    return (int(digits) if digits else 0, fid)


def _bucket(w: _When) -> tuple[str, str]:
    return (w.precision, w.date)


def _merge(events: list[_Event]) -> list[_Event]:
    """Same bucket and similar clause: one event. Articles are processed in id order, so the result is stable.
    The tellings of one known event come first, as one entry dated by the most precise of them."""
    buckets: dict[tuple[str, str], list[_Event]] = defaultdict(list)
    by_row: dict[str, list[_Event]] = defaultdict(list)
    rest = []
    for e in events:
        (by_row[e.known] if e.known else rest).append(e)
    for group in by_row.values():
        best = min(group, key=lambda g: (_PRECISION_RANK[g.when.precision], not g.tells, _span_days(g.when)))
        facts = sorted({f for g in group for f in g.facts}, key=_fid_key)
        buckets[_bucket(best.when)].append(_Event(best.when, best.text, best.words,
                                                  {a for g in group for a in g.articles}, facts, stems=best.stems))
    # Each bucket's candidates: stem -> the bucket's entries (distinct events so far) that have it, in order.
    postings: dict[tuple[str, str], dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for key, group in buckets.items():
        for n, g in enumerate(group):
            for stem in g.stems:
                postings[key][stem].append(n)
    for e in rest:
        key = _bucket(e.when)
        group, posted = buckets[key], postings[key]
        best, score = None, 0.0
        for g in (group[n] for n in _candidates(e.stems, posted)):
            s = fuzz.token_set_ratio(e.words, g.words) if e.words and g.words else 0.0
            # Two sentences of one article on one date are usually two things that happened that day.
            need = SAME_ARTICLE_SCORE if g.articles & e.articles else MERGE_SCORE
            if s >= need and s > score:
                best, score = g, s
        if best is not None:
            best.articles |= e.articles
            best.facts = sorted(set(best.facts) | set(e.facts), key=_fid_key)
            if len(e.text) < len(best.text) and not e.text.startswith("…"):
                best.text = e.text  # the tighter wording of the same event reads better
        else:
            for st in e.stems:
                posted[st].append(len(group))
            group.append(_Event(e.when, e.text, e.words, set(e.articles), list(e.facts), stems=e.stems))
    return [e for g in buckets.values() for e in g]


def _stems(words: str) -> set[str]:
    return {w[:5] for w in words.split()}


def _candidates(stems: frozenset[str], posted: dict[str, list[int]]) -> list[int]:
    """Entries of the bucket that share one of `stems` not yet common to MERGE_KEY_CAP of its events, in order."""
    return sorted({n for st in stems if len(posted[st]) <= MERGE_KEY_CAP for n in posted[st]})


def build_timeline(articles: Sequence[Article], facts: list[Fact], stories: list[Story]) -> list[TimelineEvent]:
    """Events sorted by their (first) day; ties by precision (day first), then text."""
    facts_at = _fact_index(facts)
    events: list[_Event] = []
    for a in collection(articles).by_id():
        events += _events_of(a, facts_at.get(a.id, []))
    merged = _merge(events)
    merged.sort(key=lambda e: (e.when.earliest or e.when.date, _PRECISION_RANK[e.when.precision],
                               e.when.latest or "", e.text, sorted(e.articles)))
    return [TimelineEvent(date=e.when.date, precision=e.when.precision, event=e.text, articles=sorted(e.articles),
                          fact=e.facts[0] if e.facts else None, earliest=e.when.earliest, latest=e.when.latest)
            for e in merged]


def _run(analysis: Analysis, ctx: StageContext) -> None:
    analysis.timeline = build_timeline(analysis.articles, analysis.facts, analysis.stories)


STAGE = CorpusStage("timeline", needs=("articles", "facts", "stories"), makes=("timeline",), run=_run)
