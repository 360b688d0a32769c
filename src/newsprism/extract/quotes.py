"""Quotes, speakers, attribution chains and sources cited.

One pass over the parse collects attribution cues (speech verbs with their subject, "according to X", data that
"showed"); direct quotes come from the quotation marks (`quotemarks`) and take the nearest cue of their
sentences, or continue the previous speaker's quote; cues with a reported clause and no direct quote become
indirect quotes. Chains are kept in `via`: "Harbour Watch said, quoting an unnamed fisherman" is the
fisherman's statement relayed by Harbour Watch, "a hospital official told Meridian Press" is relayed by
Meridian Press.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from newsprism.extract import sources
from newsprism.extract.attribution import (
    DATA_VERBS,
    SPEECH,
    EntityIndex,
    History,
    Speaker,
    is_cue,
    np_bounds,
    speaker_from_np,
    subject_of,
)
from newsprism.extract.base import Extractor
from newsprism.extract.quotemarks import QuoteMarks, find_quote_marks
from newsprism.model import Article, Quote, SourceCited
from newsprism.nlp.load import text_of, token_starts

_RELAY = ("quote", "cite")
_HEARSAY = ("hear", "learn")
_EDGE = set(",.;:—–-\"“”‘’' ")
_BARE_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "who"}
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
    clause: bool = False  # content is the cue's own complement clause (not the rest of the sentence)
    span: tuple[int, int] | None = None  # speaker words with their apposition ("X, the president of Y,")
    relayer: tuple[Token, tuple[int, int]] | None = None  # who relays a cited speaker ("X ... quoting")


def extract_quotes(doc: Doc, article: Article) -> tuple[list[Quote], list[SourceCited]]:
    body = text_of(doc)
    # Token.sent and Doc.sents walk the whole document on every call: index the sentences once.
    sents = Sents(list(doc.sents))
    ents = EntityIndex.build(doc, article.entities)
    marks = find_quote_marks(body)
    quoted = _quoted_tokens(doc, marks)
    atts = _attributions(doc, quoted, sents)
    starts = token_starts(doc)

    pending: list[tuple[int, _Att | None, QuoteMarks | None]] = []
    for q in marks:
        att = _cue_for_quote(doc, q, atts, starts, sents)
        words = len(body[q.start : q.end].split())
        if att is not None and words < _SCARE_WORDS and att.content and att.content[0] <= q.start \
                and q.end <= att.content[1]:
            continue  # a quoted fragment inside a reported clause: the indirect quote covers it
        if att is not None and words < _SCARE_WORDS and att.clause and _same_sentence(starts, att, q, sents):
            continue
        if att is not None:
            if not att.clause or att.content is None or _overlap(att.content, (q.start, q.end)):
                att.used = True
        elif words < _SCARE_WORDS:
            continue  # scare quotes, titles, terms
        pending.append((q.start, att, q))
    for att in atts:
        if not att.used and att.content and att.content[1] - att.content[0] > 8:
            pending.append((att.content[0], att, None))
    pending.sort(key=lambda x: x[0])

    quotes: list[Quote] = []
    speakers: list[Speaker | None] = []
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
            if att.relayer is not None:
                rhead, rb = att.relayer
                rsp = speaker_from_np(doc[rb[0] : rb[1]], rhead, ents)
                history.add(doc[rb[0]].idx, history.resolve(rsp, rhead, ents, sents.of(rhead.i).start_char))
            sp = speaker_from_np(doc[att.bounds[0] : att.bounds[1]], head, ents)
            sp = history.resolve(sp, head, ents, sents.of(head.i).start_char)
            history.add(sp.start or start, sp)
            att.via = [_resolve_via(v, history, start, ents) for v in att.via]
        elif last is not None and q is not None and _continues(body, last[0], q):
            sp = last[1]
        elif q is not None and len(body[start:end].split()) < 8:
            continue
        via = list(att.via) if att else (list(last[0].via) if sp is not None and last else [])
        via = [v for v in via if sp is None or v != sp.text]
        if att is not None and sp is not None and att.span is not None and sp.start is not None:
            sp.start, sp.end = _span_chars(doc, *att.span)
        named = sp is not None and sp.text.lower() not in _BARE_PRONOUNS  # an unresolved "he" names nobody
        quote = Quote(
            speaker=sp.text if named else None,
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
        speakers.append(sp)
        if q is not None:
            last = (quote, sp)
    return quotes, _sources_cited(doc, article, quotes, speakers, atts, sents)


def _quoted_tokens(doc: Doc, marks: list[QuoteMarks]) -> set[int]:
    """Indices of tokens inside a direct quote or on its marks."""
    out: set[int] = set()
    starts = token_starts(doc)
    for q in marks:
        lo = q.open if q.open is not None else q.start
        hi = (q.close + 1) if q.close is not None else q.end
        i = bisect.bisect_left(starts, lo)
        while i < len(doc) and starts[i] < hi:
            out.add(i)
            i += 1
    return out


@dataclass
class Sents:
    spans: list[Span]

    def __post_init__(self) -> None:
        self.starts = [s.start for s in self.spans]

    def of(self, i: int) -> Span:
        return self.spans[max(0, bisect.bisect_right(self.starts, i) - 1)]


def _attributions(doc: Doc, quoted: set[int], sents: Sents) -> list[_Att]:
    atts: list[_Att] = []
    consumed: set[int] = set()
    for sent in _segments(doc, sents):
        paren_via = _parenthetical_outlets(sent)
        skip = quoted | set(paren_via)
        for t in sent:
            if t.i in skip or t.i in consumed:
                continue
            if t.lower_ == "according" and t.i + 1 < sent.end and doc[t.i + 1].lower_ == "to":
                att = _according(doc, t, sent, skip)
            elif is_cue(t):
                att = _speech(doc, t, sent, skip, consumed)
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


def _segments(doc: Doc, sents: Sents):
    """Sentences cut at line breaks: a headline or bullet never runs into the next paragraph."""
    for sent in sents.spans:
        lo = sent.start
        for t in sent:
            if t.is_space and "\n" in t.text:
                if t.i > lo:
                    yield doc[lo : t.i]
                lo = t.i + 1
        if sent.end > lo:
            yield doc[lo : sent.end]


def _same_sentence(starts: list[int], att: _Att, q: QuoteMarks, sents: Sents) -> bool:
    sent = sents.of(max(0, bisect.bisect_right(starts, q.start) - 1))
    return sent.start <= att.cue.i < sent.end


def _resolve_via(label: str, history: History, pos: int, ents: EntityIndex) -> str:
    """A relaying pronoun ("it cited an unnamed source") is the last outlet or body that spoke; a relaying
    surname ("Osei said, citing shipping records") is the person's full name."""
    if label.lower() not in ("it", "they"):
        person = ents.person_by_surname(label) if " " not in label else None
        return person[4] if person is not None else label
    for p, prev in reversed(history.speakers):
        if p < pos and prev.source_like and not prev.anonymous:
            return prev.text
    return label


