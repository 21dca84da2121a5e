"""Safe YAML reading that keeps the line and column of every key and value.

The file is *composed* (parsed into nodes, never constructed into Python objects by
PyYAML), then converted here to plain data. So no tag can build a Python object,
alias expansion is counted and bounded, and each value keeps the position where an
author wrote it. Scalars follow the YAML 1.2 core schema: `NO`, `on` and `+1:30`
stay text rather than turning into booleans or sexagesimal numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ttx.authoring.file_text import MAX_FILE_BYTES, read_text
from ttx.authoring.problems import Problem, Severity, YamlRefused

try:
    _BaseLoader: type = yaml.CSafeLoader  # libyaml: several times faster
except AttributeError:  # pragma: no cover - libyaml missing
    _BaseLoader = yaml.SafeLoader

__all__ = ["MAX_FILE_BYTES", "Mark", "YamlDocument", "YamlRefused", "parse_yaml", "read_text"]

MAX_NODES = 100_000
MAX_DEPTH = 64
MAX_EXPANDED_CHARS = 4 * MAX_FILE_BYTES
"""Text that aliases may expand to: four times the largest file, never gigabytes."""

DataPath = tuple[str | int, ...]

_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_MERGE = "tag:yaml.org,2002:merge"
_ALLOWED_TAGS = {_STR, _NULL, _BOOL, _INT, _FLOAT, _SEQ, _MAP}


_BOOL_RE = re.compile(r"(?:true|True|TRUE|false|False|FALSE)\Z")
_NULL_RE = re.compile(r"(?:~|null|Null|NULL)\Z")
_INT_RE = re.compile(r"(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)\Z")
_FLOAT_RE = re.compile(r"(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
                       r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))\Z")
_NUMBER_START = frozenset("-+.0123456789")
_NOT_PRINTABLE = re.compile(
    "[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")
"""What YAML refuses in a stream (PyYAML's own test): C0 and C1 controls, DEL, surrogates."""


def _implicit_tag(value: str) -> str:
    """The YAML 1.2 core-schema tag of a plain scalar, by its first character and length."""
    first = value[0]
    if first in _NUMBER_START:
        if _INT_RE.match(value):
            return _INT
        if _FLOAT_RE.match(value):
            return _FLOAT
    elif first in "tTfF" and len(value) in (4, 5) and _BOOL_RE.match(value):
        return _BOOL
    elif first in "nN~" and len(value) <= 4 and _NULL_RE.match(value):
        return _NULL
    elif value == "<<":
        return _MERGE
    return _STR


class _CoreSchemaLoader(_BaseLoader):
    """A loader whose implicit scalar types are YAML 1.2's core schema.

    `resolve` is replaced outright: PyYAML's table of YAML 1.1 resolvers would turn
    `NO` into false and `+1:30` into 90, and a first-character test is faster.
    """

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0]:
                return _implicit_tag(value) if value else _NULL
            return _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP


@dataclass(frozen=True)
class Mark:
    """A position in a file, counting lines and columns from 1."""

    line: int
    column: int

    @classmethod
    def of(cls, node_mark: Any) -> Mark:
        return cls(node_mark.line + 1, node_mark.column + 1)


@dataclass
class YamlDocument:
    """Plain data from one YAML file, and the position of every value and key in it.

    Positions are indexed from the composed nodes only when a problem asks for one, so
    valid files (nearly all of them) never pay for the index.
    """

    path: Path
    data: Any
    root: yaml.Node | None = None
    problems: list[Problem] = field(default_factory=list)
    """Problems that spoil one value but not the file, such as a duplicate key."""
    _values: dict[DataPath, Any] | None = field(default=None, repr=False)
    _keys: dict[DataPath, Any] = field(default_factory=dict, repr=False)

    def _index(self) -> dict[DataPath, Any]:
        if self._values is None:
            self._values = {}
            if self.root is not None:
                _index_positions(self.root, (), self._values, self._keys, 0)
        return self._values

    def value_mark(self, data_path: DataPath) -> Mark:
        """Where the value at `data_path` starts; the nearest enclosing value if unknown."""
        values = self._index()
        for length in range(len(data_path), -1, -1):
            mark = values.get(data_path[:length])
            if mark is not None:
                return Mark.of(mark)
        return Mark(1, 1)

    def key_mark(self, data_path: DataPath) -> Mark:
        """Where the key of the entry at `data_path` is written (or its value)."""
        self._index()
        mark = self._keys.get(data_path)
        return Mark.of(mark) if mark is not None else self.value_mark(data_path)

    def problem(
        self,
        data_path: DataPath,
        message: str,
        *,
        severity: Severity = Severity.error,
        at_key: bool = False,
    ) -> Problem:
        mark = self.key_mark(data_path) if at_key else self.value_mark(data_path)
        return Problem(self.path, mark.line, mark.column, severity, message)


