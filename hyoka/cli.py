"""The ``hyoka`` command (Typer + Rich).

- ``hyoka ingest PATH... [--db URL]``: load PDFs (files or folders) and
  print a summary; exit code 1 if any document failed (the others are
  loaded all the same), 2 for a missing path.
- ``hyoka show FILE-or-SHA [--db URL]``: what one document yielded.
- ``hyoka trace FACT-ID | --file F --indicator N --year Y --measure M``:
  the provenance of one number and a PNG crop of its cell.
- ``hyoka diff A B``: facts added, removed and changed between two files,
  SHA-256s or load ids.
- ``hyoka versions KEY [--make-current SHA | --unpin]``: a sheet's versions
  by publication, the current one marked; pin a reviewed current version
  (hyoka/versions_cli.py).
- ``hyoka link [--mapping CSV]``: relink indicator series, list the ambiguous.
- ``hyoka report --out DIR``: a static HTML report (charts per indicator
  series, findings with crops) that opens from disk.
Exit codes (hyoka/console.py): 0 done; 1 only when documents failed (each
is recorded with its reason, the others loaded); 2 a usage or
configuration error — one line ``error: …`` on stderr, no traceback (an
unknown option or choice, a --db that is not a URL, names an unknown
dialect or a missing folder, a database that is unreachable, missing,
read-only or of an old layout, a missing SQLite file for a read command,
an output folder that cannot be written, an invalid mapping or template
file); 3 a bug in hyoka (one line, the traceback in --log-file).
Every command takes ``--quiet/-q``, ``--verbose/-v`` and ``--log-file
PATH`` (also before the command: ``hyoka -q ingest …``); ``ingest --json``
and ``views --json`` print a JSON summary on stdout (docs/cli.md).
Passwords in database URLs are masked in every output.
"""
from __future__ import annotations

import csv
import json
from enum import Enum
import os
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn,
                           TimeRemainingColumn)
from rich.table import Table

from hyoka import __version__
from hyoka.console import (EXIT_FAILED_DOCUMENTS, HyokaGroup, UsageError, start as start_output, db_url_callback, err, fail, log, mask_secrets, out,
                           safe_url, settings, writable_folder)
from hyoka.extract.ocr.source import OCR_MODES
from hyoka.extract.tables import STRATEGIES
from hyoka.normalize.facts import MEASURES
from hyoka.paths import walk
from hyoka.pipeline import ingest as run_ingest
from hyoka.templates_cli import TemplatesOption, apply_template_dirs, templates_app
import hyoka.explain_cli  # noqa: F401,E402 - registers `hyoka templates explain`
from hyoka.load import DEFAULT_URL, Warehouse

app = typer.Typer(cls=HyokaGroup, add_completion=False, help="Japanese municipal evaluation-sheet PDFs -> warehouse.")
app.add_typer(templates_app, name="templates")


def _console(quiet: bool = False) -> Console:
    """A Rich console on stdout made per command, so COLUMNS set by the caller
    applies; silent with --quiet or ``quiet`` (hyoka/console.py: out)."""
    return out(quiet)

DbOption = Annotated[str, typer.Option("--db", help="SQLAlchemy URL of the warehouse (sqlite:///FILE or "
                                       "postgresql+psycopg://USER:PASSWORD@HOST/DB).", envvar="HYOKA_DB",
                                       callback=db_url_callback)]
#: Choices checked by the CLI before anything is read (a usage error, exit 2).
TableStrategy = Enum("TableStrategy", {name: name for name in STRATEGIES}, type=str)
OcrMode = Enum("OcrMode", {name: name for name in OCR_MODES}, type=str)
Measure = Enum("Measure", {name: name for name in MEASURES}, type=str)
JsonOption = Annotated[bool, typer.Option("--json", help="Print a JSON summary on stdout and nothing else "
                                          "there (shape: docs/cli.md); errors stay on stderr.")]


def _cell(v: object) -> str:
    """A value as shown in a table cell: '' for NULL."""
    return "" if v is None else str(v)


