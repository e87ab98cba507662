"""IVR definitions (``*.ivr.yaml``/``*.ivr.json``): the menu tree a caller hears, and what its prompts say.

Three kinds of file are read into one :class:`~contactcheck.menu.Menu` tree: the SPEC section 7 format
(validated strictly, every problem with its line), Amazon Connect flow exports and Twilio Studio flow
definitions (``extractors.ivr_flows``). The tree goes on the document for the IVR rules; every prompt
and option label also becomes a segment, so hours, numbers and costs spoken in prompts are compared like
any other text, and the definition's ``number`` is a phone fact.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field

from canonical.yamltree import Path, Tree, YamlTreeError, format_path, read_yaml
from contactcheck.facts import Document, Location
from contactcheck.menu import SPEC_ACTIONS, Menu, Option
from extractors.ivr_flows import flow_format, flow_menu, read_flow
from extractors.pdf import UnreadableError
from extractors.recognisers import Match
from extractors.recognisers.phone import parse_number
from extractors.segments import Segment, build_facts, document_region

_TOP_KEYS = ("name", "number", "menu")
_MENU_KEYS = ("prompt", "options", "label")
_OPTION_KEYS = ("key", "label", "action", "menu")


@dataclass(frozen=True, slots=True)
class IvrProblem:
    """One thing wrong with an IVR definition: the line, the field and why."""

    line: int
    path: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.path}: {self.message}"


class IvrError(ValueError):
    """An IVR definition that cannot be used; carries every problem found."""

    def __init__(self, problems: list[IvrProblem]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


@dataclass(frozen=True, slots=True)
class IvrFile:
    """An IVR definition read: its format, name, answered number, menu tree and the texts a caller hears."""

    format: str  # spec | connect | connect-legacy | twilio
    name: str | None
    menu: Menu | None
    number: tuple[str, int] | None = None  # (as written, line)
    #: (text, line, selector, block): prompts and labels in file order
    texts: list[tuple[str, int | None, str, str]] = field(default_factory=list)


def extract_ivr(data: bytes, uri: str, region: str | None = None) -> Document:
    """Facts and menu tree of one IVR definition; raise UnreadableError when it is not a usable one."""
    try:
        definition = read_ivr(data, region)
    except IvrError as exc:
        count = len(exc.problems)
        raise UnreadableError(f"not a valid IVR definition ({count} problem{'s' * (count != 1)}): {exc}") from exc
    segments = [Segment(text, Location(uri, line=line, selector=selector), block, None)
                for text, line, selector, block in definition.texts]
    doc_region = region or document_region(segments)
    if definition.number is not None:
        raw, line = definition.number
        value = parse_number(raw, doc_region)
        if value is not None:
            location = Location(uri, line=line, selector="number")
            # in the top menu's block: "calls to this number cost ..." in the greeting is about it
            segments.insert(0, Segment(raw, location, format_path(("menu",)), None,
                                       facts=[Match("phone", value, 0, len(raw))]))
    facts, blocks = build_facts(segments, doc_region)
    return Document(uri, "ivr", tuple(facts), tuple(blocks), title=definition.name, menu=definition.menu)


def read_ivr(data: bytes, region: str | None = None) -> IvrFile:
    """Read an IVR definition of any supported format; raise IvrError listing every problem."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise IvrError([IvrProblem(1, "(file)", f"not UTF-8 text: {exc.reason}")]) from exc
    tree = _parse(text)
    kind = flow_format(tree.value)
    if kind is not None:
        flow = read_flow(tree.value, tree.lines.get)
        texts = [(t, line, step, step) for t, line, step in flow.texts()]
        return IvrFile(kind, flow.name, flow_menu(flow), None, texts)
    problems = validate(tree, region)
    if problems:
        raise IvrError(problems)
    assert isinstance(tree.value, dict)
    name = tree.value.get("name")
    number = tree.value.get("number")
    return IvrFile("spec", str(name) if name else None, _menu(tree, ("menu",)),
                   (str(number), tree.line(("number",))) if isinstance(number, str | int) else None,
                   list(_prompts(tree)))


def _parse(text: str) -> Tree:
    try:
        return read_yaml(text)  # JSON is YAML too, and this keeps line numbers
    except YamlTreeError as exc:
        if text.lstrip().startswith(("{", "[")):
            try:
                return Tree(json.loads(text))  # JSON that PyYAML refuses (tabs, odd escapes): no lines
            except ValueError:
                pass
        raise IvrError([IvrProblem(exc.line, "(file)", exc.message)]) from exc


def is_ivr_json(data: bytes) -> bool:
    """Whether JSON ``data`` is an IVR definition: the SPEC section 7 format or a Connect/Twilio flow
    (for files not named ``*.ivr.json``, such as a flow exported as ``main-line.json``)."""
    try:
        value = json.loads(data.decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError):
        return False
    if flow_format(value) is not None:
        return True
    return isinstance(value, dict) and isinstance(value.get("menu"), dict)


# --- the SPEC section 7 format ----------------------------------------------------------------------------------


