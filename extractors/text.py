"""Run every recogniser over one piece of text and settle overlaps: one fact per span of text."""

from __future__ import annotations

import bisect

from extractors.recognisers import Match
from extractors.recognisers.accessibility import find_accessibility
from extractors.recognisers.channels import find_channels
from extractors.recognisers.cost import find_costs
from extractors.recognisers.email import find_emails
from extractors.recognisers.hours import find_hours
from extractors.recognisers.phone import find_phones
from extractors.recognisers.purpose import find_purposes

# When two matches overlap, the one from the earlier recogniser wins: a number is a number before it is
# part of an hours statement, an e-mail before a URL or a postal address. Descriptive facts may overlap
# contacts ("Relay UK 18001 0345..." is both a relay number and a relay mention; "Complaints: 0800 ..."
# both a purpose and a number), so they are settled among themselves; an hours or cost match lying wholly
# inside a contact is dropped.


def recognise(text: str, region: str | None) -> list[Match]:
    """Every fact in ``text`` in reading order, overlaps settled."""
    if not text.strip():
        return []
    contacts = _settle(
        [
            find_emails(text),
            find_phones(text, region),
            find_channels(text),
        ]
    )
    contacts += [_as_relay(m) for m in contacts if m.kind == "phone" and m.attr("relay_prefix")]
    hours = find_hours(text)
    # cost notices never overlap an hours statement in practice; keep both
    described = _settle([hours, find_costs(text)]) + find_accessibility(text) + find_purposes(text)
    inside = _Spans(contacts)
    described = [m for m in described if m.kind in ("accessibility", "purpose") or not inside.covers(m)]
    return sorted(contacts + described, key=lambda m: (m.start, m.end))


def once_per_value(matches: list[Match]) -> list[Match]:
    """One accessibility or purpose fact per value in a piece of text ("Relay UK: 18001 ..." is one mention)."""
    seen: set[tuple[str, object]] = set()
    out: list[Match] = []
    for match in sorted(matches, key=lambda m: m.start):
        if match.kind in ("accessibility", "purpose"):
            key = (match.kind, match.value)
            if key in seen:
                continue
            seen.add(key)
        out.append(match)
    return out


def _as_relay(match: Match) -> Match:
    """'Call 0345 300 0000; Relay UK users dial 18001 first': the number is a phone and a relay (SPEC 8)."""
    return Match("relay", match.value, match.start, match.end, match.attrs)


def _settle(groups: list[list[Match]]) -> list[Match]:
    """Keep matches in group order, dropping any that overlaps one already kept (kept spans never overlap,
    so each check is a binary search among them)."""
    kept: list[Match] = []
    starts: list[int] = []  # starts of kept spans, sorted
    spans: list[Match] = []  # kept spans in the same order
    for group in groups:
        for match in group:
            at = bisect.bisect_right(starts, match.start)
            if at > 0 and spans[at - 1].end > match.start:
                continue  # the span starting before it reaches into it
            if at < len(spans) and spans[at].start < match.end:
                continue  # it reaches into the next span
            starts.insert(at, match.start)
            spans.insert(at, match)
            kept.append(match)
    return kept


class _Spans:
    """Contact spans (which never overlap each other) for quick "is this match inside one?" questions."""

    def __init__(self, matches: list[Match]) -> None:
        ordered = sorted(matches, key=lambda m: m.start)
        self.starts = [m.start for m in ordered]
        self.ends = [m.end for m in ordered]

    def covers(self, match: Match) -> bool:
        at = bisect.bisect_right(self.starts, match.start) - 1
        return at >= 0 and match.end <= self.ends[at]
