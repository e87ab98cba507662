"""Strict strategy loader: every problem in one pass, each as ``FILE:LINE: field.path: what is wrong``."""

from __future__ import annotations

import re
import zoneinfo
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path as FsPath

from canonical.hours import HoursError, Week
from canonical.model import (
    CATEGORIES,
    KINDS,
    PURPOSES,
    Channel,
    ChannelCost,
    Complaints,
    IvrSettings,
    Retired,
    Strategy,
)
from canonical.tariffs import NOTICE_REQUIRED, band_of
from canonical.values import BadValueError, match_key, normalise_value
from canonical.yamltree import Path, Tree, YamlTreeError, format_path, read_yaml

TOP_KEYS = ("version", "organisation", "region", "timezone", "channels", "retired", "complaints", "ivr")
CHANNEL_KEYS = ("id", "kind", "value", "purposes", "hours", "cost", "alternatives")
COST_KEYS = ("category", "notice", "pence_per_minute", "access_charge")
RETIRED_KEYS = ("value", "replaced_by")
COMPLAINTS_KEYS = ("channels", "max_click_depth")
IVR_KEYS = ("max_breakout_level",)
_REGION_RE = re.compile(r"^[A-Z]{2}$")


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One thing wrong with a strategy file."""

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.message}"


class StrategyError(Exception):
    """A strategy file with problems; ``problems`` lists every one, in file order."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(sorted(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


def load_strategy(path: str | FsPath) -> Strategy:
    """Read and validate a strategy file; raise :class:`StrategyError` listing every problem."""
    name = str(path)
    try:
        data = FsPath(path).read_bytes()
    except OSError as exc:
        raise StrategyError([Problem(name, 1, "(file)", f"cannot read: {exc.strerror or exc}")]) from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise StrategyError([Problem(name, line, "(file)", "not UTF-8 text")]) from exc
    return parse_strategy(text, name)


def parse_strategy(text: str, name: str = "<strategy>") -> Strategy:
    """Validate strategy ``text``; ``name`` is used in problem messages."""
    try:
        tree = read_yaml(text)
    except YamlTreeError as exc:
        raise StrategyError([Problem(name, exc.line, "(file)", exc.message)]) from exc
    checker = _Checker(tree, name)
    strategy = checker.run()
    if checker.problems or strategy is None:
        raise StrategyError(checker.problems)
    return strategy