def _parenthetical_outlets(sent) -> dict[int, str]:
    """Tokens of an inserted "..., Reuters reports, ..." and the outlet it names."""
    out: dict[int, str] = {}
    text = sent.text
    for known, s, e in sources.known_in(text):
        m = re.match(r"\s+(?:reports|reported|says|said)\s*,", text[e:])
        before = [t for t in sent if t.idx < sent.start_char + s]
        # only an insertion between a subject and its verb ("Voss, the AP reports, called"), not a
        # postposed attribution after a full clause ("..., Interfax reported, citing ...")
        if m and text[:s].rstrip().endswith(",") and not any(t.pos_ in ("VERB", "AUX") for t in before):
            for t in sent:
                if sent.start_char + s <= t.idx < sent.start_char + e + m.end():
                    out[t.i] = known.name
    return out


def _speech(doc: Doc, cue: Token, sent, quoted: set[int], consumed: set[int]) -> _Att | None:
    lemma = cue.lemma_.lower()
    seg = (sent.start, sent.end)
    subj = subject_of(cue, seg, quoted)
    if subj is None or subj.i in quoted or subj.pos_ not in ("PROPN", "NOUN", "PRON", "NUM"):
        return None
    bounds = np_bounds(subj, quoted, seg)
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
        relay = next((c for c in cue.children if c.dep_ in ("advcl", "xcomp")
                      and c.lemma_.lower() in _RELAY and c.i not in quoted), None)
    relayed: _Att | None = None
    if relay is not None:
        obj = next((c for c in relay.children if c.dep_ in ("dobj", "pobj", "attr")), None)
        if obj is not None and obj.i not in quoted:
            via.append(_source_label(doc, subj, bounds))
            speaker, sbounds = obj, np_bounds(obj, quoted, seg)
            nxt = doc[sbounds[1]] if sbounds[1] < seg[1] else None
            if nxt is not None and nxt.dep_ == "prep" and nxt.head.i == relay.i and nxt.lower_ in ("at", "in", "from"):
                # "quoting an unnamed source at the port authority": the parser hangs the place on the verb
                sbounds = (sbounds[0], min(nxt.right_edge.i + 1, seg[1]))
            if relay is not cue:
                consumed.add(relay.i)
            # "it cited an unnamed source saying X": the clause hangs on "saying"
            for c in obj.children:
                if c.dep_ in ("acl", "relcl") and c.lemma_.lower() == "say":
                    consumed.add(c.i)
                    relayed = _Att(c, "", 0, 0, obj, sbounds, content=_clause_content(doc, c, sent, sbounds, quoted))
        else:
            relay = None
    if lemma == "tell":
        obj = next((c for c in cue.children if c.dep_ in ("dobj", "dative")), None)
        if obj is not None:
            ob = np_bounds(obj, quoted)
            label = doc[ob[0] : ob[1]].text
            known = sources.lookup(label)
            if known is not None or sources.classify(label) in ("wire", "state_media") or (
                    obj.ent_type_ == "ORG" and sources.classify(label) == "media"):
                via.append(known.name if known else sources.source_name(label))
    content = _clause_content(doc, cue, sent, sbounds if relay is None else bounds, quoted)
    clause = content is not None and any(c.dep_ == "ccomp" for c in cue.children)
    if content is None and relay is not None and relay is not cue:
        content = _clause_content(doc, relay, sent, bounds, quoted)
    if content is None and relayed is not None:
        content, clause = relayed.content, relayed.content is not None
    if content is None and lemma in DATA_VERBS:
        obj = next((c for c in cue.children if c.dep_ == "dobj"), None)
        if obj is not None:
            content, clause = _span_chars(doc, *_trim(doc, obj.left_edge.i, obj.right_edge.i + 1)), True
    if any(c.dep_ == "neg" for c in cue.children) or (
            content and text_of(doc)[content[0] : content[1]].split(" ", 1)[0] in ("himself", "herself", "themselves")):
        content, clause = None, False  # "did not say how many": nothing was stated
    cue_text = text_of(doc)[cue_start:cue_end]
    if content is not None:
        comp = next((c for c in cue.children if c.dep_ == "ccomp"), None)
        if comp is not None and comp.lemma_.lower() in _HEARSAY:
            inner = next((c for c in comp.children if c.dep_ == "ccomp"), None)
            if inner is not None:
                # "said he had heard X": hearsay, the cue keeps the hedge so nobody reads it as a claim
                cue_end = comp.idx + len(comp)
                cue_text = text_of(doc)[cue_start:cue_end]
                content = _span_chars(doc, *_trim(doc, inner.left_edge.i, inner.right_edge.i + 1))
    aux = [c for c in cue.children if c.dep_ in ("aux", "neg") and c.i < cue.i]
    if aux and content is not None and all(c.i in {a.i for a in aux} for c in doc[aux[0].i : cue.i]):
        cue_start = aux[0].idx  # "has said", "did not deny"
        cue_text = text_of(doc)[cue_start:cue_end]
    att = _Att(cue, cue_text, cue_start, cue_end, speaker, sbounds, via, content, clause=clause,
               span=_with_apposition(doc, speaker, sbounds, cue, seg))
    if relay is not None:
        att.relayer = (subj, bounds)
    return att