def _index_positions(node: yaml.Node, data_path: DataPath, values: dict[DataPath, Any],
                     keys: dict[DataPath, Any], depth: int) -> None:
    """Record the start mark of every value and key under `node` (aliases bounded by depth)."""
    if data_path in values or depth > MAX_DEPTH:
        return
    values[data_path] = node.start_mark
    if isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _index_positions(item, (*data_path, index), values, keys, depth + 1)
    elif isinstance(node, yaml.MappingNode):
        merges = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                merges.append(value_node)
            elif isinstance(key_node, yaml.ScalarNode):
                keys.setdefault((*data_path, key_node.value), key_node.start_mark)
                _index_positions(value_node, (*data_path, key_node.value), values, keys,
                                 depth + 1)
        for merged in merges:
            sources = merged.value if isinstance(merged, yaml.SequenceNode) else [merged]
            for source in sources:
                if isinstance(source, yaml.MappingNode):
                    for key_node, value_node in source.value:
                        if isinstance(key_node, yaml.ScalarNode):
                            keys.setdefault((*data_path, key_node.value), key_node.start_mark)
                            _index_positions(value_node, (*data_path, key_node.value),
                                             values, keys, depth + 1)


def _position(text: str, index: int) -> tuple[int, int]:
    """Line and column (from 1) of the character at `index`, counting lines by newline."""
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def _syntax_problem(path: Path, text: str, error: yaml.MarkedYAMLError) -> Problem:
    """A syntax error placed where the fault is, said in one line."""
    context, reason = error.context or "", error.problem or "invalid YAML"
    mark = error.problem_mark or error.context_mark
    if "expected a single document" in context:
        reason = "a file holds one YAML document; found a second '---' document"
    elif (context == "while scanning a quoted scalar" and error.context_mark is not None
          and "end of stream" in reason):
        # the scanner reads to the end of the file looking for the closing quote; the
        # fault is the opening one
        mark = error.context_mark
        quote = text.splitlines()[mark.line][mark.column:mark.column + 1] or '"'
        reason = f"this quoted text is never closed: no matching {quote} before the end of the file"
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return Problem(path, line, column, Severity.error, f"YAML syntax: {' '.join(reason.split())}")


def parse_yaml(path: Path, text: str | None = None) -> YamlDocument:
    """Compose and convert one YAML file; raise `YamlRefused` with a positioned problem."""
    if text is None:
        text = read_text(path)
    unprintable = _NOT_PRINTABLE.search(text)
    if unprintable is not None:
        line, column = _position(text, unprintable.start())
        raise YamlRefused(Problem(path, line, column, Severity.error,
                                  f"control character U+{ord(unprintable.group()):04X} is not "
                                  "allowed in a YAML file"))
    try:
        root = yaml.compose(text, Loader=_CoreSchemaLoader)
    except yaml.MarkedYAMLError as error:
        raise YamlRefused(_syntax_problem(path, text, error)) from None
    except yaml.YAMLError as error:
        raise YamlRefused(Problem(path, 1, 1, Severity.error, f"YAML syntax: {error}")) from None
    except RecursionError:
        raise YamlRefused(
            Problem(path, 1, 1, Severity.error, f"nesting deeper than {MAX_DEPTH} levels")
        ) from None
    if root is None:
        raise YamlRefused(Problem(path, 1, 1, Severity.error, "file is empty"))
    if "&" in text:  # without an anchor there is no alias, so nothing can expand
        _check_expanded_size(path, root)
    converter = _Converter(path)
    data = converter.convert(root, 0)
    return YamlDocument(path=path, data=data, root=root, problems=converter.problems)


