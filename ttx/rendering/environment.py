"""Jinja2 environments for every ttx document (the AAR, the SitMan, the guide, the EEGs).

Templates are looked up in the workspace's `reports/` folder first and then in the
folder a document ships with, by file name, so an organisation can print its own
format. Every template runs in Jinja2's sandbox: a workspace template can format the
values it is given, but cannot reach Python (`cycler.__init__.__globals__` is refused,
and the refusal is one `error:` line). User text only ever reaches a template as data:
the HTML environment autoescapes, the Markdown one escapes every printed value for
Markdown, and no text from a scenario or session is ever compiled as a template.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from jinja2 import (
    BytecodeCache,
    ChoiceLoader,
    FileSystemBytecodeCache,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
)
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from ttx.errors import TtxError
from ttx.model.wording import one_line
from ttx.rendering.authored import authored_blocks
from ttx.rendering.formatting import FILTERS, authored_html, authored_markdown, lang_attr
from ttx.rendering.markdown_escape import finalize
from ttx.rendering.print_text import print_finalize

WORKSPACE_TEMPLATES = "reports"


class _Sandbox(ImmutableSandboxedEnvironment):
    """Jinja2's immutable sandbox, with its verdict on each attribute remembered.

    Whether an attribute is safe depends only on the object's type and the attribute's
    name (a leading underscore, a function's or frame's internals, a mutating method of
    a list, set or mapping), so the verdict is kept per (type, name): the sandbox's own
    checks (abstract-base-class `isinstance` calls) cost more than the rest of a
    20,000-entry report's rendering."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._verdicts: dict[tuple[type, str], bool] = {}

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        key = (type(obj), attr)
        verdict = self._verdicts.get(key)
        if verdict is None:
            verdict = self._verdicts[key] = super().is_safe_attribute(obj, attr, value)
        return verdict
"""The folder of a workspace whose templates and stylesheets replace the built-in ones."""


def template_folders(workspace: Path | None, built_in: Path) -> list[Path]:
    """Where templates are looked up, first match wins: the workspace's, then `built_in`."""
    folders = [workspace / WORKSPACE_TEMPLATES] if workspace is not None else []
    return [*[f for f in folders if f.is_dir()], built_in]


def html_environment(folders: Sequence[Path], *,
                     for_print: bool = False) -> ImmutableSandboxedEnvironment:
    """The HTML environment: sandboxed, autoescaped, with the shared filters; `for_print`,
    every printed value is made ready for WeasyPrint's line breaking (`print_text`)."""
    options: dict[str, Any] = {"finalize": print_finalize} if for_print else {}
    kind = "html-print" if for_print else "html"
    environment = _environment(folders, kind, autoescape=True, **options)
    environment.filters.update(lang_attr=lang_attr, authored=authored_html,
                               authored_blocks=authored_blocks)
    return environment


def markdown_environment(folders: Sequence[Path]) -> ImmutableSandboxedEnvironment:
    """The Markdown environment: sandboxed; every printed value is escaped for Markdown."""
    environment = _environment(folders, "markdown", autoescape=False, finalize=finalize)
    environment.filters["authored"] = authored_markdown
    return environment


def _environment(folders: Sequence[Path], kind: str,
                 **options: Any) -> ImmutableSandboxedEnvironment:
    loader = ChoiceLoader([FileSystemLoader(str(folder)) for folder in folders])
    environment = _Sandbox(
        loader=loader, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
        keep_trailing_newline=True, bytecode_cache=_compiled_templates(kind), **options)
    environment.filters.update(FILTERS)
    return environment


def _compiled_templates(kind: str) -> BytecodeCache | None:
    """Jinja2's cache of compiled templates, in a folder of the temporary directory only
    this user may use: compiling the AAR's templates is a tenth of a report. A template
    is recompiled when its source changes (the cache checks it). Each `kind` of
    environment compiles the same file differently (escaping, finalising), so each
    keeps its own entries. None (compile every time) where no safe folder can be made."""
    try:
        return FileSystemBytecodeCache(pattern=f"__ttx_{kind}_%s.cache")
    except (OSError, RuntimeError):
        return None


def render_template(environment: ImmutableSandboxedEnvironment, name: str,
                    context: dict[str, Any], *, label: str = "template") -> str:
    """Render template `name`; a broken or hostile (organisation) template is one
    `error:` line, never a traceback and never Python run on its behalf."""
    try:
        text: str = environment.get_template(name).render(context)
    except TemplateNotFound:
        raise TtxError(f"no {label} '{name}'") from None
    except TemplateSyntaxError as error:
        raise TtxError(f"{error.filename or name}:{error.lineno}: {label}: "
                       f"{one_line(error.message or '')}") from None
    except TemplateError as error:
        raise TtxError(f"{label} {name}: {one_line(str(error))}") from None
    return text


def stylesheet(environment: ImmutableSandboxedEnvironment, name: str) -> Markup:
    """The stylesheet `name` from the template folders, made safe to stand inside a
    `<style>` element: it is CSS, not a template, and it cannot close its element.

    HTML ends a `<style>` element at the first `</style`, whatever CSS thinks; so every
    `<` becomes the CSS escape `\\3c `, which means the same character inside a CSS string
    or comment and nothing valid anywhere else (where a bare `<` was not valid either)."""
    assert environment.loader is not None
    try:
        source, _filename, _uptodate = environment.loader.get_source(environment, name)
    except TemplateNotFound:
        raise TtxError(f"no document stylesheet '{name}'") from None
    return Markup(source.replace("<", "\\3c "))
