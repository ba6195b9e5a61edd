-- BI view: one row per indicator series (a canonical indicator of one
-- municipality and template, linked across fiscal years' sheets by
-- load/series.py) x fiscal year, with the latest target, actual,
-- achievement rate and result: each taken from the current sheet with the
-- highest document_fiscal_year that prints it (then the latest recorded),
-- with its status and the document it came from.  indicator_name is the
-- canonical name (the wording of the latest sheet); baselines (no fiscal
-- year) are left to v_indicator_values.  *_is_estimate: BOOLEAN.
CREATE VIEW v_indicator_series AS
SELECT
    p.series_id,
    MAX(p.municipality) AS municipality,
    MAX(p.municipality_code) AS municipality_code,
    MAX(p.sheet_type) AS sheet_type,
    MAX(p.policy_code) AS policy_code,
    MAX(p.policy_name) AS policy_name,
    MAX(p.canonical_name) AS indicator_name,
    MAX(CASE WHEN p.measure IN ('target', 'actual') THEN p.unit END) AS unit,
    p.fiscal_year,
    MAX(CASE WHEN p.measure = 'target' THEN p.value END) AS target,
    MAX(CASE WHEN p.measure = 'target' THEN p.status END) AS target_status,
    MAX(CASE WHEN p.measure = 'target' THEN p.source_file END) AS target_source_file,
    MAX(CASE WHEN p.measure = 'target' THEN p.fact_id END) AS target_fact_id,
    MAX(CASE WHEN p.measure = 'actual' THEN p.value END) AS actual,
    MAX(CASE WHEN p.measure = 'actual' THEN p.status END) AS actual_status,
    CASE WHEN MAX(CASE WHEN p.measure = 'actual' AND p.is_estimate THEN 1 ELSE 0 END) = 1
         THEN TRUE ELSE FALSE END AS actual_is_estimate,
    MAX(CASE WHEN p.measure = 'actual' THEN p.source_file END) AS actual_source_file,
    MAX(CASE WHEN p.measure = 'actual' THEN p.fact_id END) AS actual_fact_id,
    MAX(CASE WHEN p.measure = 'achievement_rate' THEN p.value END) AS achievement_rate,
    MAX(CASE WHEN p.measure = 'achievement_rate' THEN p.status END) AS achievement_rate_status,
    MAX(CASE WHEN p.measure = 'achievement_rate' THEN p.source_file END) AS achievement_rate_source_file,
    MAX(CASE WHEN p.measure = 'achievement_rate' THEN p.fact_id END) AS achievement_rate_fact_id,
    MAX(CASE WHEN p.measure = 'result' THEN p.value_text END) AS result,
    MAX(CASE WHEN p.measure = 'result' THEN p.source_file END) AS result_source_file,
    MAX(CASE WHEN p.measure = 'result' THEN p.fact_id END) AS result_fact_id,
    MAX(p.printed_in) AS document_count
FROM (
    SELECT
        sv.*,
        ROW_NUMBER() OVER (
            PARTITION BY sv.series_id, sv.fiscal_year, sv.measure
            ORDER BY sv.document_fiscal_year DESC, sv.recorded_at DESC, sv.fact_id
        ) AS recency,
        COUNT(*) OVER (PARTITION BY sv.series_id, sv.fiscal_year, sv.measure) AS printed_in
    FROM core_indicator_series_values AS sv
    WHERE sv.fiscal_year IS NOT NULL
) AS p
WHERE p.recency = 1
GROUP BY p.series_id, p.fiscal_year
