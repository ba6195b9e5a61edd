-- BI view (contract v2: v_sheets): one row per sheet of an ingested file per
-- load.  A load_documents row shows the sheets of the extraction it refers to
-- (extraction_load_id: its own for a loaded file, the stored one for an
-- unchanged file); a failed file has none.  coverage = typed_cells /
-- numeric_cells, NULL when the sheet's tables hold no numeric cell: below 1
-- means numbers that only reached v_raw_cells (each such table is named by a
-- coverage.table_not_interpreted finding, normalize/coverage.py).
-- is_current: BOOLEAN on both backends (sql/ddl/014_truth_values.sql).
CREATE VIEW v_sheets AS
SELECT
    ld.load_id,
    ld.source_file,
    ld.source_sha256,
    d.sheet_seq,
    d.first_page,
    d.last_page,
    d.sheet_type,
    d.classification_score,
    d.municipality,
    d.municipality_code,
    d.document_fiscal_year,
    d.policy_code,
    d.subject,
    d.document_key,
    tv.value AS is_current,
    d.text_source,
    d.numeric_cells,
    d.typed_cells,
    d.coverage
FROM stg_load_documents AS ld
JOIN core_documents AS d
  ON d.source_sha256 = ld.source_sha256
 AND d.load_id = ld.extraction_load_id
-- is_current through truth_values, so that SQLite declares it BOOLEAN (sql/ddl/014).
LEFT JOIN truth_values AS tv
  ON tv.value = d.is_current
