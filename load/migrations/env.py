"""Alembic environment: run the revisions on the connection given by
load/schema.py (``config.attributes["connection"]``), in its transaction.

SQLite tables that change shape are rebuilt by the revisions themselves
(load/migrations/rebuild.py), so no autogenerate metadata is needed
(``target_metadata = None``).  Used only through ``hyoka migrate``; running
the ``alembic`` command directly is not supported (it would skip the schema
lock and the views).
"""
from alembic import context

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations with `hyoka migrate --db URL` (load/schema.py migrate)")
context.configure(connection=connection, target_metadata=None, render_as_batch=True,
                  transactional_ddl=True)
with context.begin_transaction():
    context.run_migrations()
