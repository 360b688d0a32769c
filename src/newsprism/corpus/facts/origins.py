"""Provenance: the origin behind each claim mention, so corroboration counts independent origins, not articles.

Ten outlets re-running one Reuters story are one origin. For each mention the origin is, in order:
1. the organisation cited in the sentence itself (a wire, state media, another outlet, a data source),
2. else the named person making the claim ("Reyes said the tanker was carrying ..."), or an anonymous source,
3. else (the outlet's own voice, or vague "media reports said") the nearest source the article cites around the
   sentence: two sentences back, then one ahead, because articles state a fact and attribute it next to it,
4. else a wire in the byline, else the outlet's own reporting.
Syndicated and exact copies (from dedup) are folded into their original before any of this counts.

A speaker is who the sentence says it is, not who the extractor resolved it to when the words belong to a
representative ("Marsh's publicist, Dana Holt, told ..." is the publicist), and lower-case speakers the
attribution layer names ("..., police said Saturday") are origins too, never the weekday after the verb.
Within one fact, `variants.merge_variants` then makes one origin of the names of one real-world source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from anyascii import anyascii

from newsprism.corpus.facts.stance_features import content_stems

# merge_variants and unknown_outlet are re-exported: fact building counts origins through this module
from newsprism.corpus.facts.variants import AGENT_NOUNS, GROUP_WORDS, SPEAKS_FOR_TITLES, Origin
from newsprism.corpus.facts.variants import merge_variants as merge_variants
from newsprism.corpus.facts.variants import unknown_outlet as unknown_outlet
from newsprism.knowledge import demonyms
from newsprism.knowledge.names import ORG_HEADS, fold, words
from newsprism.model import Article, Duplicate

# Canonical name, kind, country (for state media: a generic "Chinese state media" is the same origin as Xinhua).
# Other outlets, state media included, are known from data/sources.tsv through the extractors' cited names.
KNOWN_SOURCES: dict[str, tuple[str, str, str | None]] = {
    r"Reuters": ("Reuters", "wire", None),
    r"(?:The )?Associated Press|\bAP\b": ("The Associated Press", "wire", None),
    r"AFP|Agence France[- ]Presse": ("AFP", "wire", None),
    r"Bloomberg": ("Bloomberg", "wire", None),
    r"Interfax": ("Interfax", "wire", None),
    r"\bdpa\b|Deutsche Presse-Agentur": ("dpa", "wire", None),
    r"\bUPI\b|United Press International": ("UPI", "wire", None),
    r"Sputnik": ("Sputnik", "state_media", "Russian"),
    r"\bTASS\b": ("TASS", "state_media", "Russian"),
    r"\bRIA(?: Novosti)?\b": ("RIA Novosti", "state_media", "Russian"),
    r"\bRT\b|Russia Today": ("RT", "state_media", "Russian"),
    r"Xinhua": ("Xinhua", "state_media", "Chinese"),
    r"(?:The )?BBC": ("BBC", "media", None),
    r"\bCNN\b": ("CNN", "media", None),
    r"(?:The )?Washington Post": ("The Washington Post", "media", None),
    r"(?:The )?New York Times": ("The New York Times", "media", None),
    r"(?:The )?Wall Street Journal": ("The Wall Street Journal", "media", None),
    r"(?:The )?Guardian": ("The Guardian", "media", None),
    r"Al Jazeera": ("Al Jazeera", "media", None),
    r"Fox News": ("Fox News", "media", None),
    r"Flight ?Radar(?:24)?|flight[- ]tracking (?:data|website)": ("flight-tracking data", "data", None),
}
_KNOWN_RE = [(re.compile(p), v) for p, v in KNOWN_SOURCES.items()]
# Exact prefilters: every match of a pattern contains one of its literals here (tests check each pattern has
# an entry), and every match of _ANON_RE one of _ANON_WORDS. Most sentences cite nothing, and a substring test
# is far cheaper than a regex scan: the fact stage spent a fifth of its time in find_sources.
_LITERALS: dict[str, tuple[str, ...]] = {  # by canonical name, as in KNOWN_SOURCES
    "Reuters": ("Reuters",), "The Associated Press": ("Associated Press", "AP"), "AFP": ("AFP", "Agence France"),
    "Bloomberg": ("Bloomberg",), "Interfax": ("Interfax",), "dpa": ("dpa", "Deutsche Presse-Agentur"),
    "UPI": ("UPI", "United Press International"), "Sputnik": ("Sputnik",), "TASS": ("TASS",),
    "RIA Novosti": ("RIA",), "RT": ("RT", "Russia Today"), "Xinhua": ("Xinhua",), "BBC": ("BBC",), "CNN": ("CNN",),
    "The Washington Post": ("Washington Post",),
    "The New York Times": ("New York Times",), "The Wall Street Journal": ("Wall Street Journal",),
    "The Guardian": ("Guardian",), "Al Jazeera": ("Al Jazeera",), "Fox News": ("Fox News",),
    "flight-tracking data": ("Flight", "flight"),
}
_KNOWN = [(rx, v, _LITERALS[v[0]]) for rx, v in _KNOWN_RE]
# Some literal of some pattern is in the text: one scan that most sentences fail, before the per-pattern tests.
_ANY_LITERAL = re.compile("|".join(re.escape(lit) for lits in _LITERALS.values() for lit in lits))
_ANON_WORDS = ("anonymous", "unnamed", "unidentified", "source")
_SPEECH_HINT = re.compile(r"\b(?:said|says|told|stated|added|claimed|denied|called|accused|warned|predicted|"
                          r"allege|alleged|according to|confirmed by)\b")
_STATE_MEDIA_RE = re.compile(r"\b(?:(?P<country>[A-Z][a-z]+)(?:'s)?\s+)?state(?:-run|-funded|-owned)?\s+"
                             r"(?:media|news agency|television|TV|broadcaster)\b")
_ANON_RE = re.compile(
    r"\b(?:an?\s+|two\s+|three\s+|several\s+)?(?:anonymous|unnamed|unidentified)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:sources?|officials?|diplomats?|persons?|people)\b|"
    r"\b(?:a\s+|one\s+|two\s+|the\s+third\s+|a\s+third\s+)?sources?\s+(?:close\s+to|familiar\s+with)\s+[^,.;]+|"
    r"^Sources\s+(?:report|say|said)", re.I)
# A named person who makes the claim: "<Name>[, appositive,] said/told/stated ...", or "..., said <Name>".
_NAME = r"(?:[A-Z][\w’'\-]+\.?\s+){0,4}[A-Z][\w’'\-]+"
_ROLE_BEFORE = re.compile(r"((?:[A-Z][\w’'\-]+\s+){1,3}(?:spokes(?:man|woman|person)|minister|president|secretary|"
                          r"adviser|advisor|ambassador|chief|leader|official|envoy)\s+)$")
_SPEAKER_RE = re.compile(
    rf"(?P<a>{_NAME})(?:,\s(?:(?!\b(?:was|were|is|are|had|has|when)\b)[^,]){{3,140}},)?\s+(?:\w+ly\s+)?"
    rf"(?:said|says|told|stated|added|claimed|denied|"
    rf"called|accused|warned|predicted|allege|alleged)\b|"
    rf"\b(?:said|says|according to|confirmed by)\s+(?:the\s+)?(?P<b>{_NAME}(?:,\s+an?\s+[a-z]+\s+for\s+(?:the\s+)?"
    rf"{_NAME})?)")
_BODY_RE = re.compile(r"\b(?P<n>(?:the\s+)?(?:[A-Z][\w’'\-]+\s+){1,3}(?:government|ministry|embassy|military|"
                      r"authorities|administration|Kremlin|Foreign Ministry))\s+(?:has\s+|have\s+|had\s+)?"
                      r"(?:challenged|disputed|denied|rejected|dismissed|refuted|contradicted)")
_TITLES = re.compile(r"^(?:But|And|Meanwhile|However|The|A|An|In|On|At)\s+")
# Words that never make a name a person or a cited source on their own, nationality adjectives included
# ("Kenyan officials said", "Chinese state media").
_VAGUE = frozenset({"The", "It", "He", "She", "They", "We", "Officials", "Media", "United", "Who", "This", "That",
                    "These", "Those", "There", "In", "On", "But", "And"}) | demonyms.capitalised()
_TITLES_WORDS = frozenset({"It", "He", "She", "They", "We", "Who", "This", "That", "These", "Those", "There"})
_CITED_KINDS = frozenset({"wire", "state_media", "media", "data", "government"})
_VAGUE_CUE = re.compile(r"\b(?:media reports|^reports$|reports said|reports say|reportedly|it was reported)\b", re.I)
# A neighbouring sentence lends its source only when it talks about the same thing.
_NEIGHBOUR_OVERLAP = 2
# Capitalised words next to a speech verb that never name who speaks: "police said Saturday", "One was with him".
_NOT_SPEAKER = words("""monday tuesday wednesday thursday friday saturday sunday today yesterday tonight tomorrow
january february march april may june july august september october november december
i you he she it we they him her them his hers its our their this that these those one someone everyone
who what there here a an the""")
_POSSESSED_AGENT = re.compile(r"(?P<owner>[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+)*)[’']s?\s+(?P<role>[a-z]+)"
                              r"(?:,\s+(?P<name>(?:[A-Z][\w’'\-]+\.?\s+){0,3}[A-Z][\w’'\-]+),)?")
_DETERMINER = re.compile(r"^(?:the|a|an)\s+", re.I)


def _key(name: str) -> str:
    return anyascii(name).lower().strip()


def find_sources(text: str, cited_names: list[tuple[str, str]] = ()) -> list[tuple[int, Origin]]:
    """Organisations and anonymous sources cited in `text`, with their position, in order of appearance."""
    found: dict[int, Origin] = {}
    for rx, (name, kind, country), needs in (_KNOWN if _ANY_LITERAL.search(text) else ()):
        if any(lit in text for lit in needs):
            for m in rx.finditer(text):
                found.setdefault(m.start(), Origin(name, kind, country))
    if "state" in text:
        for m in _STATE_MEDIA_RE.finditer(text):
            country = m.group("country")
            label = f"{country} state media" if country and country not in ("The", "A") else "state media"
            if not any(abs(p - m.start()) < 40 and o.kind == "state_media" for p, o in found.items()):
                found.setdefault(m.start(), Origin(label, "state_media", country))
    for name, kind in cited_names:
        if (len(name) > 3 and name[:1].isupper() and kind in _CITED_KINDS and name not in _VAGUE
                and name in text):
            for m in re.finditer(r"\b" + re.escape(name) + r"\b", text):
                if not any(p <= m.start() < p + 30 for p in found):
                    found.setdefault(m.start(), Origin(name, kind))
    low = text.casefold()  # _ANON_RE is case-insensitive
    if any(w in low for w in _ANON_WORDS):
        for m in _ANON_RE.finditer(text):
            label = "unnamed sources" if m.group(0).startswith("Sources") else m.group(0).strip()
            found.setdefault(m.start(), Origin(label, "anonymous"))
    return sorted(found.items())


def _known_source(text: str) -> bool:
    return bool(_ANY_LITERAL.search(text)) and any(any(lit in text for lit in needs) and rx.search(text)
                                                   for rx, _, needs in _KNOWN)


def find_speaker(text: str) -> str | None:
    """The named person a sentence attributes its claim to, by surface pattern (quotes extractor fallback)."""
    for m in (_SPEAKER_RE.finditer(text) if _SPEECH_HINT.search(text) else ()):
        name = _TITLES.sub("", (m.group("a") or m.group("b") or "").strip())
        if name and name.split()[0] not in _VAGUE and not _known_source(name) and not _not_a_speaker(name):
            role = _ROLE_BEFORE.search(text[: m.start("a") if m.group("a") else m.start("b")])
            return _TITLES.sub("", (role.group(1) if role else "") + name)
    m = _BODY_RE.search(text)
    return m.group("n") if m else None


def _not_a_speaker(name: str) -> bool:
    first = fold(name).split()[:1]
    return not first or first[0] in _NOT_SPEAKER


def complete_speaker(speaker: str, sentence: str) -> str:
    """The speaker phrase as the sentence spells it, where the extractor cut it short: a title's dot ended
    it ("said Sgt." + "Ann Corr"), or it stopped before the body's head noun ("from Northvale" + "police")."""
    at = sentence.find(speaker)
    if at < 0:
        return speaker
    rest = sentence[at + len(speaker):]
    m = re.match(r"\.\s+((?:[A-Z][\w’'\-]+\s+){0,2}[A-Z][\w’'\-]+)", rest)
    if m and len(speaker.split()[-1]) <= 5:
        return f"{speaker}. {m.group(1)}"
    m = re.match(r"\s+([A-Za-z]+)\b", rest)
    if m and m.group(1).lower() in ORG_HEADS:
        return f"{speaker} {m.group(1)}"
    return speaker


