-- Core: raw cells of every stored extraction with full provenance (fact_id,
-- load_id, rule_ids, bbox) and the extraction's version columns.  The contract
-- view selects its columns WHERE is_current; the _history view selects all.
CREATE VIEW core_fact_raw_cells AS
SELECT
    d.source_file,
    rc.source_sha256,
    rc.page,
    rc.table_index,
    rc.row_index,
    rc.col_index,
    rc.row_span,
    rc.col_span,
    rc.text,
    rc.x0,
    rc.top,
    rc.x1,
    rc.bottom,
    rc.fact_id,
    rc.seq,
    rc.load_id,
    rc.sheet_seq,
    rc.ocr_confidence,
    rc.rule_ids,
    d.document_key,
    d.version,
    d.extraction,
    d.is_current,
    d.superseded_load_id,
    d.superseded_by_sha256,
    d.recorded_at,
    d.tool_version
FROM stg_raw_cells AS rc
JOIN core_documents AS d
  ON d.source_sha256 = rc.source_sha256
 AND d.load_id = rc.load_id
 AND d.sheet_seq = rc.sheet_seq
