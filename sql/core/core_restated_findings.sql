-- Core: cross-document validation findings, rule finding.restated_figure_mismatch
-- (normalize/rules.py): a later sheet of the same series (another document_key,
-- e.g. the 令和5年度 sheet restating 令和3年度 actuals printed in the 令和4年度
-- sheet) prints a different figure for the same fiscal year and measure.
-- Indicator values are matched by series (indicator_links, so re-worded names
-- still meet); budget values by municipality, template, policy code, project
-- and item as printed.
-- Only target/actual/baseline figures with a fiscal year, status ok and no
-- estimate on either side (an estimate later replaced by the final figure is
-- expected).  Derived, not stored, so it follows supersession: only current
-- extractions are compared.  Reported on the later sheet (higher
-- document_fiscal_year, then document_key), once per pair.
CREATE VIEW core_restated_findings AS
SELECT
    'rs:' || a.fact_id || '~' || b.fact_id AS finding_id,
    'finding.restated_figure_mismatch' AS rule_id,
    'error' AS severity,
    a.indicator_name || ' ' || a.measure || ' (fiscal year ' || CAST(a.fiscal_year AS TEXT)
        || ') printed ' || a.value_text || ' here but ' || b.value_text || ' in '
        || b.source_file || ' p.' || CAST(b.page AS TEXT) AS message,
    a.municipality,
    a.municipality_code,
    a.sheet_type,
    a.document_fiscal_year,
    a.source_file,
    a.source_sha256,
    a.load_id,
    a.page,
    a.fact_id || ' ' || b.fact_id AS fact_ids
FROM core_indicator_series_values AS a
JOIN core_indicator_series_values AS b
  ON b.series_id = a.series_id
 AND b.fiscal_year = a.fiscal_year
 AND b.measure = a.measure
 AND b.document_key <> a.document_key
WHERE a.fiscal_year IS NOT NULL
  AND a.measure IN ('baseline', 'target', 'actual')
  AND a.status = 'ok'
  AND b.status = 'ok'
  AND NOT a.is_estimate
  AND NOT b.is_estimate
  AND a.value <> b.value
  AND (b.document_fiscal_year < a.document_fiscal_year
       OR (b.document_fiscal_year = a.document_fiscal_year AND b.document_key < a.document_key))
UNION ALL
SELECT
    'rs:' || a.fact_id || '~' || b.fact_id,
    'finding.restated_figure_mismatch',
    'error',
    a.item || ' (fiscal year ' || CAST(a.fiscal_year AS TEXT) || ') printed ' || a.value_text
        || ' here but ' || b.value_text || ' in ' || b.source_file || ' p.' || CAST(b.page AS TEXT),
    a.municipality,
    a.municipality_code,
    a.sheet_type,
    a.document_fiscal_year,
    a.source_file,
    a.source_sha256,
    a.load_id,
    a.page,
    a.fact_id || ' ' || b.fact_id
FROM core_fact_budget_values AS a
JOIN core_fact_budget_values AS b
  ON b.municipality_code = a.municipality_code
 AND b.sheet_type = a.sheet_type
 AND COALESCE(b.policy_code, '') = COALESCE(a.policy_code, '')
 AND COALESCE(b.project_name, '') = COALESCE(a.project_name, '')
 AND b.item = a.item
 AND b.fiscal_year = a.fiscal_year
 AND b.document_key <> a.document_key
WHERE a.is_current
  AND b.is_current
  AND a.fiscal_year IS NOT NULL
  AND a.status = 'ok'
  AND b.status = 'ok'
  AND NOT a.is_estimate
  AND NOT b.is_estimate
  AND a.value <> b.value
  AND (b.document_fiscal_year < a.document_fiscal_year
       OR (b.document_fiscal_year = a.document_fiscal_year AND b.document_key < a.document_key))