def _rows_table(title: str, columns: tuple[str, ...], rows: list[dict]) -> Table:
    """A Rich table of ``rows`` (dicts) showing ``columns`` in order, long text folded."""
    t = Table(title=title)
    for c in columns:
        t.add_column(c, overflow="fold")
    for r in rows:
        t.add_row(*[_cell(r.get(c)) for c in columns])
    return t


def _views_table(title: str, counts: dict[str, int], grains: dict[str, str]) -> Table:
    """Row counts of views with their grain."""
    t = Table(title=title)
    t.add_column("view")
    t.add_column("rows", justify="right")
    t.add_column("grain")
    for name, grain in grains.items():
        t.add_row(name, str(counts[name]), grain)
    return t


def _open(db: str) -> Warehouse:
    """Connect for a read command: a missing SQLite file is an error, not a
    new warehouse.  WarehouseNotFound, SchemaVersionError, an unreachable
    database … propagate and end in one line and exit 2 (HyokaGroup)."""
    return Warehouse.connect(db, must_exist=True)


def _emit_json(payload: dict) -> None:
    """Print ``payload`` as one JSON document on stdout (passwords masked)."""
    typer.echo(mask_secrets(json.dumps(payload, ensure_ascii=False, default=str)))


def _version(value: bool) -> None:
    console = _console()
    if value:
        console.print(f"hyoka {__version__}")
        raise typer.Exit()


@app.callback()
def main(ctx: typer.Context,
         version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                               help="Print the version and exit.")] = False,
         templates: TemplatesOption = None,
         quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only errors and failed documents (one line each).")] = False,
         verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Print each file's status as it is recorded, and an internal error's traceback.")] = False,
         log_file: Annotated[Path | None, typer.Option("--log-file", metavar="PATH", envvar="HYOKA_LOG_FILE", help="Also log to PATH (appended): per-file statuses, errors, tracebacks of internal errors. Env HYOKA_LOG_FILE.")] = None,
         ) -> None:
    """hyoka: extract, normalize and load 評価シート PDFs.

    Exit codes: 0 done, 1 some documents failed, 2 usage or configuration error (one line), 3 a bug in hyoka.
    """
    start_output(ctx, quiet, verbose, log_file)
    apply_template_dirs(templates)  # an invalid template file: one line, exit 2, before any PDF is read


def _run_ingest(files: list, db: str, address: str | None, **kwargs):  # files: hyoka.paths.Entry list
    """The serial ingest, or the Dask one (hyoka/distributed.py) when
    ``address`` is given; a cluster that cannot be reached is a usage
    error (one line, exit 2)."""
    if not address:
        return run_ingest(files, db, **kwargs)
    from hyoka.distributed import ingest as dask_ingest
    try:
        return dask_ingest(files, db, address, **kwargs)
    except (OSError, ValueError) as e:  # unreachable scheduler, bad address
        fail(f"--dask {address}: {type(e).__name__}: {e}")


