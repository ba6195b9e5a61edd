"""Table layout 3 -> 4 (commit 9bee54a): load_documents keyed by path,
loads.pid/host/message, sheets.published_at/published_source, version_pins.

load_documents is rebuilt to the layout-4 column order with source_path =
the stored extraction's path where this load stored one (documents.source_path
of the same load and SHA-256), else the file name as recorded (layout 3 kept
no path for unchanged/failed files), source_path_hex NULL; primary key
(load_id, source_path).  The new columns of loads and sheets are the last
ones, so they are added in place (NULL: unknown for old loads; versions
without a publication date fall back to ingest order).  version_pins is new.
"""
from alembic import op
from sqlalchemy import Column, Integer, Text

from hyoka.load.migrations.rebuild import rebuild

revision = "layout4"
down_revision = "layout3"
branch_labels = None
depends_on = None

#: sql/ddl statements of layout 4 (commit 9bee54a), per table.
DDL = {'load_documents': ['CREATE TABLE IF NOT EXISTS load_documents (\n'
                    '    load_id               TEXT NOT NULL REFERENCES loads (load_id),\n'
                    '    source_file           TEXT NOT NULL,\n'
                    '    source_path           TEXT NOT NULL,\n'
                    '    source_path_hex       TEXT,\n'
                    '    source_sha256         TEXT,\n'
                    '    status                TEXT NOT NULL,\n'
                    '    error                 TEXT,\n'
                    '    municipality          TEXT,\n'
                    '    municipality_code     TEXT,\n'
                    '    document_fiscal_year  INTEGER,\n'
                    '    sheet_type            TEXT NOT NULL,\n'
                    '    classification_score  DOUBLE PRECISION,\n'
                    '    page_count            INTEGER,\n'
                    '    sheet_count           INTEGER,\n'
                    '    text_source           TEXT,\n'
                    '    extraction_load_id    TEXT,\n'
                    '    started_at            TEXT NOT NULL,\n'
                    '    finished_at           TEXT NOT NULL,\n'
                    '    PRIMARY KEY (load_id, source_path)\n'
                    ')',
                    'CREATE INDEX IF NOT EXISTS ix_load_documents_sha256 ON load_documents (source_sha256)'],
 'version_pins': ['CREATE TABLE IF NOT EXISTS version_pins (\n'
                  '    document_key   TEXT PRIMARY KEY,\n'
                  '    source_sha256  TEXT NOT NULL,\n'
                  '    pinned_at      TEXT NOT NULL,\n'
                  '    reason         TEXT\n'
                  ')'],
 # sql/ddl/014_truth_values.sql: the typed truth values v_sheets.is_current joins.
 'truth_values': ['CREATE TABLE IF NOT EXISTS truth_values (\n'
                  '    value  BOOLEAN PRIMARY KEY\n'
                  ')',
                  'INSERT INTO truth_values (value)\n'
                  'SELECT FALSE WHERE NOT EXISTS (SELECT 1 FROM truth_values WHERE value = FALSE)',
                  'INSERT INTO truth_values (value)\n'
                  'SELECT TRUE WHERE NOT EXISTS (SELECT 1 FROM truth_values WHERE value = TRUE)']}


def upgrade() -> None:
    """Layout 3 -> 4, keeping every row (see the module docstring)."""
    with op.batch_alter_table("loads") as batch:
        batch.add_column(Column("pid", Integer))
        batch.add_column(Column("host", Text))
        batch.add_column(Column("message", Text))
    with op.batch_alter_table("sheets") as batch:
        batch.add_column(Column("published_at", Text))
        batch.add_column(Column("published_source", Text))
    rebuild("load_documents", DDL["load_documents"][0], {
        "source_path": "COALESCE((SELECT d.source_path FROM documents d WHERE d.source_sha256 = "
                       "old.source_sha256 AND d.load_id = old.load_id), old.source_file)"},
        indexes=DDL["load_documents"][1:])
    op.get_bind().exec_driver_sql(DDL["version_pins"][0])
    for statement in DDL["truth_values"]:
        op.get_bind().exec_driver_sql(statement)


def downgrade() -> None:
    """Not supported: restore the backup made before ``hyoka migrate``."""
    raise NotImplementedError("downgrade: restore the backup made before hyoka migrate")
