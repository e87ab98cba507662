"""HTML pages: visible (or revealable) text cut into segments with CSS selectors and page regions."""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning
from bs4.dammit import UnicodeDammit
from bs4.element import NavigableString, Tag

from contactcheck.facts import Document, Location
from extractors.recognisers import Match
from extractors.recognisers.channels import classify_href
from extractors.recognisers.hours import hours_from_table
from extractors.recognisers.urls import normalise_url
from extractors.segments import Link, Segment, build_facts, document_region
from extractors.structured import structured_segments

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
    """CSS selectors for tags, memoised so a page's paths cost one pass over each parent's children."""

    def __init__(self) -> None:
        self.paths: dict[int, str] = {}
        self.steps: dict[int, str] = {}

    def path(self, tag: Tag) -> str:
        key = id(tag)
        cached = self.paths.get(key)
        if cached is not None:
            return cached
        ident = tag.attrs.get("id")
        parent = tag.parent
        if ident and _ID_RE.match(str(ident)):
            path = f"#{ident}"
        elif isinstance(parent, Tag) and parent.name != "[document]":
            path = f"{self.path(parent)} > {self._step(parent, tag)}"
        else:
            path = str(tag.name)
        self.paths[key] = path
        return path

    def _step(self, parent: Tag, tag: Tag) -> str:
        if id(tag) not in self.steps:
            counts: dict[str, int] = {}
            children = [c for c in parent.children if isinstance(c, Tag)]
            for child in children:
                counts[str(child.name)] = counts.get(str(child.name), 0) + 1
            seen: dict[str, int] = {}
            for child in children:
                name = str(child.name)
                seen[name] = seen.get(name, 0) + 1
                self.steps[id(child)] = f"{name}:nth-of-type({seen[name]})" if counts[name] > 1 else name
        return self.steps[id(tag)]


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


def extract_html(data: bytes | str, uri: str, region: str | None = None, *, base_url: str | None = None,
                 encoding: str | None = None) -> Document:
    """Facts of one HTML page. ``base_url`` resolves relative links (defaults to ``uri`` when it is a URL)."""
    text = data if isinstance(data, str) else decode_html(data, encoding)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)  # XHTML served as HTML is still a page
        soup = BeautifulSoup(text, "lxml")
    base = base_url or (uri if uri.startswith(("http://", "https://")) else None)
    base_tag = soup.find("base", href=True)
    if isinstance(base_tag, Tag):  # <base href> wins, also for a page read from a file
        base = normalise_url(str(base_tag["href"]), base) or base
    title_tag = soup.find("title")
    title = title_tag.get_text(" ", strip=True) if isinstance(title_tag, Tag) else None
    builder = _Builder(uri, base, hidden=_stylesheet_hidden(soup))
    body = soup.body or soup
    _walk(body, builder, None)
    raw = text if ("application/ld+json" in text or "itemscope" in text) else None
    if raw is not None:
        builder.segments.extend(structured_segments(raw, uri, base))
    hints = [link.value for s in builder.segments for link in s.links if link.kind == "phone"]
    doc_region = region or document_region(builder.segments, hints)
    facts, blocks = build_facts(builder.segments, doc_region)
    return Document(uri, "html", tuple(facts), tuple(blocks), title=title, links=tuple(builder.links_out))


def decode_html(data: bytes, encoding: str | None = None) -> str:
    """Bytes to text: the HTTP header's charset first, then BOM / meta charset / detection."""
    known = [encoding] if encoding else []
    dammit = UnicodeDammit(data, known_definite_encodings=known, is_html=True)
    if dammit.unicode_markup is None:
        return data.decode("utf-8", errors="replace")
    return str(dammit.unicode_markup)


_CSS_RULE_RE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_SIMPLE_SELECTOR_RE = re.compile(r"^(?:[a-z0-9]*)?([.#])([A-Za-z_][\w-]*)$")


def _stylesheet_hidden(soup: BeautifulSoup) -> frozenset[str]:
    """Classes (".promo") and ids ("#old") that the page's own <style> blocks hide with display:none or
    visibility:hidden; only simple selectors are read (no cascade, no external stylesheets)."""
    hidden: set[str] = set()
    for style in soup.find_all("style"):
        css = style.get_text()
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


def _hidden(tag: Tag, builder: _Builder | None = None) -> bool:
    if tag.name in _SKIP:
        return True
    attrs = tag.attrs
    if builder is not None and builder.hidden:
        if any("." + c in builder.hidden for c in attrs.get("class", [])):
            return True
        if "#" + str(attrs.get("id", "")) in builder.hidden:
            return True
    if "hidden" in attrs or str(attrs.get("aria-hidden", "")).lower() == "true":
        return True
    style = attrs.get("style")
    return bool(style and _HIDDEN_STYLE_RE.search(str(style)))


