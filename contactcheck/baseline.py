"""Baselines: the fingerprints of known findings, so a review gate fails only on new ones."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from contactcheck.findings import Finding


class BaselineError(ValueError):
    """A baseline file that cannot be read; the message names the file."""


def read_baseline(path: Path) -> frozenset[str]:
    """Fingerprints from a baseline file written by ``--write-baseline``."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BaselineError(f"{path}: not a contactcheck baseline: {exc}") from exc
    prints = data.get("fingerprints") if isinstance(data, dict) else None
    if not isinstance(prints, list) or not all(isinstance(p, str) for p in prints):
        raise BaselineError(f'{path}: not a contactcheck baseline: expected {{"fingerprints": [...]}}')
    return frozenset(prints)


def write_baseline(path: Path, findings: Iterable[Finding]) -> int:
    """Write the fingerprints of the unsuppressed findings; returns how many."""
    prints = sorted({f.fingerprint for f in findings if not f.suppressed})
    path.write_text(json.dumps({"tool": "contactcheck", "fingerprints": prints}, indent=2) + "\n", encoding="utf-8")
    return len(prints)


def apply_baseline(findings: Iterable[Finding], known: frozenset[str]) -> tuple[Finding, ...]:
    """Findings with those in the baseline marked ``suppressed``."""
    return tuple(replace(f, suppressed=True) if f.fingerprint in known else f for f in findings)
