-- Core: every sheet of every stored extraction with its place in its sheet's
-- history.  A file holds one or more sheets (normalize/split.py); the unit of
-- versioning is the sheet, named by its document_key (load/rows.py
-- document_key: municipality, template, policy or subject, document fiscal
-- year), so one sheet of a book is superseded by a corrected republication of
-- that sheet alone, printed in another file.
--
-- A key's versions are its distinct file contents in publication order
-- (version 1, 2, ...; README "Versions"), each content ranked by its latest
-- extraction's sheet row:
--   1. published_at (normalize/published.py: the date the sheet prints, else
--      the PDF's ModDate, else its CreationDate), undated first;
--   2. undated contents: the load that first stored them (nothing is known
--      of their publication, so ingest order stands for it);
--   3. on the same date (a reprint on other paper, or the same sheet bound
--      in a book the same day): the fuller reading later — more typed_cells,
--      then more numeric_cells (a printing that leaves a table out never
--      hides the one that prints it);
--   4. then the load that first stored the content (a later run's content
--      is a same-day correction); within one run the order paths were walked
--      is an accident of the command line and plays no part:
--   5. the shorter file name later (a reprint or copy adds to its original's
--      name: 002v1-…-a3.pdf, sheet (2).pdf), then source_sha256 (arbitrary
--      but fixed: the same current version whatever the walk order).
-- Each content may be extracted more than once (`hyoka ingest --reprocess`,
-- extraction 1, 2, ... in the order recorded).  A sheet's extraction is
-- superseded by the next one of its key in the order (pinned content last,
-- version, recorded_at, load_id, sheet_seq), or — when its key has no later
-- one — by the next extraction of the same bytes (a newer tool that splits
-- or recognises the file differently); superseded_load_id/_by_sha256 name
-- that successor.  A version_pins row (sql/ddl/013_version_pins.sql, `hyoka
-- versions KEY --make-current SHA`) puts its content's extractions last, so
-- that content's latest extraction is current whatever the publication
-- order (is_pinned); version stays the publication rank.
-- is_current: not superseded — the contract views show only current sheets'
-- facts; the *_history views show all.
CREATE VIEW core_document_versions AS
SELECT
    r.source_sha256,
    r.load_id,
    r.sheet_seq,
    r.source_file,
    r.source_path,
    r.document_key,
    r.recorded_at,
    r.first_recorded_at,
    r.tool_version,
    r.municipality,
    r.municipality_code,
    r.document_fiscal_year,
    r.sheet_type,
    r.classification_score,
    r.page_count,
    r.first_page,
    r.last_page,
    r.text_source,
    r.numeric_cells,
    r.typed_cells,
    r.coverage,
    r.title,
    r.subject,
    r.policy_code,
    r.policy_name,
    r.version,
    ROW_NUMBER() OVER (
        PARTITION BY r.document_key, r.source_sha256 ORDER BY r.recorded_at, r.load_id, r.sheet_seq
    ) AS extraction,
    COALESCE(LEAD(r.load_id) OVER successor, r.next_load_id) AS superseded_load_id,
    COALESCE(LEAD(r.source_sha256) OVER successor, r.next_sha256) AS superseded_by_sha256,
    r.published_at,
    r.published_source,
    CASE WHEN r.pin_order = 1 THEN TRUE ELSE FALSE END AS is_pinned
FROM (
    SELECT
        c.*,
        DENSE_RANK() OVER (
            PARTITION BY c.document_key
            ORDER BY
                CASE WHEN c.c_published_at IS NULL THEN 0 ELSE 1 END,
                c.c_published_at,
                CASE WHEN c.c_published_at IS NULL THEN c.first_load_id END,
                c.c_typed_cells,
                c.c_numeric_cells,
                c.first_load_id,
                LENGTH(c.c_source_file) DESC,
                c.source_sha256
        ) AS version
    FROM (
        SELECT
            o.*,
            FIRST_VALUE(o.published_at) OVER latest AS c_published_at,
            FIRST_VALUE(o.typed_cells) OVER latest AS c_typed_cells,
            FIRST_VALUE(o.numeric_cells) OVER latest AS c_numeric_cells,
            FIRST_VALUE(o.source_file) OVER latest AS c_source_file
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
                s.published_at,
                s.published_source,
                e.source_file,
                e.source_path,
                e.recorded_at,
                e.tool_version,
                e.page_count,
                e.first_recorded_at,
                e.first_load_id,
                e.next_load_id,
                e.next_sha256,
                CASE WHEN p.document_key IS NULL THEN 0 ELSE 1 END AS pin_order
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
                    MIN(d.load_id) OVER (PARTITION BY d.source_sha256) AS first_load_id,
                    LEAD(d.load_id) OVER next_extraction AS next_load_id,
                    LEAD(d.source_sha256) OVER next_extraction AS next_sha256
                FROM stg_documents AS d
                WINDOW next_extraction AS (PARTITION BY d.source_sha256 ORDER BY d.recorded_at, d.load_id)
            ) AS e
              ON e.source_sha256 = s.source_sha256
             AND e.load_id = s.load_id
            LEFT JOIN version_pins AS p
              ON p.document_key = s.document_key
             AND p.source_sha256 = s.source_sha256
        ) AS o
        -- a content's latest extraction first: its sheet row ranks the content
        WINDOW latest AS (
            PARTITION BY o.document_key, o.source_sha256
            ORDER BY o.recorded_at DESC, o.load_id DESC, o.sheet_seq DESC)
    ) AS c
) AS r
-- a key's extractions in succession order: pinned content last, then version
WINDOW successor AS (
    PARTITION BY r.document_key
    ORDER BY r.pin_order, r.version, r.recorded_at, r.load_id, r.sheet_seq)
