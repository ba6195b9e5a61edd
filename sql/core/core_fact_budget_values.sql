-- Core: budget values of every stored extraction with full provenance (fact_id,
-- load_id, rule_ids, bbox) and the extraction's version columns.  The contract
-- view selects its columns WHERE is_current; the _history view selects all.
CREATE VIEW core_fact_budget_values AS
SELECT
    d.municipality,
    d.municipality_code,
    d.document_fiscal_year,
    d.sheet_type,
    bv.policy_code,
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
    bv.page,
    bv.is_estimate,
    bv.amount_basis,
    bv.fact_id,
    bv.seq,
    bv.load_id,
    bv.sheet_seq,
    bv.ocr_confidence,
    bv.rule_ids,
    bv.x0,
    bv.top,
    bv.x1,
    bv.bottom,
    d.document_key,
    d.version,
    d.extraction,
    d.is_current,
    d.superseded_load_id,
    d.superseded_by_sha256,
    d.recorded_at,
    d.tool_version
FROM stg_budget_values AS bv
JOIN core_documents AS d
  ON d.source_sha256 = bv.source_sha256
 AND d.load_id = bv.load_id
 AND d.sheet_seq = bv.sheet_seq
