"""`contactcheck ivr FILE...`: print an IVR's menu tree with levels, so a reviewer sees what a caller hears.

Reads every format `check` reads as an IVR: SPEC section 7 definitions (``*.ivr.yaml``/``*.ivr.json``),
Amazon Connect and Twilio Studio flow exports, and plain-text IVR prompt scripts. Exit 0 when every file
gave a menu tree, 2 when a file is not an IVR or not valid (problems listed as ``FILE:LINE: field: why``).
"""

from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path

import click

from contactcheck.menu import Menu, Option, key_path

EXIT_OK, EXIT_USAGE = 0, 2
_FORMATS = {"spec": "IVR definition (SPEC section 7)", "connect": "Amazon Connect flow",
            "connect-legacy": "Amazon Connect flow (older export)", "twilio": "Twilio Studio flow",
            "text": "plain-text IVR prompt script"}


@click.command("ivr")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: the tree indented by level; json: the tree in the SPEC section 7 shape with levels.")
@click.option("--region", metavar="CC", help="Region for the definition's number when written without +CC.")
def ivr(files: tuple[Path, ...], fmt: str, region: str | None) -> None:
    """Print the menu tree of IVR FILES with levels (the top menu is level 1), the key path of every menu
    and what each option does, as `ivr-breakout-missing` reads it."""
    failed = False
    trees: list[dict[str, object]] = []
    for path in files:
        try:
            kind, name, menu = read_tree(path, region)
        except TreeError as exc:
            failed = True
            for line in exc.lines:
                click.echo(line, err=True)
            continue
        if fmt == "json":
            trees.append({"uri": str(path), "format": kind, "name": name,
                          "menu": tree_json(menu, (), 1) if menu is not None else None})
        else:
            click.echo(render(path, kind, name, menu))
    if fmt == "json":
        click.echo(json.dumps({"ivrs": trees}, indent=2, ensure_ascii=False))
    sys.exit(EXIT_USAGE if failed else EXIT_OK)


class TreeError(Exception):
    """A file that gives no menu tree; ``lines`` say why, one problem per line."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


def read_tree(path: Path, region: str | None = None) -> tuple[str, str | None, Menu | None]:
    """(format, name, menu tree) of one file; raise TreeError when it is not a readable IVR."""
    from extractors.ivr import IvrError, is_ivr_json, read_ivr
    from extractors.ivr_text import read_prompt_script
    from extractors.script import is_ivr_prompts
    from extractors.sources import sniff

    data = path.read_bytes()
    kind = sniff(data, str(path))
    if kind == "ivr" or (path.suffix.lower() == ".json" and is_ivr_json(data)):
        try:
            definition = read_ivr(data, region)
        except IvrError as exc:
            raise TreeError([f"{path}:{p.line}: {p.path}: {p.message}" for p in exc.problems]) from exc
        return definition.format, definition.name, definition.menu
    if kind == "script":
        text = data.decode("utf-8", errors="replace")
        menu = read_prompt_script(text) if is_ivr_prompts(text) else None
        if menu is None:
            raise TreeError([f"{path}: not an IVR prompt script: no menu of key presses (\"Press 1 for ...\") found"])
        return "text", None, menu
    raise TreeError([f"{path}: not an IVR definition, platform flow or prompt script"])


def render(path: Path, kind: str, name: str | None, menu: Menu | None) -> str:
    """The tree as indented text: each menu with its level, key path and line, its prompt, its options."""
    title = f"{path}: {_FORMATS.get(kind, kind)}" + (f", {name}" if name else "")
    if menu is None or not menu.is_menu:
        heard = f"\n    \u201c{' '.join(menu.prompt.split())}\u201d" if menu is not None and menu.prompt else ""
        return f"{title}\n  no menu: callers hear an announcement and are routed without a choice{heard}\n"
    lines = [title]
    _render_menu(menu, (), 1, None, lines, "  ")
    return "\n".join(lines) + "\n"


def _render_menu(menu: Menu, path: tuple[str, ...], level: int, line: int | None, out: list[str],
                 indent: str) -> None:
    from contactcheck.rules.ivr import offers_breakout

    where = "top menu" if not path else f"menu {key_path(path)}"
    at = line or menu.line
    marks = [f"line {at}"] if at is not None else []
    if offers_breakout(menu):
        marks.append("offers an agent")
    out.append(f"{indent}[level {level}] {where}" + (f" ({', '.join(marks)})" if marks else ""))
    if menu.prompt.strip():
        wrapped = textwrap.wrap(f"\u201c{' '.join(menu.prompt.split())}\u201d", width=100,
                                initial_indent=indent + "    ", subsequent_indent=indent + "     ")
        out.extend(wrapped)
    for option in menu.options:
        out.append(f"{indent}    {option.key:<3} {_option_text(option)}")
        if option.menu is not None and option.menu.is_menu:
            _render_menu(option.menu, (*path, option.key), level + 1, option.menu.line or option.line, out,
                         indent + "        ")
        elif option.menu is not None and option.menu.prompt.strip():
            out.append(f"{indent}          then hears \u201c{' '.join(option.menu.prompt.split())[:160]}\u201d")


def _option_text(option: Option) -> str:
    label = option.label or "(no label)"
    if option.menu is not None and option.menu.is_menu:
        return label + (f"  \u2192 {option.action}" if option.action else "")
    return f"{label}  \u2192 {option.action or 'not stated'}"


def tree_json(menu: Menu, path: tuple[str, ...], level: int) -> dict[str, object]:
    """A menu in the SPEC section 7 shape, with its ``level``, ``path`` and ``line``."""
    out: dict[str, object] = {"level": level, "path": key_path(path), "prompt": menu.prompt, "line": menu.line}
    options: list[dict[str, object]] = []
    for option in menu.options:
        item: dict[str, object] = {"key": option.key, "label": option.label, "action": option.action,
                                   "line": option.line}
        if option.menu is not None:
            item["menu"] = tree_json(option.menu, (*path, option.key), level + 1)
        options.append(item)
    out["options"] = options
    return out