@app.command()
def ingest(paths: Annotated[list[Path], typer.Argument(help="PDF files or folders (searched recursively).")],
           db: DbOption = DEFAULT_URL,
           strategy: Annotated[TableStrategy, typer.Option(help="Table strategy.")] = TableStrategy("pdfplumber"),
           reprocess: Annotated[bool, typer.Option("--reprocess", help="Extract files already stored again (e.g. a newer hyoka over an archive); the new extraction supersedes the old, compare with hyoka diff.")] = False,
           dask: Annotated[str | None, typer.Option("--dask", metavar="ADDRESS", help="Extract on a Dask cluster: a scheduler address (tcp://host:8786) or 'local' for a LocalCluster of one worker process per core; this process alone writes the warehouse, in input order (README: Distributed ingest).")] = None,
           json_out: JsonOption = False,
           workers: Annotated[int | None, typer.Option("--workers", min=0, help="Worker processes that extract and normalize, each document within the limits (README: Limits); default: the number of cores; 0: in this process, without memory and time limits.")] = None,
           ocr: Annotated[OcrMode, typer.Option("--ocr", help="Pages read by OCR: auto = pages without a usable text layer (scans, garbage layers); always = every page that draws something; never = none, scans stay needs_ocr (README: Scanned sheets).")] = OcrMode("auto"),
           ) -> None:
    """Ingest PDFs into the warehouse and print what was loaded.

    Exit 0 when every file was loaded, unchanged or needs_ocr, 1 when some
    failed (the others are loaded; each failure is listed with its reason),
    2 for a usage or configuration error before anything is written.
    With --json: the load summary as JSON on stdout (docs/cli.md).
    """
    opts = settings()
    console = _console(quiet=json_out)
    try:
        files = walk(paths)  # once: its entries go to the ingest as they are
    except FileNotFoundError as e:
        fail(str(e))
    # files done / total, elapsed, files per second and time left (Rich's estimate over the last
    # 30 s), the file just written and the files the workers are reading now
    with Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), TextColumn("{task.fields[rate]}"), TextColumn("ETA"),
                  TimeRemainingColumn(), TextColumn("{task.fields[written]}{task.fields[reading]}"),
                  console=console, transient=True, disable=opts.quiet or opts.verbose or json_out) as progress:
        task = progress.add_task("ingest", total=len(files), written="", reading="", rate="")

        def show(reading: list[Path]) -> None:
            names = ", ".join(p.name for p in reading)
            progress.update(task, reading=f" · reading {names}" if names else "")

        def step(path: Path, status: str) -> None:
            progress.update(task, advance=1, written=f"{path.name}: {status}")
            speed = progress.tasks[task].speed
            progress.update(task, rate=f"{speed:.1f} files/s" if speed else "")
            log.info("%s: %s", path, status)

        result = _run_ingest(files, db, dask, strategy=strategy.value, on_file=step, on_reading=show,
                             reprocess=reprocess,
                             ocr=ocr.value, **({} if dask else {"workers": (os.cpu_count() or 1) if workers is None else workers}))
    s = result.summary
    for f in s["failures"]:
        log.warning("failed: %s: %s", f["source_file"], f["error"])
    if json_out:
        _emit_json({"database": safe_url(db), **s,
                    "files": [{"path": path, "status": status} for path, status in result.statuses.items()],
                    "exit_code": EXIT_FAILED_DOCUMENTS if s["failures"] else 0})
        if s["failures"]:
            raise typer.Exit(EXIT_FAILED_DOCUMENTS)
        return
    if opts.quiet:
        for f in s["failures"]:
            err().print(f"failed: {f['source_file']}: {f['error']}")
        if s["failures"]:
            raise typer.Exit(EXIT_FAILED_DOCUMENTS)
        return
    table = Table(title=f"load {result.load_id} → {safe_url(db)}")
    table.add_column("what")
    table.add_column("count", justify="right")
    for status, n in s["documents"].items():
        table.add_row(f"documents {status}", str(n))
    for key in ("pages", "indicator_values", "budget_values", "text_blocks", "raw_cells",
                "validation_findings"):
        table.add_row(key.replace("_", " "), str(s[key]))
    console.print(table)
    if s["sheets"]:
        console.print(_rows_table("sheets by template", ("sheet_type", "sheets"),
                                  [{"sheet_type": k, "sheets": v} for k, v in s["sheets"].items()]))
    if s["low_coverage"]:
        console.print(_rows_table("[yellow]sheets with numbers not read into facts (coverage below 1; "
                                  "each table is named by a coverage.table_not_interpreted finding)[/yellow]",
                                  ("source_file", "sheet", "pages", "sheet_type", "typed / numeric cells",
                                   "coverage"),
                                  [{"source_file": r["source_file"], "sheet": r["sheet_seq"],
                                    "pages": f"{r['first_page']}–{r['last_page']}", "sheet_type": r["sheet_type"],
                                    "typed / numeric cells": f"{r['typed_cells']} / {r['numeric_cells']}",
                                    "coverage": f"{r['coverage']:.3f}"} for r in s["low_coverage"]]))
    per_file = Table(title="documents")
    per_file.add_column("file")
    per_file.add_column("status")
    for path, status in result.statuses.items():
        per_file.add_row(path, status)
    console.print(per_file)
    if s["failures"]:
        console.print("[red]failures:[/red]")
        for f in s["failures"]:
            console.print(f"  {f['source_file']}: {f['error']}", markup=False)
        raise typer.Exit(EXIT_FAILED_DOCUMENTS)


