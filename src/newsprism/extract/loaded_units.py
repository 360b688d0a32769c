"""Precision gate for loaded-language token scores: words read as parts of units, not one by one.

The token model scores words with a few neighbours of context, so a word that is loaded on its own is scored
as loaded inside a neutral unit too: "bomb" in "bomb squad technician", "toll" in "death toll", "shore" in
"shore support". A researcher counting an outlet's loaded terms needs precision first, so this gate, applied
after scoring and before phrases are built, removes the scores that the parse shows to be parts of neutral
units, and asks more of the model where only the model speaks:

  * a noun-noun compound is one unit: the modifier ("bomb" squad) and the head with a common-noun modifier
    (death "toll", tax "regime") take no score of their own unless the other member is itself loaded
    ("puppet dictator") or the lexicon lists the whole unit ("witch hunt");
  * a phrasal verb is one unit ("ring out"): its verb takes no model-only score;
  * proper names are not loaded language (the model sometimes scores a surname; a lexicon word capitalised
    inside a name is part of the name);
  * link text and URL slugs are not the outlet's prose;
  * a model-only score must reach MODEL_PRECISION_THRESHOLD, chosen on a hand-checked sample for precision;
    lexicon entries keep their priors, since each was written as loaded in the sense it is matched;
  * a model-only adjective must reach the higher MODEL_ADJECTIVE_THRESHOLD, and a model-only adverb is not
    flagged at all: on political news those the model alone finds mostly grade how much or how hard ("vastly
    more", "keenly courted", "a tense meeting");
  * an adjective on a stretch of time says how hard the period was ("a brutal week"), and one that completes
    "feel" or "find" tells the holder's state or view ("growers find the tariff toxic");
  * a model-only "adjective" that English does not use as an adjective is a noun or verb the tagger misread
    ("hoax" in "hoax columns", "harness" in "harness the growers' anger"): the name of a thing, not an evaluation
    (WordNet's adjective index, shipped with spaCy's lemmatizer, says which words are adjectives);
  * evaluative adverbs that are loaded wherever they stand ("brutally", "callously") come from the lexicon;
  * a model-only modifier of a change in amount or state grades it ("a drastic drop"); so does a plain
    intensifier of an adjective ("mighty sure");
  * a model-only -ed adjective of feeling ("a terrified girl") tells the state of the one who feels it;
  * "regime" followed by "of" and a common noun is a system of rules ("a regime of permits"), not a government;
  * an idiom is one unit whose words have no sense of their own ("flip side", "mad dash", "cry foul"): the
    lexicon lists them as `Idiom`, with the usual intensifier of a noun ("harsh criticism"), literal
    collocations ("strip naked") and standard names ("dirty bomb"), and their words take no model score; a
    two-word one also matches through the parse when words come between ("a devastating night attack");
  * "embattled", "besieged", "beleaguered" said of a place are literal (a town under attack), not an
    evaluation of a person or a government.

`sentence_bias` (BABE's sentence task) does not read these scores at all (see bias_head.sentence_features).
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from newsprism.nlp.load import get_nlp

LABELING = "Name_Calling,Labeling"  # loaded.LABELING (loaded imports this module)

# Model-only scores below this are dropped. The training script's threshold maximises span F1 on PTC; this
# one is the precision operating point (tests/data/loaded_handcheck.json records the sample it was read on).
MODEL_PRECISION_THRESHOLD = 0.85
# A lexicon entry flags on its own at this prior; entries below it (standard terms that are also used as
# labels: "terrorist attacks", "radical") count only when the model, in context, also flags them.
LEXICON_THRESHOLD = 0.55
# A model-only adjective must reach this: adjectives scored below it were mostly the plain description of an
# event's force or a person's manner ("a tense meeting", "a gruff manager"); above it mostly labels and
# judgements ("xenophobic", "snarky"). Read on the hand check's tuned parts (tests/data/loaded_handcheck.json).
MODEL_ADJECTIVE_THRESHOLD = 0.95

# Adjectives whose literal sense is "under attack": said of a place they describe a siege, not a judgement.
_SIEGE_WORDS = frozenset({"embattled", "embattle", "besieged", "besiege", "beleaguered"})
_PLACE_NOUNS = frozenset({"town", "city", "village", "region", "province", "district", "area", "enclave",
                          "border", "capital", "country", "state", "territory", "zone", "neighborhood",
                          "neighbourhood", "suburb", "port", "island", "valley", "camp", "base", "outpost"})
_PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})

_URLISH = re.compile(r"https?:|www\.|\.html?\b|\.com\b|\.php\b|\.aspx?\b")
_NAMES = ("PERSON", "ORG", "GPE", "FAC", "LOC")


def _url_lines(text: str) -> list[tuple[int, int]]:
    out = []
    start = 0
    for line in text.split("\n"):
        if _URLISH.search(line):
            out.append((start, start + len(line)))
        start += len(line) + 1
    return out


def _in(regions: list[tuple[int, int]], pos: int) -> bool:
    return any(s <= pos < e for s, e in regions)


def _compound_member(tok: Token, flagged: set[int], label_word: bool) -> bool:
    """True when tok sits in a noun-noun compound whose other member is not loaded itself. `label_word`: the
    lexicon lists tok as a label, which keeps it as a modifier ("puppet rulers") but not as the head of a
    compound that gives it another sense ("tax regime", "medication regime")."""
    if tok.dep_ == "compound" and tok.head.i != tok.i:
        # before a common noun it is part of a name for a thing ("bomb squad"); before a proper name it is a
        # label put on that person ("thug Tom Fisk"), which is what name calling is
        return not label_word and tok.head.pos_ == "NOUN" and tok.head.i not in flagged
    if tok.pos_ == "NOUN":
        mods = [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "NOUN" and c.i < tok.i]
        return bool(mods) and not any(c.i in flagged for c in mods)
    return False


@lru_cache(maxsize=1)
def _adjectives() -> frozenset[str]:
    """Every English adjective lemma WordNet knows (the rule lemmatizer's index); empty when the pipeline
    has no such table, which turns the check off rather than dropping every adjective."""
    try:
        table = get_nlp().get_pipe("lemmatizer").lookups.get_table("lemma_index")
        return frozenset(table["adj"])
    except (KeyError, ValueError, AttributeError):
        return frozenset()


# Endings that make a word an adjective whatever the index says ("elitist", "xenophobic"), and verb forms.
_ADJ_ENDINGS = ("ed", "ing", "ist", "ic", "ous", "ful", "less", "ive", "able", "ible", "al", "ish", "ary", "ent",
                "ant", "y")


def _not_an_adjective(tok: Token) -> bool:
    adjs = _adjectives()
    if not adjs or tok.tag_ in ("VBN", "VBG") or tok.lower_.endswith(_ADJ_ENDINGS):
        return False
    return tok.lower_ not in adjs and tok.lemma_.lower() not in adjs


def _model_may_flag(tok: Token, p: float, label: str) -> bool:
    """What the model alone may flag, by part of speech. On news the model's nouns and verbs are mostly the
    topic's vocabulary ("trawler", "sunk", "murder": the training data's propaganda is about wars and crimes);
    its surest adjectives are mostly loaded. A noun is kept when the model calls it a label put on someone
    ("gangster"): on web news these are few and often the standard name of a group, but they are much of what
    PTC marks as name calling. Nouns and verbs loaded in every sense come from the lexicon."""
    if p < MODEL_PRECISION_THRESHOLD or _hyphen_compound(tok):
        return False
    if _plain_degree(tok):
        return False
    if tok.pos_ == "ADJ":
        return (p >= MODEL_ADJECTIVE_THRESHOLD and not _not_an_adjective(tok) and not _grades_a_change(tok)
                and not _experiencer_state(tok) and not _holders_view(tok))
    # A model-only adverb is left out: on political news nearly all of them grade how much or how hard
    # ("vastly more", "surprisingly large", "keenly courted", "sharply split"); adverbs that judge
    # wherever they stand ("brutally", "viciously", "ridiculously") are in the lexicon.
    return tok.pos_ == "NOUN" and label == LABELING


# Verbs and nouns of change in amount or state: a model-only modifier of one says how much ("a drastic drop",
# "dramatically changed"), as a degree adverb after its verb does.
_CHANGES = frozenset({"change", "shift", "increase", "decrease", "rise", "fall", "drop", "decline", "cut",
                      "reduce", "reduction", "growth", "grow", "jump", "surge", "slump", "plunge", "gain", "loss",
                      "expand", "expansion", "improve", "improvement", "worsen", "deterioration", "spike",
                      "climb", "slide", "dip", "hike", "swing", "turnaround", "reversal", "escalate",
                      "escalation", "accelerate", "slow", "slowdown", "alter", "transform", "transformation"})


def _plain_degree(tok: Token) -> bool:
    """A plain intensifier of an adjective or adverb ("mighty sure", "pretty cool", "damn perfect"): it says how
    much, and the word it grades carries any judgement. Adverbs in -ly made from an evaluative adjective
    ("ridiculously expensive", "suspiciously close") judge by themselves and are left to the model."""
    head = tok.head
    return (tok.dep_ == "advmod" and head.i != tok.i and head.pos_ in ("ADJ", "ADV")
            and not tok.lower_.endswith("ly"))


def _ing_forms(word: str) -> tuple[str, ...]:
    """The -ing forms an -ed participle may pair with: shocked/shocking, excited/exciting,
    terrified/terrifying, stunned/stunning."""
    return word[:-2] + "ing", word[:-1] + "ing", word[:-3] + "ying", word[:-3] + "ing"


def _experiencer_state(tok: Token) -> bool:
    """An -ed adjective of feeling ("a terrified girl", "shocked responses", "the crowd was stunned"): it tells
    the state of the one who feels it, not the writer's judgement of them. A verb of feeling is known by its
    pair: its -ing form is an adjective too (terrifying, shocking, stunning; "botched" and "unhinged" have no
    such pair and stay with the model)."""
    word = tok.lower_
    adjs = _adjectives()
    return word.endswith("ed") and len(word) > 4 and any(f in adjs for f in _ing_forms(word))


# Nouns of a stretch of time: an adjective on one says how hard or eventful the period was ("a brutal week",
# "an explosive weekend"), not what anyone is.
_PERIODS = frozenset({"day", "week", "weekend", "month", "year", "night", "evening", "morning", "hour", "moment",
                      "stretch", "period", "season", "spell", "decade", "summer", "winter", "spring", "autumn",
                      "fall"})


def _of_a_period(tok: Token) -> bool:
    head = tok.head
    return tok.dep_ == "amod" and head.i != tok.i and (
        head.lemma_.lower() in _PERIODS or head.ent_type_ in ("DATE", "TIME"))


# Verbs whose adjective complement tells what their subject feels or finds ("the growers feel cheated", "they
# find the tariff toxic"): the holder's state or view, not the writer's judgement.
_VIEW_VERBS = frozenset({"feel", "find", "consider", "deem"})


def _holders_view(tok: Token) -> bool:
    head = tok.head
    return tok.dep_ in ("acomp", "oprd", "ccomp", "xcomp") and head.i != tok.i and head.lemma_.lower() in _VIEW_VERBS


def _grades_a_change(tok: Token) -> bool:
    head = tok.head
    return head.i != tok.i and tok.dep_ in ("amod", "advmod") and head.lemma_.lower() in _CHANGES


def _of_a_place(tok: Token) -> bool:
    """"embattled" in "the embattled town", "an embattled hill city", "embattled Varesk"."""
    if tok.lemma_.lower() not in _SIEGE_WORDS and tok.lower_ not in _SIEGE_WORDS:
        return False
    # the head alone decides: "the embattled Ostrelan president" and "the embattled mayor of Lorvik" are people
    head = tok.head if tok.dep_ == "amod" else tok
    return head.ent_type_ in _PLACE_ENTS or head.lemma_.lower() in _PLACE_NOUNS


# Label nouns that also name a system of rules: "a regime of permits", "a regime of medication".
_SYSTEM_NOUNS = frozenset({"regime"})


def _a_system(tok: Token) -> bool:
    """"regime" followed by "of" and a common noun is a system of rules; of a people or a ruler ("the regime of
    Ostrela") it is a government."""
    if tok.lemma_.lower() not in _SYSTEM_NOUNS:
        return False
    objs = [o for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children if o.dep_ == "pobj"]
    return bool(objs) and all(o.pos_ == "NOUN" and not o.ent_type_ for o in objs)


@lru_cache(maxsize=1)
def idioms() -> dict[str, list[tuple[str, ...]]]:
    """The lexicon's `Idiom` entries (lemmas), keyed by their first word, longest first."""
    text = resources.files("newsprism.data").joinpath("loaded_lexicon.tsv").read_text(encoding="utf-8")
    out: dict[str, list[tuple[str, ...]]] = {}
    for line in text.splitlines():
        cols = line.split("\t")
        if len(cols) >= 2 and cols[1] == "Idiom" and not line.startswith("#"):
            words = tuple(cols[0].split())
            out.setdefault(words[0], []).append(words)
    for entries in out.values():
        entries.sort(key=len, reverse=True)
    return out


def idiom_tokens(doc: Doc | Span, near: list[int] | None = None) -> set[int]:
    """Indices (into doc) of tokens inside an idiom; a word matches by its lower form or its lemma. `near`:
    only idioms covering these tokens are looked for (the gate asks about its candidates alone). A two-word
    idiom whose first word modifies the second also matches across the words between them ("a devastating
    terrorist attack", "her formidable delegate lead"): the collocation is the pair, not the adjacency."""
    table = idioms()
    longest = max((len(w) for entries in table.values() for w in entries), default=0)
    n = len(doc)
    starts = range(n) if near is None else sorted({s for i in near for s in range(max(i - longest + 1, 0), i + 1)})
    out: set[int] = set()
    for i in starts:
        tok = doc[i]
        for words in table.get(tok.lemma_.lower(), ()) or table.get(tok.lower_, ()):
            m = len(words)
            if i + m <= n and all(w in (doc[i + k].lower_, doc[i + k].lemma_.lower()) for k, w in enumerate(words)):
                out.update(range(i, i + m))
                break
            if m == 2 and tok.dep_ in ("amod", "advmod", "compound") and _modifies(tok, words[1]):
                out.add(i)
                break
    return out


def _modifies(tok: Token, lemma: str) -> bool:
    """tok modifies a later word (within a few words) that has this lemma or lower form."""
    head = tok.head
    return tok.i < head.i <= tok.i + 4 and lemma in (head.lower_, head.lemma_.lower())


def _hyphen_compound(tok: Token) -> bool:
    """A member of a hyphenated compound ("rocket-propelled", "open-heart", "best - known" in text whose
    tokens were spaced out): one word, whose sense is not its parts'. A dash used as punctuation looks the
    same when spaced; losing a model-only word beside it costs recall, not precision."""
    doc = tok.doc
    return "-" in tok.text or (tok.i > 0 and doc[tok.i - 1].text == "-") or (
        tok.i + 1 < len(doc) and doc[tok.i + 1].text == "-")


def _capitalised_in_prose(tok: Token) -> bool:
    """A capitalised word, not the first of its sentence, in a sentence written mostly in lower case. The
    sentence is cut at line breaks: a headline without a full stop is often parsed into the first sentence."""
    if not tok.is_title:
        return False
    sent, doc = tok.sent, tok.doc
    lo = tok.i
    while lo > sent.start and "\n" not in doc[lo - 1].text_with_ws:
        lo -= 1
    hi = tok.i + 1
    while hi < sent.end and "\n" not in doc[hi - 1].text_with_ws:
        hi += 1
    if tok.i == lo:
        return False
    words = [t for t in doc[lo + 1:hi] if t.is_alpha]
    return sum(t.is_title for t in words) * 2 < len(words)


def _not_loaded_here(tok: Token, in_lexicon: bool, flagged: set[int], label_word: bool) -> bool:
    """A name, a member of a neutral compound, or (model-only) the verb of a phrasal verb."""
    if (tok.pos_ == "PROPN" or tok.ent_type_ in _NAMES) and (not in_lexicon or _capitalised_in_prose(tok)):
        # a lexicon word in a title-case headline is tagged PROPN too ("Ostrelan Regime") and stays; one
        # capitalised inside ordinary prose is part of a name (a group called "Sham al-Haqq", a show "Brutal Truths")
        return True
    if _compound_member(tok, flagged, label_word) or _of_a_place(tok) or _a_system(tok) or _of_a_period(tok):
        return True
    return not in_lexicon and tok.pos_ == "VERB" and any(c.dep_ == "prt" for c in tok.children)


def gate_scores(doc: Doc | Span, scores: list[tuple[float, str]],
                lexical: dict[int, tuple[float, str]]) -> list[tuple[float, str]]:
    """Scores with the units' members, names, link text and unsure model-only scores set to 0.

    `lexical`: token index (into doc) -> lexicon hit, as loaded.lexicon_hits gives it."""
    text = doc.text if isinstance(doc, Doc) else doc.doc.text
    urls = _url_lines(text)
    base = doc[0].i if len(doc) else 0
    out = list(scores)
    # tokens under every threshold cannot start or extend a phrase: left as they are, unexamined
    cand = [i for i, (p, _) in enumerate(scores) if p >= LEXICON_THRESHOLD]
    own = {i for i in cand
           if (i in lexical and lexical[i][0] >= LEXICON_THRESHOLD) or _model_may_flag(doc[i], *scores[i])}
    flagged = {base + i for i in own}
    multi = {i for i in lexical if i - 1 in lexical or i + 1 in lexical}  # matched with a lexicon neighbour
    idiom = idiom_tokens(doc, cand) if cand else set()
    for i in cand:
        label = scores[i][1]
        tok = doc[i]
        if i not in own or _in(urls, tok.idx) or (i in idiom and i not in multi) or (
                i not in multi and _not_loaded_here(tok, i in lexical, flagged, lexical.get(i, (0, ""))[1] == LABELING)):
            out[i] = (0.0, label)
    return out
