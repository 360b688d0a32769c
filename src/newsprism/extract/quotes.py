"""Quotes, speakers, attribution chains and sources cited.

One pass over the parse collects attribution cues (`quote_cues`: speech verbs with their subject, "according to
X", data that "showed"); direct quotes come from the quotation marks (`quotemarks`) and take the nearest cue of
their sentences (or of the sentence that introduces them with a colon, or that follows a closing comma); the
pieces of a quote carried over several paragraphs share one cue; a quote with no cue continues the speaker named
just before it; a quote signed with a dash ("“...” ― Ana Ruiz") is the signer's, and a transcript label
("PENCE: ...") names the speaker of its turn. Cues with a reported clause and no direct quote become indirect
quotes. Titles of works in quotation marks are skipped, and a quote never keeps its own attribution in its
text. Speakers go through
`History`: "he said" is resolved by `antecedents`, "the minister" by the last minister named. Chains are kept in
`via`: "Harbour Watch said, quoting an unnamed fisherman" is the fisherman's statement relayed by Harbour Watch,
"a hospital official told Meridian Press" is relayed by Meridian Press.
"""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc

from newsprism.extract import sources
from newsprism.extract.antecedents import Antecedents
from newsprism.extract.attribution import EntityIndex, History, Speaker, speaker_from_np
from newsprism.extract.base import Extractor
from newsprism.extract.quote_cues import Att, Sents, attributions, span_chars
from newsprism.extract.quotemarks import QuoteMarks, find_quote_marks, is_title
from newsprism.model import Article, Quote, SourceCited
from newsprism.nlp.load import text_of, token_starts

_BARE_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "who"}
_EDGE_CHARS = set(",.;:—–-\"“”‘’' \n")
_SCARE_WORDS = 4  # quoted fragments shorter than this need a cue of their own
_ATTR_CONTEXT = re.compile(r"\b(?:said|says|report\w*|according|cit\w+|quot\w+|told|contribut\w+|interview\w*|"
                           r"photographer|showed|added|stated|claimed)\b|^By\b", re.I)



def extract_quotes(doc: Doc, article: Article) -> tuple[list[Quote], list[SourceCited]]:
    body = text_of(doc)
    # Token.sent and Doc.sents walk the whole document on every call: index the sentences once.
    sents = Sents(list(doc.sents))
    ents = EntityIndex.build(doc, article.entities)
    marks = find_quote_marks(body)
    quoted = _quoted_tokens(doc, marks)
    atts = attributions(doc, quoted, sents)
    starts = token_starts(doc)

    pending: list[tuple[int, Att | None, QuoteMarks | None]] = []
    cues = _group_cues(marks, [_cue_for_quote(doc, q, atts, starts, sents) for q in marks])
    for q, att in zip(marks, cues):
        if is_title(body, q):
            continue
        # a whole short utterance ("I'm honored!") is speech however short; a fragment may be a scare quote
        words = len(body[q.start : q.end].split())
        utterance = body[q.start : q.end].rstrip("”’\"' ")
        if att is not None and utterance[-1:] in ("!", "?", ".") and utterance[:1].isupper():
            words = max(words, _SCARE_WORDS)
        if att is not None and words < _SCARE_WORDS and att.content and att.content[0] <= q.start \
                and q.end <= att.content[1]:
            continue  # a quoted fragment inside a reported clause: the indirect quote covers it
        if att is not None and words < _SCARE_WORDS and att.clause and _same_sentence(starts, att, q, sents):
            continue
        if att is not None:
            if not att.clause or att.content is None or _overlap(att.content, (q.start, q.end)):
                att.used = True
        elif words < _SCARE_WORDS and q.group < 0:
            continue  # scare quotes, titles, terms (a short line of a longer quote is still speech)
        pending.append((q.start, att, q))
    for att in atts:
        if not att.used and att.content and att.content[1] - att.content[0] > 8:
            pending.append((att.content[0], att, None))
    pending.sort(key=lambda x: x[0])

    quotes: list[Quote] = []
    speakers: list[Speaker | None] = []
    spans = [(q.open if q.open is not None else q.start, q.close + 1 if q.close is not None else q.end) for q in marks]
    history = History(antecedents=Antecedents.build(doc, sents.spans, ents.persons(), spans))
    labels = _transcript_labels(body, marks)
    last: tuple[Quote, Speaker | None, int] | None = None
    seen: set[tuple[int, int]] = set()
    for _pos, att, q in pending:
        start, end = (q.start, q.end) if q else att.content  # type: ignore[union-attr,misc]
        if (start, end) in seen:
            continue
        seen.add((start, end))
        sp: Speaker | None = None
        label = (_transcript_speaker(body, start, end, ents, labels) or _signed(body, q, ents)) if q is not None \
            else None
        if label is not None:
            # "PENCE: Well, ...": the transcript names its speaker; "“...” ― Ana Ruiz": the quote is signed
            sp, start, att = label[0], label[1], None
        if att is not None and q is not None:
            start, end = _without_attribution(body, start, end, att)
            if end <= start:
                continue
        if label is not None:
            if sp.person:  # an outlet's signature is no one a later "he said" means
                history.add(sp.start or start, sp)
        elif att is not None:
            head = att.speaker
            if att.relayer is not None:
                rhead, rb = att.relayer
                rsp = speaker_from_np(doc[rb[0] : rb[1]], rhead, ents)
                history.add(doc[rb[0]].idx, history.resolve(rsp, rhead, ents, sents.of(rhead.i).start_char))
            appos = doc[att.bounds[1] : att.span[1]] if att.span and att.span[1] > att.bounds[1] else None
            sp = speaker_from_np(doc[att.bounds[0] : att.bounds[1]], head, ents, appos)
            sp = history.resolve(sp, head, ents, sents.of(head.i).start_char)
            history.add(sp.start or start, sp)
            att.via = [_resolve_via(v, history, start, ents) for v in att.via]
        elif last is not None and q is not None and (_continues(body, last[0], q) or 0 <= q.group == last[2]):
            sp = last[1]
        elif q is not None and len(body[start:end].split()) < 8 and q.group < 0:
            continue
        via = list(att.via) if att else (list(last[0].via) if sp is not None and last and label is None else [])
        via = [v for v in via if sp is None or v != sp.text]
        if att is not None and sp is not None and att.span is not None and sp.start is not None:
            sp.start, sp.end = span_chars(doc, *att.span)
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
        elif label is not None:
            quote.cue, quote.cue_start, quote.cue_end = body[label[2]], label[2], label[2] + 1
            quote.speaker_start, quote.speaker_end = sp.start, sp.end
        quotes.append(quote)
        speakers.append(sp)
        if q is not None or quote.speaker is not None:
            # an uncued quote right after "X confirmed the party were foreigners." is X's as well
            last = (quote, sp, q.group if q is not None else -1)
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



