"""Named entities of one article: spaCy NER, cleaned and linked within the article.

spaCy's small model gets the spans mostly right and the labels and coreference often wrong, so this module
1. trims each span to the name itself (no "the", title, role or possessive: "port authority spokesman Tomas
   Reyes" -> "Tomas Reyes", "Kessel’s" -> "Kessel"), drops number/date labels (other extractors own them)
   and obvious noise;
2. groups spans by key, then links short forms to the one full name they can mean in this article
   (surname: "Reyes" -> "Tomas Reyes"; first name: "Elena" -> "Elena Markovic"; one-edit typo:
   "Markovich" -> "Elena Markovic"), whatever label the tagger gave the short form;
3. recovers surname mentions the tagger missed ("Reyes said ..."), so counts are honest.
Ids are L1, L2, ... in order of first mention; canon.canonicalize replaces them with corpus ids.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc

from newsprism.extract.base import Extractor
from newsprism.knowledge import names
from newsprism.model import Article, Entity, Mention
from newsprism.nlp.load import text_of

# Other extractors own numbers, amounts and times.
DROPPED_LABELS = frozenset({"CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT", "DATE", "TIME"})
# Tie-break when a name's mentions carry several labels equally often.
LABEL_PRIORITY = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT",
                  "WORK_OF_ART", "LAW", "LANGUAGE")
# Page furniture the tagger reads as names ("Read more", "Related", a lone "State" of "Secretary of State").
NOISE = names.words("read related source sources advertise follow share comment comments photo video "
                  "reporting editing state subscribe newsletter image images getty")
# A span of another label that starts with one of these is a person with a role ("Governor Elena Markovic"
# tagged ORG).
PERSON_TITLES = names.words("president secretary minister spokesman spokeswoman spokesperson senator sen "
                          "gov governor mr mrs ms dr prime vice chancellor ambassador")
_ARTICLES = ("the ", "The ")
_FINITE_VERBS = frozenset({"VBZ", "VBP", "VBD"})
_GLUED = re.compile(r"[a-z]{3}[A-Z]")
_SMALL_WORDS = names.words("a an and as at but by for in into of on or over the to up with from vs via")
# Short forms may be linked to a person even when tagged as one of these (Reyes/ORG, Jensen/GPE).
_LINKABLE = frozenset({"PERSON", "ORG", "GPE", "NORP", "PRODUCT", "WORK_OF_ART", "FAC", "LOC"})


@dataclass
class _Span:
    start: int
    end: int
    label: str
    text: str
    canonical: str | None = None  # from the alias table


@dataclass
class _Group:
    key: str
    spans: list[_Span] = field(default_factory=list)
    force: str | None = None  # a label the linking evidence settled, over the tagger's votes

    @property
    def label(self) -> str:
        if self.force:
            return self.force
        counts = Counter(s.label for s in self.spans)
        return max(counts, key=lambda lab: (counts[lab], -_priority(lab)))

    @property
    def first(self) -> int:
        return min(s.start for s in self.spans)

    @property
    def n_tokens(self) -> int:
        return len(self.key.split())


def _priority(label: str) -> int:
    return LABEL_PRIORITY.index(label) if label in LABEL_PRIORITY else len(LABEL_PRIORITY)


def extract_entities(doc: Doc) -> list[Entity]:
    """Article-local entities (ids L1, L2, ...); canon.canonicalize gives them corpus ids later."""
    text = text_of(doc)
    spans: list[_Span] = []
    for ent in doc.ents:
        if ent.label_ in DROPPED_LABELS:
            continue
        parts = [(ent.start, ent.end, ent.label_)]
        cut = _role_then_person(doc, ent.start, ent.end) if ent.label_ == "ORG" else None
        if cut is not None:
            parts = [(ent.start, cut, "ORG"), (cut, ent.end, "PERSON")]
        for start, end, label in parts:
            span = _clean_span(doc, text, start, end, label)
            if span is not None:
                spans.append(span)
    groups = _group(spans)
    groups = _drop_headline_only(groups, _headline_lines(text))
    groups = _link_short_forms(groups)
    _recall_missed(doc, groups)
    return _to_entities(groups)


# Media words that are also English surnames: "Mary Press" is a person where "Mary Herald" is not a name.
MEDIA_SURNAMES = frozenset({"press", "post"})


def _media_surname(doc: Doc, toks: list) -> bool:
    """A person the tagger read as one ("Mary Press", "Tom Post"): two or three capitalised words ending in a
    media word that is also a surname, written without "the" and not a known outlet ("The Canadian Press",
    "Denver Post")."""
    from newsprism.extract import sources

    if not 2 <= len(toks) <= 3 or toks[-1].lower_ not in MEDIA_SURNAMES or toks[0].lower_ in names.ORG_HEADS:
        return False
    if toks[0].i > 0 and doc[toks[0].i - 1].lower_ == "the":
        return False
    name = " ".join(t.text for t in toks)
    return all(t.is_title and t.is_alpha for t in toks) and sources.lookup(name) is None


def _clean_span(doc: Doc, text: str, start_tok: int, end_tok: int, label: str) -> _Span | None:
    """The name inside an NER span, or None when nothing name-like remains. `text` is doc.text read once by
    the caller: spaCy rebuilds doc.text from every token on each access, which made long articles quadratic."""
    toks = list(doc[start_tok:end_tok])
    # A span running over a line break is a headline or byline glued to the next line.
    for i, t in enumerate(toks):
        if "\n" in t.text or (t.is_space and i > 0):
            toks = toks[:i]
            break
    while toks and (toks[-1].text in ("’s", "'s", "’", "'") or toks[-1].is_punct or toks[-1].is_space):
        toks = toks[:-1]
    while toks and (toks[0].is_punct or toks[0].is_space):
        toks = toks[1:]
    if not toks:
        return None
    low = [t.text.lower() for t in toks]
    if label == "PERSON" or (label in ("ORG", "GPE", "NORP") and low[0] in PERSON_TITLES
                             and low[-1] not in names.ORG_HEADS):
        cut = _title_end(low)
        if cut:
            toks = toks[cut:]
            low = low[cut:]
            label = "PERSON"
    if toks[0].text == "the" or (toks[0].text == "The" and label not in ("ORG", "WORK_OF_ART")):
        toks = toks[1:]
        low = low[1:]
    if not toks:
        return None
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
    surface = text[start:end]
    # Possessive glued to the token ("Marković’s" when the tokenizer did not split it).
    for suffix in ("’s", "'s"):
        if surface.endswith(suffix) and len(surface) > len(suffix) + 1:
            end -= len(suffix)
            surface = surface[: -len(suffix)]
    if not _name_like(surface, low):
        return None
    if sum(bool(_GLUED.search(t.text)) for t in toks) >= 2:
        return None  # menu items run together by the extractor ("SpeakersHelp CenterContact Us")
    if label in ("PERSON", "WORK_OF_ART", "PRODUCT", "NORP") and low[-1] in names.ORG_HEADS \
            and not (label == "PERSON" and _media_surname(doc, toks)):
        label = "ORG"  # "Baltrans Shipping Company" tagged PERSON, "The Kessel Herald" tagged WORK_OF_ART
    if label in ("ORG", "PERSON", "WORK_OF_ART") and any(t.tag_ in _FINITE_VERBS for t in toks):
        return None  # a title-cased headline ("Markovich Regime Scrambles", "Harbour Burns")
    canonical = None
    known = names.alias(surface, label)
    if known:
        canonical, label = known
    elif label == "ORG" and names.fold(surface) in names.gazetteer().places:
        label = "GPE"  # "Norway" tagged ORG
    return _Span(start, end, label, surface, canonical)


# Units whose head is often followed directly by a person's name: "Chief of the Kessel Harbour Police Hanna
# Voss" comes back from the tagger as one ORG.
_UNIT_HEADS = names.words("forces army navy ministry police guard agency embassy department service council")


def _role_then_person(doc: Doc, start: int, end: int) -> int | None:
    """Token index where a trailing two-word person name starts inside an ORG span, if it has one."""
    if end - start < 3:
        return None
    head, first, last = doc[end - 3], doc[end - 2], doc[end - 1]
    places = names.gazetteer().places
    if head.text.lower() not in _UNIT_HEADS:
        return None
    for t in (first, last):
        low = t.text.lower()
        if not (t.is_alpha and t.is_title) or low in names.ORG_HEADS or low in names.TITLE_WORDS or low in places:
            return None
    return end - 2


def _title_end(low: list[str]) -> int:
    """How many leading tokens are a title or role; the last token is always kept as the name."""
    cut = 0
    for i, word in enumerate(low[:-1]):
        if word in names.TITLE_WORDS:
            cut = i + 1
    # Keep the name's own tokens: a title run ends at the last title word, but an adjective before it
    # ("Acting Port Director") goes with the title.
    return cut


def _name_like(surface: str, low: list[str]) -> bool:
    if not any(c.isalpha() for c in surface):
        return False
    if not any(c.isupper() for c in surface):
        return False  # "jargon", "the foreign ministry"
    if len(low) == 1 and (low[0] in NOISE or low[0] in names.TITLE_WORDS):
        return False
    return not all(w in names.TITLE_WORDS or w in NOISE for w in low)


def _group(spans: list[_Span]) -> list[_Group]:
    by_key: dict[str, _Group] = {}
    for s in sorted(spans, key=lambda s: (s.start, -s.end)):
        key = names.fold(s.canonical) if s.canonical else names.name_key(s.text, s.label)
        if not key:
            continue
        by_key.setdefault(key, _Group(key)).spans.append(s)
    return list(by_key.values())


def _headline_lines(text: str) -> list[tuple[int, int]]:
    """Title-cased lines (headlines, related-article links): the tagger reads their capitals as names."""
    out = []
    pos = 0
    for line in text.split("\n"):
        words = [w for w in re.findall(r"[A-Za-z][\w’'-]*", line) if w.lower() not in _SMALL_WORDS]
        if (len(words) >= 4 and not line.rstrip().endswith((".", "”", '"'))
                and sum(w[0].isupper() for w in words) >= 0.75 * len(words)):
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _drop_headline_only(groups: list[_Group], headlines: list[tuple[int, int]]) -> list[_Group]:
    """Multi-word non-person names seen only inside headline lines are mostly capitalised phrases
    ("Harbour Burns", "Tanker Fire Forces Evacuation"); a name the prose repeats is kept."""
    if not headlines:
        return groups

    def in_headline(s: _Span) -> bool:
        return any(a <= s.start and s.end <= b for a, b in headlines)

    return [g for g in groups
            if g.label == "PERSON" or g.n_tokens < 2 or g.spans[0].canonical
            or not all(in_headline(s) for s in g.spans)]


def _link_short_forms(groups: list[_Group]) -> list[_Group]:
    """Merge single-token groups into the one longer name they stand for in this article."""
    persons = [g for g in groups if g.label == "PERSON" and g.n_tokens >= 2]
    by_surname: dict[str, list[_Group]] = {}
    by_first: dict[str, list[_Group]] = {}
    for g in persons:
        toks = g.key.split()
        by_surname.setdefault(toks[-1], []).append(g)
        by_first.setdefault(toks[0], []).append(g)
    # Full names the small model tagged ORG ("Karl Jensen"): a surname tagged PERSON settles them.
    org_people: dict[str, list[_Group]] = {}
    for g in groups:
        if g.label == "ORG" and not g.spans[0].canonical and names.person_shaped(g.key):
            org_people.setdefault(g.key.split()[-1], []).append(g)
    places = names.gazetteer().places
    merged: set[int] = set()
    for g in groups:
        if g.n_tokens != 1 or g.label not in _LINKABLE or g.spans[0].canonical:
            continue
        if g.label in ("GPE", "LOC") and g.key in places:
            continue
        target = _unique(by_surname.get(g.key))
        if target is None and len(by_surname.get(g.key, [])) > 1:
            _split_by_nearest(g, by_surname[g.key])
            merged.add(id(g))
            continue
        if target is None and g.label == "PERSON" and g.key not in by_surname:
            target = _unique(org_people.get(g.key))
            if target is not None:
                target.force = "PERSON"
        if target is None and g.label == "PERSON":
            target = _unique(by_first.get(g.key))
        if target is None and g.label == "PERSON":
            target = _typo_target(g, [o for o in groups if id(o) not in merged])
        if target is not None and target is not g:
            target.spans.extend(g.spans)
            merged.add(id(g))
    return [g for g in groups if id(g) not in merged]


def _unique(cands: list[_Group] | None) -> _Group | None:
    return cands[0] if cands and len(cands) == 1 else None


def _split_by_nearest(g: _Group, cands: list[_Group]) -> None:
    """A surname two people of the article share goes to the one named most recently before it."""
    for s in g.spans:
        before = [(max((c.start for c in cand.spans if c.start < s.start), default=-1), i)
                  for i, cand in enumerate(cands)]
        pos, i = max(before)
        cands[i if pos >= 0 else 0].spans.append(s)


def _typo_target(g: _Group, groups: list[_Group]) -> _Group | None:
    """The one better-attested name this token is a one-edit misspelling of ("Markovich" in an article about
    Elena Markovic; "Kesel" tagged PERSON)."""
    cands = []
    for other in groups:
        if other is g or len(other.spans) < len(g.spans):
            continue
        forms = {other.key, other.key.split()[-1]} if other.label == "PERSON" else {other.key}
        if any(names.is_typo_of(g.key, f) for f in forms):
            cands.append(other)
    return _unique(cands)


def _recall_missed(doc: Doc, groups: list[_Group]) -> None:
    """Surname mentions the tagger skipped, exact or one edit off ("Markovich announced ..."): capitalised
    proper-noun tokens outside any span that match a person's surname in this article."""
    taken = sorted((s.start, s.end) for g in groups for s in g.spans)
    surnames: dict[str, list[_Group]] = {}
    for g in groups:
        if g.label == "PERSON" and g.n_tokens >= 2:
            surnames.setdefault(g.key.split()[-1], []).append(g)
    if not surnames:
        return
    text = text_of(doc)
    for tok in doc:
        if not (tok.is_alpha and tok.text[0].isupper() and len(tok.text) >= 3):
            continue
        start, end = tok.idx, tok.idx + len(tok.text)
        if any(s < end and start < e for s, e in taken):
            continue
        folded = names.fold(tok.text)
        owners = surnames.get(folded)
        if owners is None and tok.pos_ == "PROPN":
            typo = [g for k, gs in surnames.items() if names.is_typo_of(folded, k) for g in gs]
            owners = typo or None
        if owners and len(owners) == 1:
            owners[0].spans.append(_Span(start, end, "PERSON", text[start:end]))


