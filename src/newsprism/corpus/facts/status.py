"""A fact's status and the plain-words reason for it, from its mentions' stances and origins.

Status order, strongest signal first: denied (a named party denies it) > contested (someone disputes it, or
reports of the same thing disagree on the number) > corroborated (2+ independent origins) > same_origin (several
articles, one origin) > single_source. Independence is counted over distinct origins (after folding syndicated
copies and a generic "Chinese state media" into Xinhua), never over articles.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newsprism.corpus.facts import copies
from newsprism.corpus.facts import origins as prov
from newsprism.corpus.facts.claims import statement_for
from newsprism.corpus.facts.compare import Finding, central, denial_is_about, disagreeing
from newsprism.corpus.facts.origins import find_speaker
from newsprism.corpus.facts.stance import MentionStance
from newsprism.corpus.facts.stance_features import content_stems
from newsprism.corpus.facts.units import normal_unit
from newsprism.model import Fact, FactMention

if TYPE_CHECKING:
    from newsprism.corpus.facts.align import Unit

_CLAIMANT_RE = re.compile(
    r"(?:called|accused)\s+(?P<a>[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+)*)\b.{0,80}?\bfor\s+(?:his|her|their)\s+claims?|"
    r"(?:President\s+|Mr\.?\s+)?(?P<b>[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+)*)[’']s\s+(?:claim|tweet|assertion)")
# A fact with more mentions than this is not compared slot by slot (its mentions are parsed once each).
MAX_COMPARED = 80
_QUOTED = re.compile(r"[“\"]([^”\"]{8,160})[”\"]")


def _mention(u_article: str, start: int, end: int, stance: str, text: str, origin: str | None) -> FactMention:
    return FactMention(article=u_article, start=start, end=end, stance=stance, text=text, origin=origin)


def _via(names: list[str]) -> str:
    return ", ".join(dict.fromkeys(names))


_DENIER = re.compile(r"^(?P<who>(?:the |a |an )?(?:[\w’'\-]+ ){0,4}?[\w’'\-]+)\s+(?:has |have |had )?"
                     r"(?:flatly |firmly |strongly )?(?:denied|denies|rejected|rejects|disputed|disputes|refuted)\b",
                     re.I)


def _reaction_party(text: str, origin: prov.Origin | None) -> str:
    found = find_speaker(text)
    if found:
        return found
    if origin is not None and origin.kind in ("person", "government", "state_media", "media", "wire"):
        return origin.name
    # "The port authority rejected that figure.": the one who denies is the sentence's opening noun phrase
    m = _DENIER.match(text)
    return m.group("who") if m else "the article"


def _short_quote(text: str) -> str | None:
    m = _QUOTED.search(text)
    return f"“{m.group(1).strip()}”" if m else None


def build_fact(group: list[Unit], rivals: list[Unit], outlets: dict[str, str], copy_of: dict[str, str],
               cited: dict[str, set[str]] | None = None, passages: copies.Passages | None = None) -> Fact:
    """A fact (id and story filled in by the caller) from its aligned units."""
    group = sorted(group, key=lambda u: (u.claim.article, u.claim.start))
    mentions: list[FactMention] = []
    support: list[tuple[prov.Origin, str]] = []  # (origin, article carrying it)
    carried: list[Unit] = []  # the unit behind each entry of `support`
    deniers: list[str] = []
    disputers: list[str] = []
    claimants: list[str] = []
    hearsay: list[str] = []
    seen: set[tuple[str, int]] = set()
    about, clash = _disagreement(group)
    rivals = _real_rivals(group, rivals)
    for u in group:
        c, st = u.claim, _checked_stance(u, about, clash)
        if (c.article, c.start) not in seen:
            seen.add((c.article, c.start))
            mentions.append(_mention(c.article, c.start, c.end, st.stance, c.text, u.origin.name if u.origin else None))
        if st.stance in ("asserts", "attributes"):
            origin = _fold_copy(u.origin, c.article, outlets, copy_of)
            support.append((origin, c.article))
            carried.append(u)
            if st.hearsay:
                hearsay.append(origin.name)
        else:
            party = _reaction_party(c.text, u.origin)
            if u.key in clash:
                party = f"{party} (“{clash[u.key].theirs}”, not “{clash[u.key].mine}”)"
            (deniers if st.stance == "denies" else disputers).append(party)
            m = _CLAIMANT_RE.search(c.text)
            if m:
                claimants.append(m.group("a") or m.group("b"))
        for rc, rst, rorigin in u.reactions:
            if (rc.article, rc.start) in seen or not denial_is_about(rc.text, about):
                continue
            seen.add((rc.article, rc.start))
            party = _reaction_party(rc.text, rorigin)
            mentions.append(_mention(rc.article, rc.start, rc.end, rst.stance, rc.text, party))
            quote = _short_quote(rc.text)
            label = f"{party} ({quote})" if quote else party
            (deniers if rst.stance == "denies" else disputers).append(label)

    support = _fold_copied_text(support, carried, passages or {})
    same = prov.merge_state_media(list(dict.fromkeys(o for o, _ in support)))
    support = [(same.get(o, o), a) for o, a in support]
    variant = prov.merge_variants([o for o, _ in support])
    support = [(variant.get(o, o), a) for o, a in support]
    origins = list(dict.fromkeys(o for o, _ in support))
    keys = list(dict.fromkeys(prov.origin_key(o) for o in origins))
    names = [next(o.name for o in origins if prov.origin_key(o) == k) for k in keys]
    if not names and claimants:
        names = list(dict.fromkeys(claimants))
    carriers = {k: [outlets[a] for o, a in support if prov.origin_key(o) == k] for k in keys}
    articles = list(dict.fromkeys(m.article for m in mentions))

    described = [_describe(o, carriers[prov.origin_key(o)]) for o in origins if prov.origin_key(o) in carriers]
    described = list(dict.fromkeys(described))
    support_txt = _support_text(described, hearsay, len({a for _, a in support}))
    if deniers:
        status = "denied"
        reason = f"denied by {_via(deniers)}"
        if support_txt:
            reason += f"; reported by {support_txt}"
    elif disputers or rivals:
        status = "contested"
        parts = []
        if disputers:
            by = f"disputed by {_via(disputers)}"
            if claimants:
                by += f" (claim by {_via(claimants)})"
            parts.append(by)
        if rivals:
            parts.append("reports disagree on the number: " + _numbers(group, rivals, outlets))
        if support_txt:
            parts.append(f"reported by {support_txt}")
        reason = "; ".join(parts)
    elif len(keys) >= 2:
        status = "corroborated"
        reason = f"{len(keys)} independent origins: {', '.join(described)}"
        reason += _unknown_outlets_note(origins, len(keys))
        overlap = _overlap(support, cited, outlets)
        if overlap:
            reason += (f"; counted by what each mention cites, not by article, but {overlap}, so these may "
                       "not be fully independent")
    elif len(articles) >= 2 and keys:
        status = "same_origin"
        reason = f"{len(articles)} articles, one origin: {described[0]}"
    else:
        status = "single_source"
        reason = f"only {support_txt}" if support_txt else "one mention, no origin named"
    return Fact(id="", story=None, statement=_statement(group), mentions=mentions, origins=names,
                independent_sources=len(keys), status=status, reason=reason)


def _fold_copied_text(support: list[tuple[prov.Origin, str]], carried: list[Unit],
                      passages: copies.Passages) -> list[tuple[prov.Origin, str]]:
    """Mentions that are one text copied between articles (a passage the duplicate stage found, or the same
    sentence word for word) are one origin: the source the copy credits, else the earliest copy's."""
    n = len(support)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    words = [copies.copy_words(u.claim.text) for u in carried]
    for i in range(n):
        for j in range(i + 1, n):
            ci, cj = carried[i].claim, carried[j].claim
            if ci.article != cj.article and (copies.in_shared_passage(passages, ci.article, ci.start, ci.end, cj.article)
                                             or copies.copied_sentence(words[i], words[j])):
                parent[find(j)] = find(i)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    out = list(support)
    for members in groups.values():
        if len(members) < 2:
            continue
        credited = [i for i in members if support[i][0].kind != "outlet"]
        first = min(credited or members, key=lambda i: (carried[i].published or "9999", support[i][1]))
        for i in members:
            out[i] = (support[first][0], support[i][1])
    return out


