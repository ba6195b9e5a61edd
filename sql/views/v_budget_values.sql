-- BI view (contract: v_budget_values): one row per (document, budget line, fiscal_year).
-- policy_code falls back to the document's own.
CREATE VIEW v_budget_values AS
SELECT
    d.municipality,
    d.municipality_code,
    d.document_fiscal_year,
    d.sheet_type,
    COALESCE(bv.policy_code, d.policy_code) AS policy_code,
    bv.project_name,
    bv.item,
    bv.fiscal_year,
    bv.value,
    bv.unit,
    bv.value_std,
    bv.unit_std,
    bv.value_text,
    bv.status,
    bv.note,
    d.source_file,
    bv.source_sha256,
    bv.page
FROM stg_budget_values AS bv
JOIN core_documents AS d
  ON d.source_sha256 = bv.source_sha256
