"""``hyoka templates explain PDF``: how each template matched each sheet of
a file, and which tables of the sheet were read (normalize/explain.py).

Registered on :data:`hyoka.templates_cli.templates_app` when imported (by
hyoka/cli.py).  Exit codes: 0 explained; 1 the file could not be read (the
error names file and page); 2 usage (no such file, unknown template).
"""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from hyoka.extract import ExtractionError, extract_document
from hyoka.templates_cli import templates_app
from hyoka.normalize.explain import explain_document


@templates_app.command("explain")
def explain(pdf: Annotated[Path, typer.Argument(help="A PDF file (a sheet or a book of sheets).")],
            template: Annotated[str | None, typer.Option(
                "--template", help="Read every sheet with this template (to see why it does not match).")] = None,
            headings: Annotated[bool, typer.Option(help="Show each identifying heading's best match.")] = True
            ) -> None:
    """For each sheet of PDF: every template's score (and its headings' best matches),
    and each table of the sheet: header, numeric cells, how many became facts."""
    console = Console()
    err = Console(stderr=True, soft_wrap=True)
    if not pdf.is_file():
        why = "is a folder; give one PDF file" if pdf.is_dir() else "no such file"
        err.print(f"error: {pdf}: {why}", markup=False, highlight=False)
        raise typer.Exit(2)
    try:
        doc = extract_document(pdf)
    except ExtractionError as e:
        err.print(f"error: {e}", markup=False, highlight=False)
        raise typer.Exit(1)
    try:
        sheets = explain_document(doc, template_name=template)
    except KeyError:
        err.print(f"error: no template named {template!r} (hyoka templates list)", markup=False, highlight=False)
        raise typer.Exit(2)
    for s in sheets:
        console.rule(f"sheet {s.seq}: pages {s.first_page}–{s.last_page}: "
                     f"{s.chosen or 'unclassified'} ({s.score:.1f}; threshold 80)")
        scores = Table(title="templates, best first", show_lines=False)
        for col in ("template", "score", "headings (best match)"):
            scores.add_column(col, overflow="fold")
        for m in s.matches:
            detail = "; ".join(f"{h.heading} {h.score:.0f}" for h in m.headings) if headings else ""
            scores.add_row(m.template, f"{m.score:.1f}", detail)
        console.print(scores)
        tables = Table(title=f"tables read with {s.explained_with or '(no template)'}: "
                             + ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in s.facts.items()))
        for col in ("page", "table", "header", "numeric cells", "typed", "read"):
            tables.add_column(col, overflow="fold")
        for t in s.tables:
            style = {"not read": "red", "partly read": "yellow"}.get(t.status, "")
            tables.add_row(str(t.page), str(t.index), t.header, str(t.numeric_cells), str(t.typed_cells),
                           f"[{style}]{t.status}[/{style}]" if style else t.status)
        console.print(tables)
