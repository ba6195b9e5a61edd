"""The warehouse: write DocumentFacts per load, read back through the views.

Backends: SQLite (the embedded default, ``sqlite:///hyoka.sqlite``) and
PostgreSQL (``postgresql+psycopg://user:pw@host/db``); the same sql/ files
create both (load/schema.py).  Booleans come back as Python bools from
both here (SQLAlchemy converts SQLite's stored 1/0); raw SQL on SQLite sees
1/0, so compare with ``bool()``.

Each document is written in its own transaction, so a failure in one file
never loses the others (contract: v_documents "a failed file too").

Concurrent loads (several ``hyoka ingest`` at once into one warehouse) are
safe: a write transaction (:func:`write_transaction`) decides ``loaded`` /
``unchanged`` only after taking a lock every other writer respects —

- PostgreSQL: ``pg_advisory_xact_lock(namespace, key)`` (the two-int4 form;
  :data:`LOCK_DOCUMENT` keyed on the file's SHA-256, :data:`LOCK_RELINK` for
  the series rewrite), released at commit; the transaction runs READ
  COMMITTED, so the statement after the lock sees what the other writer
  committed (PostgreSQL manual, "Advisory Locks" and "Read Committed
  Isolation Level").
- SQLite: the database's single write lock, taken by ``BEGIN IMMEDIATE`` at
  the start of a write transaction (SQLAlchemy's documented pysqlite recipe:
  the driver's own BEGIN disabled, SQLAlchemy's "begin" event emits ours;
  load/schema.py configure_sqlite),
  so no transaction reads and then fails to upgrade to writing ("database is
  locked" without waiting); ``journal_mode=WAL`` (persistent, set once) so a
  reader — a BI client holding a read transaction — never blocks a writer and
  a writer never blocks readers; a busy timeout of
  :data:`SQLITE_BUSY_TIMEOUT_MS` for writers queueing behind each other.
  WAL needs the file on a local disk (sqlite.org/wal.html: not over a network
  file system).

Interrupted loads: :meth:`Warehouse.begin_load` records the process (pid,
host) and first marks ``interrupted`` every ``running`` load of this host
whose process is gone (kill -9, a crash, a power cut); hyoka/interrupt.py
marks a load ``interrupted`` when a signal stops it.
"""
from __future__ import annotations

import os
import re
import socket
from collections.abc import Mapping
from contextlib import AbstractContextManager
from datetime import datetime
from typing import Any

from pathlib import Path

import psutil
from sqlalchemy import Connection, Engine, Table, func, make_url, select, text
from sqlalchemy.exc import IntegrityError, StatementError

from hyoka.load.ids import iso, new_load_id, utc_now
from hyoka.load.rows import document_row, fact_rows, load_document_row
from hyoka.load.schema import (FACT_TABLES, SQLITE_BUSY_TIMEOUT_MS, TABLES, WRITE_OPTION,  # noqa: F401
                               WarehouseNotFound, check_readable, create_schema, reflect,
                               warehouse_engine)
from hyoka.load.versions import keys_of_contents, refresh_versions
from hyoka.normalize.facts import DOCUMENT_STATUSES, DocumentFacts

#: Default warehouse: an SQLite file in the working directory.
DEFAULT_URL = "sqlite:///hyoka.sqlite"
#: Load statuses written to loads.status.
LOAD_STATUSES = ("running", "finished", "failed", "aborted", "interrupted")

_SHA_PREFIX = re.compile(r"^[0-9a-fA-F]{8,64}$")

#: PostgreSQL advisory lock namespaces (first int4 of the two-key form; ASCII
#: "hyk" + a number).  The schema lock of load/schema.py uses the one-bigint
#: form, a separate key space (PostgreSQL manual, pg_locks: objsubid 1 vs 2).
LOCK_DOCUMENT = 0x68796B01
LOCK_RELINK = 0x68796B02


#: Rows SQLite's ANALYZE reads per index (``PRAGMA analysis_limit``): its
#: estimate from that sample is enough to order the views' joins.
ANALYSIS_LIMIT = 1000


