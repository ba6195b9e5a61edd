-- Reviewed decisions for indicator series (`hyoka link --mapping FILE`, a CSV
-- with the same four columns, see README "Indicator series").  canonical_name
-- names the series the printed indicator_name belongs to; '-' keeps it a
-- series of its own.  A mapping always wins over the fuzzy linker.
CREATE TABLE IF NOT EXISTS indicator_mappings (
    municipality_code  TEXT NOT NULL,
    sheet_type         TEXT NOT NULL,
    indicator_name     TEXT NOT NULL,
    canonical_name     TEXT NOT NULL,
    mapping_file       TEXT,
    loaded_at          TEXT NOT NULL,
    PRIMARY KEY (municipality_code, sheet_type, indicator_name)
);
