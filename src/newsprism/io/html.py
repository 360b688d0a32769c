"""HTML to article text: trafilatura for whole pages, a small block walker for feed-item fragments.

Paragraphs are separated by blank lines because every later stage (boilerplate classifier, quote attribution,
paragraph hashes) works on paragraphs; trafilatura's own text output joins them with single newlines, so the text
is rebuilt from its extracted tree instead. trafilatura and lxml are imported lazily: a corpus of plain text never
pays for them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsprism.io.sniff import clean_text

_WS = re.compile(r"[\s\u200b]+")
# Elements that start a new paragraph in a fragment; everything else is inline.
_BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "pre", "section", "article",
           "header", "footer", "figure", "figcaption", "dd", "dt", "table", "ul", "ol", "dl", "aside", "main"}
# The work budget of one page. trafilatura's cost grows faster than the page: 20,000 elements take 8 s, 250,000
# six minutes and 870 MB, so a modest hostile file would stall a run with no bound. The largest of 949 real pages
# in the trafilatura evaluation set has about 10,000 elements and nests a few dozen deep.
MAX_HTML_ELEMENTS = 25_000
MAX_HTML_DEPTH = 1_000
_TAG_OPEN = re.compile(r"<[A-Za-z]")
_DROP = ("script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math", "form", "button",
         "head", "nav")


@dataclass
class HtmlResult:
    text: str
    title: str | None = None
    outlet: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    url: str | None = None


def _norm(s: str) -> str:
    return _WS.sub(" ", s).strip()


def _split_authors(raw: str | None) -> list[str]:
    if not raw:
        return []
    return [a for a in (_norm(x) for x in re.split(r";|\band\b|\|", raw)) if a]


def _tree_paragraphs(body) -> list[str]:
    """Paragraphs from trafilatura's extracted tree (p, head, list items, quotes, table rows)."""
    out: list[str] = []
    for el in body:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "list":
            out += [t for t in (_norm(" ".join(it.itertext())) for it in el.iter("item")) if t]
        elif tag == "table":
            for row in el.iter("row"):
                cells = [_norm(" ".join(c.itertext())) for c in row.iter("cell")]
                line = " | ".join(c for c in cells if c)
                if line:
                    out.append(line)
        else:
            t = _norm(" ".join(el.itertext()))
            if t:
                out.append(t)
        tail = _norm(el.tail or "")
        if tail:
            out.append(tail)
    return out


def over_budget(html: str) -> str | None:
    """Why a page is too costly to extract (too many elements, nested too deep), or None when it is not.

    Elements are counted on the markup before any parsing (a regular expression over the text, linear); depth
    is measured on lxml's tree, which is cheap once the element count is known to be bounded."""
    n = sum(1 for _ in _TAG_OPEN.finditer(html))
    if n > MAX_HTML_ELEMENTS:
        return f"HTML page too complex: {n:,} elements (limit {MAX_HTML_ELEMENTS:,} for one page)"
    if "<" not in html:
        return None
    from lxml import etree
    from lxml import html as lhtml

    try:
        root = lhtml.fromstring(html, parser=lhtml.HTMLParser(huge_tree=True, remove_comments=True))
    except (etree.ParserError, ValueError):
        return None
    depth = deepest = 0
    for event, _ in etree.iterwalk(root, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    if deepest > MAX_HTML_DEPTH:
        return f"HTML page nested too deep: {deepest:,} levels (limit {MAX_HTML_DEPTH:,})"
    return None


def extract_html(html: str, url: str | None = None) -> HtmlResult | None:
    """Main text and metadata of one web page; None when no article text can be found."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                          include_tables=True, deduplicate=False)
    except Exception:  # trafilatura raises on some pathological trees; the fallback below still applies
        doc = None
    paras = _tree_paragraphs(doc.body) if doc is not None and doc.body is not None else []
    if not paras:
        # Short pages (briefs, wire flashes) fall under trafilatura's minimum size: take the page's plain
        # paragraphs instead and let the boilerplate cleaner judge them.
        paras = [p for p in (_norm(x) for x in html_fragment_to_text(html).split("\n\n")) if p]
    if not paras:
        return None
    title = _norm(doc.title) if doc is not None and doc.title else None
    if title and paras and paras[0].casefold() == title.casefold() and len(paras) > 1:
        paras = paras[1:]  # the page heading repeats the title, which travels in hints
    res = HtmlResult(text="\n\n".join(paras), title=title)
    if doc is not None:
        res.outlet = _norm(doc.sitename) if doc.sitename else None
        res.authors = _split_authors(doc.author)
        res.published = doc.date or None
        res.url = doc.url or url
    else:
        res.url = url
    return res


def html_fragment_to_text(fragment: str) -> str:
    """An HTML fragment (feed item content) as text, one paragraph per block element, scripts removed."""
    if "<" not in fragment:
        return "\n\n".join(p for p in (_norm(x) for x in re.split(r"\n\s*\n", fragment)) if p)
    from lxml import etree, html

    try:
        # huge_tree lifts libxml2's depth limit of 256, which silently cuts deeply nested pages short.
        root = html.fromstring(fragment, parser=html.HTMLParser(huge_tree=True, remove_comments=True))
    except (etree.ParserError, ValueError):
        return ""
    if root is None:
        return ""
    etree.strip_elements(root, *_DROP, with_tail=False)
    parts: list[str] = []
    # iterwalk, not recursion: hostile pages nest thousands of elements deep.
    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if event == "start":
            if tag in _BLOCKS:
                parts.append("\n\n")
            elif tag == "br":
                parts.append("\n")
            if el.text and isinstance(el.tag, str):
                parts.append(el.text)
        else:
            if tag in _BLOCKS:
                parts.append("\n\n")
            if el.tail:
                parts.append(el.tail)
    text = clean_text("".join(parts))
    return "\n\n".join(p for p in (_norm(x) for x in re.split(r"\n\s*\n", text)) if p)