def _same_sentence(starts: list[int], att: Att, q: QuoteMarks, sents: Sents) -> bool:
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



def _cue_for_quote(doc: Doc, q: QuoteMarks, atts: list[Att], starts: list[int], sents: Sents) -> Att | None:
    """The attribution of a direct quote: the nearest cue in the sentences the quote touches, or in the
    sentence that introduces it with a colon, or right after it when it ends with a comma."""
    body = text_of(doc)
    first = sents.of(max(0, bisect.bisect_right(starts, q.open if q.open is not None else q.start) - 1))
    last = sents.of(max(0, bisect.bisect_right(starts, (q.close if q.close is not None else q.end) - 1) - 1))
    lo, hi = first.start, last.end
    para_lo = body.rfind("\n", 0, q.start)
    before = body[: q.open].rstrip() if q.open is not None else ""
    if before.endswith(":"):
        # "X told the conference:" then the quote, in the same paragraph or opening the next one
        k = bisect.bisect_right(starts, len(before) - 1) - 1
        lo = min(lo, sents.of(k).start)
        para_lo = min(para_lo, body.rfind("\n", 0, len(before) - 1))
    if hi < len(doc) and q.close is not None and text_of(doc)[q.end : q.close + 1].strip(" ”’\"'") in ("", ","):
        nxt = sents.of(hi)
        # "...,” X said." and "...?” X asked.": the cue after the quote may stand in the next sentence
        if text_of(doc)[q.close + 1 : nxt.start_char].strip() == "" and (
                text_of(doc)[q.end:q.end + 1] == "," or text_of(doc)[q.end - 1:q.end] in ("?", "!")):
            hi = nxt.end
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


def _group_cues(marks: list[QuoteMarks], cues: list[Att | None]) -> list[Att | None]:
    """The pieces of a quote carried over several paragraphs share one cue: a piece with none takes the cue of
    the next piece that has one (", " the officer said" closes it), else of the last one before it."""
    out = list(cues)
    members: dict[int, list[int]] = {}
    for i, q in enumerate(marks):
        if q.group >= 0:
            members.setdefault(q.group, []).append(i)
    for idx in members.values():
        for n, i in enumerate(idx):
            if out[i] is None:
                later = [cues[j] for j in idx[n + 1 :] if cues[j] is not None]
                earlier = [cues[j] for j in idx[:n] if cues[j] is not None]
                out[i] = later[0] if later else (earlier[-1] if earlier else None)
    return out


