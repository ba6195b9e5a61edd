-- One row per sheet of a stored extraction (SheetFacts, normalize/facts.py):
-- a file is split into sheets by normalize/split.py (contract v2: a sheet is
-- one template, one subject, one fiscal year; a book binds many, a long table
-- with its header block repeated is one).  sheet_seq is 1-based in page order;
-- first_page/last_page the file pages it covers.  document_key names the sheet
-- across files and republications (load/rows.py: municipality_code/sheet_type/
-- policy_code or subject/document_fiscal_year, or 'unclassified/<source_file>');
-- the extraction recorded last for the latest content of a key is current
-- (sql/core/core_document_versions.sql).  numeric_cells/typed_cells: the
-- numeric-looking cells of the sheet's tables and how many became typed facts
-- (normalize/coverage.py); coverage = typed_cells / numeric_cells, NULL when
-- there are none (stored, so that v_sheets.coverage is typed on SQLite too).
-- rule_ids: how the sheet was delimited (sheet.*).  published_at: the sheet's
-- publication date (ISO-8601 date) and published_source where it comes from
-- (printed | pdf_moddate | pdf_creationdate; NULL when unknown): orders a
-- document_key's versions by publication, not by the order files were walked.
CREATE TABLE IF NOT EXISTS sheets (
    source_sha256         TEXT NOT NULL,
    load_id               TEXT NOT NULL,
    sheet_seq             INTEGER NOT NULL,
    document_key          TEXT NOT NULL,
    first_page            INTEGER NOT NULL,
    last_page             INTEGER NOT NULL,
    sheet_type            TEXT NOT NULL,
    classification_score  DOUBLE PRECISION,
    municipality          TEXT,
    municipality_code     TEXT,
    document_fiscal_year  INTEGER,
    title                 TEXT,
    subject               TEXT,
    policy_code           TEXT,
    policy_name           TEXT,
    text_source           TEXT NOT NULL,
    numeric_cells         INTEGER NOT NULL,
    typed_cells           INTEGER NOT NULL,
    coverage              DOUBLE PRECISION,
    rule_ids              TEXT,
    published_at          TEXT,
    published_source      TEXT,
    PRIMARY KEY (source_sha256, load_id, sheet_seq),
    FOREIGN KEY (source_sha256, load_id) REFERENCES documents (source_sha256, load_id)
);

CREATE INDEX IF NOT EXISTS ix_sheets_document_key ON sheets (document_key);
-- A (municipality, template)'s sheets: the indicator series group that
-- load/series.py relinks after a load touches it (layout 5).
CREATE INDEX IF NOT EXISTS ix_sheets_series_group ON sheets (municipality_code, sheet_type);
