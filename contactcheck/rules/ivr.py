"""IVR rules (clause 5.4): every menu path offers a way to an agent early and keeps offering it.

They read the menu tree an IVR reader put on the document (SPEC section 7 files, plain-text prompt
scripts, Amazon Connect and Twilio Studio flows). What the prompts say (hours, numbers, costs) is checked
by the comparison rules like any other text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from contactcheck.facts import Location
from contactcheck.menu import BREAKOUT_ACTIONS, Menu, Path, describe_path, key_path, menus
from contactcheck.rules import rule
from contactcheck.rules.context import DocumentContext, Hit

_PERSON = (r"(?:advis[eo]rs?|agents?|operators?|representatives?|colleagues?|someone|somebody|a\s+(?:real\s+)?person|"
           r"a\s+human|member\s+of\s+(?:our\s+|the\s+)?(?:\w+\s+)?team|customer\s+services?|(?:our|the)\s+(?:\w+\s+)?team)")
_TALK = rf"(?:(?:speak|talk|chat)\s+(?:to|with)\b|{_PERSON}\b)"
_STAY = (r"(?:stay|hold|remain|wait)\s+on\s+the\s+line|hold\s+the\s+line|(?:do\s+not|don't|don’t)\s+press\s+anything"
         r"|please\s+hold")
_PRESS = r"(?:press|push|dial)\s+(?:the\s+)?(?:\d|star|hash|\*|#|zero)"
_BREAKOUT_PROMPT_RE = re.compile(
    rf"\b(?:{_STAY})\b[^.!?]{{0,80}}?\b{_TALK}"
    rf"|\b{_TALK}[^.!?]{{0,60}}?\b(?:{_STAY})\b"
    rf"|\bsay\s+[\"'“‘]?(?:agent|advis[eo]r|operator|representative|person|human|customer\s+services?|"
    rf"(?:speak|talk)\s+to\s+(?:someone|somebody|a\s+person|an?\s+\w+))\b"
    rf"|\b{_PRESS}\b[^.!?]{{0,60}}?\b{_TALK}"
    rf"|\b(?:speak|talk|chat)\s+(?:to|with)\s+[^.!?]{{0,50}}?\b{_PRESS}\b",
    re.I,
)
_CALLBACK_PROMPT_RE = re.compile(
    r"\b(?:request|arrange|book|ask\s+for|get|schedule|choose|want)\s+(?:a\s+|us\s+to\s+)?call\s*-?\s*back\b"
    r"|\b(?:we|an?\s+\w+|the\s+\w+)\s+(?:will|'ll|can|could)\s+(?:call|ring|phone)\s+you\s+back\b"
    r"|\bcall\s*-?\s*back\s+(?:option|service)\b"
    r"|\b(?:press|push|dial)\s+(?:\d|star|hash|\*|#)\b[^.!?]{0,40}?\bcall\s*-?\s*back\b"
    r"|\bcall\s*-?\s*back\b[^.!?]{0,40}?\b(?:press|push|dial)\s+(?:\d|star|hash|\*|#)",
    re.I,
)
_ANY_TIME_RE = re.compile(r"\b(?:at\s+)?any\s*(?:time|point|stage)\b|\bin\s+(?:any|every)\s+menu\b", re.I)


def offers_breakout(menu: Menu) -> bool:
    """A menu offers a way to a person: an agent or call-back option, or a prompt that says "stay on the
    line", "say 'agent'" or "press 0 to speak to an adviser"."""
    return any(o.action in BREAKOUT_ACTIONS for o in menu.options) or bool(
        _BREAKOUT_PROMPT_RE.search(menu.prompt) or _CALLBACK_PROMPT_RE.search(menu.prompt))


def _offers_everywhere(menu: Menu) -> bool:
    """The prompt offers the way to a person "at any time": it holds in every menu below too."""
    for pattern in (_BREAKOUT_PROMPT_RE, _CALLBACK_PROMPT_RE):
        for match in pattern.finditer(menu.prompt):
            sentence = _sentence(menu.prompt, match.start(), match.end())
            if _ANY_TIME_RE.search(sentence):
                return True
    return False


def _sentence(text: str, start: int, end: int) -> str:
    left = max(text.rfind(mark, 0, start) for mark in ".!?")
    ends = [i for i in (text.find(mark, end) for mark in ".!?") if i >= 0]
    return text[left + 1:min(ends) if ends else len(text)]


@dataclass(frozen=True, slots=True)
class Failure:
    """A menu where the way to an agent is missing, and why."""

    path: Path
    level: int
    menu: Menu
    line: int | None
    label: str
    first: tuple[Path, int] | None  # the menu (and level) that first offered an agent on the way, if any


def breakout_failures(top: Menu, max_level: int) -> list[Failure]:
    """Menus failing SPEC section 8's reading of 5.4, in tree order: on every path some menu at level
    <= ``max_level`` offers a way to a person, and every menu below the first that offers it does too."""
    out: list[Failure] = []

    def visit(menu: Menu, path: Path, level: int, line: int | None, label: str,
              first: tuple[Path, int] | None, everywhere: bool, missed: bool) -> None:
        if not menu.is_menu:
            return
        offers = everywhere or offers_breakout(menu)
        leaf = not any(o.menu is not None and o.menu.is_menu for o in menu.options)
        if offers:
            first = first or (path, level)
        elif first is not None:
            out.append(Failure(path, level, menu, line, label, first))
        elif not missed and (level >= max_level or leaf):
            out.append(Failure(path, level, menu, line, label, None))
            missed = True
        everywhere = everywhere or _offers_everywhere(menu)
        for option in menu.options:
            if option.menu is not None:
                visit(option.menu, (*path, option.key), level + 1, option.menu.line or option.line,
                      option.label, first, everywhere, missed)

    visit(top, (), 1, top.line, "", None, False, False)
    return out


