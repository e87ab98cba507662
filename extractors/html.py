"""HTML pages: visible (or revealable) text cut into segments with CSS selectors and page regions.

The page is decoded by BeautifulSoup's UnicodeDammit (HTTP charset, BOM, meta charset, detection) and
parsed by lxml's HTML parser, the parser BeautifulSoup would drive: walking lxml's own tree costs a
fraction of building BeautifulSoup's (28x less on a 150 KB page), and the tree is the same libxml2 one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from bs4.dammit import UnicodeDammit
from lxml import etree

from contactcheck.facts import Document, Location
from extractors.recognisers import Match
from extractors.recognisers.channels import classify_href
from extractors.recognisers.cost import as_footnote_marker
from extractors.recognisers.hours import hours_from_table
from extractors.recognisers.urls import normalise_url
from extractors.segments import Link, Segment, build_facts, document_region
from extractors.structured import parse_numbers, structured_segments

Element = etree._Element
# comments and processing instructions are dropped while parsing: the text around them joins up. Plain
# elements (etree's parser, not lxml.html's): lxml.html looks up a Python class for every element.
_PARSER = etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, huge_tree=True)

_SKIP = frozenset({"script", "style", "template", "noscript", "head", "svg", "iframe", "object", "canvas", "select"})
_BLOCK = frozenset({
    "p", "li", "td", "th", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "address", "div", "section",
    "article", "aside", "header", "footer", "nav", "main", "blockquote", "pre", "figcaption", "caption",
    "summary", "details", "form", "label", "legend", "fieldset", "tr", "table", "ul", "ol", "dl", "body", "figure",
    "thead", "tbody", "tfoot", "center", "hgroup", "menu", "dialog", "hr",
})
# a list is one block (its items are segments): "a banner, list or group under one heading" (SPEC 8)
_CONTAINER = frozenset({
    "ul", "ol", "tr", "dl", "address", "article", "section", "aside", "footer", "header", "nav", "details", "table",
    "form", "figure", "blockquote",
})
_CARD_RE = re.compile(r"card|contact|panel|box|banner|block|tile|widget|col(?:umn)?\b|item", re.I)
_PANEL_CLASS_RE = re.compile(
    r"toggle|accordion|collaps|expand|panel|tab-?pane|tab-?content|reveal|faq|answer|drawer|spoiler", re.I
)
_HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_REGION_TAGS = {"header": "header", "nav": "nav", "footer": "footer", "aside": "aside", "main": "main"}
_REGION_ROLES = {"banner": "header", "navigation": "nav", "contentinfo": "footer", "complementary": "aside",
                 "main": "main"}
_REGION_CLASS_RE = re.compile(
    r"(?P<footer>footer|site-info|colophon)|(?P<header>header|masthead|top-?bar)|(?P<nav>\bnav|menu)"
    r"|(?P<aside>sidebar|aside)|(?P<small>small-?print|legal|disclaimer|footnote|terms)", re.I)
_HEADING = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_DAY_RE = re.compile(r"^\s*(mon|tue|wed|thu|fri|sat|sun|weekday|weekend|bank|public)", re.I)


class _Selectors:
    """CSS selectors for elements, memoised so a page's paths cost one pass over each parent's children.
    Keyed by the element itself: lxml hands out a new proxy (and id) for a node nobody holds."""

    def __init__(self) -> None:
        self.paths: dict[Element, str] = {}
        self.steps: dict[Element, str] = {}

    def path(self, tag: Element) -> str:
        cached = self.paths.get(tag)
        if cached is not None:
            return cached
        ident = tag.get("id")
        parent = tag.getparent()
        if ident and _ID_RE.match(ident):
            path = f"#{ident}"
        elif parent is not None:
            path = f"{self.path(parent)} > {self._step(parent, tag)}"
        else:
            path = _name(tag)
        self.paths[tag] = path
        return path

    def _step(self, parent: Element, tag: Element) -> str:
        if tag not in self.steps:
            children = [c for c in parent if isinstance(c.tag, str)]
            counts: dict[str, int] = {}
            for child in children:
                counts[child.tag] = counts.get(child.tag, 0) + 1
            seen: dict[str, int] = {}
            for child in children:
                name = child.tag
                seen[name] = seen.get(name, 0) + 1
                self.steps[child] = f"{name}:nth-of-type({seen[name]})" if counts[name] > 1 else name
        return self.steps[tag]


def _name(tag: Element) -> str:
    """The tag name ("" for a comment or entity node)."""
    name = tag.tag
    return name if isinstance(name, str) else ""


_ID_RE = re.compile(r"^[A-Za-z][\w-]*$")



@dataclass(slots=True)
class _Builder:
    uri: str
    base: str | None
    segments: list[Segment] = field(default_factory=list)
    heading: str | None = None
    links_out: list[str] = field(default_factory=list)
    selectors: _Selectors = field(default_factory=lambda: _Selectors())
    hidden: frozenset[str] = frozenset()  # ".class" / "#id" hidden by the page's own stylesheet
    controlled: frozenset[str] = frozenset()  # ids a button or link opens (aria-controls)
    containers: int = 0  # contact block containers met so far


def extract_html(data: bytes | str, uri: str, region: str | None = None, *, base_url: str | None = None,
                 encoding: str | None = None) -> Document:
    """Facts of one HTML page. ``base_url`` resolves relative links (defaults to ``uri`` when it is a URL)."""
    text = data if isinstance(data, str) else decode_html(data, encoding)
    root = parse_html(text)
    base = base_url or (uri if uri.startswith(("http://", "https://")) else None)
    if root is None:
        return Document(uri, "html", (), ())
    base_tag = next(root.iter("base"), None)
    if base_tag is not None and base_tag.get("href") is not None:  # <base href> wins, also for a file
        base = normalise_url(str(base_tag.get("href")), base) or base
    title_tag = next(root.iter("title"), None)
    title = _text(title_tag) if title_tag is not None else None
    opener = root.iterfind(".//*[@aria-controls]")
    controlled = frozenset(i for e in opener for i in (e.get("aria-controls") or "").split())
    builder = _Builder(uri, base, hidden=_stylesheet_hidden(root), controlled=controlled)
    body = root.find("body")
    _walk(body if body is not None else root, builder, None, 0)
    raw = text if ("ld+json" in text or "LD+JSON" in text or "itemscope" in text) else None
    structured = structured_segments(raw, uri, base) if raw is not None else []  # numbers as written
    hints = [link.value for s in builder.segments for link in s.links if link.kind == "phone"]
    doc_region = region or document_region([*builder.segments, *structured], hints)
    builder.segments.extend(parse_numbers(structured, doc_region))
    facts, blocks = build_facts(builder.segments, doc_region)
    return Document(uri, "html", tuple(facts), tuple(blocks), title=title or None, links=tuple(builder.links_out))


def parse_html(text: str) -> Element | None:
    """The page's ``<html>`` element, or None for a page with no markup or text at all."""
    root: Element | None = etree.fromstring(text.encode("utf-8", "replace"), _PARSER)
    return root


