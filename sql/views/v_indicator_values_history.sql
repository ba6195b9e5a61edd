-- History view: every extraction's indicator values, superseded ones included,
-- with the contract columns of v_indicator_values first, then provenance (fact_id,
-- load_id, rule_ids, bbox) and version columns: document_key, version (1 = first
-- content stored for the sheet), extraction, is_current, superseded_load_id
-- (the load that superseded it) and superseded_by_sha256.
-- The columns are core_fact_indicator_values's, in its order (sql/core/core_fact_indicator_values.sql).
CREATE VIEW v_indicator_values_history AS
SELECT f.*
FROM core_fact_indicator_values AS f
