"""Table layout 4 -> 5 (issue 10): sheet_versions, loads.linked_at, ix_sheets_series_group.

sheet_versions stores, per sheet, the version succession that
sql/core/core_document_order.sql computes, so the contract views read
is_current by key (load/versions.py keeps it at write time).  It is created
empty here; load/schema.py migrate fills it right after re-creating the views
(refresh_versions over every key, with the rules of the installed sql/ —
pins kept, since version_pins is read by the rules).  loads.linked_at is the
last column, added in place, NULL for every old load: the first relink after
the migration relinks every series group once (load/series.py).
"""
from alembic import op
from sqlalchemy import Column, Text

revision = "layout5"
down_revision = "layout4"
branch_labels = None
depends_on = None

#: sql/ddl statements of layout 5 (sql/ddl/015_sheet_versions.sql, the index of 003_sheets.sql).
DDL = {"sheet_versions": ['CREATE TABLE IF NOT EXISTS sheet_versions (\n    source_sha256         TEXT NOT NULL,\n    load_id               TEXT NOT NULL,\n    sheet_seq             INTEGER NOT NULL,\n    document_key          TEXT NOT NULL,\n    version               INTEGER NOT NULL,\n    extraction            INTEGER NOT NULL,\n    first_recorded_at     TEXT NOT NULL,\n    superseded_load_id    TEXT,\n    superseded_by_sha256  TEXT,\n    is_current            BOOLEAN NOT NULL,\n    is_pinned             BOOLEAN NOT NULL,\n    PRIMARY KEY (source_sha256, load_id, sheet_seq),\n    FOREIGN KEY (source_sha256, load_id, sheet_seq) REFERENCES sheets (source_sha256, load_id, sheet_seq)\n)', 'CREATE INDEX IF NOT EXISTS ix_sheet_versions_document_key ON sheet_versions (document_key)'],
       "sheets": ['CREATE INDEX IF NOT EXISTS ix_sheets_series_group ON sheets (municipality_code, sheet_type)']}


def upgrade() -> None:
    """Layout 4 -> 5, keeping every row (see the module docstring)."""
    with op.batch_alter_table("loads") as batch:
        batch.add_column(Column("linked_at", Text))
    for statement in (*DDL["sheet_versions"], *DDL["sheets"]):
        op.get_bind().exec_driver_sql(statement)


def downgrade() -> None:
    """Not supported: restore the backup made before ``hyoka migrate``."""
    raise NotImplementedError("downgrade: restore the backup made before hyoka migrate")
