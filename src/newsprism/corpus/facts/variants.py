"""One origin per real-world source: the names one fact's mentions give a source ("Tom Hale", "Constable Tom
Hale", "Hale"; "A Northvale Police spokeswoman", "Northvale Police"; CHP, California Highway Patrol; thehindu.com,
"The Hindu") are merged before its independent origins are counted.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsprism.extract.attribution import PEOPLE_NOUNS, ROLE_NOUNS
from newsprism.knowledge.names import ORG_HEADS, first_names_compatible, fold, is_typo_of, words


@dataclass(frozen=True)
class Origin:
    name: str
    kind: str  # model.SOURCE_KINDS, plus "person" for a named individual and "outlet" for own reporting
    country: str | None = None


# Who speaks for someone else: "Marsh's publicist" is the publicist, not Marsh.
AGENT_NOUNS = words("""rep representative representatives publicist spokesman spokeswoman spokesperson lawyer lawyers
attorney attorneys agent manager aide aides counsel""")
GROUP_WORDS = PEOPLE_NOUNS | ROLE_NOUNS | ORG_HEADS


def unknown_outlet(o: Origin) -> bool:
    """An article's own voice when its outlet is unknown (model.outlet_label names it by the article id)."""
    return o.kind == "outlet" and o.name.startswith("unknown outlet")


# A police rank says whom its bearer speaks for ("Constable Tom Hale", "Sgt. Ann Corr") where the name
# gives no body.
_POLICE_RANKS = words("""constable const sergeant sgt lieutenant lt inspector insp detective det superintendent supt
trooper patrolman""")
# Words that say how a source speaks, not which source it is: "A Northvale Police spokeswoman", "Police
# spokesman Constable Tom Hale" and "a statement from the Northvale Police" are all the Northvale Police.
_ROLE_STRIP = _POLICE_RANKS | words("""a an the of for from at with by in on to and its his her their one two
spokesman spokeswoman spokesperson spokespeople representative representatives rep publicist agent aide aides
statement statements release releases report reports record records document documents website press-release
officer officers official officials capt captain cpl corporal commander chief deputy undersheriff sheriff's mr
mrs ms dr prof sir area senior commissioner director head""")
_TLD = words("""com org net gov edu info biz co uk us ca au nz in ie de fr it es nl be ch za sg my ph pk ng ke
tv fm news blog blogspot wordpress www m mobile edition articles article en amp""")


def _acronym_expand(toks: list[str], raw: str, other: list[str]) -> list[str]:
    """An all-capitals word standing for consecutive words of the other name (CHP = California Highway
    Patrol, NYPD = New York Police Department) is replaced by those words."""
    caps = {fold(w) for w in raw.split() if len(w) >= 2 and w.isupper() and w.isalpha()}
    out = []
    for t in toks:
        hit = None
        if t in caps:
            for i in range(len(other)):
                for j in range(i + 2, min(len(other), i + 6) + 1):
                    if "".join(w[0] for w in other[i:j]) == t:
                        hit = other[i:j]
        out.extend(hit or [t])
    return out


@dataclass(frozen=True)
class _Name:
    origin: Origin
    words: tuple[str, ...]  # content words in order, roles and determiners stripped
    labels: frozenset[str]  # an outlet's domain labels (thehindu.com -> thehindu), else empty
    squashed: frozenset[str]  # the name without spaces, with and without a leading "the"
    body: frozenset[str] = frozenset()  # "<body> <role> <person>": the body the person speaks for


_ARTICLES = frozenset({"a", "an", "the"})
# Words of a title before a person's name that say whom they speak for (a rank, a spokesperson's role).
SPEAKS_FOR_TITLES = _POLICE_RANKS | AGENT_NOUNS


def _name(o: Origin) -> _Name | None:
    if unknown_outlet(o):
        return None  # an article of unknown outlet is its own origin: nothing says whose it is
    if o.kind == "outlet" and " " not in o.name and "." in o.name:
        labels = frozenset(x for x in fold(o.name.replace(".", " ")).split() if x not in _TLD)
        return _Name(o, (), labels, frozenset())
    toks = fold(o.name.replace("’", "'").replace("'s ", "s ")).split()
    # An outlet's name is all its own words ("Daily Two" and "Daily One" are two outlets); a speaker's loses
    # its role and number words ("one of the officers", "a police spokesman").
    strip = _ARTICLES if o.kind == "outlet" else _ROLE_STRIP
    content = tuple(t for t in toks if t not in strip)
    if not content:
        return None
    full = "".join(toks)
    roles = [i for i, t in enumerate(toks) if t in strip and t not in _ARTICLES]
    body = frozenset(t for t in toks[:roles[0]] if t not in _ROLE_STRIP) if roles else frozenset()
    if "for" in toks[1:] and toks[toks.index("for") - 1] in AGENT_NOUNS:  # "Dana Holt, a spokeswoman for X"
        body = frozenset(t for t in toks[toks.index("for") + 1:] if t not in _ROLE_STRIP)
    if not body and o.kind == "person" and any(t in _POLICE_RANKS for t in toks):
        body = frozenset({"police"})
    return _Name(o, content, frozenset(), frozenset({full, full.removeprefix("the")}), body)


