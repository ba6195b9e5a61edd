"""Create, check and migrate the warehouse schema from the sql/ files.

Tables: a new database gets every statement of sql/ddl/NNN_*.sql (idempotent
``CREATE TABLE/INDEX IF NOT EXISTS``) and is stamped with the Alembic head
revision (load/migrations/).  A database of an older table layout is never
changed by an ingest: :func:`create_schema` raises :class:`MigrationNeeded`
("run `hyoka migrate --db …`"), and :func:`migrate` upgrades it in place.
Views (staging -> core -> views) are dropped in reverse order and re-created
in order, in one transaction, only when the SHA-256 of the sql/ files differs
from the one recorded in ``schema_meta`` — so a loader connecting while a BI
query runs does not take PostgreSQL's exclusive lock on the views for nothing.

Serialised: every schema change (create, DDL of the same layout, views,
migration) runs in one transaction holding the warehouse's schema lock —
PostgreSQL ``pg_advisory_xact_lock(`` :data:`LOCK_KEY` ``)``, SQLite ``BEGIN
IMMEDIATE`` (the database's single write lock) — and re-reads the state
after taking it, so two first-time ingests into one new database create it
once (they used to race: ``UniqueViolation pg_type_typname_nsp_index`` or
"table layout version 1").  A database that is already current is checked
without taking the lock.

Read commands use :func:`check_readable`, which only reads: a database
without a warehouse raises :class:`WarehouseNotFound` ("no hyoka warehouse
at …"), an old layout or stale views :class:`MigrationNeeded`.

Statements are executed as read from the files; the only SQL made here is
``DROP VIEW IF EXISTS <name>`` via SQLAlchemy's :class:`DropView`, the lock
statements and the parameterised schema_meta upsert via Core.  Table objects
for inserts are reflected from the database after the DDL ran (:func:`reflect`).
"""
from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import (Connection, Engine, MetaData, Table, column, create_engine, event, inspect, select,
                        table, text)
from sqlalchemy.pool import NullPool
from sqlalchemy.sql.ddl import DropView

from hyoka.load.sqlfiles import SQL_ROOT, ddl_files, fingerprint, view_files
from hyoka.load.versions import refresh_versions

#: schema_meta keys (sql/ddl/000_schema_meta.sql).
META_FINGERPRINT = "views_sha256"
META_VIEWS = "views"
META_SCHEMA_VERSION = "schema_version"
#: The table layout version of sql/ddl/.  1: hyoka 0.1 (documents keyed by
#: SHA-256 alone); 2: documents keyed by (SHA-256, load id), fact ids,
#: validation findings, indicator links; 3: sheets (a file holds many),
#: sheet_seq on every fact, amount_basis; 4: load_documents keyed by path
#: (source_path, source_path_hex), loads.pid/host/message, sheets.published_at/
#: published_source, version_pins, truth_values; 5: sheet_versions (the
#: version succession stored at write time, load/versions.py),
#: loads.linked_at, index ix_sheets_series_group.  Bump on every table change, together with
#: a new Alembic revision in load/migrations/versions/ (and :data:`REVISIONS`).
SCHEMA_VERSION = "5"
#: Alembic revision of each table layout that can be migrated (layout 1
#: predates migrations).  Layout 2 is the baseline (the release before the
#: sheet layer, commit 53f6080); layout 3 the last release (commit 8831ec1);
#: layout 4 commit f2cff1c.
REVISIONS = {"2": "layout2", "3": "layout3", "4": "layout4", "5": "layout5"}
#: The table layout of each revision (:data:`REVISIONS` inverted).
LAYOUTS = {rev: layout for layout, rev in REVISIONS.items()}
#: The head revision: what a new database is stamped with.
HEAD = REVISIONS[SCHEMA_VERSION]
#: PostgreSQL advisory lock key of schema changes (ASCII "hyoka" + 0x000001).
LOCK_KEY = 0x6879_6F6B_6100_0001
#: How long a process waits for another one's schema change on SQLite (ms).
SQLITE_LOCK_TIMEOUT_MS = 120_000
#: How long an SQLite writer waits for another writer's transaction (ms).
#: Write transactions are one document's rows or one relink, so waits are
#: short; the timeout only bounds a stuck writer.
SQLITE_BUSY_TIMEOUT_MS = 300_000
#: Execution option marking a connection whose transactions write: SQLite
#: begins them with BEGIN IMMEDIATE (:func:`configure_sqlite`;
#: load/warehouse.py write_transaction).
WRITE_OPTION = "hyoka_write"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


