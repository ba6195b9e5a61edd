-- Every table cell extraction found (RawCell, normalize/facts.py), whether or
-- not a template understood it.  text is the cell as printed, wrapped lines
-- joined.  rule_ids: NULL (RawCell carries none; cells are not interpreted).
CREATE TABLE IF NOT EXISTS raw_cells (
    source_sha256   TEXT NOT NULL REFERENCES documents (source_sha256),
    seq             INTEGER NOT NULL,
    load_id         TEXT NOT NULL REFERENCES loads (load_id),
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
    PRIMARY KEY (source_sha256, seq)
);
