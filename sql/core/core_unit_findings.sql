-- Core: cross-document validation findings, rule finding.unit_changed
-- (normalize/rules.py): an indicator series printed with one unit in one
-- current sheet and another unit in another (e.g. 件 in the 令和4年度 sheet,
-- 人 in the 令和5年度 sheet), so its figures are not comparable across years.
-- Target/actual/baseline rows with a unit only; reported once per pair of
-- sheets on the later one (higher document_fiscal_year, then document_key).
-- Within one sheet the same rule is checked by normalize/validate/series.py.
CREATE VIEW core_unit_findings AS
SELECT
    'uc:' || MIN(a.fact_id) || '~' || MIN(b.fact_id) AS finding_id,
    'finding.unit_changed' AS rule_id,
    'warning' AS severity,
    MIN(a.canonical_name) || ': unit ' || MIN(a.unit) || ' here but ' || MIN(b.unit) || ' in '
        || MIN(b.source_file) AS message,
    MIN(a.municipality) AS municipality,
    a.municipality_code,
    a.sheet_type,
    MIN(a.document_fiscal_year) AS document_fiscal_year,
    MIN(a.source_file) AS source_file,
    a.source_sha256,
    a.load_id,
    MIN(a.page) AS page,
    MIN(a.fact_id) || ' ' || MIN(b.fact_id) AS fact_ids
FROM core_indicator_series_values AS a
JOIN core_indicator_series_values AS b
  ON b.series_id = a.series_id
 AND b.document_key <> a.document_key
 AND b.unit <> a.unit
WHERE a.measure IN ('baseline', 'target', 'actual')
  AND b.measure IN ('baseline', 'target', 'actual')
  AND (b.document_fiscal_year < a.document_fiscal_year
       OR (b.document_fiscal_year = a.document_fiscal_year AND b.document_key < a.document_key))
GROUP BY a.series_id, a.municipality_code, a.sheet_type, a.source_sha256, a.load_id, b.source_sha256
