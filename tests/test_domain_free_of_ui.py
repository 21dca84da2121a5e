"""The domain layers never load Textual: the CLI and TUI are faces over them."""

import subprocess
import sys
from pathlib import Path

DOMAIN = ("ttx.model", "ttx.authoring", "ttx.msel", "ttx.session", "ttx.report",
          "ttx.rendering", "ttx.docs")


def test_domain_packages_do_not_import_textual() -> None:
    code = (
        "import importlib, pkgutil, sys\n"
        f"for name in {DOMAIN!r}:\n"
        "    package = importlib.import_module(name)\n"
        "    for info in pkgutil.walk_packages(package.__path__, name + '.'):\n"
        "        importlib.import_module(info.name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"


def test_cli_start_up_loads_no_heavy_library() -> None:
    code = (
        "import sys\n"
        "from ttx.cli import build_parser\n"
        "build_parser()\n"
        "heavy = {'textual', 'weasyprint', 'matplotlib', 'openpyxl'}\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"


def test_session_verbs_load_no_heavy_library(tmp_path: Path) -> None:
    code = (
        "import contextlib, io, os, sys\n"
        "from ttx.cli import main\n"
        "from ttx.authoring.scaffold import init_workspace\n"
        f"init_workspace(__import__('pathlib').Path({str(tmp_path / 'ws')!r}))\n"
        f"os.chdir({str(tmp_path / 'ws')!r})\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        "    assert main(['session', 'start', 'example-port-outage', '-o', 's.ttx']) == 0\n"
        "    for verb in (['note', 's.ttx', 'x'], ['pause', 's.ttx'],\n"
        "                 ['amend', 's.ttx', '3', 'y'], ['show', 's.ttx'],\n"
        "                 ['show', 's.ttx', '--json'], ['end', 's.ttx']):\n"
        "        assert main(['session', *verb]) == 0\n"
        "heavy = {'textual', 'weasyprint', 'matplotlib', 'openpyxl'}\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"
