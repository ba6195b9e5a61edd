-- History view: every extraction's raw cells, superseded ones included,
-- with the contract columns of v_raw_cells first, then provenance (fact_id,
-- load_id, rule_ids, bbox) and version columns: document_key, version (1 = first
-- content stored for the sheet), extraction, is_current, superseded_load_id
-- (the load that superseded it) and superseded_by_sha256.
CREATE VIEW v_raw_cells_history AS
SELECT
    f.source_file,
    f.source_sha256,
    f.page,
    f.table_index,
    f.row_index,
    f.col_index,
    f.row_span,
    f.col_span,
    f.text,
    f.x0,
    f.top,
    f.x1,
    f.bottom,
    f.fact_id,
    f.seq,
    f.load_id,
    f.rule_ids,
    f.document_key,
    f.version,
    f.extraction,
    f.is_current,
    f.superseded_load_id,
    f.superseded_by_sha256,
    f.recorded_at,
    f.tool_version
FROM core_fact_raw_cells AS f
