"""The text of MSEL cells that hold more than one thing, written and read back.

Formats (export writes them, import reads them and the looser forms planners use):

* **To**: role ids separated by commas, `All` for every player role (`US, JPN`).
  Import also splits on `/`, `;`, `&`, `and` and new lines, and maps common names
  ("United States", "Japan", "South Korea", "White Cell", "North Korea", …) to role ids.
* **Expected Player Action** and **Questions**: one item a line, `ROLE: text`, with
  `All: text` for every player role; a line indented by spaces continues the item above.
  A line without a role prefix is for all players.
* **Objectives**: one a line, `OBJ-1: objective text`; a bare `OBJ-1`, or a bare text
  (which becomes a new objective), is read too. **Capability**: one a line, alongside.
* **Method**: the ttx method; import also reads common words (`Phone call`, `E-mail`,
  `TV`, `Social media`, `Diplomatic cable`); anything else becomes `other`.
* **Options**: one a line, `option-id: label -> inject-id, inject-id` (the arrow and
  what follows are left out when the option leads nowhere).

A CSV cell that a spreadsheet would read as a formula (one starting with `=`, `+`, `-`,
`@`, a tab or a carriage return, as OWASP lists them) is written with a leading `'`, and so
is one that starts with `'` itself; reading a CSV removes that one `'` again, so every text
comes back exactly, `-5 knots` and `'quoted'` alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ttx.model import ALL_RECIPIENTS, Method, RoleKind
from ttx.model.ids import OBJECTIVE_PATTERN, SLUG_PATTERN
from ttx.model.wording import one_line

ALL_LABEL = "All"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a CSV cell as a formula (OWASP, CSV injection)."""
GUARD = "'"

_ROLE_ALIASES: dict[str, tuple[str, ...]] = {
    "US": ("us", "usa", "united states", "united states of america", "america", "usg",
           "u s", "united states delegation"),
    "JPN": ("jpn", "japan", "jp", "goj", "government of japan", "japan delegation"),
    "ROK": ("rok", "korea", "south korea", "republic of korea", "kor", "rok delegation",
            "republic of korea delegation", "south korea delegation"),
    "WHITE": ("white", "white cell", "control", "control cell", "excon", "exercise control",
              "simcell", "sim cell", "simulation cell", "controller", "controllers"),
    "DPRK": ("dprk", "north korea", "nk", "democratic people s republic of korea"),
}
_ALL_ALIASES = ("all", "all players", "everyone", "all participants", "all delegations",
                "all roles")
ROLE_NAMES = {"US": "United States", "JPN": "Japan", "ROK": "Republic of Korea",
              "WHITE": "White cell (exercise control)", "DPRK": "DPRK"}
ROLE_KINDS = {"WHITE": RoleKind.control, "DPRK": RoleKind.adversary}
_METHODS: dict[str, Method] = {
    "brief": Method.briefing, "briefing": Method.briefing, "presentation": Method.briefing,
    "verbal": Method.briefing, "situation update": Method.briefing,
    "intel": Method.intel, "intelligence": Method.intel, "intel report": Method.intel,
    "report": Method.intel,
    "news": Method.news, "media": Method.news, "press": Method.news, "tv": Method.news,
    "news report": Method.news, "video": Method.news, "radio": Method.news,
    "social": Method.social, "social media": Method.social, "twitter": Method.social,
    "x": Method.social,
    "phone": Method.phone, "telephone": Method.phone, "phone call": Method.phone,
    "call": Method.phone,
    "email": Method.email, "e mail": Method.email, "mail": Method.email,
    "cable": Method.cable, "diplomatic cable": Method.cable, "message traffic": Method.cable,
    "orders": Method.orders, "order": Method.orders, "tasking": Method.orders,
    "directive": Method.orders,
    "other": Method.other,
}


def _name_key(name: str) -> str:
    return " ".join(re.sub(r"[\W_]+", " ", name.casefold()).split())


