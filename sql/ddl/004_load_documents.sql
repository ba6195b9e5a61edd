-- One row per file per load, failed files included: the source of v_documents.
-- status: loaded | unchanged | failed | needs_ocr (contract: v_documents.status).
-- source_sha256 is not a foreign key: a failed or unchanged file has no facts
-- of its own, and a failed file may have no readable bytes at all.
-- extraction_load_id: the load whose stored extraction (documents row) this
-- row shows — its own load when loaded, the stored one when unchanged, NULL
-- when failed; v_sheets lists that extraction's sheets for this load.
-- Keyed by path, not name: 2022/sheet.pdf and 2023/sheet.pdf are two rows.
-- source_path: the path as given/walked, made absolute (text; a name that is
-- not valid UTF-8 keeps its undecodable bytes as U+FFFD here) and
-- source_path_hex: the path's raw bytes in hex when they are not UTF-8, so
-- that nothing about the file is lost (NULL otherwise).
CREATE TABLE IF NOT EXISTS load_documents (
    load_id               TEXT NOT NULL REFERENCES loads (load_id),
    source_file           TEXT NOT NULL,
    source_path           TEXT NOT NULL,
    source_path_hex       TEXT,
    source_sha256         TEXT,
    status                TEXT NOT NULL,
    error                 TEXT,
    municipality          TEXT,
    municipality_code     TEXT,
    document_fiscal_year  INTEGER,
    sheet_type            TEXT NOT NULL,
    classification_score  DOUBLE PRECISION,
    page_count            INTEGER,
    sheet_count           INTEGER,
    text_source           TEXT,
    extraction_load_id    TEXT,
    started_at            TEXT NOT NULL,
    finished_at           TEXT NOT NULL,
    PRIMARY KEY (load_id, source_path)
);

CREATE INDEX IF NOT EXISTS ix_load_documents_sha256 ON load_documents (source_sha256);

-- v_sheets reads each load's documents by content and extraction load in key
-- order from this index (COUNT(*) of v_sheets at 100,000 sheets on SQLite:
-- 0.85 s -> 0.2 s, bench/README.md "Warehouse at 100,000 sheets").
CREATE INDEX IF NOT EXISTS ix_load_documents_extraction ON load_documents (source_sha256, extraction_load_id);
