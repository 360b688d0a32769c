"""Entity extraction and cross-outlet canonicalisation on BASIL's gold main entities.

BASIL (Fan et al., EMNLP 2019) tells one event through three outlets and lists, per article, the event's
main entities ("Barack Obama", "Joe Sestak"). Every article of DIR is run through newsprism's extractor and
then canonicalised as one corpus (all events together, so that wrong merges across events are possible and
counted). Metrics:
  recall       share of (article, gold entity) pairs where the article has an entity of that name (exact
               folded name or mention, or a person with the same surname and a compatible given name);
               some gold entities are descriptions ("plaintiffs", "fiscal conservatives"), so
  recall_verbatim  is the same over gold names that occur verbatim in the article
  full_name    of those, share whose corpus name is the gold full name (surname-only articles upgraded)
  linked       share of (event, gold entity) pairs found in 2+ articles whose matches carry one corpus id
  split_names  corpus entities whose folded name repeats another's (an entity split in two)
  overmerged   person entities whose variants hold two full names with incompatible given names
Gold files are found by pattern: any `*.json` under DIR with `main-entities` and `body-paragraphs` keys.
"""

from __future__ import annotations

import json
import os
import time
from collections import Counter, defaultdict
from pathlib import Path

from newsprism.corpus.canon import canonicalize
from newsprism.extract.entities import extract_entities
from newsprism.knowledge import names
from newsprism.model import Article, CorpusEntity, Entity
from newsprism.nlp.load import get_nlp


def load(data_dir: Path) -> list[tuple[Article, str, list[str]]]:
    """(article, event id, gold main entities) for every BASIL-layout article under data_dir."""
    out = []
    for path in sorted(data_dir.rglob("*.json")):
        try:
            raw = json.loads(path.read_text("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            continue
        if not isinstance(raw, dict) or "main-entities" not in raw or "body-paragraphs" not in raw:
            continue
        paragraphs = [" ".join(s.strip() for s in p) for p in raw["body-paragraphs"]]
        body = "\n\n".join(p for p in paragraphs if p)
        event = raw.get("triplet-uuid") or path.stem.rsplit("_", 1)[0]
        out.append((Article(id=path.stem, source=str(path), body=body), event, list(raw["main-entities"])))
    limit = os.environ.get("NEWSPRISM_EVAL_LIMIT")
    return out[: int(limit)] if limit else out


def _matches(gold: str, e: Entity) -> bool:
    g, n = names.fold(gold), names.fold(e.name)
    if g == n or g in {names.fold(m.text) for m in e.mentions}:
        return True
    gt, nt = g.split(), n.split()
    if e.type != "PERSON" or len(gt) < 2:
        return False
    if nt[-1] != gt[-1]:
        return False
    return len(nt) == 1 or names.first_names_compatible(gt[0], nt[0])


def _overmerged(c: CorpusEntity) -> bool:
    if c.type != "PERSON":
        return False
    full = {tuple(names.fold(v).split()) for v in c.variants}
    by_surname: dict[str, list[str]] = defaultdict(list)
    for toks in full:
        if len(toks) == 2:
            by_surname[toks[1]].append(toks[0])
    return any(not names.first_names_compatible(a, b)
               for firsts in by_surname.values() for a in firsts for b in firsts if a < b)


def evaluate(data_dir: Path) -> dict:
    items = load(Path(data_dir))
    if not items:
        raise SystemExit(f"no BASIL-layout article (*.json with main-entities) under {data_dir}")
    nlp = get_nlp()
    t0 = time.perf_counter()
    docs = nlp.pipe([a.body for a, _, _ in items], batch_size=16)
    for (art, _, _), doc in zip(items, docs):
        art.entities = extract_entities(doc)
    t_extract = time.perf_counter() - t0
    arts = [a for a, _, _ in items]
    t1 = time.perf_counter()
    corpus = canonicalize(arts)
    t_canon = time.perf_counter() - t1
    by_id = {c.id: c for c in corpus}

    pairs = found = full_name = in_body = found_in_body = 0
    ids_by_event: dict[tuple[str, str], list[set[str]]] = defaultdict(list)
    for art, event, gold in items:
        for g in gold:
            pairs += 1
            hits = {e.id for e in art.entities if _matches(g, e)}
            verbatim = g in art.body
            in_body += verbatim
            if not hits:
                continue
            found += 1
            found_in_body += verbatim
            if any(names.fold(by_id[i].name) == names.fold(g) for i in hits):
                full_name += 1
            ids_by_event[(event, g)].append(hits)
    multi = [v for v in ids_by_event.values() if len(v) >= 2]
    linked = sum(1 for v in multi if set.intersection(*v))
    folded = Counter((names.fold(c.name), c.type) for c in corpus)
    metrics = {
        "n_articles": len(arts),
        "n_gold": pairs,
        "recall": round(found / pairs, 4) if pairs else 0.0,
        "recall_verbatim": round(found_in_body / in_body, 4) if in_body else 0.0,
        "full_name": round(full_name / found, 4) if found else 0.0,
        "linked": round(linked / len(multi), 4) if multi else 0.0,
        "n_linkable": len(multi),
        "corpus_entities": len(corpus),
        "split_names": sum(n - 1 for n in folded.values() if n > 1),
        "overmerged": sum(_overmerged(c) for c in corpus),
        "extract_s_per_article": round(t_extract / len(arts), 4),
        "canon_s": round(t_canon, 3),
    }
    print(f"{'metric':<24}{'value':>10}")
    for k, v in metrics.items():
        print(f"{k:<24}{v:>10}")
    return metrics
