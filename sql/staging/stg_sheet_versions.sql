-- Staging: the stored version succession of every sheet (table sheet_versions,
-- sql/ddl/015_sheet_versions.sql; computed by sql/core/core_document_order.sql).
CREATE VIEW stg_sheet_versions AS
SELECT
    v.source_sha256,
    v.load_id,
    v.sheet_seq,
    v.document_key,
    v.version,
    v.extraction,
    v.first_recorded_at,
    v.superseded_load_id,
    v.superseded_by_sha256,
    v.is_current,
    v.is_pinned
FROM sheet_versions AS v
