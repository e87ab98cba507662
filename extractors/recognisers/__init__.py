"""Pure text recognisers shared by every source extractor.

Each recogniser takes plain text and returns :class:`Match` objects with character
offsets into that text; the source extractors turn offsets into locations.
"""

from __future__ import annotations

from dataclasses import dataclass

from contactcheck.facts import Cost


@dataclass(frozen=True, slots=True)
class Match:
    """A recognised fact in a piece of text: ``text[start:end]`` is what was written."""

    kind: str
    value: str | Cost
    start: int
    end: int
    attrs: tuple[tuple[str, str], ...] = ()

    def attr(self, name: str) -> str | None:
        """The value of attribute ``name``, or None."""
        for key, val in self.attrs:
            if key == name:
                return val
        return None
