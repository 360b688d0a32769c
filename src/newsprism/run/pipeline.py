"""The stage list: per-document stages (pure `Article -> Article`, any executor) then corpus stages.

Per-document work is split in two passes because one cleaning signal is corpus-level (a paragraph repeated
across articles of one outlet is boilerplate) and every span offset must point into the *final* body:
  pass 1  read -> prepare (header, boilerplate classifier, metadata)           cheap, streaming
  between remove_repeated_boilerplate over paragraph hashes per outlet          O(paragraphs)
  pass 2  annotate (spaCy once, then entities, quotes, quantities, times, loaded terms)
then the corpus stages, each blocked so that no stage compares all pairs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from newsprism.corpus import canon, dedup, stories, timeline
from newsprism.corpus.facts import align as facts
from newsprism.corpus.framing import build as framing
from newsprism.extract import actor_labels as framing_labels
from newsprism.extract import entities as ent_x
from newsprism.extract import loaded as loaded_x
from newsprism.extract import quantities as qty_x
from newsprism.extract import quotes as quote_x
from newsprism.extract import times as time_x
from newsprism.extract.voices import VoiceIndex, quoted_regions
from newsprism.io import readers
from newsprism.model import Analysis, Article, Rejected
from newsprism.nlp.load import get_nlp
from newsprism.prepare import boilerplate as clean
from newsprism.prepare import meta
from newsprism.run.executors.local import map_ordered


@dataclass
class RunStats:
    read: int = 0
    rejected: int = 0
    reused: int = 0
    timings: dict[str, float] = field(default_factory=dict)


def prepare(raw: readers.RawDoc) -> Article:
    """Pass 1 for one document: metadata and boilerplate removal, no NLP."""
    return meta.prepare_article(raw)


def annotate(article: Article) -> Article:
    """Pass 2 for one document: every span-level extractor over one spaCy parse of the cleaned body."""
    doc = get_nlp()(article.body)
    return annotate_doc(article, doc)


def annotate_safe(article: Article) -> Article | Rejected:
    """annotate, but a failure on one document becomes a rejection with its reason instead of ending a run of
    millions (the traceback class and message are kept so the bug can be reported)."""
    try:
        return annotate(article)
    except Exception as exc:
        return _failed(article, exc)


def annotate_batch(articles: list[Article], batch_size: int = 16) -> list[Article | Rejected]:
    """annotate_safe over a batch, with spaCy's `nlp.pipe` batching the neural components across documents.

    A batch that spaCy itself cannot process falls back to one document at a time, so one bad input still only
    rejects itself."""
    try:
        docs = list(get_nlp().pipe([a.body for a in articles], batch_size=batch_size))
    except Exception:
        return [annotate_safe(a) for a in articles]
    out: list[Article | Rejected] = []
    for a, doc in zip(articles, docs, strict=True):
        try:
            out.append(annotate_doc(a, doc))
        except Exception as exc:
            out.append(_failed(a, exc))
    return out


def _failed(article: Article, exc: Exception) -> Rejected:
    return Rejected(source=article.source, reason=f"annotation failed: {type(exc).__name__}: {exc}")


def annotate_doc(article: Article, doc) -> Article:
    article.entities = ent_x.extract_entities(doc)
    article.quotes, article.sources_cited = quote_x.extract_quotes(doc, article)
    article.quantities = qty_x.extract_quantities(doc)
    article.times = time_x.extract_times(doc, article.published)
    time_x.refine_published(article)
    # whose words each span is: walked once over the parse, read by both loaded terms and actor labels
    voices = VoiceIndex(quoted_regions(doc, article.quotes))
    article.loaded_terms = loaded_x.extract_loaded(doc, article, voices)
    article.actor_labels = framing_labels.article_labels(doc, article, voices)
    return article


def read_and_prepare(paths: Iterable[str], workers: int = 1) -> Iterator[Article | Rejected]:
    """Pass 1 in input order: reading is sequential, cleaning runs on `workers` processes (batches of 32)."""
    yield from map_ordered(prepare_safe, readers.read_inputs(paths), workers=workers, chunksize=32)


def prepare_safe(item: readers.RawDoc | Rejected) -> Article | Rejected:
    if isinstance(item, Rejected):
        return item
    try:
        return prepare(item)
    except Exception as exc:  # one broken document must not end the run
        return Rejected(source=item.source, reason=f"could not be cleaned: {type(exc).__name__}: {exc}")


def corpus_stages(analysis: Analysis, progress: Callable[[str], None] | None = None,
                  embed: bool = False, workers: int = 1) -> Analysis:
    """Cross-document stages, in dependency order; each is sub-quadratic (LSH or key blocking).

    `embed` turns on the sentence-embedding signal in fact alignment (the optional `embed` extra); `workers`
    processes share the stages whose blocks are independent (same output for any count)."""
    arts = analysis.articles
    step = progress or (lambda name: None)
    step("entities")
    analysis.entities = canon.canonicalize(arts)
    step("duplicates")
    analysis.duplicates = dedup.find_duplicates(arts)
    step("stories")
    analysis.stories = stories.cluster_stories(arts, analysis.duplicates)
    step("facts")
    analysis.facts = facts.align_facts(arts, analysis.stories, analysis.duplicates, embed=embed,
                                      workers=workers)
    step("timeline")
    analysis.timeline = timeline.build_timeline(arts, analysis.facts, analysis.stories)
    step("framing")
    analysis.framing = framing.build_framing(arts, analysis.entities, analysis.facts, analysis.stories)
    return analysis


def finish_pass1(articles: Sequence[Article]) -> None:
    clean.remove_repeated_boilerplate(articles)
