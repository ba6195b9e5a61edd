-- BI view (contract: v_budget_values): one row per (document, budget line, fiscal_year).
-- policy_code falls back to the document's own.
-- Current facts only: an extraction superseded by a republication or a
-- re-extraction is in v_budget_values_history (sql/core/core_document_versions.sql).
CREATE VIEW v_budget_values AS
SELECT
    f.municipality,
    f.municipality_code,
    f.document_fiscal_year,
    f.sheet_type,
    f.policy_code,
    f.project_name,
    f.item,
    f.fiscal_year,
    f.value,
    f.unit,
    f.value_std,
    f.unit_std,
    f.value_text,
    f.status,
    f.note,
    f.source_file,
    f.source_sha256,
    f.page,
    f.sheet_seq,
    f.document_key,
    f.ocr_confidence,
    f.amount_basis
FROM core_fact_budget_values AS f
WHERE f.is_current
