-- Core: current indicator values with the series each belongs to
-- (indicator_links; a name not linked yet is a series of its own).
CREATE VIEW core_indicator_series_values AS
SELECT
    COALESCE(il.series_id,
             f.municipality_code || '/' || f.sheet_type || '/' || f.indicator_name) AS series_id,
    COALESCE(il.canonical_name, f.indicator_name) AS canonical_name,
    il.method AS link_method,
    il.score AS link_score,
    f.municipality,
    f.municipality_code,
    f.document_fiscal_year,
    f.sheet_type,
    f.policy_code,
    f.policy_name,
    f.indicator_name,
    f.unit,
    f.fiscal_year,
    f.measure,
    f.value,
    f.value_text,
    f.status,
    f.is_estimate,
    f.source_file,
    f.source_sha256,
    f.page,
    f.fact_id,
    f.load_id,
    f.document_key,
    f.recorded_at
FROM core_fact_indicator_values AS f
LEFT JOIN stg_indicator_links AS il
  ON il.municipality_code = f.municipality_code
 AND il.sheet_type = f.sheet_type
 AND il.indicator_name = f.indicator_name
WHERE f.is_current
