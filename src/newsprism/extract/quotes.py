"""Quotes, speakers, attribution chains and sources cited (issue 4).

One pass over the parse collects attribution cues (speech verbs with their subject, "according to X", data that
"showed"); direct quotes come from the quotation marks (`quotemarks`) and take the nearest cue of their
sentences, or continue the previous speaker's quote; cues with a reported clause and no direct quote become
indirect quotes. Chains are kept in `via`: "Sputnik reported, quoting an unnamed source" is the source's
statement relayed by Sputnik, "an official told The Associated Press" is relayed by the AP.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ..model import Article, Quote, SourceCited
from . import sources
from .attribution import (
    COGNITION,
    DATA_VERBS,
    NEEDS_CONTENT,
    SPEECH,
    EntityIndex,
    History,
    Speaker,
    is_cue,
    np_bounds,
    speaker_from_np,
    subject_of,
)
from .quotemarks import QuoteMarks, find_quote_marks

_RELAY = ("quote", "cite")
_HEARSAY = ("hear", "learn")
_EDGE = set(",.;:—–-\"“”‘’' ")
_SCARE_WORDS = 4  # quoted fragments shorter than this need a cue of their own
_ATTR_CONTEXT = re.compile(r"\b(?:said|says|report\w*|according|cit\w+|quot\w+|told|contribut\w+|interview\w*|"
                           r"photographer|showed|added|stated|claimed)\b|^By\b", re.I)


@dataclass
class _Att:
    """One attribution found in the parse, before speakers are resolved."""

    cue: Token
    cue_text: str
    cue_start: int
    cue_end: int
    speaker: Token
    bounds: tuple[int, int]
    via: list[str] = field(default_factory=list)
    content: tuple[int, int] | None = None
    used: bool = False


def extract_quotes(doc: Doc, article: Article) -> tuple[list[Quote], list[SourceCited]]:
    body = doc.text
    ents = EntityIndex.build(doc, article.entities)
    marks = find_quote_marks(body)
    quoted = _quoted_tokens(doc, marks)
    atts = _attributions(doc, quoted)
    starts = [t.idx for t in doc]

    pending: list[tuple[int, _Att | None, QuoteMarks | None]] = []
    for q in marks:
        att = _cue_for_quote(doc, q, atts, starts)
        words = len(body[q.start : q.end].split())
        if att is not None and words < _SCARE_WORDS and att.content and att.content[0] <= q.start \
                and q.end <= att.content[1]:
            continue  # a quoted fragment inside a reported clause: the indirect quote covers it
        if att is not None:
            if att.content is None or _overlap(att.content, (q.start, q.end)):
                att.used = True
        elif words < _SCARE_WORDS:
            continue  # scare quotes, titles, terms
        pending.append((q.start, att, q))
    for att in atts:
        if not att.used and att.content and att.content[1] - att.content[0] > 8:
            pending.append((att.content[0], att, None))
    pending.sort(key=lambda x: x[0])

    quotes: list[Quote] = []
    history = History()
    last: tuple[Quote, Speaker | None] | None = None
    seen: set[tuple[int, int]] = set()
    for _pos, att, q in pending:
        start, end = (q.start, q.end) if q else att.content  # type: ignore[union-attr,misc]
        if (start, end) in seen:
            continue
        seen.add((start, end))
        sp: Speaker | None = None
        if att is not None:
            head = att.speaker
            sp = speaker_from_np(doc[att.bounds[0] : att.bounds[1]], head, ents)
            sp = history.resolve(sp, head, ents)
            history.add(sp.start or start, sp)
        elif last is not None and q is not None and _continues(body, last[0], q):
            sp = last[1]
        elif q is not None and len(body[start:end].split()) < 8:
            continue
        via = list(att.via) if att else (list(last[0].via) if sp is not None and last else [])
        via = [v for v in via if sp is None or v != sp.text]
        quote = Quote(
            speaker=sp.text if sp else None,
            speaker_entity=sp.entity if sp else None,
            text=body[start:end],
            cue=att.cue_text if att else None,
            direct=q is not None,
            anonymous=bool(sp and sp.anonymous),
            via=via,
            start=start,
            end=end,
            speaker_start=sp.start if sp and att else None,
            speaker_end=sp.end if sp and att else None,
        )
        if att is not None:
            quote.cue_start, quote.cue_end = att.cue_start, att.cue_end
        quotes.append(quote)
        if q is not None:
            last = (quote, sp)
    return quotes, _sources_cited(doc, article, quotes, atts)


def _quoted_tokens(doc: Doc, marks: list[QuoteMarks]) -> set[int]:
    """Indices of tokens inside a direct quote or on its marks."""
    out: set[int] = set()
    starts = [t.idx for t in doc]
    for q in marks:
        lo = q.open if q.open is not None else q.start
        hi = (q.close + 1) if q.close is not None else q.end
        i = bisect.bisect_left(starts, lo)
        while i < len(doc) and starts[i] < hi:
            out.add(i)
            i += 1
    return out


def _attributions(doc: Doc, quoted: set[int]) -> list[_Att]:
    atts: list[_Att] = []
    consumed: set[int] = set()
    for sent in doc.sents:
        paren_via = _parenthetical_outlets(sent)
        for t in sent:
            if t.i in quoted or t.i in consumed or t.i in paren_via:
                continue
            if t.lower_ == "according" and t.i + 1 < sent.end and doc[t.i + 1].lower_ == "to":
                att = _according(doc, t, sent, quoted)
            elif is_cue(t):
                att = _speech(doc, t, sent, quoted, consumed)
            else:
                continue
            if att is None:
                continue
            for i, name in paren_via.items():
                if name not in att.via and not (att.bounds[0] <= i < att.bounds[1]):
                    att.via.append(name)
            atts.append(att)
    _nest_according(atts)
    return atts


def _parenthetical_outlets(sent) -> dict[int, str]:
    """Tokens of an inserted "..., Reuters reports, ..." and the outlet it names."""
    out: dict[int, str] = {}
    text = sent.text
    for known, s, e in sources.known_in(text):
        m = re.match(r"\s+(?:reports|reported|says|said)\s*,", text[e:])
        if m and text[:s].rstrip().endswith(","):
            for t in sent:
                if sent.start_char + s <= t.idx < sent.start_char + e + m.end():
                    out[t.i] = known.name
    return out


def _speech(doc: Doc, cue: Token, sent, quoted: set[int], consumed: set[int]) -> _Att | None:
    lemma = cue.lemma_.lower()
    subj = subject_of(cue)
    if subj is None or subj.i in quoted or subj.pos_ not in ("PROPN", "NOUN", "PRON", "NUM"):
        return None
    bounds = np_bounds(subj, quoted)
    if bounds[0] <= cue.i < bounds[1]:
        bounds = (bounds[0], cue.i) if cue.i > bounds[0] else bounds
    subj_text = doc[bounds[0] : bounds[1]].text
    if lemma in DATA_VERBS and lemma not in SPEECH and not sources.looks_like_source(subj_text):
        return None
    cue_start, cue_end = cue.idx, cue.idx + len(cue)
    prt = [c for c in cue.children if c.dep_ == "prt"]
    if prt:
        cue_end = max(cue_end, prt[-1].idx + len(prt[-1]))
    via: list[str] = []
    speaker, sbounds = subj, bounds
    # relays: "X reported, quoting Y", "X cited Y as saying", "it cited an unnamed source saying"
    relay = None
    if lemma in _RELAY:
        relay = cue
    else:
        relay = next((c for c in cue.children if c.dep_ in ("advcl", "conj", "xcomp")
                      and c.lemma_.lower() in _RELAY and c.i not in quoted), None)
    if relay is not None:
        obj = next((c for c in relay.children if c.dep_ in ("dobj", "pobj", "attr")), None)
        if obj is not None and obj.i not in quoted:
            via.append(_source_label(doc, subj, bounds))
            speaker, sbounds = obj, np_bounds(obj, quoted)
            if relay is not cue:
                consumed.add(relay.i)
    if lemma == "tell":
        obj = next((c for c in cue.children if c.dep_ in ("dobj", "dative")), None)
        if obj is not None:
            ob = np_bounds(obj, quoted)
            label = doc[ob[0] : ob[1]].text
            known = sources.lookup(label)
            if known is not None or obj.ent_type_ == "ORG":
                via.append(known.name if known else label)
    content = _clause_content(doc, cue, sent, sbounds if relay is None else bounds, quoted)
    if content is None and relay is not None and relay is not cue:
        content = _clause_content(doc, relay, sent, bounds, quoted)
    cue_text = doc.text[cue_start:cue_end]
    if content is not None:
        comp = next((c for c in cue.children if c.dep_ == "ccomp"), None)
        if comp is not None and comp.lemma_.lower() in _HEARSAY:
            inner = next((c for c in comp.children if c.dep_ == "ccomp"), None)
            if inner is not None:
                # "said he had heard X": hearsay, the cue keeps the hedge so nobody reads it as a claim
                cue_end = comp.idx + len(comp)
                cue_text = doc.text[cue_start:cue_end]
                content = _span_chars(doc, *_trim(doc, inner.left_edge.i, inner.right_edge.i + 1))
    if content is None and (lemma in NEEDS_CONTENT or lemma in COGNITION):
        # only useful when a quote hangs on it; kept with no content for _cue_for_quote
        pass
    return _Att(cue, cue_text, cue_start, cue_end, speaker, sbounds, via, content)


def _clause_content(doc: Doc, cue: Token, sent, sbounds: tuple[int, int], quoted: set[int]) -> tuple[int, int] | None:
    comp = next((c for c in cue.children if c.dep_ == "ccomp"), None)
    if comp is None and cue.dep_ == "ROOT":
        comp = next((c for c in cue.children if c.dep_ in ("parataxis",) and c.i < cue.i), None)
    if comp is not None:
        lo, hi = comp.left_edge.i, comp.right_edge.i + 1
        if lo < sbounds[0] < hi:  # broken parse swallowed the speaker: keep the part before it
            hi = sbounds[0]
        lo, hi = _trim(doc, lo, hi)
        if hi - lo >= 3 and not all(i in quoted for i in range(lo, hi)):
            return _span_chars(doc, lo, hi)
    # postposed: "<clause>, the agency reported" / "<clause>, X said" where the parser made the clause the root
    if sbounds[0] > sent.start + 2 and doc[sbounds[0] - 1].text == "," and cue.i > sbounds[0]:
        lo, hi = _trim(doc, sent.start, sbounds[0] - 1)
        if hi - lo >= 3 and not all(i in quoted for i in range(lo, hi)):
            return _span_chars(doc, lo, hi)
    return None


def _according(doc: Doc, t: Token, sent, quoted: set[int]) -> _Att | None:
    to = doc[t.i + 1]
    obj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if obj is None and to.i + 1 < sent.end:
        obj = next((x for x in doc[to.i + 1 : sent.end] if x.pos_ in ("NOUN", "PROPN", "PRON")), None)
    if obj is None or obj.i in quoted:
        return None
    lo, hi = np_bounds(obj, quoted)
    lo = max(lo, to.i + 1)
    via = []
    j = hi
    while j < sent.end and doc[j].text in ",":
        j += 1
    if j < sent.end and doc[j].lower_ == "via":
        vobj = next((c for c in doc[j].children if c.dep_ == "pobj"), None)
        if vobj is not None:
            vb = np_bounds(vobj, quoted)
            via.append(_source_label(doc, vobj, vb))
            j = vb[1]
    # content: the rest of the sentence on the longer side of the phrase
    left = _trim(doc, sent.start, t.i)
    right = _trim(doc, j, sent.end)
    lo_c, hi_c = left if left[1] - left[0] >= right[1] - right[0] else right
    content = _span_chars(doc, lo_c, hi_c) if hi_c - lo_c >= 3 else None
    return _Att(t, "according to", t.idx, to.idx + len(to), obj, (lo, hi), via, content)


def _nest_according(atts: list[_Att]) -> None:
    """"The Washington Post said that, according to sources, ...": the sources speak, relayed by the Post."""
    for inner in atts:
        if inner.cue_text != "according to":
            continue
        for outer in atts:
            if outer is inner or outer.content is None or outer.used:
                continue
            if outer.content[0] <= inner.cue_start < outer.content[1]:
                label = _source_label(outer.cue.doc, outer.speaker, outer.bounds)
                if sources.lookup(label) is not None and label not in inner.via:
                    inner.via.append(label)
                    outer.used = True


def _source_label(doc: Doc, head: Token, bounds: tuple[int, int]) -> str:
    text = doc[bounds[0] : bounds[1]].text
    known = sources.lookup(text)
    return known.name if known is not None and sources.classify_is_plain(text, known) else sources.source_name(text)


def _cue_for_quote(doc: Doc, q: QuoteMarks, atts: list[_Att], starts: list[int]) -> _Att | None:
    """The attribution of a direct quote: the nearest cue in the sentences the quote touches, or in the
    sentence that introduces it with a colon, or right after it when it ends with a comma."""
    first = doc[max(0, bisect.bisect_right(starts, q.open if q.open is not None else q.start) - 1)].sent
    last = doc[max(0, bisect.bisect_right(starts, (q.close if q.close is not None else q.end) - 1) - 1)].sent
    lo, hi = first.start, last.end
    if first.start > 0 and doc[first.start - 1].text == ":":
        lo = doc[first.start - 1].sent.start
    if hi < len(doc) and q.close is not None and doc.text[q.end : q.close + 1].strip(" ”’\"'") in ("", ","):
        nxt = doc[hi].sent
        if doc.text[q.close + 1 : nxt.start_char].strip() == "" and doc.text[q.end:q.end + 1] == ",":
            hi = nxt.end
    para_lo = doc.text.rfind("\n", 0, q.start)
    para_hi = doc.text.find("\n", q.end)
    para_hi = len(doc.text) if para_hi < 0 else para_hi
    best, best_d = None, None
    q_lo = q.open if q.open is not None else q.start
    q_hi = q.close if q.close is not None else q.end
    for att in atts:
        if not (lo <= att.cue.i < hi) or not (para_lo < att.cue_start < para_hi):
            continue
        d = q_lo - att.cue_end if att.cue_end <= q_lo else att.cue_start - q_hi
        if d < 0:
            continue  # cue inside the quote span
        if att.content is not None and att.content[0] <= q.start and q.end <= att.content[1]:
            d = -1  # the quote is part of this cue's reported clause
        if best_d is None or d < best_d:
            best, best_d = att, d
    return best


def _continues(body: str, prev: Quote, q: QuoteMarks) -> bool:
    """A quote with no cue continues the previous speaker when it follows within the next paragraph."""
    if prev.speaker is None:
        return False
    gap = body[prev.end : q.open if q.open is not None else q.start]
    return gap.count("\n\n") <= 1 and len(gap) < 300


def _trim(doc: Doc, lo: int, hi: int) -> tuple[int, int]:
    while lo < hi and (doc[lo].text in _EDGE or doc[lo].lower_ == "that" and doc[lo].dep_ == "mark"
                       or doc[lo].is_space):
        lo += 1
    while hi > lo and (doc[hi - 1].text in _EDGE or doc[hi - 1].is_space):
        hi -= 1
    return lo, hi


def _span_chars(doc: Doc, lo: int, hi: int) -> tuple[int, int]:
    return doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1])


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _sources_cited(doc: Doc, article: Article, quotes: list[Quote], atts: list[_Att]) -> list[SourceCited]:
    found = sources.SourceSet([])
    own = (article.outlet or "").lower()
    for q in quotes:
        if q.speaker:
            phrase = doc.text[q.speaker_start : q.speaker_end] if q.speaker_start is not None else q.speaker
            if q.anonymous:
                found.add(q.speaker, "anonymous")
            elif sources.lookup(q.speaker) is not None or _is_source_phrase(q.speaker, phrase):
                found.add(sources.source_name(q.speaker), sources.classify(phrase))
            for known, _s, _e in sources.known_in(phrase):
                found.add(known.name, known.kind)
        for v in q.via:
            found.add(v, sources.classify(v))
    for att in atts:
        label = doc.text[att.speaker.left_edge.idx : att.cue_start]
        for known, _s, _e in sources.known_in(label):
            found.add(known.name, known.kind)
    for sent in doc.sents:
        text = sent.text
        if not _ATTR_CONTEXT.search(text):
            continue
        for known, _s, _e in sources.known_in(text):
            found.add(known.name, known.kind)
    return [s for s in found.items if s.name.lower() != own]


def _is_source_phrase(speaker: str, phrase: str) -> bool:
    if any(w[:1].isupper() for w in speaker.split()[1:]) and not sources.looks_like_source(phrase):
        return False  # a person's name
    return sources.looks_like_source(phrase)