# A transcript line inside quotation marks: "PENCE: Well, the question is ...". The label is the speaker when it
# is the surname of a person the article names, or when it opens more than one line, as the turns of an interview
# do ("WALLACE: ... PENCE: ... WALLACE: ..."); a one-off "BREAKING:" or "UPDATE:" is not a speaker.
_TRANSCRIPT = re.compile(r"([A-Z][A-Z'\-]{1,20}(?: [A-Z][A-Z'\-]{1,20}){0,2}):\s+")


def _transcript_labels(body: str, marks: list[QuoteMarks]) -> dict[str, int]:
    """How many quotes open with each transcript label."""
    counts: dict[str, int] = {}
    for q in marks:
        m = _TRANSCRIPT.match(body, q.start, q.end)
        if m is not None:
            counts[m.group(1)] = counts.get(m.group(1), 0) + 1
    return counts


def _transcript_speaker(body: str, start: int, end: int, ents: EntityIndex,
                        labels: dict[str, int]) -> tuple[Speaker, int, int] | None:
    """(speaker, where the words start, where the colon is) for a quote that opens with a speaker label."""
    m = _TRANSCRIPT.match(body, start, end)
    if m is None or m.end() >= end:
        return None
    surname = m.group(1).split()[-1].title()
    person = ents.person_by_surname(surname)
    if person is not None:
        sp = Speaker(text=person[4], start=m.start(1), end=m.end(1), entity=person[2], person=True,
                     head=surname.lower())
    elif labels.get(m.group(1), 0) > 1:
        sp = Speaker(text=m.group(1).title(), start=m.start(1), end=m.end(1), person=True, head=surname.lower())
    else:
        return None
    return sp, m.end(), m.end(1)


# A quote signed with a dash and a name that ends its line: "“We need better schools.” ― Ana Ruiz".
_SIGNATURE = re.compile(r"[.,]?[^\S\n]*[―—–][^\S\n]*([A-Z][\w.’'-]*(?:[^\S\n]+[A-Z][\w.’'-]*){0,4})[^\S\n]*[.,]?"
                        r"[^\S\n]*(?:\n|$)")


def _signed(body: str, q: QuoteMarks, ents: EntityIndex) -> tuple[Speaker, int, int] | None:
    """(speaker, where the words start, where the dash is) for a quote signed by the name after its closing mark.
    A signature naming a known outlet or agency ("— Reuters") credits a source, not a person."""
    if q.close is None:
        return None
    m = _SIGNATURE.match(body, q.close + 1)
    if m is None:
        return None
    name = m.group(1).rstrip(".")
    person = ents.person_by_surname(name.split()[-1])
    sp = Speaker(text=person[4] if person else name, start=m.start(1), end=m.start(1) + len(name),
                 entity=person[2] if person else None, person=bool(person) or sources.lookup(name) is None,
                 head=name.split()[-1].lower())
    dash = next(i for i in range(q.close + 1, m.start(1)) if body[i] in "―—–")
    return sp, q.start, dash


def _without_attribution(body: str, start: int, end: int, att: Att) -> tuple[int, int]:
    """A quote never holds its own attribution: when a lost or misread mark let the span run over the speaker
    or the cue ("..., said Mira Osei, the editor."), the span stops before them."""
    words = att.cue.doc[att.bounds[0] : att.bounds[1]]
    lo = min(att.cue_start, words.start_char) if len(words) else att.cue_start
    hi = max(att.cue_end, words.end_char) if len(words) else att.cue_end
    if not (lo < end and start < hi):
        return start, end
    if lo > start:
        end = lo
    else:
        start = hi
    while start < end and body[start] in _EDGE_CHARS:
        start += 1
    while end > start and body[end - 1] in _EDGE_CHARS:
        end -= 1
    return start, end


def _continues(body: str, prev: Quote, q: QuoteMarks) -> bool:
    """A quote with no cue continues the previous speaker when it follows within the next paragraph."""
    if prev.speaker is None:
        return False
    gap = body[prev.end : q.open if q.open is not None else q.start]
    return gap.count("\n\n") <= 1 and len(gap) < 300


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _sources_cited(doc: Doc, article: Article, quotes: list[Quote], speakers: list[Speaker | None],
                   atts: list[Att], sents: Sents) -> list[SourceCited]:
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