class SchemaVersionError(RuntimeError):
    """The database holds a warehouse of another table layout
    (:data:`SCHEMA_VERSION`) that this hyoka cannot use or migrate
    (layout 1, or a layout made by a newer hyoka)."""


class MigrationNeeded(SchemaVersionError):
    """The warehouse is of an older table layout (or its views were made by
    another hyoka): ``hyoka migrate --db URL`` upgrades it in place.  Raised
    instead of migrating silently."""


class WarehouseNotFound(FileNotFoundError):
    """A read-only command (or ``hyoka migrate``) named a database that holds
    no hyoka warehouse: a missing SQLite file, or a PostgreSQL database/schema
    without the tables (a typo would otherwise create an empty warehouse)."""


#: schema_meta (sql/ddl/000_schema_meta.sql) for its reads and upserts: a
#: lightweight construct, so checking a current warehouse on connect does not
#: reflect it from the catalog.
_SCHEMA_META = table("schema_meta", column("meta_key"), column("meta_value"))

#: Tables the loader writes, in foreign-key order (parents first).
TABLES = ("loads", "documents", "sheets", "sheet_versions", "load_documents", "indicator_values",
          "indicator_policies", "budget_values", "text_blocks", "raw_cells",
          "validation_findings", "indicator_links", "indicator_mappings", "version_pins")
#: Fact tables: keyed by (source_sha256, seq) or, for indicator_policies,
#: (source_sha256, indicator_seq, ordinal); all carry load_id.
FACT_TABLES = ("indicator_values", "indicator_policies", "budget_values",
               "text_blocks", "raw_cells", "validation_findings")
#: The BI views of the contract plus v_indicator_policies.
BI_VIEWS = ("v_documents", "v_indicator_values", "v_budget_values",
            "v_text_blocks", "v_raw_cells", "v_indicator_policies", "v_document_versions",
            "v_indicator_values_history", "v_budget_values_history", "v_text_blocks_history",
            "v_raw_cells_history", "v_validation_findings", "v_indicator_series",
            "v_indicator_links", "v_sheets")


@dataclass(frozen=True)
class SchemaState:
    """What a database holds, read without changing it.

    ``tables``: table names; ``meta``: schema_meta as {key: value};
    ``revision``: the Alembic revision stamped (None when unstamped).
    """

    tables: frozenset[str]
    meta: dict[str, str] = field(default_factory=dict)
    revision: str | None = None

    @property
    def layout(self) -> str | None:
        """The table layout: "new" (no warehouse tables), "1".."5", or None
        for a revision this hyoka does not know (made by a newer one)."""
        if self.revision is not None:
            return LAYOUTS.get(self.revision)
        if "documents" not in self.tables:
            return "new"
        return self.meta.get(META_SCHEMA_VERSION) or "1"


@dataclass(frozen=True)
class MigrationResult:
    """What :func:`migrate` did: ``from_layout``/``to_layout`` (equal when the
    warehouse was current) and whether the views were re-created."""

    from_layout: str
    to_layout: str
    views_recreated: bool


def _run(conn: Connection, statement: str) -> None:
    """Execute one statement from a .sql file verbatim (no parameter parsing)."""
    conn.execution_options(no_parameters=True).exec_driver_sql(statement)


def _shown(engine: Engine) -> str:
    """The engine's URL for messages, password masked."""
    return engine.url.render_as_string(hide_password=True)


def read_state(conn: Connection) -> SchemaState:
    """Read tables, schema_meta and the Alembic stamp on ``conn`` (no writes)."""
    tables = frozenset(inspect(conn).get_table_names())
    meta: dict[str, str] = {}
    revision = None
    if "schema_meta" in tables:
        meta = dict(conn.execute(select(_SCHEMA_META.c.meta_key, _SCHEMA_META.c.meta_value)).all())
    if "alembic_version" in tables:
        revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return SchemaState(tables, meta, revision)


def _sqlite_file(engine: Engine) -> bool:
    """True for an SQLite database in a file (not ``:memory:``)."""
    db = engine.url.database
    return (engine.dialect.name == "sqlite" and bool(db) and db != ":memory:"
            and "mode=memory" not in str(engine.url))


