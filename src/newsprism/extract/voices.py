"""Whose voice a stretch of text is: the outlet's own words, or words it puts in someone else's mouth.

Used by loaded-language extraction and by per-outlet framing. Three signals, combined as a union of character
regions:
  1. `Quote` spans from the quote extractor, when it has run (direct speech always; indirect speech too);
  2. quotation marks found here (straight, curly, single straight or curly, two apostrophes, mixed pairs and an
     unopened closing mark), so that the result does not depend on the quote extractor having run, social-media
     posts embedded in the page (as text or as markup) and paragraphs opened by a person's name and a colon;
  3. attributed-speech clauses from the dependency parse: the complement of a speech verb ("X claimed that
     ...", "X accused Y of ..."), the label of a naming verb ("X called Y a liar"), the object of a
     describing verb ("witnesses described a chaotic scene") and the label another party puts on someone
     with "as" ("X slammed Y as elitist").
Indirect speech whose only speaker is a vague "sources"/"reports" is left in the outlet's voice: when nobody in
particular is paraphrased, the wording ("mercenary forces") is the outlet's choice, and hiding it behind an
anonymous attribution would defeat the point of per-voice counts. For the same reason "..., according to X"
does not make a clause X's words: it attributes the facts, while the wording stays the outlet's.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from spacy.tokens import Doc, Token

from newsprism.model import Article, Quote
from newsprism.nlp.load import get_nlp, text_of

Region = tuple[int, int]

SPEECH_VERBS = frozenset([
    "say", "tell", "state", "claim", "accuse", "add", "warn", "insist", "deny", "allege", "argue",
    "announce", "write", "tweet", "assert", "declare", "suggest", "note", "explain", "admit", "complain",
    "urge", "vow", "pledge", "promise", "threaten", "describe", "brand", "dub", "label", "call", "criticize",
    "criticise", "condemn", "denounce", "charge", "blame", "quote", "cite", "report", "respond", "reply",
    "stress", "maintain", "contend", "predict", "acknowledge", "confirm", "reveal", "testify", "lament",
    "boast", "marvel", "joke", "scoff", "retort", "concede", "caution", "characterize", "characterise",
    "portray", "depict", "speculate"
])

# Verbs whose direct object is itself the speaker's wording: "witnesses described a chaotic scene", "the harbour
# chief vowed a ruthless purge".
DESCRIBING_VERBS = frozenset(["describe", "characterize", "characterise", "portray", "depict", "vow", "pledge",
                              "promise", "threaten"])

# Verbs that put a label on someone through "as": "slammed X as ...", "portraying X as ...", "cast X as
# ...". The label is the one who puts it on, not the outlet reporting it.
LABELLING_VERBS = frozenset(["slam", "blast", "trash", "cast", "paint", "lambaste", "deride", "dismiss", "mock",
                             "ridicule", "decry", "attack", "hail", "praise", "tout", "disparage", "smear",
                             "lampoon", "pillory", "excoriate", "rip", "knock", "bash", "frame", "peg", "tar"])

# Speakers this vague do not take the wording away from the outlet (see module docstring).
VAGUE_SPEAKERS = frozenset([
    "source", "sources", "report", "reports", "media", "outlet", "outlets", "observer", "observers", "some",
    "many", "critic", "critics", "people", "expert", "experts", "analyst", "analysts", "all", "everyone",
    "everybody", "anyone", "anybody", "nobody", "others", "rumour", "rumours", "rumor", "rumors",
    "story", "stories", "speculation"
])

_LETTER = re.compile(r"\w")
_PARA = re.compile(r"\n\s*\n|\n")


def _paragraphs(text: str) -> Iterable[Region]:
    start = 0
    for m in _PARA.finditer(text):
        yield start, m.start()
        start = m.end()
    yield start, len(text)


def _is_letter(text: str, i: int) -> bool:
    return 0 <= i < len(text) and bool(_LETTER.match(text[i]))


def quote_mark_regions(text: str) -> list[Region]:
    """Regions inside quotation marks, marks included. Works paragraph by paragraph: an opening mark
    without a close runs to the end of its paragraph (the news convention for multi-paragraph quotes),
    and a closing mark after sentence punctuation with no opener ("... and ran,' one resident said")
    closes a quote that began at the paragraph start."""
    # two straight apostrophes stand for a double mark in some archives (''like this''); same length, so offsets
    # hold
    text = text.replace("''", '"\x01')
    regions: list[Region] = []
    for p_start, p_end in _paragraphs(text):
        i = p_start
        open_at: int | None = None
        open_kind = ""
        while i < p_end:
            c = text[i]
            if open_at is None:
                if c in "“\"":
                    open_at, open_kind = i, "d"
                elif (c == "‘" and not _is_letter(text, i - 1)) or _straight_opener(text, i, p_start):
                    open_at, open_kind = i, "s"
                elif c in "’”" and i > p_start and text[i - 1] in ",.?!" and not regions_in(regions, p_start):
                    regions.append((p_start, i + 1))
            else:
                closes = (open_kind == "d" and c in "”\"") or (
                    open_kind == "s" and c in "’'" and not _is_letter(text, i + 1) and i > open_at + 1
                )
                if closes:
                    regions.append((open_at, i + 1))
                    open_at = None
            i += 1
        if open_at is not None and (open_kind == "d" or _sentence_start(text, open_at, p_start)):
            # an unclosed quote runs to the paragraph's end: the news convention for a quote that goes on in
            # the next paragraph, which British outlets open with a single mark
            regions.append((open_at, p_end))
    return regions


def _sentence_start(text: str, i: int, p_start: int) -> bool:
    """The mark opens its paragraph or a sentence ("..., she said. 'We also wish ...")."""
    before = text[p_start:i].rstrip()
    return not before or before[-1] in ".!?"


def _straight_opener(text: str, i: int, p_start: int) -> bool:
    """A straight ' that opens a quote: before a letter, after a space, a bracket or a paragraph start
    ("'It takes a lot,' she said", "warnings of 'grave' consequences"). An apostrophe sits between letters
    ("didn't") or after one ("the players' union"), and "'90s" starts with a digit."""
    if text[i] != "'" or i + 1 >= len(text) or not text[i + 1].isalpha():
        return False
    return i == p_start or text[i - 1].isspace() or text[i - 1] in "([{—–-:"


# An embedded social-media post: the signature "— Name (@handle) Month D, YYYY" that embedded tweets leave in
# scraped text, a reply that opens with the @handle it answers, or a paragraph carrying a hashtag that is not
# written as a sentence (no closing punctuation, or it opens or ends with the hashtag). A headline opening with a
# hashtag and a colon is the outlet's.
_POST_SIGNATURE = re.compile(r"\(@\w+\)\s*[A-Z][a-z]+\.? \d{1,2}, \d{4}\s*$|pic\.twitter\.com/|^@\w+\s")
_HASHTAG = re.compile(r"(?<![\w&])#[A-Za-z]\w*")


# A post kept in the page as markup: <tweet author="..." ...>text</tweet>.
_POST_MARKUP = re.compile(r"<tweet\b[^>]*>.*?</tweet>", re.S | re.I)


def post_regions(text: str) -> list[Region]:
    """Paragraphs that are someone's social-media post quoted in the page (see _POST_SIGNATURE), and posts
    embedded as markup."""
    out: list[Region] = [m.span() for m in _POST_MARKUP.finditer(text)]
    for s, e in _paragraphs(text):
        para = text[s:e].strip(" *\t")
        if not para:
            continue
        tags = list(_HASHTAG.finditer(para))
        headline = bool(tags) and tags[0].start() == 0 and para[tags[0].end():tags[0].end() + 1] == ":"
        if _POST_SIGNATURE.search(para) or tags and not headline and (
                tags[0].start() == 0 or tags[-1].end() == len(para) or para[-1] not in ".!?\"”'’:"):
            out.append((s, e))
    return out


_NAME_LABEL = re.compile(r"[ \t*]*([A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3}):[ \t]+\S")


def speaker_label_regions(doc: Doc) -> list[Region]:
    """Paragraphs opened by a person's name and a colon: a transcript turn ("Jane Roe: We were ...") or a
    headline giving someone's words ("Roe: Ferry fares are a disgrace"). Only a name the entity tagger reads as
    a person counts, so that "The Latest:" or "Poll:" stays the outlet's."""
    text = text_of(doc)
    out: list[Region] = []
    for s, e in _paragraphs(text):
        m = _NAME_LABEL.match(text, s, e)
        if not m:
            continue
        name = doc.char_span(m.start(1), m.end(1))
        if name is not None and all(t.ent_type_ == "PERSON" for t in name):
            out.append((m.end(1) + 1, e))
    return out


