"""Ray Data executor (optional extra `ray`): the same per-document stage as the local executor, on a local Ray
or on a cluster when RAY_ADDRESS is set.

Articles travel as JSON strings (the contract's own serialisation), so what a Ray worker returns is exactly
what the local executor would have produced; rows carry their input index and are re-ordered at the end.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator

from newsprism.model import Article, Rejected, from_dict, to_dict


class _Annotate:
    """One per Ray actor: spaCy is loaded once, in __init__, then reused for every batch."""

    def __init__(self) -> None:
        from newsprism.nlp.load import get_nlp

        get_nlp()

    def __call__(self, batch: dict) -> dict:
        from newsprism.run.pipeline import annotate_batch

        out = []
        for res in annotate_batch([from_dict(Article, json.loads(doc)) for doc in batch["article"]]):
            kind = "article" if isinstance(res, Article) else "rejected"
            out.append(json.dumps({"kind": kind, "value": to_dict(res)}, ensure_ascii=False))
        return {"index": batch["index"], "article": out}


def _ensure_ray(workers: int):
    import ray

    if not ray.is_initialized():
        if os.environ.get("RAY_ADDRESS"):
            ray.init(address=os.environ["RAY_ADDRESS"], log_to_driver=False)
        else:
            ray.init(num_cpus=max(1, workers), include_dashboard=False, log_to_driver=False,
                     configure_logging=False)
    return ray


def annotate_all(articles: list[Article], workers: int = 1, batch_size: int = 8) -> Iterator[Article | Rejected]:
    if not articles:
        return
    ray = _ensure_ray(workers)
    rows = [{"index": i, "article": json.dumps(to_dict(a), ensure_ascii=False)} for i, a in enumerate(articles)]
    ds = ray.data.from_items(rows).map_batches(_Annotate, batch_size=batch_size, concurrency=max(1, workers),
                                               batch_format="default")
    results = sorted(ds.take_all(), key=lambda r: r["index"])
    for r in results:
        res = json.loads(r["article"])
        yield from_dict(Article if res["kind"] == "article" else Rejected, res["value"])
