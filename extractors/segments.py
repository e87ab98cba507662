"""From text segments (a paragraph, a list item, a PDF line block) to facts and contact blocks.

Every source extractor cuts its document into :class:`Segment` objects; this module runs the
recognisers over each one, turns character offsets into locations, ties link targets to the text
they show and groups the facts into contact blocks. It is the one place facts are built.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from contactcheck.facts import Block, Fact, Location
from extractors.attach import attach
from extractors.recognisers import Match
from extractors.recognisers.cost import footnote_marker_after
from extractors.recognisers.hours import find_hours
from extractors.recognisers.phone import infer_region
from extractors.text import once_per_value, recognise

BBox = tuple[float, float, float, float]
_WS_RE = re.compile(r"\s+")
SNIPPET_MAX = 200
#: fact kinds a footnote marker after the value ties to a cost notice elsewhere ("0845 600 1234*")
FOOTNOTED = frozenset({"phone", "relay", "textphone", "sms", "whatsapp"})


@dataclass(frozen=True, slots=True)
class Link:
    """A link inside a segment: ``text[start:end]`` is what it shows; ``kind``/``value`` what it targets."""

    start: int
    end: int
    kind: str
    value: str
    selector: str | None = None


@dataclass(slots=True)
class Segment:
    """A piece of one document's text with where it sits and which block it belongs to."""

    text: str
    location: Location
    block: str
    label: str | None = None
    boxes: Callable[[int, int], BBox | None] | None = None  # the box of text[start:end] (PDF)
    links: list[Link] = field(default_factory=list)
    attrs: tuple[tuple[str, str], ...] = ()
    facts: list[Match] | None = None  # pre-recognised facts (structured data, tables) instead of recognising
    locate: Callable[[], Location] | None = None  # a costlier, exact location, asked for only when needed

    def place(self) -> Location:
        """The segment's location, resolved (once) when a fact needs it."""
        if self.locate is not None:
            self.location, self.locate = self.locate(), None
        return self.location


def document_region(segments: Sequence[Segment], hints: Sequence[str] = ()) -> str | None:
    """The region numbers without +CC are read in, inferred from the whole document (SPEC section 8)."""
    text = "\n".join(s.text for s in segments)
    return infer_region(text[:200_000], hints)


def build_facts(segments: Sequence[Segment], region: str | None) -> tuple[list[Fact], list[Block]]:
    """Facts (in reading order) and contact blocks of a document cut into ``segments``."""
    recognised = _recognise_all(segments, region)
    facts: list[Fact] = []
    segment_of: list[int] = []
    block_of: list[str] = []
    in_heading: set[int] = set()
    labels: dict[str, str | None] = {}
    places: dict[str, Location] = {}
    spans: list[tuple[int, int]] = []
    for number, (segment, matches) in enumerate(zip(segments, recognised, strict=True)):
        for fact, span in _segment_facts(segment, matches, region):
            spans.append(span)
            if segment.label is not None and not fact.is_channel and segment.text.strip() == segment.label:
                in_heading.add(len(facts))
            segment_of.append(number)
            block_of.append(segment.block)
            labels.setdefault(segment.block, segment.label)
            places.setdefault(segment.block, segment.place())
            facts.append(fact)
    texts = [segment.text for segment in segments]
    pairs = attach(facts, segment_of, block_of, frozenset(in_heading), spans=spans, texts=texts)
    members: dict[str, list[int]] = {}
    for i, key in enumerate(block_of):
        members.setdefault(key, []).append(i)
    blocks = []
    for key, indexes in members.items():
        own = set(indexes)
        blocks.append(Block(tuple(indexes), labels[key], _block_place(places[key]),
                            tuple(p for p in pairs if p[1] in own)))
    return facts, blocks


_MARK = "\u25a0"
_JOIN = f"\n\n{_MARK}\n\n"  # a paragraph break no recogniser reads across (a bare blank line lets numbers join)


