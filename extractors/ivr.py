"""IVR definitions (SPEC section 7, ``*.ivr.yaml``/``*.ivr.json``): what the prompts say, as located text.

The menu tree itself is checked by the IVR rules; here its ``number`` becomes a phone fact and every
prompt and option label becomes a segment, so hours, numbers and costs spoken in prompts are compared
like any other text.
"""

from __future__ import annotations

from collections.abc import Iterator

from canonical.yamltree import Path, Tree, YamlTreeError, format_path, read_yaml
from contactcheck.facts import Document, Location
from extractors.pdf import UnreadableError
from extractors.recognisers import Match
from extractors.recognisers.phone import parse_number
from extractors.segments import Segment, build_facts, document_region


def extract_ivr(data: bytes, uri: str, region: str | None = None) -> Document:
    """Facts of one IVR definition; raise UnreadableError when it is not a readable menu tree."""
    try:
        tree = read_yaml(data.decode("utf-8-sig"))  # JSON is YAML too
    except (YamlTreeError, UnicodeDecodeError) as exc:
        line = getattr(exc, "line", 1)
        raise UnreadableError(f"line {line}: not a readable IVR definition: {exc}") from exc
    if not isinstance(tree.value, dict) or not isinstance(tree.value.get("menu"), dict):
        raise UnreadableError("not an IVR definition: no `menu` mapping")
    segments = list(_prompts(tree, uri))
    doc_region = region or document_region(segments)
    number = tree.value.get("number")
    if isinstance(number, str | int):
        raw = str(number)
        value = parse_number(raw, doc_region)
        if value is not None:
            location = Location(uri, line=tree.line(("number",)), selector="number")
            # in the top menu's block: "calls to this number cost ..." in the greeting is about it
            segments.insert(0, Segment(raw, location, format_path(("menu",)), None,
                                       facts=[Match("phone", value, 0, len(raw))]))
    facts, blocks = build_facts(segments, doc_region)
    return Document(uri, "ivr", tuple(facts), tuple(blocks), title=str(tree.value.get("name") or "") or None)


def _prompts(tree: Tree, uri: str) -> Iterator[Segment]:
    stack: list[Path] = [("menu",)]
    while stack:
        path = stack.pop(0)
        menu = _at(tree.value, path)
        if not isinstance(menu, dict):
            continue
        for key in ("prompt", "label"):
            text = menu.get(key)
            if isinstance(text, str) and text.strip():
                location = Location(uri, line=tree.line((*path, key)), selector=format_path((*path, key)))
                yield Segment(text, location, format_path(path), None)
        options = menu.get("options")
        if isinstance(options, list):
            for i, option in enumerate(options):
                if not isinstance(option, dict):
                    continue
                label = option.get("label")
                if isinstance(label, str) and label.strip():
                    place = (*path, "options", i, "label")
                    yield Segment(label, Location(uri, line=tree.line(place), selector=format_path(place)),
                                  format_path(path), None)
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
