"""Hours rules (clause 5.4): the hours stated for a channel, against the strategy's, over a reference week."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from zoneinfo import ZoneInfo

from canonical.hours import HoursError, Week, differences
from contactcheck.facts import Fact
from contactcheck.rules import rule
from contactcheck.rules.context import DocumentContext, Hit

_REFERENCE = dt.datetime(2026, 3, 4, 12, 0)  # a Wednesday outside any daylight-saving change


def material_week(fact: Fact, strategy_zone: str | None) -> Week | None:
    """The week an hours fact states, converted to the strategy's time zone when the fact names another."""
    if not isinstance(fact.value, str):
        return None
    try:
        week = Week.parse(fact.value)
    except HoursError:
        return None
    zone = fact.attr("timezone")
    if zone and strategy_zone and zone != strategy_zone:
        week = week.shifted(_offset_minutes(strategy_zone) - _offset_minutes(zone))
    return week


def _offset_minutes(zone: str) -> int:
    offset = _REFERENCE.replace(tzinfo=ZoneInfo(zone)).utcoffset()
    return int(offset.total_seconds() // 60) if offset is not None else 0


def _compare(stated: Week, wanted: Week, fact: Fact) -> list[str]:
    """Differences; when the material gives times but no days, only the strategy's open days count."""
    if fact.attr("days") == "unstated":
        open_days = {d for d in range(7) if wanted.day(d)}
        return differences(stated.only_days(open_days), wanted.only_days(open_days))
    return differences(stated, wanted)


@rule("hours-mismatch", "5.4", "error", "Hours stated for a channel differ from the strategy's")
def hours_mismatch(ctx: DocumentContext) -> Iterator[Hit]:
    """What it checks:
    Opening hours stated next to (or tied to) a channel, compared with the channel's `hours` over an
    ordinary week after time-zone conversion; public-holiday rules only when both sides state one.
    The message says which days and times differ.

    Why it matters (ISO 18295-2 5.4, 5.6):
    A footer saying 8am-6pm where the contact page says 8am-8pm sends customers away two hours early, or
    has them call a closed line.

    Example:
    "Lines are open Monday to Friday 8am to 6pm" where the strategy says `Mo-Fr 08:00-20:00`.

    Use instead:
    "Monday to Friday 8am to 8pm", as the strategy says.

    Options:
    None beyond severity, select and ignore.
    """
    for index, fact, channel in ctx.live():
        if channel.week is None:
            continue
        for stated in ctx.about(index, "hours"):
            week = material_week(stated, ctx.strategy.timezone)
            if week is None:
                continue
            diff = _compare(week, channel.week, stated)
            if diff:
                yield Hit(f"hours for {fact.text} differ from the strategy: " + "; ".join(diff), channel.normalised,
                          (stated.location,), channel.hours)


@rule("hours-missing", "5.4", "warning", "A channel with limited hours is given with no hours")
def hours_missing(ctx: DocumentContext) -> Iterator[Hit]:
    """What it checks:
    A channel whose strategy hours are limited (not 24/7) appears in a document that states no hours
    for it anywhere. Not applied to IVR files.

    Why it matters (ISO 18295-2 5.4):
    Customers must be told when a channel is open; without hours they call a closed line.

    Example:
    "Call our complaints team on 0808 157 0192." and nothing else on the page.

    Use instead:
    "Call our complaints team on 0808 157 0192, Monday to Friday 9am to 5pm."

    Options:
    None beyond severity, select and ignore.
    """
    if ctx.is_ivr:
        return
    loose_hours = any(f.kind == "hours" and i not in ctx.described for i, f in enumerate(ctx.document.facts))
    if loose_hours:
        return  # a page-level statement of hours may be the one for it
    seen: dict[str, list[Fact]] = {}
    stated: set[str] = set()
    for index, fact, channel in ctx.live():
        if not channel.limited_hours:
            continue
        seen.setdefault(channel.id, []).append(fact)
        if ctx.about(index, "hours"):
            stated.add(channel.id)
    for channel_id, facts in seen.items():
        wanted = ctx.strategy.channel(channel_id)
        if channel_id in stated or wanted is None:
            continue
        yield Hit(f"{facts[0].text} is given without its hours ({wanted.hours})", wanted.normalised,
                  tuple(f.location for f in facts), wanted.hours)
