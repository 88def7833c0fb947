"""YAML with line numbers, so that errors point at the line an editor must fix.

`load(path)` returns the parsed data and a `Lines` index. `lines.of(("quizzes", 0,
"questions", 2, "explanation"))` gives the 1-based line of that key (or list item);
a path that is missing falls back to its nearest existing parent, so "the
explanation is missing" points at the question that lacks it.
"""

from __future__ import annotations

from pathlib import Path

import yaml

Key = tuple[str | int, ...]


class Lines:
    def __init__(self, table: dict[Key, int]):
        self.table = table

    def of(self, path: Key) -> int:
        path = tuple(path)
        while path:
            if path in self.table:
                return self.table[path]
            path = path[:-1]
        return self.table.get((), 1)


def _walk(node: yaml.Node, path: Key, table: dict[Key, int]) -> None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            child = (*path, key_node.value)
            table[child] = key_node.start_mark.line + 1
            _walk(value_node, child, table)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            child = (*path, index)
            table[child] = item.start_mark.line + 1
            _walk(item, child, table)


def load(path: Path):
    """Parse *path*; return (data, Lines). Data is what yaml.safe_load gives."""
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    table: dict[Key, int] = {(): 1}
    if node is not None:
        _walk(node, (), table)
    return data, Lines(table)
