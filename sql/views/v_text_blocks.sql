-- BI view (contract: v_text_blocks): one row per narrative block.
-- policy_code falls back to the document's own.
CREATE VIEW v_text_blocks AS
SELECT
    d.municipality,
    d.document_fiscal_year,
    d.sheet_type,
    COALESCE(tb.policy_code, d.policy_code) AS policy_code,
    tb.section,
    tb.ordinal,
    tb.text,
    d.source_file,
    tb.source_sha256,
    tb.page
FROM stg_text_blocks AS tb
JOIN core_documents AS d
  ON d.source_sha256 = tb.source_sha256
