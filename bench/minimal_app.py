"""The baseline for start-up: the smallest Textual app, measured like `ttx run`."""

from textual.app import App, ComposeResult
from textual.widgets import Static

MARKER = "BASELINE-READY"


class MinimalApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Static(MARKER)


if __name__ == "__main__":
    MinimalApp().run()