def write_transaction(engine: Engine) -> AbstractContextManager[Connection]:
    """``engine.begin()`` for a transaction that writes (use it for every write).

    SQLite: the transaction begins ``BEGIN IMMEDIATE`` (it queues for the
    write lock up to the busy timeout, then holds it, so reading before
    writing cannot fail with "database is locked").  PostgreSQL: READ
    COMMITTED, so a statement after an advisory lock (:func:`advisory_lock`)
    sees what the lock's previous holder committed.  Returns a context
    manager yielding a Connection; commits at the end of the block, rolls
    back on an exception.
    """
    options: dict[str, Any] = {WRITE_OPTION: True}
    if engine.dialect.name == "postgresql":
        options["isolation_level"] = "READ COMMITTED"
    return engine.execution_options(**options).begin()


def advisory_lock(conn: Connection, namespace: int, key: int | str = 0) -> None:
    """Take a transaction-scoped exclusive lock (PostgreSQL
    ``pg_advisory_xact_lock(namespace, key)``), waiting for its holder's commit.

    ``namespace``: :data:`LOCK_DOCUMENT` or :data:`LOCK_RELINK` (an int4);
    ``key``: an int4, or a hex SHA-256 whose first 32 bits are used (two
    contents sharing them only wait for each other).  No-op on SQLite, where
    :func:`write_transaction` already holds the database's write lock.
    """
    if conn.dialect.name != "postgresql":
        return
    if isinstance(key, str):
        key = int(key[:8] or "0", 16)
    key &= 0xFFFFFFFF
    if key >= 2 ** 31:
        key -= 2 ** 32  # int4 is signed
    conn.execute(text("SELECT pg_advisory_xact_lock(:namespace, :key)"),
                 {"namespace": namespace, "key": key})


def process_gone(pid: int | None, started_at: str) -> bool:
    """True when the process ``pid`` of this host that began a load at
    ``started_at`` (ISO-8601) no longer runs.

    Gone: no such process, a zombie (killed, not yet reaped), or a process
    created after the load started (the pid was reused).  A process we may
    not inspect counts as running.  ``pid`` None (a load written before
    layout 4) counts as gone.  Uses psutil for the process table.
    """
    if pid is None:
        return True
    try:
        proc = psutil.Process(pid)
        if proc.status() == psutil.STATUS_ZOMBIE:
            return True
        created = proc.create_time()
    except psutil.NoSuchProcess:
        return True
    except psutil.AccessDenied:
        return False
    return created > datetime.fromisoformat(started_at).timestamp() + 2.0  # clock granularity


