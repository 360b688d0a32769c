"""Cross-document weekday anchoring: an undated article's "on Saturday" pinned by the dated articles of its story.

A bare weekday in an article without a publication date cannot be resolved from its own text. Within one story,
though, other articles often carry a date and tell the same event on the same weekday ("the tanker caught fire
on Saturday", published 2025-06-15, so Saturday is 2025-06-14). When an undated article's weekday sentence shares
enough content words with such a dated telling, its weekday takes that day, and its publication range gains the
bounds that follow: not before that day, and, because news names a bare weekday only for the past week, not more
than six days after it. Each bound is written into `published.evidence` with the article it rests on. A telling
that the article's existing range excludes is left alone rather than forced.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from newsprism.articles import collection
from newsprism.corpus.facts.stance_features import content_stems
from newsprism.corpus.stage import CorpusStage, StageContext
from newsprism.extract.timex_patterns import WEEKDAYS
from newsprism.model import Analysis, Article, Published, Story, TimeExpr

_OPEN = re.compile(r"^XXXX-WXX-(?P<wd>[1-7])(?P<rest>T\w+)?$")
_DAY = re.compile(r"^(?P<day>\d{4}-\d{2}-\d{2})(?P<rest>T\w+)?$")
_RELATIVE = re.compile(r"\b(?:last|next|this|past|coming|previous)\b", re.I)
MIN_SHARED = 3  # content stems an undated telling must share with a dated one
MIN_SHARE = 0.4  # ... and that share of the undated sentence's stems
WEEK = 6  # days after the named weekday within which a bare weekday is written


@dataclass(frozen=True, slots=True)
class _Telling:
    article: str
    day: date
    stems: frozenset[str]


def _sentence_at(article: Article, pos: int) -> str:
    for s in article.sentences:
        if s.start <= pos < s.end:
            return article.body[s.start:s.end]
    return article.body[max(0, pos - 200):pos + 200]


def _dated_tellings(article: Article) -> list[tuple[int, _Telling]]:
    """(ISO weekday, telling) of every weekday this dated article resolved to a day."""
    out = []
    for t in article.times:
        m = _DAY.match(t.value or "")
        if m and _names_weekday(t.text):
            day = date.fromisoformat(m["day"])
            out.append((day.isoweekday(), _Telling(article.id, day, frozenset(content_stems(_sentence_at(
                article, t.start))))))
    return out


def _names_weekday(text: str) -> bool:
    """"Saturday", "on Saturday", "Saturday evening": a telling dated by its weekday."""
    return any(w in WEEKDAYS for w in text.lower().split()[:2])


def _best(stems: frozenset[str], candidates: list[_Telling]) -> _Telling | None:
    """The dated telling sharing most stems, when it shares enough and no other day matches as well."""
    scored = sorted(((len(stems & c.stems), c.day.isoformat(), c.article, c) for c in candidates),
                    key=lambda x: x[:3], reverse=True)
    if not scored or not stems:
        return None
    shared, _, _, best = scored[0]
    if shared < MIN_SHARED or shared < MIN_SHARE * len(stems):
        return None
    if any(s == shared and c.day != best.day for s, _, _, c in scored[1:]):
        return None  # two days told as closely: the text does not say which
    return best


def _fits(pub: Published, lo: date, hi: date) -> bool:
    earliest = date.fromisoformat(pub.earliest) if pub.earliest else date.min
    latest = date.fromisoformat(pub.latest) if pub.latest else date.max
    return lo <= latest and earliest <= hi


def _narrow(pub: Published, day: date, t: TimeExpr, source: str) -> None:
    lo, hi = day, day + timedelta(days=WEEK)
    why = f'"{t.text}" is {day.isoformat()}, the day {source} (dated) gives the same event'
    notes = []
    if not pub.earliest or date.fromisoformat(pub.earliest) < lo:
        pub.earliest = lo.isoformat()
        notes.append(f"earliest {lo.isoformat()}: {why}")
    if not pub.latest or date.fromisoformat(pub.latest) > hi:
        pub.latest = hi.isoformat()
        notes.append(f"latest {hi.isoformat()}: a bare weekday names a day of the past week")
    if notes:
        pub.inferred = True
        pub.evidence = "; ".join([*([pub.evidence] if pub.evidence else []), *notes])
        pub.date = pub.earliest if pub.earliest == pub.latest else None


def anchor_article(article: Article, tellings: dict[int, list[_Telling]]) -> bool:
    """Pin the article's open weekdays; True when anything changed."""
    changed = False
    for t in article.times:
        m = _OPEN.match(t.value or "")
        if not m or _RELATIVE.search(t.text):
            continue
        stems = frozenset(content_stems(_sentence_at(article, t.start)))
        best = _best(stems, [c for c in tellings.get(int(m["wd"]), []) if c.article != article.id])
        if best is None or not _fits(article.published, best.day, best.day + timedelta(days=WEEK)):
            continue
        t.value, t.precision = best.day.isoformat() + (m["rest"] or ""), "day"
        _narrow(article.published, best.day, t, best.article)
        changed = True
    return changed


def anchor_weekdays(articles, stories: list[Story]) -> int:
    """Anchor every undated article's weekdays within its story; returns how many articles changed."""
    story_of = {a: s.id for s in stories for a in s.articles}
    coll = collection(articles)
    tellings: dict[str, dict[int, list[_Telling]]] = defaultdict(lambda: defaultdict(list))
    undated: list[int] = []
    for i, a in enumerate(coll):
        if a.published.date:
            for wd, telling in _dated_tellings(a):
                tellings[story_of.get(a.id, "")][wd].append(telling)
        elif any(_OPEN.match(t.value or "") for t in a.times):
            undated.append(i)
    changed = 0
    for i in undated:
        a = coll[i]
        story = story_of.get(a.id)
        if story is not None and anchor_article(a, tellings.get(story, {})):
            coll.replace(i, a)
            changed += 1
    return changed


def _run(analysis: Analysis, ctx: StageContext) -> None:
    anchor_weekdays(analysis.articles, analysis.stories)


STAGE = CorpusStage("anchoring", needs=("articles", "stories"), makes=("articles",), run=_run)
