-- Every policy code printed in an indicator value's policy cell
-- (IndicatorValue.policy_codes), ordinal from 1; ordinal 1 is the
-- indicator_values.policy_code.  Provenance is the indicator value's.
-- rule_ids: NULL (the facts carry no rule for the code split yet).
CREATE TABLE IF NOT EXISTS indicator_policies (
    source_sha256   TEXT NOT NULL,
    indicator_seq   INTEGER NOT NULL,
    ordinal         INTEGER NOT NULL,
    load_id         TEXT NOT NULL,
    policy_code     TEXT NOT NULL,
    rule_ids        TEXT,
    page            INTEGER NOT NULL,
    x0              DOUBLE PRECISION,
    top             DOUBLE PRECISION,
    x1              DOUBLE PRECISION,
    bottom          DOUBLE PRECISION,
    PRIMARY KEY (source_sha256, load_id, indicator_seq, ordinal),
    FOREIGN KEY (source_sha256, load_id, indicator_seq) REFERENCES indicator_values (source_sha256, load_id, seq)
);