def _with_apposition(doc: Doc, head: Token, bounds: tuple[int, int], cue: Token,
                     seg: tuple[int, int]) -> tuple[int, int]:
    app = [c for c in head.children if c.dep_ == "appos" and c.i >= bounds[1]]
    if not app or cue.i < head.i:
        return bounds
    hi = min(app[-1].right_edge.i + 1, cue.i, seg[1])
    while hi > bounds[1] and (doc[hi - 1].is_punct or doc[hi - 1].is_space):
        hi -= 1
    return bounds[0], max(hi, bounds[1])


def _clause_content(doc: Doc, cue: Token, sent, sbounds: tuple[int, int], quoted: set[int]) -> tuple[int, int] | None:
    comp = next((c for c in cue.children if c.dep_ == "ccomp"), None)
    if comp is None:
        # "economists say taxing consumption encourages ...": the clause parsed as an xcomp
        comp = next((c for c in cue.children if c.dep_ == "xcomp" and c.i > cue.i
                     and any(g.dep_ in ("ccomp", "nsubj") for g in c.children)), None)
    if comp is None and cue.dep_ == "parataxis" and cue.head.i > cue.i:
        # "..., Democratic sources said, Axelrod still has respect ...": the reported clause is the main one
        lo, hi = _trim(doc, cue.right_edge.i + 1, sent.end)
        if hi - lo >= 3 and hi - lo > sbounds[0] - sent.start:
            return _span_chars(doc, lo, hi)
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
    k = sbounds[0] - 1
    while k > sent.start and doc[k].text in ("\"", "\u201d", "\u2019", "'"):
        k -= 1
    if sbounds[0] > sent.start + 2 and doc[k].text == "," and cue.i > sbounds[0]:
        lo, hi = _trim(doc, sent.start, k)
        if hi - lo >= 3 and not all(i in quoted for i in range(lo, hi)) and \
                any(doc[i].pos_ in ("VERB", "AUX") for i in range(lo, hi)):
            return _span_chars(doc, lo, hi)
    return None


