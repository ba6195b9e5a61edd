"""``hyoka versions KEY``: a sheet's versions, and a reviewed choice of the current one.

A document_key's versions are ordered by publication (README "Versions",
sql/core/core_document_versions.sql); the current one is the last, unless a
``version_pins`` row names another:

- ``hyoka versions KEY [--db URL]``: every stored extraction of the sheet
  KEY (v_document_versions): version, extraction, publication date and where
  it comes from (printed | pdf_moddate | pdf_creationdate), file, SHA-256,
  load; the current one marked, a pinned one too.  KEY may be a unique part
  of a key (e.g. ``I-(1)/2017``).
- ``--make-current SHA [--reason TEXT]``: pin the content SHA (8+ hex
  digits of a content of KEY) as KEY's current version — its latest
  extraction becomes current whatever the publication order (a reviewer's
  decision, kept with its time and reason).
- ``--unpin``: delete KEY's pin; the key returns to publication order.
A pin or unpin rewrites the key's stored version succession in the same
transaction (load/versions.py); then the indicator series of the key's
(municipality, template) are relinked over the new current facts
(load/series.py), as after an ingest.

Registered on :data:`hyoka.cli.app` when imported (one import line at the
end of hyoka/cli.py).  Exit codes: 0 listed / pinned / unpinned; 2 usage
(no such key, an ambiguous part of a key, a SHA that is not a version of
KEY, both --make-current and --unpin, nothing to unpin).
"""
from __future__ import annotations

import re
from typing import Annotated

import typer
from sqlalchemy import text

from hyoka.cli import DbOption, _console, _open, app
from hyoka.load import DEFAULT_URL, Warehouse
from hyoka.load.ids import iso, utc_now
from hyoka.load.series import relink
from hyoka.load.versions import refresh_versions
from hyoka.load.warehouse import write_transaction
from rich.table import Table

#: Columns of v_document_versions the listing shows, in order.
LISTED = ("version", "extraction", "published_at", "published_source", "source_file", "sheet_seq",
          "source_sha256", "load_id", "recorded_at", "tool_version")


class VersionsError(LookupError):
    """A key, SHA-256 or pin that the warehouse does not hold (the message says which)."""


def resolve_key(wh: Warehouse, key: str) -> str:
    """The document_key ``key`` names: itself when stored, else the one stored
    key containing it.  Raises :class:`VersionsError` when none or several do
    (the message lists up to 10)."""
    if wh.query("SELECT 1 AS x FROM v_document_versions WHERE document_key = :k", {"k": key}):
        return key
    pattern = "%" + key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    found = [r["document_key"] for r in wh.query(
        "SELECT DISTINCT document_key FROM v_document_versions WHERE document_key LIKE :p ESCAPE '\\' "
        "ORDER BY document_key", {"p": pattern})]
    if len(found) == 1:
        return found[0]
    if not found:
        raise VersionsError(f"no document_key {key!r} in this warehouse (see v_document_versions or hyoka views)")
    shown = ", ".join(found[:10]) + (f" … ({len(found)} keys)" if len(found) > 10 else "")
    raise VersionsError(f"{key!r} is part of several document keys: {shown}; give the whole key")


def versions(wh: Warehouse, key: str) -> list[dict]:
    """Every extraction of document_key ``key`` (exact), oldest version first:
    dicts with :data:`LISTED` plus is_current and is_pinned (bool)."""
    rows = wh.query(f"SELECT {', '.join(LISTED)}, is_current, is_pinned FROM v_document_versions "
                    "WHERE document_key = :k ORDER BY version, extraction", {"k": key})
    for r in rows:
        r["is_current"], r["is_pinned"] = bool(r["is_current"]), bool(r["is_pinned"])
    return rows