def _surname_match(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Same person: the same last word (or one edit off: Wolfe / Wolff), not a body's head noun, and given
    names that agree where both have one."""
    if not a or not b or a[-1] in GROUP_WORDS or b[-1] in GROUP_WORDS:
        return False
    if a[-1] != b[-1] and not is_typo_of(a[-1], b[-1]):
        return False
    return len(a) < 2 or len(b) < 2 or first_names_compatible(a[-2], b[-2]) or a[-2] in b or b[-2] in a


def _same_source(a: _Name, b: _Name) -> bool:
    if a.labels or b.labels:  # an outlet's own reporting and the outlet cited by name
        named = b if a.labels else a
        return bool((a.labels or b.labels) & (named.squashed | named.labels))
    if a.origin.kind == "anonymous" or b.origin.kind == "anonymous":
        return fold(a.origin.name) == fold(b.origin.name)
    wa = _acronym_expand(list(a.words), a.origin.name, list(b.words))
    wb = _acronym_expand(list(b.words), b.origin.name, list(a.words))
    return set(wa) == set(wb) or _surname_match(tuple(wa), tuple(wb))


def _names_body(n: _Name, body: frozenset[str]) -> bool:
    """`n` names the body `body` words describe ("police", "Vancouver police" for a Vancouver police constable):
    a body's name (a group word in it, no speaker's role), with all its words in `body` or all of `body` in it."""
    ws = set(n.words)
    if n.labels or n.body or not ws & GROUP_WORDS or n.origin.kind in ("anonymous", "outlet"):
        return False
    return ws <= body or body <= ws


def merge_variants(origins: list[Origin]) -> dict[Origin, Origin]:
    """One origin per real-world source among one fact's origins: each origin -> the name it is counted
    under. Merged are the same name however spelled or titled ("Tom Hale", "Constable Tom Hale",
    "Hale"), a spokesperson and the body they speak for ("A Northvale Police spokeswoman", "Northvale Police"; a
    police rank speaks for the police: "Sgt. Ann Corr", "police"), when the fact names that body one way,
    a shorter name inside a longer one ("People" in "People Magazine", "police" in "Vancouver police") when
    every longer name holding it is one source, an acronym and its words (CHP, California Highway Patrol),
    and an outlet's own reporting with the outlet cited by name (thehindu.com, "The Hindu")."""
    counts: dict[Origin, int] = {}
    for o in origins:
        counts[o] = counts.get(o, 0) + 1
    items = [(o, _name(o)) for o in counts]
    named = [(o, n) for o, n in items if n is not None]
    parent = {o: o for o in counts}

    def find(x: Origin) -> Origin:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(x: Origin, y: Origin) -> None:
        rx, ry = find(x), find(y)
        if rx != ry:
            parent[ry] = rx

    for i, (oa, na) in enumerate(named):
        for ob, nb in named[i + 1:]:
            if _same_source(na, nb):
                union(oa, ob)
    for oa, na in named:  # a shorter name into the one source of every longer name that holds it
        if na.labels or oa.kind == "anonymous":
            continue
        for part in {frozenset(na.words), na.body} - {frozenset()}:
            sup = [ob for ob, nb in named if ob != oa and not nb.labels and part < set(nb.words)]
            if sup and len({find(ob) for ob in sup}) == 1:
                union(oa, sup[0])
    for oa, na in named:  # who speaks for a body, into the one source among the fact's names of that body
        if not na.body or na.labels:
            continue
        bodies = [ob for ob, nb in named if ob != oa and _names_body(nb, na.body)]
        if bodies and len({find(ob) for ob in bodies}) == 1:
            union(bodies[0], oa)
    groups: dict[Origin, list[Origin]] = {}
    for o in counts:
        groups.setdefault(find(o), []).append(o)
    out = {}
    for members in groups.values():
        # shown under its most cited name; a named body or person before an outlet's domain
        best = max(members, key=lambda o: (o.kind != "outlet", counts[o], len(o.name)))
        out.update({o: best for o in members})
    return out
