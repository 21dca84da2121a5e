"""Scenario and inject files written as a person writes them.

Block style with list items indented under their key; `|` blocks for multi-line text;
short id lists on one line (`to: [US, JPN]`) and a module's `{id, at}` references too;
quotes only where a plain scalar would read as something else. A file that is rewritten
keeps its key order, the keys its author wrote even where they hold the default
(`at: "+0:00"`), its opening comments and the comments above its top-level keys.
Comments inside a value cannot be placed again; `lost_comments` counts them.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from ttx.authoring.scaffold import schema_comment
from ttx.authoring.schema import SchemaKind

FOLD_WIDTH = 76
_FLOW_KEYS = frozenset({"to", "objectives", "leads_to", "tags", "attachments", "sets",
                        "decided_by", "mission_areas", "visible_to", "when"})
_FLOW_ITEM = re.compile(r"[A-Za-z0-9][\w.+/-]*")
_STR_TAG = "tag:yaml.org,2002:str"
_ALWAYS_QUOTED = re.compile(r"\+\d+:\d\d|\d{4}-\d\d-\d\dT.*")
_PADDED_FLOW_MAP = re.compile(r"^\s*- \{ \S.* \}\s*$", re.M)
_FLOW_MAP_ITEM = re.compile(r"^(\s*- )\{(\S.*\S)\}$")
_ONE_PARAGRAPH = re.compile(r"\S+(?: \S+)*")
_TOP_KEY = re.compile(r"([A-Za-z_][\w-]*)\s*:")


class _FlowList(list[Any]):
    """A short list of ids, written on one line: `to: [US, JPN]`."""


class _FlowMap(dict[str, Any]):
    """A small mapping written on one line: `{id: x, at: "+0:20"}`."""


class _Styled(str):
    """Text that keeps the style its author gave it: folded (`>`) or quoted; folded text
    keeps its author's line width."""

    style: str
    width: int = FOLD_WIDTH


class _Dumper(yaml.SafeDumper):
    """Block style with list items indented under their key."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fold_widths: dict[str, int] = {}

    def write_folded(self, text: str) -> None:
        """One paragraph folded as a person (or an editor) does: as many words on a line
        as fit in the width, so an unchanged text comes back as it was."""
        width = self.fold_widths.get(text)
        if width is None or not _ONE_PARAGRAPH.fullmatch(text):
            super().write_folded(text)
            return
        self.write_indicator(">" + self.determine_block_hints(text), True)
        self.write_line_break()
        self.write_indent()
        line_start = True
        for word in text.split(" "):
            if not line_start and self.column + 1 + len(word) > width:
                self.write_line_break()
                self.write_indent()
                line_start = True
            self._write(word if line_start else f" {word}")
            line_start = False
        self.write_line_break()

    def _write(self, data: str) -> None:
        self.column += len(data)
        self.stream.write(data.encode(self.encoding) if self.encoding else data)


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    if isinstance(text, _Styled) and ("\n" not in text or text.style != ">"):
        if text.style == ">" and isinstance(dumper, _Dumper):
            dumper.fold_widths[str(text)] = text.width
        return dumper.represent_scalar(_STR_TAG, str(text), style=text.style)
    if "\n" in text and text == text.rstrip(" ") and "\t" not in text:
        return dumper.represent_scalar(_STR_TAG, text, style="|")
    analysis = dumper.analyze_scalar(text)
    # the emitter quotes by itself where plain text is not allowed in its context; what it
    # cannot know is what a YAML 1.1 reader would make of `+0:20` or `yes`
    plain = (analysis.allow_block_plain and not analysis.empty and not analysis.multiline
             and dumper.resolve(yaml.ScalarNode, text, (True, False)) == _STR_TAG
             and not _ALWAYS_QUOTED.fullmatch(text))
    return dumper.represent_scalar(_STR_TAG, text, style=None if plain else '"')


def _represent_flow_list(dumper: yaml.SafeDumper, items: _FlowList) -> yaml.SequenceNode:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", items, flow_style=True)


def _represent_flow_map(dumper: yaml.SafeDumper, items: _FlowMap) -> yaml.MappingNode:
    node = dumper.represent_mapping("tag:yaml.org,2002:map", dict(items))
    node.flow_style = True
    return node


_Dumper.add_representer(str, _represent_text)
_Dumper.add_representer(_Styled, _represent_text)
_Dumper.add_representer(_FlowList, _represent_flow_list)
_Dumper.add_representer(_FlowMap, _represent_flow_map)


def _styled(data: Any, key: str = "") -> Any:
    if isinstance(data, dict):
        return {k: _styled(v, k) for k, v in data.items()}
    if isinstance(data, _Styled):
        return data
    if isinstance(data, list):
        items = [_styled(item) for item in data]
        if key == "when" and len(items) == 1 and isinstance(items[0], str):
            return items[0]  # one condition, written as authors write it: `when: x`
        if key in _FLOW_KEYS and all(isinstance(i, str) and _FLOW_ITEM.fullmatch(i)
                                     for i in items):
            return _FlowList(items)
        if key == "injects":  # a module's `{id, at}` references, as authors write them
            return [_FlowMap(i) if isinstance(i, dict) else i for i in items]
        return items
    return data


def dump(data: Any) -> str:
    """YAML text of plain data, in the house style."""
    return yaml.dump(_styled(data), Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                     width=1_000_000, default_flow_style=False, indent=2)


def model_data(model: BaseModel, original: Any = None) -> dict[str, Any]:
    """The model as plain data without defaults, except where `original` (what the file
    said before) wrote a default out; mappings in `original`'s key order, new keys after."""
    data = model.model_dump(exclude_defaults=True, by_alias=True, mode="json")
    if not original:
        return data
    kept: dict[str, Any] = _keep_written(data, model.model_dump(by_alias=True, mode="json"),
                                         original)
    return kept


