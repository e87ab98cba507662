"""Per-rule and per-path configuration: `[tool.contactcheck]` in pyproject.toml, or contactcheck.toml.

```toml
[tool.contactcheck]            # or, in contactcheck.toml, the same keys at the top level
select = ["5.5", "hours-mismatch"]      # rule ids or clauses; default: the SPEC catalogue
ignore = ["purpose-missing"]
fail-on = "warning"
ignore-paths = ["archive/**"]
[tool.contactcheck.severity]
unknown-contact = "error"
[tool.contactcheck.per-path-ignores]
"legal/*.pdf" = ["accessibility-missing"]
```
"""

from __future__ import annotations

import fnmatch
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from contactcheck.findings import FAIL_LEVELS, SEVERITIES

KEYS = ("select", "ignore", "severity", "ignore-paths", "per-path-ignores", "fail-on", "strategy")


class ConfigError(ValueError):
    """A configuration file that cannot be used; the message names the file and key."""


@dataclass(frozen=True, slots=True)
class Config:
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()
    ignore_paths: tuple[str, ...] = ()
    per_path_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    fail_on: str | None = None
    strategy: str | None = None
    source: str | None = None
    base: Path = field(default_factory=Path.cwd)

    def severity_of(self, rule: str, default: str) -> str:
        return dict(self.severity).get(rule, default)

    def path_ignored(self, uri: str) -> bool:
        return any(_matches(uri, pattern, self.base) for pattern in self.ignore_paths)

    def rule_ignored_at(self, rule: str, uri: str) -> bool:
        return any(rule in rules and _matches(uri, pattern, self.base) for pattern, rules in self.per_path_ignores)

    def overridden(self, select: tuple[str, ...] | None, ignore: tuple[str, ...]) -> Config:
        """The command line wins: --select replaces the selection (and un-ignores what it names),
        --ignore adds to the ignored rules."""
        kept = tuple(i for i in self.ignore if not select or i not in select)
        return replace(self, select=select or self.select, ignore=kept + ignore)


def _matches(uri: str, pattern: str, base: Path) -> bool:
    try:
        relative = str(Path(uri).resolve().relative_to(base.resolve()))
    except ValueError:
        relative = uri
    return any(fnmatch.fnmatch(candidate, pattern) for candidate in (uri, relative, Path(uri).name))


def find_config(start: Path) -> Path | None:
    """contactcheck.toml, or a pyproject.toml with [tool.contactcheck], in ``start`` or a parent folder."""
    folder = start if start.is_dir() else start.parent
    for candidate in (folder.resolve(), *folder.resolve().parents):
        own = candidate / "contactcheck.toml"
        if own.is_file():
            return own
        project = candidate / "pyproject.toml"
        if project.is_file() and "[tool.contactcheck" in project.read_text(encoding="utf-8", errors="replace"):
            return project
    return None


def load_config(path: Path | None) -> Config:
    """Read a configuration file (None: the defaults); raise ConfigError naming the file and key."""
    if path is None:
        return Config()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("contactcheck", {})
    unknown = sorted(set(data) - set(KEYS))
    if unknown:
        raise ConfigError(f"{path}: unknown key(s) {', '.join(unknown)}; allowed: {', '.join(KEYS)}")
    severity = data.get("severity", {})
    for rule_id, level in severity.items():
        if level not in SEVERITIES:
            raise ConfigError(f"{path}: severity.{rule_id}: {level!r} is not one of {', '.join(SEVERITIES)}")
    fail_on = data.get("fail-on")
    if fail_on is not None and fail_on not in FAIL_LEVELS:
        raise ConfigError(f"{path}: fail-on: {fail_on!r} is not one of {', '.join(FAIL_LEVELS)}")
    per_path = data.get("per-path-ignores", {})
    return Config(
        select=tuple(data["select"]) if "select" in data else None,
        ignore=tuple(data.get("ignore", ())),
        severity=tuple(sorted(severity.items())),
        ignore_paths=tuple(data.get("ignore-paths", ())),
        per_path_ignores=tuple((k, tuple(v)) for k, v in per_path.items()),
        fail_on=fail_on,
        strategy=data.get("strategy"),
        source=str(path),
        base=path.parent,
    )
