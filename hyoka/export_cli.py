"""``hyoka export VIEW... --format csv|parquet|xlsx --out DIR [--encoding utf-8-sig|cp932] [--db URL]``:
views to files for Excel and BI tools (hyoka/export.py says what each format holds).

Registered on :data:`hyoka.cli.app` when imported (one import line at the
end of hyoka/cli.py).  Exit codes: 0 every view written; 1 a view could
not be written (a character the encoding lacks, a control character in
xlsx: one line naming view, line and column; the views before it are
written, nothing half-written); 2 a usage error (unknown view, format or
encoding, --out a file, no warehouse at --db): one line.
"""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from hyoka.cli import DbOption, _console, _open, app
from hyoka.console import fail, print_error
from hyoka.export import ExportError, ExportUsageError, check_request, export_views
from hyoka.load import DEFAULT_URL


@app.command("export")
def export(views: Annotated[list[str], typer.Argument(metavar="VIEW...", help="Views to export (docs/data-dictionary.md), e.g. v_indicator_values v_budget_values.")],
           out: Annotated[Path, typer.Option("--out", help="Output folder (created if missing): one <view>.<format> per view.")],
           fmt: Annotated[str, typer.Option("--format", help="csv (for Excel), parquet (typed, for pandas / BI) or xlsx.")] = "csv",
           encoding: Annotated[str, typer.Option("--encoding", help="CSV encoding: utf-8-sig (UTF-8 with BOM, Excel) or cp932 "
                                                      "(a character cp932 lacks is an error, never replaced).")] = "utf-8-sig",
           db: DbOption = DEFAULT_URL) -> None:
    """Export views to CSV, Parquet or xlsx files, one per view, with the data dictionary's types."""
    console = _console()
    try:
        check_request(views, fmt, encoding)  # before the warehouse is opened or a folder made
    except ExportUsageError as e:
        fail(str(e))
    with _open(db) as wh:
        try:
            written = export_views(wh, views, fmt, out, encoding)
        except ExportUsageError as e:
            fail(str(e))
        except ExportError as e:
            print_error(str(e))
            raise typer.Exit(1)
    for f in written:
        console.print(f"{f.path}: {f.rows} rows")
