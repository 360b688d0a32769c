"""find_sources' substring prefilters must never change what it finds: checked against a scan with every
pattern, on the examples, the seeds and FNC-1 bodies (when the datasets are beside the checkout)."""

from __future__ import annotations

import csv
import re

from newsprism.corpus.facts import origins as prov
from newsprism.nlp.sentences import split_texts


def _every_pattern(text: str, cited=()) -> list[tuple[int, prov.Origin]]:
    """find_sources as it was before the prefilters: every regex run on every text."""
    found: dict[int, prov.Origin] = {}
    for rx, (name, kind, country) in prov._KNOWN_RE:
        for m in rx.finditer(text):
            found.setdefault(m.start(), prov.Origin(name, kind, country))
    for m in prov._STATE_MEDIA_RE.finditer(text):
        country = m.group("country")
        label = f"{country} state media" if country and country not in ("The", "A") else "state media"
        if not any(abs(p - m.start()) < 40 and o.kind == "state_media" for p, o in found.items()):
            found.setdefault(m.start(), prov.Origin(label, "state_media", country))
    for name, kind in cited:
        if len(name) > 3 and name[:1].isupper() and kind in prov._CITED_KINDS and name not in prov._VAGUE:
            for m in re.finditer(r"\b" + re.escape(name) + r"\b", text):
                if not any(p <= m.start() < p + 30 for p in found):
                    found.setdefault(m.start(), prov.Origin(name, kind))
    for m in prov._ANON_RE.finditer(text):
        label = "unnamed sources" if m.group(0).startswith("Sources") else m.group(0).strip()
        found.setdefault(m.start(), prov.Origin(label, "anonymous"))
    return sorted(found.items())


def _sentences(texts):
    for body, spans in zip(texts, split_texts(texts), strict=True):
        for s, e in spans:
            yield body[s:e]


def test_every_known_pattern_has_its_literals():
    assert set(prov._LITERALS) == {name for name, _, _ in prov.KNOWN_SOURCES.values()}
    for pattern, (name, _, _) in prov.KNOWN_SOURCES.items():
        literals = prov._LITERALS[name]
        assert literals and all(re.search(re.escape(lit), pattern.replace("\\b", "")) for lit in literals), pattern


def test_prefilters_find_what_every_pattern_finds(examples_dir, seeds_dir, datasets_dir):
    crafted = ["According to the Associated Press, AP and AFP (Agence France-Presse) said so.",
               "Flightradar24 and flight-tracking data showed it; RIA Novosti, TASS and RT agreed.",
               "Two unnamed officials and sources familiar with the matter spoke; Sources say more.",
               "The Harbour Ministry told the Lindqvist Courier, and the Lindqvist Courier told Reuters, that "
               "the Harbour Ministry had no comment."]
    texts = crafted + [p.read_text(encoding="utf-8") for p in sorted(examples_dir.glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8", errors="replace") for p in sorted(seeds_dir.iterdir()) if p.is_file()]
    bodies = sorted(datasets_dir.rglob("*bodies*.csv"))
    if bodies:
        with bodies[0].open(encoding="utf-8", newline="") as fh:
            texts += [row["articleBody"] for _, row in zip(range(300), csv.DictReader(fh))]
    checked = hits = 0
    for sent in _sentences(texts):
        cited = [("Harbour Ministry", "government"), ("Lindqvist Courier", "media")]
        want = _every_pattern(sent, cited)
        assert prov.find_sources(sent, cited) == want, sent
        assert prov._known_source(sent) == any(rx.search(sent) for rx, _ in prov._KNOWN_RE), sent
        checked += 1
        hits += bool(want)
    assert checked > 500 and hits > 30