def _check_expanded_size(path: Path, root: yaml.Node) -> None:
    """Refuse a document whose aliases expand past `MAX_NODES` values or
    `MAX_EXPANDED_CHARS` characters of text, before expanding any.

    Sizes are memoised per node, so this is linear in the composed graph even when
    expansion would be exponential (the "billion laughs"), or when a few thousand aliases
    each repeat one long string.
    """
    sizes: dict[int, tuple[int, int]] = {}
    in_progress: set[int] = set()

    def size(node: yaml.Node, depth: int) -> tuple[int, int]:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in in_progress or depth > MAX_DEPTH:
            raise YamlRefused(Problem(path, node.start_mark.line + 1, node.start_mark.column + 1,
                                      Severity.error, "a recursive alias; refused"))
        in_progress.add(key)
        nodes, chars = 1, 0
        if isinstance(node, yaml.ScalarNode):
            chars = len(node.value)
        else:
            children = (node.value if isinstance(node, yaml.SequenceNode)
                        else [child for pair in node.value for child in pair])
            for child in children:
                child_nodes, child_chars = size(child, depth + 1)
                nodes, chars = nodes + child_nodes, chars + child_chars
        in_progress.discard(key)
        sizes[key] = (min(nodes, MAX_NODES + 1), min(chars, MAX_EXPANDED_CHARS + 1))
        return sizes[key]

    nodes, chars = size(root, 0)
    if nodes > MAX_NODES:
        raise YamlRefused(Problem(path, 1, 1, Severity.error,
                                  f"more than {MAX_NODES:,} values after expanding aliases "
                                  "(an alias bomb?); refused"))
    if chars > MAX_EXPANDED_CHARS:
        raise YamlRefused(Problem(path, 1, 1, Severity.error,
                                  f"more than {MAX_EXPANDED_CHARS:,} characters of text after "
                                  "expanding aliases (an alias bomb?); refused"))


def _tag_name(tag: str) -> str:
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag[len(prefix):] if tag.startswith(prefix) else tag


class _Converter:
    """Turns a node graph into plain data, counting every node (aliases included)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.visited = 0
        self.problems: list[Problem] = []

    def refuse(self, node: yaml.Node, message: str) -> YamlRefused:
        mark = Mark.of(node.start_mark)
        return YamlRefused(Problem(self.path, mark.line, mark.column, Severity.error, message))

    def convert(self, node: yaml.Node, depth: int) -> Any:
        self.visited += 1
        tag = node.tag
        if tag == _STR and type(node) is yaml.ScalarNode:
            return node.value
        if self.visited > MAX_NODES:
            raise self.refuse(node, f"more than {MAX_NODES:,} values after expanding aliases "
                                    "(an alias bomb?); refused")
        if depth > MAX_DEPTH:
            raise self.refuse(node, f"nesting deeper than {MAX_DEPTH} levels "
                                    "(a recursive alias?); refused")
        if tag == _MERGE and isinstance(node, yaml.ScalarNode):
            return node.value  # `title: <<` is text: only a key `<<` merges
        if tag not in _ALLOWED_TAGS:
            raise self.refuse(node, f"tag '{_tag_name(tag)}' is not allowed; "
                                    "ttx files hold plain text, numbers, lists and mappings")
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, depth + 1) for item in node.value]
        assert isinstance(node, yaml.MappingNode)
        return self.mapping(node, depth)

    def scalar(self, node: yaml.ScalarNode) -> Any:
        value: str = node.value
        if node.tag == _NULL:
            return None
        if node.tag == _BOOL:
            return value.lower() == "true"
        if node.tag == _INT:
            try:
                return int(value, 0) if value[:2] in ("0x", "0o") else int(value)
            except ValueError:
                raise self.refuse(node, f"'{value}' is not a whole number") from None
        try:
            return float(value.replace("inf", "Inf").replace("Inf", "inf").lower())
        except ValueError:
            raise self.refuse(node, f"'{value}' is not a number") from None

    def mapping(self, node: yaml.MappingNode, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        merged: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                merged.update(self.merge_source(value_node, depth))
                continue
            if type(key_node) is not yaml.ScalarNode:
                raise self.refuse(key_node, "a key must be plain text, not a list or mapping")
            key = key_node.value
            if key in first_line:
                # the first value stands, so the rest of the file is still checked
                mark = Mark.of(key_node.start_mark)
                self.problems.append(Problem(
                    self.path, mark.line, mark.column, Severity.error,
                    f"duplicate key '{key}' (first at line {first_line[key] + 1})"))
                continue
            first_line[key] = key_node.start_mark.line
            result[key] = self.convert(value_node, depth + 1)
        for key, value in merged.items():
            result.setdefault(key, value)
        return result

    def merge_source(self, node: yaml.Node, depth: int) -> dict[str, Any]:
        sources = node.value if isinstance(node, yaml.SequenceNode) else [node]
        merged: dict[str, Any] = {}
        for source in reversed(sources):
            value = self.convert(source, depth + 1)
            if not isinstance(value, dict):
                raise self.refuse(source, "'<<' merges a mapping, or a list of mappings")
            merged.update(value)
        return merged
