"""Presence rules (clause 5.4): complaint contacts, purposes and accessible alternatives are given.

None of them applies to IVR files (SPEC section 8); web pages are judged as one site for complaint
contacts and one by one for the rest.
"""

from __future__ import annotations

from collections.abc import Iterator

from canonical.values import match_key
from contactcheck.facts import Location
from contactcheck.rules import rule
from contactcheck.rules.context import DocumentContext, Hit, RunContext


@rule("purpose-missing", "5.4", "info", "Several channels are listed with nothing saying which is for what")
def purpose_missing(ctx: DocumentContext) -> Iterator[Hit]:
    """What it checks:
    Each contact block (a banner, a list, a group under one heading) that offers two or more different
    contacts, none of which carries a purpose (complaints, billing, sales, ...). One finding per block.

    Why it matters (ISO 18295-2 5.4):
    Customers must be told what each channel is for; two bare numbers side by side leave them guessing.

    Example:
    "Talk to us: 0306 999 0210 · help@northwind-energy.example"

    Use instead:
    "Billing and account questions: 0306 999 0210 · Complaints: complaints@northwind-energy.example"

    Options:
    None beyond severity, select and ignore.
    """
    if ctx.is_ivr:
        return
    for block in ctx.document.blocks:
        # relay and textphone numbers are accessible ways into another channel, not contacts of their own
        channels = [i for i in block.facts if ctx.document.facts[i].is_channel
                    and ctx.document.facts[i].kind not in ("relay", "textphone")
                    and ctx.document.facts[i].location.region != "structured-data"]
        values = {match_key(str(ctx.document.facts[i].value)) for i in channels}
        if len(values) < 2:
            continue
        if any(ctx.about(i, "purpose") for i in channels):
            continue
        if any(ctx.document.facts[i].kind == "purpose" for i in block.facts):
            continue
        first = ctx.document.facts[channels[0]]
        place = block.location or first.location
        listed = ", ".join(ctx.document.facts[i].text for i in channels[:4])
        yield Hit(f"{len(values)} contacts are given with no purpose ({listed})", None,
                  (Location(first.location.uri, page=place.page, line=first.location.line,
                            bbox=place.bbox, selector=place.selector, region=place.region,
                            snippet=first.location.snippet),), group=",".join(sorted(values)))


def has_complaint_contact(ctx: DocumentContext) -> bool:
    """A value from `complaints.channels`, or a contact the document presents for complaints."""
    wanted = set()
    for channel_id in ctx.strategy.complaints.channels:
        channel = ctx.strategy.channel(channel_id)
        if channel is not None:
            wanted.add(match_key(channel.normalised))
    for index, fact in enumerate(ctx.document.facts):
        if not fact.is_channel:
            continue
        if isinstance(fact.value, str) and match_key(fact.value) in wanted:
            return True
        if any(p.value == "complaints" for p in ctx.about(index, "purpose")):
            return True
    return False


def has_contacts(ctx: DocumentContext) -> bool:
    return any(f.is_channel for f in ctx.document.facts)


@rule("complaint-contact-missing", "5.4", "error", "A document or site with contact details gives no complaint contact",
      scope="run")
def complaint_contact_missing(run: RunContext) -> Iterator[tuple[str, Hit]]:
    """What it checks:
    A document (PDF, script, DOCX, e-mail) or a site (all web pages of the run) that gives contact details
    but no complaint contact: a value from `complaints.channels`, or a contact the material presents for
    complaints. A link or heading without a channel is not one. Not applied to IVR files.

    Why it matters (ISO 18295-2 5.4):
    Customers must be told how to complain wherever they are told how to get in touch.

    Example:
    A leaflet with a sales number and a web chat link, and no complaints line, address or e-mail.

    Use instead:
    Add the complaints contact: "Not happy? Call our complaints team free on 0808 157 0192."

    Options:
    None beyond severity, select and ignore.
    """
    pages: list[DocumentContext] = []
    for ctx in run.contexts:
        if ctx.document.error is not None or ctx.is_ivr:
            continue
        if ctx.document.kind == "html":
            pages.append(ctx)  # web pages form one site, judged once below
        elif has_contacts(ctx) and not has_complaint_contact(ctx):
            first = next(f for f in ctx.document.facts if f.is_channel)
            yield ctx.document.uri, Hit(
                f"{ctx.document.uri} gives contact details but no complaint contact", None,
                (Location(ctx.document.uri, page=first.location.page, line=first.location.line,
                          snippet=first.location.snippet),))
    if pages and any(has_contacts(c) for c in pages) and not any(has_complaint_contact(c) for c in pages):
        site = run.site or pages[0].document.uri
        yield site, Hit(f"no page of the site ({len(pages)} pages) gives a complaint contact", None,
                        (Location(site),))


@rule("accessibility-missing", "5.4", "warning", "A channel with accessible alternatives is given without any")
def accessibility_missing(ctx: DocumentContext) -> Iterator[Hit]:
    """What it checks:
    A channel that has `alternatives` in the strategy appears in a document in which none of them does
    (one is enough; a relay or textphone mention counts). Web pages are judged one by one; not applied to
    IVR files.

    Why it matters (ISO 18295-2 5.4):
    Deaf, hard-of-hearing and speech-impaired customers must be told the accessible way to use a channel
    (Relay UK, textphone, BSL video relay) wherever the channel is offered.

    Example:
    "Call 0306 999 0210" with no Relay UK or textphone alternative anywhere in the leaflet.

    Use instead:
    "Call 0306 999 0210 (Relay UK: 18001 0306 999 0210)."

    Options:
    None beyond severity, select and ignore.
    """
    if ctx.is_ivr:
        return
    # an alternative is present when a fact of its kind gives its value (a relay alternative shares the
    # main number: the number alone is not the relay service)
    present = {(f.kind, match_key(str(f.value))) for f in ctx.document.facts if f.is_channel}
    if any(f.kind == "accessibility" and f.value in ("relay", "textphone") for f in ctx.document.facts):
        return
    if any(f.kind in ("relay", "textphone") for f in ctx.document.facts):
        return
    places: dict[str, list[Location]] = {}
    for _index, fact, channel in ctx.live():
        if not channel.alternatives:
            continue
        alternatives = [ctx.strategy.channel(a) for a in channel.alternatives]
        keys = {(a.kind, match_key(a.normalised)) for a in alternatives if a is not None}
        if keys & present:
            continue
        places.setdefault(channel.id, []).append(fact.location)
    for channel_id, locations in places.items():
        wanted = ctx.strategy.channel(channel_id)
        assert wanted is not None
        names = ", ".join(wanted.alternatives)
        yield Hit(f"{wanted.value} is given without any of its accessible alternatives ({names})",
                  wanted.normalised, tuple(locations), names)


@rule("unreadable-input", "—", "error", "A file could not be read")
def unreadable_input(ctx: DocumentContext) -> Iterator[Hit]:
    """What it checks:
    Every input file is read: corrupt, encrypted, empty, mislabelled or image-only files are reported
    with the reason, and the run goes on with the others.

    Why it matters:
    A file that cannot be read cannot be checked; a review gate must not pass it silently.

    Example:
    A PDF cut off in transfer: "corrupt PDF: Data format error".

    Use instead:
    Re-export the file, remove its password, or add a text layer (OCR) to a scan.

    Options:
    None beyond severity, select and ignore.
    """
    if ctx.document.error is not None:
        yield Hit(f"{ctx.document.uri} could not be read: {ctx.document.error}", None,
                  (Location(ctx.document.uri),))
