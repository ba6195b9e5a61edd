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

-- The facts of one sheet, in key order and index-only: a contract view joins
-- its current sheets to their facts through it (COUNT(*) of v_budget_values at
-- 100,000 sheets on SQLite: 3.5 s -> 0.3 s, bench/README.md "Warehouse at
-- 100,000 sheets").
CREATE INDEX IF NOT EXISTS ix_budget_values_sheet ON budget_values (source_sha256, load_id, sheet_seq);

-- One fiscal year across every sheet (a BI filter): without it the planner
-- walks every current sheet for a rare year (v_budget_values WHERE fiscal_year =
-- 2020 LIMIT 1000 at 100,000 sheets on SQLite: 1.0-1.3 s, with it ~0.01 s).
CREATE INDEX IF NOT EXISTS ix_budget_values_fiscal_year ON budget_values (fiscal_year);
