"""The command palette (ctrl+p): every action this seat may use, as `group: verb`."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from ttx.session.seats import Seat
from ttx.tui.keymap import ConsoleKey, keys_for


class ConsoleCommands(Provider):
    """Lists the console's actions; running one is the same as pressing its key."""

    def _keys(self) -> list[ConsoleKey]:
        if not getattr(self.app, "is_open", True):
            return []  # still opening the session: nothing to act on yet
        seat = getattr(self.app, "seat", Seat.parse("facilitator"))
        return [key for key in keys_for(seat) if key.action != "command_palette"]

    async def _run(self, key: ConsoleKey) -> None:
        console = getattr(self.app, "console_screen", None)
        await self.app.run_action(key.action, console if key.group != "app" else self.app)

    async def discover(self) -> Hits:
        for key in self._keys():
            yield DiscoveryHit(key.command, partial(self._run, key), help=key.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for key in self._keys():
            score = matcher.match(key.command)
            if score > 0:
                yield Hit(score, matcher.highlight(key.command), partial(self._run, key),
                          help=key.help)
