-- Auditors' view: every stored extraction of every sheet, oldest first per
-- sheet (document_key), with the load that introduced it (load_id), the load
-- that superseded it and the content that did (NULL while current).
CREATE VIEW v_document_versions AS
SELECT
    d.document_key,
    d.sheet_seq,
    d.first_page,
    d.last_page,
    d.numeric_cells,
    d.typed_cells,
    d.coverage,
    d.version,
    d.extraction,
    d.is_current,
    d.municipality,
    d.municipality_code,
    d.document_fiscal_year,
    d.sheet_type,
    d.policy_code,
    d.subject,
    d.source_file,
    d.source_sha256,
    d.source_path,
    d.load_id,
    d.recorded_at,
    d.tool_version,
    d.superseded_load_id,
    d.superseded_by_sha256
FROM core_documents AS d