_ALIAS_TO_ROLE = {_name_key(alias): role for role, aliases in _ROLE_ALIASES.items()
                  for alias in aliases}
_ALIAS_TO_ROLE |= {_name_key(alias): ALL_RECIPIENTS for alias in _ALL_ALIASES}


def role_id(name: str) -> str | None:
    """The role id for a recipient name: `all`, a known alias, else the upper-case slug."""
    known = _ALIAS_TO_ROLE.get(_name_key(name))
    if known is not None:
        return known
    slug = re.sub(r"[^A-Z0-9]+", "-", name.strip().upper()).strip("-")
    if not slug:
        return None
    return (slug if slug[0].isalpha() else f"R{slug}")[:40].rstrip("-")


def known_role(name: str) -> str | None:
    """The role id only when `name` is a known alias or already looks like a role id."""
    text = name.strip()
    known = _ALIAS_TO_ROLE.get(_name_key(text))
    if known is not None:
        return known
    if re.fullmatch(r"[A-Z][A-Z0-9_-]{0,11}", text):
        return text
    return None


def format_recipients(to: list[str] | None) -> str:
    if to is None:
        return ALL_LABEL
    return ", ".join(ALL_LABEL if role == ALL_RECIPIENTS else role for role in to)


def parse_recipients(text: str) -> list[str]:
    """Role ids (or `all`) named in a To cell, in order, without repeats."""
    parts = re.split(r"[,;/&\n]|\s+and\s+|\s+\+\s+", text)
    recipients: list[str] = []
    for part in parts:
        found = role_id(part) if part.strip() else None
        if found and found not in recipients:
            recipients.append(found)
    if ALL_RECIPIENTS in recipients:
        return [ALL_RECIPIENTS]
    return recipients


def format_by_role(items: dict[str, list[str]]) -> str:
    """`ROLE: text` lines; continuation lines of a multi-line item indented by two spaces."""
    lines: list[str] = []
    for role, texts in items.items():
        label = ALL_LABEL if role == ALL_RECIPIENTS else role
        for text in texts:
            first, *rest = text.strip().splitlines() or [""]
            lines.append(f"{label}: {first}")
            lines += [f"  {line}" for line in rest]
    return "\n".join(lines)


def parse_by_role(text: str) -> dict[str, list[str]]:
    """Items by role id (or `all`) from `ROLE: text` lines; see the module docstring."""
    items: list[tuple[str, list[str]]] = []
    for raw in text.splitlines():
        if not raw.strip():
            continue
        if raw[:1] in (" ", "\t") and items:
            items[-1][1].append(raw.strip())
            continue
        line = re.sub(r"^\s*(?:[-*•·]|\d+[.)])\s+", "", raw).strip()
        role, item = ALL_RECIPIENTS, line
        prefix = re.match(r"([^:]{1,40}):\s*(.*)", line)
        if prefix:
            found = known_role(prefix.group(1))
            if found is not None:
                role, item = found, prefix.group(2).strip()
        items.append((role, [item]))
    result: dict[str, list[str]] = {}
    for role, lines in items:
        if any(lines):
            result.setdefault(role, []).append("\n".join(lines))
    return result


def format_objectives(objective_ids: Iterable[str], texts: dict[str, str]) -> str:
    return "\n".join(f"{oid}: {texts[oid]}" if texts.get(oid) else oid
                     for oid in objective_ids)


def parse_objectives(text: str) -> list[tuple[str | None, str]]:
    """(id or None, text) for each objective in a cell; text is empty for a bare id."""
    lines = [line.strip(" \t-*•") for line in re.split(r"[\n;]", text) if line.strip()]
    if len(lines) == 1 and "," in lines[0]:
        parts = [p.strip() for p in lines[0].split(",")]
        if all(re.fullmatch(OBJECTIVE_PATTERN, p) for p in parts):
            lines = parts
    entries: list[tuple[str | None, str]] = []
    for line in lines:
        match = re.fullmatch(r"([A-Z][A-Z0-9]*-[0-9A-Za-z.-]+)\s*(?::\s*(.*))?", line, re.S)
        if match and re.fullmatch(OBJECTIVE_PATTERN, match.group(1)) and len(match.group(1)) <= 40:
            entries.append((match.group(1), (match.group(2) or "").strip()))
        else:
            entries.append((None, line))
    return entries


