"""Corpus-wide canonical entities: one id for every way the corpus names the same person, place or body.

Article-local entities (extract/entities.py) already link short forms inside one article. Across articles
this stage merges, in order, with union-find:
  1. the same key (folded name, aliases applied: Marković = Markovic, U.S. = United States), whatever
     label the tagger gave each copy; the majority label wins ("Markovic" tagged ORG once is still a
     PERSON), unless a second label is itself well attested (>= 3 articles), which means two things share a
     name;
  2. full person names with the same surname and compatible given names (Hanna / Hannah / H. Voss), or a
     surname one edit off (Markovic / Markovich) with the same given name;
  3. a surname-only entity (an article that says just "Reyes") into the one full name with that surname,
     only when exactly one full name in the corpus has it (two Smiths: no merge);
  4. other names one edit apart (Nothern Star / Northern Star), never two known places.
Candidate pairs come only from blocks keyed by type and surname (or its one-deletion neighbourhood, which
catches one edit or one transposition), so cost grows with the corpus, not its square.
Ids are E1..En by descending number of articles, then name: the same input gives the same ids.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from newsprism.articles import collection
from newsprism.corpus.stage import CorpusStage, StageContext
from newsprism.knowledge import names
from newsprism.model import Analysis, Article, CorpusEntity, Entity, Mention

# A block larger than this is a very common surname or name; comparing inside it would be quadratic, and
# its members are better left apart than merged on weak evidence.
MAX_BLOCK = 300
# A second label keeps its own entity only when this many articles use it ("Jordan" the country and the
# person), otherwise it is a tagger slip.
MIN_ARTICLES_FOR_SPLIT = 3
# A surname-only mention goes to the commonest full name with that surname when it is this many times
# commoner than the next one.
DOMINANCE = 4
_LABEL_PRIORITY = ("AIRCRAFT", "PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT",
                   "WORK_OF_ART", "LAW", "LANGUAGE")


@dataclass(slots=True)
class _Rec:
    """One article-local entity, without its mentions' offsets (only their words are needed here)."""

    article: str
    local_id: str
    name: str
    type: str
    variants: frozenset[str]
    key: str
    canonical: str | None  # alias-table name (United States)


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def canonicalize(articles: Sequence[Article]) -> list[CorpusEntity]:
    """Merge article-local entities into corpus entities E1..En; rewrites Entity.id, Quote.speaker_entity and
    LabelSpan.entity (written back when the articles are spooled)."""
    recs = [_record(a.id, e) for a in articles for e in a.entities]
    uf = _UnionFind(len(recs))
    _merge_same_key(recs, uf)
    _merge_full_names(recs, uf)
    _merge_surnames(recs, uf)
    _merge_typos(recs, uf)
    clusters: dict[int, list[int]] = defaultdict(list)
    for i in range(len(recs)):
        clusters[uf.find(i)].append(i)
    built = [_build(recs, members) for members in clusters.values()]
    built.sort(key=lambda c: (-len(c[0].articles), c[0].name, c[0].type))
    corpus: list[CorpusEntity] = []
    new_id: dict[tuple[str, str], str] = {}
    for n, (ce, members) in enumerate(built, start=1):
        ce.id = f"E{n}"
        corpus.append(ce)
        for i in members:
            new_id[(recs[i].article, recs[i].local_id)] = ce.id
    by_id = {ce.id: ce for ce in corpus}
    coll = collection(articles)
    for n, a in enumerate(coll):
        _rewrite_article(a, new_id, by_id)
        coll.replace(n, a)
    return corpus


def _record(article_id: str, e: Entity) -> _Rec:
    variants = frozenset(m.text for m in e.mentions)
    known = names.alias(e.name, e.type)
    if known:
        # Its own key space: a person surnamed like an alias ("Pentagon", "Reuters") is not that body.
        return _Rec(article_id, e.id, e.name, e.type, variants, "@" + names.fold(known[0]), known[0])
    return _Rec(article_id, e.id, e.name, e.type, variants, names.name_key(e.name, e.type), None)


def _majority(labels: Counter) -> str:
    def rank(lab: str) -> int:
        return _LABEL_PRIORITY.index(lab) if lab in _LABEL_PRIORITY else len(_LABEL_PRIORITY)

    return max(labels, key=lambda lab: (labels[lab], -rank(lab)))


def _merge_same_key(recs: list[_Rec], uf: _UnionFind) -> None:
    by_key: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(recs):
        by_key[r.key].append(i)
    for key, members in by_key.items():
        by_type: dict[str, list[int]] = defaultdict(list)
        for i in members:
            by_type[recs[i].type].append(i)
        arts = {t: len({recs[i].article for i in ms}) for t, ms in by_type.items()}
        main = _type_of(recs, members)
        total = sum(arts.values())
        for t, ms in by_type.items():
            # Only a one-word name keeps a second label apart (Jordan the country and the person); a full
            # name tagged ORG in some articles is the tagger's slip.
            apart = (t != main and t in by_type and len(key.split()) == 1
                     and arts[t] >= MIN_ARTICLES_FOR_SPLIT and arts[t] * 4 >= total)
            anchor = ms[0] if apart else by_type[main][0] if main in by_type else members[0]
            for i in ms:
                uf.union(anchor, i)


