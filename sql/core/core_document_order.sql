-- Core: the rules of a sheet's history, computed — the place of every sheet
-- of every stored extraction in its sheet's history.  A file holds one or more sheets (normalize/split.py); the unit of
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
-- This view computes; load/versions.py stores its rows in sheet_versions
-- (sql/ddl/015_sheet_versions.sql) for the document keys each write touches,
-- and core_document_versions reads them from there.  Every window is
-- partitioned by document_key (a content's extractions are looked up per
-- sheet row instead of by a window over every document), and the windows of
-- one SELECT share one PARTITION BY (SQLite pushes a filter into a window
-- subquery only then), so a filter `WHERE document_key IN (...)` reaches the
-- sheets' index on SQLite and PostgreSQL alike and refreshing one key reads
-- only that key's rows.
CREATE VIEW core_document_order AS
SELECT
    r.source_sha256,
    r.load_id,
    r.sheet_seq,
    r.document_key,
    r.version,
    r.extraction,
    r.first_recorded_at,
    COALESCE(LEAD(r.load_id) OVER successor, r.next_load_id) AS superseded_load_id,
    COALESCE(LEAD(r.source_sha256) OVER successor,
             CASE WHEN r.next_load_id IS NOT NULL THEN r.source_sha256 END) AS superseded_by_sha256,
    CASE WHEN COALESCE(LEAD(r.load_id) OVER successor, r.next_load_id) IS NULL
         THEN TRUE ELSE FALSE END AS is_current,
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
            FIRST_VALUE(o.source_file) OVER latest AS c_source_file,
            ROW_NUMBER() OVER (
                PARTITION BY o.document_key, o.source_sha256 ORDER BY o.recorded_at, o.load_id, o.sheet_seq
            ) AS extraction
        FROM (
            SELECT
                s.source_sha256,
                s.load_id,
                s.sheet_seq,
                s.document_key,
                s.numeric_cells,
                s.typed_cells,
                s.published_at,
                d.source_file,
                d.recorded_at,
                -- the content's first extraction, and this extraction's next one (by
                -- recorded_at, load_id): looked up through documents' key
                (SELECT MIN(f.recorded_at) FROM stg_documents AS f
                  WHERE f.source_sha256 = s.source_sha256) AS first_recorded_at,
                (SELECT MIN(f.load_id) FROM stg_documents AS f
                  WHERE f.source_sha256 = s.source_sha256) AS first_load_id,
                (SELECT n.load_id FROM stg_documents AS n
                  WHERE n.source_sha256 = d.source_sha256
                    AND (n.recorded_at > d.recorded_at
                         OR (n.recorded_at = d.recorded_at AND n.load_id > d.load_id))
                  ORDER BY n.recorded_at, n.load_id
                  LIMIT 1) AS next_load_id,
                CASE WHEN p.document_key IS NULL THEN 0 ELSE 1 END AS pin_order
            FROM stg_sheets AS s
            JOIN stg_documents AS d
              ON d.source_sha256 = s.source_sha256
             AND d.load_id = s.load_id
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
