"""Plain-text IVR prompt scripts read into the menu tree ("Press 1 for billing ... press 0 to speak to an adviser").

Nested menus may be written as headings (``MENU 1 - BILLING``, ``Menu 1.3``, ``## Billing``, a heading that
repeats an option's label) or as indented lists under the option they belong to. When the script puts what
is played in quotes, only quoted text is a prompt; lines in square brackets are recording notes. A key
offered "at any time" is offered in every menu below the one that says so. The option finder and the
action inference are shared with the platform-flow readers, whose prompts say the same things.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from contactcheck.menu import Menu, Option

_WORDS = {"zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
          "seven": "7", "eight": "8", "nine": "9", "star": "*", "hash": "#", "pound": "#"}
_DIGIT_KEY = r"(?:\d{1,2}|[*#]|star|hash|pound)"
_ANY_KEY = rf"(?:{_DIGIT_KEY}|zero|one|two|three|four|five|six|seven|eight|nine)"
# number words only after verbs that take nothing else ("choose one of the following" is no key)
_PRESS_RE = re.compile(
    rf"\b(?:(?:press|push|hit|dial|key(?:\s+in)?)\s+(?:the\s+)?(?P<key>{_ANY_KEY})"
    rf"|(?:select|choose|enter)\s+(?:option\s+)?(?P<key2>{_DIGIT_KEY}))(?:\s+key)?(?![\w*#])",
    re.I,
)
_MORE_RE = re.compile(rf"(?:\s*[,;]\s*(?:or\s+)?|\s+or\s+|\.?[ \t]*\n\s*(?:or\s+)?)(?P<key>{_DIGIT_KEY})"
                      r"\s+(?=(?:for|to|if)\b)", re.I)
_ANY_TIME = r"(?:at\s+)?any\s*(?:time|point|stage)\b"
_ANY_TIME_RE = re.compile(_ANY_TIME, re.I)
_FORWARD_RE = re.compile(rf"^\s*,?\s*(?:or\s+say\s+[\"'“‘]?[\w' ]+?[\"'”’]?\s+)?(?:{_ANY_TIME}\s*,?\s*)?(?:now\s+)?"
                         r"(?:for|to|if|when|about)\b", re.I)
_STOP_RE = re.compile(rf"[.;!?](?:\s|$)|\n|,\s*(?:or\s+)?(?:please\s+)?(?:press|push|dial|hit|say|for|to|if)\b"
                      rf"|,\s*(?:or\s+)?{_DIGIT_KEY}\s+(?:for|to|if)\b|\s+or\s+(?:press|stay|{_DIGIT_KEY}\s+(?:for|to|if)\b)",
                      re.I)
_LEAD_RE = re.compile(r"^(?:\s*(?:or|and|please|then|otherwise|,)\s+)+|^\s*[-–—:,]\s*", re.I)
_TRAIL_RE = re.compile(r"(?:(?:\s+|\s*,\s*)(?:please|now|simply|just|then|or))+\s*,?\s*$|[\s,:–—-]+$", re.I)
_SAY_LEAD_RE = re.compile(r"^\s*or\s+say\s+[\"'“‘]?[\w' ]+?[\"'”’]?\s+(?=(?:for|to|if|when|about)\b)", re.I)
_PURPOSE_LEAD_RE = re.compile(r"^(?:for|to|if|when|about)\s+", re.I)
_ITEM_RE = re.compile(rf"^\s*(?:[-*•]\s*)?(?:(?:option|key)\s+)?(?P<key>{_DIGIT_KEY})\s*(?:[-–—:=)]|\.(?!\d))"
                      r"\s+(?P<label>\S.*)$", re.I)


@dataclass(frozen=True, slots=True)
class FoundOption:
    """An option found in prompt text: the key, what it is for, and whether it works "at any time"."""

    key: str
    label: str
    start: int
    any_time: bool = False


def normalise_key(key: str) -> str:
    """``"one"`` -> ``"1"``, ``"star"`` -> ``"*"``, ``"pound"`` -> ``"#"``; digits as they are."""
    return _WORDS.get(key.lower(), key)


def find_options(text: str) -> list[FoundOption]:
    """The key presses a prompt offers, in order: "Press 1 for billing", "For billing, press 1",
    "press 1 for sales, 2 for support", "press 0 at any time to speak to an adviser"."""
    found: list[tuple[int, int, str]] = []  # (start, end, key)
    for match in _PRESS_RE.finditer(text):
        found.append((match.start(), match.end(), match.group("key") or match.group("key2")))
        pos = match.end()
        while True:
            label_end = _label_end(text, pos)
            more = _MORE_RE.match(text, label_end) if label_end < len(text) else None
            if more is None:
                break
            found.append((more.start("key"), more.end(), more.group("key")))
            pos = more.end()
    found.sort()
    out: list[FoundOption] = []
    previous_end = 0
    for index, (start, end, key) in enumerate(found):
        limit = found[index + 1][0] if index + 1 < len(found) else len(text)
        label, any_time, label_end = _label(text, start, end, previous_end, limit)
        out.append(FoundOption(normalise_key(key), label, start, any_time))
        previous_end = max(end, label_end)
    return out


def _label_end(text: str, pos: int, limit: int | None = None) -> int:
    stop = _STOP_RE.search(text, pos, limit if limit is not None else len(text))
    return stop.start() if stop else (limit if limit is not None else len(text))


def _label(text: str, start: int, end: int, previous_end: int, limit: int) -> tuple[str, bool, int]:
    """(label, offered "at any time", where the label ends): the purpose said before the key ("For billing,
    press 1") or after it ("press 1 for billing")."""
    before = text[previous_end:start]
    cut = max((m.end() for m in re.finditer(r"[.;!?](?:\s|$)|[\"“”]|\n", before)), default=0)
    before = before[cut:]
    forward = text[end:limit]
    label_end = end
    if _PURPOSE_LEAD_RE.match(_LEAD_RE.sub("", before.strip(" ,"))) or not _FORWARD_RE.match(forward):
        raw = before
    else:
        label_end = _label_end(text, end, limit)
        raw = text[end:label_end]
    any_time = bool(_ANY_TIME_RE.search(raw))
    label = _ANY_TIME_RE.sub(" ", _SAY_LEAD_RE.sub("", raw))
    label = _TRAIL_RE.sub("", _LEAD_RE.sub("", label.strip(" ,"))).strip(" ,")
    label = _PURPOSE_LEAD_RE.sub("", label)
    return " ".join(label.split()).strip(" ,.\"“”"), any_time, label_end


# --- what an option does, from what the caller is told ------------------------------------------------

_CALLBACK_RE = re.compile(r"\bcall\s*-?\s*back\b|\bcallback\b|\b(?:call|ring|phone)\s+you\s+back\b", re.I)
_AUTOMATED_RE = re.compile(r"\b(?:automated|automatic|virtual|self[- ]service|recorded|online|digital)\b", re.I)
_AGENT_RE = re.compile(
    r"\b(?:advis[eo]rs?|agents?|operators?|representatives?|receptionists?|reception|colleagues?|humans?|someone|"
    r"somebody|a\s+(?:real\s+)?person|customer\s+service(?:s)?|member\s+of\s+(?:our\s+|the\s+)?(?:\w+\s+)?team|"
    r"(?:speak|talk|chat)\s+(?:to|with)|our\s+(?:\w+\s+){0,2}(?:team|department|desk))\b",
    re.I,
)
_REPEAT_RE = re.compile(r"\b(?:repeat|hear\s+(?:these|the|this)\s+(?:options|menu|message)\s+again|return\s+to|"
                        r"go\s+back|back\s+to\s+the|previous\s+menu|main\s+menu|start\s+again)\b", re.I)
_VOICEMAIL_RE = re.compile(r"\b(?:voice\s*mail|leave\s+(?:us\s+)?a\s+message)\b", re.I)
_HANGUP_RE = re.compile(r"\b(?:hang\s+up|end\s+(?:the|this)\s+call|goodbye)\b", re.I)
_MESSAGE_RE = re.compile(r"\b(?:hear|listen|information\s+(?:about|on)|find\s+out|opening\s+(?:hours|times)|"
                         r"tips|news|updates?)\b", re.I)
_SELF_RE = re.compile(r"\b(?:pay|payment|meter\s+reading|readings?|balance|top\s*-?\s*up|automated|self[- ]service|"
                      r"online|text\s+(?:you|me)\s+a\s+link|track|book|register|check|account\s+number)\b", re.I)


def infer_action(label: str) -> str | None:
    """What an option does, from what the caller is told it is for; None when the words do not say."""
    if _CALLBACK_RE.search(label):
        return "callback"
    if _REPEAT_RE.search(label):
        return "repeat"
    if _VOICEMAIL_RE.search(label):
        return "voicemail"
    if _AGENT_RE.search(label) and not _AUTOMATED_RE.search(label):
        return "agent"
    if _HANGUP_RE.search(label):
        return "hangup"
    if _SELF_RE.search(label):
        return "self-service"
    if _MESSAGE_RE.search(label):
        return "message"
    return None


# --- the prompt-script reader ------------------------------------------------------------------------------

_QUOTED_RE = re.compile(r"\"([^\"\n]*)\"|“([^”\n]*)”")
_NOTE_RE = re.compile(r"\[[^\]\n]*\]|\{[^}\n]*\}|<!--.*?-->|\((?:note|recording|internal|if|pause)[^)\n]*\)", re.I)
_NOTE_LINE_RE = re.compile(r"^\s*(?:>\s*)?(?:notes?|internal|recording\s+notes?|do not read|not played)\b\s*:?", re.I)
_MD_HEADING_RE = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_BOLD_HEADING_RE = re.compile(r"^\s*\*\*([^*]+)\*\*\s*:?\s*$")
_LABELLED_RE = re.compile(r"^\s*(?P<head>[^\"“:\[\]]{2,60}?)\s*:\s*(?P<rest>\S.*)$")
_BULLET_RE = re.compile(r"^\s*[-*•]\s+")
_MAIN_RE = re.compile(r"\b(?:main|top|first|opening)\s+menu\b|\bwelcome\b|\bgreeting\b|\bintro(?:duction)?\b", re.I)
_HEAD_PATH_RE = re.compile(
    r"\b(?:menu|option|options|sub-?menu|key|branch)\s*(?P<p>\d{1,2}(?:\s*(?:[.>/]|-(?=\d))\s*\d{1,2})*)(?!\d)", re.I)
_LEAD_PATH_RE = re.compile(r"^\s*(?P<p>\d{1,2}(?:\s*[.>/]\s*\d{1,2})*)\s*[.):>–—-]?\s+[A-Za-z]")
_HEAD_WORDS_RE = re.compile(r"[a-z']+")
_STOPWORDS = frozenset("a an and the for to of your you our if menu option options sub submenu level press key "
                       "or in on with about re is are".split())


@dataclass(slots=True)
class _OptionDraft:
    key: str
    label: str
    line: int
    any_time: bool = False
    menu: _MenuDraft | None = None


@dataclass(slots=True)
class _MenuDraft:
    line: int | None
    prompt: list[str] = field(default_factory=list)
    options: list[_OptionDraft] = field(default_factory=list)
    indent: int | None = None

    def option(self, key: str) -> _OptionDraft | None:
        return next((o for o in self.options if o.key == key), None)


def read_prompt_script(text: str) -> Menu | None:
    """The menu tree of a plain-text IVR prompt script; None when it offers no key presses."""
    raw_lines = text.splitlines()
    quoted = _uses_quotes(raw_lines)
    top = _MenuDraft(None)
    stack: list[_MenuDraft] | None = [top]
    for number, raw in enumerate(raw_lines, start=1):
        line = raw.replace("\t", "    ")
        if not line.strip() or _NOTE_LINE_RE.match(line) or _is_note(line):
            continue
        heading, rest = _heading(line, quoted)
        if heading is not None:
            target = _section(heading, top, number)
            stack = [target] if target is not None else None
            if not rest:
                continue
            line = rest
        if stack is None:
            continue  # a section that is no menu ("Out of hours", "Notes")
        said = _said(line, quoted)
        if said is None:
            continue
        indent = len(line) - len(line.lstrip())
        _place(stack, indent, said, number)
    if not top.options:
        return None
    if top.line is None:
        top.line = top.options[0].line
    _spread_any_time(top)
    return _freeze(top)


def _uses_quotes(lines: list[str]) -> bool:
    """Whether the script puts what is played in quotes (then unquoted text is description)."""
    pressing = [line for line in lines if _PRESS_RE.search(line) and not _is_note(line)]
    inside = [line for line in pressing if any(_PRESS_RE.search(m.group(1) or m.group(2) or "")
                                               for m in _QUOTED_RE.finditer(line))]
    return bool(pressing) and len(inside) * 2 >= len(pressing)


def _is_note(line: str) -> bool:
    stripped = line.strip()
    return (stripped.startswith("[") and stripped.endswith("]")) or (stripped.startswith("<!--"))


def _heading(line: str, quoted: bool) -> tuple[str | None, str]:
    """(heading text, the rest of the line) when the line is or starts with a heading."""
    for pattern in (_MD_HEADING_RE, _BOLD_HEADING_RE):
        match = pattern.match(line)
        if match:
            return match.group(1).strip(), ""
    labelled = _LABELLED_RE.match(line)
    if labelled and not _PRESS_RE.search(labelled.group("head")):
        head, rest = labelled.group("head").strip(), labelled.group("rest")
        if rest.startswith(("\"", "“")) or (_PRESS_RE.search(rest) and (
                _HEAD_PATH_RE.search(head) or _LEAD_PATH_RE.match(head) or _MAIN_RE.search(head))):
            return head, rest
    stripped = line.strip()
    if _PRESS_RE.search(stripped) or _QUOTED_RE.search(stripped) or len(stripped) > 80:
        return None, ""
    letters = [c for c in stripped if c.isalpha()]
    if len(letters) >= 3 and all(c.isupper() for c in letters):
        return stripped, ""
    if stripped.endswith(":") and len(stripped) <= 60 and not quoted:
        return stripped[:-1], ""
    if quoted and not line[:1].isspace() and _HEAD_PATH_RE.search(stripped):
        return stripped, ""
    return None, ""


def _section(heading: str, top: _MenuDraft, line: int) -> _MenuDraft | None:
    """The menu a heading starts: by its key path, as the main menu, or by an option's label."""
    path_match = _HEAD_PATH_RE.search(heading) or _LEAD_PATH_RE.match(heading)
    if path_match:
        keys = re.findall(r"\d{1,2}", path_match.group("p"))
        label = heading[path_match.end():] if path_match.re is _HEAD_PATH_RE else heading[path_match.end() - 1:]
        return _submenu_at(top, keys, _clean_heading(label), line)
    if _MAIN_RE.search(heading) or not top.options:
        if not top.options and (top.line is None or _MAIN_RE.search(heading)):
            top.line = line
        return top
    option = _by_label(top, heading)
    if option is None:
        return None
    if option.menu is None:
        option.menu = _MenuDraft(line)
    return option.menu


def _clean_heading(text: str) -> str:
    return text.strip(" -–—:.>()").strip()


def _submenu_at(top: _MenuDraft, keys: list[str], label: str, line: int) -> _MenuDraft:
    menu = top
    for depth, key in enumerate(keys):
        option = menu.option(key)
        if option is None:
            option = _OptionDraft(key, label if depth == len(keys) - 1 else "", line)
            menu.options.append(option)
        if option.menu is None:
            option.menu = _MenuDraft(line)
        menu = option.menu
    return menu


def _by_label(top: _MenuDraft, heading: str) -> _OptionDraft | None:
    """The option (without a submenu yet) whose label the heading repeats best."""
    wanted = set(_HEAD_WORDS_RE.findall(heading.lower())) - _STOPWORDS
    if not wanted:
        return None
    best: tuple[float, _OptionDraft] | None = None
    queue = [top]
    while queue:
        menu = queue.pop(0)
        for option in menu.options:
            if option.menu is not None:
                queue.append(option.menu)
                continue
            words = set(_HEAD_WORDS_RE.findall(option.label.lower())) - _STOPWORDS
            score = len(wanted & words) / len(wanted)
            if score >= 0.5 and (best is None or score > best[0]):
                best = (score, option)
    return best[1] if best else None


def _said(line: str, quoted: bool) -> str | None:
    """What is played on this line: quoted text in a quoting script, else the line without notes."""
    if quoted:
        parts = [m.group(1) if m.group(1) is not None else m.group(2) for m in _QUOTED_RE.finditer(line)]
        if parts:
            return " ".join(p.strip() for p in parts if p.strip()) or None
        if not _PRESS_RE.search(line):
            return None
    cleaned = _BULLET_RE.sub("", _NOTE_RE.sub(" ", line)).strip()
    return cleaned or None


def _place(stack: list[_MenuDraft], indent: int, said: str, line: int) -> None:
    """Add one line to the menu its indentation puts it in (an indented line belongs to the submenu of
    the option above it)."""
    found = find_options(said)
    if not found:
        item = _ITEM_RE.match(said)
        if item is not None:
            key = normalise_key(item.group("key"))
            label = item.group("label").strip()
            found = [FoundOption(key, _ANY_TIME_RE.sub("", label).strip(" ,."), 0,
                                 bool(_ANY_TIME_RE.search(label)))]
    menu = _menu_for(stack, indent, opening=not found)
    if menu.line is None:
        menu.line = line
    if found and menu.indent is None:
        menu.indent = indent
    menu.prompt.append(said)
    for option in found:
        existing = menu.option(option.key)
        if existing is not None and not existing.label:
            existing.label = option.label
            continue
        if existing is None:
            menu.options.append(_OptionDraft(option.key, option.label, line, option.any_time))


def _menu_for(stack: list[_MenuDraft], indent: int, opening: bool) -> _MenuDraft:
    while len(stack) > 1 and stack[-1].indent is not None and indent < stack[-1].indent:
        stack.pop()
    menu = stack[-1]
    if menu.indent is not None and indent > menu.indent and menu.options:
        parent = menu.options[-1]
        if parent.menu is None:
            parent.menu = _MenuDraft(parent.line)
        child = parent.menu
        if child.indent is None and not opening:
            child.indent = indent
        stack.append(child)
        return child
    return menu


def _spread_any_time(menu: _MenuDraft, inherited: tuple[_OptionDraft, ...] = ()) -> None:
    """A key offered "at any time" works in every menu below the one that offers it."""
    if menu.options:
        for option in inherited:
            if menu.option(option.key) is None:
                menu.options.append(_OptionDraft(option.key, option.label, option.line, True))
    own = tuple(o for o in menu.options if o.any_time and o.menu is None)
    passed = inherited + tuple(o for o in own if all(o.key != i.key for i in inherited))
    for option in menu.options:
        if option.menu is not None:
            _spread_any_time(option.menu, passed)


def _freeze(menu: _MenuDraft) -> Menu:
    options = []
    for draft in menu.options:
        sub = _freeze(draft.menu) if draft.menu is not None else None
        label = draft.label + (" (at any time)" if draft.any_time else "")
        if sub is not None and sub.is_menu:
            action = None
        else:
            action = infer_action(draft.label) or ("message" if sub is not None else None)
        options.append(Option(draft.key, label, action, sub, draft.line))
    prompt = " ".join(p if p.rstrip()[-1:] in ".!?:;" else p.rstrip() + "." for p in menu.prompt)
    return Menu(prompt, tuple(options), menu.line)
