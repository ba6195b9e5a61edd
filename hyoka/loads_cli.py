"""``hyoka loads [--db URL] [--limit N]``: the loads (runs of ``hyoka ingest``) and their state.

One row per load, newest first: load id, start and end (UTC), status
(running | finished | failed | aborted | interrupted, load/warehouse.py
LOAD_STATUSES), the document counts (total, loaded, unchanged, failed,
needs_ocr; for a load still running, the documents recorded so far), the
process (pid@host) and the message saying why it ended otherwise than
finished (the signal, "process gone").  A ``running`` load of this host
whose process no longer runs is shown ``running (process gone)``: the next
ingest marks it interrupted (this command only reads).

Registered on :data:`hyoka.cli.app` when imported (one import line at the
end of hyoka/cli.py).  Exit codes: 0 listed (an empty warehouse lists
nothing); 2 for a usage error (--limit below 1, no warehouse at --db).
"""
from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from hyoka.cli import DbOption, _console, _open, app
from hyoka.load import DEFAULT_URL

#: (column title, justify) of the listing, in order.
COLUMNS = (("load_id", "left"), ("started_at", "left"), ("finished_at", "left"), ("status", "left"),
           ("documents", "right"), ("loaded", "right"), ("unchanged", "right"), ("failed", "right"),
           ("needs_ocr", "right"), ("process", "left"), ("message", "left"))


def _cells(row: dict) -> list[str]:
    """The listing's cells of one :meth:`Warehouse.loads` row."""
    status = row["status"]
    if row["process_gone"]:
        status += " (process gone)"
    running = row["documents_total"] is None
    total = f"{row['documents_recorded']} so far" if running else str(row["documents_total"])
    counts = ["" if running else str(row[f"documents_{k}"] or 0)
              for k in ("loaded", "unchanged", "failed", "needs_ocr")]
    process = f"{row['pid']}@{row['host']}" if row["pid"] is not None else ""
    return [row["load_id"], row["started_at"], row["finished_at"] or "", status, total, *counts,
            process, row["message"] or ""]


@app.command()
def loads(db: DbOption = DEFAULT_URL,
          limit: Annotated[int, typer.Option("--limit", min=1, help="Show the N latest loads.")] = 20) -> None:
    """List the loads (newest first): start, end, status, document counts, process and message."""
    console = _console()
    with _open(db) as wh:
        rows = wh.loads(limit)
    table = Table(title=f"loads (latest {limit})")
    for title, justify in COLUMNS:
        table.add_column(title, justify=justify, overflow="fold", no_wrap=title == "load_id")
    for row in rows:
        table.add_row(*_cells(row))
    console.print(table)
