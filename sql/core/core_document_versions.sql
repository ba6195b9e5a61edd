-- Core: every sheet of every stored extraction with its place in its sheet's
-- history.  A file holds one or more sheets (normalize/split.py); the unit of
-- versioning is the sheet, named by its document_key (load/rows.py
-- document_key: municipality, template, policy or subject, document fiscal
-- year), so one sheet of a book is superseded by a corrected republication of
-- that sheet alone, printed in another file.  A key's versions are its
-- distinct file contents in the order first stored (version 1, 2, ...); each
-- content may be extracted more than once (`hyoka ingest --reprocess`,
-- extraction 1, 2, ...).  A sheet's extraction is superseded by the next one
-- of its key, in the order (content first stored, extraction recorded, load,
-- sheet_seq), or — when its key has no later one — by the next extraction of
-- the same bytes (a newer tool that splits or recognises the file
-- differently); superseded_load_id/_by_sha256 name that successor.
-- is_current: not superseded — the contract views show only current sheets'
-- facts; the *_history views show all.
CREATE VIEW core_document_versions AS
SELECT
    o.source_sha256,
    o.load_id,
    o.sheet_seq,
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
    o.first_page,
    o.last_page,
    o.text_source,
    o.numeric_cells,
    o.typed_cells,
    o.coverage,
    o.title,
    o.subject,
    o.policy_code,
    o.policy_name,
    DENSE_RANK() OVER (
        PARTITION BY o.document_key ORDER BY o.first_recorded_at, o.source_sha256
    ) AS version,
    ROW_NUMBER() OVER (
        PARTITION BY o.document_key, o.source_sha256 ORDER BY o.recorded_at, o.load_id, o.sheet_seq
    ) AS extraction,
    COALESCE(
        LEAD(o.load_id) OVER (
            PARTITION BY o.document_key ORDER BY o.first_recorded_at, o.recorded_at, o.load_id, o.sheet_seq),
        o.next_load_id
    ) AS superseded_load_id,
    COALESCE(
        LEAD(o.source_sha256) OVER (
            PARTITION BY o.document_key ORDER BY o.first_recorded_at, o.recorded_at, o.load_id, o.sheet_seq),
        o.next_sha256
    ) AS superseded_by_sha256
FROM (
    SELECT
        s.source_sha256,
        s.load_id,
        s.sheet_seq,
        s.document_key,
        s.first_page,
        s.last_page,
        s.sheet_type,
        s.classification_score,
        s.municipality,
        s.municipality_code,
        s.document_fiscal_year,
        s.title,
        s.subject,
        s.policy_code,
        s.policy_name,
        s.text_source,
        s.numeric_cells,
        s.typed_cells,
        s.coverage,
        e.source_file,
        e.source_path,
        e.recorded_at,
        e.tool_version,
        e.page_count,
        e.first_recorded_at,
        e.next_load_id,
        e.next_sha256
    FROM stg_sheets AS s
    JOIN (
        SELECT
            d.source_sha256,
            d.load_id,
            d.source_file,
            d.source_path,
            d.recorded_at,
            d.tool_version,
            d.page_count,
            MIN(d.recorded_at) OVER (PARTITION BY d.source_sha256) AS first_recorded_at,
            LEAD(d.load_id) OVER (
                PARTITION BY d.source_sha256 ORDER BY d.recorded_at, d.load_id) AS next_load_id,
            LEAD(d.source_sha256) OVER (
                PARTITION BY d.source_sha256 ORDER BY d.recorded_at, d.load_id) AS next_sha256
        FROM stg_documents AS d
    ) AS e
      ON e.source_sha256 = s.source_sha256
     AND e.load_id = s.load_id
) AS o