def format_options(options: Iterable[tuple[str, str, list[str], list[str]]]) -> str:
    """One line per option: `id: label -> targets [sets a, b]` (the arrow and the bracket
    only when there are targets or conditions)."""
    lines = []
    for option_id, label, leads_to, sets in options:
        arrow = f" -> {', '.join(leads_to)}" if leads_to else ""
        condition_list = f" [sets {', '.join(sets)}]" if sets else ""
        lines.append(f"{option_id}: {' '.join(label.split())}{arrow}{condition_list}")
    return "\n".join(lines)


def parse_options(text: str) -> list[tuple[str, str, list[str], list[str]]]:
    """(id, label, leads_to, sets) for each option line; an option without an id gets its
    label's slug."""
    options: list[tuple[str, str, list[str], list[str]]] = []
    for raw in text.splitlines():
        line = re.sub(r"^\s*(?:[-*•]|\d+[.)])\s+", "", raw).strip()
        if not line:
            continue
        sets: list[str] = []
        condition_list = re.search(r"\[sets\s+([^\]]*)\]\s*$", line)
        if condition_list:
            sets = [c.strip() for c in re.split(r"[,;\s]+", condition_list.group(1)) if c.strip()]
            line = line[:condition_list.start()].rstrip()
        leads_to: list[str] = []
        if "->" in line:
            line, targets = line.rsplit("->", 1)
            leads_to = [t.strip() for t in re.split(r"[,;\s]+", targets) if t.strip()]
        line = line.strip()
        match = re.match(r"([a-z0-9][a-z0-9-]*)\s*:\s*(.+)", line)
        if match and re.fullmatch(SLUG_PATTERN, match.group(1)):
            options.append((match.group(1), match.group(2).strip(), leads_to, sets))
        else:
            options.append((slug(line, 40) or f"option-{len(options) + 1}", line, leads_to, sets))
    return options


def slug(text: str, limit: int = 48) -> str:
    """A lower-case id from text: ASCII letters and digits joined by hyphens, cut at a word."""
    words = re.sub(r"[^a-z0-9]+", " ", text.casefold()).split()
    result = ""
    for word in words:
        candidate = f"{result}-{word}" if result else word
        if len(candidate) > limit:
            break
        result = candidate
    return result or (words[0][:limit] if words else "")


def is_yes(text: str) -> bool:
    """A cell that says yes: `yes`, `y`, `x`, `true`, `1`, `contingency`, `✓`."""
    return _name_key(text) in {"yes", "y", "x", "true", "1", "contingency", "optional", "on call"} \
        or text.strip() in {"✓", "✔"}


def parse_method(text: str) -> Method | None:
    """The delivery method a Method cell names (`Phone call`, `E-mail`, `TV`), or None."""
    return _METHODS.get(_name_key(text))


def tidy(text: str, *, multi_line: bool) -> str:
    """Text as an author writes it: trailing spaces gone; multi-line text ends with one
    new line, a single line with none (one-line fields keep one line)."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").strip().splitlines()]
    if not multi_line:
        return one_line(" ".join(lines))
    return "\n".join(lines) + "\n" if len(lines) > 1 else "".join(lines)


def guard_formula(text: str) -> str:
    """A CSV cell's text that no spreadsheet runs as a formula: `'` before a formula start
    (and before a `'`, so that reading it back is exact)."""
    return GUARD + text if text.startswith((*FORMULA_STARTS, GUARD)) else text


def unguard_formula(text: str) -> str:
    """The text `guard_formula` was given: one leading `'` removed where it guards."""
    if text.startswith(GUARD) and text[1:].startswith((*FORMULA_STARTS, GUARD)):
        return text[1:]
    return text