def _switch_to_wal(cursor, busy_timeout_ms: int) -> None:  # noqa: ANN001 - a sqlite3 cursor
    """Put the database file of ``cursor`` in WAL mode unless it is already
    (or is an in-memory database, which has no WAL).

    Switching needs the file's exclusive lock.  Against a reader the busy
    timeout waits as usual, but two connections switching at once (four
    ``hyoka ingest`` processes opening a new warehouse) both hold a shared
    lock and want the exclusive one, and SQLite answers one of them
    "database is locked" at once, without its busy handler
    (https://sqlite.org/c3ref/busy_handler.html: it is not invoked where
    waiting could deadlock).  So a refused
    switch is tried again, re-reading the mode first (the other connection
    has usually just switched it), until ``busy_timeout_ms`` has passed;
    then the OperationalError is raised."""
    deadline = time.monotonic() + busy_timeout_ms / 1000
    pause = 0.005
    while True:
        mode = cursor.execute("PRAGMA journal_mode").fetchone()[0]
        if mode.lower() in ("wal", "memory"):
            return
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) or time.monotonic() > deadline:
                raise
            time.sleep(pause)
            pause = min(pause * 2, 0.2)


def configure_sqlite(engine: Engine, *, foreign_keys: bool = True,
                     busy_timeout_ms: int = SQLITE_BUSY_TIMEOUT_MS, wal: bool = True) -> Engine:
    """Make an SQLite ``engine`` transactional (DDL too) and concurrent; returns it.

    SQLAlchemy's documented recipe (dialects/sqlite "Enabling non-legacy
    SQLite transactional modes"): disable the driver's own BEGIN handling and
    emit BEGIN when SQLAlchemy begins — ``BEGIN IMMEDIATE`` on a connection
    carrying :data:`WRITE_OPTION` (a writer takes the write lock before its
    first read), a deferred ``BEGIN`` otherwise (readers take no lock).  Per
    connection: ``PRAGMA busy_timeout`` (``busy_timeout_ms``), ``PRAGMA
    foreign_keys`` (``foreign_keys``; SQLite leaves them off by default) and,
    with ``wal``, for a database file not yet in WAL mode ``PRAGMA
    journal_mode=WAL`` (stored in the file: set once, kept by every later
    connection and by BI clients).
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # noqa: ANN001 - DB-API objects
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        cursor.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
        if wal:
            _switch_to_wal(cursor, busy_timeout_ms)
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # noqa: ANN001
        immediate = conn.get_execution_options().get(WRITE_OPTION)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def warehouse_engine(url: str) -> Engine:
    """The engine a :class:`~hyoka.load.warehouse.Warehouse` runs on: ``create_engine(url)``,
    SQLite configured by :func:`configure_sqlite` (foreign keys on, WAL)."""
    engine = create_engine(url)
    return configure_sqlite(engine) if engine.dialect.name == "sqlite" else engine


def _lock_engine(engine: Engine) -> Engine:
    """The engine schema changes run on.

    PostgreSQL: ``engine`` itself.  An SQLite file: a separate unpooled
    engine (:func:`configure_sqlite`) whose every transaction begins ``BEGIN
    IMMEDIATE`` (the write lock is taken before the first read, so the state
    read under it is final) with foreign keys off (a migration rebuilds
    parent tables; the caller checks ``PRAGMA foreign_key_check`` before
    committing), a long busy timeout, and the journal mode left as it is.
    """
    if not _sqlite_file(engine):
        return engine
    ddl = create_engine(engine.url, poolclass=NullPool, execution_options={WRITE_OPTION: True})
    return configure_sqlite(ddl, foreign_keys=False, busy_timeout_ms=SQLITE_LOCK_TIMEOUT_MS, wal=False)


@contextmanager
def schema_lock(engine: Engine) -> Iterator[Connection]:
    """A connection in one transaction that holds the warehouse's schema lock.

    Commits when the block ends, rolls back on an exception.  Other processes
    taking this lock wait (PostgreSQL: until the commit; SQLite: up to
    :data:`SQLITE_LOCK_TIMEOUT_MS`, then ``database is locked``).
    """
    ddl = _lock_engine(engine)
    try:
        with ddl.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK_KEY})
            yield conn
            if conn.dialect.name == "sqlite":
                bad = conn.exec_driver_sql("PRAGMA foreign_key_check").all()
                if bad:
                    raise SchemaVersionError(f"{_shown(engine)}: schema change left {len(bad)} rows "
                                             f"breaking a foreign key (first: {tuple(bad[0])}); rolled back")
    finally:
        if ddl is not engine:
            ddl.dispose()


def create_schema(engine: Engine, root: Path = SQL_ROOT) -> bool:
    """Make the schema current for writing: create a new warehouse, or
    (re)create the views when the sql/ files changed.  Serialised (:func:`schema_lock`).

    ``root``: the sql/ folder.  Returns True when the views were (re)created.
    Raises MigrationNeeded for a warehouse of an older layout (never migrates
    it), SchemaVersionError for layout 1 or a newer hyoka's, SqlFileError for
    a malformed file and SQLAlchemy's DBAPIError when the database rejects a
    statement (e.g. PostgreSQL refusing to drop a view that a view outside
    sql/ depends on).
    """
    wanted = fingerprint(root)
    with engine.connect() as conn:
        state = read_state(conn)
    if state.revision == HEAD and state.meta.get(META_FINGERPRINT) == wanted:
        return False
    _refuse_other_layout(engine, state)
    with schema_lock(engine) as conn:
        state = read_state(conn)  # again: another process may have changed it meanwhile
        _refuse_other_layout(engine, state)
        return _make_current(conn, state, root, wanted)


def _make_current(conn: Connection, state: SchemaState, root: Path, wanted: str) -> bool:
    """Under the schema lock, bring a new or current-layout warehouse (``state``
    read under it) up to ``root``'s files: run the DDL (idempotent: only new
    tables/indexes) on a new database or when the fingerprint differs from
    ``wanted``, stamp :data:`HEAD` if unstamped, and sync the views.  Returns
    True when the views were (re)created."""
    if state.layout == "new" or state.meta.get(META_FINGERPRINT) != wanted:
        for f in ddl_files(root):
            for statement in f.statements:
                _run(conn, statement)
    if state.revision != HEAD:
        _stamp(conn, HEAD)
    # neither the DDL nor the stamp changes the fingerprint or view names in state.meta
    return _sync_views(conn, root, state.meta, wanted, force=False)


def _refuse_other_layout(engine: Engine, state: SchemaState) -> None:
    """Raise unless ``state`` is a new database or the current layout."""
    layout = state.layout
    if layout in ("new", SCHEMA_VERSION):
        return
    url = _shown(engine)
    if layout is None:
        raise SchemaVersionError(
            f"{url}: warehouse stamped with revision {state.revision!r}, made by a newer hyoka "
            f"than this one (table layout {SCHEMA_VERSION}): upgrade hyoka")
    if layout in REVISIONS:
        raise MigrationNeeded(
            f"{url}: warehouse table layout version {layout}, this hyoka needs {SCHEMA_VERSION}: "
            f"run `hyoka migrate --db {url}` to upgrade it in place (back it up first)")
    raise SchemaVersionError(
        f"{url}: warehouse table layout version {layout}, this hyoka needs {SCHEMA_VERSION}; "
        f"layout {layout} predates migrations: ingest into a new database "
        f"(the PDFs are the source of truth)")


def check_readable(engine: Engine, root: Path = SQL_ROOT) -> None:
    """Check, without writing anything, that ``engine`` holds a current warehouse.

    For read commands (show, views, trace, diff, report, …): they never
    create or alter a schema.  Raises WarehouseNotFound when the database
    holds no warehouse tables, MigrationNeeded for an older layout or views
    made from other sql/ files than ``root``'s, SchemaVersionError for
    layout 1 or a newer hyoka's.
    """
    with engine.connect() as conn:
        state = read_state(conn)
    if state.layout == "new":
        raise WarehouseNotFound(f"no hyoka warehouse at {_shown(engine)} "
                                f"(ingest first, or check --db / HYOKA_DB)")
    _refuse_other_layout(engine, state)
    if state.meta.get(META_FINGERPRINT) != fingerprint(root):
        raise MigrationNeeded(f"{_shown(engine)}: the warehouse's views were made by another "
                              f"hyoka: run `hyoka migrate --db {_shown(engine)}` to re-create them")


def migrate(engine: Engine, root: Path = SQL_ROOT) -> MigrationResult:
    """Upgrade the warehouse at ``engine`` in place to :data:`SCHEMA_VERSION`,
    then re-create the views; serialised (:func:`schema_lock`), one transaction.

    A layout-2 or layout-3 warehouse without an Alembic stamp is stamped with
    its layout's revision (:data:`REVISIONS`) first; every fact is kept.  A
    current warehouse gets its views re-created only when the sql/ files
    changed.  Returns a MigrationResult.  Raises WarehouseNotFound when there
    is no warehouse to migrate, SchemaVersionError for layout 1 or a newer
    hyoka's, SQLAlchemy errors when the database rejects a step (nothing is
    changed then: the transaction rolls back).
    """
    with schema_lock(engine) as conn:
        state = read_state(conn)
        layout = state.layout
        if layout == "new":
            raise WarehouseNotFound(f"no hyoka warehouse at {_shown(engine)}: nothing to migrate "
                                    f"(hyoka ingest creates one)")
        if layout is None or layout not in REVISIONS:
            _refuse_other_layout(engine, state)
        wanted = fingerprint(root)
        if layout == SCHEMA_VERSION:
            return MigrationResult(layout, SCHEMA_VERSION, _make_current(conn, state, root, wanted))
        _drop_views(conn, [f.view_name for f in view_files(root)], state.meta)
        if state.revision is None:
            _stamp(conn, REVISIONS[layout])
        _alembic(conn, "upgrade", HEAD)
        _sync_views(conn, root, state.meta, wanted, force=True)
        return MigrationResult(layout, SCHEMA_VERSION, True)


def _alembic_config(conn: Connection):  # noqa: ANN202 - alembic.config.Config
    """An Alembic Config for load/migrations/ running on ``conn``."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["connection"] = conn
    return cfg


