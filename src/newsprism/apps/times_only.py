"""`newsprism times`: the time expressions of articles, without the rest of the analysis.

Articles are read as `analyze` reads them (every input format, and pass 1's metadata: the publication date a
page, its URL or its byline gives), then tagged on the times-only path (`extract/timex_text.py`), which runs
spaCy only on the sentences whose reading depends on the parse: about a tenth of what the full pipeline
costs. Relative expressions count from the publication date; without one they stay underspecified
("XXXX-WXX-5"), never guessed. One JSON object per input: the article's times, or why it was rejected.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import asdict
from itertools import islice

from newsprism.extract.timex_text import times_of_texts
from newsprism.model import Article, Published, Rejected
from newsprism.run.pipeline import read_and_prepare

BATCH = 64


def times_records(paths: Iterable[str], published: str | None = None) -> Iterator[dict]:
    """One record per input, in input order; `published` (YYYY-MM-DD) stands in where an article has no date."""
    items = read_and_prepare(list(paths))
    while chunk := list(islice(items, BATCH)):
        articles = [x for x in chunk if isinstance(x, Article)]
        found = iter(times_of_texts((a.body, _anchor(a, published)) for a in articles))
        for item in chunk:
            if isinstance(item, Rejected):
                yield {"source": item.source, "rejected": item.reason}
                continue
            pub = _anchor(item, published)
            shown = pub.date or (f"{pub.earliest}..{pub.latest}" if pub.earliest or pub.latest else None)
            yield {"id": item.id, "source": item.source, "published": shown, "times": [asdict(t) for t in next(found)]}


def _anchor(article: Article, published: str | None) -> Published:
    """The article's own date or range (page, URL, byline); else the one given; else none."""
    pub = article.published
    if (pub.date or pub.earliest or pub.latest) and not pub.inferred:
        return pub
    return Published(date=published) if published else Published()