def _roots_of(recs: list[_Rec], uf: _UnionFind, pred) -> dict[int, list[int]]:
    roots: dict[int, list[int]] = defaultdict(list)
    for i, r in enumerate(recs):
        if pred(r):
            roots[uf.find(i)].append(i)
    return roots


def _type_of(recs: list[_Rec], members: list[int]) -> str:
    """The label most articles give the name; a name shaped like a person's ("Chris Christie", tagged ORG
    by the small model in some articles) is a PERSON when at least a third of its articles say so."""
    arts: dict[str, set[str]] = defaultdict(set)
    for i in members:
        arts[recs[i].type].add(recs[i].article)
    counts = Counter({t: len(a) for t, a in arts.items()})
    label = _majority(counts)
    if label != "PERSON" and counts["PERSON"] * 2 >= counts[label]:
        keys = Counter(recs[i].key for i in members)
        if names.person_shaped(max(keys, key=lambda k: (keys[k], k))):
            return "PERSON"
    return label


def _full_person(recs: list[_Rec], uf: _UnionFind, loose: bool = False) -> dict[int, tuple[str, str, bool]]:
    """Root -> (given name, surname, tagged PERSON) for clusters that are persons named in full somewhere;
    `loose` adds person-shaped names the tagger called ORG in every article ("Anthony Weiner")."""
    roots = _roots_of(recs, uf, lambda r: True)
    out: dict[int, tuple[str, str, bool]] = {}
    for root, members in roots.items():
        label = _type_of(recs, members)
        full = [recs[i].key.split() for i in members if len(recs[i].key.split()) >= 2]
        if not full:
            continue
        toks = max(full, key=lambda t: (len(t), t))
        if label == "PERSON" or (loose and label == "ORG" and names.person_shaped(" ".join(toks))):
            out[root] = (toks[0], toks[-1], label == "PERSON")
    return out


def _merge_full_names(recs: list[_Rec], uf: _UnionFind) -> None:
    """Hanna / Hannah Voss, Elena Markovic / Elena Markovich, Karl B. Jensen / Karl Jensen: one person.
    A merge that would put two incompatible given names in one entity (J. Smith joining both John and
    Jane Smith) is refused, so chains of compatible pairs cannot join two people."""
    full = _full_person(recs, uf, loose=True)
    given: dict[int, set[str]] = {root: {f} for root, (f, _, _) in full.items()}
    blocks: dict[str, list[int]] = defaultdict(list)
    for root, (_, last, _) in full.items():
        # Sorted: merges below are refused or made in block order, and a set's order follows the hash seed.
        for k in sorted(names.deletion_keys(last)) if len(last) >= 5 else [last]:
            blocks[k].append(root)
    for block in blocks.values():
        if len(block) < 2 or len(block) > MAX_BLOCK:
            continue
        for x in range(len(block)):
            for y in range(x + 1, len(block)):
                (_, l1, p1), (_, l2, p2) = full[block[x]], full[block[y]]
                if not (p1 or p2) or not (l1 == l2 or names.is_typo_of(l1, l2)):
                    continue
                ra, rb = uf.find(block[x]), uf.find(block[y])
                if ra == rb:
                    continue
                ga, gb = given[ra], given[rb]
                if all(names.first_names_compatible(a, b) for a in ga for b in gb):
                    uf.union(ra, rb)
                    given[uf.find(ra)] = ga | gb


def _merge_surnames(recs: list[_Rec], uf: _UnionFind) -> None:
    """An article's lone "Reyes" joins "Tomas Reyes" when no other full name in the corpus ends so;
    a lone "Markovich" joins a much better attested "Elena Markovic" when it is one edit off."""
    full = _full_person(recs, uf, loose=True)
    by_surname: dict[str, set[int]] = defaultdict(set)
    by_deletion: dict[str, set[int]] = defaultdict(set)
    for root, (_, last, _) in full.items():
        by_surname[last].add(root)
        if len(last) >= 5:
            for k in names.deletion_keys(last):
                by_deletion[k].add(root)
    places = names.gazetteer().places
    singles = _roots_of(recs, uf, lambda r: len(r.key.split()) == 1 and r.canonical is None)
    n_articles = _articles_per_root(recs, uf)
    for root, members in singles.items():
        if root in full:
            continue
        label = _type_of(recs, members)
        key = recs[members[0]].key
        if label not in ("PERSON", "ORG", "GPE", "NORP") or (label != "PERSON" and key in places):
            continue
        # Candidates are the roots found above: only singles join them here, so they stay distinct.
        # A lone surname tagged PERSON may settle a full name the tagger called ORG ("Asa Hutchinson").
        cands = {c for c in by_surname.get(key, ()) if full[c][2] or label == "PERSON"}
        if not cands and label == "PERSON" and len(key) >= 5:
            near = {r for k in names.deletion_keys(key) for r in by_deletion.get(k, ())}
            cands = {c for c in near if names.is_typo_of(key, full[c][1])
                     and n_articles[c] >= 2 * n_articles[root]}
        target = _dominant(cands, n_articles)
        if target is not None:
            uf.union(target, root)