class Warehouse:
    """A connected warehouse.  Make one with :meth:`connect`; close with
    :meth:`close` (or use it as a context manager)."""

    def __init__(self, engine: Engine):
        """Wrap an engine whose schema already exists (use :meth:`connect`)."""
        self.engine = engine
        self.tables: dict[str, Table] = reflect(engine)
        #: Loads begun by this object and not finished yet (hyoka/interrupt.py
        #: marks these interrupted when a signal stops the process).
        self.open_loads: set[str] = set()

    # -- lifecycle ---------------------------------------------------------
    @classmethod
    def connect(cls, url: str = DEFAULT_URL, *, must_exist: bool = False) -> "Warehouse":
        """Open the warehouse at SQLAlchemy ``url``.

        ``must_exist=False`` (ingest): a new database gets the schema, a
        current one its views refreshed when the sql/ files changed
        (load/schema.py create_schema, serialised against other processes).
        ``must_exist=True`` (read commands): nothing is created or altered —
        a missing SQLite file (never created) or a database without the
        warehouse tables raises WarehouseNotFound ("no hyoka warehouse at …").
        Returns a Warehouse.  Raises sqlalchemy errors when the database is
        unreachable or rejects the DDL, SqlFileError for a malformed sql/ file,
        MigrationNeeded (a SchemaVersionError) for a warehouse of an older
        layout — run ``hyoka migrate`` — and SchemaVersionError for layout 1
        or a newer hyoka's.
        """
        parsed = make_url(url)
        if (must_exist and parsed.get_backend_name() == "sqlite" and parsed.database
                and parsed.database != ":memory:" and not Path(parsed.database).is_file()):
            raise WarehouseNotFound(f"no hyoka warehouse at {Path(parsed.database).resolve()} "
                                    f"(ingest first, or check --db / HYOKA_DB)")
        engine = warehouse_engine(url)
        try:
            if must_exist:
                check_readable(engine)
            else:
                create_schema(engine)
        except BaseException:
            engine.dispose()
            raise
        return cls(engine)

    def close(self) -> None:
        """Release all pooled connections."""
        self.engine.dispose()

    def __enter__(self) -> "Warehouse":
        """Context manager: returns self."""
        return self

    def __exit__(self, *exc: object) -> None:
        """Context manager: :meth:`close`."""
        self.close()

    # -- writing -----------------------------------------------------------
    def begin_load(self, tool_version: str, *, pid: int | None = None,
                   host: str | None = None) -> str:
        """Start a run: insert a ``loads`` row with status 'running'.

        ``tool_version``: the hyoka version string; ``pid``/``host``: the
        process running the load (default: this one, ``socket.gethostname()``).
        First marks stale loads of this host interrupted (:meth:`mark_stale_loads`).
        Returns the new load id (time-sortable, see load/ids.py).
        """
        host = socket.gethostname() if host is None else host
        self.mark_stale_loads(host)
        load_id = new_load_id()
        with write_transaction(self.engine) as conn:
            conn.execute(self.tables["loads"].insert().values(
                load_id=load_id, started_at=iso(utc_now()), tool_version=tool_version,
                status="running", pid=os.getpid() if pid is None else pid, host=host))
        self.open_loads.add(load_id)
        return load_id

    def mark_stale_loads(self, host: str | None = None) -> list[str]:
        """Mark ``interrupted`` every ``running`` load of ``host`` (default:
        this one) whose process is gone (:func:`process_gone`: kill -9, a
        crash), with message "process gone: …" and its counts; its end time
        is its last recorded document's (the last sign of life), else its start.

        Loads of other hosts are left alone (their processes cannot be
        seen from here).  Returns the load ids marked, oldest first.  A load
        another process marks meanwhile is skipped (the update requires
        status 'running').
        """
        host = socket.gethostname() if host is None else host
        loads, ld = self.tables["loads"], self.tables["load_documents"]
        with self.engine.connect() as conn:
            running = conn.execute(select(loads.c.load_id, loads.c.pid, loads.c.started_at).where(
                loads.c.status == "running", loads.c.host == host).order_by(loads.c.load_id)).all()
        marked = []
        for load_id, pid, started_at in running:
            if load_id in self.open_loads or not process_gone(pid, started_at):
                continue
            with self.engine.connect() as conn:
                last = conn.execute(select(func.max(ld.c.finished_at)).where(
                    ld.c.load_id == load_id)).scalar()
            message = (f"process gone: pid {pid} on {host} no longer runs (killed or crashed); "
                       f"marked at {iso(utc_now())}; documents recorded before stay, "
                       f"re-run the same ingest for the rest")
            if self._close(load_id, "interrupted", message, finished_at=last or started_at,
                           only_running=True):
                marked.append(load_id)
        return marked

    def is_loaded(self, sha256: str) -> bool:
        """True when facts for this file content (hex SHA-256) are already stored."""
        with self.engine.connect() as conn:
            return self._stored(conn, sha256) is not None

    def record(self, load_id: str, facts: DocumentFacts, *, source_path: str | None = None,
               reprocess: bool = False, tool_version: str | None = None,
               source_path_hex: str | None = None) -> str:
        """Write one document in one transaction; return its status as recorded.

        ``source_path``: where the file was read from (kept for ``hyoka trace``);
        ``reprocess``: store a new extraction even when the SHA-256 is already
        stored (a newer tool over an archive; the new extraction supersedes
        the earlier one, see sql/core/core_document_versions.sql);
        ``tool_version``: the version that extracted it (default: the load's);
        ``source_path_hex``: the path's raw bytes in hex when not UTF-8.
        Within a load a file is keyed by its path (default: ``facts.source_file``).

        - ``facts.status == 'failed'``: only a load_documents row with ``facts.error``.
        - SHA-256 already in ``documents`` (and not ``reprocess``, or already
          stored by this very load): a load_documents row 'unchanged' (its
          metadata copied from the latest stored extraction), nothing else.
        - otherwise: the documents row, every fact row (with this load_id), its
          validation findings and a load_documents row with ``facts.status``
          ('loaded' or 'needs_ocr'); the stored version succession
          (sheet_versions) of every document_key its sheets have is rewritten in
          the same transaction (load/versions.py).
        - if the database rejects any of it: that transaction is rolled back and the
          document is recorded 'failed' with the database's message (or 'unchanged'
          when a concurrent load stored the same SHA-256 meanwhile).
        - if the facts object itself is malformed (e.g. a fact without provenance):
          recorded 'failed' with the Python error.
        Returns one of normalize.facts.DOCUMENT_STATUSES.  Raises ValueError for an
        unknown facts.status, a non-failed document without SHA-256, or when this
        path was already recorded in this load (load_documents key:
        load_id, source_path).  Errors raised while recording the failure itself
        (e.g. the database went away) propagate.
        """
        if facts.status not in DOCUMENT_STATUSES:
            raise ValueError(f"{facts.source_file}: unknown document status {facts.status!r}")
        started = iso(utc_now())
        load_documents = self.tables["load_documents"]
        where = {"source_path": source_path or facts.source_file, "source_path_hex": source_path_hex}
        if facts.status == "failed":
            error = facts.error or f"{facts.source_file}: failed (no reason given)"
            self._record_status(load_id, facts, "failed", error, started, **where)
            return "failed"
        if not facts.sha256:
            raise ValueError(f"{facts.source_file}: status {facts.status!r} needs a SHA-256")
        status = "needs_ocr" if facts.status == "needs_ocr" else "loaded"
        if tool_version is None:
            tool_version = self._tool_version(load_id)
        try:
            document = document_row(load_id, facts, recorded_at=iso(utc_now()),
                                    tool_version=tool_version, source_path=source_path)
            facts_by_table = fact_rows(load_id, facts)
        except (AttributeError, TypeError, ValueError, IndexError, KeyError) as exc:  # malformed facts
            self._record_status(load_id, facts, "failed",
                                f"{facts.source_file}: invalid facts: {type(exc).__name__}: {exc}",
                                started, **where)
            return "failed"
        document["status"] = status
        try:
            with write_transaction(self.engine) as conn:
                self._refuse_recorded(conn, load_id, where["source_path"])
                # the decision loaded/unchanged is made under a lock every writer
                # of the same bytes respects (module doc: concurrent loads)
                advisory_lock(conn, LOCK_DOCUMENT, facts.sha256)
                stored = self._stored(conn, facts.sha256)
                if stored is not None and (not reprocess or stored["load_id"] == load_id):
                    status = "unchanged"
                else:
                    self._insert_facts(conn, document, facts_by_table)
                    # the version succession of the keys this content's sheets have,
                    # in this transaction (load/versions.py: what a record changes)
                    refresh_versions(conn, keys_of_contents(conn, [facts.sha256]))
                # error is NULL unless failed (contract: v_documents.error)
                conn.execute(load_documents.insert().values(load_document_row(
                    load_id, facts, status, None, started, iso(utc_now()), stored, **where)))
            return status
        except StatementError as exc:
            if isinstance(exc, IntegrityError) and facts.sha256:
                with self.engine.connect() as conn:
                    stored = self._stored(conn, facts.sha256)
                if stored is not None and not reprocess:  # a concurrent load stored the same bytes meanwhile
                    self._record_status(load_id, facts, "unchanged", None, started, stored, **where)
                    return "unchanged"
            message = str(getattr(exc, "orig", None) or exc).strip()
            self._record_status(load_id, facts, "failed",
                                f"{facts.source_file}: database error while loading: {message}",
                                started, **where)
            return "failed"

    def _refuse_recorded(self, conn: Connection, load_id: str, path: str) -> None:
        """Raise ValueError when ``path`` already has a load_documents row in
        ``load_id``; run inside the write transaction that adds the row (on
        SQLite under its write lock, so check and insert cannot interleave with
        another writer's)."""
        ld = self.tables["load_documents"]
        seen = conn.execute(select(ld.c.status).where(ld.c.load_id == load_id,
                                                      ld.c.source_path == path)).first()
        if seen is not None:
            raise ValueError(f"{path}: already recorded in load {load_id} ({seen[0]})")

    def _stored(self, conn, sha256: str) -> Mapping | None:  # noqa: ANN001 - Connection
        """The latest stored extraction (``documents`` row) of this SHA-256, inside
        ``conn``'s transaction, or None."""
        if not sha256:
            return None
        documents = self.tables["documents"]
        return conn.execute(select(documents).where(documents.c.source_sha256 == sha256)
                            .order_by(documents.c.recorded_at.desc())).mappings().first()

    def _tool_version(self, load_id: str) -> str:
        """The tool_version of a load (KeyError when the load id is unknown)."""
        loads = self.tables["loads"]
        with self.engine.connect() as conn:
            found = conn.execute(select(loads.c.tool_version).where(loads.c.load_id == load_id)).scalar()
        if found is None:
            raise KeyError(load_id)
        return found

    def _insert_facts(self, conn, document: dict, facts_by_table: dict[str, list[dict]]) -> None:  # noqa: ANN001
        """Insert the documents row and all fact rows (executemany per table)."""
        conn.execute(self.tables["documents"].insert(), [document])
        for table, rows in facts_by_table.items():
            if rows:
                conn.execute(self.tables[table].insert(), rows)

    def _record_status(self, load_id: str, facts: DocumentFacts, status: str,
                       error: str | None, started: str, stored: Mapping | None = None,
                       source_path: str | None = None, source_path_hex: str | None = None) -> None:
        """Insert only a load_documents row (failed/unchanged), in its own
        transaction; ValueError when the path is already recorded in the load."""
        with write_transaction(self.engine) as conn:
            self._refuse_recorded(conn, load_id, source_path or facts.source_file)
            conn.execute(self.tables["load_documents"].insert().values(
                load_document_row(load_id, facts, status, error, started, iso(utc_now()), stored,
                                  source_path, source_path_hex)))

    def refresh_statistics(self) -> bool:
        """Let the query planner see the warehouse's size: on SQLite, ``ANALYZE``
        with ``PRAGMA analysis_limit`` = :data:`ANALYSIS_LIMIT` (each index
        sampled, so it costs about the same at any size: 0.2 s at 100,000
        sheets).  Without statistics SQLite walks a contract view from its
        fact table and probes the version table once per fact (COUNT(*) of
        v_indicator_values at 100,000 sheets 3.5 s; with them and the
        indexes of sql/ddl 0.3 s: it reads the current sheets in key order,
        then their facts).  PostgreSQL's autovacuum analyzes tables itself
        (its ``autovacuum_analyze_*`` settings); nothing is done there.
        Returns True when statistics were refreshed.  sqlite.org/lang_analyze.html."""
        if self.engine.dialect.name != "sqlite":
            return False
        with write_transaction(self.engine) as conn:
            conn.exec_driver_sql(f"PRAGMA analysis_limit = {ANALYSIS_LIMIT}")
            conn.exec_driver_sql("ANALYZE")
        return True

    def finish_load(self, load_id: str, status: str = "finished", message: str | None = None) -> None:
        """Close a run: set finished_at, ``status`` (one of LOAD_STATUSES), its
        ``message`` (why it ended otherwise than finished, e.g. the signal; NULL
        for a plain finish) and the document counts from its load_documents
        rows.  Raises ValueError for an unknown status, KeyError for an
        unknown load id."""
        if status not in LOAD_STATUSES:
            raise ValueError(f"unknown load status {status!r}; expected one of {LOAD_STATUSES}")
        if not self._close(load_id, status, message):
            raise KeyError(load_id)
        self.open_loads.discard(load_id)

    def _close(self, load_id: str, status: str, message: str | None, *,
               finished_at: str | None = None, only_running: bool = False) -> bool:
        """Update the loads row (status, message, finished_at — default now —,
        counts); ``only_running``: only if still 'running'.  True when updated."""
        by_status = self._documents_by_status(load_id)
        loads = self.tables["loads"]
        where = [loads.c.load_id == load_id]
        if only_running:
            where.append(loads.c.status == "running")
        with write_transaction(self.engine) as conn:
            result = conn.execute(loads.update().where(*where).values(
                finished_at=finished_at or iso(utc_now()), status=status, message=message,
                documents_total=sum(by_status.values()),
                documents_loaded=by_status.get("loaded", 0),
                documents_unchanged=by_status.get("unchanged", 0),
                documents_failed=by_status.get("failed", 0),
                documents_needs_ocr=by_status.get("needs_ocr", 0)))
            return result.rowcount == 1

    def loads(self, limit: int | None = 20) -> list[dict[str, Any]]:
        """The latest ``limit`` loads (all when None), newest first, for ``hyoka loads``.

        Returns dicts of the loads columns plus ``documents_recorded`` (its
        load_documents rows so far: a running load's counts are only set when
        it ends) and ``process_gone`` (True for a 'running' load of this host
        whose process no longer runs — the next ingest marks it interrupted;
        None for other statuses and other hosts).  Reads only.
        """
        loads, ld = self.tables["loads"], self.tables["load_documents"]
        recorded = (select(func.count()).where(ld.c.load_id == loads.c.load_id)
                    .correlate(loads).scalar_subquery().label("documents_recorded"))
        query = select(loads, recorded).order_by(loads.c.load_id.desc())
        if limit is not None:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            rows = [dict(r) for r in conn.execute(query).mappings()]
        here = socket.gethostname()
        for r in rows:
            r["process_gone"] = (process_gone(r["pid"], r["started_at"])
                                 if r["status"] == "running" and r["host"] == here else None)
        return rows

    # -- reading -----------------------------------------------------------
    def _documents_by_status(self, load_id: str) -> dict[str, int]:
        """{status: number of files} for one load."""
        ld = self.tables["load_documents"]
        with self.engine.connect() as conn:
            rows = conn.execute(select(ld.c.status, func.count()).where(ld.c.load_id == load_id)
                                .group_by(ld.c.status)).all()
        return {status: count for status, count in rows}

    def summary(self, load_id: str) -> dict[str, Any]:
        """Counts for the CLI's closing table of one run.

        Returns {'load_id', 'status', 'tool_version', 'started_at', 'finished_at',
        'documents': {'loaded','unchanged','failed','needs_ocr','total': int},
        'pages': int (page_count summed over the run's files, NULL as 0),
        'indicator_values', 'indicator_policies', 'budget_values', 'text_blocks',
        'raw_cells': int (rows written by this run),
        'sheets': {sheet_type: sheets of the run's files, 'unclassified' counted},
        'low_coverage': v_sheets rows of this run with coverage below 1,
        'failures': [{'source_file', 'error'}] sorted by file}.
        Raises KeyError for an unknown load id.
        """
        loads, ld = self.tables["loads"], self.tables["load_documents"]
        with self.engine.connect() as conn:
            run = conn.execute(select(loads).where(loads.c.load_id == load_id)).mappings().first()
            if run is None:
                raise KeyError(load_id)
            pages = conn.execute(select(func.coalesce(func.sum(ld.c.page_count), 0))
                                 .where(ld.c.load_id == load_id)).scalar_one()
            facts = {t: conn.execute(select(func.count()).select_from(self.tables[t])
                                     .where(self.tables[t].c.load_id == load_id)).scalar_one()
                     for t in FACT_TABLES}
            failures = conn.execute(select(ld.c.source_file, ld.c.error).where(
                ld.c.load_id == load_id, ld.c.status == "failed").order_by(ld.c.source_file)
            ).mappings().all()
            v_sheets = self.tables["v_sheets"]
            by_template = dict(conn.execute(
                select(v_sheets.c.sheet_type, func.count()).where(v_sheets.c.load_id == load_id)
                .group_by(v_sheets.c.sheet_type).order_by(v_sheets.c.sheet_type)).all())
            low = conn.execute(select(v_sheets).where(
                v_sheets.c.load_id == load_id, v_sheets.c.coverage < 1.0)
                .order_by(v_sheets.c.source_file, v_sheets.c.sheet_seq)).mappings().all()
        by_status = self._documents_by_status(load_id)
        documents = {s: by_status.get(s, 0) for s in DOCUMENT_STATUSES}
        documents["total"] = sum(by_status.values())
        return {"load_id": load_id, "status": run["status"], "tool_version": run["tool_version"],
                "started_at": run["started_at"], "finished_at": run["finished_at"],
                "documents": documents, "pages": int(pages), **facts,
                "sheets": by_template, "low_coverage": [dict(r) for r in low],
                "failures": [dict(f) for f in failures]}

    def document(self, sha_or_file: str) -> dict[str, Any] | None:
        """Everything about one document for ``hyoka show``.

        ``sha_or_file``: a hex SHA-256 (or a prefix of at least 8 digits) or a
        source_file as ingested.  Returns None when nothing matches, else
        {'document': the latest v_documents row (dict) plus title/policy_code/
        policy_name from its latest stored extraction and document_key/
        is_current/superseded_load_id of that extraction's first sheet,
        'sheets': v_document_versions rows of that extraction's sheets (with
        first_page/last_page, document_key, is_current, numeric_cells,
        typed_cells, coverage), by sheet_seq,
        'history': every v_documents row for it, oldest first,
        'counts': {fact table: rows of that extraction},
        'indicator_values', 'budget_values', 'text_blocks', 'raw_cells':
        rows of the v_*_history views for that extraction (contract columns
        plus provenance), 'indicator_policies': v_indicator_policies rows
        (current extractions only), 'validation_findings': that extraction's
        own findings (table validation_findings, by seq)}.
        """
        v_docs = self.tables["v_documents"]
        if _SHA_PREFIX.match(sha_or_file):
            where = v_docs.c.source_sha256.startswith(sha_or_file.lower(), autoescape=True)
        else:
            where = v_docs.c.source_file == sha_or_file
        with self.engine.connect() as conn:
            latest = conn.execute(select(v_docs).where(where).order_by(v_docs.c.load_id.desc())
                                  .limit(1)).mappings().first()
            if latest is None:
                return None
            sha = latest["source_sha256"]
            key = (v_docs.c.source_sha256 == sha) if sha else (v_docs.c.source_file == latest["source_file"])
            history = conn.execute(select(v_docs).where(key).order_by(v_docs.c.load_id)).mappings().all()
            stored = self._stored(conn, sha)
            versions = self.tables["v_document_versions"]
            result: dict[str, Any] = {"document": dict(latest), "history": [dict(h) for h in history]}
            if stored is not None:
                version = conn.execute(select(versions).where(
                    versions.c.source_sha256 == sha, versions.c.load_id == stored["load_id"])
                    .order_by(versions.c.sheet_seq)).mappings().first()
                result["document"].update(title=stored["title"], policy_code=stored["policy_code"],
                                          policy_name=stored["policy_name"],
                                          document_key=version["document_key"] if version else None,
                                          is_current=bool(version["is_current"]) if version else False,
                                          superseded_load_id=version["superseded_load_id"] if version else None,
                                          extraction_load_id=stored["load_id"])
            load = stored["load_id"] if stored is not None else None
            result["sheets"] = [dict(r) for r in conn.execute(
                select(versions).where(versions.c.source_sha256 == sha, versions.c.load_id == load)
                .order_by(versions.c.sheet_seq)).mappings()] if load else []
            result["counts"] = {t: (conn.execute(select(func.count()).select_from(self.tables[t]).where(
                self.tables[t].c.source_sha256 == sha, self.tables[t].c.load_id == load)).scalar_one()
                if load else 0) for t in FACT_TABLES}
            for name, view_name, order in _DOCUMENT_VIEWS:
                view = self.tables[view_name]
                where_view = [view.c.source_sha256 == sha]
                if "load_id" in view.c:
                    where_view.append(view.c.load_id == load)
                rows = conn.execute(select(view).where(*where_view)
                                    .order_by(*[_order(view, c) for c in order])).mappings().all() if load else []
                result[name] = [dict(r) for r in rows]
            vf = self.tables["validation_findings"]
            result["validation_findings"] = [dict(r) for r in conn.execute(
                select(vf).where(vf.c.source_sha256 == sha, vf.c.load_id == load).order_by(vf.c.seq)
            ).mappings()] if load else []
        return result

    def view_counts(self, views: tuple[str, ...]) -> dict[str, int]:
        """{view name: row count} for the named views (e.g. the contract's five)."""
        with self.engine.connect() as conn:
            return {v: conn.execute(select(func.count()).select_from(self.tables[v])).scalar_one() for v in views}

    def query(self, sql: str, params: dict | None = None) -> list[dict[str, Any]]:
        """Run a read-only query (e.g. over the contract views) and return its rows as dicts."""
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(text(sql), params or {}).mappings()]

    def counts(self) -> dict[str, int]:
        """{table name: row count} for every table the loader writes (TABLES)."""
        with self.engine.connect() as conn:
            return {t: conn.execute(select(func.count()).select_from(self.tables[t])).scalar_one()
                    for t in TABLES}


#: (result key, view, ORDER BY columns) for Warehouse.document.
_DOCUMENT_VIEWS = (
    ("indicator_values", "v_indicator_values_history",
     ("page", "indicator_name", "measure", "fiscal_year")),
    ("indicator_policies", "v_indicator_policies", ("page", "indicator_name", "policy_ordinal")),
    ("budget_values", "v_budget_values_history", ("page", "item", "fiscal_year")),
    ("text_blocks", "v_text_blocks_history", ("section", "ordinal", "page")),
    ("raw_cells", "v_raw_cells_history", ("page", "table_index", "row_index", "col_index")),
)


def _order(view: Table, column: str):  # noqa: ANN202 - SQLAlchemy ordering clause
    """Ascending, NULLs first on both backends (SQLite and PostgreSQL differ by default)."""
    return view.c[column].asc().nulls_first()
