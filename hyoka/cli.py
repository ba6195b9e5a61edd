"""The ``hyoka`` command (Typer + Rich).

- ``hyoka ingest PATH... [--db URL]``: load PDFs (files or folders) and
  print a summary; exit code 1 if any document failed (the others are
  loaded all the same), 2 for a missing path.
- ``hyoka show FILE-or-SHA [--db URL]``: what one document yielded.
"""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from hyoka import __version__
from hyoka.pipeline import find_pdfs, ingest as run_ingest
from load import DEFAULT_URL, Warehouse

app = typer.Typer(add_completion=False, help="Japanese municipal evaluation-sheet PDFs -> warehouse.")


def _console() -> Console:
    """A Rich console made per command, so COLUMNS set by the caller applies."""
    return Console()

DbOption = Annotated[str, typer.Option("--db", help="SQLAlchemy URL of the warehouse.", envvar="HYOKA_DB")]


def _version(value: bool) -> None:
    console = _console()
    if value:
        console.print(f"hyoka {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                               help="Print the version and exit.")] = False) -> None:
    """hyoka: extract, normalize and load 評価シート PDFs."""


@app.command()
def ingest(paths: Annotated[list[Path], typer.Argument(help="PDF files or folders (searched recursively).")],
           db: DbOption = DEFAULT_URL,
           strategy: Annotated[str, typer.Option(help="Table strategy: pdfplumber or camelot-lattice.")] = "pdfplumber"
           ) -> None:
    """Ingest PDFs into the warehouse and print what was loaded."""
    console = _console()
    try:
        files = find_pdfs(paths)
    except FileNotFoundError as e:
        console.print(f"[red]error:[/red] {e}")
        raise typer.Exit(2)
    with Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), TextColumn("{task.fields[current]}"), console=console,
                  transient=True) as progress:
        task = progress.add_task("ingest", total=len(files), current="")

        def step(path: Path, status: str) -> None:
            progress.update(task, advance=1, current=f"{path.name}: {status}")

        result = run_ingest(files, db, strategy=strategy, on_file=step)
    s = result.summary
    table = Table(title=f"load {result.load_id} → {db}")
    table.add_column("what")
    table.add_column("count", justify="right")
    for status, n in s["documents"].items():
        table.add_row(f"documents {status}", str(n))
    for key in ("pages", "indicator_values", "budget_values", "text_blocks", "raw_cells"):
        table.add_row(key.replace("_", " "), str(s[key]))
    console.print(table)
    per_file = Table(title="documents")
    per_file.add_column("file")
    per_file.add_column("status")
    for path, status in result.statuses.items():
        per_file.add_row(path, status)
    console.print(per_file)
    if s["failures"]:
        console.print("[red]failures:[/red]")
        for f in s["failures"]:
            console.print(f"  {f['source_file']}: {f['error']}")
        raise typer.Exit(1)


@app.command()
def show(document: Annotated[str, typer.Argument(help="A file name as ingested, or a SHA-256 (prefix of 8+ hex).")],
         db: DbOption = DEFAULT_URL,
         limit: Annotated[int, typer.Option(help="Rows to print per fact kind.")] = 20) -> None:
    """Print what one document yielded."""
    console = _console()
    key = Path(document).name if Path(document).exists() else document
    with Warehouse.connect(db) as wh:
        found = wh.document(key)
    if found is None:
        console.print(f"[red]no document matches {document!r} in {db}[/red]")
        raise typer.Exit(1)
    d = found["document"]
    head = Table(title=d["source_file"], show_header=False)
    for k, v in d.items():
        head.add_row(k, "" if v is None else str(v))
    console.print(head)
    for name, cols in (("indicator_values", ("page", "policy_code", "indicator_name", "fiscal_year", "measure",
                                             "value", "unit", "value_text", "status", "note", "is_estimate")),
                       ("budget_values", ("page", "item", "fiscal_year", "value", "unit", "value_text", "status")),
                       ("text_blocks", ("page", "section", "ordinal", "text"))):
        rows = found[name]
        t = Table(title=f"{name}: {len(rows)} rows" + (f" (first {limit})" if len(rows) > limit else ""))
        for c in cols:
            t.add_column(c, overflow="fold")
        for r in rows[:limit]:
            t.add_row(*["" if r.get(c) is None else str(r.get(c)) for c in cols])
        console.print(t)
    console.print(f"raw cells: {len(found['raw_cells'])}; loads: "
                  + ", ".join(f"{h['load_id']} {h['status']}" for h in found["history"]))


