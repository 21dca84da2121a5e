"""The documents before play, from the three seed scenarios.

The Situation Manual is what players read: no expected action, facilitator note or
control-only inject of any seed scenario may reach it, in any format. The guide has
everything; the EEGs one page per objective with its tasks, lines, boxes and the key.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest
from docx import Document

from tests.helpers.pdf import page_count
from tests.helpers.word import style_name
from ttx.authoring.resolve import resolve_scenario
from ttx.docs.build import build_document
from ttx.docs.render import render, render_html
from ttx.model.resolved import ResolvedScenario
from ttx.rendering.authored import authored_blocks
from ttx.rendering.formatting import paragraphs

REPOSITORY = Path(__file__).resolve().parents[2]
SEEDS = sorted(path.stem for path in (REPOSITORY / "scenarios").glob("*.yaml"))
MARKING = "UNCLASSIFIED // FOR EXERCISE PURPOSES ONLY"


def flat(text: str) -> str:
    """Whitespace collapsed, print joiners and Markdown emphasis marks removed."""
    return " ".join(text.replace("\u2060", "").replace("\u200b", "").replace("*", "")
                    .split())


def text_of_html(html: str) -> str:
    body = html.split("<body", 1)[1]
    return plain(body)


INLINE = re.compile(r"</?(?:strong|em|span|b|i|code)\b[^>]*>")
"""Tags inside a sentence: removed without a space."""


def plain(html: str) -> str:
    return flat(unescape(re.sub(r"<[^>]+>", " ", INLINE.sub("", html))))


def control_material(resolved: ResolvedScenario) -> list[str]:
    """Every expected action, note paragraph and control-only inject text of a scenario."""
    texts: list[str] = []
    for inject in resolved.injects.values():
        texts += [item for items in inject.expected.values() for item in items]
        texts += paragraphs(inject.notes) if inject.notes.strip() else []
        if inject.control_only:
            texts += [inject.title, *blocks_of(inject.body)]
    return [flat(text) for text in texts if len(flat(text)) >= 12]


def blocks_of(markdown: str) -> list[str]:
    """The text of each block (paragraph, list item, table cell) of authored Markdown, as
    the documents print it."""
    html = str(authored_blocks(markdown))
    return [plain(block) for block in re.split(r"</(?:p|li|td|th|blockquote|pre)>", html)]


@pytest.fixture(scope="module", params=SEEDS)
def seed(request: pytest.FixtureRequest) -> ResolvedScenario:
    return resolve_scenario(request.param, cwd=REPOSITORY)


def test_there_are_three_seed_scenarios() -> None:
    assert len(SEEDS) >= 3


def test_no_control_material_reaches_the_situation_manual(seed: ResolvedScenario) -> None:
    material = control_material(seed)
    assert material, "a seed scenario with no control material tests nothing"
    sitman = build_document(seed, "sitman")
    html = text_of_html(render_html(sitman))
    printed = text_of_html(render_html(sitman, for_print=True))
    word = Document(__import__("io").BytesIO(render(sitman, "docx")))
    word_text = flat(" ".join([p.text for p in word.paragraphs] + [
        cell.text for table in word.tables for row in table.rows for cell in row.cells]))
    json = flat(sitman.model_dump_json())
    leaks = [text for text in material
             if text in html or text in printed or text in word_text or text in json]
    assert leaks == []


def test_the_guide_has_everything(seed: ResolvedScenario) -> None:
    guide = text_of_html(render_html(build_document(seed, "guide")))
    missing = [text for text in control_material(seed) if text not in guide]
    assert missing == []
    for inject in seed.injects.values():
        assert flat(inject.title) in guide, inject.id


def test_the_situation_manual_has_what_players_read(seed: ResolvedScenario) -> None:
    sitman = text_of_html(render_html(build_document(seed, "sitman")))
    for module in seed.scenario.modules:
        assert flat(module.title) in sitman
        for ref in module.injects:
            inject = seed.inject(ref.id)
            if inject is not None and seed.visible_to_players(inject):
                assert flat(inject.title) in sitman, inject.id
                for items in inject.questions.values():
                    assert all(flat(item) in sitman for item in items), inject.id


def test_one_eeg_per_objective_with_tasks_boxes_and_key(seed: ResolvedScenario) -> None:
    html = render_html(build_document(seed, "eeg"))
    for objective in seed.scenario.objectives:
        assert f'id="eeg-{objective.id}"' in html
    assert html.count('class="eeg"') == len(seed.scenario.objectives)
    text = text_of_html(html)
    for rating in ("Performed without challenges", "Performed with some challenges",
                   "Performed with major challenges", "Unable to be performed"):
        assert rating in text
    assert html.count("☐") >= 8 * len(seed.scenario.objectives)
    assert html.count('class="rule"') == 8 * len(seed.scenario.objectives)


def ttx(*args: str, cwd: Path = REPOSITORY) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ttx", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=300, check=False,
                          env={"PYTHONPATH": str(REPOSITORY), "PATH": "/usr/bin:/bin"})


def test_an_unknown_scenario_is_one_error_line() -> None:
    result = ttx("docs", "no-such-scenario", "--kind", "sitman", "-o", "-")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: no scenario 'no-such-scenario'")
    assert result.stdout == ""


@pytest.mark.pdf
def test_word_and_pdf_editions(tmp_path: Path) -> None:
    """The guide as Word: headings, tables, marking in header and footer; printed by
    LibreOffice, every page carries the marking. The SitMan as a tagged PDF."""
    docx = tmp_path / "guide.docx"
    result = ttx("docs", "slbm-launch", "--kind", "guide", "-o", str(docx))
    assert result.returncode == 0, result.stderr
    document = Document(str(docx))
    headings = [p.text for p in document.paragraphs if style_name(p) == "Heading 1"]
    assert any("Module 1" in heading for heading in headings)
    assert document.tables
    section = document.sections[0]
    assert section.header.paragraphs[0].text == MARKING
    assert section.footer.paragraphs[0].text == MARKING
    pdf = tmp_path / "sitman.pdf"
    assert ttx("docs", "slbm-launch", "--kind", "sitman", "-o", str(pdf)).returncode == 0
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert re.search(r"^Tagged:\s+yes", info, re.M)
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None:
        pytest.skip("LibreOffice is not installed (`make setup` installs "
                    "libreoffice-writer-nogui)")
    subprocess.run([office, "--headless", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
                    "--convert-to", "pdf", "--outdir", str(tmp_path / "out"), str(docx)],
                   capture_output=True, timeout=300, check=True)
    printed = tmp_path / "out" / "guide.pdf"
    pages = page_count(subprocess.run(["pdfinfo", str(printed)], capture_output=True,
                                      text=True).stdout)
    assert pages > 5
    for page in (1, pages):
        text = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(printed),
                               "-"], capture_output=True, text=True).stdout
        assert text.count(MARKING) >= 2, page
