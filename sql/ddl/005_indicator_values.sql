-- One row per IndicatorValue (normalize/facts.py): (indicator, fiscal_year, measure).
-- seq numbers the document's indicator values from 1 in the order normalize
-- produced them.  unit is IndicatorValue.unit, the row's unit as the contract's
-- v_indicator_values.unit ('%' on achievement_rate rows, NULL on result rows,
-- see samples/expected/004.indicator_values.csv); value_unit is Value.unit, the
-- unit found in the cell itself, kept for audit.  value_text is the cell as
-- printed; rule_ids the normalization rules applied, space-separated, in order.
-- is_estimate: BOOLEAN, stored as TRUE/FALSE on PostgreSQL and 1/0 on SQLite.
-- policy_code (and policy_name): as printed with the fact, else its sheet's
-- (load/rows.py; a one-policy sheet prints its code once, in its title).
-- ocr_confidence: 0-1 where the cell was read by OCR, NULL from a text layer
-- (contract v2; a column here so that the views' column is typed on SQLite too).
CREATE TABLE IF NOT EXISTS indicator_values (
    source_sha256   TEXT NOT NULL,
    seq             INTEGER NOT NULL,
    load_id         TEXT NOT NULL,
    sheet_seq       INTEGER NOT NULL,
    fact_id         TEXT NOT NULL UNIQUE,
    policy_code     TEXT,
    policy_name     TEXT,
    indicator_name  TEXT NOT NULL,
    fiscal_year     INTEGER,
    measure         TEXT NOT NULL,
    unit            TEXT,
    value           DOUBLE PRECISION,
    value_unit      TEXT,
    value_std       DOUBLE PRECISION,
    unit_std        TEXT,
    value_text      TEXT NOT NULL,
    status          TEXT NOT NULL,
    note            TEXT,
    is_estimate     BOOLEAN NOT NULL,
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
-- its current sheets to their facts through it (COUNT(*) of v_indicator_values at
-- 100,000 sheets on SQLite: 3.5 s -> 0.3 s, bench/README.md "Warehouse at
-- 100,000 sheets").
CREATE INDEX IF NOT EXISTS ix_indicator_values_sheet ON indicator_values (source_sha256, load_id, sheet_seq);

-- One fiscal year across every sheet (a BI filter): without it the planner
-- walks every current sheet for a rare year (v_indicator_values WHERE fiscal_year =
-- 2020 LIMIT 1000 at 100,000 sheets on SQLite: 1.0-1.3 s, with it ~0.01 s).
CREATE INDEX IF NOT EXISTS ix_indicator_values_fiscal_year ON indicator_values (fiscal_year);