def _unknown_outlets_note(origins: list[prov.Origin], n_keys: int) -> str:
    """Articles of unknown outlet each count as an origin, but nothing shows they are independent of each
    other or of the named ones: the reason says how much of the count rests on them."""
    unknown = sum(1 for o in origins if prov.unknown_outlet(o))
    if not unknown:
        return ""
    if n_keys - unknown < 2:
        return (f"; corroborated only thanks to {unknown} article(s) of unknown outlet, whose independence "
                "cannot be checked")
    return f"; {unknown} of these are articles of unknown outlet, whose independence cannot be checked"


def _disagreement(group: list[Unit]) -> tuple[set[str], dict[tuple[str, int], Finding]]:
    """What the fact is about (the content stems of the mentions that carry it), and the mentions that give
    one of its slots another value than the most central mention does (`compare`): "two boats" against
    "three boats", "may head for" against "will be handed over"."""
    carry = [u for u in group if u.stance.stance in ("asserts", "attributes")]
    about = set().union(*(u.claim.stems for u in carry)) if carry else set()
    if len({u.claim.article for u in carry}) < 2 or len(carry) > MAX_COMPARED:
        return about, {}
    texts = [u.claim.text for u in carry]
    found = disagreeing(texts, central(texts))
    return about, {carry[i].key: f for i, f in found.items()}


