-- BI view (contract: v_indicator_values): one row per (document, indicator,
-- fiscal_year, measure).  policy_code/policy_name fall back to the document's
-- own (a one-policy sheet such as 平塚市 施策評価シート ４－①).
-- is_estimate is BOOLEAN: TRUE/FALSE on PostgreSQL, 1/0 on SQLite.
-- Current facts only: an extraction superseded by a republication or a
-- re-extraction is in v_indicator_values_history (sql/core/core_document_versions.sql).
CREATE VIEW v_indicator_values AS
SELECT
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
    f.value_std,
    f.unit_std,
    f.value_text,
    f.status,
    f.note,
    f.is_estimate,
    f.source_file,
    f.source_sha256,
    f.page,
    f.sheet_seq,
    f.document_key,
    f.ocr_confidence
FROM core_fact_indicator_values AS f
WHERE f.is_current
