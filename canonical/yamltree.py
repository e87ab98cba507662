"""Safe YAML reading that keeps line numbers and refuses alias bombs.

PyYAML's composer shares aliased nodes instead of copying them, so composing a
"billion laughs" file is cheap; the danger is expanding it. :func:`read_yaml`
expands the node graph into plain values under a node budget and records the line
of every value by its path, so the strict loader can point at ``FILE:LINE``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

Path = tuple[str | int, ...]

#: A strategy file has a few hundred values; 100k expanded nodes means an alias bomb.
NODE_BUDGET = 100_000
#: Files larger than this are refused before parsing (a strategy is a few kilobytes).
MAX_BYTES = 5 * 1024 * 1024


class YamlTreeError(ValueError):
    """The text is not a YAML mapping we can read; carries the 1-based line."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass(slots=True)
class Tree:
    """Plain values (dict/list/str/int/float/bool/None) with the line of every path."""

    value: object
    lines: dict[Path, int] = field(default_factory=dict)
    key_lines: dict[Path, int] = field(default_factory=dict)
    duplicates: list[tuple[Path, int]] = field(default_factory=list)

    def line(self, path: Path) -> int:
        """The line of the value at ``path``, or of its nearest ancestor."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


def format_path(path: Path) -> str:
    """('channels', 2, 'value') -> 'channels[2].value'."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out or "(top)"


def read_yaml(text: str) -> Tree:
    """Parse ``text`` into a :class:`Tree`; raise :class:`YamlTreeError` for anything unreadable."""
    if len(text) > MAX_BYTES:
        raise YamlTreeError(1, f"file is larger than {MAX_BYTES // (1024 * 1024)} MiB; not a strategy")
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        raise YamlTreeError(line, f"not valid YAML: {exc.problem or exc.context}") from exc
    except yaml.YAMLError as exc:
        raise YamlTreeError(1, f"not valid YAML: {exc}") from exc
    if node is None:
        raise YamlTreeError(1, "empty file: expected a strategy mapping (version, organisation, channels, ...)")
    tree = Tree(None)
    tree.value = _Expander(tree).expand(node, ())
    return tree




class _Expander:
    """Walks a composed node graph into plain values under :data:`NODE_BUDGET`."""

    def __init__(self, tree: Tree) -> None:
        self.tree = tree
        self.budget = NODE_BUDGET
        self.constructor = yaml.SafeLoader("")

    def expand(self, node: yaml.Node, path: Path) -> object:
        self.budget -= 1
        line = node.start_mark.line + 1
        if self.budget < 0:
            raise YamlTreeError(line, f"document expands to more than {NODE_BUDGET} values (YAML alias bomb?); refused")
        self.tree.lines.setdefault(path, line)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.expand(item, (*path, i)) for i, item in enumerate(node.value)]
        try:
            return self.constructor.construct_object(node)
        except (yaml.YAMLError, ValueError) as exc:
            problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            raise YamlTreeError(line, f"bad value: {problem}") from exc

    def _mapping(self, node: yaml.MappingNode, path: Path) -> dict[str, object]:
        out: dict[str, object] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlTreeError(key_line, "mapping keys must be plain strings")
            key = str(key_node.value)
            child = (*path, key)
            if key in out:
                self.tree.duplicates.append((child, key_line))
                continue
            self.tree.key_lines[child] = key_line
            out[key] = self.expand(value_node, child)
        return out
