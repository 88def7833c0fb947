"""YAML with line numbers, so that errors point at the line an editor must fix.

`load(path)` returns the plain value (as yaml.safe_load would) and a `Lines`
table mapping each path inside it — ("checklists", 3, "items", 0, "text", "en")
— to the 1-based line where that key or list entry starts.
"""

from __future__ import annotations

from pathlib import Path

import yaml

# libyaml's C parser where it is built in (about ten times faster; same nodes and marks).
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Path_ = tuple[str | int, ...]


class Lines(dict[Path_, int]):
    def at(self, path) -> int:
        """The line of *path*, or of its nearest ancestor we know (1 at worst)."""
        path = tuple(path)
        while path:
            if path in self:
                return self[path]
            path = path[:-1]
        return self.get((), 1)


_CACHE: dict[Path, tuple[tuple[int, int], tuple[object, Lines]]] = {}


def load(path: Path) -> tuple[object, Lines]:
    """The value and the line of every key and item, parsed once per process until the
    file changes (the build reads some files in both languages, the validator in
    several rules). Callers must not change what they get."""
    stat = path.stat()
    key = (stat.st_mtime_ns, stat.st_size)
    hit = _CACHE.get(path)
    if hit and hit[0] == key:
        return hit[1]
    result = _load(path)
    _CACHE[path] = (key, result)
    return result


def _load(path: Path) -> tuple[object, Lines]:
    text = path.read_text(encoding="utf-8")
    try:
        node, value = _parse(text, SafeLoader)
    except yaml.YAMLError:
        # PyYAML's own parser words its errors as the validator's messages and
        # fixtures expect (libyaml's differ), so a broken file is read again with it.
        node, value = _parse(text, yaml.SafeLoader)
    lines = Lines()
    if node is not None:
        _walk(node, (), lines)
    return value, lines


def _parse(text: str, loader_class):
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()


def _walk(node, path: Path_, lines: Lines) -> None:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value
            lines[path + (key,)] = key_node.start_mark.line + 1
            _walk(value_node, path + (key,), lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, path + (index,), lines)