@app.command()
def show(document: Annotated[str, typer.Argument(help="A file name as ingested, or a SHA-256 (prefix of 8+ hex).")],
         db: DbOption = DEFAULT_URL,
         limit: Annotated[int, typer.Option(help="Rows to print per fact kind.")] = 20) -> None:
    """Print what one document yielded."""
    console = _console()
    key = Path(document).name if Path(document).exists() else document
    with _open(db) as wh:
        found = wh.document(key)
    if found is None:
        fail(f"no document matches {document!r} in {safe_url(db)} (a file name as ingested, or a SHA-256 prefix)")
    d = found["document"]
    head = Table(title=d["source_file"], show_header=False)
    for k, v in d.items():
        head.add_row(k, _cell(v))
    console.print(head)
    if found.get("sheets"):
        console.print(_rows_table(f"sheets: {len(found['sheets'])}",
                                  ("sheet_seq", "first_page", "last_page", "sheet_type", "document_fiscal_year",
                                   "policy_code", "subject", "document_key", "is_current", "numeric_cells",
                                   "typed_cells"), found["sheets"]))
    for name, cols in (("indicator_values", ("page", "sheet_seq", "policy_code", "indicator_name", "fiscal_year", "measure",
                                             "value", "unit", "value_text", "status", "note", "is_estimate")),
                       ("budget_values", ("page", "sheet_seq", "item", "fiscal_year", "amount_basis", "value", "unit",
                                          "value_text", "status")),
                       ("text_blocks", ("page", "sheet_seq", "section", "ordinal", "text"))):
        rows = found[name]
        console.print(_rows_table(f"{name}: {len(rows)} rows" + (f" (first {limit})" if len(rows) > limit else ""),
                                  cols, rows[:limit]))
    if found["validation_findings"]:
        console.print(_rows_table(f"validation findings: {len(found['validation_findings'])}",
                                  ("rule_id", "severity", "page", "message", "finding_id"),
                                  found["validation_findings"]))
    console.print(f"raw cells: {len(found['raw_cells'])}; loads: "
                  + ", ".join(f"{h['load_id']} {h['status']}" for h in found["history"]))


