-- Core: indicator values of every stored extraction with full provenance (fact_id,
-- load_id, rule_ids, bbox) and the extraction's version columns.  The contract
-- view selects its columns WHERE is_current; the _history view selects all.
CREATE VIEW core_fact_indicator_values AS
SELECT
    d.municipality,
    d.municipality_code,
    d.document_fiscal_year,
    d.sheet_type,
    iv.policy_code,
    iv.policy_name,
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
    iv.page,
    iv.fact_id,
    iv.seq,
    iv.load_id,
    iv.sheet_seq,
    iv.ocr_confidence,
    iv.value_unit,
    iv.rule_ids,
    iv.x0,
    iv.top,
    iv.x1,
    iv.bottom,
    d.document_key,
    d.version,
    d.extraction,
    d.is_current,
    d.superseded_load_id,
    d.superseded_by_sha256,
    d.recorded_at,
    d.tool_version
FROM stg_indicator_values AS iv
JOIN core_documents AS d
  ON d.source_sha256 = iv.source_sha256
 AND d.load_id = iv.load_id
 AND d.sheet_seq = iv.sheet_seq
