"""Who speaks in an outlet's articles: each quote's speaker sorted into a kind of voice.

Kinds: `official (<Country>)` where the speaker's title or the words around the name say whose official it is
("Russian Foreign Minister ...", "a State Department spokesperson" gives `official`), `anonymous`, the kind of a
cited medium (`state_media`, `wire`, `media` ...) when the speaker is one of the article's sources_cited,
`expert`, `citizen`, else `other`. The country comes from the article's own NORP/GPE mentions next to the
speaker, never from a guess.
"""

from __future__ import annotations

import re

from .model import Article, Quote

OFFICIAL = re.compile(r"\b(minister|ministry|president|prime minister|spokes(?:man|woman|person)|secretary|"
                      r"ambassador|official|officials|adviser|advisor|government|department|kremlin|"
                      r"white house|senator|governor|general|commander|chancellor|diplomat|embassy|"
                      r"lawmaker|mp|deputy|envoy|administration|mayor)\b", re.I)
EXPERT = re.compile(r"\b(analyst|professor|expert|researcher|economist|scholar|fellow|think tank|"
                    r"consultant|historian|lawyer|attorney)\b", re.I)
CITIZEN = re.compile(r"\b(resident|residents|protester|protesters|citizen|citizens|witness|witnesses|"
                     r"worker|workers|voter|voters|student|mother|father|shopkeeper|local)\b", re.I)
WINDOW = 70


def _country_near(article: Article, lo: int, hi: int) -> str | None:
    best: tuple[int, str] | None = None
    for ent in article.entities:
        if ent.type not in ("NORP", "GPE"):
            continue
        for m in ent.mentions:
            if m.start >= lo and m.end <= hi:
                dist = abs(hi - m.end)
                if best is None or dist < best[0]:
                    best = (dist, ent.name)
    return best[1] if best else None


def voice_kind(quote: Quote, article: Article) -> str:
    if quote.anonymous:
        return "anonymous"
    speaker = (quote.speaker or "").strip()
    for sc in article.sources_cited:
        if speaker and (sc.name.lower() == speaker.lower() or sc.name.lower() in speaker.lower()):
            if sc.kind not in ("other", "government"):
                return sc.kind
    s0 = quote.speaker_start if quote.speaker_start is not None else None
    s1 = quote.speaker_end if quote.speaker_end is not None else None
    if s0 is not None and s1 is not None:
        lo, hi = max(0, s0 - WINDOW), min(len(article.body), s1 + 25)
        context = article.body[lo:hi]
    else:
        lo, hi, context = s0 or 0, s0 or 0, speaker
    if OFFICIAL.search(context) or OFFICIAL.search(speaker):
        country = _country_near(article, lo, hi) if hi > lo else None
        return f"official ({country})" if country else "official"
    if EXPERT.search(context):
        return "expert"
    if CITIZEN.search(context):
        return "citizen"
    return "other"
