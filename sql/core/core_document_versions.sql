-- Core: every sheet of every stored extraction with its place in its sheet's
-- history (document_key, version, extraction, superseded_load_id /
-- superseded_by_sha256, is_pinned; appended: is_current).  The rules are in
-- sql/core/core_document_order.sql; their results are stored per sheet in
-- sheet_versions (sql/ddl/015_sheet_versions.sql, kept by load/versions.py
-- in each write's transaction), so this view is plain joins by key and a BI
-- filter (one document_key, one municipality, one fiscal year) reaches the
-- tables' indexes instead of ranking every sheet first (issue 10).
-- is_current: not superseded — the contract views show only current sheets'
-- facts; the *_history views show all.
CREATE VIEW core_document_versions AS
SELECT
    s.source_sha256,
    s.load_id,
    s.sheet_seq,
    d.source_file,
    d.source_path,
    s.document_key,
    d.recorded_at,
    v.first_recorded_at,
    d.tool_version,
    s.municipality,
    s.municipality_code,
    s.document_fiscal_year,
    s.sheet_type,
    s.classification_score,
    d.page_count,
    s.first_page,
    s.last_page,
    s.text_source,
    s.numeric_cells,
    s.typed_cells,
    s.coverage,
    s.title,
    s.subject,
    s.policy_code,
    s.policy_name,
    v.version,
    v.extraction,
    v.superseded_load_id,
    v.superseded_by_sha256,
    s.published_at,
    s.published_source,
    v.is_pinned,
    v.is_current
FROM stg_sheets AS s
JOIN stg_documents AS d
  ON d.source_sha256 = s.source_sha256
 AND d.load_id = s.load_id
JOIN stg_sheet_versions AS v
  ON v.source_sha256 = s.source_sha256
 AND v.load_id = s.load_id
 AND v.sheet_seq = s.sheet_seq
