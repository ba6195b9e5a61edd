"""``hyoka templates``: the sheet templates in effect, and checking template files.

- ``hyoka templates list``: every template in effect (shipped, then the
  directories of env ``HYOKA_TEMPLATES`` and ``--templates DIR``; a user
  template with the name of a shipped one replaces it): name,
  municipality, code, title and source file, as a Rich table.  Exit 2
  when a template file in effect is invalid (the one-line error).
- ``hyoka templates check FILE...``: validate template files; one line per
  file, ``ok <file> (<name>)`` or the error ``<file>: <key path>:
  <problem>``; exit 2 when any file is invalid.

:func:`apply_template_dirs` is what the global ``--templates DIR`` option
of ``hyoka`` calls: it loads every template before any document is read,
so an invalid file stops the command with one line and exit code 2.
"""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from hyoka.normalize.templates import SHIPPED_DIR, TemplateError, all_templates, configure, load_template

templates_app = typer.Typer(add_completion=False, no_args_is_help=True,
                            help="Sheet templates: list those in effect, check template files.")

#: The global option of ``hyoka``: extra template directories (repeatable).
TemplatesOption = Annotated[list[Path], typer.Option(
    "--templates", metavar="DIR",
    help="A directory of template files (*.toml) to use besides the shipped ones; repeatable. "
         "Env HYOKA_TEMPLATES (os.pathsep-separated) adds directories too. "
         "A template with a shipped one's name replaces it.")]


def _fail(message: str) -> typer.Exit:
    """Print a one-line configuration error (no markup, not wrapped) and
    return the exit to raise (code 2)."""
    Console(stderr=True, soft_wrap=True).print(f"error: {message}", markup=False, highlight=False)
    return typer.Exit(2)


def apply_template_dirs(dirs: list[Path] | None) -> None:
    """Use ``dirs`` (the ``--templates`` option) besides the shipped
    templates and env ``HYOKA_TEMPLATES``, loading and validating all.

    Args:
        dirs: template directories, possibly empty or None.
    Raises:
        typer.Exit: code 2 after printing the one-line
            :class:`TemplateError` when a directory is missing or a file
            is invalid.
    """
    try:
        configure(dirs or ())
    except TemplateError as e:
        raise _fail(str(e)) from None


def _source(path: Path | None) -> str:
    """A template's file as listed: ``shipped: <name>.toml`` for a shipped
    one, else the path as found."""
    if path is None:
        return ""
    return f"shipped: {path.name}" if path.parent == SHIPPED_DIR else str(path)


@templates_app.command("list")
def list_templates() -> None:
    """List the templates in effect: name, municipality, code, title, source file."""
    try:
        templates = all_templates()
    except TemplateError as e:
        raise _fail(str(e)) from None
    table = Table(title=f"templates: {len(templates)}")
    for column in ("name", "municipality", "code", "title", "source"):
        table.add_column(column, overflow="fold")
    for t in templates:
        table.add_row(t.name, t.municipality or "", t.municipality_code or "", t.title, _source(t.source))
    Console().print(table)


@templates_app.command("check")
def check(files: Annotated[list[Path], typer.Argument(help="Template files (*.toml) to validate.")]) -> None:
    """Validate template files: one line per file, exit 2 if any is invalid."""
    failed = False
    out = Console(soft_wrap=True)
    for file in files:
        try:
            t = load_template(file)
        except TemplateError as e:
            failed = True
            out.print(str(e), markup=False, highlight=False)
        else:
            out.print(f"ok {file} ({t.name})", markup=False, highlight=False)
    if failed:
        raise typer.Exit(2)