def represented_speaker(speaker: str, sentence: str) -> str:
    """Who actually speaks when the sentence gives the words to someone's representative: "Marsh's
    publicist, Dana Holt, told ..." is Dana Holt (or "Marsh's publicist"), whatever the speaker resolved to."""
    if "'" not in sentence and "’" not in sentence:
        return speaker
    for m in _POSSESSED_AGENT.finditer(sentence):
        if m.group("role") not in AGENT_NOUNS:
            continue
        owner = fold(m.group("owner")).split()
        if owner and (owner[-1] in fold(speaker).split() or fold(speaker) in _NOT_SPEAKER):
            return m.group("name") or f"{m.group('owner')}'s {m.group('role')}"
    return speaker


# The words just before a name that say whom a person speaks for: a body and a rank or role ("Bloomington Police
# Sgt.", "police spokesman", "Constable").
_TITLE_BEFORE = re.compile(r"((?:[A-Z][\w’'\-]*\.?\s+){0,3}(?:[a-z]+\s+)?(?:[A-Z][a-z]*\.?|spokes(?:man|woman|person))\s+)$")


def titled(name: str, sentence: str) -> str:
    """`name` with the rank or body title the sentence puts before it ("Tom Hale" -> "Constable Tom
    Hale"), so that whom a person speaks for is known where the canonical name drops it."""
    at = sentence.find(name)
    if at <= 0:
        return name
    m = _TITLE_BEFORE.search(sentence[:at])
    if not m:
        return name
    title = m.group(1).split()
    if not set(fold(" ".join(title)).split()) & SPEAKS_FOR_TITLES:
        return name
    start = next((i for i, w in enumerate(title) if w[:1].isupper() or fold(w) in GROUP_WORDS), len(title))
    title = title[start:]
    return " ".join([*title, name]) if title and fold(title[-1]) in SPEAKS_FOR_TITLES else name