def regions_in(regions: Sequence[Region], start: int) -> bool:
    return any(s >= start for s, _ in regions)


def _subtree_region(tokens: Iterable[Token]) -> Region | None:
    toks = list(tokens)
    if not toks:
        return None
    return min(t.idx for t in toks), max(t.idx + len(t.text) for t in toks)


def _inherited_subject(verb: Token) -> list[Token]:
    """The subject a clause without one takes from the clause it hangs on: "X lashed out at Y, calling him a
    liar", "X toured the port, trashing Y as ...", "even after mocking the board and calling its chair a ..."."""
    node = verb
    for _ in range(4):
        if node.dep_ not in ("advcl", "conj", "xcomp", "pcomp", "prep") or node.head.i == node.i:
            return []
        node = node.head
        subj = [c for c in node.children if c.dep_ == "nsubj"]
        if subj:
            return subj
    return []


def _specific_speaker(verb: Token) -> bool:
    # only an active subject speaks: in "the leader is said to ..." the passive subject is who is talked about,
    # by nobody named
    subj = [c for c in verb.children if c.dep_ == "nsubj"] or _inherited_subject(verb)
    if not subj:
        return False
    s = subj[0]
    if s.lower_ in VAGUE_SPEAKERS or s.lemma_.lower() in VAGUE_SPEAKERS or s.lower_ in ("we", "it", "they"):
        return False
    if s.ent_type_ or s.pos_ == "PROPN":
        return True
    # a noun the tagger reads as an adjective still heads a noun phrase with its determiner ("the general")
    return s.pos_ in ("NOUN", "PRON") or (s.pos_ == "ADJ" and any(c.dep_ == "det" for c in s.children))


