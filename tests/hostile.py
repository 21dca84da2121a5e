"""Text that is markup to Textual and commands to a terminal, for the tests that check
ttx shows it and obeys none of it: a workspace whose every authored field holds some,
and what to type into the forms."""

from __future__ import annotations

import re
from pathlib import Path

HOSTILE_WORKSPACE = Path(__file__).parent / "hostile_workspace"
SCENARIO_ID = "hostile"
SHARE = "h-01-share"
CLICK = "h-02-click"
CONTINGENCY = "h-03-contingency"

SHARE_TITLE = "Share indicators [/] now \x1b]0;INJECT-TITLE\x07"
"""The title of the first inject, as authored (an OSC 0 window title)."""
CLICK_TITLE = "[@click=app.quit]Quit[/] \x9b2J"
"""The second inject's: a Textual action, and an 8-bit CSI."""
CONTINGENCY_TITLE = "Contingency [/] \x1b]0;CONTINGENCY\x07"
MODULE_TWO = "Module [@click=app.quit]two[/]"

TYPED = "typed [/] [@click=app.quit]quit[/] [bold]x"
"""What a facilitator types into a field: markup, every kind."""
PASTED = "pasted \x1b]0;PASTED-TITLE\x07 \x1b]52;c;UEFTVEVE\x07 \x1b[2J \x9b1m"
"""What a paste or another process may bring: OSC 0, OSC 52, CSI, 8-bit CSI."""

_RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def raw_controls(text: str) -> list[str]:
    """The control characters (other than tab and newline) in `text`: none may reach a
    terminal."""
    return _RAW.findall(text)


def shown(text: str) -> str:
    """`text` as the screen and the command line show it: each control character
    written out as Python would (`\\x1b`)."""
    return "".join(f"\\x{ord(c):02x}" if _RAW.match(c) else c for c in text)