@app.command()
def trace(fact_id: Annotated[str | None, typer.Argument(help="A fact id (iv:…, bv:…, tb:…, rc:…, vf:…, rs:…).")] = None,
          file: Annotated[str | None, typer.Option("--file", help="Source file as ingested, or SHA-256 prefix.")] = None,
          indicator: Annotated[str | None, typer.Option(help="Indicator name (or a unique part of it).")] = None,
          year: Annotated[int | None, typer.Option(help="Fiscal year, western (2021 = 令和3年度); omit for a baseline.")] = None,
          measure: Annotated[Measure, typer.Option(help="Which figure of the indicator.")] = Measure("actual"),
          png: Annotated[Path | None, typer.Option(help="Where to write the crop (default: trace-<fact id>.png).")] = None,
          pdf: Annotated[Path | None, typer.Option(help="The PDF, if it moved since ingest (checked by SHA-256).")] = None,
          db: DbOption = DEFAULT_URL) -> None:
    """Where did this number come from? Print its provenance and write a PNG crop of its cell."""
    from hyoka.trace import TraceError, find_indicator_fact, safe_name, trace_fact, write_crop
    console = _console()
    if not fact_id and not (file and indicator):
        raise UsageError("give a fact id, or --file and --indicator (with --year, --measure)")
    with _open(db) as wh:
        try:
            t = trace_fact(wh, fact_id) if fact_id else find_indicator_fact(wh, file, indicator, year, measure.value)
        except TraceError as e:
            fail(str(e))
    r, d = t.row, t.document
    table = Table(title=f"trace {t.fact_id}", show_header=False)
    what = [("kind", t.kind), ("printed", t.printed)]
    for k in ("indicator_name", "item", "section", "fiscal_year", "measure", "value", "unit", "status",
              "note", "is_estimate"):
        if k in r:
            what.append((k, r[k]))
    what += [("source_file", r["source_file"]), ("source_sha256", r["source_sha256"]),
             ("source_path", d.get("source_path")), ("page", r["page"]),
             ("bbox (x0, top, x1, bottom; pt)", t.bbox), ("load_id", r["load_id"]),
             ("tool_version", d.get("tool_version")), ("recorded_at", d.get("recorded_at")),
             ("document_key", d.get("document_key")),
             ("version / extraction", f"{d.get('version')} / {d.get('extraction')}"),
             ("current", bool(d.get("is_current"))), ("superseded_load_id", d.get("superseded_load_id"))]
    for k, v in what:
        table.add_row(k, _cell(v))
    for rule_id, text in t.rules:
        table.add_row("rule", f"{rule_id}: {text}")
    if t.finding:
        table.add_row("finding", f"{t.finding['rule_id']} ({t.finding['severity']}): {t.finding['message']}")
    console.print(table)
    out = png or Path(f"trace-{safe_name(t.fact_id)}.png")
    try:
        crop = write_crop(t, out, pdf=pdf)
    except TraceError as e:
        fail(f"no crop: {e}")
    console.print(f"crop: {crop.path} (page {crop.page}, cell outlined at {crop.outlined_px} px)")


@app.command()
def diff(side_a: Annotated[str, typer.Argument(metavar="A", help="Old side: a PDF path, file name, SHA-256 (8+ hex) or load id.")],
         side_b: Annotated[str, typer.Argument(metavar="B", help="New side, the same kinds.")],
         raw: Annotated[bool, typer.Option("--raw", help="Also compare raw cells (every table cell).")] = False,
         csv_out: Annotated[Path | None, typer.Option("--csv", help="Also write the changes as CSV here (UTF-8 with BOM for Excel, one column per field).")] = None,
         db: DbOption = DEFAULT_URL) -> None:
    """List facts added, removed and changed between two files, SHA-256s or loads."""
    import json

    from hyoka.diff import DiffError, diff as run_diff, write_csv
    console = _console()
    if csv_out is not None:
        writable_folder(csv_out.parent, "--csv")
        if csv_out.is_dir():
            fail(f"--csv {csv_out} is a folder; give a file name")
    with _open(db) as wh:
        try:
            result = run_diff(wh, side_a, side_b, include_raw=raw)
        except DiffError as e:
            fail(str(e))
    counts = result.counts()
    console.print(f"compared {len(result.pairs)} document pair(s): {counts['changed']} changed, "
                  f"{counts['added']} added, {counts['removed']} removed")
    for label, docs in (("only in A", result.only_a), ("only in B", result.only_b)):
        for e in docs:
            console.print(f"  {label}: {e.source_file} ({e.document_key})")
    if result.changes:
        t = Table(title="changes")
        for c in ("change", "kind", "document", "fact", "old", "new", "new fact id"):
            t.add_column(c, overflow="fold")
        for ch in result.changes:
            old = (ch.old or {}).get("value_text", (ch.old or {}).get("text"))
            new = (ch.new or {}).get("value_text", (ch.new or {}).get("text"))
            if ch.change == "changed" and old == new:  # same text, another reading (status, unit...)
                old, new = json.dumps(ch.old, ensure_ascii=False), json.dumps(ch.new, ensure_ascii=False)
            t.add_row(ch.change, ch.kind, ch.document,
                      " / ".join("" if v is None else str(v) for v in ch.key.values()),
                      "" if old is None else str(old), "" if new is None else str(new), ch.new_fact_id or ch.old_fact_id or "")
        console.print(t)
    if csv_out:
        try:
            write_csv(result, csv_out)  # UTF-8 with BOM, flat columns (hyoka/diff.py)
        except OSError as e:
            fail(f"cannot write --csv {csv_out}: {e.strerror or e}")
        console.print(f"written: {csv_out}")


