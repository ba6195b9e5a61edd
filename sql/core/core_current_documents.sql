-- Core: the latest load_documents row per file content (or per file name
-- when the SHA-256 is unknown), i.e. each document's current status.
-- load_id is time-sortable, so the greatest load_id is the latest run.
CREATE VIEW core_current_documents AS
SELECT
    ranked.load_id,
    ranked.source_file,
    ranked.source_sha256,
    ranked.status,
    ranked.error,
    ranked.municipality,
    ranked.municipality_code,
    ranked.document_fiscal_year,
    ranked.sheet_type,
    ranked.classification_score,
    ranked.page_count,
    ranked.finished_at
FROM (
    SELECT
        ld.*,
        ROW_NUMBER() OVER (
            PARTITION BY COALESCE(ld.source_sha256, ld.source_file)
            ORDER BY ld.load_id DESC, ld.finished_at DESC
        ) AS recency
    FROM stg_load_documents AS ld
) AS ranked
WHERE ranked.recency = 1
