-- The version succession of every sheet of every stored extraction, kept at
-- write time (layout 5, issue 10): one row per sheets row, the computed
-- columns of sql/core/core_document_order.sql (where the rules are) stored so
-- that the contract views read them by key instead of re-ranking 100,000
-- sheets per query.  load/versions.py refresh_versions rewrites the rows of
-- the document keys a write touches, in the same transaction: a new
-- extraction (Warehouse.record: the keys of every sheet of that content),
-- a pin or unpin (`hyoka versions`: that key); every row when the views are
-- (re)created from changed sql/ files or a warehouse is migrated.
--   version, extraction, superseded_load_id, superseded_by_sha256, is_pinned:
--     as in v_document_versions; first_recorded_at: when the content was
--     first stored; is_current: superseded_load_id IS NULL.
-- is_current, is_pinned: BOOLEAN (TRUE/FALSE on PostgreSQL, 1/0 on SQLite).
CREATE TABLE IF NOT EXISTS sheet_versions (
    source_sha256         TEXT NOT NULL,
    load_id               TEXT NOT NULL,
    sheet_seq             INTEGER NOT NULL,
    document_key          TEXT NOT NULL,
    version               INTEGER NOT NULL,
    extraction            INTEGER NOT NULL,
    first_recorded_at     TEXT NOT NULL,
    superseded_load_id    TEXT,
    superseded_by_sha256  TEXT,
    is_current            BOOLEAN NOT NULL,
    is_pinned             BOOLEAN NOT NULL,
    PRIMARY KEY (source_sha256, load_id, sheet_seq),
    FOREIGN KEY (source_sha256, load_id, sheet_seq) REFERENCES sheets (source_sha256, load_id, sheet_seq)
);

CREATE INDEX IF NOT EXISTS ix_sheet_versions_document_key ON sheet_versions (document_key);

-- The current flag beside the key, so that a view reads the current sheets in
-- key order from the index alone and then finds their sheets, documents and
-- facts in the same order (bench/README.md "Warehouse at 100,000 sheets").
CREATE INDEX IF NOT EXISTS ix_sheet_versions_current ON sheet_versions (source_sha256, load_id, sheet_seq, is_current);
