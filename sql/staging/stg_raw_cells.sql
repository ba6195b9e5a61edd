-- Staging: raw table cells as stored.
CREATE VIEW stg_raw_cells AS
SELECT
    rc.source_sha256,
    rc.seq,
    rc.load_id,
    rc.sheet_seq,
    rc.ocr_confidence,
    rc.fact_id,
    rc.page,
    rc.table_index,
    rc.row_index,
    rc.col_index,
    rc.row_span,
    rc.col_span,
    rc.text,
    rc.rule_ids,
    rc.x0,
    rc.top,
    rc.x1,
    rc.bottom
FROM raw_cells AS rc
