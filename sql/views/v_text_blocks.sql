-- BI view (contract: v_text_blocks): one row per narrative block.
-- policy_code falls back to the document's own.
-- Current facts only: an extraction superseded by a republication or a
-- re-extraction is in v_text_blocks_history (sql/core/core_document_versions.sql).
CREATE VIEW v_text_blocks AS
SELECT
    f.municipality,
    f.document_fiscal_year,
    f.sheet_type,
    f.policy_code,
    f.section,
    f.ordinal,
    f.text,
    f.source_file,
    f.source_sha256,
    f.page,
    f.sheet_seq,
    f.document_key,
    f.ocr_confidence
FROM core_fact_text_blocks AS f
WHERE f.is_current