#: Contract views and their one-line meaning, for ``hyoka views``.
CONTRACT_VIEWS = {
    "v_documents": "one row per ingested file per load",
    "v_indicator_values": "one row per (document, indicator, fiscal_year, measure)",
    "v_budget_values": "one row per (document, budget line, fiscal_year)",
    "v_text_blocks": "one row per narrative block",
    "v_raw_cells": "every table cell extraction found",
}


@app.command()
def views(db: DbOption = DEFAULT_URL,
          sample: Annotated[int, typer.Option(help="Example rows to print from v_indicator_values.")] = 8) -> None:
    """Row counts of the five contract views and a few example rows."""
    console = _console()
    with Warehouse.connect(db) as wh:
        counts = wh.view_counts(tuple(CONTRACT_VIEWS))
        docs = wh.query("SELECT source_file, status, sheet_type, document_fiscal_year, classification_score "
                        "FROM v_documents ORDER BY load_id DESC, source_file")
        examples = wh.query("SELECT source_file, indicator_name, fiscal_year, measure, value, unit, status "
                            "FROM v_indicator_values WHERE status <> 'ok' OR measure = 'actual' "
                            "ORDER BY source_file, page, indicator_name, fiscal_year")
    t = Table(title=f"contract views in {db}")
    t.add_column("view")
    t.add_column("rows", justify="right")
    t.add_column("grain")
    for name, grain in CONTRACT_VIEWS.items():
        t.add_row(name, str(counts[name]), grain)
    console.print(t)
    latest: dict[str, dict] = {}
    for d in docs:
        latest.setdefault(d["source_file"], d)
    dt = Table(title="documents (latest load of each file)")
    for c in ("source_file", "status", "sheet_type", "document_fiscal_year", "classification_score"):
        dt.add_column(c, overflow="fold")
    for d in latest.values():
        dt.add_row(*["" if d[c] is None else str(d[c]) for c in d])
    console.print(dt)
    step = max(1, len(examples) // sample) if sample else 0
    if step:
        et = Table(title="v_indicator_values (a few rows)")
        for c in ("source_file", "indicator_name", "fiscal_year", "measure", "value", "unit", "status"):
            et.add_column(c, overflow="fold")
        for r in examples[::step][:sample]:
            et.add_row(*["" if r[c] is None else str(r[c]) for c in r])
        console.print(et)


@app.command()
def report(out: Annotated[Path, typer.Option("--out", help="Output folder (index.html, assets/, crops/).")],
           db: DbOption = DEFAULT_URL,
           crops: Annotated[bool, typer.Option("--crops/--no-crops",
                                               help="Write PNG crops of the findings' cells.")] = True) -> None:
    """Write a static HTML report (charts per series, findings, review list) that opens from disk."""
    from hyoka.report import build_report
    console = _console()
    with Warehouse.connect(db) as wh:
        result = build_report(wh, out, db_url=db, crops=crops)
    console.print(f"report: {result.index} — {result.series} series, {result.findings} findings "
                  f"({result.crops} crops), {result.review_links} links awaiting review")
    for fact_id, reason in result.crops_unavailable.items():
        console.print(f"[yellow]crop unavailable[/yellow] {fact_id}: {reason}")


if __name__ == "__main__":  # pragma: no cover
    app()
