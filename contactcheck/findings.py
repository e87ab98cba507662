"""Findings: what a rule reports, where, and the fingerprint that tells new from known."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from contactcheck.facts import Location

SEVERITIES = ("error", "warning", "info")
#: --fail-on levels, most to least strict; "never" fails on nothing
FAIL_LEVELS = ("error", "warning", "info", "never")


def severity_rank(severity: str) -> int:
    """0 for error, 1 for warning, 2 for info."""
    return SEVERITIES.index(severity)


def at_or_above(severity: str, level: str) -> bool:
    """Does a finding of ``severity`` reach the ``--fail-on`` ``level``?"""
    return level != "never" and severity_rank(severity) <= severity_rank(level)


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in one document (a problem repeated in a document lists its other places in ``related``)."""

    rule: str
    clause: str
    severity: str
    message: str
    subject: str | None
    expected: str | None
    location: Location
    related: tuple[Location, ...] = ()
    fingerprint: str = ""
    suppressed: bool = False
    document: str = field(default="", compare=False)
    group: str | None = field(default=None, compare=False)  # see Hit.group; part of the fingerprint

    def to_json(self) -> dict[str, object]:
        """The SPEC section 6 shape."""
        return {
            "rule": self.rule,
            "clause": self.clause,
            "severity": self.severity,
            "message": self.message,
            "subject": self.subject,
            "expected": self.expected,
            "location": self.location.to_json(),
            "related": [loc.to_json() for loc in self.related],
            "fingerprint": self.fingerprint,
            "suppressed": self.suppressed,
        }


def fingerprint(rule: str, document: str, subject: str | None, region: str | None) -> str:
    """Stable across runs for the same problem in the same place: rule + document + subject + page region.

    Line numbers, selectors and snippets are left out on purpose, so moving unrelated text does not
    change it.
    """
    key = "\x1f".join((rule, document, subject or "", region or ""))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
