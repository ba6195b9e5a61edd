-- One row per distinct file content (SHA-256), written by the load that first
-- stored its facts.  Every fact row references it.  Metadata is what the
-- normalize stage recognised (NULL when not recognised).
CREATE TABLE IF NOT EXISTS documents (
    source_sha256         TEXT PRIMARY KEY,
    source_file           TEXT NOT NULL,
    load_id               TEXT NOT NULL REFERENCES loads (load_id),
    status                TEXT NOT NULL,
    municipality          TEXT,
    municipality_code     TEXT,
    document_fiscal_year  INTEGER,
    sheet_type            TEXT NOT NULL,
    classification_score  DOUBLE PRECISION,
    page_count            INTEGER,
    title                 TEXT,
    policy_code           TEXT,
    policy_name           TEXT
);
