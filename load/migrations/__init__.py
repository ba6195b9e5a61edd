"""Alembic migrations of the warehouse's table layout (load/schema.py).

``env.py`` runs on the connection load/schema.py hands it (inside its locked
transaction); ``versions/`` holds one revision per table layout:
``layout2`` (the baseline: the release before the sheet layer), ``layout3``
(contract version 2: sheets, sheet_seq on every fact, …) and ``layout4``
(load_documents keyed by path, …).  A new database is created from sql/ddl
and stamped with the head instead of running the revisions.  Run them with
``hyoka migrate --db URL``.  Each revision carries the tables it rebuilds as
they were at its layout (frozen copies: later edits of sql/ddl do not change
an old migration).
"""
