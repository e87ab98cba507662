"""`--format json`: exactly the SPEC section 6 shape."""

from __future__ import annotations

import json

from contactcheck.reporters import Report


def render(report: Report) -> str:
    by_severity: dict[str, int] = {}
    for finding in report.unsuppressed():
        by_severity[finding.severity] = by_severity.get(finding.severity, 0) + 1
    data = {
        "tool": {"name": report.tool, "version": report.version},
        "strategy": report.strategy,
        "documents": [_document(d) for d in report.documents],
        "findings": [f.to_json() for f in report.findings],
        "summary": {"documents": len(report.documents), "findings": len(report.unsuppressed()),
                    "suppressed": len(report.findings) - len(report.unsuppressed()), "by_severity": by_severity},
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _document(document: object) -> dict[str, object]:
    from contactcheck.facts import Document

    assert isinstance(document, Document)
    out: dict[str, object] = {"uri": document.uri, "kind": document.kind, "facts": len(document.facts)}
    if document.error is not None:
        out["error"] = document.error
    return out
