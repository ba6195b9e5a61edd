-- One row per validation finding (normalize/validate/, facts.Finding) of one
-- stored extraction: the sheet disagrees with itself or is implausible.
-- Findings never block a load.  seq numbers the extraction's findings from 1.
-- fact_ids: the fact_id of every fact involved, space-separated (first one's
-- page and bbox copied here so a finding can be cropped without a join).
-- Cross-document findings (a later sheet restating a figure differently) are
-- not stored: sql/core/core_restated_findings.sql derives them from the
-- current facts, so they follow supersession.
CREATE TABLE IF NOT EXISTS validation_findings (
    source_sha256   TEXT NOT NULL,
    load_id         TEXT NOT NULL,
    sheet_seq       INTEGER NOT NULL,
    seq             INTEGER NOT NULL,
    finding_id      TEXT NOT NULL UNIQUE,
    rule_id         TEXT NOT NULL,
    severity        TEXT NOT NULL,
    message         TEXT NOT NULL,
    fact_ids        TEXT,
    page            INTEGER,
    x0              DOUBLE PRECISION,
    top             DOUBLE PRECISION,
    x1              DOUBLE PRECISION,
    bottom          DOUBLE PRECISION,
    PRIMARY KEY (source_sha256, load_id, seq),
    FOREIGN KEY (source_sha256, load_id) REFERENCES documents (source_sha256, load_id),
    FOREIGN KEY (source_sha256, load_id, sheet_seq) REFERENCES sheets (source_sha256, load_id, sheet_seq)
);
