"""Keep the stored version succession (table sheet_versions) in step with the writes.

The rules of which extraction of a sheet is current live in one place,
sql/core/core_document_order.sql (publication date printed, else ModDate,
else CreationDate; then the fuller reading; then the later run; then the
shorter file name and SHA-256; a version_pins row overrides).  That view
ranks; this module stores its rows in ``sheet_versions``
(sql/ddl/015_sheet_versions.sql) so that the contract views read is_current
by key instead of ranking every sheet on every read (issue 10).

What a write changes, and what is refreshed in the same transaction:

- a new extraction of content X (``Warehouse.record``): the rows of every
  document_key that any sheet of X has, in any extraction
  (:func:`keys_of_contents`) — X's new sheets join their keys' successions,
  and an earlier extraction of X is superseded by the new one when its key
  has no later version (core_document_order: ``next_load_id``);
- a pin or unpin (``hyoka versions``): that key;
- the views re-created from changed sql/ files, or a warehouse migrated
  (load/schema.py): every row (:func:`refresh_versions` without keys), so the
  stored rows always follow the rules of the installed views.

A key's rows depend only on that key's sheets, their contents' extractions
and that key's pin, so refreshing the touched keys gives exactly what a full
refresh gives (tests/load/test_incremental.py compares them).

Concurrency: SQLite write transactions hold the database's write lock
(BEGIN IMMEDIATE, load/warehouse.py).  On PostgreSQL (READ COMMITTED) a
refresh of some keys takes :data:`LOCK_VERSIONS` shared and then an
exclusive advisory lock per key (in a fixed order, so two writers never wait
for each other in a cycle); a full refresh takes :data:`LOCK_VERSIONS`
exclusively.  The statements after the locks see what the previous holder
committed, so two ingests storing two versions of one key at once cannot
both see only their own.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable

from sqlalchemy import Connection, column, delete, insert, select, table, text

#: PostgreSQL advisory lock namespace of the version succession (two-int4
#: form, ASCII "hyk" + 3; load/warehouse.py uses 1 and 2).  Key 0 is the
#: whole table (shared by per-key refreshes, exclusive for a full one).
LOCK_VERSIONS = 0x68796B03
#: The stored columns, in the order of sql/ddl/015_sheet_versions.sql.
COLUMNS = ("source_sha256", "load_id", "sheet_seq", "document_key", "version", "extraction",
           "first_recorded_at", "superseded_load_id", "superseded_by_sha256", "is_current", "is_pinned")
#: Keys refreshed per statement (bind parameters stay far below SQLite's limit).
CHUNK = 500

_STORED = table("sheet_versions", *(column(c) for c in COLUMNS))
_RULES = table("core_document_order", *(column(c) for c in COLUMNS))
_SHEETS = table("sheets", column("source_sha256"), column("load_id"), column("document_key"))


def key_lock_id(document_key: str) -> int:
    """The signed int4 advisory-lock key of a document_key (first 32 bits of
    its UTF-8 SHA-256); two keys sharing it only wait for each other."""
    n = int.from_bytes(hashlib.sha256(document_key.encode("utf-8")).digest()[:4], "big")
    return n - 2 ** 32 if n >= 2 ** 31 else n


def keys_of_contents(conn: Connection, shas: Iterable[str]) -> set[str]:
    """Every document_key that a sheet of these contents (hex SHA-256s) has,
    in any stored extraction, as read on ``conn``."""
    shas = sorted(set(shas))
    found: set[str] = set()
    for i in range(0, len(shas), CHUNK):
        found.update(conn.execute(select(_SHEETS.c.document_key).distinct()
                                  .where(_SHEETS.c.source_sha256.in_(shas[i:i + CHUNK]))).scalars())
    return found


def refresh_versions(conn: Connection, keys: Iterable[str] | None = None) -> int:
    """Rewrite ``sheet_versions`` from core_document_order for ``keys`` (every
    row when None), inside ``conn``'s open write transaction.

    Args:
        conn: a connection in a write transaction (load/warehouse.py
            write_transaction, or the schema lock's transaction).
        keys: document_keys whose rows to rewrite; None for all.
    Returns:
        the number of rows written.
    Takes the locks of the module doc on PostgreSQL first.  Database errors
    propagate (the caller's transaction then rolls back with the write).
    """
    pg = conn.dialect.name == "postgresql"
    if keys is None:
        if pg:
            conn.execute(text("SELECT pg_advisory_xact_lock(:ns, 0)"), {"ns": LOCK_VERSIONS})
        conn.execute(delete(_STORED))
        return conn.execute(insert(_STORED).from_select(COLUMNS, select(*_RULES.c))).rowcount
    keys = sorted(set(keys))
    if not keys:
        return 0
    if pg:
        conn.execute(text("SELECT pg_advisory_xact_lock_shared(:ns, 0)"), {"ns": LOCK_VERSIONS})
        for lock in sorted({key_lock_id(k) for k in keys}):
            conn.execute(text("SELECT pg_advisory_xact_lock(:ns, :key)"), {"ns": LOCK_VERSIONS, "key": lock})
    written = 0
    for i in range(0, len(keys), CHUNK):
        chunk = keys[i:i + CHUNK]
        conn.execute(delete(_STORED).where(_STORED.c.document_key.in_(chunk)))
        written += conn.execute(insert(_STORED).from_select(
            COLUMNS, select(*_RULES.c).where(_RULES.c.document_key.in_(chunk)))).rowcount
    return written
