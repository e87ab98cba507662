"""The customer access strategy as typed frozen models (SPEC section 3)."""

from __future__ import annotations

from dataclasses import dataclass

from canonical.hours import Week

KINDS = (
    "phone", "email", "webchat", "sms", "whatsapp", "social", "post", "callback", "video", "relay", "textphone",
)
PURPOSES = ("service", "sales", "billing", "complaints", "technical", "emergency", "other")
CATEGORIES = ("free", "basic-rate", "standard", "premium", "international")


@dataclass(frozen=True, slots=True)
class ChannelCost:
    """What calling a channel costs, and the approved wording."""

    category: str
    notice: str | None = None
    pence_per_minute: float | None = None
    access_charge: bool = False


@dataclass(frozen=True, slots=True)
class Channel:
    """One live contact channel of the strategy."""

    id: str
    kind: str
    value: str  # as the customer sees it
    normalised: str  # SPEC section 4 normalised value (E.164, lower-cased e-mail, URL, ...)
    purposes: tuple[str, ...] = ()
    hours: str | None = None
    week: Week | None = None
    cost: ChannelCost | None = None
    alternatives: tuple[str, ...] = ()
    line: int = 0
    index: int = 0  # position in the file's `channels` list

    @property
    def limited_hours(self) -> bool:
        """True when the strategy gives hours that are not round the clock."""
        return self.week is not None and not self.week.always_open


@dataclass(frozen=True, slots=True)
class Retired:
    """A contact that must no longer appear anywhere."""

    value: str
    normalised: str
    replaced_by: str | None = None
    line: int = 0


@dataclass(frozen=True, slots=True)
class Complaints:
    channels: tuple[str, ...] = ()
    max_click_depth: int = 3


@dataclass(frozen=True, slots=True)
class IvrSettings:
    max_breakout_level: int = 3


@dataclass(frozen=True, slots=True)
class Strategy:
    """A validated customer access and contact strategy."""

    path: str
    version: int
    organisation: str
    region: str | None
    timezone: str | None
    channels: tuple[Channel, ...]
    retired: tuple[Retired, ...] = ()
    complaints: Complaints = Complaints()
    ivr: IvrSettings = IvrSettings()

    def channel(self, channel_id: str) -> Channel | None:
        """The live channel with ``channel_id``, or None."""
        for channel in self.channels:
            if channel.id == channel_id:
                return channel
        return None

    def counts_by_kind(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for channel in self.channels:
            counts[channel.kind] = counts.get(channel.kind, 0) + 1
        return counts
