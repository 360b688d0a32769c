"""Provenance: the origin behind each claim mention, so corroboration counts independent origins, not articles.

Ten outlets re-running one Reuters story are one origin. For each mention the origin is, in order:
1. the organisation cited in the sentence itself (a wire, state media, another outlet, a data source),
2. else the named person making the claim ("Reyes said the tanker was carrying ..."), or an anonymous source,
3. else (the outlet's own voice, or vague "media reports said") the nearest source the article cites around the
   sentence: two sentences back, then one ahead, because articles state a fact and attribute it next to it,
4. else a wire in the byline, else the outlet's own reporting.
Syndicated and exact copies (from dedup) are folded into their original before any of this counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from anyascii import anyascii

from newsprism.corpus.facts.stance_features import content_stems
from newsprism.knowledge import demonyms
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
                          r"according to)\b")
_STATE_MEDIA_RE = re.compile(r"\b(?:(?P<country>[A-Z][a-z]+)(?:'s)?\s+)?state(?:-run|-funded|-owned)?\s+"
                             r"(?:media|news agency|television|TV|broadcaster)\b")
_ANON_RE = re.compile(
    r"\b(?:an?\s+|two\s+|three\s+|several\s+)?(?:anonymous|unnamed|unidentified)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:sources?|officials?|diplomats?|persons?|people)\b|"
    r"\b(?:a\s+|one\s+|two\s+|the\s+third\s+|a\s+third\s+)?sources?\s+(?:close\s+to|familiar\s+with)\s+[^,.;]+|"
    r"^Sources\s+(?:report|say|said)", re.I)
# A named person who makes the claim: "<Name>[, appositive,] said/told/stated ...", or "..., said <Name>".
_NAME = r"(?:[A-Z][\w’'\-]+\s+){0,4}[A-Z][\w’'\-]+"
_ROLE_BEFORE = re.compile(r"((?:[A-Z][\w’'\-]+\s+){1,3}(?:spokes(?:man|woman|person)|minister|president|secretary|"
                          r"adviser|advisor|ambassador|chief|leader|official|envoy)\s+)$")
_SPEAKER_RE = re.compile(
    rf"(?P<a>{_NAME})(?:,\s[^,]{{3,140}},)?\s+(?:\w+ly\s+)?(?:said|says|told|stated|added|claimed|denied|"
    rf"called|accused|warned|predicted)\b|\b(?:said|says|according to)\s+(?P<b>{_NAME})")
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


@dataclass(frozen=True)
class Origin:
    name: str
    kind: str  # model.SOURCE_KINDS, plus "person" for a named individual and "outlet" for own reporting
    country: str | None = None


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
        if name and name.split()[0] not in _VAGUE and not _known_source(name):
            role = _ROLE_BEFORE.search(text[: m.start("a") if m.group("a") else m.start("b")])
            return _TITLES.sub("", (role.group(1) if role else "") + name)
    m = _BODY_RE.search(text)
    return m.group("n") if m else None


def byline_wire(article: Article) -> Origin | None:
    """A wire that wrote the whole article (byline "By Reuters"), which makes its own voice the wire's."""
    names = list(article.authors) + re.findall(r"^\s*By\s+([^\n]{2,40})$", article.body[:600], re.M)
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


def article_sources(article: Article, sentences: list[tuple[int, int]], outlet: str) -> ArticleSources:
    cited = [(s.name, s.kind) for s in article.sources_cited]
    per = [find_sources(article.body[s:e], cited) for s, e in sentences]
    stems = [_stems(article.body[s:e]) for s, e in sentences]
    return ArticleSources(article, outlet, per, byline_wire(article), stems)


def _stems(text: str) -> set[str]:
    return {t for t in content_stems(text) if len(t) > 2 and not t.isdigit()}


def _is_name(speaker: str) -> bool:
    first = speaker.split()[0] if speaker.split() else ""
    return bool(re.match(r"[A-Z]", speaker)) and speaker not in _VAGUE and first not in _TITLES_WORDS


def mention_origin(src: ArticleSources, index: int, sentence: str, quote_speaker: str | None,
                   quote_via: list[str], anonymous: bool, stance: str) -> Origin:
    """The origin behind the claim in sentence `index` of the article (see module docstring for the order)."""
    here = [o for _, o in src.per_sentence[index]] if index < len(src.per_sentence) else []
    # A quote's speaker is where the words come from; the outlets it came through ("via") are conduits.
    if quote_speaker and not anonymous and _is_name(quote_speaker) and not _VAGUE_CUE.search(quote_speaker):
        hit = find_sources(quote_speaker)
        if hit and hit[0][1].kind != "anonymous":
            return hit[0][1]
        found = find_speaker(sentence)
        return Origin(found if found and quote_speaker in found else quote_speaker, "person")
    orgs = [o for o in here if o.kind != "anonymous"]
    for v in quote_via:
        hit = find_sources(v)
        orgs.insert(0, hit[0][1] if hit else Origin(v, "media"))
    if orgs:
        return orgs[0]
    speaker = None
    if stance in ("attributes", "denies", "disputes"):
        found = find_speaker(sentence)
        if found and (not speaker or speaker in found):
            speaker = found
    if speaker:
        return Origin(speaker, "person")
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
