"""JSON-LD and microdata (schema.org Organization / ContactPoint) as facts in region ``structured-data``.

Two steps, so that a number written in national format ("0345 300 0080") is read in the document's
region like the page's text is (SPEC section 8): :func:`structured_segments` turns the page's nodes into
segments whose phone facts still hold the numbers as written (their text takes part in inferring the
region), and :func:`parse_numbers` reads those numbers once the region is known.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from lxml import etree

from contactcheck.facts import Location
from extractors.recognisers import Match
from extractors.recognisers.email import normalise_email
from extractors.recognisers.hours import find_hours, normalise_osm
from extractors.recognisers.phone import parse_number
from extractors.recognisers.purpose import purpose_of_heading
from extractors.segments import Segment

if TYPE_CHECKING:
    from extractors.html import _Selectors

log = logging.getLogger(__name__)

_JSON_LD_SELECTOR = "script[type='application/ld+json']"
_OSM_DAY = {"Monday": "Mo", "Tuesday": "Tu", "Wednesday": "We", "Thursday": "Th", "Friday": "Fr", "Saturday": "Sa",
            "Sunday": "Su", "PublicHolidays": "PH"}
# what wraps a script's JSON to hide it from old browsers: "<!-- ... -->", "<![CDATA[ ... ]]>", also
# behind "//" or inside "/* */" ("//<!--", "/* <![CDATA[ */")
_WRAP_START = re.compile(r"^\s*(?:(?://|/\*)[^\S\n]*)?(?:<!--|<!\[CDATA\[)(?:[^\S\n]*\*/)?")
_WRAP_END = re.compile(r"(?:(?://|/\*)[^\S\n]*)?(?:-->|\]\]>)(?:[^\S\n]*\*/)?\s*$")
_SOURCE = (("source", "schema.org"),)


def structured_segments(html: str, uri: str, base: str | None) -> list[Segment]:
    """One segment per schema.org node that carries contact details, with its facts already made.

    Phone facts hold the number as written: pass the segments through :func:`parse_numbers`.
    """
    import extruct  # imported here: only pages that carry structured data pay for it
    from lxml import html as lxml_html

    # the same parse as extractors.html.parse_html (so element paths agree), with lxml.html's element
    # classes, which extruct's microdata reader needs
    parser = lxml_html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, huge_tree=True)
    try:
        root = etree.fromstring(html.encode("utf-8", "replace"), parser)
    except (etree.LxmlError, ValueError) as exc:
        log.debug("structured data of %s not read: %s", uri, exc)
        return []
    if root is None:
        return []
    out: list[Segment] = []
    for i, item in enumerate(_json_ld(root, uri, base)):
        for j, node in enumerate(_nodes(item)):
            segment = _segment(node, uri, f"structured:json-ld:{i}:{j}", _JSON_LD_SELECTOR)
            if segment is not None:
                out.append(segment)
    try:
        microdata = extruct.extract(root, base_url=base, syntaxes=["microdata"], uniform=True,
                                    return_html_node=True, errors="strict").get("microdata", [])
    except Exception as exc:  # extruct raises many kinds on broken markup; the page text still counts
        log.debug("microdata of %s not read: %s", uri, exc)
        microdata = []
    selectors = _selectors()
    for i, item in enumerate(microdata):
        for j, node in enumerate(_nodes(item)):
            element = node.get("htmlNode")
            # extruct hands each item its itemscope element ("htmlNode"): its path, as the page's other
            # facts have theirs; "[itemscope]" only should an item come without it
            selector = selectors.path(element) if isinstance(element, etree._Element) else "[itemscope]"
            segment = _segment(node, uri, f"structured:microdata:{i}:{j}", selector)
            if segment is not None:
                out.append(segment)
    return out


def parse_numbers(segments: Sequence[Segment], region: str | None) -> list[Segment]:
    """``segments`` from :func:`structured_segments` with their numbers read in ``region`` (E.164); a
    number that is none is dropped, and so is a node left with no phone or e-mail."""
    out: list[Segment] = []
    for segment in segments:
        matches: list[Match] = []
        for match in segment.facts or ():
            if match.kind == "phone" and isinstance(match.value, str):
                number = parse_number(match.value, region)
                if number is None:
                    continue
                match = replace(match, value=number)
            matches.append(match)
        if any(m.kind in ("phone", "email") for m in matches):
            out.append(replace(segment, facts=matches))
    return out


def _selectors() -> _Selectors:
    """The page's selector builder (so microdata paths read like the other facts'); imported when first
    needed, as extractors.html imports this module."""
    from extractors.html import _Selectors

    return _Selectors()


def _json_ld(root: etree._Element, uri: str, base: str | None) -> Iterator[object]:
    """The items of each JSON-LD script, read one script at a time: a script extruct cannot read is
    skipped (logged at debug level) and does not take the page's other scripts with it."""
    from extruct.jsonld import JsonLdExtractor

    reader = JsonLdExtractor()
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        script.set("type", "application/ld+json")  # extruct looks for the type written exactly so
        script.text = _unwrap(script.text or "")
        try:
            yield from reader.extract_items(script, base_url=base)
        except Exception as exc:  # ValueError from json, and what jstyleson raises
            log.debug("a JSON-LD script of %s not read: %s", uri, exc)


