-- BI view (contract: v_indicator_values): one row per (document, indicator,
-- fiscal_year, measure).  policy_code/policy_name fall back to the document's
-- own (a one-policy sheet such as 平塚市 施策評価シート ４－①).
-- is_estimate is BOOLEAN: TRUE/FALSE on PostgreSQL, 1/0 on SQLite.
CREATE VIEW v_indicator_values AS
SELECT
    d.municipality,
    d.municipality_code,
    d.document_fiscal_year,
    d.sheet_type,
    COALESCE(iv.policy_code, d.policy_code) AS policy_code,
    COALESCE(iv.policy_name, d.policy_name) AS policy_name,
    iv.indicator_name,
    iv.unit,
    iv.fiscal_year,
    iv.measure,
    iv.value,
    iv.value_std,
    iv.unit_std,
    iv.value_text,
    iv.status,
    iv.note,
    iv.is_estimate,
    d.source_file,
    iv.source_sha256,
    iv.page
FROM stg_indicator_values AS iv
JOIN core_documents AS d
  ON d.source_sha256 = iv.source_sha256