@app.command()
def link(mapping: Annotated[Path | None, typer.Option(help="A reviewed mapping CSV: municipality_code,sheet_type,indicator_name,canonical_name ('-' = keep separate).")] = None,
         db: DbOption = DEFAULT_URL) -> None:
    """Relink indicator series (after storing a reviewed mapping) and list the links to review."""
    from hyoka.load.series import MappingFileError, load_mapping_file, relink
    console = _console()
    with _open(db) as wh:
        try:
            if mapping:
                console.print(f"{load_mapping_file(wh, mapping)} mapping(s) stored from {mapping}")
            else:
                relink(wh)
        except MappingFileError as e:
            fail(str(e))
        except UnicodeDecodeError as e:  # read_mapping_file decides the encodings it accepts
            fail(f"{mapping}: not a text CSV in an accepted encoding ({e.encoding}: {e.reason} at byte {e.start})")
        except csv.Error as e:
            fail(f"{mapping}: not a readable CSV: {e}")
        links = wh.query("SELECT method, COUNT(*) AS n FROM v_indicator_links GROUP BY method ORDER BY method")
        unused = wh.query("SELECT m.municipality_code, m.sheet_type, m.indicator_name FROM indicator_mappings AS m "
                          "LEFT JOIN v_indicator_links AS l ON l.municipality_code = m.municipality_code "
                          "AND l.sheet_type = m.sheet_type AND l.indicator_name = m.indicator_name "
                          "WHERE l.indicator_name IS NULL ORDER BY 1, 2, 3")
        review = wh.query("SELECT municipality_code, sheet_type, indicator_name, candidates "
                          "FROM v_indicator_links WHERE method = 'review' ORDER BY 1, 2, 3")
    console.print("links: " + ", ".join(f"{r['method']} {r['n']}" for r in links))
    for r in unused:  # kept for sheets not ingested yet, but likely a typo
        console.print(f"[yellow]warning:[/yellow] mapping names no printed indicator: "
                      f"{r['municipality_code']} {r['sheet_type']} {r['indicator_name']!r}")
    if review:
        console.print(_rows_table("ambiguous: decide in a mapping file (hyoka link --mapping FILE)",
                                  ("municipality_code", "sheet_type", "indicator_name", "candidates"), review))


#: Contract views and their one-line meaning, for ``hyoka views``.
CONTRACT_VIEWS = {
    "v_documents": "one row per ingested file per load",
    "v_sheets": "one row per sheet of an ingested file per load",
    "v_indicator_values": "one row per (sheet, indicator, fiscal_year, measure)",
    "v_budget_values": "one row per (sheet, budget line, fiscal_year, amount_basis)",
    "v_text_blocks": "one row per narrative block",
    "v_raw_cells": "every table cell extraction found",
}


#: Auditors' and analysts' views beside the contract, for ``hyoka views``.
AUDIT_VIEWS = {
    "v_indicator_series": "one row per indicator series x fiscal year (latest figures)",
    "v_validation_findings": "findings of the current sheets",
    "v_document_versions": "every stored extraction of every sheet",
    "v_indicator_links": "every printed indicator name and its series",
}


