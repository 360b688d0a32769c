"""Labels and date spans of stories and storylines: the headline of a story's most central article, the names
most articles of a storyline share, the days a story's reports and the events they date cover."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from newsprism.corpus.story_features import GAP_DAYS, Feat, day, norm
from newsprism.model import Article

_TITLE_TAIL = re.compile(r"\s*(?:[-–—|:]\s*(?:reports?|report says|sources?|update[sd]?|live|video|watch)\s*$)", re.I)
_TITLE_SITE = re.compile(r"\s+[|–—-]\s+[^|–—-]{2,40}$")


@dataclass(slots=True)
class Meta:
    """What the labels need of one article, kept instead of the article itself."""
    id: str
    title: str | None
    lead: str | None  # the first sentence's first 12 words, the label when no headline says more
    names: list[tuple[str, str, int]]  # (entity key, name, mentions) of the entity types storylines are named by


def clean_title(title: str) -> str:
    t = " ".join(title.split())
    t = _TITLE_TAIL.sub("", t)
    t = _TITLE_SITE.sub("", t) if len(t) > 40 else t
    return t.strip(" -–—|:")


def meta(article: Article) -> Meta:
    first = re.split(r"(?<=[.!?])\s", (article.body or "").strip(), maxsplit=1)[0]
    words = first.split()
    lead = " ".join(words[:12]) + ("…" if len(words) > 12 else "") if words else None
    names = [(e.id if re.fullmatch(r"E\d+", e.id or "") else norm(e.name), e.name, len(e.mentions))
             for e in article.entities if e.type in ("PERSON", "ORG", "GPE", "NORP", "EVENT") and e.mentions]
    return Meta(article.id, article.title, lead, names)


def label(idx: list[int], arts: list[Meta], sims: dict[tuple[int, int], float]) -> str:
    def centrality(i: int) -> float:
        return sum(sims.get((min(i, j), max(i, j)), 0.0) for j in idx if j != i)

    for i in sorted(idx, key=lambda i: (-centrality(i), arts[i].id)):
        if arts[i].title and len(arts[i].title.split()) >= 3:
            return clean_title(arts[i].title)
    return arts[min(idx, key=lambda i: arts[i].id)].lead or arts[idx[0]].id


def span(idx: list[int], feats: list[Feat]) -> tuple[str | None, str | None]:
    """First and last day of the story: narrow publication dates and the event days they report; when every
    article only has a wide inferred range, the days all those ranges share (one event, published together)."""
    days: list[date] = []
    ranges = []
    for i in idx:
        f = feats[i]
        if not (f.lo and f.hi):
            continue
        ranges.append((f.lo, f.hi))
        if (f.hi - f.lo).days > 2 * GAP_DAYS:
            continue
        days += [f.lo, f.hi]
        # The main event can precede publication by a few days ("landed on Saturday"): count such dates.
        for v in f.days:
            d = day(v)
            if d and f.lo - timedelta(days=GAP_DAYS) <= d <= f.hi:
                days.append(d)
    if days:
        return min(days).isoformat(), max(days).isoformat()
    if ranges:
        lo, hi = max(r[0] for r in ranges), min(r[1] for r in ranges)
        if lo > hi:  # inconsistent ranges: the narrowest one is the best bound there is
            lo, hi = min(ranges, key=lambda r: (r[1] - r[0], r))
        return lo.isoformat(), hi.isoformat()
    return None, None


def storyline_label(idx: list[int], arts: list[Meta]) -> str | None:
    counts: Counter[str] = Counter()
    names: dict[str, Counter[str]] = defaultdict(Counter)
    for i in idx:
        seen = set()
        for key, name, n in arts[i].names:
            names[key][name] += n
            if key not in seen:
                seen.add(key)
                counts[key] += 1
    top = sorted(counts, key=lambda k: (-counts[k], -sum(names[k].values()), k))[:3]
    return " · ".join(names[k].most_common(1)[0][0] for k in top) or None

