"""Boilerplate removal for plain text and for the text extracted from HTML.

Two signals, both of which keep every removed part with the reason it was removed:
  1. `classify_paragraphs`: a per-paragraph classifier over surface features (appeal verbs and pronouns, link
     words, the `Name Name / Agency` credit pattern, caption markers, capitalised-word ratio, URL-only lines,
     position in the document). Strong triggers near the end of a page open a *tail block* (donation appeal,
     author box, tag list) whose short or same-voice followers go with it: page furniture comes in runs.
  2. `remove_repeated_boilerplate`: corpus level, a paragraph repeated verbatim (normalised) in two or more
     articles of one outlet is that outlet's furniture, whatever it says.
Paragraph units are blank-line separated blocks; a block made of short lines or list items is split into its
lines, hard-wrapped prose is re-joined with single spaces.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from newsprism.articles import collection
from newsprism.model import Article, Removed

TERMINAL = ('.', '!', '?', '"', '\u201d', '\u2019', "'", ')', ':', ';', '\u2026')
_LIST_ITEM = re.compile(r"^\s*(?:[-*\u2022\u25cf\u25aa\u2013\u00b7]|\d{1,3}[.)])\s+")
_INLINE_TAG = re.compile(r"</?(?:u|b|i|em|strong|a|span|br|sup|sub)(?:\s[^<>]*)?/?>", re.I)
_URL_ONLY = re.compile(r"^\s*(?:https?://|www\.)\S+\s*$", re.I)
_WORD = re.compile(r"[^\W\d_][\w'\u2019.-]*")

# Each rule: (reason, pattern). Order matters only for which reason is reported.
_RULES: list[tuple[str, re.Pattern[str], int]] = [
    # (reason, pattern, max length of the paragraph the rule may fire on)
    ("donation appeal", re.compile(
        r"^support\s+(?:the\s+)?[A-Z][\w .'&-]{1,40}!$|small favou?r to ask|please support us|support us monthly"
        r"|not ready to support|remind me later|pai?ment methods|\bdonate\b|make a (?:one-off |monthly )?"
        r"(?:contribution|donation)|become a (?:member|patron|supporter)|support (?:our|independent) journalism",
        re.I), 1200),
    ("subscription prompt", re.compile(
        r"\bsubscribe\b|\bsign up (?:for|to)\b|\bnewsletter\b|already a subscriber|\blog ?in to\b"
        r"|create (?:a free |an )?account|unlimited access|free trial|free sign up|never miss (?:our|a)"
        r"|pour lire la suite|créez votre compte|accéder en illimité|jetzt (?:abonnieren|registrieren)"
        r"|mit der registrierung akzeptieren", re.I), 300),
    ("embed placeholder", re.compile(r"(?:klicken sie|click)\b.{0,60}(?:um den inhalt|to load)|inhalt von \S+ zu laden"
                                     r"|load (?:the )?content from", re.I), 200),
    ("comment widget", re.compile(r"^(?:view comments|kommentare(?: insgesamt)?:?\s*\d*|\d+ comments?|comments? \(\d+\)"
                                  r"|leave a (?:comment|reply)|schreibe einen kommentar|add a comment)$", re.I), 60),
    ("date stamp", re.compile(r"^(?:(?:letzte änderung|last updated|updated|published|posted|veröffentlicht(?: am)?"
                              r"|stand)\s*:?\s*)?(?:\d{1,2}[./]\d{1,2}[./]\d{2,4}(?:,?\s*\d{1,2}:\d{2}(?:\s*[AP]M)?"
                              r"(?:\s*uhr)?)?|\d{1,2}:\d{2}\s*(?:[AP]M|uhr)?)$", re.I), 60),
    ("related-content link", re.compile(
        r"^(?:related(?: articles?| posts?| stories| coverage| content| reading)?|read more|more from|see also"
        r"|recommended|you may also like|most (?:read|popular)|trending|more on this|read next|(?:also|further) read"
        r"|next article|previous article|auch interessant|lesen sie (?:auch|mehr)|mehr zum thema|weiterlesen"
        r"|das (?:thema )?könnte (?:dich|sie) auch interessieren|vorschau auf den nächsten artikel|\.\.\. weiter zu"
        r"|(?:à )?lire aussi|leggi anche|lee también)\b\s*(?:in)?\s*[:\-\u2013\u00bb]?", re.I), 220),
    ("source link", re.compile(r"^source:\s*read (?:the )?full (?:article|story)|read (?:the )?full (?:article|story)",
                               re.I), 120),
    ("social follow/share prompt", re.compile(
        r"^(?:follow\b.{0,60}\bon (?:social media|twitter|facebook|instagram|telegram|x)\b|share (?:this|on)\b"
        r"|(?:share|tweet|like|email|print|comments?|whatsapp|pin it|reddit)(?:\s*[|/,]\s*\w+)*[:!]?$"
        r"|click (?:here )?to share|like us on facebook)", re.I), 160),
    ("copyright notice", re.compile(r"^(?:\u00a9|\(c\)\s|copyright\b)|all rights reserved", re.I), 200),
    ("advertisement", re.compile(r"\bavailable (?:now )?(?:from|on|at) amazon\b|\bbuy (?:it )?now\b"
                                 r"|\badvertisement\b|\bsponsored content\b|\border (?:your copy|now)\b", re.I), 400),
    ("photo credit", re.compile(
        r"^\(?(?:(?:photo|image|picture|credit|photograph|foto|bild|beitragsbild|bildquelle|cr[ée]dits? photos?)s?"
        r"(?: by| credit)?\s*[:/]\s*\S.{0,80}"
        r"|[A-Z][\w.'\u2019-]+(?: [A-Z][\w.'\u2019-]+){1,3}\s*/\s*[A-Z][\w&.'\u2019 -]{1,50}"
        r"|\(?(?:AP|AFP|Reuters|Getty Images|EPA|Shutterstock)(?: Photo)?\s*/\s*[\w .'-]+\)?)$"), 120),
    # Daily Mail style: the caption paragraph *ends* with its "(X, pictured)" marker.
    ("image caption", re.compile(r"\((?:[^()]{0,80},\s*)?pictured(?:[^()]{0,80})?\)\W{0,3}$"
                                 r"|\bpictured (?:above|below|left|right)\b|^(?:pictured|above|below|left|right)\s*:",
                                 re.I), 600),
    ("navigation", re.compile(r"(?:\b(?:home|about(?: us)?|contact(?: us)?|advertise(?: with us)?|privacy(?: policy)?"
                              r"|terms(?: of (?:use|service))?|help center|careers|sitemap)\b.*){3,}", re.I), 300),
]
# Paragraph openers that never start page furniture, whatever follows (a quote, an attribution).
_TAIL_FOLLOWERS = re.compile(r"\b(?:we|our|us|you|your|thank you)\b", re.I)
_BIO = re.compile(r"^(?P<name>[A-Z][\w'\u2019-]+(?: [A-Z][\w'\u2019-]+){1,3}) is (?:a |an |the )?(?:[\w-]+ ){0,4}"
                  r"(?:editor|correspondent|reporter|journalist|writer|columnist|contributor|author|analyst"
                  r"|producer|editor-in-chief)\b(?: (?:of|at|for) (?P<outlet>[A-Z][\w .&'-]{1,50}?))?[.,]?\s*$")


@dataclass
class Paragraph:
    text: str
    reason: str | None = None  # None: content


def normalise_space(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def split_paragraphs(text: str) -> list[str]:
    """Paragraph units: blank-line blocks; blocks of short lines or list items split into lines; hard-wrapped
    prose joined; a paragraph cut mid-sentence ("...this year to" / "service military...") re-joined."""
    text = _INLINE_TAG.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    units: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [ln for ln in (x.strip() for x in block.split("\n")) if ln]
        if not lines:
            continue
        wrapped = len(lines) > 1 and all(len(ln) >= 50 and not _LIST_ITEM.match(ln) for ln in lines[:-1]) \
            and not any(_LIST_ITEM.match(ln) for ln in lines)
        units.extend([" ".join(lines)] if wrapped else lines)
    units = [normalise_space(u) for u in units]
    joined: list[str] = []
    for u in units:
        if joined and _cut_mid_sentence(joined[-1], u):
            joined[-1] = f"{joined[-1]} {u}"
        else:
            joined.append(u)
    return [u for u in joined if u]


def _cut_mid_sentence(prev: str, nxt: str) -> bool:
    return (len(prev.split()) >= 8 and not prev.endswith(TERMINAL) and prev[-1:].isalpha()
            and re.match(r"[a-z]+\b(?![:/.])", nxt) is not None)


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _cap_ratio(words: list[str]) -> float:
    return sum(w[:1].isupper() for w in words) / max(len(words), 1)


def _is_prose(text: str) -> bool:
    return len(_words(text)) >= 12 and text.endswith(TERMINAL)


def rule_reason(text: str) -> str | None:
    """The reason a single paragraph is boilerplate on its own, or None."""
    if _URL_ONLY.match(text):
        return "bare link"
    if re.search(r"[a-z][A-Z]", text) and len(re.findall(r"[a-z][A-Z]", text)) >= 2 and len(text) < 200 \
            and re.search(r"\b(?:contact|advertise|about|help|privacy|terms)\b", text, re.I):
        return "navigation"
    for reason, pat, max_len in _RULES:
        if len(text) <= max_len and pat.search(text):
            return reason
    if _BIO.match(text):
        return "author bio"
    return None


def classify_paragraphs(paragraphs: list[str], outlet: str | None = None, layout: bool = True) -> list[Paragraph]:
    """Label each paragraph content (reason None) or boilerplate (a reason string).

    `layout` enables the rules that read page layout from punctuation and position (unpunctuated caption lines
    between paragraphs, title-case fragments, short lines after the article). They are meant for plain text,
    where headings, captions and widgets have lost their markup; text from an HTML extractor keeps its headings
    and list items as real paragraphs, which these rules would cut (measured on the html eval).
    """
    n = len(paragraphs)
    out = [Paragraph(p, rule_reason(p)) for p in paragraphs]
    prose_idx = [i for i, p in enumerate(out) if p.reason is None and _is_prose(p.text)]
    first_prose = prose_idx[0] if prose_idx else n
    last_prose = prose_idx[-1] if prose_idx else -1
    tail_block: str | None = None
    for i, p in enumerate(out):
        words = _words(p.text)
        in_tail = i > last_prose or i > n * 0.6
        # Appeals open a block wherever they are (their followers must share the appeal's voice); author boxes
        # and link lists only near the end, where everything after them is page furniture.
        if p.reason == "donation appeal" or (p.reason in (
                "author bio", "related-content link", "social follow/share prompt") and in_tail):
            tail_block = p.reason
            continue
        if p.reason is not None:
            continue
        if outlet and normalise_space(p.text).casefold() == outlet.casefold():
            p.reason = "outlet name line"
            continue
        if tail_block is not None:
            # Page furniture comes in runs: after a strong trigger near the end, the appeal's own voice
            # (we/our/you), list items, short lines and links belong to the same block.
            if (len(words) <= 6 or _LIST_ITEM.match(p.text) or _TAIL_FOLLOWERS.search(p.text)
                    or tail_block == "author bio" or not _is_prose(p.text)):
                p.reason = f"{tail_block} (continued)"
                continue
            tail_block = None
        if layout and (first_prose < i < last_prose or (i > last_prose >= 0 and i > first_prose)):
            # Between or after prose paragraphs, a title-case fragment without a verb ("Ferry Timetable
            # Changes") is an image caption or an embedded link headline.
            if 1 <= len(words) <= 6 and _cap_ratio(words) >= 0.99 and not p.text.endswith(TERMINAL):
                p.reason = "standalone caption line"
            elif 6 < len(words) <= 45 and not p.text.endswith(TERMINAL) and not _LIST_ITEM.match(p.text) \
                    and first_prose < i < last_prose:
                p.reason = "image caption (unpunctuated line between paragraphs)"
            elif len(words) <= 12 and not p.text.endswith(TERMINAL) and i > last_prose:
                p.reason = "page furniture after the article"
    # Name lines directly above an author bio are the author box header.
    for i in range(n - 1, 0, -1):
        prev = out[i - 1].reason
        if out[i].reason and out[i].reason.startswith("author bio") and (
                prev in (None, "standalone caption line") or (prev or "").endswith("(continued)")) \
                and 2 <= len(_words(out[i - 1].text)) <= 4 \
                and _cap_ratio(_words(out[i - 1].text)) == 1:
            out[i - 1].reason = "author bio (name)"
    return out


_INLINE_PICTURED = re.compile(r"\s*\((?:[^()]{0,60},\s*)?pictured\b[^()]{0,60}\)", re.I)


def strip_inline_markers(paras: list[Paragraph]) -> list[Removed]:
    """An image reference inside a content paragraph ("the blaze (pictured, seen from Eastquay) which...") is
    page layout, not reporting: cut it out and keep the sentence."""
    removed = []
    for p in paras:
        if p.reason is None and _INLINE_PICTURED.search(p.text):
            for m in _INLINE_PICTURED.finditer(p.text):
                removed.append(Removed(m.group().strip(), "inline image reference"))
            p.text = normalise_space(_INLINE_PICTURED.sub("", p.text))
    return removed


def clean_paragraphs(paragraphs: list[str], outlet: str | None = None,
                     layout: bool = True) -> tuple[list[Paragraph], list[Removed]]:
    paras = classify_paragraphs(paragraphs, outlet, layout)
    extra = strip_inline_markers(paras)
    return paras, [Removed(p.text, p.reason) for p in paras if p.reason] + extra


def clean_text(text: str, outlet: str | None = None, layout: bool = True) -> tuple[str, list[Removed]]:
    """Body text with boilerplate removed (paragraphs joined by a blank line) and the removed parts."""
    paras, removed = clean_paragraphs(split_paragraphs(text), outlet, layout)
    return join_body(paras), removed


def join_body(paras: list[Paragraph]) -> str:
    return "\n\n".join(p.text for p in paras if p.reason is None)


def bio_author(text: str) -> tuple[str, str | None] | None:
    """(name, outlet) from an author-bio sentence ("X is publishing editor of Y."), else None."""
    m = _BIO.match(text)
    if not m:
        return None
    return m.group("name"), (m.group("outlet") or "").strip(" .") or None


def _para_key(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text.casefold()).strip()


def remove_repeated_boilerplate(articles: Sequence[Article], min_articles: int = 2) -> None:
    """Corpus-level signal: paragraphs repeated in 2+ articles of one outlet move from body to removed.

    One pass over paragraph keys grouped by outlet, so the cost is linear in the number of paragraphs.
    Articles without an outlet are never compared: two unrelated sites can share a sentence legitimately.
    Very short keys (under 4 characters) are ignored; syndicated copies of one story across *different*
    outlets are dedup's business, not boilerplate. Keys are counted by their hash() within this one call, not
    kept as text (that was every paragraph of the corpus again); a spooled article that changes is written back.
    """
    seen: Counter[tuple[str, int]] = Counter()
    for a in articles:
        if a.outlet:
            seen.update({(a.outlet, hash(key)) for key in map(_para_key, a.body.split("\n\n")) if len(key) >= 4})
    coll = collection(articles)
    for n, a in enumerate(coll):
        if not a.outlet:
            continue
        paras = a.body.split("\n\n")
        counts = [seen.get((a.outlet, hash(key)), 0) if len(key) >= 4 else 0 for key in map(_para_key, paras)]
        if sum(c >= min_articles for c in counts) * 2 > len(paras):
            # Most of the article recurs: a duplicate or syndicated copy (dedup's business), not furniture.
            continue
        if not any(c >= min_articles for c in counts):
            continue
        kept: list[str] = []
        for para, count in zip(paras, counts, strict=True):
            if count >= min_articles:
                a.removed.append(Removed(para, f"repeated in {count} articles of {a.outlet}"))
            else:
                kept.append(para)
        a.body = "\n\n".join(kept)
        coll.replace(n, a)