@app.command()
def views(db: DbOption = DEFAULT_URL,
          sample: Annotated[int, typer.Option(help="Example rows to print from v_indicator_values.")] = 8,
          json_out: JsonOption = False) -> None:
    """Row counts of the five contract views and the auditing views, the findings and a few example rows.

    With --json: ``{"database": URL (password hidden), "views": {view: rows}}`` on stdout.
    """
    console = _console(quiet=json_out)
    with _open(db) as wh:
        counts = wh.view_counts(tuple(CONTRACT_VIEWS) + tuple(AUDIT_VIEWS))
        findings = wh.query("SELECT rule_id, severity, source_file, page, message FROM v_validation_findings "
                            "ORDER BY source_file, page, rule_id")
        docs = wh.query("SELECT source_file, status, sheet_type, document_fiscal_year, classification_score, "
                        "sheet_count FROM v_documents ORDER BY load_id DESC, source_file")
        sheets = wh.query("SELECT load_id, source_file, sheet_seq, first_page, last_page, sheet_type, "
                          "document_fiscal_year, policy_code, subject, is_current, coverage FROM v_sheets "
                          "ORDER BY load_id DESC, source_file, sheet_seq")
        examples = wh.query("SELECT source_file, indicator_name, fiscal_year, measure, value, unit, status "
                            "FROM v_indicator_values WHERE status <> 'ok' OR measure = 'actual' "
                            "ORDER BY source_file, page, indicator_name, fiscal_year")
    if json_out:
        _emit_json({"database": safe_url(db), "views": counts})
        return
    console.print(_views_table(f"contract views in {safe_url(db)}", counts, CONTRACT_VIEWS))
    console.print(_views_table("auditing and BI views", counts, AUDIT_VIEWS))
    if findings:
        console.print(_rows_table("validation findings", ("rule_id", "severity", "source_file", "page", "message"),
                                  findings))
    latest: dict[str, dict] = {}
    for d in docs:
        latest.setdefault(d["source_file"], d)
    console.print(_rows_table("documents (latest load of each file)",
                              ("source_file", "status", "sheet_type", "document_fiscal_year",
                               "classification_score", "sheet_count"), list(latest.values())))
    books = {d["source_file"] for d in latest.values() if (d["sheet_count"] or 0) > 1}
    if books:
        first_load: dict[str, str] = {}
        rows = [r for r in sheets if r["source_file"] in books
                and first_load.setdefault(r["source_file"], r["load_id"]) == r["load_id"]]
        for r in rows:
            r["pages"] = f"{r['first_page']}–{r['last_page']}"
            r["is_current"] = bool(r["is_current"])
            r["coverage"] = "" if r["coverage"] is None else f"{r['coverage']:.3f}"
        console.print(_rows_table("sheets of files that bind several (v_sheets, latest load)",
                                  ("source_file", "sheet_seq", "pages", "sheet_type", "document_fiscal_year",
                                   "policy_code", "subject", "is_current", "coverage"), rows))
    step = max(1, len(examples) // sample) if sample else 0
    if step:
        console.print(_rows_table("v_indicator_values (a few rows)",
                                  ("source_file", "indicator_name", "fiscal_year", "measure", "value", "unit",
                                   "status"), examples[::step][:sample]))


@app.command()
def report(out: Annotated[Path, typer.Option("--out", help="Output folder (index.html, assets/, crops/).")],
           db: DbOption = DEFAULT_URL,
           crops: Annotated[bool, typer.Option("--crops/--no-crops",
                                               help="Write PNG crops of the findings' cells.")] = True) -> None:
    """Write a static HTML report (charts per series, findings, review list) that opens from disk."""
    from hyoka.report import build_report
    console = _console()
    writable_folder(out, "--out")  # before the warehouse is read: a folder that cannot be written is exit 2
    with _open(db) as wh:
        result = build_report(wh, out, db_url=db, crops=crops)
    console.print(f"report: {result.index} — {result.series} series, {result.findings} findings "
                  f"({result.crops} crops), {result.review_links} links awaiting review")
    for fact_id, reason in result.crops_unavailable.items():
        console.print(f"[yellow]crop unavailable[/yellow] {fact_id}: {reason}")


import hyoka.versions_cli  # noqa: F401,E402 - registers `hyoka versions` (needs app and _open above)
import hyoka.loads_cli  # noqa: F401,E402 - registers `hyoka loads` (needs app and _open above)
import hyoka.export_cli  # noqa: F401,E402 - registers `hyoka export` (needs app and _open above)
import hyoka.migrate_cli  # noqa: F401,E402 - registers `hyoka migrate` (needs app above)

if __name__ == "__main__":  # pragma: no cover
    app()