def _unwrap(script: str) -> str:
    """The script without the comment or CDATA markers around its JSON."""
    while True:
        unwrapped = _WRAP_END.sub("", _WRAP_START.sub("", script, count=1), count=1)
        if unwrapped == script:
            return script
        script = unwrapped


def _nodes(value: object) -> Iterator[dict[str, object]]:
    if isinstance(value, dict):
        yield value
        for child in value.values():
            yield from _nodes(child)
    elif isinstance(value, list):
        for child in value:
            yield from _nodes(child)


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def _segment(node: dict[str, object], uri: str, block: str, selector: str) -> Segment | None:
    text = ""
    matches: list[Match] = []

    def add(label: str, shown: str, kind: str, value: str) -> None:
        nonlocal text
        start = len(text) + len(label) + 2
        text += f"{label}: {shown}\n"
        matches.append(Match(kind, value, start, start + len(shown), _SOURCE))

    for raw in _strings(node.get("telephone")):
        if raw.strip():
            add("telephone", raw, "phone", raw)  # read by parse_numbers, in the document's region
    for raw in _strings(node.get("email")):
        email = normalise_email(raw)
        if email is not None:
            add("email", raw, "email", email)
    if not matches:
        return None
    for raw in _strings(node.get("contactType")):
        purpose = purpose_of_heading(raw)
        if purpose is not None:
            add("contactType", raw, "purpose", purpose)
    hours = _hours(node)
    if hours is not None:
        add("hours", hours[0], "hours", hours[1])
    label = next(iter(_strings(node.get("name"))), None)
    return Segment(text, Location(uri, region="structured-data", selector=selector), block, label, facts=matches)


def _hours(node: dict[str, object]) -> tuple[str, str] | None:
    """(as written, OSM value) from openingHours strings or OpeningHoursSpecification nodes.

    All of a node's entries are one statement (SPEC section 8), and in schema.org they add up: two
    entries for one day are its morning and afternoon. openingHours wins over specifications.
    """
    shown: list[str] = []
    rules: list[str] = []
    for raw in _strings(node.get("openingHours")):
        found = find_hours(raw) or find_hours(raw.replace(",", ";"))
        if found and isinstance(found[0].value, str):
            shown.append(raw)
            rules.append(found[0].value)
    if not rules:
        specs = node.get("hoursAvailable") or node.get("openingHoursSpecification")
        for spec in specs if isinstance(specs, list) else [specs]:
            got = _spec_rule(spec)
            if got is not None:
                shown.append(got[0])
                rules.append(got[1])
    if not rules:
        return None
    # canonical rules joined by "," are OSM additional rules: each adds its hours to its days
    value = normalise_osm(", ".join(part for rule in rules for part in rule.split("; ")))
    return ("; ".join(shown), value) if value else None


def _spec_rule(spec: object) -> tuple[str, str] | None:
    """(as written, OSM rule) of one OpeningHoursSpecification. One valid only between dates (a holiday
    closure) is left out: hours are compared over an ordinary week (SPEC section 8)."""
    if not isinstance(spec, dict) or spec.get("validFrom") or spec.get("validThrough"):
        return None
    opens, closes = _strings(spec.get("opens")), _strings(spec.get("closes"))
    if not opens or not closes:
        return None
    names = [re.split(r"[/#:]", day.strip())[-1] for day in _strings(spec.get("dayOfWeek"))]
    days = [_OSM_DAY[name] for name in names if name in _OSM_DAY]
    start, end = _clock(opens[0]), _clock(closes[0])
    if not days or start is None or end is None:
        return None
    end = "24:00" if end == "23:59" else end  # schema.org writes "open all day" as 00:00-23:59
    rule = f"{','.join(days)} {start}-{end}"
    written = f"{', '.join(names)} {opens[0].strip()}-{closes[0].strip()}"
    return (written, rule) if normalise_osm(rule) else None


_CLOCK = re.compile(r"\s*(\d{1,2})(?::(\d\d))?(?::\d\d)?(?:\.\d+)?\s*(?:([ap])\.?\s?m\.?)?\s*(?:Z|[+-]\d\d:?\d\d)?\s*",
                    re.I)


def _clock(value: str) -> str | None:
    """A schema.org time as HH:MM: "09:00", "09:00:00", "9:00", "9:00 AM", "17:30:00+01:00"; None when it is
    none."""
    m = _CLOCK.fullmatch(value)
    if m is None:
        return None
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    if m.group(3):
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if m.group(3).lower() == "p" else 0)
    if hour > 24 or minute > 59 or (hour == 24 and minute):
        return None
    return f"{hour:02d}:{minute:02d}"