def decode_html(data: bytes, encoding: str | None = None) -> str:
    """Bytes to text: the HTTP header's charset first, then BOM / meta charset / detection."""
    known = [encoding] if encoding else []
    dammit = UnicodeDammit(data, known_definite_encodings=known, is_html=True)
    if dammit.unicode_markup is None:
        return data.decode("utf-8", errors="replace")
    if (dammit.original_encoding or "").lower() in LATIN1_LABELS:
        # browsers read a page labelled ISO-8859-1 or ASCII as windows-1252 (WHATWG Encoding): its
        # 0x80-0x9f bytes are dashes and quotes ("9am\x965pm"), not control characters
        return data.decode("cp1252", errors="replace")
    return str(dammit.unicode_markup)


#: charset labels that browsers and mail readers read as windows-1252 (WHATWG Encoding)
LATIN1_LABELS = frozenset({"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "us-ascii", "ascii", "cp819"})


def _text(tag: Element) -> str:
    """The element's text, its pieces stripped and joined by spaces (BeautifulSoup's ``get_text(" ", strip=True)``)."""
    return " ".join(s for s in (piece.strip() for piece in _strings(tag)) if s)


def _strings(tag: Element) -> Iterator[str]:
    """The text pieces inside ``tag`` (typed str or bytes; an HTML tree parsed from text holds str)."""
    for piece in tag.itertext():
        yield piece if isinstance(piece, str) else piece.decode("utf-8")


_CSS_RULE_RE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_SIMPLE_SELECTOR_RE = re.compile(r"^(?:[a-z0-9]*)?([.#])([A-Za-z_][\w-]*)$")


def _stylesheet_hidden(root: Element) -> frozenset[str]:
    """Classes (".promo") and ids ("#old") that the page's own <style> blocks hide with display:none or
    visibility:hidden; only simple selectors are read (no cascade, no external stylesheets)."""
    hidden: set[str] = set()
    for style in root.iter("style"):
        css = "".join(_strings(style))
        if "none" not in css and "hidden" not in css:
            continue
        for selectors, body in _CSS_RULE_RE.findall(css):
            if not _HIDDEN_STYLE_RE.search(body):
                continue
            for selector in selectors.split(","):
                match = _SIMPLE_SELECTOR_RE.match(selector.strip())
                if match:
                    hidden.add(match.group(1) + match.group(2))
    return frozenset(hidden)


def _hidden(tag: Element, builder: _Builder) -> bool:
    name = tag.tag
    if not isinstance(name, str) or name in _SKIP:
        return True
    get = tag.get
    if builder.hidden:
        if any("." + c in builder.hidden for c in (get("class") or "").split()):
            return True
        if "#" + (get("id") or "") in builder.hidden:
            return True
    hidden = get("hidden")  # hidden="until-found" is revealed by find-in-page: material, as <details> is
    if (hidden is not None and hidden.strip().lower() != "until-found") or (get("aria-hidden") or "").lower() == "true":
        return True
    style = get("style")
    if not (style and _HIDDEN_STYLE_RE.search(style)):
        return False
    # an accordion, tab or toggle panel a visitor opens on the page is material (SPEC section 8); a
    # script shows it, so it is written hidden
    return not (_PANEL_CLASS_RE.search(get("class") or "") or (get("id") or "\0") in builder.controlled)


def _region(tag: Element, parent: str | None) -> str | None:
    name = tag.tag
    if name == "small":
        return "small-print"
    region = _REGION_TAGS.get(name) if isinstance(name, str) else None
    if region is None:
        get = tag.get
        role = get("role")
        region = _REGION_ROLES.get(role.lower()) if role else None
        if region is None:
            classes = (get("class") or "") + " " + (get("id") or "")
            match = _REGION_CLASS_RE.search(classes) if classes != " " else None
            if match:
                region = "small-print" if match.group("small") else match.lastgroup
    if region is None:
        return parent
    if parent in ("footer", "header") and region in ("nav", "main"):
        return parent
    return region


def _walk(tag: Element, builder: _Builder, region: str | None, container: int) -> None:
    """Depth-first over the page; each block element with its own text becomes one segment. ``container``
    numbers the nearest enclosing contact container (0: none)."""
    if tag.tag == "table" and _hours_table(tag, builder, region, container):
        return
    region = _region(tag, region)
    container = _container(tag, builder, container)
    if tag.tag == "tr" and _simple_row(tag):
        _row(tag, builder, region, container)
        return
    parts: list[str] = [_blank(tag.text, tag)] if tag.text else []
    links: list[Link] = []
    for child in tag:
        if not _hidden(child, builder):
            if child.tag in _BLOCK:
                if parts or links:
                    _flush(tag, builder, region, container, parts, links)
                    parts, links = [], []
                _walk(child, builder, region, container)
            else:
                if _glued(parts, child):
                    parts.append(" ")
                _inline(child, builder, parts, links)
        if child.tail:  # the text after a child, hidden or not, is its parent's
            parts.append(_blank(child.tail, tag))
    if parts or links:
        _flush(tag, builder, region, container, parts, links)


def _simple_row(tr: Element) -> bool:
    """A table row of cells holding only inline content (not a layout table holding blocks)."""
    cells = [c for c in tr if c.tag in ("td", "th")]
    return bool(cells) and not any(
        d.tag in _BLOCK for cell in cells for d in cell.iterdescendants() if isinstance(d.tag, str)
    )


def _row(tr: Element, builder: _Builder, region: str | None, container: int) -> None:
    """A simple row is one segment, its cells apart by tabs: a label in one cell names the number in the
    next ("TTY | 1-888-555-0149 | 24/7"), as it does on one line of text."""
    parts: list[str] = []
    links: list[Link] = []
    for cell in tr:
        if cell.tag not in ("td", "th") or _hidden(cell, builder):
            continue
        if parts:
            parts.append("\t")
        _inline(cell, builder, parts, links)
    if parts or links:
        _flush(tr, builder, region, container, parts, links)


def _blank(text: str, parent: Element) -> str:
    """Indentation between tags ("\\n\\t\\t\\t") as one line break, as BeautifulSoup keeps it: the distance
    between words then does not depend on how deeply the markup is indented. ``pre`` keeps its spaces."""
    if "\n" in text and text.isspace() and parent.tag != "pre" and parent.tag != "textarea":
        return "\n"
    return text


def _inline(tag: Element, builder: _Builder, parts: list[str], links: list[Link]) -> None:
    """Append an inline element's visible text (and image alt text) to ``parts``, noting links."""
    name = tag.tag
    if name == "br":
        parts.append("\n")
        return
    if name == "img":
        alt = tag.get("alt", "").strip()
        if alt:
            parts.append(f" {alt} ")
        return
    if name == "sup":
        marker = as_footnote_marker("".join(_strings(tag)))  # "0906 123 4567<sup>1</sup>"
        if marker is not None:
            parts.append(marker)
            return
    start = sum(len(p) for p in parts)
    if tag.text:
        parts.append(_blank(tag.text, tag))
    for child in tag:
        if not _hidden(child, builder):
            block = child.tag in _BLOCK  # a block inside an inline element (a card link): keep words apart
            if block:
                parts.append("\n")
            elif _glued(parts, child):
                parts.append(" ")
            _inline(child, builder, parts, links)
            if block:
                parts.append("\n")
        if child.tail:
            parts.append(_blank(child.tail, tag))
    if name == "a" and tag.get("href") is not None:
        _note_link(tag, builder, links, start, sum(len(p) for p in parts))


def _glued(parts: list[str], child: Element) -> bool:
    """Two inline elements written with nothing between them, a letter against a digit
    ("<span>Phone</span><span>0345 300 0034</span>"): a page lays such spans out apart, so they are two
    words, not "Phone0345"."""
    last = parts[-1][-1:] if parts else ""
    first = next((piece for piece in _strings(child) if piece), "")[:1]
    return bool(last and first) and (
        (last.isalpha() and first.isdigit()) or (last.isdigit() and first.isalpha())
    )


def _note_link(tag: Element, builder: _Builder, links: list[Link], start: int, end: int) -> None:
    href = str(tag.get("href")).strip()
    target = classify_href(href, builder.base)
    if target is None:
        url = normalise_url(href, builder.base) if not href.startswith(("#", "javascript:")) else None
        if url is not None:
            builder.links_out.append(url)
            if url.startswith(("http://", "https://")):  # a page: where "video relay service" leads
                links.append(Link(start, end, "web", url, builder.selectors.path(tag)))
        return
    kind, value = target
    kind = "phone" if kind == "tel" else kind
    if kind not in ("email", "phone", "sms") and value.startswith("http"):
        builder.links_out.append(value)
    links.append(Link(start, end, kind, value, builder.selectors.path(tag)))


def _flush(
    tag: Element, builder: _Builder, region: str | None, container: int, parts: list[str], links: list[Link]
) -> None:
    text = "".join(parts)
    if not text or text.isspace():
        if not links:
            return
        text = ""  # links with no text (icons): their targets are facts all the same
    elif tag.tag in _HEADING:
        builder.heading = " ".join(text.split())
    block = f"{container}:{builder.heading or ''}"
    uri, selectors = builder.uri, builder.selectors
    builder.segments.append(Segment(text, Location(uri, region=region), block, builder.heading, links=links,
                                    locate=lambda: Location(uri, selector=selectors.path(tag), region=region)))


def _container(tag: Element, builder: _Builder, parent: int) -> int:
    """The number of the contact block container ``tag`` opens (a list, section, footer, card...), else
    ``parent``'s: text belongs to its nearest container, split by the heading above it."""
    name = tag.tag
    if name in _CONTAINER or (name == "div" and _CARD_RE.search(tag.get("class", ""))):
        if name in ("ul", "ol", "dl") and _days_list(tag):
            return parent  # a week laid out as a list belongs to what surrounds it, as a table of days does
        builder.containers += 1
        return builder.containers
    return parent


def _days_list(tag: Element) -> bool:
    """A list whose items (or, in a <dl>, terms) each start with a day: "Mon-Fri 8am-8pm", "Saturday ..."."""
    items = [c for c in tag if c.tag in (("dt",) if tag.tag == "dl" else ("li",))]
    return bool(items) and all(_DAY_RE.match(_text(item)) for item in items)


def _hours_table(table: Element, builder: _Builder, region: str | None, container: int) -> bool:
    """A table of days and times becomes one hours fact (SPEC section 8: one fact per statement)."""
    rows: list[tuple[str, str]] = []
    for tr in table.iter("tr"):
        cells = [_text(c) for c in tr if c.tag in ("td", "th")]
        if len(cells) >= 2 and _DAY_RE.match(cells[0]):
            rows.append((cells[0], " ".join(cells[1:])))
    if len(rows) < 2:
        return False
    value = hours_from_table(rows)
    if value is None:
        return False
    text = "\n".join(f"{day}: {times}" for day, times in rows)
    region = _region(table, region)
    location = Location(builder.uri, selector=builder.selectors.path(table), region=region)
    # the table belongs to what surrounds it (the number's section), not a block of its own
    block = f"{container}:{builder.heading or ''}"
    caption = table.find("caption")
    caption_text = _text(caption) if caption is not None else ""
    if caption is not None and caption_text:  # "Phone lines: 0306 999 0210"
        place = Location(builder.uri, selector=builder.selectors.path(caption), region=region)
        builder.segments.append(Segment(caption_text, place, block, builder.heading))
    match = Match("hours", value, 0, len(text))
    builder.segments.append(Segment(text, location, block, builder.heading, facts=[match]))
    return True
