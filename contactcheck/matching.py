"""Which strategy entry a contact is: live, retired, a near miss of one, or unknown (SPEC section 8)."""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz.distance import DamerauLevenshtein

from canonical.model import Channel, Retired, Strategy
from canonical.values import match_key

NEAR_MISS_DISTANCE = 2


@dataclass(frozen=True, slots=True)
class Identity:
    """What a contact value is with respect to the strategy."""

    status: str  # live | retired | near-live | near-retired | unknown
    channel: Channel | None = None  # the live channel (exact or near)
    retired: Retired | None = None


class Matcher:
    """Exact and near-miss look-ups of normalised contact values against one strategy."""

    def __init__(self, strategy: Strategy) -> None:
        self.strategy = strategy
        self.live: dict[str, list[Channel]] = {}
        for channel in strategy.channels:
            self.live.setdefault(match_key(channel.normalised), []).append(channel)
        self.retired = {match_key(r.normalised): r for r in strategy.retired}
        self.kinds = frozenset(c.kind for c in strategy.channels)
        self._cache: dict[str, Identity] = {}

    def identify(self, value: str, kind: str | None = None) -> Identity:
        """Exact live, exact retired, then the nearest within distance 2 (never of a listed value).

        A channel named without an address ("chat with us online", value ``webchat``) is the strategy's
        channel of that kind when it has one, else unknown (so it can only be ``channel-not-offered``).
        """
        if kind is not None and value == kind:
            same = [c for c in self.strategy.channels if c.kind == kind]
            return Identity("live", channel=same[0]) if same else Identity("unknown")
        key = match_key(value)
        cached = self._cache.get(key)
        if cached is None:
            cached = self._identify(key)
            self._cache[key] = cached
        return cached

    def _identify(self, key: str) -> Identity:
        if key in self.live:
            return Identity("live", channel=self.live[key][0])
        if key in self.retired:
            return Identity("retired", retired=self.retired[key])
        near_retired = self._nearest(key, list(self.retired))
        if near_retired is not None:
            return Identity("near-retired", retired=self.retired[near_retired])
        near_live = self._nearest(key, list(self.live))
        if near_live is not None:
            return Identity("near-live", channel=self.live[near_live][0])
        return Identity("unknown")

    @staticmethod
    def _nearest(key: str, candidates: list[str]) -> str | None:
        best: tuple[int, str] | None = None
        for candidate in candidates:
            if _comparable(key, candidate):
                distance = DamerauLevenshtein.distance(_digits(key), _digits(candidate),
                                                       score_cutoff=NEAR_MISS_DISTANCE)
                if distance <= NEAR_MISS_DISTANCE and (best is None or distance < best[0]):
                    best = (distance, candidate)
        return best[1] if best is not None else None

    def channels_with(self, key: str, kind: str | None = None) -> list[Channel]:
        """Every live channel whose value has this match key (one value may serve several channels)."""
        if kind is not None and key == kind:
            return [c for c in self.strategy.channels if c.kind == kind]
        return self.live.get(key, [])


def _comparable(a: str, b: str) -> bool:
    """Numbers are compared with numbers, e-mails with e-mails, the rest with the rest."""
    def family(v: str) -> str:
        if v.startswith("+"):
            return "number"
        if "@" in v and "/" not in v:
            return "email"
        return "other"

    if family(a) != family(b):
        return False
    # a short value two edits from another is a different value, not a typo
    return min(len(_digits(a)), len(_digits(b))) >= 6


def _digits(key: str) -> str:
    return key[1:] if key.startswith("+") else key
