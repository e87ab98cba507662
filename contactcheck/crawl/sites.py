"""Several sites in one scheduled job: the sites file (TOML) and how it combines with the command line.

```toml
db = "runs.sqlite"                   # history database (``--db`` wins)
strategy = "strategy.yaml"           # default strategy for every site; paths are relative to this file
delay = 2.0                          # any site key here is a default for every site

[[site]]
url = "https://www.northwind-energy.example/"
max-pages = 2000
exclude = ["/blog/"]

[[site]]
url = "https://www.other-brand.example/"
strategy = "other-brand.yaml"
allow-domain = ["help.other-brand.example"]
```

An option given on the command line wins over the file; a site's own key wins over the file's default.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from contactcheck.crawl.job import SiteSpec

#: site keys -> (SiteSpec field, type); also allowed at the top level as defaults
SITE_KEYS: dict[str, tuple[str, type]] = {
    "url": ("url", str), "strategy": ("strategy", Path), "region": ("region", str),
    "max-pages": ("max_pages", int), "max-depth": ("max_depth", int), "allow-domain": ("allow_domains", tuple),
    "include": ("include", tuple), "exclude": ("exclude", tuple), "delay": ("delay", float),
    "concurrency": ("concurrency", int), "user-agent": ("user_agent", str), "timeout": ("timeout", float),
    "cache": ("cache_dir", Path), "select": ("select", tuple), "ignore": ("ignore", tuple),
}
TOP_KEYS = {"db", "site", *SITE_KEYS} - {"url"}


class SitesError(ValueError):
    """A sites file that cannot be used; the message names the file and key."""


@dataclass(frozen=True, slots=True)
class SitesFile:
    sites: tuple[SiteSpec, ...]
    db: Path | None = None


def load_sites(path: Path, overrides: Mapping[str, Any]) -> SitesFile:
    """Every ``[[site]]`` of ``path``; ``overrides`` (SiteSpec field -> value, from the command line) win."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise SitesError(f"{path}: {exc}") from exc
    unknown = sorted(set(data) - TOP_KEYS)
    if unknown:
        raise SitesError(f"{path}: unknown key(s) {', '.join(unknown)}; allowed: {', '.join(sorted(TOP_KEYS))}")
    raw_sites = data.get("site")
    if not isinstance(raw_sites, list) or not raw_sites:
        raise SitesError(f"{path}: no [[site]] entries")
    base = path.parent
    defaults = _fields({k: v for k, v in data.items() if k in SITE_KEYS}, base, f"{path}")
    sites = []
    for index, raw in enumerate(raw_sites):
        where = f"{path}: site[{index}]"
        if not isinstance(raw, dict):
            raise SitesError(f"{where}: expected a table")
        bad = sorted(set(raw) - set(SITE_KEYS))
        if bad:
            raise SitesError(f"{where}: unknown key(s) {', '.join(bad)}; allowed: {', '.join(sorted(SITE_KEYS))}")
        if not isinstance(raw.get("url"), str):
            raise SitesError(f"{where}: `url` is required")
        fields = {**defaults, **_fields(raw, base, where), **{k: v for k, v in overrides.items() if v is not None}}
        sites.append(replace(SiteSpec(raw["url"]), **fields))
    db = data.get("db")
    return SitesFile(tuple(sites), base / db if isinstance(db, str) else None)


def _fields(raw: Mapping[str, Any], base: Path, where: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in raw.items():
        name, kind = SITE_KEYS[key]
        try:
            out[name] = _convert(value, kind, base)
        except (TypeError, ValueError) as exc:
            raise SitesError(f"{where}: {key}: {exc}") from exc
    return out


def _convert(value: Any, kind: type, base: Path) -> Any:
    if kind is Path:
        if not isinstance(value, str):
            raise TypeError("expected a path (a string)")
        return base / value
    if kind is tuple:
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            raise TypeError("expected a string or a list of strings")
        return tuple(items)
    if kind is float and isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if not isinstance(value, kind) or isinstance(value, bool):
        raise TypeError(f"expected {kind.__name__}, got {type(value).__name__}")
    return value