def group_speaker(speaker: str | None) -> str | None:
    """A speaker the attribution layer names in lower case ("police", "the DA", "police in Sicily"): an
    origin when its head is a body or a kind of people; "police sources" stays anonymous (the caller checks)."""
    if not speaker:
        return None
    bare = _DETERMINER.sub("", speaker.strip())
    toks = fold(bare).split()
    if not toks or toks[0] in _NOT_SPEAKER or len(toks) > 6:
        return None
    return bare if _group_word(toks[0]) or _group_word(toks[-1]) or bare.isupper() else None


def _group_word(word: str) -> bool:
    return word in GROUP_WORDS or (word.endswith("s") and word[:-1] in GROUP_WORDS)


_GROUP_CUE = re.compile(r"(?:^|,\s+|\b(?:the|and)\s+)(?P<g>(?:[A-Za-z][\w\-]*\s+){0,2}?[a-z][\w\-]*)\s+"
                        r"(?:said|say|says|told|added|allege|alleged)\b")


def find_group_speaker(text: str) -> str | None:
    """A speaker named in lower case by the sentence itself ("..., police said Saturday", "state police say"),
    for articles the attribution layer did not annotate."""
    for m in (_GROUP_CUE.finditer(text) if _SPEECH_HINT.search(text) or " say" in text else ()):
        found = group_speaker(m.group("g"))
        if found and _group_word(fold(found).split()[-1]):
            return found
    return None