def _region(tag: Tag, parent: str | None) -> str | None:
    region = _REGION_TAGS.get(tag.name or "")
    role = str(tag.attrs.get("role", "")).lower()
    region = region or _REGION_ROLES.get(role)
    if tag.name == "small":
        return "small-print"
    if region is None:
        classes = " ".join(tag.attrs.get("class", [])) + " " + str(tag.attrs.get("id", ""))
        match = _REGION_CLASS_RE.search(classes) if classes.strip() else None
        if match:
            region = "small-print" if match.group("small") else match.lastgroup
    if region is None:
        return parent
    if parent in ("footer", "header") and region in ("nav", "main"):
        return parent
    return region


def _walk(tag: Tag, builder: _Builder, region: str | None) -> None:
    """Depth-first over the page; each block element with its own text becomes one segment."""
    if tag.name == "table" and _hours_table(tag, builder, region):
        return
    region = _region(tag, region)
    parts: list[str] = []
    links: list[Link] = []
    for child in tag.children:
        if isinstance(child, NavigableString):
            if type(child) is NavigableString:  # not a Comment, CData, Doctype...
                parts.append(str(child))
            continue
        if not isinstance(child, Tag) or _hidden(child, builder):
            continue
        if child.name in _BLOCK:
            _flush(tag, builder, region, parts, links)
            parts, links = [], []
            _walk(child, builder, region)
        else:
            _inline(child, builder, parts, links)
    _flush(tag, builder, region, parts, links)


def _inline(tag: Tag, builder: _Builder, parts: list[str], links: list[Link]) -> None:
    """Append an inline element's visible text (and image alt text) to ``parts``, noting links."""
    if tag.name == "br":
        parts.append("\n")
        return
    if tag.name == "img":
        alt = str(tag.attrs.get("alt", "")).strip()
        if alt:
            parts.append(f" {alt} ")
        return
    start = sum(len(p) for p in parts)
    for child in tag.children:
        if isinstance(child, NavigableString):
            if type(child) is NavigableString:
                parts.append(str(child))
        elif isinstance(child, Tag) and not _hidden(child, builder):
            block = child.name in _BLOCK  # a block inside an inline element (a card link): keep words apart
            if block:
                parts.append("\n")
            _inline(child, builder, parts, links)
            if block:
                parts.append("\n")
    if tag.name == "a" and tag.has_attr("href"):
        _note_link(tag, builder, links, start, sum(len(p) for p in parts))


def _note_link(tag: Tag, builder: _Builder, links: list[Link], start: int, end: int) -> None:
    href = str(tag["href"]).strip()
    target = classify_href(href, builder.base)
    if target is None:
        url = normalise_url(href, builder.base) if not href.startswith(("#", "javascript:")) else None
        if url is not None:
            builder.links_out.append(url)
        return
    kind, value = target
    kind = "phone" if kind == "tel" else kind
    if kind not in ("email", "phone", "sms") and value.startswith("http"):
        builder.links_out.append(value)
    links.append(Link(start, end, kind, value, builder.selectors.path(tag)))


def _flush(tag: Tag, builder: _Builder, region: str | None, parts: list[str], links: list[Link]) -> None:
    text = "".join(parts)
    if not text.strip():
        return
    if tag.name in _HEADING:
        builder.heading = " ".join(text.split())
    block = _block_of(tag, builder)
    uri, selectors = builder.uri, builder.selectors
    builder.segments.append(Segment(text, Location(uri, region=region), block, builder.heading, links=links,
                                    locate=lambda: Location(uri, selector=selectors.path(tag), region=region)))


def _block_of(tag: Tag, builder: _Builder) -> str:
    """The contact block a tag's text belongs to: its nearest container, split by the heading above it."""
    node: Tag | None = tag
    while node is not None and node.name != "[document]":
        if node.name in _CONTAINER:
            break
        if node.name == "div" and _CARD_RE.search(" ".join(node.attrs.get("class", []))):
            break
        node = node.parent if isinstance(node.parent, Tag) else None
    anchor = id(node) if node is not None else 0
    return f"{anchor}:{builder.heading or ''}"


def _hours_table(table: Tag, builder: _Builder, region: str | None) -> bool:
    """A table of days and times becomes one hours fact (SPEC section 8: one fact per statement)."""
    rows: list[tuple[str, str]] = []
    for tr in table.find_all("tr"):
        cells = [c.get_text(" ", strip=True) for c in tr.find_all(["td", "th"], recursive=False)]
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
    block = _block_of(table.parent, builder) if isinstance(table.parent, Tag) else _block_of(table, builder)
    caption = table.find("caption")
    if isinstance(caption, Tag) and caption.get_text(strip=True):  # "Phone lines: 0306 999 0210"
        place = Location(builder.uri, selector=builder.selectors.path(caption), region=region)
        builder.segments.append(Segment(caption.get_text(" ", strip=True), place, block, builder.heading))
    match = Match("hours", value, 0, len(text))
    builder.segments.append(Segment(text, location, block, builder.heading, facts=[match]))
    return True