def _to_entities(groups: list[_Group]) -> list[Entity]:
    out = []
    for i, g in enumerate(sorted(groups, key=lambda g: g.first), start=1):
        seen: set[tuple[int, int]] = set()
        mentions = []
        for s in sorted(g.spans, key=lambda s: (s.start, s.end)):
            if (s.start, s.end) not in seen:
                seen.add((s.start, s.end))
                mentions.append(Mention(s.text, s.start, s.end))
        out.append(Entity(id=f"L{i}", name=_best_name(g), type=g.label, mentions=mentions))
    return out


def _best_name(g: _Group) -> str:
    """The fullest form the article uses, its commonest spelling on ties."""
    canon = [s.canonical for s in g.spans if s.canonical]
    if canon:
        return Counter(canon).most_common(1)[0][0]
    forms = Counter(s.text for s in g.spans if not s.text.startswith(_ARTICLES) or g.label == "ORG")
    if not forms:
        forms = Counter(s.text for s in g.spans)
    return max(forms, key=lambda f: (len(f.split()), forms[f], -min(s.start for s in g.spans if s.text == f)))


def _fill(doc: Doc, article: Article) -> None:
    article.entities = extract_entities(doc)


EXTRACTOR = Extractor("entities", fills=("entities",), fill=_fill)
