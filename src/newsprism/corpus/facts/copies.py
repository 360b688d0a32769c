"""Copies: one text in several articles is one origin.

Two outlets printing the same wire sentence are one source, not two. A copy is known two ways: the duplicate
stage's shared passages (partial duplicates list the spans each article shares with another), or two mention
sentences that match word for word over most of their length.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from newsprism.knowledge.names import fold
from newsprism.model import Duplicate

# article -> [(start, end, partner article)]: the passages the duplicate stage found copied between two articles
Passages = dict[str, list[tuple[int, int, str]]]
# A sentence copied word for word: this many words at least (shorter ones recur by chance: "Police said the fire
# was not suspicious."), sharing one run of words that covers this much of the shorter sentence.
COPY_MIN_WORDS = 8
COPY_SHARE = 0.8


def shared_passages(duplicates: list[Duplicate]) -> Passages:
    """The copied passages of partial duplicates per article, each with the article it was copied with (the
    duplicate stage lists them in pairs: this article's span, then the other's)."""
    out: Passages = {}
    for d in duplicates:
        ps = d.passages
        for a, b in zip(ps[0::2], ps[1::2], strict=False):
            out.setdefault(a["article"], []).append((a["start"], a["end"], b["article"]))
            out.setdefault(b["article"], []).append((b["start"], b["end"], a["article"]))
    return out


def in_shared_passage(passages: Passages, article: str, start: int, end: int, other: str) -> bool:
    """Most of the sentence [start, end) lies in a passage `article` shares with `other`."""
    for s, e, partner in passages.get(article, ()):
        if partner == other and min(e, end) - max(s, start) >= 0.6 * (end - start):
            return True
    return False


def copy_words(text: str) -> list[str]:
    return fold(text).split()


def copied_sentence(a: list[str], b: list[str]) -> bool:
    """Two sentences that are one text: the words they share in order cover most of the shorter one (an
    edited copy changes a word or two: "held without bond" / "held without bail")."""
    if min(len(a), len(b)) < COPY_MIN_WORDS:
        return False
    same = sum(m.size for m in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks())
    return same >= COPY_SHARE * min(len(a), len(b))
