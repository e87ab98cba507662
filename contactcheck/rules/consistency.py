"""inconsistent-documents (clause 5.6): documents of one run that state different hours or costs for a
channel whose hours or cost the strategy does not state."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations

from canonical.hours import Week, differences
from contactcheck.facts import Cost, Fact
from contactcheck.rules import rule
from contactcheck.rules.context import DocumentContext, Hit, RunContext
from contactcheck.rules.hours import material_week

Statement = tuple[str, object, Fact]  # (aspect, comparable value, the fact that states it)


def _statements(ctx: DocumentContext, channel_id: str) -> list[Statement]:
    out: list[Statement] = []
    for index, _fact, channel in ctx.live():
        if channel.id != channel_id:
            continue
        if channel.week is None:
            for stated in ctx.about(index, "hours"):
                week = material_week(stated, ctx.strategy.timezone)
                if week is not None:
                    out.append(("hours", week, stated))
        if channel.cost is None:
            for stated in ctx.about(index, "cost"):
                if isinstance(stated.value, Cost):
                    out.append(("cost", (stated.value.category, stated.value.pence_per_minute), stated))
    return out


def _describe(aspect: str, value: object) -> str:
    if aspect == "cost" and isinstance(value, tuple):
        category, ppm = value
        return f"{category}" + (f" {ppm:g}p/min" if isinstance(ppm, float) else "")
    return aspect


@rule("inconsistent-documents", "5.6", "error", "Two documents of one run state different hours or costs",
      scope="run")
def inconsistent_documents(run: RunContext) -> Iterator[tuple[str, Hit]]:
    """What it checks:
    For channels whose hours or cost the strategy does not state, the hours and costs that documents of
    one run (a folder of material, or a crawled site) give for the same channel, after time-zone
    conversion. Reported once per channel and pair, in the document that disagrees with most others (on a
    tie, the later one), with the other in `related`.

    Why it matters (ISO 18295-2 5.6):
    Customers must be told the same thing everywhere; "chat 8am to 9pm" on one page and "8am to 10pm"
    on another means one of them is wrong.

    Example:
    sales.html: "Web chat: 8am to 9pm every day"; contact.html: "Web chat: 8am to 10pm every day".

    Use instead:
    One wording everywhere, and best: state the hours in the strategy so each page is checked against it.

    Options:
    None beyond severity, select and ignore.
    """
    for channel in run.strategy.channels:
        if channel.week is not None and channel.cost is not None:
            continue
        per_doc: list[tuple[int, DocumentContext, list[Statement]]] = []
        for order, ctx in enumerate(run.contexts):
            statements = _statements(ctx, channel.id)
            if statements:
                per_doc.append((order, ctx, statements))
        for aspect in ("hours", "cost"):
            yield from _pairs(channel.value, channel.normalised, aspect, per_doc)


def _pairs(shown: str, subject: str, aspect: str,
           per_doc: list[tuple[int, DocumentContext, list[Statement]]]) -> Iterator[tuple[str, Hit]]:
    stated = [(order, ctx, next((s for s in st if s[0] == aspect), None)) for order, ctx, st in per_doc]
    docs = [(order, ctx, s) for order, ctx, s in stated if s is not None]
    clashes = [(a, b) for a, b in combinations(docs, 2) if not _same(a[2][1], b[2][1])]
    if not clashes:
        return
    against = {order: sum(1 for a, b in clashes if order in (a[0], b[0])) for order, _, _ in docs}
    for a, b in clashes:
        here, there = (a, b) if (against[a[0]], a[0]) > (against[b[0]], b[0]) else (b, a)
        detail = _detail(aspect, here[2], there[2])
        yield here[1].document.uri, Hit(
            f"{aspect} for {shown} differ from {there[1].document.uri}: {detail}", subject, (here[2][2].location,),
            None, (there[2][2].location,))


def _same(a: object, b: object) -> bool:
    if isinstance(a, Week) and isinstance(b, Week):
        return not differences(a, b)
    return a == b


def _detail(aspect: str, here: Statement, there: Statement) -> str:
    if isinstance(here[1], Week) and isinstance(there[1], Week):
        return "; ".join(differences(here[1], there[1])).replace("strategy says", "the other says")
    return f"this says {_describe(aspect, here[1])}, the other says {_describe(aspect, there[1])}"