def pin(wh: Warehouse, key: str, sha: str, reason: str | None = None) -> str:
    """Make content ``sha`` (a full SHA-256 or a prefix of 8+ hex digits) the
    current version of ``key``: replace the key's version_pins row, in one
    transaction.  Returns the full SHA-256 pinned.  Raises
    :class:`VersionsError` when ``sha`` is not hex, matches no content of
    the key, or several.  The key's sheet_versions rows are rewritten in the
    same transaction (load/versions.py)."""
    if not re.fullmatch(r"[0-9a-fA-F]{8,64}", sha):
        raise VersionsError(f"--make-current {sha!r}: give a SHA-256 or its first 8+ hex digits")
    shas = sorted({r["source_sha256"] for r in versions(wh, key) if r["source_sha256"].startswith(sha.lower())})
    if not shas:
        raise VersionsError(f"{sha} is not a version of {key} (hyoka versions {key!r} lists them)")
    if len(shas) > 1:
        raise VersionsError(f"{sha} matches several versions of {key}; give more digits")
    with write_transaction(wh.engine) as conn:
        conn.execute(text("DELETE FROM version_pins WHERE document_key = :k"), {"k": key})
        conn.execute(text("INSERT INTO version_pins (document_key, source_sha256, pinned_at, reason) "
                          "VALUES (:k, :s, :t, :r)"), {"k": key, "s": shas[0], "t": iso(utc_now()), "r": reason})
        refresh_versions(conn, [key])  # the stored succession follows the pin, same transaction
    return shas[0]


def unpin(wh: Warehouse, key: str) -> bool:
    """Delete ``key``'s version_pins row (and rewrite the key's stored
    succession, load/versions.py, in the same transaction); True when there was one."""
    with write_transaction(wh.engine) as conn:
        found = conn.execute(text("DELETE FROM version_pins WHERE document_key = :k"), {"k": key}).rowcount > 0
        if found:
            refresh_versions(conn, [key])
        return found


@app.command("versions")
def versions_command(
        key: Annotated[str, typer.Argument(help="A document_key (or a unique part of one), e.g. "
                                                "142034/hiratsuka_shisaku_hyoka/４－①/2023.")],
        make_current: Annotated[str | None, typer.Option(
            "--make-current", metavar="SHA",
            help="Pin this content (SHA-256 or 8+ hex digits) as the key's current version.")] = None,
        reason: Annotated[str | None, typer.Option(help="Why (kept with the pin).")] = None,
        unpin_: Annotated[bool, typer.Option("--unpin", help="Remove the key's pin: back to publication order.")] = False,
        db: DbOption = DEFAULT_URL) -> None:
    """List a sheet's versions (publication date and source, current marked); pin or unpin its current one."""
    console = _console()
    if make_current and unpin_:
        console.print("[red]error:[/red] give --make-current SHA or --unpin, not both")
        raise typer.Exit(2)
    with _open(db) as wh:
        try:
            key = resolve_key(wh, key)
            if make_current:
                sha = pin(wh, key, make_current, reason)
                console.print(f"pinned: {sha[:12]} is the current version of {key}")
            elif unpin_:
                if not unpin(wh, key):
                    raise VersionsError(f"{key} has no pin (its current version is by publication)")
                console.print(f"unpinned: {key} is back to publication order")
            if make_current or unpin_:
                relink(wh, keys=[key])  # the key's series groups, over the current facts (load/series.py)
        except VersionsError as e:
            console.print(f"[red]error:[/red] {e}")
            raise typer.Exit(2)
        rows = versions(wh, key)
        pinned = wh.query("SELECT source_sha256, pinned_at, reason FROM version_pins WHERE document_key = :k",
                          {"k": key})
    table = Table(title=f"versions of {key} (oldest first; ● current)")
    for c in ("current", "version", "extraction", "published", "from", "file (sheet)", "sha256", "load_id"):
        table.add_column(c, overflow="fold")
    for r in rows:
        mark = ("● pinned" if r["is_pinned"] else "●") if r["is_current"] else ""
        table.add_row(mark, str(r["version"]), str(r["extraction"]), r["published_at"] or "",
                      r["published_source"] or "", f"{r['source_file']} ({r['sheet_seq']})",
                      r["source_sha256"][:12], r["load_id"])
    console.print(table)
    if pinned:
        p = pinned[0]
        console.print(f"pin: {p['source_sha256'][:12]} since {p['pinned_at']}"
                      + (f" — {p['reason']}" if p["reason"] else "") + f" (undo: hyoka versions '{key}' --unpin)")
