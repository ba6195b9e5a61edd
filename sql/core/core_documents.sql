-- Core: the document context every fact view joins to — one row per stored
-- SHA-256 with the metadata recognised when its facts were written.
CREATE VIEW core_documents AS
SELECT
    d.source_sha256,
    d.source_file,
    d.load_id,
    d.municipality,
    d.municipality_code,
    d.document_fiscal_year,
    d.sheet_type,
    d.classification_score,
    d.page_count,
    d.title,
    d.policy_code,
    d.policy_name
FROM stg_documents AS d
