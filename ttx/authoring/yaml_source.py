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
from typing import Any, ClassVar

import yaml

from ttx.authoring.problems import Problem, Severity

try:
    _BaseLoader: type = yaml.CSafeLoader  # libyaml: several times faster
except AttributeError:  # pragma: no cover - libyaml missing
    _BaseLoader = yaml.SafeLoader

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_NODES = 100_000
MAX_DEPTH = 64

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


class _CoreSchemaLoader(_BaseLoader):
    """A loader whose implicit scalar types are YAML 1.2's core schema."""

    yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, re.Pattern[str]]]]] = {}


for _tag, _pattern, _first in [
    (_BOOL, r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    (_INT, r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    (
        _FLOAT,
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+0123456789.",
    ),
    (_NULL, r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    (_MERGE, r"^(?:<<)$", "<"),
]:
    _CoreSchemaLoader.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))


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
    """Plain data from one YAML file, with the position of every value and key."""

    path: Path
    data: Any
    values: dict[DataPath, Mark] = field(default_factory=dict)
    keys: dict[DataPath, Mark] = field(default_factory=dict)

    def value_mark(self, data_path: DataPath) -> Mark:
        """Where the value at `data_path` starts; the nearest enclosing value if unknown."""
        for length in range(len(data_path), -1, -1):
            mark = self.values.get(data_path[:length])
            if mark is not None:
                return mark
        return Mark(1, 1)

    def key_mark(self, data_path: DataPath) -> Mark:
        """Where the key of the entry at `data_path` is written (or its value)."""
        return self.keys.get(data_path) or self.value_mark(data_path)

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


class YamlRefused(Exception):
    """The file cannot be read as safe YAML; carries one problem."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def read_text(path: Path) -> str:
    """The file's text, refused with a positioned problem if too large or not UTF-8."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise YamlRefused(
                Problem(path, 1, 1, Severity.error,
                        f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}")
            )
        raw = path.read_bytes()
    except OSError as error:
        raise YamlRefused(
            Problem(path, 1, 1, Severity.error, f"cannot read file: {error.strerror}")
        ) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise YamlRefused(
            Problem(path, line, column, Severity.error,
                    f"file is not UTF-8 text (byte 0x{raw[error.start]:02x})")
        ) from None


def parse_yaml(path: Path, text: str | None = None) -> YamlDocument:
    """Compose and convert one YAML file; raise `YamlRefused` with a positioned problem."""
    if text is None:
        text = read_text(path)
    try:
        root = yaml.compose(text, Loader=_CoreSchemaLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        reason = error.problem or "invalid YAML"
        if error.context and "expected a single document" in error.context:
            reason = "a file holds one YAML document; found a second '---' document"
        raise YamlRefused(Problem(path, line, column, Severity.error,
                                  f"YAML syntax: {reason}")) from None
    except yaml.YAMLError as error:
        raise YamlRefused(Problem(path, 1, 1, Severity.error, f"YAML syntax: {error}")) from None
    except RecursionError:
        raise YamlRefused(
            Problem(path, 1, 1, Severity.error, f"nesting deeper than {MAX_DEPTH} levels")
        ) from None
    document = YamlDocument(path=path, data=None)
    if root is None:
        raise YamlRefused(Problem(path, 1, 1, Severity.error, "file is empty"))
    _check_expanded_size(path, root)
    converter = _Converter(document)
    document.data = converter.convert(root, (), 0)
    return document


def _check_expanded_size(path: Path, root: yaml.Node) -> None:
    """Refuse a document whose aliases expand past `MAX_NODES`, before expanding any.

    Sizes are memoised per node, so this is linear in the composed graph even when
    expansion would be exponential (the "billion laughs").
    """
    sizes: dict[int, int] = {}
    in_progress: set[int] = set()

    def size(node: yaml.Node, depth: int) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in in_progress or depth > MAX_DEPTH:
            raise YamlRefused(Problem(path, node.start_mark.line + 1, node.start_mark.column + 1,
                                      Severity.error, "a recursive alias; refused"))
        in_progress.add(key)
        total = 1
        if isinstance(node, yaml.SequenceNode):
            total += sum(size(item, depth + 1) for item in node.value)
        elif isinstance(node, yaml.MappingNode):
            total += sum(size(k, depth + 1) + size(v, depth + 1) for k, v in node.value)
        in_progress.discard(key)
        sizes[key] = min(total, MAX_NODES + 1)
        return sizes[key]

    if size(root, 0) > MAX_NODES:
        raise YamlRefused(Problem(path, 1, 1, Severity.error,
                                  f"more than {MAX_NODES:,} values after expanding aliases "
                                  "(an alias bomb?); refused"))


def _tag_name(tag: str) -> str:
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag[len(prefix):] if tag.startswith(prefix) else tag


class _Converter:
    """Turns a node graph into plain data, counting every node (aliases included)."""

    def __init__(self, document: YamlDocument) -> None:
        self.document = document
        self.visited = 0

    def refuse(self, node: yaml.Node, message: str) -> YamlRefused:
        mark = Mark.of(node.start_mark)
        return YamlRefused(Problem(self.document.path, mark.line, mark.column,
                                   Severity.error, message))

    def convert(self, node: yaml.Node, data_path: DataPath, depth: int) -> Any:
        self.visited += 1
        if self.visited > MAX_NODES:
            raise self.refuse(node, f"more than {MAX_NODES:,} values after expanding aliases "
                                    "(an alias bomb?); refused")
        if depth > MAX_DEPTH:
            raise self.refuse(node, f"nesting deeper than {MAX_DEPTH} levels "
                                    "(a recursive alias?); refused")
        self.document.values.setdefault(data_path, Mark.of(node.start_mark))
        if node.tag not in _ALLOWED_TAGS:
            raise self.refuse(node, f"tag '{_tag_name(node.tag)}' is not allowed; "
                                    "ttx files hold plain text, numbers, lists and mappings")
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, (*data_path, index), depth + 1)
                    for index, item in enumerate(node.value)]
        assert isinstance(node, yaml.MappingNode)
        return self.mapping(node, data_path, depth)

    def scalar(self, node: yaml.ScalarNode) -> Any:
        value: str = node.value
        if node.tag == _STR:
            return value
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

    def mapping(self, node: yaml.MappingNode, data_path: DataPath, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, Mark] = {}
        merged: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                merged.update(self.merge_source(value_node, data_path, depth))
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                raise self.refuse(key_node, "a key must be plain text, not a list or mapping")
            key = key_node.value
            key_mark = Mark.of(key_node.start_mark)
            if key in first_seen:
                earlier = first_seen[key]
                raise self.refuse(key_node, f"duplicate key '{key}' "
                                            f"(first at line {earlier.line})")
            first_seen[key] = key_mark
            self.document.keys[(*data_path, key)] = key_mark
            result[key] = self.convert(value_node, (*data_path, key), depth + 1)
        for key, value in merged.items():
            result.setdefault(key, value)
        return result

    def merge_source(self, node: yaml.Node, data_path: DataPath, depth: int) -> dict[str, Any]:
        sources = node.value if isinstance(node, yaml.SequenceNode) else [node]
        merged: dict[str, Any] = {}
        for source in reversed(sources):
            value = self.convert(source, data_path, depth + 1)
            if not isinstance(value, dict):
                raise self.refuse(source, "'<<' merges a mapping, or a list of mappings")
            merged.update(value)
        return merged
