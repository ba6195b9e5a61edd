-- BI view (contract: v_documents): one row per ingested file per load, failed files too.
CREATE VIEW v_documents AS
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
    ld.text_source
FROM stg_load_documents AS ld