def _checked_stance(u: Unit, about: set[str], clash: dict[tuple[str, int], Finding]) -> MentionStance:
    """A mention's stance once its denial cue is checked against what it denies (a denial verb about
    something else, "denied an offer", leaves the mention a report), and its slots against the fact's."""
    st = u.stance
    if st.stance in ("denies", "disputes") and not denial_is_about(u.claim.text, about - u.claim.stems):
        return MentionStance("attributes", st.cue, st.hearsay)
    if u.key in clash:
        return MentionStance("disputes", clash[u.key].describe(), st.hearsay)
    return st


def _real_rivals(group: list[Unit], rivals: list[Unit]) -> list[Unit]:
    """Rival facts (same wording, another number) that do give the same counted thing another value."""
    if not rivals:
        return rivals
    texts = [u.claim.text for u in group[:1] + rivals]
    found = disagreeing(texts, 0, ("quantity",))
    return [r for i, r in enumerate(rivals, 1) if i in found]


def _fold_copy(origin: prov.Origin | None, article: str, outlets: dict[str, str],
               copy_of: dict[str, str]) -> prov.Origin:
    """A syndicated copy's own voice belongs to the original's outlet."""
    if origin is None:
        return prov.Origin(outlets[article], "outlet")
    if origin.kind == "outlet" and article in copy_of:
        return prov.Origin(outlets.get(copy_of[article], origin.name), "outlet")
    return origin


def _describe(o: prov.Origin, carriers: list[str]) -> str:
    if o.kind == "outlet":
        return f"{o.name} (own reporting)"
    via = _via([c for c in carriers if c != o.name])
    return f"{o.name} (via {via})" if via else o.name


def _support_text(described: list[str], hearsay: list[str], n_articles: int) -> str:
    if not described:
        return ""
    text = ", ".join(described)
    if hearsay:
        text += ", who had heard it second-hand" if len(described) == 1 else f" ({_via(hearsay)}: hearsay)"
    return text


def _numbers(group: list[Unit], rivals: list[Unit], outlets: dict[str, str]) -> str:
    out = []
    for u in group[:1] + rivals[:3]:
        if u.focus is not None:
            out.append(f"“{u.focus.text}” ({outlets[u.claim.article]})")
    return " vs ".join(dict.fromkeys(out))


def _overlap(support: list[tuple[prov.Origin, str]], cited: dict[str, set[str]] | None,
             outlets: dict[str, str]) -> str:
    """Where an article carrying one origin also cites another origin of the same fact elsewhere (the
    Coastline Post attributes the count to "officials" but credits Meridian Press for contributed
    reporting)."""
    if not cited:
        return ""
    by_article: dict[str, set[str]] = {}
    for o, a in support:
        by_article.setdefault(a, set()).add(prov.origin_key(o))
    names = {prov.origin_key(o): o.name for o, _ in support}
    notes = []
    for a, carried in by_article.items():
        also = sorted(names[k] for k in names if k not in carried
                      and k in {prov.origin_key(prov.Origin(c, "")) for c in cited.get(a, set())})
        if also:
            notes.append(f"{outlets[a]} also cites {', '.join(also)} elsewhere")
    return "; ".join(dict.fromkeys(notes))


def _statement(group: list[Unit]) -> str:
    """What most mentions say: among the mentions stating the claim (not disputing it), the one whose words
    the others share most (mean Dice overlap of content words), so that a detail only one article gives (an
    exact weekday and date the others leave out) does not become the statement; then the fewest other numbers,
    then the shortest."""
    backing = [u for u in group if u.stance.stance in ("asserts", "attributes")] or list(group)
    bags = {id(u): set(content_stems(statement_for(u.claim.text))) for u in backing}

    def agreement(u: Unit) -> float:
        mine = bags[id(u)]
        others = [bags[id(v)] for v in backing if v.claim.article != u.claim.article]
        if not mine or not others:
            return 0.0
        return sum(2 * len(mine & o) / (len(mine) + len(o)) for o in others if o) / len(others)

    def rank(u: Unit) -> tuple:
        units = {normal_unit(q.unit) for q in u.claim.quantities}
        return (u.stance.stance not in ("asserts", "attributes") and "claim" not in u.claim.text.lower(),
                -round(agreement(u), 2), len(units) > 1 and u.stance.stance != "asserts", len(u.claim.text))
    return statement_for(min(backing, key=rank).claim.text)


def worth_showing(fact: Fact, group: list[Unit]) -> bool:
    """Cross-article, contested and denied facts, plus single-article ones that read like a claim (who, how
    many, when, whose words: `keep.claim_likeness`); how many of those a story shows is `keep.select`'s bound."""
    from newsprism.corpus.facts.keep import worth_keeping

    return worth_keeping(fact, group)