def _place(ctx: DocumentContext, line: int | None, menu: Menu) -> Location:
    snippet = " ".join(menu.prompt.split())[:200] or None
    return Location(ctx.document.uri, line=line, snippet=snippet)


def _name(path: Path, label: str) -> str:
    if not path:
        return "the top menu"
    return f"menu {key_path(path)}" + (f" \u201c{label}\u201d" if label else "")


@rule("ivr-breakout-missing", "5.4", "error",
      "An IVR menu path offers no way to an agent by the allowed level, or stops offering one")
def ivr_breakout_missing(ctx: DocumentContext) -> Iterator[Hit]:
    """What it checks:
    The menu tree of an IVR definition, a plain-text IVR prompt script or a platform flow (Amazon Connect,
    Twilio Studio). The top menu is level 1. On every path through the menus some menu at level
    `ivr.max_breakout_level` or above must offer a way to a person: an option whose action is `agent` or
    `callback`, or a prompt offering "stay on the line", "say 'agent'" or "press 0 to speak to an adviser".
    Every menu below the first one that offers it must offer it too. `transfer`, `self-service`, `message`
    and `hangup` options do not count; a prompt without options is an announcement, not a menu. One
    finding per failing menu; the subject is its key path from the top menu (`1>3`, `""` for the top).

    Why it matters (ISO 18295-2 5.4):
    Callers must be able to reach a person early, and not lose that way out deeper in the menus.

    Example:
    Top menu "1 Bills, 2 Moving home, 3 Smart meters"; menu 3 "1 Book an installation, 2 Problems";
    menu 3>1 "1 Book online, 2 Hear about smart meters": pressing 3, then 1 reaches level 3 with no
    adviser offered on the way.

    Use instead:
    Add "press 0 to speak to an adviser" to menu 3>1 (or to menu 3), or "say 'agent' at any time" to the
    welcome prompt.

    Options:
    `ivr.max_breakout_level` in the strategy (default 3).
    """
    menu = ctx.document.menu
    if ctx.document.kind != "ivr" or menu is None:
        return
    limit = ctx.strategy.ivr.max_breakout_level
    for failure in breakout_failures(menu, limit):
        where = _name(failure.path, failure.label)
        keys = describe_path(failure.path)
        if failure.first is None:
            message = (f"{where} (level {failure.level}) offers no agent or call-back, and no menu on the way "
                       f"from the top does ({keys}); one must by level {limit}")
        else:
            first_path, first_level = failure.first
            message = (f"{where} (level {failure.level}) offers no agent or call-back, though "
                       f"{_name(first_path, '')} (level {first_level}) did ({keys})")
        yield Hit(message, key_path(failure.path), (_place(ctx, failure.line, failure.menu),))


def _queue_without_callback(menu: Menu, everywhere: bool) -> bool:
    agents = [o for o in menu.options if o.action == "agent"]
    says_agent = bool(_BREAKOUT_PROMPT_RE.search(menu.prompt))
    if not agents and not says_agent:
        return False
    if everywhere or _CALLBACK_PROMPT_RE.search(menu.prompt) or any(o.action == "callback" for o in menu.options):
        return False
    return not any(_queue_offers_callback(o.menu) for o in agents if o.menu is not None)


def _queue_offers_callback(queue: Menu) -> bool:
    """What a caller hears while queueing offers a call-back."""
    return bool(_CALLBACK_PROMPT_RE.search(queue.prompt)) or any(
        q.action == "callback" or _CALLBACK_PROMPT_RE.search(q.label) for q in queue.options)


@rule("ivr-queue-callback-missing", "5.4", "warning", "An IVR menu puts callers in a queue with no call-back offered",
      catalogue=False)
def ivr_queue_callback_missing(ctx: DocumentContext) -> Iterator[Hit]:
    """What it checks:
    Opt-in (not in the SPEC catalogue; select it by id). Every IVR menu that puts callers in a queue for an
    agent (an `agent` option, or "stay on the line to speak to an adviser") also offers a call-back: a
    `callback` option in the same menu, a call-back offered in the queue's own menu, or a prompt offering
    one ("press 2 and we'll call you back", "request a call back at any time"). One finding per menu; the
    subject is its key path.

    Why it matters (ISO 18295-2 5.4, best practice):
    Callers should reach an agent within about a minute of queueing, or be offered a call-back instead of
    waiting.

    Example:
    "Press 0 to speak to an adviser." with no call-back anywhere in the menu.

    Use instead:
    "Press 0 to speak to an adviser, or press 9 and we'll call you back when an adviser is free."

    Options:
    None beyond severity, select and ignore.
    """
    top = ctx.document.menu
    if ctx.document.kind != "ivr" or top is None:
        return
    everywhere: dict[Path, bool] = {}
    for path, _level, menu in menus(top):
        inherited = everywhere.get(path[:-1], False) if path else False
        callback_always = inherited or any(
            _ANY_TIME_RE.search(_sentence(menu.prompt, m.start(), m.end()))
            for m in _CALLBACK_PROMPT_RE.finditer(menu.prompt))
        everywhere[path] = callback_always
        if _queue_without_callback(menu, callback_always):
            agents = ", ".join(f"{o.key} {o.label}".strip() for o in menu.options if o.action == "agent")
            via = f" ({agents})" if agents else ""
            yield Hit(f"{_name(path, '')} puts callers in a queue for an agent{via} with no call-back offered",
                      key_path(path), (_place(ctx, menu.line, menu),))
