-- Core: cross-document validation findings, rule finding.restated_figure_mismatch
-- (normalize/rules.py): a later sheet (another document_key, e.g. the 令和5年度
-- sheet restating 令和3年度 actuals printed in the 令和4年度 sheet) prints a
-- different figure for the same figure key and fiscal year
-- (core_restatable_figures: indicator values by series and measure, budget
-- values by item).  Status ok and no estimate on either side (an estimate
-- later replaced by the final figure is expected).  Derived, not stored, so it
-- follows supersession: only current extractions are compared.  Reported on
-- the later sheet (higher document_fiscal_year, then document_key), once per pair.
CREATE VIEW core_restated_findings AS
SELECT
    'rs:' || a.fact_id || '~' || b.fact_id AS finding_id,
    'finding.restated_figure_mismatch' AS rule_id,
    'error' AS severity,
    a.label || ' (fiscal year ' || CAST(a.fiscal_year AS TEXT) || ') printed ' || a.value_text
        || ' here but ' || b.value_text || ' in ' || b.source_file || ' p.' || CAST(b.page AS TEXT) AS message,
    a.municipality,
    a.municipality_code,
    a.sheet_type,
    a.document_fiscal_year,
    a.source_file,
    a.source_sha256,
    a.load_id,
    a.page,
    a.fact_id || ' ' || b.fact_id AS fact_ids
FROM core_restatable_figures AS a
JOIN core_restatable_figures AS b
  ON b.figure_key = a.figure_key
 AND b.fiscal_year = a.fiscal_year
 AND b.document_key <> a.document_key
WHERE a.status = 'ok'
  AND b.status = 'ok'
  AND NOT a.is_estimate
  AND NOT b.is_estimate
  AND a.value <> b.value
  AND (b.document_fiscal_year < a.document_fiscal_year
       OR (b.document_fiscal_year = a.document_fiscal_year AND b.document_key < a.document_key))
