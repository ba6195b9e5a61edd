-- One row per TextBlock (normalize/facts.py).  text is the block as
-- normalised (wrapped lines joined, bullet marks removed); heading the
-- section heading as printed.  rule_ids: the text rules applied (text.join_wrapped, text.strip_bullet, ...).
-- policy_code (and policy_name): as printed with the fact, else its sheet's
-- (load/rows.py; a one-policy sheet prints its code once, in its title).
-- ocr_confidence: 0-1 where the cell was read by OCR, NULL from a text layer
-- (contract v2; a column here so that the views' column is typed on SQLite too).
CREATE TABLE IF NOT EXISTS text_blocks (
    source_sha256   TEXT NOT NULL,
    seq             INTEGER NOT NULL,
    load_id         TEXT NOT NULL,
    sheet_seq       INTEGER NOT NULL,
    fact_id         TEXT NOT NULL UNIQUE,
    section         TEXT NOT NULL,
    ordinal         INTEGER NOT NULL,
    heading         TEXT,
    text            TEXT NOT NULL,
    policy_code     TEXT,
    rule_ids        TEXT,
    ocr_confidence  DOUBLE PRECISION,
    page            INTEGER NOT NULL,
    x0              DOUBLE PRECISION,
    top             DOUBLE PRECISION,
    x1              DOUBLE PRECISION,
    bottom          DOUBLE PRECISION,
    PRIMARY KEY (source_sha256, load_id, seq),
    FOREIGN KEY (source_sha256, load_id) REFERENCES documents (source_sha256, load_id),
    FOREIGN KEY (source_sha256, load_id, sheet_seq) REFERENCES sheets (source_sha256, load_id, sheet_seq)
);

-- The facts of one sheet, in key order and index-only: a contract view joins
-- its current sheets to their facts through it (COUNT(*) of v_text_blocks at
-- 100,000 sheets on SQLite: 3.5 s -> 0.3 s, bench/README.md "Warehouse at
-- 100,000 sheets").
CREATE INDEX IF NOT EXISTS ix_text_blocks_sheet ON text_blocks (source_sha256, load_id, sheet_seq);
