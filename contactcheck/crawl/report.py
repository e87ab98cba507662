"""A crawl's report: the engine's report for every site's documents and findings, opened by the change
since each site's previous run and closed by what the crawl could not fetch.

The reporters know nothing of crawls, so the crawl's part is added to the rendered document in the shape
of each format: lines of text, a ``crawl`` key in JSON, run properties and tool notifications in SARIF,
suite properties in JUnit, a section in HTML.
"""

from __future__ import annotations

import html
import json
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from contactcheck.crawl.job import SiteOutcome
from contactcheck.facts import Document
from contactcheck.findings import Finding, severity_rank
from contactcheck.reporters import Report, renderer

LISTED = 10  # new / fixed findings and errors spelled out per site in text and HTML


def build_report(outcomes: Sequence[SiteOutcome], colour: bool = False) -> Report:
    """One report over every site that was checked (pages read, then pages that failed)."""
    documents: list[Document] = []
    findings: list[Finding] = []
    for outcome in outcomes:
        if outcome.crawl is not None:
            documents.extend(outcome.crawl.documents)
            documents.extend(outcome.crawl.failures)
        findings.extend(outcome.findings)
    strategies = ", ".join(dict.fromkeys(o.strategy for o in outcomes if o.strategy))
    checked = [o for o in outcomes if o.crawl is not None]
    site = checked[0].crawl.site if len(checked) == 1 and checked[0].crawl is not None else None
    return Report(tuple(documents), tuple(findings), strategies, site, colour=colour)


def render(outcomes: Sequence[SiteOutcome], fmt: str, colour: bool = False) -> str:
    """The report in ``fmt`` with each site's changes and crawl summary."""
    rendered = renderer(fmt)(build_report(outcomes, colour))
    summaries = [site_json(o) for o in outcomes]
    if fmt == "text":
        head = [line for o in outcomes for line in changes_text(o)]
        tail = [line for o in outcomes for line in crawl_text(o)]
        return "\n".join([*head, *([""] if head else [])]) + rendered + "\n".join(["", *tail]) + "\n"
    if fmt == "json":
        data = json.loads(rendered)
        ordered = {"tool": data.pop("tool"), "strategy": data.pop("strategy"), "crawl": summaries, **data}
        return json.dumps(ordered, indent=2, ensure_ascii=False) + "\n"
    if fmt == "sarif":
        return _sarif(rendered, outcomes, summaries)
    if fmt == "junit":
        return _junit(rendered, outcomes)
    if fmt == "html":
        return _html(rendered, outcomes)
    return rendered


def site_json(outcome: SiteOutcome) -> dict[str, object]:
    """A site's crawl in JSON: where it went, what it read, what failed, what changed since last time."""
    out: dict[str, object] = {"entry": outcome.spec.url}
    if outcome.error is not None:
        out["error"] = outcome.error
    result = outcome.crawl
    if result is not None:
        out.update({
            "site": result.site, "complete": result.complete, "interrupted": result.interrupted,
            "started": _iso(result.started), "finished": _iso(result.finished), "fetched": result.fetched,
            "documents": len(result.documents), "unchanged": result.unchanged,
            "errors": [e.to_json() for e in result.errors], "skipped": dict(result.skipped),
        })
    changes = outcome.changes
    if changes is not None:
        diff = changes.diff
        out["run"] = changes.run.id
        out["changes"] = {
            "previous": changes.previous.id if changes.previous is not None else None,
            "new": [f.to_json() for f in diff.new] if diff is not None else None,
            "fixed": [f.to_json() for f in diff.fixed] if diff is not None else None,
            "persisting": len(diff.persisting) if diff is not None else None,
        }
    return out


def _iso(moment: object) -> str:
    from datetime import datetime

    from contactcheck.history import iso

    return iso(moment) if isinstance(moment, datetime) else str(moment)


