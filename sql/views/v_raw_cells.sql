-- BI view (contract: v_raw_cells): every table cell extraction found.
-- Current facts only: an extraction superseded by a republication or a
-- re-extraction is in v_raw_cells_history (sql/core/core_document_versions.sql).
CREATE VIEW v_raw_cells AS
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
    f.sheet_seq,
    f.ocr_confidence
FROM core_fact_raw_cells AS f
WHERE f.is_current