def _recognise_all(segments: Sequence[Segment], region: str | None) -> list[list[Match]]:
    """Run the recognisers once over the whole document's text and hand each segment its matches.

    One pass over the joined text costs far less than a pass per paragraph (the recognisers' fixed
    cost per call dominates on pages with thousands of short segments). A match that crosses a
    segment boundary is dropped: segments are the units facts are located in. Hours are the
    exception: a week laid out over paragraphs is one statement, kept in the segment it starts in.
    """
    out: list[list[Match]] = [list(s.facts) if s.facts is not None else [] for s in segments]
    starts: list[int] = []
    owners: list[int] = []
    parts: list[str] = []
    offset = 0
    for index, segment in enumerate(segments):
        if segment.facts is not None:
            continue
        starts.append(offset)
        owners.append(index)
        parts.append(segment.text)
        offset += len(segment.text) + len(_JOIN)
    if not parts:
        return out
    for match in recognise(_JOIN.join(parts), region):
        slot = bisect.bisect_right(starts, match.start) - 1
        if match.start >= starts[slot] + len(segments[owners[slot]].text) and slot + 1 < len(starts):
            slot += 1  # the match begins in the separator before a segment: it belongs to that segment
            value = match.value
            if isinstance(value, str):  # a value assembled from lines (a postal address) lost its first line
                value = value.replace(_MARK + ", ", "").replace(_MARK, "").strip(", ")
            match = Match(match.kind, value, starts[slot], match.end, match.attrs)
        base = starts[slot]
        segment = segments[owners[slot]]
        if match.end - base > len(segment.text):
            if match.kind != "hours":
                continue
            if not _one_statement(segments, owners, starts, slot, match.end):
                # two statements read as one across a boundary: each segment's hours on their own
                for k in range(slot, bisect.bisect_left(starts, match.end)):
                    out[owners[k]].extend(find_hours(segments[owners[k]].text))
                continue
            # one statement laid out over lines ("Monday to Friday, 8am to 8pm" / "Saturday 8am to 4pm"):
            # one fact, located in the segment it starts in
            match = Match(match.kind, match.value, match.start, base + len(segment.text), match.attrs)
        out[owners[slot]].append(_shift(match, -base))
    return [once_per_value(matches) for matches in out]


def _one_statement(segments: Sequence[Segment], owners: Sequence[int], starts: Sequence[int], slot: int,
                   end: int) -> bool:
    """May an hours match from segment ``slot`` run on to ``end`` in the joined text? Only through segments
    of the same region that are of its block or that it covers to their end (a day's line of its own): a
    week split over two cards or two footers is two statements."""
    first = segments[owners[slot]]
    for k in range(slot + 1, len(starts)):
        if starts[k] >= end:
            break
        segment = segments[owners[k]]
        if segment.location.region != first.location.region:
            return False
        if segment.block != first.block and end < starts[k] + len(segment.text.rstrip(" \t\n.;,")):
            return False
    return True


def _shift(match: Match, delta: int) -> Match:
    return Match(match.kind, match.value, match.start + delta, match.end + delta, match.attrs)


def _block_place(location: Location) -> Location:
    return replace(location, snippet=None)


def _segment_facts(
    segment: Segment, matches: Sequence[Match], region: str | None
) -> list[tuple[Fact, tuple[int, int]]]:
    """The facts of one segment, each with its span in the segment's text."""
    out: list[tuple[Fact, tuple[int, int]]] = []
    linked: set[int] = set()
    for match in matches:
        fact = _fact(segment, match)
        for i, link in enumerate(segment.links):
            if link.kind == "web":
                if fact.value == fact.kind and _leads_to(segment.text, match, link):
                    # "our video relay service" linking to a page of the organisation's: that page is
                    # where the channel is, the value a kind alone cannot give
                    linked.add(i)
                    fact = replace(fact, value=link.value, evidence=(*fact.evidence, _link_place(segment, link)))
            elif link.start <= match.start and match.end <= link.end and _same_target(link, match, region):
                linked.add(i)
                value = fact.value if fact.value != fact.kind else _link_value(link, region) or fact.value
                fact = replace(fact, value=value, evidence=(*fact.evidence, _link_place(segment, link)))
        out.append((fact, (match.start, match.end)))
    for i, link in enumerate(segment.links):
        if i in linked or link.kind == "web":
            continue
        link_fact = _link_fact(segment, link, region)
        if link_fact is not None:
            out.append((link_fact, (link.start, link.end)))
    return out


