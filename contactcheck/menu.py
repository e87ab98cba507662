"""The IVR menu tree every IVR reader produces: menus, their options, and walking them by level.

The top menu is level 1; an option's submenu is one level deeper. A prompt without options is an
announcement, not a menu (SPEC section 8): it is never a level of its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

#: Actions of SPEC section 7 (what an IVR definition file may say).
SPEC_ACTIONS = ("agent", "callback", "self-service", "message", "hangup", "transfer")
#: Further actions platform exports and prompt scripts are read into (never counted as an agent):
#: ``repeat`` (back to a menu already heard) and ``voicemail`` (leave a message).
ACTIONS = (*SPEC_ACTIONS, "repeat", "voicemail")
#: Actions that reach a person (ISO 18295-2 5.4): an agent, or a call-back.
BREAKOUT_ACTIONS = frozenset({"agent", "callback"})


@dataclass(frozen=True, slots=True)
class Option:
    """One choice in a menu: the key pressed (or word said), what the caller is told it is for, and
    where it leads: an ``action`` (one of :data:`ACTIONS`, or None when not stated), a submenu, or both
    (an agent option with a menu heard while queueing)."""

    key: str
    label: str = ""
    action: str | None = None
    menu: Menu | None = None
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Menu:
    """A prompt and the options offered after it; ``line`` is where the menu starts in its file."""

    prompt: str = ""
    options: tuple[Option, ...] = ()
    line: int | None = None

    @property
    def is_menu(self) -> bool:
        """A prompt with options; one without is an announcement."""
        return bool(self.options)


Path = tuple[str, ...]


def key_path(path: Path) -> str:
    """The keys pressed from the top menu joined with ``>`` (``"1>3"``; ``""`` for the top menu)."""
    return ">".join(path)


def describe_path(path: Path) -> str:
    """How a caller gets there, for messages: ``"the top menu"``, ``"press 1, then 3"``."""
    if not path:
        return "the top menu"
    return "press " + ", then ".join(path)


def menus(top: Menu) -> Iterator[tuple[Path, int, Menu]]:
    """Every menu (not announcements) with its key path and level, top first, depth first in key order."""
    stack: list[tuple[Path, int, Menu]] = [((), 1, top)]
    while stack:
        path, level, menu = stack.pop()
        if not menu.is_menu:
            continue
        yield path, level, menu
        for option in reversed(menu.options):
            if option.menu is not None:
                stack.append(((*path, option.key), level + 1, option.menu))


def to_json(menu: Menu) -> dict[str, object]:
    """The tree in the SPEC section 7 shape (``prompt``, ``options``: ``key``, ``label``, ``action``, ``menu``)."""
    out: dict[str, object] = {"prompt": menu.prompt}
    if menu.line is not None:
        out["line"] = menu.line
    options: list[dict[str, object]] = []
    for option in menu.options:
        item: dict[str, object] = {"key": option.key, "label": option.label}
        if option.action is not None:
            item["action"] = option.action
        if option.line is not None:
            item["line"] = option.line
        if option.menu is not None:
            item["menu"] = to_json(option.menu)
        options.append(item)
    out["options"] = options
    return out