def _alembic(conn: Connection, command: str, revision: str) -> None:
    """Run alembic ``command`` (upgrade/stamp) to ``revision`` on ``conn``,
    inside its open transaction (env.py runs on the given connection)."""
    from alembic import command as alembic_command

    getattr(alembic_command, command)(_alembic_config(conn), revision)


def _stamp(conn: Connection, revision: str) -> None:
    """Record ``revision`` in alembic_version (created if missing), and the
    matching layout in schema_meta."""
    _alembic(conn, "stamp", revision)
    _set_meta(conn, {META_SCHEMA_VERSION: LAYOUTS[revision]})


def _set_meta(conn: Connection, values: dict[str, str]) -> None:
    """Upsert schema_meta rows (delete + insert, portable)."""
    meta = _SCHEMA_META
    for key, value in values.items():
        conn.execute(meta.delete().where(meta.c.meta_key == key))
        conn.execute(meta.insert().values(meta_key=key, meta_value=value))


def _drop_views(conn: Connection, names: list[str], meta: dict[str, str]) -> None:
    """Drop the views recorded in schema_meta (``meta``) and ``names`` (a
    creation order), dependents first."""
    previous = meta.get(META_VIEWS, "").split()
    for name in [*reversed(previous), *reversed(names)]:
        conn.execute(DropView(Table(name, MetaData()), if_exists=True))


