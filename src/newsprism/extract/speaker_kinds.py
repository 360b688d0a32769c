"""Who speaks in an outlet's articles: each quote's speaker sorted into a kind of voice.

Kinds: `official (<Country>)` where the speaker's title or the words around the name say whose official it is
("Kenyan Foreign Minister ...", "a State Department spokesperson" gives `official`), `anonymous`, the kind
of a cited medium (`state_media`, `wire`, `media` ...) when the speaker is one of the article's sources_cited,
`expert`, `citizen`, else `other`. The country comes from the article's own NORP/GPE mentions next to the
speaker, never from a guess.
"""

from __future__ import annotations

import re

from newsprism.model import Article, Quote

OFFICIAL = re.compile(r"\b(minister|ministry|president|prime minister|spokes(?:man|woman|person)|secretary|"
                      r"ambassador|official|officials|adviser|advisor|government|department|kremlin|"
                      r"white house|senator|governor|general|commander|chancellor|diplomat|embassy|"
                      r"lawmaker|mp|deputy|envoy|administration|mayor)\b", re.I)
EXPERT = re.compile(r"\b(analyst|professor|expert|researcher|economist|scholar|fellow|think tank|"
                    r"consultant|historian|lawyer|attorney)\b", re.I)
CITIZEN = re.compile(r"\b(resident|residents|protester|protesters|citizen|citizens|witness|witnesses|"
                     r"worker|workers|voter|voters|student|mother|father|shopkeeper)\b", re.I)
WINDOW = 70


def _country_near(article: Article, windows: list[tuple[int, int]], skip: tuple[int, int]) -> str | None:
    """The NORP/GPE mention nearest the end of a window ("Kenyan Foreign Minister"), ignoring the quote's own
    words (a country the speaker talks about is not the speaker's country)."""
    best: tuple[int, str] | None = None
    for ent in article.entities:
        if ent.type not in ("NORP", "GPE"):
            continue
        for m in ent.mentions:
            if skip[0] <= m.start < skip[1]:
                continue
            for lo, hi in windows:
                if m.start >= lo and m.end <= hi:
                    dist = abs(hi - m.end)
                    if best is None or dist < best[0]:
                        best = (dist, ent.name)
    return best[1] if best else None


def voice_kind(quote: Quote, article: Article, labels: dict[str, list[tuple[str, int, int]]] | None = None) -> str:
    """`labels`: entity id -> (label, start, end) of the outlet's labels for it in this article (framing_labels),
    so that "Markovic said" is an official's words from "Governor Elena Markovic" elsewhere in the article."""
    if quote.anonymous:
        return "anonymous"
    speaker = (quote.speaker or "").strip()
    for sc in article.sources_cited:
        named = speaker and (sc.name.lower() == speaker.lower() or sc.name.lower() in speaker.lower())
        if named and sc.kind not in ("other", "government"):
            return sc.kind
    windows: list[tuple[int, int]] = []
    if quote.speaker_start is not None and quote.speaker_end is not None:
        s0, s1 = quote.speaker_start, quote.speaker_end
        lo, hi = max(0, s0 - WINDOW), min(len(article.body), s1 + 25)
        # the speaker's own sentence only, and never the quoted words: titles sit next to the name
        before = max(article.body.rfind(". ", lo, s0), article.body.rfind("\n", lo, s0),
                     quote.end if lo <= quote.end <= s0 else -1)
        lo = before + 1 if before >= 0 else lo
        after = min(x for x in (article.body.find(". ", s1, hi), quote.start if s1 <= quote.start else -1, hi)
                    if x >= 0)
        windows.append((lo, after))
    for _, ls, le in (labels or {}).get(quote.speaker_entity or "", []):
        windows.append((ls, le))
    context = " ".join([speaker] + [article.body[lo:hi] for lo, hi in windows])
    if OFFICIAL.search(context):
        country = _country_near(article, windows, (quote.start, quote.end))
        if country is None and quote.speaker_entity:
            own = next((e for e in article.entities if e.id == quote.speaker_entity), None)
            country = own.name if own is not None and own.type in ("GPE", "NORP") else None
        return f"official ({country})" if country else "official"
    if EXPERT.search(context):
        return "expert"
    if CITIZEN.search(context):
        return "citizen"
    return "other"
