"""Facts: claims aligned across the articles of a story, with each mention's stance and origin, and a status.

Per storyline (or story), never across the whole corpus:
1. candidate claims per article (`claims.extract_claims`), one per sentence and per counted thing in it, so
   "around 40 crew members and at least 12 people" feeds two facts;
2. a reaction sentence without content of its own ("The port authority rejected that figure.") is attached
   to the claim it answers, a few sentences earlier, as a denial or dispute;
3. candidate pairs come from an inverted index over entities, quantity units and rare words (no all-pairs);
   a pair's score adds TF-IDF word and character cosine, entity overlap (neutral when one side names no one),
   the IDF-weighted share of the shorter statement found in the other (`similarity.containment`), a shared
   count only as far as the words around it agree too (with `--embed`, also a sentence-embedding cosine,
   `embed.py`); a pair never links when quantities of one unit conflict (400 vs 100) or the dates differ
   (March vs September); links across two stories of one storyline need a closer match, since the story stage
   judged them different events;
4. links are merged best-first, refusing a merge that would put a conflicting pair into one fact, and one
   whose two groups are not alike on average (average link: no chaining of different claims);
   then each fact several articles report takes in the sentences of other articles of its story that hold what
   its mentions agree on (`widen.py`), and those that would but give its count another value become its rivals;
5. each mention gets a stance (`stance.mention_stance`, with the FNC-1 model as a second opinion on
   cross-article mentions) and an origin (`provenance.mention_origin`); the fact's status and plain-words
   reason (`fact_status`) follow from its distinct origins and any denials or disputes;
6. which facts are kept, and their order, is `keep.select`: every cross-article fact, and the most claim-like
   single-article ones within bounds that grow with the story.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np
from sklearn.feature_extraction.text import HashingVectorizer

from newsprism.corpus.facts import copies, keep
from newsprism.corpus.facts import embed as embedding
from newsprism.corpus.facts import origins as prov
from newsprism.corpus.facts import widen as widening
from newsprism.corpus.facts.apart import conflict as _conflict
from newsprism.corpus.facts.apart import widen_conflict as _widen_conflict
from newsprism.corpus.facts.claims import Claim, extract_claims, statement_for
from newsprism.corpus.facts.similarity import HASHED, containment, tfidf
from newsprism.corpus.facts.stance import MentionStance, mention_stance, model_disputes
from newsprism.corpus.facts.stance_features import content_stems
from newsprism.corpus.facts.units import normal_unit
from newsprism.corpus.stage import CorpusStage, Executor, Inline, StageContext
from newsprism.corpus.vectors import pair_dots
from newsprism.model import Analysis, Article, Duplicate, Fact, Quantity, Story, outlet_label
from newsprism.nlp.sentences import spans_of

LINK_THRESHOLD = 0.42
MAX_KEY_DF = 60  # a blocking key shared by more claims than this says nothing about sameness
REACTION_WINDOW = 3  # sentences back to look for the claim a denial answers
CROSS_STORY_PENALTY = 0.15
# A shared count (same unit, compatible value) adds QTY_BONUS (QTY_BONUS_SMALL under 10), in full once the word
# cosine reaches QTY_CONTEXT: what is said about the count must be alike too.
QTY_BONUS = 0.4
QTY_BONUS_SMALL = 0.15
QTY_CONTEXT = 0.2
# Two groups merge only when the average score of their cross pairs reaches this (see `_cluster`).
COHESION = 0.3
# A sentence naming no one is neutral on who is involved (`_entity_overlap`).
ENTITYLESS_NEUTRAL = True
# Up to HELD_BONUS when most of the shorter statement's rarer words are in the other (`_containment`), from
# HELD_MIN on.
HELD_BONUS = 0.2
HELD_MIN = 0.5
WIDEN = True


@dataclass(frozen=True)
class LinkWeights:
    """How the similarity signals of a candidate pair add up to its link score (bonuses come on top)."""
    word: float
    char: float
    ents: float
    embed: float = 0.0


LEXICAL_WEIGHTS = LinkWeights(word=0.45, char=0.35, ents=0.2)
# With --embed the sentence-embedding cosine takes 0.1 each from the word and character weights. Chosen on the
# hand-labelled candidate pairs of examples/ and the seeds (docs/quality.md, "Embeddings extra"): at 0.2 it gains
# paraphrases (the examples' 1,950-tonne testimony, the seeds' planes landing) with no false link; from 0.25 on,
# same-topic sentences of the seeds (two different claims about the same three aircraft) start to link.
EMBED_WEIGHTS = LinkWeights(word=0.35, char=0.25, ents=0.2, embed=0.2)


@dataclass
class Unit:
    """One claim as aligned: a sentence, optionally focused on one quantity in it."""
    claim: Claim
    focus: Quantity | None
    stance: MentionStance
    origin: prov.Origin | None = None
    reactions: list[tuple[Claim, MentionStance, prov.Origin]] = field(default_factory=list)
    published: str | None = None
    story: str | None = None

    @property
    def key(self) -> tuple[str, int]:
        return self.claim.article, self.claim.index


def _article_units(article: Article, src: prov.ArticleSources) -> list[Unit]:
    """Claim units of one article, with reaction sentences folded into the claim they answer."""
    units: list[Unit] = []
    for c in extract_claims(article):
        quoted = bool(c.quotes) or any(ch in c.text for ch in "“”\"")
        st = mention_stance(c.text, quoted=quoted)
        # reaction_kind(c.text) without its two regex scans: mention_stance just ran the same ones, in order
        react = st.stance if st.stance in ("denies", "disputes") else None
        own_content = bool(c.quantities) or "claim" in c.text.lower() or len(c.text.split()) > 30
        if react and not own_content:
            target = _answered_claim(units, c)
            if target is not None:
                origin = _origin(src, c, MentionStance(react, st.cue))
                target.reactions.append((c, MentionStance(react, st.cue), origin))
                continue
        foci: list[Quantity | None] = _distinct_quantities(c.quantities) or [None]
        for q in foci:
            u = Unit(claim=c, focus=q, stance=st, published=article.published.date)
            u.origin = _origin(src, c, st)
            units.append(u)
    return units


def _distinct_quantities(qs: list[Quantity]) -> list[Quantity]:
    seen: dict[str, Quantity] = {}
    for q in qs:
        if q.value is not None:
            seen.setdefault(normal_unit(q.unit), q)
    return list(seen.values())


def _answered_claim(units: list[Unit], reaction: Claim) -> Unit | None:
    near = [u for u in units if 0 < reaction.index - u.claim.index <= REACTION_WINDOW]
    if not near:
        return None
    # A denial answers the substantive claim (a number, a quote) rather than a "did not respond" aside.
    return max(near, key=lambda u: (u.focus is not None or bool(u.claim.quotes), u.claim.index))


def _origin(src: prov.ArticleSources, c: Claim, st: MentionStance) -> prov.Origin:
    q = c.quotes[0] if c.quotes else None
    return prov.mention_origin(src, c.index, c.text, q.speaker if q else None, list(q.via) if q else [],
                               bool(q.anonymous) if q else False, st.stance)


def _keys(u: Unit) -> set[str]:
    keys = {f"e:{e}" for e in u.claim.entities}
    keys |= {f"w:{w}" for w in u.claim.stems}
    if u.focus is not None:
        keys.add(f"u:{normal_unit(u.focus.unit)}")
    return keys


Scored = list[tuple[float, int, int]]


def _links(units: list[Unit], embed: bool = False) -> tuple[Scored, list[tuple[int, int]]]:
    """Scored links between units of different articles (blocked), and near-identical pairs whose numbers conflict.

    `embed` adds the sentence-embedding cosine of the two statements (the optional extra, `embed.py`)."""
    scored, conflicts = _pair_scores(units, embed)
    return [t for t in scored if t[0] >= LINK_THRESHOLD], conflicts


def _pair_scores(units: list[Unit], embed: bool = False) -> tuple[Scored, list[tuple[int, int]]]:
    """Every blocked candidate pair that may share a fact, with its link score (best first), and the pairs
    whose numbers conflict. The scores under the threshold still count when `_cluster` weighs a merge."""
    if len(units) < 2:
        return [], []
    index: dict[str, list[int]] = defaultdict(list)
    for i, u in enumerate(units):
        for k in _keys(u):
            index[k].append(i)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for k, members in index.items():
        if len(members) > MAX_KEY_DF:
            continue
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                i, j = members[x], members[y]
                if units[i].claim.article != units[j].claim.article:
                    shared[(i, j)] += 2 if k[0] in "eu" else 1
    cands = [pair for pair, n in shared.items() if n >= 3]
    if not cands:  # most blocks of a large corpus: one article, or nothing in common
        return [], []
    # Compare what is claimed, not who is credited: attribution ("..., Harbour Watch said, citing ...") would
    # otherwise dominate the similarity of two reports of the same thing.
    texts = [statement_for(u.claim.text) for u in units]
    wv = tfidf(HashingVectorizer(tokenizer=content_stems, lowercase=False, token_pattern=None, ngram_range=(1, 2),
                                  **HASHED), texts)
    if not wv.nnz:  # nothing but stop words
        return [], []
    cv = tfidf(HashingVectorizer(analyzer="char_wb", ngram_range=(3, 5), **HASHED), texts)
    left = np.fromiter((i for i, _ in cands), dtype=np.int64, count=len(cands))
    right = np.fromiter((j for _, j in cands), dtype=np.int64, count=len(cands))
    # rows are L2-normalised: the row-wise dot product is the cosine, for all candidate pairs in one go
    word_sim = pair_dots(wv, left, right).tolist()
    char_sim = pair_dots(cv, left, right).tolist()
    # Only blocked candidates are encoded, each distinct statement once; cosines arrive rounded (embed.DECIMALS).
    emb_sim = embedding.similarities(texts, left, right) if embed else [0.0] * len(cands)
    contain = containment(texts, cands)
    lex = LEXICAL_WEIGHTS
    w = EMBED_WEIGHTS if embed else LEXICAL_WEIGHTS
    links, conflicts = [], []
    for (i, j), word, char, emb, held in zip(cands, word_sim, char_sim, emb_sim, contain, strict=True):
        a, b = units[i], units[j]
        ents = _entity_overlap(a.claim.entities, b.claim.entities, word, char, lex)
        lexical = lex.word * word + lex.char * char + lex.ents * ents
        if embed:
            ents = _entity_overlap(a.claim.entities, b.claim.entities, word, char, w)
        score = (w.word * word + w.char * char + w.ents * ents + w.embed * emb) if embed else lexical
        why = _conflict(a, b)
        # A conflict makes a fact "contested": it needs near-identical wording, which the embedding cannot tell
        # from a same-topic sentence (it rates "three aircraft" and "two planes" alike), so lexical score only.
        if why == "quantity" and lexical >= 0.45:
            conflicts.append((i, j))
        if why:
            continue
        if a.focus is not None and b.focus is not None:
            # Same unit, compatible count: the strongest single signal two reports agree, when the sentences
            # also say something alike about it; small counts ("two planes") recur too often to carry it alone.
            # The same count in otherwise unrelated sentences ("a dozen people were at the party when he came
            # in" / "twelve other people managed to leave the office") is a coincidence, not one claim.
            bonus = QTY_BONUS if (a.focus.value or 0) >= 10 else QTY_BONUS_SMALL
            score += bonus * min(1.0, word / QTY_CONTEXT)
        elif (a.focus is None) != (b.focus is None):
            score -= 0.05
        # Most of what the shorter statement says, in its rarer words, is in the other: a paraphrase or the
        # same claim inside a longer sentence, which the cosines underrate.
        score += HELD_BONUS * max(0.0, held - HELD_MIN) / (1.0 - HELD_MIN)
        if a.story != b.story:
            # The story stage already judged these to be different events; only a close match crosses over.
            score -= CROSS_STORY_PENALTY
        links.append((score, i, j))
    links.sort(key=lambda t: (-t[0], t[1], t[2]))
    return links, conflicts


def _entity_overlap(ea: set[str], eb: set[str], word: float, char: float, w: LinkWeights) -> float:
    """Share of the smaller entity set found in the other. A sentence that names no one ("the group was
    insufficiently equipped for the climb") says nothing either way about who is involved: its entity share is
    what its wording says, so that naming nobody is not counted as naming someone else."""
    if not ea or not eb:
        return (w.word * word + w.char * char) / (w.word + w.char) if ENTITYLESS_NEUTRAL else 0.0
    return len(ea & eb) / min(len(ea), len(eb))


def _cluster(units: list[Unit], links: Scored, scores: dict[tuple[int, int], float] | None = None) -> list[list[int]]:
    """Facts as groups of units: links merged best first, where the merge keeps the group about one claim.

    Linking alone chains: A is like B and B like C although A and C state different things ("65% of traffic
    is offline" - "traffic was being rerouted" - "most traffic was rerouted through the United States"). So
    two groups merge only when their members are alike on average (average link over `scores`, every blocked
    pair's score; a pair never blocked counts 0), not merely through their best pair."""
    members: dict[int, list[int]] = {i: [i] for i in range(len(units))}
    root = list(range(len(units)))
    scores = scores if scores is not None else {(i, j): s for s, i, j in links}
    for _, i, j in links:
        ri, rj = root[i], root[j]
        if ri == rj:
            continue
        if any(_conflict(units[x], units[y]) for x in members[ri] for y in members[rj]):
            continue
        # One fact holds one sentence per article: a second sentence of the same article is a repetition.
        if {units[x].claim.article for x in members[ri]} & {units[y].claim.article for y in members[rj]}:
            continue
        if len(members[ri]) + len(members[rj]) > 2 and _cohesion(members[ri], members[rj], scores) < COHESION:
            continue
        for y in members[rj]:
            root[y] = ri
        members[ri] += members.pop(rj)
    return sorted((sorted(m) for m in members.values()), key=lambda m: m[0])


def _cohesion(a: list[int], b: list[int], scores: dict[tuple[int, int], float]) -> float:
    total = 0.0
    for x in a:
        for y in b:
            total += max(0.0, scores.get((x, y) if x < y else (y, x), 0.0))
    return total / (len(a) * len(b))


def _model_check(units: list[Unit], clusters: list[list[int]]) -> None:
    """Second opinion from the FNC-1 model on cross-article facts: a mention the cue rules read as support but
    the model reads as disagreement (with a refuting word present) becomes a dispute."""
    pairs, who = [], []
    for cl in clusters:
        if len({units[i].claim.article for i in cl}) < 2:
            continue
        head = statement_for(units[cl[0]].claim.text)
        for i in cl[1:]:
            if units[i].stance.stance in ("asserts", "attributes"):
                pairs.append((head, units[i].claim.text))
                who.append(i)
    for i, flip in zip(who, model_disputes(pairs)):
        if flip:
            units[i].stance = MentionStance("disputes", "stance model: disagrees")


def _blocks(ids: list[str], stories: list[Story]) -> list[tuple[str | None, list[int]]]:
    """Article groups to align within, as positions in `ids`: a storyline, else a story; without any story
    the corpus is one block. Positions, not articles: spooled articles are read one block at a time."""
    by_id = {a: i for i, a in enumerate(ids)}
    if not stories:
        return [(None, list(range(len(ids))))]
    groups: dict[str, tuple[str, list[str]]] = {}
    placed: set[str] = set()
    for s in stories:
        key = s.storyline or s.id
        sid, ids = groups.setdefault(key, (s.id, []))
        for a in s.articles:
            if a in by_id and a not in placed:
                ids.append(a)
                placed.add(a)
    out = [(sid, [by_id[a] for a in ids]) for sid, ids in groups.values()]
    out += [(None, [i]) for i, a in enumerate(ids) if a not in placed]
    return out


@dataclass
class Block:
    """The claim units of one alignment block, and the sources each of its articles cites."""
    story: str | None
    units: list[Unit]
    cited: dict[str, set[str]]


def _story_of(stories: list[Story]) -> dict[str, str]:
    return {a: s.id for s in reversed(stories) for a in s.articles}


def _outlets(articles: Sequence[Article]) -> dict[str, str]:
    return {a.id: outlet_label(a.id, a.outlet) for a in articles}


def block_units(articles: Sequence[Article], stories: list[Story]) -> Iterator[Block]:
    """Claim units per block (`_blocks`); also what scripts/eval_embed.py scores link decisions on."""
    story_of, outlets = _story_of(stories), _outlets(articles)
    for story_id, idx in _blocks(list(outlets), stories):
        yield _block(story_id, [articles[i] for i in idx], story_of, outlets)


def _block(story_id: str | None, arts: list[Article], story_of: dict[str, str], outlets: dict[str, str]) -> Block:
    units: list[Unit] = []
    cited: dict[str, set[str]] = {}
    for a in arts:
        src = prov.article_sources(a, spans_of(a), outlets[a.id])
        cited[a.id] = {o.name for sent in src.per_sentence for _, o in sent if o.kind != "anonymous"}
        for u in _article_units(a, src):
            u.story = story_of.get(a.id)
            units.append(u)
    return Block(story_id, units, cited)


@dataclass
class BlockJob:
    """One alignment block with just the lookups it needs, small enough to send to a worker process."""
    story: str | None
    articles: list[Article]
    story_of: dict[str, str]
    outlets: dict[str, str]
    copy_of: dict[str, str]
    embed: bool = False
    passages: copies.Passages = field(default_factory=dict)  # copied passages of its articles (one origin)


Draft = tuple[str, tuple[str, int], Fact]


def align_facts(articles: Sequence[Article], stories: list[Story], duplicates: list[Duplicate],
                embed: bool = False, executor: Executor | None = None) -> list[Fact]:
    """Facts of the corpus; `embed` adds the sentence-embedding signal to link scoring (needs the extra).

    Blocks are independent, so they run on the executor's workers; the result is the same for any count."""
    executor = executor or Inline()
    if embed:
        embedding.require()  # fail before any work, with the install commands
        executor = Inline()  # one embedding model in memory, not one per process

    copy_of = prov.syndication_groups(duplicates)
    passages = copies.shared_passages(duplicates)
    story_of = _story_of(stories)
    outlets = _outlets(articles)  # in input order, one entry per article: its keys are the articles' ids

    def jobs() -> Iterator[BlockJob]:
        for story_id, idx in _blocks(list(outlets), stories):
            arts = [articles[i] for i in idx]
            ids = [a.id for a in arts]
            copies = {a: copy_of[a] for a in ids if a in copy_of}
            near = set(ids) | set(copies.values())
            yield BlockJob(story_id, arts, {a: story_of[a] for a in ids if a in story_of},
                           {a: outlets[a] for a in near if a in outlets}, copies, embed,
                           {a: passages[a] for a in ids if a in passages})

    drafts = [d for part in executor.map(block_facts, jobs(), chunksize=16) for d in part]
    drafts.sort(key=lambda t: (t[0], t[1]))
    facts = []
    for k, (_, _, f) in enumerate(drafts, 1):
        f.id = f"F{k}"
        facts.append(f)
    return facts


def block_facts(job: BlockJob) -> list[Draft]:
    """The ranked, capped facts of one block, each with its sort key; ids are given once all blocks are in."""
    from newsprism.corpus.facts.status import build_fact, worth_showing

    block = _block(job.story, job.articles, job.story_of, job.outlets)
    units, cited = block.units, block.cited
    scored, conflicts = _pair_scores(units, embed=job.embed)
    links = [t for t in scored if t[0] >= LINK_THRESHOLD]
    clusters = _cluster(units, links, {(i, j): sc for sc, i, j in scored})
    where = {i: n for n, cl in enumerate(clusters) for i in cl}
    rivals: dict[int, set[int]] = defaultdict(set)
    for i, j in conflicts:
        if where[i] != where[j]:
            rivals[where[i]].add(where[j])
            rivals[where[j]].add(where[i])
    _model_check(units, clusters)
    if WIDEN:
        clusters, minority = widening.widen(units, clusters, _widen_conflict)
        for n, against in minority.items():
            rivals[n].update(where[j] for j in against if where[j] != n)
    candidates = []
    for n, cl in enumerate(clusters):
        if not cl:  # folded into its twin by widening
            continue
        group = [units[i] for i in cl]
        own = set(cl)  # a widened fact shares sentences with others: none of its own is its rival
        rival_units = [units[i] for r in sorted(rivals[n]) for i in clusters[r] if i not in own]
        f = build_fact(group, rival_units, job.outlets, job.copy_of, cited, job.passages)
        if worth_showing(f, group):
            first = min(group, key=lambda u: (u.claim.article, u.claim.start)).claim.article
            candidates.append(keep.Candidate(f, job.story_of.get(first, job.story), group))
    articles_per_story: dict[str | None, int] = defaultdict(int)
    for a in job.articles:
        articles_per_story[job.story_of.get(a.id, job.story)] += 1
    drafts: list[Draft] = []
    for c in keep.select(candidates, articles_per_story):
        c.fact.story = c.story
        drafts.append((c.story or "", min((u.claim.article, u.claim.start) for u in c.group), c.fact))
    return drafts


__all__ = ["align_facts"]


def _run(analysis: Analysis, ctx: StageContext) -> None:
    analysis.facts = align_facts(analysis.articles, analysis.stories, analysis.duplicates, embed=ctx.embed,
                                 executor=ctx.executor)


STAGE = CorpusStage("facts", needs=("articles", "stories", "duplicates"), makes=("facts",), run=_run)
