-- Staging: one row per stored file content (SHA-256) with its recognised metadata.
CREATE VIEW stg_documents AS
SELECT
    d.source_sha256,
    d.source_file,
    d.load_id,
    d.status,
    d.municipality,
    d.municipality_code,
    d.document_fiscal_year,
    d.sheet_type,
    d.classification_score,
    d.page_count,
    d.title,
    d.policy_code,
    d.policy_name
FROM documents AS d
