"""Create and update the warehouse schema from the sql/ files.

Tables: every statement of sql/ddl/NNN_*.sql runs on every connect; they are
idempotent (``CREATE TABLE/INDEX IF NOT EXISTS``).  Views (staging -> core ->
views) are dropped in reverse order and re-created in order, in one
transaction, only when the SHA-256 of the sql/ files differs from the one
recorded in ``schema_meta`` — so a loader connecting while a BI query runs
does not take PostgreSQL's exclusive lock on the views for nothing.

Statements are executed as read from the files; the only SQL made here is
``DROP VIEW IF EXISTS <name>`` via SQLAlchemy's :class:`DropView` and the
parameterised schema_meta upsert via Core.  Table objects for inserts are
reflected from the database after the DDL ran (:func:`reflect`).
"""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import Connection, Engine, MetaData, Table, inspect, select
from sqlalchemy.sql.ddl import DropView

from hyoka.load.sqlfiles import SQL_ROOT, ddl_files, fingerprint, view_files

#: schema_meta keys (sql/ddl/000_schema_meta.sql).
META_FINGERPRINT = "views_sha256"
META_VIEWS = "views"
META_SCHEMA_VERSION = "schema_version"
#: The table layout version of sql/ddl/.  1: hyoka 0.1 (documents keyed by
#: SHA-256 alone); 2: documents keyed by (SHA-256, load id), fact ids,
#: validation findings, indicator links; 3: sheets (a file holds many),
#: sheet_seq on every fact, amount_basis; 4: load_documents keyed by path
#: (source_path, source_path_hex), loads.pid/host/message, sheets.published_at/
#: published_source, version_pins.  Bump on every table change.
SCHEMA_VERSION = "4"


class SchemaVersionError(RuntimeError):
    """The database holds a warehouse of another table layout
    (:data:`SCHEMA_VERSION`); there is no migration between them yet."""

#: Tables the loader writes, in foreign-key order (parents first).
TABLES = ("loads", "documents", "sheets", "load_documents", "indicator_values",
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


def _run(conn: Connection, statement: str) -> None:
    """Execute one statement from a .sql file verbatim (no parameter parsing)."""
    conn.execution_options(no_parameters=True).exec_driver_sql(statement)


def create_schema(engine: Engine, root: Path = SQL_ROOT) -> bool:
    """Run the DDL and (re)create the views when the sql/ files changed.

    ``root``: the sql/ folder.  Returns True when the views were (re)created.
    Raises SqlFileError for a malformed file and SQLAlchemy's DBAPIError when
    the database rejects a statement (e.g. PostgreSQL refusing to drop a view
    that a view outside sql/ depends on).
    """
    _check_version(engine)
    with engine.begin() as conn:
        for f in ddl_files(root):
            for statement in f.statements:
                _run(conn, statement)
    files = view_files(root)
    wanted = fingerprint(root)
    meta = Table("schema_meta", MetaData(), autoload_with=engine)
    with engine.begin() as conn:
        stored = dict(conn.execute(select(meta.c.meta_key, meta.c.meta_value)).all())
        if stored.get(META_FINGERPRINT) == wanted:
            return False
        names = [f.view_name for f in files]
        previous = stored.get(META_VIEWS, "").split()
        for name in [*reversed(previous), *reversed(names)]:
            conn.execute(DropView(Table(name, MetaData()), if_exists=True))
        for f in files:
            _run(conn, f.statements[0])
        for key, value in ((META_FINGERPRINT, wanted), (META_VIEWS, " ".join(names)),
                           (META_SCHEMA_VERSION, SCHEMA_VERSION)):
            conn.execute(meta.delete().where(meta.c.meta_key == key))
            conn.execute(meta.insert().values(meta_key=key, meta_value=value))
    return True


def _check_version(engine: Engine) -> None:
    """Refuse a database whose tables were made by another :data:`SCHEMA_VERSION`.

    A database without a ``documents`` table is new (fine).  Raises
    SchemaVersionError naming the database, the versions and what to do.
    """
    names = set(inspect(engine).get_table_names())
    if "documents" not in names:
        return
    found = None
    if "schema_meta" in names:
        meta = Table("schema_meta", MetaData(), autoload_with=engine)
        with engine.connect() as conn:
            found = conn.execute(select(meta.c.meta_value).where(
                meta.c.meta_key == META_SCHEMA_VERSION)).scalar()
    if found != SCHEMA_VERSION:
        raise SchemaVersionError(
            f"{engine.url.render_as_string(hide_password=True)}: warehouse table layout "
            f"version {found or '1'}, this hyoka needs {SCHEMA_VERSION}; there is no migration "
            f"yet: ingest into a new database (the PDFs are the source of truth)")


def reflect(engine: Engine) -> dict[str, Table]:
    """SQLAlchemy ``Table`` objects for :data:`TABLES` and :data:`BI_VIEWS`,
    reflected from the live database (so they always match the DDL).

    Returns {name: Table}.  Raises sqlalchemy.exc.NoSuchTableError when the
    schema has not been created.
    """
    metadata = MetaData()
    return {name: Table(name, metadata, autoload_with=engine) for name in (*TABLES, *BI_VIEWS)}
