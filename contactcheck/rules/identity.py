"""Identity rules (clause 5.6): is each contact one the strategy lists, a retired one, or a typo of one?

A fact gets at most one identity finding, in the order retired, near miss, channel not offered,
unknown (SPEC section 8); the matcher gives each value exactly one status, so the rules cannot overlap.
"""

from __future__ import annotations

from collections.abc import Iterator

from canonical.values import match_key
from contactcheck.rules import rule
from contactcheck.rules.context import DocumentContext, Hit, shown
from extractors.recognisers.email import normalise_email
from extractors.recognisers.phone import parse_number


@rule("retired-contact", "5.6", "error", "A contact listed under `retired` appears")
def retired_contact(ctx: DocumentContext) -> Iterator[Hit]:
    """What it checks:
    Every contact in the material against the strategy's `retired` list, exactly and by near miss
    (one or two characters off), and names the replacement.

    Why it matters (ISO 18295-2 5.6):
    Customers who call an old 0845 number from a PDF pay more and may reach nobody; the strategy says the
    contact is gone, so no material may still show it.

    Example:
    "Call us on 0845 600 1234" where `retired: [{value: "0845 600 1234", replaced_by: general}]`.

    Use instead:
    The replacement channel's value: "Call us on 0306 999 0210".

    Options:
    None beyond severity, select and ignore.
    """
    for index, identity in ctx.identities.items():
        if identity.retired is None or not identity.status.endswith("retired"):
            continue
        fact = ctx.document.facts[index]
        replacement = ctx.strategy.channel(identity.retired.replaced_by or "")
        expected = replacement.normalised if replacement else None
        looks = "" if identity.status == "retired" else f" (looks like retired {identity.retired.value!r})"
        use = f"; use {replacement.value} ({replacement.id})" if replacement else ""
        yield Hit(f"{shown(fact)} is a retired contact{looks}{use}", str(fact.value), (fact.location,), expected)


@rule("near-miss-contact", "5.6", "error", "A contact looks like a mistyped canonical one")
def near_miss_contact(ctx: DocumentContext) -> Iterator[Hit]:
    """What it checks:
    Contacts that the strategy does not list but that are within two edits (a wrong, dropped, doubled or
    transposed digit or character) of a live channel's value. A value the strategy lists itself is never
    a near miss of another.

    Why it matters (ISO 18295-2 5.6):
    A transposed digit in a leaflet sends customers to a stranger or a dead line; the typo is invisible to
    a reviewer but obvious next to the canonical value.

    Example:
    "Call 0306 999 0120" where the strategy has 0306 999 0210.

    Use instead:
    The canonical value, copied from the strategy: "0306 999 0210".

    Options:
    None beyond severity, select and ignore.
    """
    for index, identity in ctx.identities.items():
        if identity.status != "near-live" or identity.channel is None:
            continue
        fact = ctx.document.facts[index]
        channel = identity.channel
        yield Hit(f"{shown(fact)} looks like a mistyped {channel.value} ({channel.id})", str(fact.value),
                  (fact.location,), channel.normalised)


@rule("channel-not-offered", "5.4", "warning", "The material offers a channel kind the strategy does not have")
def channel_not_offered(ctx: DocumentContext) -> Iterator[Hit]:
    """What it checks:
    Unlisted contacts of a kind (WhatsApp, video, SMS, ...) that the strategy has no channel of.

    Why it matters (ISO 18295-2 5.4):
    Customers are told to use a channel the organisation has not planned, staffed or made accessible.

    Example:
    "Message us on WhatsApp" when the strategy has no `whatsapp` channel.

    Use instead:
    Remove the channel from the material, or add it to the strategy with its hours and purposes.

    Options:
    None beyond severity, select and ignore.
    """
    for index, identity in ctx.identities.items():
        fact = ctx.document.facts[index]
        # kind matters only here (SPEC 8): a listed number offered for WhatsApp is still WhatsApp
        if identity.status in ("unknown", "live") and fact.kind not in ctx.matcher.kinds:
            yield Hit(f"{shown(fact)} offers {fact.kind}, a channel the strategy does not have", str(fact.value),
                      (fact.location,))


@rule("unknown-contact", "5.6", "warning", "A contact appears that the strategy does not list")
def unknown_contact(ctx: DocumentContext) -> Iterator[Hit]:
    """What it checks:
    Contacts of a kind the strategy has, whose value is neither listed, retired nor a near miss.

    Why it matters (ISO 18295-2 5.6):
    Every contact customers are given should be one the organisation manages; an unlisted number is
    often a personal line, an agency's number or a forgotten campaign line.

    Example:
    "Media enquiries: 0161 496 0518" when the strategy does not list it.

    Use instead:
    A listed channel, or add the contact to the strategy.

    Options:
    None beyond severity, select and ignore.
    """
    for index, identity in ctx.identities.items():
        fact = ctx.document.facts[index]
        if identity.status == "unknown" and fact.kind in ctx.matcher.kinds:
            yield Hit(f"{shown(fact)} is not a contact the strategy lists", str(fact.value), (fact.location,))


@rule("tel-link-mismatch", "5.6", "error", "A tel: or mailto: link points at a different contact from the one shown")
def tel_link_mismatch(ctx: DocumentContext) -> Iterator[Hit]:
    """What it checks:
    Links whose target (`tel:`, `mailto:`, `sms:`) is a different contact from the one their text shows.
    The subject is the value the link dials.

    Why it matters (ISO 18295-2 5.6):
    A customer who taps the number on a phone reaches a different line from the one they read.

    Example:
    `<a href="tel:+448081570555">0306 999 0210</a>`

    Use instead:
    `<a href="tel:+443069990210">0306 999 0210</a>`

    Options:
    None beyond severity, select and ignore.
    """
    region = ctx.strategy.region
    for fact in ctx.document.facts:
        shown = fact.attr("shown")
        if fact.attr("via") != "href" or not shown or not isinstance(fact.value, str):
            continue
        shown_value = normalise_email(shown) if fact.kind == "email" else parse_number(shown, region)
        if shown_value is None or match_key(shown_value) == match_key(fact.value):
            continue
        yield Hit(f"the link shows {shown} but goes to {fact.value}", fact.value, (fact.location,))