def _keep_written(data: Any, full: Any, original: Any) -> Any:
    if isinstance(data, dict) and isinstance(full, dict) and isinstance(original, dict):
        for key, value in original.items():
            if key not in data and key in full and _same(full[key], value):
                data[key] = full[key]
        merged = {key: _keep_written(value, full.get(key), original.get(key))
                  for key, value in data.items()}
        order = [key for key in original if key in merged] + [key for key in merged
                                                              if key not in original]
        return {key: merged[key] for key in order}
    if isinstance(data, list) and isinstance(full, list) and isinstance(original, list) \
            and len(data) == len(full):
        return [_keep_written(item, full_item, original[index] if index < len(original)
                              else None)
                for index, (item, full_item) in enumerate(zip(data, full, strict=True))]
    return data


def _same(dumped: Any, written: Any) -> bool:
    return dumped == written or (isinstance(written, bool | int | float)
                                 and str(dumped) == str(written))


def yaml_text(model: BaseModel, kind: SchemaKind, path: Path, root: Path) -> str:
    """A new file for the model at `path` in workspace `root`: the schema line first, no
    default values, keys in field order."""
    return f"{schema_comment(kind, path, root)}\n{dump(model_data(model))}"


def _layout(old_text: str) -> tuple[list[str], dict[str, list[str]], set[int]]:
    """The opening comment lines of a file, the comment lines above each top-level key,
    and the numbers (from 0) of all those lines: the comments a rewrite can keep."""
    lines = old_text.splitlines()
    opening: list[str] = []
    kept: set[int] = set()
    body_start = 0
    while body_start < len(lines) and (lines[body_start].startswith("#")
                                       or not lines[body_start].strip()):
        if lines[body_start].strip():
            opening.append(lines[body_start])
            kept.add(body_start)
        body_start += 1
    above: dict[str, list[str]] = {}
    pending: list[int] = []
    for number in range(body_start, len(lines)):
        line = lines[number]
        if line.startswith("#"):
            pending.append(number)
            continue
        match = _TOP_KEY.match(line)
        if match and pending:
            above[match.group(1)] = [lines[n] for n in pending]
            kept.update(pending)
        if match or line.strip():
            pending = []
    return opening, above, kept


def rewritten_text(old_text: str, data: Any) -> str:
    """`data` written over a file whose text was `old_text`: its opening comments, the
    comments above each top-level key, and the folded or quoted style of each text are
    kept."""
    opening, above, _ = _layout(old_text)
    out = list(opening)
    styled = _with_styles(data, _styles(_composed(old_text), old_text.splitlines()), ())
    padded = _PADDED_FLOW_MAP.search(old_text) is not None
    for line in dump(styled).splitlines():
        if padded:  # `- { id: x, at: "+0:20" }`, as this author writes them
            line = _FLOW_MAP_ITEM.sub(r"\1{ \2 }", line)
        match = _TOP_KEY.match(line)
        if match:
            out += above.get(match.group(1), [])
        out.append(line)
    return "\n".join(out) + "\n"


def lost_comments(old_text: str) -> int:
    """How many comment lines of `old_text` `rewritten_text` cannot keep (those inside a
    value, or after a value on its line)."""
    _, _, kept = _layout(old_text)
    return len(_comment_lines(old_text) - kept)


def _composed(text: str) -> yaml.Node | None:
    """The file's node tree (it was read safely and validated before)."""
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None


_Path = tuple[Any, ...]


def _styles(node: yaml.Node | None, lines: list[str],
            path: _Path = ()) -> dict[_Path, tuple[str, int]]:
    """Data path → (style, width) of every text the author folded (`>`) or quoted; the
    width is that of the longest line of a folded text."""
    found: dict[_Path, tuple[str, int]] = {}
    if isinstance(node, yaml.ScalarNode) and node.style in (">", '"', "'"):
        written = lines[node.start_mark.line + 1:node.end_mark.line]
        found[path] = (node.style, max((len(line.rstrip()) for line in written),
                                       default=FOLD_WIDTH))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            found |= _styles(item, lines, (*path, index))
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                found |= _styles(value, lines, (*path, key.value))
    return found


def _with_styles(data: Any, styles: dict[_Path, tuple[str, int]], path: _Path) -> Any:
    if isinstance(data, str) and path in styles:
        styled = _Styled(data)
        styled.style, styled.width = styles[path]
        return styled
    if isinstance(data, dict):
        return {key: _with_styles(value, styles, (*path, key)) for key, value in data.items()}
    if isinstance(data, list):
        return [_with_styles(item, styles, (*path, index)) for index, item in enumerate(data)]
    return data


def _comment_lines(text: str) -> set[int]:
    """Numbers (from 0) of the lines that hold a comment: a `#` after a space or at the
    start of a line, outside every scalar."""
    root = _composed(text)
    spans: list[tuple[tuple[int, int], tuple[int, int]]] = []
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            spans.append(((node.start_mark.line, node.start_mark.column),
                          (node.end_mark.line, node.end_mark.column)))
        elif isinstance(node, yaml.SequenceNode):
            stack += node.value
        elif isinstance(node, yaml.MappingNode):
            stack += [part for pair in node.value for part in pair]
    found: set[int] = set()
    for number, line in enumerate(text.splitlines()):
        for match in re.finditer(r"(?:^|(?<=\s))#", line):
            place = (number, match.start())
            if not any(start <= place < end for start, end in spans):
                found.add(number)
                break
    return found
