"""Fact, location and contact-block types shared by the extractors and the engine."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from contactcheck.menu import Menu

FactKind = Literal[
    "phone",
    "relay",
    "textphone",
    "email",
    "webchat",
    "whatsapp",
    "sms",
    "social",
    "post",
    "callback",
    "video",
    "hours",
    "cost",
    "accessibility",
    "purpose",
]

#: Fact kinds that are contact channels (the rest describe a channel).
CHANNEL_KINDS: frozenset[str] = frozenset(
    {"phone", "relay", "textphone", "email", "webchat", "whatsapp", "sms", "social", "post", "callback", "video"}
)

Region = Literal["header", "nav", "main", "footer", "aside", "small-print", "structured-data"]


@dataclass(frozen=True, slots=True)
class Location:
    """Where a fact was found: a file or URL and, where they apply, page, line, bbox, selector, region."""

    uri: str
    page: int | None = None
    line: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    selector: str | None = None
    region: str | None = None
    snippet: str | None = None

    def to_json(self) -> dict[str, object]:
        """The SPEC section 4 shape, without the fields that do not apply."""
        out: dict[str, object] = {"uri": self.uri}
        if self.page is not None:
            out["page"] = self.page
        if self.line is not None:
            out["line"] = self.line
        if self.bbox is not None:
            out["bbox"] = [round(v, 1) for v in self.bbox]
        if self.selector is not None:
            out["selector"] = self.selector
        if self.region is not None:
            out["region"] = self.region
        if self.snippet is not None:
            out["snippet"] = self.snippet
        return out


@dataclass(frozen=True, slots=True)
class Cost:
    """A cost notice: what calling a number costs, as stated."""

    category: str  # free | basic-rate | standard | premium | international
    pence_per_minute: float | None = None
    access_charge: bool = False

    def to_json(self) -> dict[str, object]:
        return {
            "category": self.category,
            "pence_per_minute": self.pence_per_minute,
            "access_charge": self.access_charge,
        }


@dataclass(frozen=True, slots=True)
class Fact:
    """One contact fact: kind, normalised value, the text as written and where it is.

    ``value`` is a string for every kind but ``cost`` (a :class:`Cost`).
    ``evidence`` holds further places that gave the same fact (a tel: href and its text).
    ``attrs`` carries source details as sorted pairs (``("footnote", "*")``, ``("speaker", "Agent")``,
    ``("timezone", "America/Chicago")``, ``("via", "href")``).
    """

    kind: str
    value: str | Cost
    text: str
    location: Location
    attrs: tuple[tuple[str, str], ...] = ()
    evidence: tuple[Location, ...] = ()

    def attr(self, name: str) -> str | None:
        """The value of attribute ``name``, or None."""
        for key, val in self.attrs:
            if key == name:
                return val
        return None

    @property
    def is_channel(self) -> bool:
        return self.kind in CHANNEL_KINDS

    def value_json(self) -> object:
        return self.value.to_json() if isinstance(self.value, Cost) else self.value

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "kind": self.kind,
            "value": self.value_json(),
            "text": self.text,
            "location": self.location.to_json(),
        }
        tz = self.attr("timezone")
        if tz is not None:
            out["timezone"] = tz
        if self.attrs:
            out["attrs"] = dict(self.attrs)
        if self.evidence:
            out["evidence"] = [loc.to_json() for loc in self.evidence]
        return out


@dataclass(frozen=True, slots=True)
class Block:
    """A contact block: facts that belong together (a card, a list item, a paragraph, a table row)."""

    facts: tuple[int, ...]  # indexes into Document.facts
    label: str | None = None  # the heading the block sits under, if any
    location: Location | None = None
    #: (description, channel) pairs of fact indexes: which channel an hours, cost, purpose or
    #: accessibility fact describes (a footnote can tie a notice to a number in another block)
    attached: tuple[tuple[int, int], ...] = ()

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {"facts": list(self.facts)}
        if self.attached:
            out["attached"] = [list(pair) for pair in self.attached]
        if self.label is not None:
            out["label"] = self.label
        if self.location is not None:
            out["location"] = self.location.to_json()
        return out


@dataclass(frozen=True, slots=True)
class ScriptLine:
    """One non-blank line of an agent script, for the script rules: who speaks and what is said.

    ``text`` is what the speaker says (stage directions and notes blanked to spaces, so columns stay);
    ``notes`` is the stage directions and agent notes on the line (``[Enter the bank details]``), which are
    not said to the customer. ``speaker`` is the label in force (``Agent``, ``Customer``) or None before
    the first label; ``customer`` marks the customer's own lines; ``heading`` marks a heading line.
    """

    line: int
    speaker: str | None
    text: str
    notes: str = ""
    heading: bool = False
    customer: bool = False


@dataclass(frozen=True, slots=True)
class Document:
    """One input document and what the extractors found in it."""

    uri: str
    kind: str  # html | pdf | script | docx | email | ivr
    facts: tuple[Fact, ...] = ()
    blocks: tuple[Block, ...] = ()
    error: str | None = None
    title: str | None = None
    links: tuple[str, ...] = field(default=())
    #: IVR definitions and prompt scripts: the menu tree a caller hears (None when it cannot be read)
    menu: Menu | None = None
    #: plain-text scripts: every non-blank line with its speaker (for the script rules)
    lines: tuple[ScriptLine, ...] = ()

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {"uri": self.uri, "kind": self.kind}
        if self.error is not None:
            out["error"] = self.error
        out["facts"] = [f.to_json() for f in self.facts]
        out["blocks"] = [b.to_json() for b in self.blocks]
        return out
