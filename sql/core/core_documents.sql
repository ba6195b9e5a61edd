-- Core: the document context every fact view joins to — one row per stored
-- extraction, with its version columns and is_current (TRUE when nothing
-- supersedes it, see core_document_versions; stored in sheet_versions), its
-- publication (published_at, published_source) and whether a version_pins
-- row made it current (is_pinned).
CREATE VIEW core_documents AS
SELECT
    dv.source_sha256,
    dv.load_id,
    dv.sheet_seq,
    dv.source_file,
    dv.source_path,
    dv.document_key,
    dv.recorded_at,
    dv.tool_version,
    dv.municipality,
    dv.municipality_code,
    dv.document_fiscal_year,
    dv.sheet_type,
    dv.classification_score,
    dv.page_count,
    dv.first_page,
    dv.last_page,
    dv.text_source,
    dv.numeric_cells,
    dv.typed_cells,
    dv.coverage,
    dv.title,
    dv.subject,
    dv.policy_code,
    dv.policy_name,
    dv.version,
    dv.extraction,
    dv.superseded_load_id,
    dv.superseded_by_sha256,
    dv.is_current,
    dv.published_at,
    dv.published_source,
    dv.is_pinned
FROM core_document_versions AS dv
