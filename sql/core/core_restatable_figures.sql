-- Core: every current figure another sheet may restate, under one key per
-- figure so that restatements are compared by one rule
-- (core_restated_findings): indicator target/actual/baseline values by
-- series (indicator_links, so re-worded names still meet) and measure;
-- budget values by municipality, template, policy code, project and item as
-- printed.  Only figures with a fiscal year.  label names the figure in
-- messages ("<indicator> actual", "<item>").
CREATE VIEW core_restatable_figures AS
SELECT
    'indicator|' || sv.series_id || '|' || sv.measure AS figure_key,
    sv.indicator_name || ' ' || sv.measure AS label,
    sv.fiscal_year,
    sv.value,
    sv.value_text,
    sv.status,
    sv.is_estimate,
    sv.municipality,
    sv.municipality_code,
    sv.sheet_type,
    sv.document_key,
    sv.document_fiscal_year,
    sv.source_file,
    sv.source_sha256,
    sv.load_id,
    sv.page,
    sv.fact_id
FROM core_indicator_series_values AS sv
WHERE sv.fiscal_year IS NOT NULL
  AND sv.measure IN ('baseline', 'target', 'actual')
UNION ALL
SELECT
    'budget|' || bv.municipality_code || '|' || bv.sheet_type || '|' || COALESCE(bv.policy_code, '')
        || '|' || COALESCE(bv.project_name, '') || '|' || bv.item,
    bv.item,
    bv.fiscal_year,
    bv.value,
    bv.value_text,
    bv.status,
    bv.is_estimate,
    bv.municipality,
    bv.municipality_code,
    bv.sheet_type,
    bv.document_key,
    bv.document_fiscal_year,
    bv.source_file,
    bv.source_sha256,
    bv.load_id,
    bv.page,
    bv.fact_id
FROM core_fact_budget_values AS bv
WHERE bv.is_current
  AND bv.fiscal_year IS NOT NULL
  AND bv.municipality_code IS NOT NULL
