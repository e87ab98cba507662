"""`--format junit`: JUnit XML for CI test tabs; one test case per document, one failure per finding.

A document nobody could read is an ``<error>``; findings suppressed by the baseline stay out of the test
cases and are counted in the suite's properties.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict

from contactcheck.facts import Document
from contactcheck.findings import Finding
from contactcheck.reporters import Report
from contactcheck.reporters.text import place

CLASSNAME = "contactcheck"
UNREADABLE = "unreadable-input"
#: characters XML 1.0 cannot carry, even escaped
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def render(report: Report) -> str:
    live = report.unsuppressed()
    by_document: dict[str, list[Finding]] = defaultdict(list)
    for finding in live:
        by_document[finding.document or finding.location.uri].append(finding)
    known = {d.uri for d in report.documents}
    cases = [_testcase(d.uri, by_document.get(d.uri, []), d) for d in report.documents]
    # site-level findings (SPEC 8: the site, never a page) and any other place that is not a document
    cases += [_testcase(uri, by_document[uri], None) for uri in sorted(set(by_document) - known)]
    suite = ET.Element("testsuite", _counts(report.tool, cases))
    properties = ET.SubElement(suite, "properties")
    for name, value in (("strategy", report.strategy), ("version", report.version), ("site", report.site or ""),
                        ("findings", str(len(live))), ("suppressed", str(len(report.findings) - len(live)))):
        ET.SubElement(properties, "property", name=name, value=_clean(value))
    suite.extend(cases)
    root = ET.Element("testsuites", _counts(report.tool, cases))
    root.append(suite)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _testcase(uri: str, findings: list[Finding], document: Document | None) -> ET.Element:
    case = ET.Element("testcase", classname=CLASSNAME, name=_clean(uri))
    if document is not None and document.error is not None:
        error = ET.SubElement(case, "error", type=UNREADABLE, message=_clean(document.error))
        error.text = _clean(f"{uri} could not be read: {document.error}")
    for finding in findings:
        if document is not None and document.error is not None and finding.rule == UNREADABLE:
            continue  # already the <error> above
        failure = ET.SubElement(case, "failure", type=finding.rule,
                                message=_clean(f"{finding.severity}: {finding.message}"))
        failure.text = _clean(_body(finding))
    return case


def _body(finding: Finding) -> str:
    """Rule and clause, where, what the material says and what the strategy expects."""
    clause = f"ISO 18295-2 {finding.clause}" if finding.clause[:1].isdigit() else "no clause"
    lines = [f"{finding.severity} [{finding.rule}, {clause}] {finding.message}",
             f"at: {place(finding.location)}"]
    if finding.location.selector is not None:
        lines.append(f"element: {finding.location.selector}")
    if finding.location.snippet:
        lines.append(f"text: {finding.location.snippet}")
    if finding.subject is not None:
        lines.append(f"subject: {finding.subject}")
    if finding.expected is not None:
        lines.append(f"expected: {finding.expected}")
    lines.extend(f"also at: {place(loc)}" for loc in finding.related)
    if finding.fingerprint:
        lines.append(f"fingerprint: {finding.fingerprint}")
    return "\n".join(lines)


def _counts(name: str, cases: list[ET.Element]) -> dict[str, str]:
    """tests / failures / errors / skipped, counted in test cases as JUnit readers expect."""
    errors = sum(1 for c in cases if c.find("error") is not None)
    failures = sum(1 for c in cases if c.find("error") is None and c.find("failure") is not None)
    return {"name": name, "tests": str(len(cases)), "failures": str(failures), "errors": str(errors),
            "skipped": "0"}


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)
