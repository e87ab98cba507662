"""Tie each hours, cost, purpose and accessibility fact to the channel facts it describes.

Within a contact block: a description belongs to the channels of its own segment (sentence,
paragraph, list item): to the channel it labels when it is written just before one ("Complaints:
0800 ...", "Freephone 0800 ..."), else to those since the previous description of its kind; failing
that, to the nearest segment before it that has channels, then the nearest after it. A heading's
purpose covers every channel of its block. A cost notice that starts with a footnote marker belongs to
every number carrying the same marker, anywhere in the document.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from contactcheck.facts import CHANNEL_KINDS, Fact

#: hours and costs describe numbers (and, for hours, other staffed channels); e-mail has no hours
_HOURS_KINDS = frozenset({"phone", "relay", "textphone", "sms", "whatsapp", "webchat", "callback", "video"})
_COST_KINDS = frozenset({"phone", "relay", "textphone", "sms", "whatsapp"})


def _applies(description: Fact, channel: Fact) -> bool:
    if description.kind == "hours":
        return channel.kind in _HOURS_KINDS
    if description.kind == "cost":
        return channel.kind in _COST_KINDS
    return channel.kind in CHANNEL_KINDS


def attach(facts: Sequence[Fact], segment_of: Sequence[int], block_of: Sequence[str],
           heading_facts: frozenset[int] = frozenset(), *, spans: Sequence[tuple[int, int]] = (),
           texts: Sequence[str] = ()) -> tuple[tuple[int, int], ...]:
    """Pairs ``(description index, channel index)`` over ``facts``.

    ``segment_of[i]`` and ``block_of[i]`` give the segment number and block key of fact ``i``;
    ``heading_facts`` are descriptions found in a heading, which cover their whole block. ``spans[i]``
    is where fact ``i`` is written in ``texts[segment_of[i]]`` (without them no description is read as
    a label).
    """
    pairs: set[tuple[int, int]] = set()
    by_block: dict[str, list[int]] = {}
    for i, key in enumerate(block_of):
        by_block.setdefault(key, []).append(i)
    for members in by_block.values():
        channels = [i for i in members if facts[i].is_channel]
        for d in members:
            if facts[d].is_channel:
                continue
            wanted = [c for c in channels if _applies(facts[d], facts[c])]
            if d in heading_facts:
                pairs.update((d, c) for c in wanted)
                continue
            back = bool(_BACK_REFERENCE.search(facts[d].text))
            labelled = None if back or not spans else _labelled(d, wanted, segment_of, spans, texts)
            if labelled is not None:
                pairs.add((d, labelled))
                continue
            pairs.update((d, c) for c in _nearest(d, wanted, segment_of, _same_kind(facts, members, d), back))
    pairs.update(_footnotes(facts))
    return tuple(sorted(pairs))


_BACK_REFERENCE = re.compile(r"\b(?:this|that|these|those) (?:number|line|phone line)s?\b", re.I)


#: what may stand between a label and the channel it names: "Complaints: 0800 ...", "Freephone 0800 ...",
#: "Sales line - call us on 0345 ..."
_LABEL_GAP = re.compile(
    r"[\s:\-\u2013\u2014|(]*(?:(?:line|lines|number|numbers|team|call|phone|ring|dial|us|on|at|is|our|"
    r"tel|telephone|helpline)\b[\s:\-\u2013\u2014|(.]*){0,4}",
    re.I,
)


_CLAUSE_END = re.compile(r"[.;!?](?=\s)")


def _labelled(d: int, channels: list[int], segment_of: Sequence[int], spans: Sequence[tuple[int, int]],
              texts: Sequence[str]) -> int | None:
    """The channel description ``d`` labels: the first one after it in its segment with only label words
    between them, when ``d`` starts its line or clause ("Complaints: 0800 ...", "... 0000. Freephone
    0800 ..."); one that follows a channel in its clause describes that one ("0906 ... - 65p per minute |
    Tel: 0800 ...")."""
    here = segment_of[d]
    text = texts[here]
    begins, ends = spans[d]
    clause = max([text.rfind("\n", 0, begins), *(m.start() for m in _CLAUSE_END.finditer(text, 0, begins))])
    if any(segment_of[c] == here and clause < spans[c][1] <= begins for c in channels):
        return None
    after = [c for c in channels if segment_of[c] == here and spans[c][0] >= ends]
    if not after:
        return None
    c = min(after, key=lambda i: spans[i][0])
    if spans[c][0] - ends > 40 or _LABEL_GAP.fullmatch(text, ends, spans[c][0]) is None:
        return None
    return c


def _same_kind(facts: Sequence[Fact], members: list[int], d: int) -> list[int]:
    return [i for i in members if facts[i].kind == facts[d].kind]


def _nearest(d: int, channels: list[int], segment_of: Sequence[int], rivals: list[int], back: bool) -> list[int]:
    """The channels ``d`` describes: in its own segment those since the previous description of its kind
    (or, when it leads, those up to the next, unless it says "this number"); else the nearest segment
    with channels, before it first."""
    here = segment_of[d]
    same = [c for c in channels if segment_of[c] == here]
    if same:
        previous = max((r for r in rivals if r < d and segment_of[r] == here), default=-1)
        following = min((r for r in rivals if r > d and segment_of[r] == here), default=len(segment_of))
        before = [c for c in same if previous < c < d]
        if before:
            return before
        if not back:
            return [c for c in same if d < c < following]
    before = [c for c in channels if segment_of[c] < here]
    if before:
        last = max(segment_of[c] for c in before)
        return [c for c in before if segment_of[c] == last]
    after = [c for c in channels if segment_of[c] > here]
    if after:
        first = min(segment_of[c] for c in after)
        return [c for c in after if segment_of[c] == first]
    return []


def _footnotes(facts: Sequence[Fact]) -> list[tuple[int, int]]:
    notices = [(i, f.attr("footnote")) for i, f in enumerate(facts) if f.kind == "cost" and f.attr("footnote")]
    if not notices:
        return []
    pairs: list[tuple[int, int]] = []
    for c, fact in enumerate(facts):
        marker = fact.attr("footnote") if fact.kind in _COST_KINDS else None
        if marker is None:
            continue
        pairs.extend((n, c) for n, m in notices if m == marker)
    return pairs
