-- Staging: one row per file per load, as recorded by load.warehouse.Warehouse.record.
CREATE VIEW stg_load_documents AS
SELECT
    ld.load_id,
    ld.source_file,
    ld.source_sha256,
    ld.status,
    ld.error,
    ld.municipality,
    ld.municipality_code,
    ld.document_fiscal_year,
    ld.sheet_type,
    ld.classification_score,
    ld.page_count,
    ld.sheet_count,
    ld.text_source,
    ld.extraction_load_id,
    ld.started_at,
    ld.finished_at
FROM load_documents AS ld
