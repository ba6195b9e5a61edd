-- Auditors' view: every stored extraction of every sheet, oldest first per
-- sheet (document_key), with the load that introduced it (load_id), the load
-- that superseded it and the content that did (NULL while current).  version
-- is the publication rank (sql/core/core_document_versions.sql); appended:
-- published_at / published_source (when the sheet was published and how that
-- is known: printed | pdf_moddate | pdf_creationdate | NULL) and is_pinned
-- (a version_pins row makes this content current, `hyoka versions`).
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
    d.superseded_by_sha256,
    d.published_at,
    d.published_source,
    d.is_pinned
FROM core_documents AS d