def _sync_views(conn: Connection, root: Path, meta: dict[str, str], wanted: str, *, force: bool) -> bool:
    """(Re)create ``root``'s views when ``force`` or the fingerprint in
    ``meta`` differs from ``wanted`` (:func:`fingerprint` of ``root``), then
    rewrite every sheet_versions row from them (load/versions.py); record
    fingerprint, view names and layout.  Returns True when the views were (re)created."""
    if not force and meta.get(META_FINGERPRINT) == wanted:
        return False
    files = view_files(root)
    names = [f.view_name for f in files]
    _drop_views(conn, names, meta)
    for f in files:
        _run(conn, f.statements[0])
    # the stored version succession follows the rules of the views just made
    # (sql/core/core_document_order.sql may have changed with them)
    refresh_versions(conn)
    _set_meta(conn, {META_FINGERPRINT: wanted, META_VIEWS: " ".join(names),
                     META_SCHEMA_VERSION: SCHEMA_VERSION})
    return True


def reflect(engine: Engine) -> dict[str, Table]:
    """SQLAlchemy ``Table`` objects for :data:`TABLES` and :data:`BI_VIEWS`,
    reflected from the live database (so they always match the DDL).

    Returns {name: Table}.  Raises sqlalchemy.exc.NoSuchTableError when the
    schema has not been created.
    """
    metadata = MetaData()
    return {name: Table(name, metadata, autoload_with=engine) for name in (*TABLES, *BI_VIEWS)}
