"""The web server behind `ttx serve`: textual-serve, one URL and one token per seat.

textual-serve runs a command per browser connection and relays its screen over a
websocket. Here each seat has its own unguessable token in its path (`/seat/TOKEN`),
and the token alone decides which seat process a connection runs: the visitor cannot
choose another. A missing or wrong token is 403, the same answer for both, compared in
constant time. Seats share nothing but the session's journal.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

import aiohttp_jinja2
from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

REFUSED = "403: this seat link is not valid; ask the facilitator for yours\n"


@dataclass(frozen=True)
class SeatLink:
    """One seat served: what it is called, its token, the command that runs it."""

    name: str
    token: str
    command: str


def new_token() -> str:
    """192 random bits, URL-safe."""
    return secrets.token_urlsafe(24)


class SeatServer(Server):
    """A textual-serve server whose every page and websocket is fixed by a seat token."""

    def __init__(self, seats: list[SeatLink], *, host: str, port: int,
                 public_url: str | None, title: str) -> None:
        super().__init__("ttx", host=host, port=port, public_url=public_url, title=title)
        self.seats = seats

    def seat_of(self, request: web.Request) -> SeatLink:
        """The seat the request's token names; 403 otherwise (the same for every miss)."""
        token = request.match_info.get("token", "")
        found = None
        for seat in self.seats:  # every token compared, in constant time
            if secrets.compare_digest(seat.token.encode(), token.encode()):
                found = seat
        if found is None:
            raise web.HTTPForbidden(text=REFUSED)
        return found

    def url_of(self, seat: SeatLink) -> str:
        return f"{self.public_url}/seat/{seat.token}"

    async def _make_app(self) -> web.Application:
        app = web.Application()
        aiohttp_jinja2.setup(app, loader=_templates(self))
        app.add_routes([
            web.get("/seat/{token}", self.handle_seat_page),
            web.get("/seat/{token}/ws", self.handle_seat_websocket),
            web.get("/", self.handle_refused),
            web.get("/seat/", self.handle_refused),
            web.static("/static", self.statics_path, name="static"),
        ])
        app.on_startup.append(self.on_startup)
        return app

    async def on_startup(self, app: web.Application) -> None:
        """Quiet: `ttx serve` prints the seats' links itself."""

    async def handle_refused(self, request: web.Request) -> web.Response:
        raise web.HTTPForbidden(text=REFUSED)

    async def handle_seat_page(self, request: web.Request) -> web.Response:
        seat = self.seat_of(request)
        websocket = self.url_of(seat) + "/ws"
        websocket = ("wss:" if websocket.startswith("https:") else "ws:") + \
            websocket.split(":", 1)[1]
        context: dict[str, Any] = {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": websocket,
            "config": {"static": {"url": f"{self.public_url}/static/"}},
            "application": {"name": f"ttx · {seat.name}"},
        }
        response = aiohttp_jinja2.render_template("app_index.html", request, context)
        response.headers["Referrer-Policy"] = "no-referrer"  # the token stays here
        response.headers["Cache-Control"] = "no-store"
        return response

    async def handle_seat_websocket(self, request: web.Request) -> web.WebSocketResponse:
        seat = self.seat_of(request)
        websocket = web.WebSocketResponse(heartbeat=15)
        await websocket.prepare(request)

        async def close() -> None:
            await websocket.close()
        service = AppService(seat.command, write_bytes=websocket.send_bytes,
                             write_str=websocket.send_str, close=close,
                             download_manager=self.download_manager, debug=False)
        try:
            await service.start(to_int(request.query.get("width", "80"), 80),
                                to_int(request.query.get("height", "24"), 24))
            await self._process_messages(websocket, service)
        finally:
            await service.stop()
        return websocket


def _templates(server: Server) -> Any:
    import jinja2

    return jinja2.FileSystemLoader(server.templates_path)
