"""Report formats behind one registry: each module renders a :class:`Report` to text."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from contactcheck import __version__
from contactcheck.facts import Document
from contactcheck.findings import Finding


@dataclass(frozen=True, slots=True)
class Report:
    """Everything a reporter needs: the run's documents and findings, and what was checked against."""

    documents: tuple[Document, ...]
    findings: tuple[Finding, ...]
    strategy: str
    site: str | None = None
    tool: str = "contactcheck"
    version: str = __version__
    colour: bool = False
    #: for a history diff: fingerprint -> "new" | "unchanged" | "absent" (fixed since the earlier run)
    states: tuple[tuple[str, str], ...] = ()

    def state(self, finding: Finding) -> str | None:
        return dict(self.states).get(finding.fingerprint)

    def unsuppressed(self) -> list[Finding]:
        return [f for f in self.findings if not f.suppressed]


Renderer = Callable[[Report], str]


#: format name -> module under contactcheck.reporters with a ``render(report) -> str``
MODULES = {"text": "text", "json": "json_report", "sarif": "sarif", "junit": "junit", "html": "html"}
FORMATS = tuple(MODULES)


def renderer(fmt: str) -> Renderer:
    """The renderer of one format, imported on demand (only the chosen format pays for its imports)."""
    module = importlib.import_module(f"contactcheck.reporters.{MODULES[fmt]}")
    render: Renderer = module.render
    return render