def _according(doc: Doc, t: Token, sent, quoted: set[int]) -> _Att | None:
    to = doc[t.i + 1]
    obj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if obj is None and to.i + 1 < sent.end:
        obj = next((x for x in doc[to.i + 1 : sent.end] if x.pos_ in ("NOUN", "PROPN", "PRON")), None)
    if obj is None or obj.i in quoted:
        return None
    lo, hi = np_bounds(obj, quoted, (sent.start, sent.end))
    lo = max(lo, to.i + 1)
    via = []
    j = hi
    while j < sent.end and doc[j].text in ",":
        j += 1
    if j < sent.end and doc[j].lower_ == "via":
        vobj = next((c for c in doc[j].children if c.dep_ == "pobj"), None)
        if vobj is not None:
            vb = np_bounds(vobj, quoted, (sent.start, sent.end))
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


def _cue_for_quote(doc: Doc, q: QuoteMarks, atts: list[_Att], starts: list[int], sents: Sents) -> _Att | None:
    """The attribution of a direct quote: the nearest cue in the sentences the quote touches, or in the
    sentence that introduces it with a colon, or right after it when it ends with a comma."""
    first = sents.of(max(0, bisect.bisect_right(starts, q.open if q.open is not None else q.start) - 1))
    last = sents.of(max(0, bisect.bisect_right(starts, (q.close if q.close is not None else q.end) - 1) - 1))
    lo, hi = first.start, last.end
    if first.start > 0 and doc[first.start - 1].text == ":":
        lo = sents.of(first.start - 1).start
    if hi < len(doc) and q.close is not None and text_of(doc)[q.end : q.close + 1].strip(" ”’\"'") in ("", ","):
        nxt = sents.of(hi)
        if text_of(doc)[q.close + 1 : nxt.start_char].strip() == "" and text_of(doc)[q.end:q.end + 1] == ",":
            hi = nxt.end
    para_lo = text_of(doc).rfind("\n", 0, q.start)
    para_hi = text_of(doc).find("\n", q.end)
    para_hi = len(text_of(doc)) if para_hi < 0 else para_hi
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
    while lo < hi and (doc[lo].text in _EDGE or doc[lo].lower_ == "that" and doc[lo].tag_ in ("IN", "WDT")
                       or doc[lo].is_space):
        lo += 1
    while hi > lo and (doc[hi - 1].text in _EDGE or doc[hi - 1].is_space):
        hi -= 1
    return lo, hi


def _span_chars(doc: Doc, lo: int, hi: int) -> tuple[int, int]:
    return doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1])


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _sources_cited(doc: Doc, article: Article, quotes: list[Quote], speakers: list[Speaker | None],
                   atts: list[_Att], sents: Sents) -> list[SourceCited]:
    found = sources.SourceSet([])
    own = (article.outlet or "").lower()
    person_names = {sp.text for sp in speakers if sp is not None and sp.person and not sp.anonymous}
    for q, sp in zip(quotes, speakers):
        if sp is not None:
            phrase = text_of(doc)[q.speaker_start : q.speaker_end] if q.speaker_start is not None else sp.text
            if sp.anonymous:
                found.add(sp.text, "anonymous")
            elif sp.source_like and not sp.person:
                found.add(sources.source_name(sp.text), sources.classify(phrase))
            for known, _s, _e in sources.known_in(phrase):
                found.add(known.name, known.kind)
        for v in q.via:
            if v not in person_names and (sources.lookup(v) is not None or sources.looks_like_source(v)):
                found.add(v, sources.classify(v))
    for att in atts:
        label = text_of(doc)[att.speaker.left_edge.idx : att.cue_start]
        for known, _s, _e in sources.known_in(label):
            found.add(known.name, known.kind)
    for sent in sents.spans:
        text = sent.text
        if not _ATTR_CONTEXT.search(text):
            continue
        for known, _s, _e in sources.known_in(text):
            found.add(known.name, known.kind)
    return [s for s in found.items if s.name.lower() != own]


def _fill(doc: Doc, article: Article) -> None:
    article.quotes, article.sources_cited = extract_quotes(doc, article)


EXTRACTOR = Extractor("quotes", fills=("quotes", "sources_cited"), fill=_fill)
