"""What a rule sees: one document's facts with their strategy identities, or the whole run."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from canonical.model import Channel, Strategy
from contactcheck.facts import Document, Fact, Location
from contactcheck.matching import Identity, Matcher

#: kinds whose values are phone numbers (cost rules look only at these)
NUMBER_KINDS = frozenset({"phone", "relay", "textphone", "sms", "whatsapp"})


@dataclass(frozen=True, slots=True)
class Hit:
    """What a check reports; the engine turns hits into findings, merging repeats within a document."""

    message: str
    subject: str | None
    places: tuple[Location, ...]
    expected: str | None = None
    related: tuple[Location, ...] = ()
    #: what makes two hits with the same subject different problems (purpose-missing: the block's contacts)
    group: str | None = None


@dataclass(slots=True)
class DocumentContext:
    """One document, its facts' identities and which descriptions belong to which channel fact."""

    document: Document
    strategy: Strategy
    matcher: Matcher
    identities: dict[int, Identity] = field(default_factory=dict)
    descriptions: dict[int, list[int]] = field(default_factory=dict)  # channel fact -> description facts
    described: set[int] = field(default_factory=set)  # description facts attached to some channel
    _channels: dict[int, Channel | None] = field(default_factory=dict)

    @classmethod
    def build(cls, document: Document, strategy: Strategy, matcher: Matcher) -> DocumentContext:
        context = cls(document, strategy, matcher)
        for index, fact in enumerate(document.facts):
            if fact.is_channel and isinstance(fact.value, str):
                context.identities[index] = matcher.identify(fact.value, fact.kind)
        for block in document.blocks:
            for description, channel in block.attached:
                context.descriptions.setdefault(channel, []).append(description)
                context.described.add(description)
        return context

    @property
    def is_ivr(self) -> bool:
        return self.document.kind == "ivr"

    def facts(self) -> Sequence[Fact]:
        return self.document.facts

    def live(self) -> Iterator[tuple[int, Fact, Channel]]:
        """Channel facts that exactly match a live channel, with that channel."""
        for index in sorted(self.identities):
            channel = self.channel_for(index)
            if channel is not None:
                yield index, self.document.facts[index], channel

    def channel_for(self, index: int) -> Channel | None:
        """The live channel a fact stands for, preferring one of the fact's own kind (a relay fact and
        a phone fact may share a number)."""
        if index in self._channels:
            return self._channels[index]
        identity = self.identities.get(index)
        found: Channel | None = None
        if identity is not None and identity.status == "live":
            fact = self.document.facts[index]
            channels = self.matcher.channels_with(_key(fact), fact.kind)
            same = [c for c in channels if c.kind == fact.kind]
            found = (same or channels)[0] if channels else identity.channel
        self._channels[index] = found
        return found

    def about(self, channel_fact: int, kind: str) -> list[Fact]:
        """The description facts of ``kind`` attached to a channel fact."""
        return [self.document.facts[i] for i in self.descriptions.get(channel_fact, [])
                if self.document.facts[i].kind == kind]


def shown(fact: Fact) -> str:
    """How to name a contact in a message: a link's target when the fact came from a link's href."""
    return str(fact.value) if fact.attr("via") == "href" else fact.text


def _key(fact: Fact) -> str:
    from canonical.values import match_key

    return match_key(fact.value) if isinstance(fact.value, str) else ""


@dataclass(slots=True)
class RunContext:
    """Every document of one run (a `check` over files and folders, or a crawl)."""

    contexts: list[DocumentContext]
    strategy: Strategy
    site: str | None  # the site's uri: the pages' common folder, or the crawl's entry URL
