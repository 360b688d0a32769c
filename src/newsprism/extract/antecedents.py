"""Who a speaking "he" or "she" is: the nearest person the text makes salient, of a compatible gender.

Reporting prose names a speaker, then goes on with a pronoun ("“It was a long night,” he said"). The antecedent is
rarely just the last name in the text: a person named as an object or inside a prepositional phrase ("appointed
by Prime Minister X", "charged by prosecutor Y") is seldom the one who speaks next. So the search walks back
sentence by sentence, skipping names inside quotation marks (those are what someone said, not who said it):
  1. a compatible person earlier in the pronoun's own sentence;
  2. else the nearest sentence before that names a compatible person: the speaker of an attribution there, else
     a person in subject position, else the first person it names.
Gender is used only where the text states it: a title (Mr, Mrs), a gendered noun beside the name ("her
brother, X", "X, a spokeswoman") or a pronoun bound to the name in its own clause ("X said she would ...").
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from newsprism.nlp.load import text_of, token_starts


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


Person = tuple[int, int, str | None, str, str]  # start, end, entity id, type, name (as in EntityIndex.spans)

_MALE = _words("""mr mr. sir lord king prince father son brother husband uncle nephew grandfather grandson boy
man gentleman spokesman chairman congressman businessman policeman actor widower boyfriend fiance stepfather
stepson""")
_FEMALE = _words("""mrs mrs. ms ms. miss lady dame queen princess mother daughter sister wife aunt niece
grandmother granddaughter girl woman spokeswoman chairwoman congresswoman businesswoman policewoman actress widow
girlfriend fiancee stepmother stepdaughter""")
_HONORIFICS = _words("mr mrs ms miss dr sir dame lady lord prof")
_SUBJECT = ("nsubj", "nsubjpass")
_WINDOW = 5  # sentences back searched at all


def gender_of_word(word: str) -> str | None:
    low = word.lower()
    return "m" if low in _MALE else "f" if low in _FEMALE else None


@dataclass
class Antecedents:
    """Person mentions outside quotes, by sentence, with the gender the text gives each name."""

    doc: Doc
    sents: list[Span]
    persons: list[Person]
    quoted: list[tuple[int, int]]
    gender: dict[str, str] = field(default_factory=dict)

    @classmethod
    def build(cls, doc: Doc, sents: list[Span], persons: list[Person], quoted: list[tuple[int, int]]) -> Antecedents:
        """Cheap: the persons are sorted out and their genders read on the first pronoun only."""
        self = cls(doc, sents, persons, sorted(quoted))
        self._ready = False
        return self

    def _prepare(self) -> None:
        self._ready = True
        self._sent_chars = [s.start_char for s in self.sents]
        self._starts = token_starts(self.doc)
        # a name the text ever puts after an article ("the INS Mysore") is a ship, a brand or a building
        things = {p[4] for p in self.persons if _after_article(self.token_at(p[0]))}
        self.persons = [p for p in self.persons if not _inside(self.quoted, p[0]) and p[4] not in things]
        votes: dict[str, set[str]] = {}
        for p in self.persons:
            g = self._gender_near(p)
            if g:
                votes.setdefault(self.key(p), set()).add(g)
        self.gender = {name: next(iter(v)) for name, v in votes.items() if len(v) == 1}

    def key(self, p: Person) -> str:
        """Gender is kept per name as written: entities merged by surname may hold a whole family."""
        words = [w for w in text_of(self.doc)[p[0] : p[1]].split() if w.lower().rstrip(".") not in _HONORIFICS]
        return " ".join(words).removesuffix("'s").removesuffix("’s")

    def is_quoted(self, pos: int) -> bool:
        return _inside(self.quoted, pos)

    def token_at(self, pos: int) -> Token:
        return self.doc[max(0, bisect.bisect_right(self._starts, pos) - 1)]

    def sentence_index(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self._sent_chars, pos) - 1)

    def compatible(self, name: str, want: str, head: str = "") -> bool:
        g = self.gender.get(name) or self.gender.get(name.split()[-1] if name else "") or gender_of_word(head)
        return g is None or g == want

    def find(self, pos: int, want: str, speakers: list[tuple[int, str, str]]) -> tuple[str, int] | None:
        """The antecedent of a he/she at `pos`: ("person", index into persons) or ("speaker", index into
        `speakers`, given as (position, name, head word) of earlier person speakers)."""
        if not self._ready:
            self._prepare()
        here = self.sentence_index(pos)
        counted = 0
        k = here
        while k >= 0 and counted <= _WINDOW:
            s = self.sents[k]
            lo, hi = s.start_char, min(s.end_char, pos)
            cands = [(p[0], "person", i) for i, p in enumerate(self.persons)
                     if lo <= p[0] and p[1] <= hi and self.compatible(self.key(p), want)]
            spk = [(sp[0], "speaker", i) for i, sp in enumerate(speakers)
                   if lo <= sp[0] < hi and self.compatible(sp[1], want, sp[2])]
            if k == here and (cands or spk):
                return max(cands + spk)[1:]
            if k < here and (cands or spk):
                # the nearest sentence naming a compatible person; in it, the speaker of an attribution, else
                # a person in subject position, else the first person named
                if spk:
                    return max(spk)[1:]
                subjects = [c for c in cands if self._is_subject(self.persons[c[2]])]
                return min(subjects or cands)[1:]
            if k < here and not self.is_quoted(s.start_char) or k == here:
                counted += 1
            k -= 1
        return None

    def _is_subject(self, p: Person) -> bool:
        tok = self.token_at(max(p[0], p[1] - 1))
        for _ in range(4):
            if tok.dep_ in _SUBJECT:
                return True
            if tok.dep_ in ("compound", "flat", "appos") and tok.head.i != tok.i:
                tok = tok.head
                continue
            break
        return False

    def _gender_near(self, p: Person) -> str | None:
        doc = self.doc
        first = self.token_at(p[0])
        last = self.token_at(max(p[0], p[1] - 1))
        # a title or role right before the name or inside it ("Mrs Kovacs", "spokeswoman Anna Kovacs", "her
        # nephew, Ravi Singh"); not further back ("the wife of X" says nothing of X)
        before = [doc[first.i - 1]] if first.i > 0 else []
        if first.i > 1 and doc[first.i - 1].text == ",":
            before = [doc[first.i - 2]]
        for t in [*before, *doc[first.i : last.i + 1]]:
            g = gender_of_word(t.text)
            if g:
                return g
        after = doc[last.i + 1 : min(len(doc), last.i + 6)]
        if len(after) and after[0].text == ",":
            for t in after[1:]:
                if t.pos_ in ("VERB", "AUX") or t.text in (",", ".", ";"):
                    break
                g = gender_of_word(t.text)
                if g and t.dep_ == "appos" or g and t.head.dep_ == "appos":
                    return g
        head = last
        while head.dep_ in ("compound", "flat") and head.head.i != head.i:
            head = head.head
        if head.dep_ in _SUBJECT:
            verb = head.head
            for c in verb.children:
                if c.dep_ == "ccomp":
                    sub = next((x for x in c.children if x.dep_ in _SUBJECT), None)
                    if sub is not None and sub.lower_ in ("he", "she") and not self.is_quoted(sub.idx):
                        return "m" if sub.lower_ == "he" else "f"
            return self._own_possessive(p, verb)
        return None

    def _own_possessive(self, p: Person, verb: Token) -> str | None:
        """"X and his wife ...", "X lost her job": a his/her in the clause X is the subject of, when X is the
        only person that clause names."""
        lo, hi = verb.left_edge.i, verb.right_edge.i + 1
        if hi - lo > 40 or any(q[0] != p[0] and lo <= self.token_at(q[0]).i < hi for q in self.persons):
            return None
        found = {t.lower_ for t in self.doc[lo:hi] if t.lower_ in ("his", "her") and t.dep_ == "poss"
                 and not self.is_quoted(t.idx)}
        return ("m" if "his" in found else "f") if len(found) == 1 else None


def _after_article(tok: Token) -> bool:
    """"the INS Mysore", "the deadly INS Mysore": an article, maybe an adjective, right before the name."""
    doc, i = tok.doc, tok.i - 1
    if i >= 0 and doc[i].pos_ == "ADJ":
        i -= 1
    return i >= 0 and doc[i].lower_ in ("the", "a", "an")


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    i = bisect.bisect_right(spans, (pos, 1 << 60)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]
