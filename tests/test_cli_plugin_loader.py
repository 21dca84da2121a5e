"""The command line disables pydantic's plugins and skips looking for them: journal rows
are still validated, and `importlib.metadata` (what the looking costs) is never loaded."""

import subprocess
import sys

VALIDATE_A_ROW = """
import os, sys
{environment}
from ttx.cli import skip_plugin_discovery
skip_plugin_discovery()
from ttx.session.events import DamagedPayload, payload_of
print(payload_of("note_added", '{{"text": "radar contact"}}').text)
try:
    payload_of("note_added", '{{"txt": 1}}')
except DamagedPayload as error:
    print(error)
print("importlib.metadata" in sys.modules)
"""


def _run(environment: str) -> list[str]:
    code = VALIDATE_A_ROW.format(environment=environment)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    return result.stdout.splitlines()


def test_with_plugins_disabled_rows_are_validated_without_looking_for_plugins() -> None:
    shown = _run("os.environ['PYDANTIC_DISABLE_PLUGINS'] = '__all__'")
    assert shown == ["radar contact", "no 'text'", "False"]


def test_a_plugin_left_enabled_keeps_pydantic_looking_for_plugins() -> None:
    shown = _run("os.environ['PYDANTIC_DISABLE_PLUGINS'] = 'some-plugin'")
    assert shown == ["radar contact", "no 'text'", "True"]


def test_what_else_pydantic_asks_of_the_loader_comes_from_the_real_one() -> None:
    code = """
import os, sys
os.environ['PYDANTIC_DISABLE_PLUGINS'] = '__all__'
from ttx.cli import PLUGIN_LOADER, skip_plugin_discovery
skip_plugin_discovery()
from pydantic.plugin._loader import PYDANTIC_ENTRY_POINT_GROUP, get_plugins
print(PYDANTIC_ENTRY_POINT_GROUP, list(get_plugins()))
print(sys.modules[PLUGIN_LOADER].__file__.endswith('_loader.py'))
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.splitlines() == ["pydantic []", "True"]
