"""YAML loading that remembers the line every mapping and key came from.

PyYAML's node marks carry the positions; we keep them on dict/list subclasses
so validation can report ``file:line`` without a hand-written parser.
"""

from __future__ import annotations

from typing import Any

import yaml

from .lines import LineDict, LineList

# libyaml's parser when PyYAML was built with it (about 8x faster); same nodes, same marks.
_SafeBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# What aliases may add to a document, in values beyond those written out: a shared
# block reused a few hundred times is fine; a "billion laughs" is refused before any
# value is built, let alone turned into a string.
MAX_ALIAS_EXPANSION = 100_000
_BEFORE_MARK = frozenset(" \t\r\n[]{},:-")
_NOT_IN_NAME = frozenset(" \t\r\n[]{},")


def may_hold_aliases(text: str) -> bool:
    """Whether ``text`` has an anchor or alias (``&name``, ``*name``) anywhere: a fast scan, so that
    documents without one (every bundled file) skip the expansion check."""
    for mark in "&*":
        at = text.find(mark)
        while at >= 0:
            if (at == 0 or text[at - 1] in _BEFORE_MARK) and at + 1 < len(text) and text[at + 1] not in _NOT_IN_NAME:
                return True
            at = text.find(mark, at + 1)
    return False


class AliasError(yaml.YAMLError):
    """An alias that would expand without bound (or refers to its own ancestor)."""

    def __init__(self, problem: str, mark: Any):
        super().__init__(problem)
        self.problem = problem
        self.problem_mark = mark


def check_aliases(root: yaml.Node, limit: int = MAX_ALIAS_EXPANSION) -> None:
    """Raise AliasError if aliases make ``root`` expand to more than ``limit`` extra values,
    or if one refers to a collection it is inside of. Linear in the distinct nodes."""
    sizes: dict[int, int] = {}  # id(node) -> values it expands to
    on_path: set[int] = set()
    extra = 0

    def size(node: yaml.Node, mark: Any) -> int:
        nonlocal extra
        key = id(node)
        if key in sizes:  # a second reference: an alias
            extra += sizes[key]
            if extra > limit:
                raise AliasError(f"YAML aliases expand to more than {limit:,} extra values; refused", mark)
            return sizes[key]
        if key in on_path:
            raise AliasError("a YAML alias refers to a collection it is inside of (recursive); refused", mark)
        total = 1
        if isinstance(node, yaml.SequenceNode):
            on_path.add(key)
            for child in node.value:
                total += size(child, node.start_mark)
            on_path.discard(key)
        elif isinstance(node, yaml.MappingNode):
            on_path.add(key)
            for key_node, value_node in node.value:
                total += size(key_node, key_node.start_mark) + size(value_node, key_node.start_mark)
            on_path.discard(key)
        sizes[key] = total
        return total

    size(root, root.start_mark)


class _MarkedLoader(_SafeBase):
    """SafeLoader that keeps lines and leaves dates as strings (we parse them)."""

    check_aliases = False  # set per document when its text may hold an alias

    def get_single_node(self):  # type: ignore[no-untyped-def]
        node = super().get_single_node()
        if node is not None and self.check_aliases:
            check_aliases(node)
        return node


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


class _MarkedWordsLoader(_MarkedLoader):
    """Every plain scalar a string: word lists hold on, off, yes and no as words, not booleans."""


_MarkedWordsLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in _MarkedLoader.yaml_implicit_resolvers.items()
}


def load_marked(text: str, words: bool = False) -> Any:
    """Parse one YAML document into LineDict/LineList/scalars.

    ``words``: read yes/no/on/off as strings (vocabulary files). Raises ``yaml.YAMLError``
    (with ``problem_mark`` where PyYAML knows it); ``AliasError`` when aliases would expand
    beyond ``MAX_ALIAS_EXPANSION`` values.
    """
    loader = _MarkedWordsLoader if words else _MarkedLoader
    reader = loader(text)
    reader.check_aliases = may_hold_aliases(text)  # no '&x' or '*x' anywhere: nothing to expand
    try:
        return reader.get_single_data()
    finally:
        reader.dispose()