_NAMING_VERBS = frozenset(["call", "dub", "brand", "label"])


def _unparsed_namer(verb: Token) -> bool:
    """An active participle of naming whose subject the parse lost ("even after mocking the board and
    calling its chair a crook", hung on the wrong clause): somebody puts the label on, and it is not the outlet."""
    return (verb.tag_ == "VBG" and verb.lemma_.lower() in _NAMING_VERBS and not _inherited_subject(verb)
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children))


def _speaks_itself(verb: Token) -> bool:
    """The verb has a subject of its own, or is a participle after the clause whose subject it takes ("the mayor
    turned the tables, portraying the harbour chief as ..."). A participle before its clause ("Dubbed the Lantern Man for
    his bizarre antics, the owner ...") describes the subject in the outlet's words."""
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return True
    return verb.i > verb.head.i and bool(_inherited_subject(verb))


def _embedded_question(clause: Token) -> bool:
    """"announces whether he will ...", "did not say if ...": the clause names a question, not words anyone
    said, so its wording stays the outlet's."""
    return any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in clause.children)


def attributed_regions(doc: Doc) -> list[Region]:
    """Content of attributed speech from the parse (character offsets into doc.text)."""
    out: list[Region] = []
    for tok in doc:
        lemma = tok.lemma_.lower()
        speech = lemma in SPEECH_VERBS
        if tok.pos_ == "VERB" and (speech or lemma in LABELLING_VERBS) and (
                _specific_speaker(tok) or _unparsed_namer(tok)):
            for child in tok.children:
                if child.dep_ == "ccomp" and _embedded_question(child):
                    continue
                if speech and (child.dep_ in ("ccomp", "xcomp", "oprd") or (
                        child.dep_ == "dobj" and lemma in DESCRIBING_VERBS)):
                    # "called him a liar": the label (oprd) is the speaker's, as is what they describe
                    region = _subtree_region(child.subtree)
                elif (child.dep_ == "prep" and (child.lower_ in ("of", "as", "for") if speech else child.lower_ == "as")
                      and _speaks_itself(tok)):
                    # "accused X of ...", "criticized as ...", "blamed X for ...", "slammed X as ..."
                    region = _subtree_region(child.subtree)
                else:
                    continue
                if region and region[1] <= tok.idx and _lead_in(text_of(doc), region[1]):
                    continue
                if region:
                    region = _without_aside(doc, region)
                    # the parser sometimes runs a clause over a paragraph break; speech does not
                    text = text_of(doc)
                    p0 = text.rfind("\n", 0, tok.idx) + 1
                    p1 = text.find("\n", tok.idx)
                    p1 = len(text) if p1 < 0 else p1
                    region = (max(region[0], p0, tok.sent.start_char), min(region[1], p1, tok.sent.end_char))
                    if region[1] > region[0]:
                        out.append(region)
    return out


