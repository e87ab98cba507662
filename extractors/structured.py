"""JSON-LD and microdata (schema.org Organization / ContactPoint) as facts in region ``structured-data``."""

from __future__ import annotations

import logging
from collections.abc import Iterator

from contactcheck.facts import Location
from extractors.recognisers import Match
from extractors.recognisers.email import normalise_email
from extractors.recognisers.hours import find_hours, hours_from_table
from extractors.recognisers.phone import parse_number
from extractors.recognisers.purpose import purpose_of_heading
from extractors.segments import Segment

log = logging.getLogger(__name__)
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "PublicHolidays")


def structured_segments(html: str, uri: str, base: str | None) -> list[Segment]:
    """One segment per schema.org node that carries contact details, with its facts already made."""
    import extruct  # imported here: only pages that carry structured data pay for it

    try:
        data = extruct.extract(html, base_url=base, syntaxes=["json-ld", "microdata"], uniform=True, errors="ignore")
    except Exception as exc:  # extruct raises many kinds on broken markup; the page text still counts
        log.debug("structured data of %s not read: %s", uri, exc)
        return []
    out: list[Segment] = []
    for syntax in ("json-ld", "microdata"):
        for i, item in enumerate(data.get(syntax, [])):
            for j, node in enumerate(_nodes(item)):
                segment = _segment(node, uri, f"structured:{syntax}:{i}:{j}")
                if segment is not None:
                    out.append(segment)
    return out


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


def _segment(node: dict[str, object], uri: str, block: str) -> Segment | None:
    text = ""
    matches: list[Match] = []

    def add(label: str, shown: str, kind: str, value: str) -> None:
        nonlocal text
        start = len(text) + len(label) + 2
        text += f"{label}: {shown}\n"
        matches.append(Match(kind, value, start, start + len(shown), (("source", "schema.org"),)))

    for raw in _strings(node.get("telephone")):
        number = parse_number(raw, None)
        if number is not None:
            add("telephone", raw, "phone", number)
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
    return Segment(text, Location(uri, region="structured-data", selector="script[type='application/ld+json']"),
                   block, label, facts=matches)


def _hours(node: dict[str, object]) -> tuple[str, str] | None:
    """(as written, OSM value) from openingHours strings or OpeningHoursSpecification nodes."""
    for raw in _strings(node.get("openingHours")):
        found = find_hours(raw) or find_hours(raw.replace(",", ";"))
        if found and isinstance(found[0].value, str):
            return raw, found[0].value
    specs = node.get("hoursAvailable") or node.get("openingHoursSpecification")
    rows: list[tuple[str, str]] = []
    for spec in specs if isinstance(specs, list) else [specs]:
        if not isinstance(spec, dict):
            continue
        opens, closes = _strings(spec.get("opens")), _strings(spec.get("closes"))
        if not opens or not closes:
            continue
        for day in _strings(spec.get("dayOfWeek")):
            name = day.rsplit("/", 1)[-1]
            if name in _DAYS:
                rows.append((name, f"{opens[0][:5]}-{closes[0][:5]}"))
    if not rows:
        return None
    value = hours_from_table(rows)
    return (", ".join(f"{d} {t}" for d, t in rows), value) if value else None
