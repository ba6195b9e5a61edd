-- Every table cell extraction found (RawCell, normalize/facts.py), whether or
-- not a template understood it.  text is the cell as printed, wrapped lines
-- joined.  rule_ids: the text rules applied to the cell text (wrap join, ruby removal).
-- ocr_confidence: 0-1 where the cell was read by OCR, NULL from a text layer
-- (contract v2; a column here so that the views' column is typed on SQLite too).
CREATE TABLE IF NOT EXISTS raw_cells (
    source_sha256   TEXT NOT NULL,
    seq             INTEGER NOT NULL,
    load_id         TEXT NOT NULL,
    sheet_seq       INTEGER NOT NULL,
    fact_id         TEXT NOT NULL UNIQUE,
    ocr_confidence  DOUBLE PRECISION,
    page            INTEGER NOT NULL,
    table_index     INTEGER NOT NULL,
    row_index       INTEGER NOT NULL,
    col_index       INTEGER NOT NULL,
    row_span        INTEGER NOT NULL,
    col_span        INTEGER NOT NULL,
    text            TEXT NOT NULL,
    rule_ids        TEXT,
    x0              DOUBLE PRECISION,
    top             DOUBLE PRECISION,
    x1              DOUBLE PRECISION,
    bottom          DOUBLE PRECISION,
    PRIMARY KEY (source_sha256, load_id, seq),
    FOREIGN KEY (source_sha256, load_id) REFERENCES documents (source_sha256, load_id),
    FOREIGN KEY (source_sha256, load_id, sheet_seq) REFERENCES sheets (source_sha256, load_id, sheet_seq)
);

-- The facts of one sheet, in key order and index-only: a contract view joins
-- its current sheets to their facts through it (COUNT(*) of v_raw_cells at
-- 100,000 sheets on SQLite: 3.5 s -> 0.3 s, bench/README.md "Warehouse at
-- 100,000 sheets").
CREATE INDEX IF NOT EXISTS ix_raw_cells_sheet ON raw_cells (source_sha256, load_id, sheet_seq);