#: between a channel named in text and the link to it: "... video relay service: <a>connect</a>"
_LEADS_GAP = re.compile(r"(?:[^\S\n]+[\w'’]+){0,3}[^\S\n]*[:\-\u2013\u2014]?[^\S\n]*")


def _leads_to(text: str, match: Match, link: Link) -> bool:
    """Is ``link`` the link of a channel named by ``match``: the link's text holds the mention, or the link
    follows it straight after ("using a video relay interpreter: <a>connect to a BSL interpreter</a>")?"""
    if link.start <= match.start and match.end <= link.end:
        return True
    return link.start >= match.end and _LEADS_GAP.fullmatch(text, match.end, link.start) is not None


def _same_target(link: Link, match: Match, region: str | None) -> bool:
    if match.value == match.kind == link.kind:
        return True  # "Chat with us online" inside a chat link: the link says where
    return _link_value(link, region) == match.value


def _link_value(link: Link, region: str | None) -> str | None:
    if link.kind in ("phone", "sms", "whatsapp") and not link.value.startswith("http"):
        from extractors.recognisers.phone import parse_number

        number = parse_number(link.value, region)
        if number is None and link.value.lstrip().startswith(("+", "tel:+")):
            # a malformed international link still dials something: keep it, so a mismatch can be shown
            digits = "".join(ch for ch in link.value if ch.isdigit())
            number = f"+{digits}" if 7 <= len(digits) <= 15 else None
        return number
    return link.value


def _link_fact(segment: Segment, link: Link, region: str | None) -> Fact | None:
    value = _link_value(link, region)
    if value is None:
        return None
    shown = segment.text[link.start : link.end]
    attrs: tuple[tuple[str, str], ...] = (("via", "href"),)
    if shown.strip():
        attrs = (*attrs, ("shown", _WS_RE.sub(" ", shown).strip()))
    location = _link_place(segment, link)
    return Fact(link.kind, value, shown.strip() or link.value, location, attrs + segment.attrs)


def _link_place(segment: Segment, link: Link) -> Location:
    return replace(
        segment.place(),
        selector=link.selector or segment.place().selector,
        snippet=_snippet(segment.text, link.start, link.end) or link.value,  # an icon link shows no text
        bbox=_bbox(segment, link.start, link.end) or segment.location.bbox,
    )


def _fact(segment: Segment, match: Match) -> Fact:
    text = segment.text[match.start : match.end]
    line = segment.place().line
    if line is not None:
        line += segment.text.count("\n", 0, match.start)
    location = replace(
        segment.place(),
        line=line,
        bbox=_bbox(segment, match.start, match.end) or segment.location.bbox,
        snippet=_snippet(segment.text, match.start, match.end),
    )
    attrs = match.attrs + segment.attrs
    if match.kind in FOOTNOTED:
        marker = footnote_marker_after(segment.text, match.end)
        if marker is not None:
            attrs = (*attrs, ("footnote", marker))
    return Fact(match.kind, match.value, _WS_RE.sub(" ", text).strip(), location, attrs)


def _bbox(segment: Segment, start: int, end: int) -> BBox | None:
    return segment.boxes(start, end) if segment.boxes is not None else None


def _snippet(text: str, start: int, end: int) -> str:
    """The surrounding text, whitespace collapsed, at most 200 characters, centred on the match."""
    width = max(0, (SNIPPET_MAX - (end - start)) // 2)
    lo, hi = max(0, start - width), min(len(text), end + width)
    snippet = _WS_RE.sub(" ", text[lo:hi]).strip()
    return snippet[:SNIPPET_MAX]