def changes_text(outcome: SiteOutcome) -> list[str]:
    """The lines that open the report for one site: interrupted, and what changed since its last run."""
    lines: list[str] = []
    if outcome.error is not None:
        lines.append(f"{outcome.spec.url}: not checked: {outcome.error}")
    if outcome.interrupted:
        lines.append(f"{outcome.spec.url}: INCOMPLETE: the crawl was stopped ({outcome.interrupted}); the report "
                     "covers the pages read until then" + (" and the run is recorded as incomplete"
                                                           if outcome.changes else ""))
    changes = outcome.changes
    if changes is None:
        return lines
    run = changes.run
    if changes.previous is None or changes.diff is None:
        lines.append(f"{run.site}: run {run.id}, the first complete run recorded for this site "
                     f"({run.findings} findings)")
        return lines
    diff, previous = changes.diff, changes.previous
    lines.append(f"{run.site}: run {run.id} against run {previous.id} of {previous.started}: "
                 f"{len(diff.new)} new, {len(diff.fixed)} fixed, {len(diff.persisting)} still open")
    for label, findings in (("new", diff.new), ("fixed", diff.fixed)):
        ordered = sorted(findings, key=lambda f: (severity_rank(f.severity), f.document, f.rule))
        for finding in ordered[:LISTED]:
            lines.append(f"  {label:<6} {finding.severity:<7} [{finding.rule}] {finding.document}: {finding.message}")
        if len(ordered) > LISTED:
            lines.append(f"  ... and {len(ordered) - LISTED} more {label}")
    return lines


def crawl_text(outcome: SiteOutcome) -> list[str]:
    """The lines that close the report for one site: what was read, what failed, what was not requested."""
    result = outcome.crawl
    if result is None:
        return []
    read = len(result.documents)
    seconds = (result.finished - result.started).total_seconds()
    parts = [f"{read} pages and documents read"]
    if result.unchanged:
        parts.append(f"{result.unchanged} unchanged since the cached crawl")
    parts.append(f"{len(result.errors)} error{'s' if len(result.errors) != 1 else ''}")
    skipped = sum(n for _, n in result.skipped)
    if skipped:
        parts.append(f"{skipped} URLs not requested")
    lines = [f"Crawl of {result.entry}: " + ", ".join(parts) + f" in {seconds:.1f} s"]
    for error in result.errors[:LISTED * 5]:
        lines.append(f"  error: {error.url}: {error.reason}")
    if len(result.errors) > LISTED * 5:
        lines.append(f"  ... and {len(result.errors) - LISTED * 5} more errors")
    for reason, count in result.skipped:
        lines.append(f"  not requested: {count} {reason}")
    return lines


def _sarif(rendered: str, outcomes: Sequence[SiteOutcome], summaries: list[dict[str, object]]) -> str:
    data = json.loads(rendered)
    for run in data.get("runs", []):
        run.setdefault("properties", {})["crawl"] = summaries
        notes = [{"level": "warning", "message": {"text": f"{e.url}: {e.reason}"}, "descriptor": {"id": e.kind}}
                 for o in outcomes if o.crawl is not None for e in o.crawl.errors]
        for invocation in run.get("invocations", []):
            invocation["toolExecutionNotifications"] = notes
            if any(o.interrupted for o in outcomes):
                invocation["executionSuccessful"] = False
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _junit(rendered: str, outcomes: Sequence[SiteOutcome]) -> str:
    root = ET.fromstring(rendered)
    for suite in root.iter("testsuite"):
        properties = suite.find("properties")
        if properties is None:
            properties = ET.SubElement(suite, "properties")
        for outcome in outcomes:
            for line in [*changes_text(outcome), *crawl_text(outcome)[:1]]:
                ET.SubElement(properties, "property", name="crawl", value=line)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _html(rendered: str, outcomes: Sequence[SiteOutcome]) -> str:
    items: list[str] = []
    for outcome in outcomes:
        lines = [*changes_text(outcome), *crawl_text(outcome)]
        if lines:
            items.append("<pre>" + html.escape("\n".join(lines)) + "</pre>")
    if not items:
        return rendered
    section = '<section id="crawl"><h2>Crawl and changes since the previous run</h2>\n' + "\n".join(items) + \
        "</section>"
    marker = "</header>"
    at = rendered.find(marker)
    if at < 0:
        return rendered
    at += len(marker)
    return rendered[:at] + "\n" + section + rendered[at:]
