"""Opening hours as comparable weekly intervals, parsed from OpenStreetMap opening_hours strings."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import opening_hours

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEK = 7 * 24 * 60
# A reference week with no fixed-date rule surprises: Monday 2 March 2026 (no public holidays anywhere
# in the tables of opening-hours-py without a region, which we never pass).
_REF_MONDAY = dt.datetime(2026, 3, 2)
_PH_RE = re.compile(r"(?:^|;)\s*PH\b([^;]*)")


class HoursError(ValueError):
    """An opening_hours string that does not parse."""


Interval = tuple[int, int]  # minutes from Monday 00:00, [start, end)


@dataclass(frozen=True, slots=True)
class Week:
    """When a channel is open over an ordinary week, plus its public-holiday rule if one is stated."""

    intervals: tuple[Interval, ...]
    holiday: str | None  # the PH rule as written ("off", "10:00-16:00"), None when not stated

    @classmethod
    def parse(cls, value: str) -> Week:
        """Parse an OSM opening_hours value; raise HoursError when it does not parse."""
        try:
            oh = opening_hours.OpeningHours(value)
        except Exception as exc:  # the parser raises its own ParserError type
            raise HoursError(str(exc).strip().splitlines()[0] if str(exc).strip() else "does not parse") from exc
        end = _REF_MONDAY + dt.timedelta(days=7)
        spans: list[Interval] = []
        for start, stop, state, _comment in oh.intervals(_REF_MONDAY, end):
            if str(state).rsplit(".", 1)[-1].upper() != "OPEN":
                continue
            stop = stop if stop is not None else end
            spans.append((_minutes(start), _minutes(stop)))
        match = _PH_RE.search(value)
        holiday = match.group(1).strip() or "open" if match else None
        if holiday in ("closed", "off"):
            holiday = "off"
        return cls(_merge(spans), holiday)

    def shifted(self, minutes: int) -> Week:
        """The same week seen from a zone ``minutes`` ahead (wrapping around Sunday midnight)."""
        spans: list[Interval] = []
        for start, end in self.intervals:
            lo = (start + minutes) % _WEEK
            hi = lo + (end - start)
            if hi <= _WEEK:
                spans.append((lo, hi))
            else:
                spans.extend(((lo, _WEEK), (0, hi - _WEEK)))
        return Week(_merge(spans), self.holiday)

    def only_days(self, days: set[int]) -> Week:
        """The same week with every day not in ``days`` (0 = Monday) closed."""
        spans = [(index * 1440 + s, index * 1440 + e) for index in sorted(days) for s, e in self.day(index)]
        return Week(_merge(spans), self.holiday)

    def day(self, index: int) -> tuple[Interval, ...]:
        """The open intervals of day ``index`` (0 = Monday) in minutes from that day's midnight."""
        lo, hi = index * 1440, (index + 1) * 1440
        return tuple((max(s, lo) - lo, min(e, hi) - lo) for s, e in self.intervals if s < hi and e > lo)

    @property
    def always_open(self) -> bool:
        return self.intervals == ((0, _WEEK),)


def _minutes(moment: dt.datetime) -> int:
    delta = moment - _REF_MONDAY
    return int(delta.total_seconds() // 60)


def _merge(spans: list[Interval]) -> tuple[Interval, ...]:
    out: list[Interval] = []
    for start, end in sorted(spans):
        if end <= start:
            continue
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return tuple(out)


def format_day(intervals: tuple[Interval, ...]) -> str:
    """'09:00–17:00, 18:00–20:00' or 'closed'."""
    if not intervals:
        return "closed"
    return ", ".join(f"{_hhmm(s)}–{_hhmm(e)}" for s, e in intervals)


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def differences(material: Week, strategy: Week) -> list[str]:
    """Per-day differences, 'Saturday: material says 09:00–13:00, strategy says 09:00–17:00'.

    Holiday rules are compared only when both sides state one (SPEC section 8).
    """
    out: list[str] = []
    runs: list[tuple[int, int, str]] = []  # consecutive days with the same difference
    for index in range(7):
        got, want = material.day(index), strategy.day(index)
        if got == want:
            continue
        text = f"material says {format_day(got)}, strategy says {format_day(want)}"
        if runs and runs[-1][1] == index - 1 and runs[-1][2] == text:
            runs[-1] = (runs[-1][0], index, text)
        else:
            runs.append((index, index, text))
    for first, last, text in runs:
        days = DAY_NAMES[first] if first == last else f"{DAY_NAMES[first]}–{DAY_NAMES[last]}"
        out.append(f"{days}: {text}")
    if material.holiday is not None and strategy.holiday is not None and material.holiday != strategy.holiday:
        out.append(f"public holidays: material says {material.holiday}, strategy says {strategy.holiday}")
    return out
