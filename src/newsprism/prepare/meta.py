"""Metadata: title, outlet, authors, url and publication date, then the cleaned body.

Plain-text files carry a free-form header (outlet line, title line, "By ..." byline, a date line) and sometimes
labelled footer lines ("Original url: ..."); HTML and JSONL documents bring their metadata as `DocHints` and a
header-free text. Outlet names come only from what the document says: the format's metadata, a header line, the
url's domain, or page furniture that names the site (a donation appeal, a copyright line, a "follow us" prompt,
an author bio). When none of these tells, the outlet is None: naming one would be a guess.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from urllib.parse import urlparse

from newsprism.io.readers import RawDoc
from newsprism.model import Article, Published, Removed
from newsprism.prepare import dates
from newsprism.prepare.boilerplate import (
    bio_author,
    clean_paragraphs,
    join_body,
    normalise_space,
    rule_reason,
    split_paragraphs,
)
from newsprism.prepare.bylines import DOMAIN, read_byline, split_names

_BYLINE = re.compile(r"^by\s*:?\s+(?P<names>[^\d].{1,120})$", re.I)
_URL_LABEL = re.compile(r"^(?:original url|source url|url|link|permalink|original article)\s*:\s*(?P<url>https?://\S+)?$",
                        re.I)
_URL = re.compile(r"^https?://\S+$")
# Page furniture that names the site it sits on, most specific first.
_OUTLET_IN_FURNITURE = [
    re.compile(r"(?:\u00a9|\(c\)|copyright)\s*(?:copyright\s*)?(?:\d{4}\s*[-\u2013]?\s*)*\d{0,4},?\s*(?P<o>[A-Z][\w.&' -]{1,50}?)"
               r"\s*(?:\.|,? all rights reserved|$)", re.I),
    re.compile(r"^follow (?P<o>(?!us\b)[A-Z][\w.&' -]{1,40}?) on (?:social media|twitter|facebook|instagram|telegram)"),
    re.compile(r"^support (?P<o>(?:the )?[A-Z][\w.&' -]{1,40}?)!$", re.I),
    re.compile(r"\bjournalists of (?P<o>(?:the )?[A-Z][\w&'-]*(?: [A-Z][\w&'-]*){0,4})"),
]


@lru_cache(maxsize=1)
def outlet_table() -> dict[str, str]:
    text = resources.files("newsprism").joinpath("data/outlets.tsv").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return {domain.strip().lower(): name.strip() for domain, name in rows}


def outlet_from_url(url: str | None) -> tuple[str | None, bool]:
    """(outlet, known): the table's name for the url's domain (longest suffix), else a prettified domain."""
    host = (urlparse(url or "").hostname or "").lower().removeprefix("www.")
    if not host:
        return None, False
    table = outlet_table()
    parts = host.split(".")
    for i in range(len(parts) - 1):
        name = table.get(".".join(parts[i:]))
        if name:
            return name, True
    # Unknown domain: the domain itself is what the document says; words only where the domain spells them.
    label = parts[-3] if len(parts) >= 3 and parts[-2] in ("co", "com", "org", "net", "gov", "ac") else parts[-2] \
        if len(parts) >= 2 else parts[0]
    return (" ".join(w.capitalize() for w in label.split("-")) if "-" in label else host), False


def canonical_outlet(name: str | None) -> str | None:
    """One name per outlet: a domain ("cbsnews.com") or a spelling of a known outlet ("the guardian") becomes
    the outlets table's name; an unknown domain stays as written, lower-cased."""
    if not name or not name.strip():
        return None
    text = normalise_space(name)
    if DOMAIN.fullmatch(text):
        got, known = outlet_from_url(text if "://" in text else f"http://{text}")
        return got if known else text.lower().removeprefix("https://").removeprefix("http://") \
            .removeprefix("www.").rstrip("/")
    return _known_outlet(text) or text


def _is_title_like(text: str) -> bool:
    words = text.split()
    return 1 <= len(words) <= 30 and not text.endswith(".") and len(text) <= 250


def _table_outlet(text: str) -> str | None:
    """The outlets table's name for a spelling or a domain of a known outlet, else None."""
    if DOMAIN.fullmatch(text):
        got, known = outlet_from_url(text if "://" in text else f"http://{text}")
        return got if known else None
    return _known_outlet(text)


def _known_outlet(text: str) -> str | None:
    key = text.casefold().removeprefix("the ")
    for name in outlet_table().values():
        if name.casefold().removeprefix("the ") == key:
            return name
    return None


def parse_header(units: list[str]) -> tuple[dict, list[str], list[Removed]]:
    """Leading header lines of a plain-text article -> (fields, remaining units, removed header parts)."""
    fields: dict = {"title": None, "outlet": None, "authors": [], "date": None, "date_text": None}
    removed: list[Removed] = []
    rest_text = "\n".join(units).casefold()
    i = 0
    while i < min(len(units), 8):
        u = units[i]
        reason = rule_reason(u)
        by = _BYLINE.match(u)
        day = dates.parse_date_line(u) if fields["date"] is None else None
        if reason:
            removed.append(Removed(u, reason))
        elif by and len(u.split()) <= 12:
            fields["authors"] = split_names(by["names"])
            removed.append(Removed(u, "metadata: byline"))
        elif day:
            fields["date"], fields["date_text"] = day, u
            removed.append(Removed(u, "metadata: date line"))
        elif fields["outlet"] is None and len(u.split()) <= 5 and not u.endswith(('.', '!', '?')) and (
                _known_outlet(u) or (fields["title"] is None and rest_text.count(u.casefold()) >= 2
                                     and i + 1 < len(units) and _is_title_like(units[i + 1]))):
            # An outlet line is a known outlet name, or a short line that the page repeats (its footer).
            fields["outlet"] = _known_outlet(u) or u
            removed.append(Removed(u, "metadata: outlet line"))
        elif fields["title"] is None and _is_title_like(u) and i + 1 < len(units):
            # (a lone line is the text itself, not the title of nothing)
            fields["title"] = u
            removed.append(Removed(u, "metadata: title"))
        else:
            break
        i += 1
    return fields, units[i:], removed


