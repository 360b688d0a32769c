"""The stages of a run, as lists: per-document (pure `Article -> Article`, any executor) then corpus stages.

Per-document work is split in two passes because one cleaning signal is corpus-level (a paragraph repeated
across articles of one outlet is boilerplate) and every span offset must point into the *final* body:
  pass 1  read -> prepare (header, boilerplate classifier, metadata)            cheap, streaming
  between remove_repeated_boilerplate over paragraph hashes per outlet          O(paragraphs)
  pass 2  annotate: spaCy once, then every extractor of extract/registry.py over that parse
then CORPUS_STAGES, each blocked so that no stage compares all pairs.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator

from newsprism.corpus import anchoring, canon, dedup, stories, timeline
from newsprism.corpus.facts import align
from newsprism.corpus.framing import build as framing
from newsprism.corpus.stage import CorpusStage, Executor, Inline, StageContext
from newsprism.extract.registry import EXTRACTORS
from newsprism.io import readers
from newsprism.model import Analysis, Article, Rejected
from newsprism.nlp.load import get_nlp
from newsprism.prepare import boilerplate, meta

CORPUS_STAGES: tuple[CorpusStage, ...] = (
    canon.STAGE, dedup.STAGE, stories.STAGE, anchoring.STAGE, align.STAGE, timeline.STAGE, framing.STAGE)


def missing_inputs(stages: Iterable[CorpusStage]) -> list[str]:
    """Stages that need a field no earlier stage makes (empty when the order is right)."""
    have = {"articles", "rejected"}
    missing = []
    for st in stages:
        missing += [f"{st.name} needs {f}" for f in st.needs if f not in have]
        have.update(st.makes)
    return missing


def prepare(raw: readers.RawDoc) -> Article:
    """Pass 1 for one document: metadata and boilerplate removal, no NLP."""
    return meta.prepare_article(raw)


def prepare_safe(item: readers.RawDoc | Rejected) -> Article | Rejected:
    if isinstance(item, Rejected):
        return item
    try:
        return prepare(item)
    except Exception as exc:  # one broken document must not end the run
        return Rejected(source=item.source, reason=f"could not be cleaned: {type(exc).__name__}: {exc}")


def read_and_prepare(paths: Iterable[str], executor: Executor | None = None) -> Iterator[Article | Rejected]:
    """Pass 1 in input order: reading is sequential, cleaning runs on the executor (batches of 32)."""
    yield from (executor or Inline()).map(prepare_safe, readers.read_inputs(paths), chunksize=32)


def finish_pass1(articles) -> None:
    boilerplate.remove_repeated_boilerplate(articles)


def annotate_doc(article: Article, doc) -> Article:
    for extractor in EXTRACTORS:
        extractor(doc, article)
    return article


def annotate(article: Article) -> Article:
    """Pass 2 for one document: every extractor over one spaCy parse of the cleaned body."""
    return annotate_doc(article, get_nlp()(article.body))


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


def annotate_keyed(articles: list[Article]) -> list[tuple[str, Article | Rejected]]:
    """annotate_batch with each result beside its input's id, so the caller can check the executor's order."""
    return list(zip([a.id for a in articles], annotate_batch(articles), strict=True))


def _failed(article: Article, exc: Exception) -> Rejected:
    return Rejected(source=article.source, reason=f"annotation failed: {type(exc).__name__}: {exc}")


def run_corpus_stages(analysis: Analysis, ctx: StageContext | None = None,
                      timings: dict[str, float] | None = None) -> Analysis:
    """Every corpus stage in order, each announced to `ctx.progress` and timed into `timings["corpus:NAME"]`."""
    ctx = ctx or StageContext()
    for stage in CORPUS_STAGES:
        ctx.progress(stage.name, 0, 0)
        t0 = time.perf_counter()
        stage.run(analysis, ctx)
        if timings is not None:
            timings[f"corpus:{stage.name}"] = time.perf_counter() - t0
    return analysis
