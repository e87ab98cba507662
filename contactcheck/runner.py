"""One `check` run from paths to a rendered report and an exit code (the CLI only prints)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from canonical.loader import StrategyError, load_strategy
from contactcheck.baseline import BaselineError, apply_baseline, read_baseline, write_baseline
from contactcheck.config import Config, ConfigError, find_config, load_config
from contactcheck.engine import check
from contactcheck.extraction import extract_paths
from contactcheck.findings import at_or_above
from contactcheck.reporters import Report, renderer

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class RunError(Exception):
    """A run that cannot start or read anything (exit 2); the message says why."""


def run_check(paths: tuple[Path, ...], *, strategy_path: Path | None, fmt: str = "text", fail_on: str | None = None,
              baseline: Path | None = None, write_baseline_to: Path | None = None, region: str | None = None,
              select: tuple[str, ...] = (), ignore: tuple[str, ...] = (), pdf_engine: str = "pdfium",
              config_path: Path | None = None, colour: bool = False,
              progress: Callable[[Path], None] | None = None) -> tuple[int, str, list[str]]:
    """(exit code, rendered report, notes for standard error)."""
    config = _config(paths, config_path).overridden(select or None, ignore)
    strategy_file = strategy_path or (config.base / config.strategy if config.strategy else None)
    if strategy_file is None:
        raise RunError("Error: no strategy: give --strategy FILE (or `strategy` in contactcheck.toml)")
    try:
        strategy = load_strategy(strategy_file)
    except StrategyError as exc:
        raise RunError(f"{strategy_file}: invalid strategy:\n{exc}") from exc
    documents = [d for d in extract_paths(paths, strategy.region or region, pdf_engine, progress)
                 if not config.path_ignored(d.uri)]
    if not documents:
        raise RunError("Error: no readable input: no files with a known type under the paths given")
    if all(d.error is not None for d in documents):
        reasons = [f"{d.uri}: {d.error}" for d in documents]
        raise RunError("Error: no readable input:\n" + "\n".join(reasons))
    try:
        result = check(documents, strategy, config)
    except KeyError as exc:
        raise RunError(f"Error: unknown rule or clause: {exc.args[0]}") from exc
    findings = result.findings
    if baseline is not None:
        try:
            findings = apply_baseline(findings, read_baseline(baseline))
        except BaselineError as exc:
            raise RunError(str(exc)) from exc
    notes: list[str] = []
    if write_baseline_to is not None:
        count = write_baseline(write_baseline_to, findings)
        notes.append(f"wrote {count} fingerprints to {write_baseline_to}")
    report = Report(tuple(documents), findings, str(strategy_file), result.site, colour=colour)
    level = fail_on or config.fail_on or "error"
    failing = any(at_or_above(f.severity, level) for f in findings if not f.suppressed)
    return (EXIT_FINDINGS if failing else EXIT_OK), renderer(fmt)(report), notes


def _config(paths: tuple[Path, ...], config_path: Path | None) -> Config:
    try:
        found = config_path or (find_config(paths[0]) if paths else None)
        return load_config(found)
    except ConfigError as exc:
        raise RunError(f"Error: {exc}") from exc


__all__ = ["EXIT_FINDINGS", "EXIT_OK", "EXIT_USAGE", "RunError", "run_check"]
