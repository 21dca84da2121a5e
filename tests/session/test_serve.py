"""`ttx serve` in a real headless Chromium: a seat's link shows that seat's screen, a
wrong or missing token is refused (403), and nothing is left running."""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.session.conftest import DECISION, SCENARIO_ID, events_at
from ttx.session.events import MoveRecorded

PATIENCE = 60.0
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--remote-debugging-port=0", "--window-size=1280,900"]
RECORD_SCREEN = """(() => {
  const Native = window.WebSocket;
  window.ttxReceived = [];
  window.WebSocket = function (url, protocols) {
    const socket = new Native(url, protocols);
    socket.addEventListener("message", (event) => {
      const data = event.data;
      if (typeof data === "string") window.ttxReceived.push(data);
      else if (data instanceof Blob) data.text().then((text) => window.ttxReceived.push(text));
      else window.ttxReceived.push(new TextDecoder().decode(data));
    });
    return socket;
  };
  window.WebSocket.prototype = Native.prototype;
  Object.assign(window.WebSocket, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
})();"""
"""Keeps what the seat process sent to the page: the terminal draws it on a canvas."""
ESCAPES = re.compile(r"\x1b\[[0-9;:?<=>]*[ -/]*[@-~]|\x1b[PX^_].*?\x1b\\|\x1b\][^\x07]*\x07|"
                     r"\x1b[@-Z\\-_]")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _stop(process: subprocess.Popen[Any]) -> None:
    """Stop a process group we started (the server and the seat processes it ran)."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@pytest.fixture
def served(workspace: Path, request: pytest.FixtureRequest) -> Iterator[dict[str, str]]:
    """`ttx serve` on a new session (a file, or on PostgreSQL when the test asks for
    "postgres"); the links it printed, by seat name, and `session`."""
    where: list[str] = []
    if getattr(request, "param", "sqlite") == "postgres":
        where = ["--journal", request.getfixturevalue("pg_cluster").url()]
    started = subprocess.run([sys.executable, "-m", "ttx", "session", "start", SCENARIO_ID,
                              *where], cwd=workspace, capture_output=True, text=True,
                             check=True)
    subprocess.run([sys.executable, "-m", "ttx", "session", "deliver", started.stdout.strip(),
                    DECISION], cwd=workspace, capture_output=True, check=True)
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "ttx", "serve", started.stdout.strip(), "--port", str(port)],
        cwd=workspace, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True)
    try:
        assert server.stdout is not None and server.stderr is not None
        heading = server.stdout.readline()
        assert heading.startswith("serving "), heading + server.stderr.read()
        links: dict[str, str] = {}
        while len(links) < 6:
            name, _, link = server.stdout.readline().rstrip().rpartition("  ")
            links[name.strip()] = link
        assert all(link.startswith(f"http://127.0.0.1:{port}/seat/") for link in links.values())
        deadline = time.monotonic() + PATIENCE
        while True:  # listening yet?
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline and server.poll() is None, \
                    server.stderr.read()
                time.sleep(0.1)
        links["session"] = started.stdout.strip() if where else \
            str(workspace / started.stdout.strip())
        yield links
    finally:
        _stop(server)


def _status(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_serve_prints_one_link_per_seat_with_its_own_token(served: dict[str, str]) -> None:
    assert list(served)[:-1] == ["facilitator", "evaluator", "player US (United States delegation)",
                            "player JPN (Japan delegation)",
                            "player ROK (Republic of Korea delegation)", "display (room)"]
    tokens = [link.rsplit("/", 1)[1] for name, link in served.items() if name != "session"]
    assert len(set(tokens)) == 6 and all(len(token) >= 32 for token in tokens)


def test_a_wrong_or_missing_token_is_refused(served: dict[str, str]) -> None:
    good = served["display (room)"]
    base = good.split("/seat/")[0]
    for url in (f"{base}/", f"{base}/seat/", f"{base}/seat/{'x' * 32}",
                good[:-1] + ("A" if good[-1] != "A" else "B"), f"{good}/../nothing",
                f"{base}/seat/{'x' * 32}/ws"):
        status, body = _status(url)
        assert status == 403 or (status == 404 and url.endswith("nothing")), (url, status)
        assert "ws://" not in body
    status, body = _status(good)
    assert status == 200 and f"{good}/ws" in body.replace("ws://", "http://")


class Chromium:
    """A headless Chromium driven over the DevTools protocol."""

    def __init__(self, binary: str, profile: Path) -> None:
        self.process = subprocess.Popen(
            [binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
            start_new_session=True)
        assert self.process.stderr is not None
        for line in self.process.stderr:
            if "DevTools listening on " in line:
                self.port = int(line.split("127.0.0.1:")[1].split("/")[0])
                break
        else:
            raise RuntimeError("Chromium did not start its DevTools endpoint")

    def page_text(self, url: str, wanted: list[str],
                  then: list[tuple[str, str]] | None = None) -> tuple[str, str]:
        """The page's text and the screen its seat drew, once every `wanted` text is in
        one of them (or at the deadline). `then`: keys to type after that, each
        ("text", TEXT) or ("ctrl", KEY), and texts to wait for again, ("wait", TEXT)."""
        return asyncio.run(self._page_text(url, wanted, then or []))

    async def _page_text(self, url: str, wanted: list[str], then: list[tuple[str, str]]
                         ) -> tuple[str, str]:
        import aiohttp

        async with aiohttp.ClientSession() as http:
            async with http.get(f"http://127.0.0.1:{self.port}/json/list") as response:
                targets = await response.json(content_type=None)
            page = next(t for t in targets if t["type"] == "page")
            async with http.ws_connect(page["webSocketDebuggerUrl"], max_msg_size=0) as ws:
                ids = iter(range(1, 10_000))

                async def call(method: str, **params: Any) -> Any:
                    number = next(ids)
                    await ws.send_str(json.dumps({"id": number, "method": method,
                                                  "params": params}))
                    async for message in ws:
                        reply = json.loads(message.data)
                        if reply.get("id") == number:
                            return reply.get("result", {})
                    raise RuntimeError("DevTools closed")

                async def seen(texts: list[str]) -> tuple[str, str]:
                    deadline = time.monotonic() + PATIENCE
                    while True:
                        await asyncio.sleep(0.25)
                        result = await call("Runtime.evaluate", returnByValue=True, expression=(
                            "JSON.stringify([document.body ? document.body.innerText : '',"
                            " (window.ttxReceived || []).join('')])"))
                        text, screen = json.loads(
                            result.get("result", {}).get("value", '["",""]'))
                        screen = ESCAPES.sub("", screen)
                        if all(w in text or w in screen for w in texts) \
                                or time.monotonic() > deadline:
                            return text, screen

                await call("Page.enable")
                await call("Page.addScriptToEvaluateOnNewDocument", source=RECORD_SCREEN)
                await call("Page.navigate", url=url)
                found = await seen(wanted)
                if then:
                    await call("Runtime.evaluate", expression=(
                        "document.querySelector('.xterm-helper-textarea').focus()"))
                for kind, value in then:
                    if kind == "text":
                        await call("Input.insertText", text=value)
                    elif kind == "ctrl":
                        for event in ("keyDown", "keyUp"):
                            await call("Input.dispatchKeyEvent", type=event, modifiers=2,
                                       key=value, code=f"Key{value.upper()}",
                                       windowsVirtualKeyCode=ord(value.upper()))
                    else:
                        found = await seen([value])
                    await asyncio.sleep(0.3)  # one key at a time, as a person types
                return found

    def close(self) -> None:
        _stop(self.process)


@pytest.fixture
def chromium(tmp_path: Path) -> Iterator[Chromium]:
    binary = shutil.which("chromium")
    if binary is None:
        pytest.skip("chromium is not installed (`make setup` installs it)")
    browser = Chromium(binary, tmp_path / "profile")
    try:
        yield browser
    finally:
        browser.close()


def test_a_seat_link_shows_that_seat_and_a_bad_one_is_refused_in_chromium(
        served: dict[str, str], chromium: Chromium) -> None:
    _, screen = chromium.page_text(served["display (room)"], ["UNCLASSIFIED", "Port"])
    assert "UNCLASSIFIED" in screen, screen[-2000:]
    assert "Port" in screen
    _, console = chromium.page_text(served["facilitator"], ["UNCLASSIFIED", "facilitator seat"])
    assert "facilitator seat" in console, console[-2000:]
    assert "facilitator seat" not in screen, "the room display is not a console"
    bad = served["facilitator"].rsplit("/", 1)[0] + "/" + "x" * 32
    text, drawn = chromium.page_text(bad, ["403"])
    assert "403" in text and "not valid" in text and drawn == ""


@pytest.mark.parametrize("served", ["sqlite", "postgres"], indirect=True)
def test_a_delegation_page_shows_its_inbox_and_records_a_move(
        served: dict[str, str], chromium: Chromium) -> None:
    _, screen = chromium.page_text(
        served["player JPN (Japan delegation)"], ["Inbox", "How to share the indicators?"],
        then=[("text", "m"), ("wait", "Share"), ("text", "Share through GSOMIA"),
              ("ctrl", "s"), ("wait", "Share through GSOMIA")])
    assert "Inbox" in screen and "How to share the indicators?" in screen, screen[-2000:]
    deadline = time.monotonic() + PATIENCE
    while True:
        moves = [event for event in events_at(served["session"])
                 if event.type == "move_recorded"]
        if moves or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert [(m.seat, m.payload.role, m.payload.text) for m in moves
            if isinstance(m.payload, MoveRecorded)] == [
        ("player:JPN", "JPN", "Share through GSOMIA")]
