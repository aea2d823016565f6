"""YAML loading that remembers the line every mapping and key came from.

PyYAML's node marks carry the positions; we keep them on dict/list subclasses
so validation can report ``file:line`` without a hand-written parser.
"""

from __future__ import annotations

from typing import Any

import yaml


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


# libyaml's parser when PyYAML was built with it (about 8x faster); same nodes, same marks.
_SafeBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _MarkedLoader(_SafeBase):
    """SafeLoader that keeps lines and leaves dates as strings (we parse them)."""


# Drop the implicit timestamp resolver: a bad date such as 2018-13-45 must become
# our own "bad date" error with a line, not a constructor crash.
_MarkedLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _construct_mapping(loader: _MarkedLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            key = str(key)
        if key in result:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _MarkedLoader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


_MarkedLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_MarkedLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def load_marked(text: str) -> Any:
    """Parse one YAML document into LineDict/LineList/scalars.

    Raises ``yaml.YAMLError`` (with ``problem_mark`` where PyYAML knows it).
    """
    return yaml.load(text, Loader=_MarkedLoader)  # noqa: S506 - a SafeLoader subclass