_LEAD_IN = re.compile(r"\s*(:|—|–|--|;)")


def _lead_in(text: str, end: int) -> bool:
    """Content that ends at a colon, a dash or a semicolon before its speech verb is the writer's lead-in to
    what someone said ("the ferry trip ended in chaos: a passenger told the radio that ..."), not speech."""
    return bool(_LEAD_IN.match(text, end))


def _without_aside(doc: Doc, region: Region) -> Region:
    """The region without a trailing ", which ..." clause: a comment on the report, most often the writer's
    ("her neighbours call her the Lighthouse, which suits a woman who never sleeps")."""
    span = doc.char_span(region[0], region[1], alignment_mode="expand")
    if span is None:
        return region
    for tok in span:
        if tok.dep_ == "relcl" and tok.i > 1:
            first = tok.left_edge
            if (first.lower_ == "which" and first.i > span.start and doc[first.i - 1].text == ","
                    and tok.right_edge.idx + len(tok.right_edge.text) >= region[1] - 1):
                return region[0], doc[first.i - 1].idx
    return region


def merge(regions: Iterable[Region]) -> list[Region]:
    out: list[Region] = []
    for s, e in sorted(regions):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def speech_regions(quotes: Sequence[Quote]) -> list[Region]:
    """Body spans of quotes whose words are someone else's: all direct speech, and indirect speech with a
    named speaker. Anonymous or vague paraphrase, "according to X", what data or footage "showed" and an
    embedded question keep the outlet's wording (see the module docstring)."""
    out = []
    for q in quotes:
        if not q.direct:
            cue = (q.cue or "").lower()
            if (q.anonymous or _vague(q.speaker) or cue.startswith("according") or cue in _DATA_CUES
                    or _asks(q.text) or not _speech_cue(cue)):
                continue
        out.append((q.start, q.end))
    return out


_PREPOSITIONS = frozenset(["of", "in", "on", "at", "from", "with", "for", "close", "familiar", "who", "that"])


def _vague(speaker: str | None) -> bool:
    """The speaker phrase's head noun, the last word before its modifiers ("Some sources on the web", "the
    source with knowledge of ..."), is vague."""
    words = (speaker or "").lower().split()
    cut = next((k for k, w in enumerate(words) if k and w in _PREPOSITIONS), len(words))
    return not words[:cut] or words[:cut][-1] in VAGUE_SPEAKERS


# Verbs of belief and feeling that report a named person's view in their own terms ("she fears the council's
# reckless dam will drown the valley"), besides the verbs of saying.
_VIEW_VERBS = frozenset(["believe", "think", "fear", "hope", "expect", "feel", "worry", "agree", "ask", "recall",
                         "recount", "remember", "estimate", "conclude", "suspect", "wonder", "reckon"])


def _speech_cue(cue: str) -> bool:
    """Indirect speech needs a verb of saying or of a view held: "issued", "faced", "know" introduce no one's
    words (a writer's "I know a lot of people ..." is the outlet's own voice). No cue: trusted."""
    words = cue.split()
    if not words:
        return True
    return any(_stems(w) & (SPEECH_VERBS | _VIEW_VERBS) for w in words)


def _stems(word: str) -> set[str]:
    """The base forms an inflected verb may have ("believes", "claimed", "replied", "saying"), irregular ones
    ("said", "told", "wrote") from the lemmatizer's exception table."""
    return {word, word[:-1], word[:-2], word[:-3], word[:-3] + "e", word[:-3] + "y", word[:-1] + "y",
            *_irregular_verbs().get(word, ())}


