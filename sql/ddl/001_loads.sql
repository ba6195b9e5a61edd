-- One row per run of the pipeline (hyoka ingest).  load_id is made in Python,
-- time-sortable like dlt's: '20261126T210501.123456Z-1a2b' (UTC start + 4 hex).
-- Timestamps are ISO-8601 UTC text so the same DDL runs on SQLite and PostgreSQL.
-- status: running | finished | failed | aborted | interrupted (load/warehouse.py
-- LOAD_STATUSES).  pid/host: the process that runs it, so that a later start can
-- tell a load whose process is gone (kill -9) and mark it interrupted;
-- message: why it ended other than finished (a signal, a stale process).
-- linked_at: when the indicator series of its sheets were relinked (layout 5,
-- load/series.py relink); NULL until then, so a load that ended before its
-- relink (aborted, interrupted) has its series relinked by the next one.
CREATE TABLE IF NOT EXISTS loads (
    load_id              TEXT PRIMARY KEY,
    started_at           TEXT NOT NULL,
    finished_at          TEXT,
    tool_version         TEXT NOT NULL,
    status               TEXT NOT NULL,
    documents_total      INTEGER,
    documents_loaded     INTEGER,
    documents_unchanged  INTEGER,
    documents_failed     INTEGER,
    documents_needs_ocr  INTEGER,
    pid                  INTEGER,
    host                 TEXT,
    message              TEXT,
    linked_at            TEXT
);
