"""`--format sarif`: one SARIF 2.1.0 log for code-scanning dashboards (GitHub, Azure DevOps, SARIF viewers).

Rules come from the registry with their full documentation; each finding is a result whose place is the
finding's location: a line region for text sources, the CSS selector as a logical location for HTML, and
page and bbox (pdfplumber's convention) in the location's properties for PDFs, where SARIF has no region.
"""

from __future__ import annotations

import inspect
import json
import re
from urllib.parse import quote

from contactcheck.facts import Document, Location
from contactcheck.findings import Finding
from contactcheck.reporters import Report
from contactcheck.rules import DOC_SECTIONS, Rule, load_rules

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
FINGERPRINT_KEY = "contactcheck/v1"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
_MIME_TYPES = {
    "html": "text/html",
    "pdf": "application/pdf",
    "script": "text/plain",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "email": "message/rfc822",
}
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")

Json = dict[str, object]


def render(report: Report) -> str:
    rules = _rules(report.findings)
    index = {str(rule["id"]): i for i, rule in enumerate(rules)}
    artifacts = {d.uri: i for i, d in enumerate(report.documents)}
    run: Json = {
        "tool": {"driver": {"name": report.tool, "version": report.version, "semanticVersion": report.version,
                            "rules": rules}},
        "invocations": [{"executionSuccessful": True}],
        "artifacts": [_artifact(d) for d in report.documents],
        "results": [_result(f, index, artifacts, report.state(f)) for f in report.findings],
        "properties": {"strategy": report.strategy, **({"site": report.site} if report.site else {})},
    }
    log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _rules(findings: tuple[Finding, ...]) -> list[Json]:
    """Every registered rule, then any rule a finding names that the registry does not have."""
    registry = load_rules()
    out = [_descriptor(rule) for rule in registry]
    known = {rule.id for rule in registry}
    for finding in findings:
        if finding.rule not in known:
            known.add(finding.rule)
            out.append({"id": finding.rule, "name": _pascal(finding.rule),
                        "shortDescription": {"text": finding.rule},
                        "defaultConfiguration": {"level": LEVELS.get(finding.severity, "warning")},
                        "properties": {"clause": finding.clause}})
    return out


def _descriptor(rule: Rule) -> Json:
    sections = doc_sections(rule)
    descriptor: Json = {
        "id": rule.id,
        "name": _pascal(rule.id),
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": " ".join(sections.get("What it checks", rule.summary).split())},
        "help": {"text": inspect.cleandoc(rule.doc) or rule.summary, "markdown": _markdown(rule, sections)},
        "defaultConfiguration": {"level": LEVELS.get(rule.severity, "warning")},
        "properties": {"clause": rule.clause, "tags": [f"ISO 18295-2 {rule.clause}"] if rule.clause[:1].isdigit()
                       else []},
    }
    return descriptor


def doc_sections(rule: Rule) -> dict[str, str]:
    """The docstring's sections by name (``What it checks`` ...), from the registry's own reader."""
    return {name: text for name in DOC_SECTIONS if (text := rule.section(name))}


def _markdown(rule: Rule, sections: dict[str, str]) -> str:
    parts = [f"**{rule.summary}** (ISO 18295-2 {rule.clause}, default {rule.severity})"]
    for name in DOC_SECTIONS:
        if sections.get(name):
            body = sections[name]
            if name in ("Example", "Use instead"):
                body = "\n".join(f"> {line}" if line else ">" for line in body.splitlines())
            parts.append(f"### {name}\n\n{body}")
    return "\n\n".join(parts)


def _result(finding: Finding, rule_index: dict[str, int], artifacts: dict[str, int],
            state: str | None = None) -> Json:
    result: Json = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index[finding.rule],
        "level": LEVELS.get(finding.severity, "warning"),
        "message": {"text": finding.message},
        "locations": [_location(finding.location, artifacts)],
    }
    if finding.related:
        result["relatedLocations"] = [_location(loc, artifacts, i) for i, loc in enumerate(finding.related, 1)]
    if finding.fingerprint:
        result["partialFingerprints"] = {FINGERPRINT_KEY: finding.fingerprint}
    if state is not None:  # a history diff: SARIF's own way to say new / unchanged / absent (fixed)
        result["baselineState"] = state
    elif finding.suppressed:
        result["suppressions"] = [{"kind": "external", "justification": "baseline"}]
    result["properties"] = {"subject": finding.subject, "expected": finding.expected, "clause": finding.clause,
                            "severity": finding.severity, "document": finding.document or finding.location.uri}
    return result


def _location(location: Location, artifacts: dict[str, int], related_id: int | None = None) -> Json:
    """A SARIF location: line region for text, selector as a logical location, page and bbox as properties."""
    artifact: Json = {"uri": sarif_uri(location.uri)}
    if location.uri in artifacts:
        artifact["index"] = artifacts[location.uri]
    physical: Json = {"artifactLocation": artifact}
    properties: Json = {}
    if location.line is not None:
        region: Json = {"startLine": location.line}
        if location.snippet:
            region["snippet"] = {"text": location.snippet}
        physical["region"] = region
    elif location.snippet:
        properties["snippet"] = location.snippet
    out: Json = {"id": related_id} if related_id is not None else {}
    out["physicalLocation"] = physical
    if location.selector is not None:
        out["logicalLocations"] = [{"fullyQualifiedName": location.selector, "kind": "element"}]
    if location.page is not None:
        properties["page"] = location.page
    if location.bbox is not None:
        properties["bbox"] = [round(v, 1) for v in location.bbox]
    if location.region is not None:
        properties["region"] = location.region
    if properties:
        out["properties"] = properties
    return out


def _artifact(document: Document) -> Json:
    artifact: Json = {"location": {"uri": sarif_uri(document.uri)}}
    if document.kind in _MIME_TYPES:
        artifact["mimeType"] = _MIME_TYPES[document.kind]
    properties: Json = {"kind": document.kind, "facts": len(document.facts)}
    if document.error is not None:
        properties["error"] = document.error
    artifact["properties"] = properties
    return artifact


def sarif_uri(uri: str) -> str:
    """A URL as it is; a path as a relative (or absolute) URI reference: forward slashes, percent-encoded."""
    if _URL.match(uri):
        return uri
    return quote(uri.replace("\\", "/"), safe="/-._~!$&'()*+,;=@")


def _pascal(rule_id: str) -> str:
    return "".join(part.capitalize() for part in re.split(r"[^A-Za-z0-9]+", rule_id) if part)