@lru_cache(maxsize=1)
def _irregular_verbs() -> dict[str, tuple[str, ...]]:
    try:
        table = get_nlp().get_pipe("lemmatizer").lookups.get_table("lemma_exc")
        return {form: tuple(lemmas) for form, lemmas in table["verb"].items()}
    except (KeyError, ValueError, AttributeError):
        return {"said": ("say",), "told": ("tell",), "wrote": ("write",), "written": ("write",)}


# "the footage showed ...", "prosecutors showed the video": what is shown is not anyone's words
_DATA_CUES = frozenset(["show", "shows", "showed", "shown", "showing", "indicate", "indicates", "indicated",
                        "indicating"])


def _asks(content: str | None) -> bool:
    """Content that is a question named by the outlet ("announces whether he will ..."), not words said."""
    return (content or "").lower().startswith(("whether ", "if "))


def quoted_regions(doc: Doc, quotes: Sequence[Quote] = (), offset: int = 0) -> list[Region]:
    """All regions (offsets into doc.text) that are someone else's words. `quotes` hold body offsets;
    `offset` is where doc.text starts in the body (0 for a whole-article doc)."""
    text = text_of(doc)
    regions = quote_mark_regions(text) + post_regions(text) + attributed_regions(doc) + speaker_label_regions(doc)
    n = len(text)
    spoken = [q for q in quotes if q.direct or not (_participial(doc, q.start - offset, q.end - offset, n)
                                                     or _cue_after_lead_in(text, q, offset))]
    indirect = {(q.start, q.end) for q in spoken if not q.direct}
    for s, e in speech_regions(spoken):
        was = (s, e)
        s, e = s - offset, e - offset
        if e > 0 and s < n and e > s:
            region = (max(s, 0), min(e, n))
            if was in indirect:
                # reported speech ends with its paragraph; the quote extractor may run it over the break
                cut = text.find("\n", region[0], region[1])
                region = _without_aside(doc, (region[0], cut if cut > region[0] else region[1]))
            regions.append(region)
    return merge(regions)


def _cue_after_lead_in(text: str, q: Quote, offset: int) -> bool:
    """Indirect content followed by a colon or a dash and then its own cue (see _lead_in)."""
    end = q.end - offset
    if not (0 <= end <= len(text)) or not _lead_in(text, end):
        return False
    cue = (q.cue or "").split()
    return bool(cue) and cue[-1].lower() in text[end:end + 200].lower()


def _participial(doc: Doc, start: int, end: int, n: int) -> bool:
    """Indirect-speech content whose clause is a participle without a subject ("Dubbed the X for his ...,
    the ferry owner admitted ...", "Already facing a hostile council, the mayor called ..."): a description of the
    speaker in the outlet's words, not what they said."""
    span = doc.char_span(max(start, 0), min(end, n), alignment_mode="expand")  # n: len(doc.text), built once
    if span is None or not len(span):
        return False
    roots = [t for t in span if not (span.start <= t.head.i < span.end) or t.head.i == t.i]
    root = roots[0] if roots else span.root
    return (root.tag_ in ("VBG", "VBN") and root.dep_ in ("advcl", "acl")
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in root.children))


class VoiceIndex:
    """Answers "is [start, end) someone else's words?" in O(log n)."""

    def __init__(self, regions: Sequence[Region]):
        self.regions = merge(regions)
        self._starts = [s for s, _ in self.regions]

    def is_quoted(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self._starts, start) - 1
        if i >= 0 and self.regions[i][1] >= end:
            return True
        # a span that mostly overlaps a quote (a term straddling the closing mark) is quoted too
        j = bisect.bisect_left(self._starts, end)
        overlap = sum(max(0, min(e, end) - max(s, start)) for s, e in self.regions[max(i, 0):j])
        return overlap * 2 > (end - start)

    def voice(self, start: int, end: int) -> str:
        return "quoted" if self.is_quoted(start, end) else "outlet"


def voice_index(doc: Doc, article: Article) -> VoiceIndex:
    """The article's quoted regions, walked once over the parse and kept on the Doc: loaded terms and actor
    labels both ask, after quotes are known."""
    key = "newsprism.voices"
    if key not in doc.user_data:
        doc.user_data[key] = VoiceIndex(quoted_regions(doc, article.quotes))
    return doc.user_data[key]
