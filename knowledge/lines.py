"""Mappings and lists that remember the line each entry came from (built by ``yamlmarks``).

Kept apart from the YAML parser so that code which only inspects loaded data, or a start from
the engine snapshot that parses nothing, does not import PyYAML.
"""

from __future__ import annotations


class LineDict(dict):
    """A mapping with the line it starts on and the line of each key."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):
    line: int = 0
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line