def _dominant(cands: set[int], n_articles: dict[int, int]) -> int | None:
    """The one candidate, or one that the corpus names far more often than any other with that surname
    ("Obama" with Barack in 40 articles and Michelle in 2); two comparable candidates: no merge."""
    if len(cands) == 1:
        return next(iter(cands))
    if not cands:
        return None
    ranked = sorted(cands, key=lambda c: (-n_articles.get(c, 0), c))
    first, second = n_articles.get(ranked[0], 0), n_articles.get(ranked[1], 0)
    return ranked[0] if first >= DOMINANCE * second and first >= 3 else None


def _articles_per_root(recs: list[_Rec], uf: _UnionFind) -> dict[int, int]:
    arts: dict[int, set[str]] = defaultdict(set)
    for i, r in enumerate(recs):
        arts[uf.find(i)].add(r.article)
    return {root: len(a) for root, a in arts.items()}


def _merge_typos(recs: list[_Rec], uf: _UnionFind) -> None:
    """Non-person names one edit apart with the same type (Nothern Star / Northern Star, Kesel / Kessel),
    blocked by the one-deletion neighbourhood of the whole key; two real places are never merged."""
    places = names.gazetteer().places
    roots = _roots_of(recs, uf, lambda r: r.canonical is None)
    info: dict[int, tuple[str, str]] = {}
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for root, members in roots.items():
        label = _type_of(recs, members)
        if label == "PERSON":
            continue
        key = Counter(recs[i].key for i in members).most_common(1)[0][0]
        if len(key) < 8:
            continue
        info[root] = (label, key)
        for k in names.deletion_keys(key):
            blocks[(label, k)].append(root)
    for block in blocks.values():
        if len(block) < 2 or len(block) > MAX_BLOCK:
            continue
        for x in range(len(block)):
            for y in range(x + 1, len(block)):
                k1, k2 = info[block[x]][1], info[block[y]][1]
                if k1 in places and k2 in places:
                    continue
                if names.is_typo_of(k1, k2):
                    uf.union(block[x], block[y])


def _build(recs: list[_Rec], members: list[int]) -> tuple[CorpusEntity, list[int]]:
    label = _type_of(recs, members)
    articles = sorted({recs[i].article for i in members})
    variants = sorted({v for i in members for v in recs[i].variants})
    return CorpusEntity(id="", name=_canonical_name(recs, members, label), type=label,
                        variants=variants, articles=articles), members


def _canonical_name(recs: list[_Rec], members: list[int], label: str) -> str:
    """The alias-table name if any; else the fullest name (persons) or commonest name (others), by the
    number of articles that use it; ties go to the spelling with diacritics, then alphabetically."""
    canon = Counter(recs[i].canonical for i in members if recs[i].canonical)
    if canon:
        return max(canon, key=lambda n: (canon[n], n))
    arts: dict[str, set[str]] = defaultdict(set)
    for i in members:
        arts[recs[i].name].add(recs[i].article)
    if label == "PERSON":
        # Given name and surname beat a surname alone; a middle initial does not make a name fuller
        # (Karl Jensen over Karl B. Jensen when more articles say so).
        def words(n: str) -> int:
            return min(2, sum(len(w.rstrip(".")) > 1 for w in n.split()))

        return max(arts, key=lambda n: (words(n), len(arts[n]), len(n.split()), not n.isascii(), n))
    return max(arts, key=lambda n: (len(arts[n]), len(n.split()), not n.isascii(), n))


def _rewrite_article(a: Article, new_id: dict[tuple[str, str], str], by_id: dict[str, CorpusEntity]) -> None:
    """Corpus ids on the article's entities (two local entities that are one corpus entity become one)
    and on its quotes' speakers."""
    local = {e.id: new_id[(a.id, e.id)] for e in a.entities if (a.id, e.id) in new_id}
    merged: dict[str, list[Mention]] = {}
    for e in a.entities:
        merged.setdefault(local[e.id], []).extend(e.mentions)
    out = []
    for cid, mentions in merged.items():
        uniq = {(m.start, m.end): m for m in mentions}
        ms = [uniq[k] for k in sorted(uniq)]
        ce = by_id[cid]
        out.append(Entity(id=cid, name=ce.name, type=ce.type, mentions=ms))
    out.sort(key=lambda e: (e.mentions[0].start if e.mentions else -1, e.id))
    a.entities = out
    for q in a.quotes:
        if q.speaker_entity is not None:
            q.speaker_entity = local.get(q.speaker_entity)
    a.actor_labels = [lab for lab in a.actor_labels if lab.entity in local]
    for lab in a.actor_labels:
        lab.entity = local[lab.entity]


def _run(analysis: Analysis, ctx: StageContext) -> None:
    analysis.entities = canonicalize(analysis.articles)


STAGE = CorpusStage("entities", needs=("articles",), makes=("entities",), run=_run)