def byline_wire(article: Article) -> Origin | None:
    """A wire that wrote the whole article (byline "By Reuters"), which makes its own voice the wire's."""
    names = [article.credit or "", *article.authors] + re.findall(r"^\s*By\s+([^\n]{2,40})$", article.body[:600], re.M)
    for n in names:
        for rx, (name, kind, country) in _KNOWN_RE:
            if kind in ("wire", "state_media") and rx.fullmatch(n.strip()):
                return Origin(name, kind, country)
    return None


def syndication_groups(duplicates: list[Duplicate]) -> dict[str, str]:
    """article id -> the id standing for its copy group (exact and syndicated copies only)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for d in duplicates:
        if d.kind not in ("exact", "syndicated") or len(d.articles) < 2:
            continue
        root = find(d.original or d.articles[0])
        for a in d.articles:
            ra = find(a)
            if ra != root:
                parent[ra] = root
    return {a: find(a) for a in parent}


@dataclass
class ArticleSources:
    """What one article cites, per sentence, computed once per article."""
    article: Article
    outlet: str
    per_sentence: list[list[tuple[int, Origin]]]
    byline: Origin | None
    stems: list[set[str]]
    # folded surface name -> the corpus entity's canonical name (after the entities stage: "Craft" ->
    # "Charles Craft" when the corpus knows one Craft), for people and bodies only
    names: dict[str, str] = field(default_factory=dict)
    # canonical person name -> the name with the title the article gives it somewhere ("Constable Tom Hale"),
    # for the sentences that name the person bare ("Hale said")
    titles: dict[str, str] = field(default_factory=dict)

    def canonical(self, name: str) -> str:
        return self.names.get(fold(name), name)

    def person(self, name: str, sentence: str) -> str:
        """A speaker's name as counted: canonical, with the title the sentence or else the article gives it."""
        name = self.canonical(name)
        here = titled(name, sentence)
        return here if here != name else self.titles.get(name, name)


