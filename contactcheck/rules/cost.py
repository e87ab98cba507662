"""Cost rules (clause 5.5): standard-rate and premium numbers need a cost notice, and notices must be right."""

from __future__ import annotations

from collections.abc import Iterator

from canonical.model import Channel
from canonical.tariffs import NOTICE_REQUIRED, band_of
from contactcheck.facts import Cost, Fact
from contactcheck.rules import rule
from contactcheck.rules.context import NUMBER_KINDS, DocumentContext, Hit

_NATIONAL_PREFIX = {"44": "0", "49": "0", "61": "0", "33": "0", "353": "0", "1": "1"}


def national(e164: str) -> str:
    """'+443069990210' -> '03069990210' (what a range like '03' is written against)."""
    digits = e164.lstrip("+")
    for cc in sorted(_NATIONAL_PREFIX, key=len, reverse=True):
        if digits.startswith(cc):
            prefix = _NATIONAL_PREFIX[cc]
            return prefix + digits[len(cc) :] if prefix != "1" else digits
    return digits


def in_range(notice: Fact, number: str) -> bool:
    """Does a notice limited to ranges ("calls to 03 numbers ...") cover ``number``? Unlimited: yes."""
    ranges = notice.attr("range")
    if not ranges:
        return True
    return any(national(number).startswith(r) for r in ranges.split(","))


def notices_for(ctx: DocumentContext, index: int, number: str) -> list[Fact]:
    """Cost notices that cover a number: attached to it (block or footnote), or page statements that are
    attached to no number, within their range (SPEC section 8)."""
    attached = [f for f in ctx.about(index, "cost") if in_range(f, number)]
    if attached:
        return attached
    return [f for i, f in enumerate(ctx.document.facts)
            if f.kind == "cost" and i not in ctx.described and in_range(f, number)]


def _required(ctx: DocumentContext, index: int, fact: Fact) -> tuple[str, bool] | None:
    """(category, from the strategy?) when this number needs a notice, else None."""
    identity = ctx.identities.get(index)
    if identity is None or not isinstance(fact.value, str) or fact.kind not in NUMBER_KINDS:
        return None
    channel = ctx.channel_for(index)
    if channel is not None:
        if channel.cost is not None and channel.cost.category in NOTICE_REQUIRED:
            return channel.cost.category, True
        return None
    if identity.status != "unknown":
        return None  # near misses and retired contacts get their identity finding only
    band = band_of(fact.value)
    return (band.category, False) if band is not None and band.category in NOTICE_REQUIRED else None


@rule("cost-notice-missing", "5.5", "error", "A standard-rate or premium number appears without a cost notice")
def cost_notice_missing(ctx: DocumentContext) -> Iterator[Hit]:
    """What it checks:
    Every standard-rate or premium number (by the strategy's `cost`, or by its range when the strategy
    does not list it: UK 084/087/09/118, US 1-900, DE 0180/0900, AU 190) has a cost notice that covers
    it: in its block, tied by a footnote marker, or a page statement not attached to another number
    (a notice limited to a range covers only that range). Not applied to IVR files.

    Why it matters (ISO 18295-2 5.5; Ofcom UK Calling):
    Customers must know what a call costs before they dial; for service-charge numbers the organisation
    must state its service charge.

    Example:
    "Call our advice line on 0844 412 4567." with no price.

    Use instead:
    "Call 0844 412 4567. Calls cost 7p per minute plus your phone company's access charge."

    Options:
    None beyond severity, select and ignore.
    """
    if ctx.is_ivr:
        return
    for index, fact in enumerate(ctx.document.facts):
        required = _required(ctx, index, fact)
        if required is None or notices_for(ctx, index, str(fact.value)):
            continue
        category, listed = required
        channel = ctx.channel_for(index)
        expected = channel.cost.notice if channel is not None and channel.cost is not None else None
        source = "per the strategy" if listed else "by its number range"
        yield Hit(f"{fact.text} is a {category}-rate number ({source}) but no cost notice covers it",
                  str(fact.value), (fact.location,), expected)


def _contradiction(stated: Cost, channel: Channel) -> str | None:
    want = channel.cost
    if want is None:
        return None
    if stated.category != want.category:
        return f"material says {stated.category}, strategy says {want.category}"
    if (stated.pence_per_minute is not None and want.pence_per_minute is not None
            and abs(stated.pence_per_minute - want.pence_per_minute) > 1e-6):
        return (f"material says {stated.pence_per_minute:g}p per minute, "
                f"strategy says {want.pence_per_minute:g}p per minute")
    return None


@rule("cost-notice-mismatch", "5.5", "error", "The cost stated contradicts the strategy")
def cost_notice_mismatch(ctx: DocumentContext) -> Iterator[Hit]:
    """What it checks:
    The cost notice covering a listed number (in its block, by footnote, or a page statement limited to
    its range) against the channel's `cost`: category, and the price per minute when both give one.

    Why it matters (ISO 18295-2 5.5):
    Telling customers a basic-rate number is free, or quoting the wrong service charge, misleads them
    about what they will pay.

    Example:
    "Call free on 0306 999 0210" where the strategy says `cost: {category: basic-rate}`.

    Use instead:
    The approved notice: "Calls cost no more than calls to 01 or 02 numbers".

    Options:
    None beyond severity, select and ignore.
    """
    for index, fact, channel in ctx.live():
        if fact.kind not in NUMBER_KINDS or channel.cost is None:
            continue
        attached = [f for f in ctx.about(index, "cost") if in_range(f, channel.normalised)]
        ranged = [f for i, f in enumerate(ctx.document.facts)
                  if f.kind == "cost" and i not in ctx.described and f.attr("range")
                  and in_range(f, channel.normalised)]
        for notice in attached or ranged:
            if not isinstance(notice.value, Cost):
                continue
            why = _contradiction(notice.value, channel)
            if why is not None:
                yield Hit(f"the cost stated for {fact.text} is wrong: {why}", channel.normalised, (notice.location,),
                          channel.cost.notice or channel.cost.category)
