"""Run every recogniser over one piece of text and settle overlaps: one fact per span of text."""

from __future__ import annotations

from extractors.recognisers import Match
from extractors.recognisers.accessibility import find_accessibility
from extractors.recognisers.channels import find_channels
from extractors.recognisers.cost import find_costs
from extractors.recognisers.email import find_emails
from extractors.recognisers.hours import find_hours
from extractors.recognisers.phone import find_phones
from extractors.recognisers.purpose import find_purposes

# When two matches overlap, the one from the earlier recogniser wins: a number is a number before it is
# part of an hours statement, an e-mail before a URL or a postal address.
_CONTACT_FIRST = ("email", "phone", "channels")
# Descriptive facts may overlap contacts ("Relay UK 18001 0345..." is both a relay number and a relay
# mention; "Complaints: 0800 ..." both a purpose and a number), so they are settled among themselves only.
_DESCRIPTIVE = ("hours", "cost", "accessibility", "purpose")


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
    described = [m for m in described if m.kind in ("accessibility", "purpose") or not _inside_any(m, contacts)]
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
    kept: list[Match] = []
    for group in groups:
        for match in group:
            if not any(_overlap(match, other) for other in kept):
                kept.append(match)
    return kept


def _overlap(a: Match, b: Match) -> bool:
    return a.start < b.end and b.start < a.end


def _inside_any(match: Match, others: list[Match]) -> bool:
    return any(o.start <= match.start and match.end <= o.end for o in others)