def take_url_lines(units: list[str]) -> tuple[str | None, list[str], list[Removed]]:
    """Labelled url lines anywhere ("Original url:" with the url on the same or the next line)."""
    url, kept, removed = None, [], []
    skip = False
    for j, u in enumerate(units):
        if skip:
            skip = False
            continue
        m = _URL_LABEL.match(u)
        if m:
            value = m["url"] or (units[j + 1] if j + 1 < len(units) and _URL.match(units[j + 1]) else None)
            skip = m["url"] is None and value is not None
            url = url or value
            removed.append(Removed(u if m["url"] or not value else f"{u} {value}", "metadata: source url"))
            continue
        kept.append(u)
    return url, kept, removed


def outlet_from_furniture(removed: list[Removed]) -> str | None:
    for pat in _OUTLET_IN_FURNITURE:
        for r in removed:
            if r.reason.startswith("metadata"):
                continue
            m = pat.search(normalise_space(r.text))
            if m:
                name = m["o"].strip(" .,")
                if name.lower().startswith("the "):
                    name = "The " + name[4:]
                return _known_outlet(name) or name
    for r in removed:
        got = bio_author(r.text) if r.reason.startswith("author bio") else None
        if got and got[1]:
            return _known_outlet(got[1]) or got[1]
    return None


def prepare_article(raw: RawDoc) -> Article:
    """RawDoc -> Article with outlet, title, authors, url, published, body (boilerplate removed), removed."""
    hints = raw.hints
    units = split_paragraphs(raw.text)
    url, units, removed = take_url_lines(units)
    url = hints.url or url
    fields: dict = {"title": None, "outlet": None, "authors": [], "date": None, "date_text": None}
    if raw.has_header:
        fields, units, header_removed = parse_header(units)
        removed = header_removed + removed
    else:
        # A record's text or a page's body still opens with the page's own title and date line (kept in the
        # body: only a header is metadata by position). Read from the raw lines: paragraph units may have joined
        # a title that lacks its full stop with the date line under it.
        top = dates.date_line_at_top([ln for ln in (x.strip() for x in raw.text.split("\n")) if ln])
        if top:
            fields["date"], fields["date_text"] = top
    title = hints.title or fields["title"]
    if title and units and normalise_space(units[0]).casefold() == normalise_space(title).casefold():
        removed.append(Removed(units[0], "metadata: title"))
        units = units[1:]
    url_outlet, known = outlet_from_url(url)
    outlet = canonical_outlet(hints.outlet) or fields["outlet"] or (url_outlet if known else None)
    # Layout rules (captions known by punctuation and position) only where the markup is gone.
    layout = raw.fmt in ("text", "jsonl")
    paras, cleaned = clean_paragraphs(units, outlet, layout)
    removed.extend(cleaned)
    outlet = outlet or outlet_from_furniture(removed) or url_outlet
    if outlet and any(p.reason is None and normalise_space(p.text).casefold() == outlet.casefold() for p in paras):
        paras, cleaned = clean_paragraphs([p.text for p in paras if p.reason is None], outlet, layout)
        removed.extend(cleaned)
    byline = read_byline(list(hints.authors) or fields["authors"], outlet, _table_outlet)
    authors = byline.people
    if not authors:
        bios = [bio_author(r.text) for r in removed if r.reason.startswith("author bio")]
        authors = [b[0] for b in bios if b][:1]
    body = join_body(paras)
    return Article(id=raw.id, source=raw.source, outlet=outlet, title=title, authors=authors, credit=byline.credit,
                   url=url,
                   published=published_for(raw, fields, url), body=body, removed=removed,
                   content_hash=raw.content_hash)


def published_for(raw: RawDoc, fields: dict, url: str | None) -> Published:
    """The explicit publication date (metadata, the url path, a date line), else the month a url names, else an
    empty one: the inferred range needs the parse's sentences and is filled in pass 2
    (extract/times.infer_published). The url's day comes before a date line because pages print their last
    update there ("9: 53 AM, MON 22 JUL 2013" on a story filed the day before)."""
    if raw.hints.published:
        day = _iso_day(raw.hints.published) or dates.parse_date_line(raw.hints.published)
        if day:
            return dates.explicit(day, f"{raw.fmt} metadata: {raw.hints.published}")
    day = dates.url_date(url)
    if day:
        return dates.explicit(day, f"date in the url path ({url})")
    if fields["date"]:
        return dates.explicit(fields["date"], f'date line "{fields["date_text"]}"')
    month = dates.url_month(url)
    if month:
        lo, hi = (d.isoformat() for d in month)
        why = f"the url path ({url}) names the month {lo[:7]}"
        return Published(inferred=True, earliest=lo, latest=hi, evidence=f"earliest {lo}: {why}; latest {hi}: {why}")
    return Published()


def _iso_day(text: str):
    try:
        from datetime import date

        return date.fromisoformat(text[:10])
    except ValueError:
        return None
