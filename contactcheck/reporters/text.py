"""`--format text` (default): findings grouped by document; the same problem in many documents is one entry.

A wrong footer number on five hundred pages reads as one problem with its count and example places.
"""

from __future__ import annotations

from collections import defaultdict

import click

from contactcheck.facts import Location
from contactcheck.findings import Finding, severity_rank
from contactcheck.reporters import Report

_COLOURS = {"error": "red", "warning": "yellow", "info": "blue"}
EXAMPLES = 3


def place(location: Location, with_uri: bool = True) -> str:
    """file:page 2 / file:12 / selector, as a reader looks for it."""
    parts = [location.uri] if with_uri else []
    if location.page is not None:
        parts.append(f"page {location.page}")
    if location.line is not None:
        parts.append(f"line {location.line}")
    if location.selector is not None and location.page is None and location.line is None:
        parts.append(location.selector)
    return ", ".join(parts) if not with_uri else ":".join(parts[:1]) + (":" + ", ".join(parts[1:]) if parts[1:] else "")


def render(report: Report) -> str:
    lines: list[str] = []
    shared, single = _groups(report.unsuppressed())
    for uri in sorted({f.document for f in single}):
        lines.append(click.style(uri, bold=True) if report.colour else uri)
        for finding in sorted((f for f in single if f.document == uri),
                              key=lambda f: (f.location.page or 0, f.location.line or 0, f.rule)):
            lines.extend(_finding(finding, report.colour))
        lines.append("")
    for group in shared:
        first = group[0]
        lines.append(f"{len(group)} documents: {first.message}")
        lines.extend(_finding(first, report.colour, heading=False))
        for example in group[:EXAMPLES]:
            lines.append(f"    e.g. {place(example.location)}")
        if len(group) > EXAMPLES:
            lines.append(f"    ... and {len(group) - EXAMPLES} more")
        lines.append("")
    lines.append(_summary(report))
    return "\n".join(lines) + "\n"


def _groups(findings: list[Finding]) -> tuple[list[list[Finding]], list[Finding]]:
    """Findings of one rule and subject in several documents (site-wide boilerplate) vs the rest."""
    by_key: dict[tuple[str, str | None, str | None, str | None], list[Finding]] = defaultdict(list)
    for finding in findings:
        if finding.subject is not None:
            by_key[(finding.rule, finding.subject, finding.expected, finding.location.region)].append(finding)
    shared = [group for group in by_key.values() if len({f.document for f in group}) > 2]
    in_shared = {id(f) for group in shared for f in group}
    return shared, [f for f in findings if id(f) not in in_shared]


def _finding(finding: Finding, colour: bool, heading: bool = True) -> list[str]:
    severity = click.style(finding.severity, fg=_COLOURS.get(finding.severity)) if colour else finding.severity
    where = place(finding.location, with_uri=False) if heading else ""
    out = [f"  {where}{': ' if where else ''}{severity} [{finding.rule}, ISO 18295-2 {finding.clause}] "
           f"{finding.message}"]
    if finding.location.snippet:
        out.append(f"      | {finding.location.snippet}")
    if finding.expected is not None:
        out.append(f"      expected: {finding.expected}")
    if finding.location.selector and (finding.location.page is not None or finding.location.line is not None):
        out.append(f"      at {finding.location.selector}")
    return out


def _summary(report: Report) -> str:
    live = report.unsuppressed()
    counts = {s: sum(1 for f in live if f.severity == s) for s in ("error", "warning", "info")}
    parts = [f"{n} {s}{'s' if n != 1 else ''}" for s, n in sorted(counts.items(), key=lambda kv: severity_rank(kv[0]))]
    suppressed = len(report.findings) - len(live)
    tail = f", {suppressed} suppressed by the baseline" if suppressed else ""
    unreadable = sum(1 for d in report.documents if d.error is not None)
    unread = f", {unreadable} unreadable" if unreadable else ""
    return (f"{len(report.documents)} documents checked{unread}: {len(live)} findings "
            f"({', '.join(parts)}){tail}")
