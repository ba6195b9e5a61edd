-- The two truth values as a typed column, for views only.  SQLite declares a
-- view column's type only when the column is a plain reference to a table
-- column (never for an expression, CAST included), so a view whose boolean is
-- computed (v_sheets.is_current, from core_document_versions' window
-- functions) joins this table on the computed value and selects
-- truth_values.value: the column is then BOOLEAN on SQLite as on PostgreSQL
-- (contract v2: v_sheets.is_current boolean).  Two rows, written here.
CREATE TABLE IF NOT EXISTS truth_values (
    value  BOOLEAN PRIMARY KEY
);

INSERT INTO truth_values (value)
SELECT FALSE WHERE NOT EXISTS (SELECT 1 FROM truth_values WHERE value = FALSE);

INSERT INTO truth_values (value)
SELECT TRUE WHERE NOT EXISTS (SELECT 1 FROM truth_values WHERE value = TRUE);