class _Checker:
    """Walks the plain tree, collecting problems and building the models."""

    def __init__(self, tree: Tree, name: str) -> None:
        self.tree = tree
        self.name = name
        self.problems: list[Problem] = []

    def add(self, path: Path, message: str, line: int | None = None) -> None:
        self.problems.append(Problem(self.name, line or self.tree.line(path), format_path(path), message))

    # --- generic shape checks -------------------------------------------------------------
    def mapping(self, value: object, path: Path, keys: Sequence[str], required: Sequence[str]) -> dict[str, object]:
        if not isinstance(value, dict):
            self.add(path, f"expected a mapping with keys {', '.join(required) or ', '.join(keys)}")
            return {}
        for key in value:
            if key not in keys:
                hint = _suggest(key, keys)
                self.add((*path, key), f"unknown key{hint}; allowed: {', '.join(keys)}",
                         self.tree.key_lines.get((*path, key)))
        for key in required:
            if key not in value:
                self.add((*path, key), "required key is missing", self.tree.line(path))
        return value

    def string(self, data: dict[str, object], path: Path, key: str) -> str | None:
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.add((*path, key), "expected a string")
            return None
        return str(value)

    def str_list(self, data: dict[str, object], path: Path, key: str) -> list[tuple[Path, str]]:
        value = data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.add((*path, key), "expected a list")
            return []
        out: list[tuple[Path, str]] = []
        for i, item in enumerate(value):
            if isinstance(item, str):
                out.append(((*path, key, i), item))
            else:
                self.add((*path, key, i), "expected a string")
        return out

    def integer(self, data: dict[str, object], path: Path, key: str, minimum: int, default: int) -> int:
        value = data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.add((*path, key), f"expected a whole number >= {minimum}")
            return default
        return value

    # --- the document ----------------------------------------------------------------------
    def run(self) -> Strategy | None:
        for path, line in self.tree.duplicates:
            self.add(path, "duplicate key (the earlier one is kept)", line)
        top = self.mapping(self.tree.value, (), TOP_KEYS, ("version", "organisation", "channels"))
        if not top and not isinstance(self.tree.value, dict):
            return None
        version = top.get("version", 1)
        if "version" in top and version != 1:
            self.add(("version",), "unsupported version; this contactcheck reads version 1")
        organisation = self.string(top, (), "organisation") or ""
        region = self._region(top)
        timezone = self._timezone(top)
        channels = self._channels(top.get("channels"), region)
        raw_channels = top.get("channels")
        ids = {str(item["id"]) for item in raw_channels if isinstance(item, dict) and "id" in item} if isinstance(
            raw_channels, list) else set()
        retired = self._retired(top.get("retired"), region, ids, channels)
        complaints = self._complaints(top.get("complaints"), ids)
        ivr = self._ivr(top.get("ivr"))
        for channel in channels:
            for i, ref in enumerate(channel.alternatives):
                if ref not in ids:
                    path = ("channels", channel.index, "alternatives", i)
                    self.add(path, f"no channel has id {ref!r}{_suggest(ref, ids)}")
        return Strategy(self.name, 1, organisation, region, timezone, tuple(channels), tuple(retired),
                        complaints, ivr)

    def _region(self, top: dict[str, object]) -> str | None:
        region = self.string(top, (), "region")
        if region is not None and not _REGION_RE.match(region):
            self.add(("region",), f"{region!r} is not an ISO 3166-1 alpha-2 code in capitals (GB, US, DE, ...)")
            # read the numbers with the intended region anyway, so one mistake is reported once
            return region.upper() if _REGION_RE.match(region.upper()) else None
        return region

    def _timezone(self, top: dict[str, object]) -> str | None:
        timezone = self.string(top, (), "timezone")
        if timezone is None:
            return None
        try:
            zoneinfo.ZoneInfo(timezone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            self.add(("timezone",), f"{timezone!r} is not an IANA time zone (Europe/London, America/New_York, ...)")
            return None
        return timezone

    def _channels(self, value: object, region: str | None) -> list[Channel]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.add(("channels",), "expected a list of channels")
            return []
        out: list[Channel] = []
        seen: dict[str, int] = {}
        for i, item in enumerate(value):
            channel = self._channel(item, ("channels", i), region)
            if channel is None:
                continue
            if channel.id in seen:
                self.add(("channels", i, "id"), f"duplicate id {channel.id!r} (first used on line {seen[channel.id]})")
                continue
            seen[channel.id] = self.tree.line(("channels", i, "id"))
            out.append(channel)
        return out

    def _channel(self, item: object, path: Path, region: str | None) -> Channel | None:
        data = self.mapping(item, path, CHANNEL_KEYS, ("id", "kind", "value"))
        if not data:
            return None
        cid = self.string(data, path, "id")
        kind = self._enum(data, path, "kind", KINDS)
        raw = self.string(data, path, "value")
        purposes = [p for p_path, p in self.str_list(data, path, "purposes") if self._known(p_path, p, PURPOSES)]
        hours, week = self._hours(data, path)
        cost = self._cost(data.get("cost"), (*path, "cost"))
        alternatives = [a for _, a in self.str_list(data, path, "alternatives")]
        if cid is None or kind is None or raw is None:
            return None
        try:
            normalised = normalise_value(kind, raw, region)
        except BadValueError as exc:
            self.add((*path, "value"), str(exc))
            return None
        if kind == "phone" and cost is None:
            band = band_of(normalised)
            if band is not None and band.category in NOTICE_REQUIRED:
                self.add((*path, "cost"), f"required: {raw!r} is a {band.category}-rate number ({band.source}); "
                         "give its cost category and the approved notice (ISO 18295-2 5.5)",
                         self.tree.line((*path, "value")))
        return Channel(cid, kind, raw, normalised, tuple(purposes), hours, week, cost, tuple(alternatives),
                       self.tree.line(path), index=int(path[-1]))

    def _enum(self, data: dict[str, object], path: Path, key: str, allowed: Sequence[str]) -> str | None:
        value = self.string(data, path, key)
        if value is None or not self._known((*path, key), value, allowed):
            return None
        return value

    def _known(self, path: Path, value: str, allowed: Sequence[str]) -> bool:
        if value in allowed:
            return True
        self.add(path, f"unknown value {value!r}{_suggest(value, allowed)}; allowed: {' | '.join(allowed)}")
        return False

    def _hours(self, data: dict[str, object], path: Path) -> tuple[str | None, Week | None]:
        hours = self.string(data, path, "hours")
        if hours is None:
            return None, None
        try:
            return hours, Week.parse(hours)
        except HoursError as exc:
            self.add((*path, "hours"), f"{hours!r} is not OpenStreetMap opening_hours syntax ({exc}); "
                     "e.g. 'Mo-Fr 08:00-20:00; Sa 09:00-17:00; PH off'")
            return None, None

    def _cost(self, value: object, path: Path) -> ChannelCost | None:
        if value is None:
            return None
        data = self.mapping(value, path, COST_KEYS, ("category",))
        if not data:
            return None
        category = self._enum(data, path, "category", CATEGORIES)
        notice = self.string(data, path, "notice")
        ppm = data.get("pence_per_minute")
        if ppm is not None and (isinstance(ppm, bool) or not isinstance(ppm, int | float) or ppm < 0):
            self.add((*path, "pence_per_minute"), "expected a number of pence (or cents) per minute, or null")
            ppm = None
        access = data.get("access_charge", False)
        if not isinstance(access, bool):
            self.add((*path, "access_charge"), "expected true or false")
            access = False
        if category is None:
            return None
        return ChannelCost(category, notice, float(ppm) if isinstance(ppm, int | float) else None, access)

    def _retired(self, value: object, region: str | None, ids: set[str], channels: list[Channel]) -> list[Retired]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.add(("retired",), "expected a list of {value, replaced_by}")
            return []
        live = {match_key(c.normalised): c.id for c in channels}
        out: list[Retired] = []
        for i, item in enumerate(value):
            path: Path = ("retired", i)
            data = self.mapping(item, path, RETIRED_KEYS, ("value",))
            raw = self.string(data, path, "value")
            replaced_by = self.string(data, path, "replaced_by")
            if replaced_by is not None and replaced_by not in ids:
                self.add((*path, "replaced_by"), f"no channel has id {replaced_by!r}{_suggest(replaced_by, ids)}")
            if raw is None:
                continue
            normalised = self._retired_value(raw, region, (*path, "value"))
            if normalised is None:
                continue
            if match_key(normalised) in live:
                self.add((*path, "value"), f"{raw!r} is retired but is also the live channel "
                         f"{live[match_key(normalised)]!r}")
            out.append(Retired(raw, normalised, replaced_by, self.tree.line(path)))
        return out

    def _retired_value(self, raw: str, region: str | None, path: Path) -> str | None:
        kinds: tuple[str, ...] = ("email",) if "@" in raw else ("phone", "webchat", "post")
        for kind in kinds:
            try:
                return normalise_value(kind, raw, region)
            except BadValueError:
                continue
        self.add(path, f"{raw!r} is neither a phone number, an e-mail address nor a URL")
        return None

    def _complaints(self, value: object, ids: set[str]) -> Complaints:
        if value is None:
            return Complaints()
        data = self.mapping(value, ("complaints",), COMPLAINTS_KEYS, ())
        refs = self.str_list(data, ("complaints",), "channels")
        for path, ref in refs:
            if ref not in ids:
                self.add(path, f"no channel has id {ref!r}{_suggest(ref, ids)}")
        depth = self.integer(data, ("complaints",), "max_click_depth", 0, 3)
        return Complaints(tuple(ref for _, ref in refs), depth)

    def _ivr(self, value: object) -> IvrSettings:
        if value is None:
            return IvrSettings()
        data = self.mapping(value, ("ivr",), IVR_KEYS, ())
        return IvrSettings(self.integer(data, ("ivr",), "max_breakout_level", 1, 3))


def _suggest(value: str, allowed: Sequence[str] | set[str]) -> str:
    from difflib import get_close_matches

    close = get_close_matches(value, sorted(allowed), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""
