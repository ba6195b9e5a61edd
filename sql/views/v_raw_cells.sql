-- BI view (contract: v_raw_cells): every table cell extraction found.
CREATE VIEW v_raw_cells AS
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
    rc.bottom
FROM stg_raw_cells AS rc
JOIN core_documents AS d
  ON d.source_sha256 = rc.source_sha256