def validate(tree: Tree, region: str | None = None) -> list[IvrProblem]:
    """Every problem of a SPEC section 7 definition: unknown keys, missing menu, options without a key or
    without an action or menu, unknown actions, repeated keys, a number that is no phone number."""
    problems = [IvrProblem(line, format_path(path), f"duplicate key {path[-1]!r}") for path, line in tree.duplicates]
    value = tree.value
    if not isinstance(value, dict):
        return [IvrProblem(tree.line(()), "(top)", "expected a mapping with `menu` (SPEC section 7), "
                           "an Amazon Connect flow or a Twilio Studio flow")]
    problems += _unknown(tree, value, (), _TOP_KEYS)
    name = value.get("name")
    if name is not None and not isinstance(name, str):
        problems.append(IvrProblem(tree.line(("name",)), "name", "must be text"))
    number = value.get("number")
    if number is not None:
        raw = str(number) if isinstance(number, str | int) else ""
        parsed = parse_number(raw, region) if raw else None
        if parsed is None and (not raw or region is not None or raw.strip().startswith("+")):
            problems.append(IvrProblem(tree.line(("number",)), "number", f"{number!r} is not a phone number"))
    if "menu" not in value:
        problems.append(IvrProblem(tree.line(()), "menu", "missing: the top menu (prompt and options)"))
    else:
        problems += _check_menu(tree, ("menu",))
    return sorted(problems, key=lambda p: p.line)


def _unknown(tree: Tree, mapping: dict[str, object], path: Path, allowed: tuple[str, ...]) -> list[IvrProblem]:
    return [IvrProblem(tree.key_lines.get((*path, key), tree.line(path)), format_path((*path, key)),
                       f"unknown key; expected one of {', '.join(allowed)}")
            for key in mapping if key not in allowed]


def _check_menu(tree: Tree, path: Path) -> list[IvrProblem]:
    menu = _at(tree.value, path)
    where = format_path(path)
    if not isinstance(menu, dict):
        return [IvrProblem(tree.line(path), where, "must be a mapping with `prompt` and `options`")]
    problems = _unknown(tree, menu, path, _MENU_KEYS)
    prompt = menu.get("prompt")
    if prompt is not None and not isinstance(prompt, str):
        problems.append(IvrProblem(tree.line((*path, "prompt")), f"{where}.prompt", "must be text"))
    options = menu.get("options")
    if options is None:
        return problems
    if not isinstance(options, list):
        return [*problems, IvrProblem(tree.line((*path, "options")), f"{where}.options", "must be a list")]
    keys: set[str] = set()
    for index, option in enumerate(options):
        place = (*path, "options", index)
        problems += _check_option(tree, place, option, keys)
    return problems


def _check_option(tree: Tree, place: Path, option: object, keys: set[str]) -> list[IvrProblem]:
    where = format_path(place)
    if not isinstance(option, dict):
        return [IvrProblem(tree.line(place), where, "must be a mapping with `key` and `action` or `menu`")]
    problems = _unknown(tree, option, place, _OPTION_KEYS)
    key = option.get("key")
    if not isinstance(key, str | int) or isinstance(key, bool) or not str(key).strip():
        problems.append(IvrProblem(tree.line((*place, "key") if "key" in option else place), f"{where}.key",
                                   "missing: the key pressed (\"1\", \"0\", \"*\", \"#\") or the word said"))
    elif str(key) in keys:
        problems.append(IvrProblem(tree.line((*place, "key")), f"{where}.key",
                                   f"key {key!r} is offered twice in this menu"))
    else:
        keys.add(str(key))
    label = option.get("label")
    if label is not None and not isinstance(label, str):
        problems.append(IvrProblem(tree.line((*place, "label")), f"{where}.label", "must be text"))
    action = option.get("action")
    if action is not None and action not in SPEC_ACTIONS:
        problems.append(IvrProblem(tree.line((*place, "action")), f"{where}.action",
                                   f"unknown action {action!r}; expected one of {', '.join(SPEC_ACTIONS)}"))
    if action is None and "menu" not in option:
        problems.append(IvrProblem(tree.line(place), where, "needs an `action` or a `menu`"))
    if "menu" in option:
        problems += _check_menu(tree, (*place, "menu"))
    return problems


def _menu(tree: Tree, path: Path) -> Menu:
    menu = _at(tree.value, path)
    assert isinstance(menu, dict)
    options: list[Option] = []
    for index, option in enumerate(menu.get("options") or []):
        assert isinstance(option, dict)
        place = (*path, "options", index)
        sub = _menu(tree, (*place, "menu")) if isinstance(option.get("menu"), dict) else None
        action = option.get("action")
        options.append(Option(str(option["key"]), str(option.get("label") or ""),
                              action if isinstance(action, str) else None, sub, tree.line(place)))
    prompt = menu.get("prompt")
    return Menu(prompt if isinstance(prompt, str) else "", tuple(options), tree.line(path))


def _prompts(tree: Tree) -> Iterator[tuple[str, int | None, str, str]]:
    """(text, line, selector, block) of every prompt and label, top menu first (breadth first)."""
    stack: list[Path] = [("menu",)]
    while stack:
        path = stack.pop(0)
        menu = _at(tree.value, path)
        if not isinstance(menu, dict):
            continue
        block = format_path(path)
        for key in ("prompt", "label"):
            text = menu.get(key)
            if isinstance(text, str) and text.strip():
                yield text, tree.line((*path, key)), format_path((*path, key)), block
        options = menu.get("options")
        if isinstance(options, list):
            for i, option in enumerate(options):
                if not isinstance(option, dict):
                    continue
                label = option.get("label")
                if isinstance(label, str) and label.strip():
                    place = (*path, "options", i, "label")
                    yield label, tree.line(place), format_path(place), block
                if isinstance(option.get("menu"), dict):
                    stack.append((*path, "options", i, "menu"))


def _at(value: object, path: Path) -> object:
    for part in path:
        if isinstance(part, int) and isinstance(value, list) and part < len(value):
            value = value[part]
        elif isinstance(part, str) and isinstance(value, dict):
            value = value.get(part)
        else:
            return None
    return value