def article_sources(article: Article, sentences: list[tuple[int, int]], outlet: str) -> ArticleSources:
    cited = [(s.name, s.kind) for s in article.sources_cited]
    per = [find_sources(article.body[s:e], cited) for s, e in sentences]
    stems = [_stems(article.body[s:e]) for s, e in sentences]
    names = {fold(m.text): e.name for e in article.entities if e.type in ("PERSON", "ORG")
             for m in e.mentions if m.text}
    return ArticleSources(article, outlet, per, byline_wire(article), stems, names, _titles(article))


def _titles(article: Article) -> dict[str, str]:
    """Each person of the article with the first title the article puts before one of their mentions."""
    out: dict[str, str] = {}
    body = article.body
    for e in article.entities:
        if e.type != "PERSON":
            continue
        for m in e.mentions:
            found = titled(m.text, body[max(0, m.start - 80):m.end])
            if found != m.text:
                out[e.name] = found[: len(found) - len(m.text)] + e.name
                break
    return out


def _stems(text: str) -> set[str]:
    return {t for t in content_stems(text) if len(t) > 2 and not t.isdigit()}


def _is_name(speaker: str) -> bool:
    first = speaker.split()[0] if speaker.split() else ""
    return bool(re.match(r"[A-Z]", speaker)) and speaker not in _VAGUE and first not in _TITLES_WORDS \
        and not _not_a_speaker(speaker)


def mention_origin(src: ArticleSources, index: int, sentence: str, quote_speaker: str | None,
                   quote_via: list[str], anonymous: bool, stance: str) -> Origin:
    """The origin behind the claim in sentence `index` of the article (see module docstring for the order)."""
    here = [o for _, o in src.per_sentence[index]] if index < len(src.per_sentence) else []
    if quote_speaker and not anonymous:
        quote_speaker = represented_speaker(complete_speaker(quote_speaker, sentence), sentence)
    # A quote's speaker is where the words come from; the outlets it came through ("via") are conduits.
    if quote_speaker and not anonymous and _is_name(quote_speaker) and not _VAGUE_CUE.search(quote_speaker):
        hit = find_sources(quote_speaker)
        if hit and hit[0][1].kind != "anonymous":
            return hit[0][1]
        found = find_speaker(sentence)
        return Origin(src.person(found if found and quote_speaker in found else quote_speaker, sentence), "person")
    group = None if anonymous else group_speaker(quote_speaker)
    if group and not _VAGUE_CUE.search(group) and not any(o.kind != "anonymous" for o in here):
        return Origin(group, "government" if fold(group).split()[-1] in ORG_HEADS else "person")
    orgs = [o for o in here if o.kind != "anonymous"]
    for v in quote_via:
        hit = find_sources(v)
        orgs.insert(0, hit[0][1] if hit else Origin(v, "media"))
    if orgs:
        return orgs[0]
    speaker = None
    if stance in ("attributes", "denies", "disputes") or "confirmed by" in sentence:
        found = find_speaker(sentence)
        if found and (not speaker or speaker in found):
            speaker = found
    if speaker:
        return Origin(src.person(represented_speaker(speaker, sentence), sentence), "person")
    group = find_group_speaker(sentence) if stance in ("attributes", "denies", "disputes") else None
    if group:
        return Origin(group, "government" if fold(group).split()[-1] in ORG_HEADS else "person")
    anon = [o for o in here if o.kind == "anonymous"]
    if anon:
        return anon[0]
    mine = _stems(sentence)
    for j in (index - 1, index - 2, index + 1):
        if 0 <= j < len(src.per_sentence):
            near = [o for _, o in src.per_sentence[j] if o.kind in ("wire", "state_media", "media", "data")]
            if near and len(mine & src.stems[j]) >= _NEIGHBOUR_OVERLAP:
                return near[0]
    if _VAGUE_CUE.search(sentence):
        return Origin("unnamed media reports", "anonymous")
    if src.byline:
        return src.byline
    return Origin(src.outlet, "outlet")


def merge_state_media(origins: list[Origin]) -> dict[Origin, Origin]:
    """A generic "Chinese state media" next to Xinhua in the same fact is one origin, not two: maps each
    generic state-media origin to the specific outlet of the same country, when the fact has one."""
    specific = {o.country: o for o in origins if o.kind == "state_media" and not o.name.endswith("state media")}
    return {o: specific[o.country] for o in origins
            if o.kind == "state_media" and o.name.endswith("state media") and o.country in specific}


def origin_key(o: Origin) -> str:
    return _key(o.name)

