-- One row per stored extraction: a file content (SHA-256) as read by one
-- load.  A file is extracted again only by `hyoka ingest --reprocess` (e.g. a
-- newer hyoka over an archive); otherwise a known SHA-256 is 'unchanged'.
-- Every fact row references (source_sha256, load_id).  Metadata is what the
-- normalize stage recognised (NULL when not recognised).
-- A file holds one or more sheets (table sheets, normalize/split.py); the
-- metadata columns here are the file's primary sheet's (its first recognised
-- sheet), shown in v_documents; versions are per sheet (sheets.document_key).
-- sheet_count: sheets found; text_source: text_layer | ocr | mixed.
-- recorded_at: ISO-8601 UTC with microseconds, orders versions within a load.
CREATE TABLE IF NOT EXISTS documents (
    source_sha256         TEXT NOT NULL,
    load_id               TEXT NOT NULL REFERENCES loads (load_id),
    source_file           TEXT NOT NULL,
    source_path           TEXT,
    recorded_at           TEXT NOT NULL,
    tool_version          TEXT NOT NULL,
    status                TEXT NOT NULL,
    municipality          TEXT,
    municipality_code     TEXT,
    document_fiscal_year  INTEGER,
    sheet_type            TEXT NOT NULL,
    classification_score  DOUBLE PRECISION,
    page_count            INTEGER,
    title                 TEXT,
    subject               TEXT,
    policy_code           TEXT,
    policy_name           TEXT,
    sheet_count           INTEGER NOT NULL,
    text_source           TEXT NOT NULL,
    PRIMARY KEY (source_sha256, load_id)
);
