-- Core: text blocks of every stored extraction with full provenance (fact_id,
-- load_id, rule_ids, bbox) and the extraction's version columns.  The contract
-- view selects its columns WHERE is_current; the _history view selects all.
CREATE VIEW core_fact_text_blocks AS
SELECT
    d.municipality,
    d.document_fiscal_year,
    d.sheet_type,
    tb.policy_code,
    tb.section,
    tb.ordinal,
    tb.text,
    d.source_file,
    tb.source_sha256,
    tb.page,
    tb.heading,
    tb.fact_id,
    tb.seq,
    tb.load_id,
    tb.sheet_seq,
    tb.ocr_confidence,
    tb.rule_ids,
    tb.x0,
    tb.top,
    tb.x1,
    tb.bottom,
    d.document_key,
    d.version,
    d.extraction,
    d.is_current,
    d.superseded_load_id,
    d.superseded_by_sha256,
    d.recorded_at,
    d.tool_version
FROM stg_text_blocks AS tb
JOIN core_documents AS d
  ON d.source_sha256 = tb.source_sha256
 AND d.load_id = tb.load_id
 AND d.sheet_seq = tb.sheet_seq
