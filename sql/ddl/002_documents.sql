-- One row per stored extraction: a file content (SHA-256) as read by one
-- load.  A file is extracted again only by `hyoka ingest --reprocess` (e.g. a
-- newer hyoka over an archive); otherwise a known SHA-256 is 'unchanged'.
-- Every fact row references (source_sha256, load_id).  Metadata is what the
-- normalize stage recognised (NULL when not recognised).
-- document_key names the sheet across republications (load/rows.py:
-- municipality_code/sheet_type/policy_code or subject/document_fiscal_year,
-- or 'unclassified/<source_file>'); the extraction recorded last for the
-- latest content of a key is current (sql/core/core_document_versions.sql).
-- recorded_at: ISO-8601 UTC with microseconds, orders versions within a load.
CREATE TABLE IF NOT EXISTS documents (
    source_sha256         TEXT NOT NULL,
    load_id               TEXT NOT NULL REFERENCES loads (load_id),
    source_file           TEXT NOT NULL,
    source_path           TEXT,
    document_key          TEXT NOT NULL,
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
    PRIMARY KEY (source_sha256, load_id)
);

CREATE INDEX IF NOT EXISTS ix_documents_document_key ON documents (document_key);
