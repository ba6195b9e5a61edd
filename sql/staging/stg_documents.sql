-- Staging: one row per stored extraction (SHA-256, load id) with its recognised metadata.
CREATE VIEW stg_documents AS
SELECT
    d.source_sha256,
    d.load_id,
    d.source_file,
    d.source_path,
    d.recorded_at,
    d.tool_version,
    d.status,
    d.municipality,
    d.municipality_code,
    d.document_fiscal_year,
    d.sheet_type,
    d.classification_score,
    d.page_count,
    d.title,
    d.subject,
    d.policy_code,
    d.policy_name,
    d.sheet_count,
    d.text_source
FROM documents AS d
