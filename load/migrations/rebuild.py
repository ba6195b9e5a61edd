"""Rebuild a table to an exact layout, keeping its rows (used by the revisions).

SQLite cannot add a NOT NULL column with a foreign key, drop a column that is
indexed, or change a primary key in place, and on both backends ``ALTER
TABLE ADD COLUMN`` appends at the end — while the history views select
``f.*``, so column order is part of the contract.  :func:`rebuild` therefore
creates ``<table>__new`` from the layout's frozen ``CREATE TABLE``, copies
every row (columns by name; new ones from ``derived`` SQL expressions over
the old row, aliased ``old``, else NULL), drops the old table, renames the
new one and restores names: PostgreSQL constraint names and the foreign keys
of other tables that pointed at it (dropped with CASCADE).  SQLite runs this
with foreign keys off inside load/schema.py's locked transaction, which runs
``PRAGMA foreign_key_check`` before committing (the SQLite 12-step procedure).
"""
from __future__ import annotations

from alembic import op
from sqlalchemy import inspect, text


def rebuild(table: str, create_sql: str, derived: dict[str, str] | None = None,
            indexes: tuple[str, ...] = ()) -> None:
    """Rebuild ``table`` as ``create_sql`` (a ``CREATE TABLE IF NOT EXISTS
    <table> (…)`` statement) keeping its rows.

    ``derived``: {new column: SQL expression over ``old.*``} for columns the
    old table lacks or that are computed anew.  ``indexes``: CREATE INDEX
    statements to run after (the old table's indexes go with it).
    """
    conn = op.get_bind()
    derived = derived or {}
    insp = inspect(conn)
    old_cols = {c["name"] for c in insp.get_columns(table)}
    referencing = []
    if conn.dialect.name == "postgresql":
        for other in insp.get_table_names():
            if other == table:
                continue
            for fk in insp.get_foreign_keys(other):
                if fk["referred_table"] == table:
                    referencing.append((other, fk))
    new = f"{table}__new"
    head = f"CREATE TABLE IF NOT EXISTS {table} "
    if not create_sql.lstrip().startswith(head):
        raise ValueError(f"rebuild {table}: statement must start with {head!r}")
    conn.exec_driver_sql(create_sql.lstrip().replace(head, f"CREATE TABLE {new} ", 1))
    new_cols = [c["name"] for c in inspect(conn).get_columns(new)]
    exprs = [derived[c] if c in derived else (f"old.{c}" if c in old_cols else "NULL") for c in new_cols]
    conn.exec_driver_sql(f"INSERT INTO {new} ({', '.join(new_cols)}) "
                         f"SELECT {', '.join(exprs)} FROM {table} AS old")
    conn.exec_driver_sql(f"DROP TABLE {table}" + (" CASCADE" if conn.dialect.name == "postgresql" else ""))
    conn.exec_driver_sql(f"ALTER TABLE {new} RENAME TO {table}")
    if conn.dialect.name == "postgresql":
        names = conn.execute(text("SELECT conname FROM pg_constraint WHERE conrelid = "
                                  "CAST(:t AS regclass)"), {"t": table}).scalars().all()
        for name in names:
            if name.startswith(new):
                conn.exec_driver_sql(f"ALTER TABLE {table} RENAME CONSTRAINT {name} "
                                     f"TO {table}{name[len(new):]}")
        for other, fk in referencing:
            conn.exec_driver_sql(
                f"ALTER TABLE {other} ADD CONSTRAINT {fk['name']} FOREIGN KEY "
                f"({', '.join(fk['constrained_columns'])}) REFERENCES {table} "
                f"({', '.join(fk['referred_columns'])})")
    for statement in indexes:
        conn.exec_driver_sql(statement)
