-- One row per BudgetValue (normalize/facts.py): (budget line, fiscal_year).
-- Columns as in indicator_values; 千円 amounts keep unit 千円, value_std in 円.
-- amount_basis: settled | budget | estimate | plan | NULL (contract v2).
-- policy_code (and policy_name): as printed with the fact, else its sheet's
-- (load/rows.py; a one-policy sheet prints its code once, in its title).
-- ocr_confidence: 0-1 where the cell was read by OCR, NULL from a text layer
-- (contract v2; a column here so that the views' column is typed on SQLite too).
CREATE TABLE IF NOT EXISTS budget_values (
    source_sha256   TEXT NOT NULL,
    seq             INTEGER NOT NULL,
    load_id         TEXT NOT NULL,
    sheet_seq       INTEGER NOT NULL,
    fact_id         TEXT NOT NULL UNIQUE,
    policy_code     TEXT,
    project_name    TEXT,
    item            TEXT NOT NULL,
    fiscal_year     INTEGER,
    value           DOUBLE PRECISION,
    unit            TEXT,
    value_std       DOUBLE PRECISION,
    unit_std        TEXT,
    value_text      TEXT NOT NULL,
    status          TEXT NOT NULL,
    note            TEXT,
    is_estimate     BOOLEAN NOT NULL,
    amount_basis    TEXT,
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
