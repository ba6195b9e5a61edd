-- Core: every stored extraction with its place in its sheet's history.
-- A sheet is a document_key (load/rows.py document_key: municipality, template,
-- policy or subject, document fiscal year).  Its versions are its distinct
-- file contents in the order first stored (version 1, 2, ...); each content
-- may be extracted more than once (`hyoka ingest --reprocess`, extraction
-- 1, 2, ...).  An extraction is superseded by the next one of its sheet, in
-- the order (content first stored, extraction recorded), or by a later
-- extraction of the same bytes filed under another key (a newer tool that
-- recognises the sheet differently); superseded_load_id/_by_sha256 name
-- that successor.  is_current: not superseded — the contract views show
-- only current extractions' facts; the *_history views show all.
CREATE VIEW core_document_versions AS
SELECT
    o.source_sha256,
    o.load_id,
    o.source_file,
    o.source_path,
    o.document_key,
    o.recorded_at,
    o.first_recorded_at,
    o.tool_version,
    o.municipality,
    o.municipality_code,
    o.document_fiscal_year,
    o.sheet_type,
    o.classification_score,
    o.page_count,
    o.title,
    o.subject,
    o.policy_code,
    o.policy_name,
    DENSE_RANK() OVER (
        PARTITION BY o.document_key ORDER BY o.first_recorded_at, o.source_sha256
    ) AS version,
    ROW_NUMBER() OVER (
        PARTITION BY o.document_key, o.source_sha256 ORDER BY o.recorded_at, o.load_id
    ) AS extraction,
    COALESCE(
        LEAD(o.load_id) OVER (
            PARTITION BY o.document_key ORDER BY o.first_recorded_at, o.recorded_at, o.load_id),
        LEAD(o.load_id) OVER (
            PARTITION BY o.source_sha256 ORDER BY o.recorded_at, o.load_id)
    ) AS superseded_load_id,
    COALESCE(
        LEAD(o.source_sha256) OVER (
            PARTITION BY o.document_key ORDER BY o.first_recorded_at, o.recorded_at, o.load_id),
        LEAD(o.source_sha256) OVER (
            PARTITION BY o.source_sha256 ORDER BY o.recorded_at, o.load_id)
    ) AS superseded_by_sha256
FROM (
    SELECT
        d.*,
        MIN(d.recorded_at) OVER (PARTITION BY d.source_sha256) AS first_recorded_at
    FROM stg_documents AS d
) AS o
