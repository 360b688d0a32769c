"""A fact's status and the plain-words reason for it, from its mentions' stances and origins.

Status order, strongest signal first: denied (a named party denies it) > contested (someone disputes it, or
reports of the same thing disagree on the number) > corroborated (2+ independent origins) > same_origin (several
articles, one origin) > single_source. Independence is counted over distinct origins (after folding syndicated
copies and a generic "Chinese state media" into Xinhua), never over articles.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newsprism.corpus.facts import origins as prov
from newsprism.corpus.facts.claims import normal_unit, statement_for
from newsprism.corpus.facts.origins import find_speaker
from newsprism.model import Fact, FactMention

if TYPE_CHECKING:
    from newsprism.corpus.facts.align import Unit

_CLAIMANT_RE = re.compile(
    r"(?:called|accused)\s+(?P<a>[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+)*)\b.{0,80}?\bfor\s+(?:his|her|their)\s+claims?|"
    r"(?:President\s+|Mr\.?\s+)?(?P<b>[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+)*)[’']s\s+(?:claim|tweet|assertion)")
_QUOTED = re.compile(r"[“\"]([^”\"]{8,160})[”\"]")


def _mention(u_article: str, start: int, end: int, stance: str, text: str, origin: str | None) -> FactMention:
    return FactMention(article=u_article, start=start, end=end, stance=stance, text=text, origin=origin)


def _via(names: list[str]) -> str:
    return ", ".join(dict.fromkeys(names))


def _reaction_party(text: str, origin: prov.Origin | None) -> str:
    found = find_speaker(text)
    if found:
        return found
    if origin is not None and origin.kind in ("person", "government", "state_media", "media", "wire"):
        return origin.name
    return "the article"


def _short_quote(text: str) -> str | None:
    m = _QUOTED.search(text)
    return f"“{m.group(1).strip()}”" if m else None


def build_fact(group: list[Unit], rivals: list[Unit], outlets: dict[str, str], copy_of: dict[str, str],
               cited: dict[str, set[str]] | None = None) -> Fact:
    """A fact (id and story filled in by the caller) from its aligned units."""
    group = sorted(group, key=lambda u: (u.claim.article, u.claim.start))
    mentions: list[FactMention] = []
    support: list[tuple[prov.Origin, str]] = []  # (origin, article carrying it)
    deniers: list[str] = []
    disputers: list[str] = []
    claimants: list[str] = []
    hearsay: list[str] = []
    seen: set[tuple[str, int]] = set()
    for u in group:
        c, st = u.claim, u.stance
        if (c.article, c.start) not in seen:
            seen.add((c.article, c.start))
            mentions.append(_mention(c.article, c.start, c.end, st.stance, c.text, u.origin.name if u.origin else None))
        if st.stance in ("asserts", "attributes"):
            origin = _fold_copy(u.origin, c.article, outlets, copy_of)
            support.append((origin, c.article))
            if st.hearsay:
                hearsay.append(origin.name)
        else:
            party = _reaction_party(c.text, u.origin)
            (deniers if st.stance == "denies" else disputers).append(party)
            m = _CLAIMANT_RE.search(c.text)
            if m:
                claimants.append(m.group("a") or m.group("b"))
        for rc, rst, rorigin in u.reactions:
            if (rc.article, rc.start) in seen:
                continue
            seen.add((rc.article, rc.start))
            party = _reaction_party(rc.text, rorigin)
            mentions.append(_mention(rc.article, rc.start, rc.end, rst.stance, rc.text, party))
            quote = _short_quote(rc.text)
            label = f"{party} ({quote})" if quote else party
            (deniers if rst.stance == "denies" else disputers).append(label)

    same = prov.merge_state_media(list(dict.fromkeys(o for o, _ in support)))
    support = [(same.get(o, o), a) for o, a in support]
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
    """The clearest wording: a mention stating the claim (not disputing it), with the fewest other numbers."""
    def rank(u: Unit) -> tuple:
        units = {normal_unit(q.unit) for q in u.claim.quantities}
        return (u.stance.stance not in ("asserts", "attributes") and "claim" not in u.claim.text.lower(),
                len(units) > 1 and u.stance.stance != "asserts", len(u.claim.text))
    return statement_for(min(group, key=rank).claim.text)


def worth_showing(fact: Fact, group: list[Unit]) -> bool:
    """Cross-article facts, plus single-source ones that carry a number, a quote, a date or a reaction."""
    if len({m.article for m in fact.mentions}) >= 2 or fact.status in ("denied", "contested"):
        return True
    u = group[0]
    dated = any(t and t[:1].isdigit() for t in u.claim.times)  # an anchored date, not "XXXX-WXX-6"
    named_quote = any(q.direct and not q.anonymous and q.speaker for q in u.claim.quotes)
    return u.focus is not None or dated or named_quote or u.stance.hearsay
