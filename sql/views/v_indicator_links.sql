-- Review view: how every printed indicator name was linked to its series
-- (indicator_links, see sql/ddl/011_indicator_links.sql for the methods).
-- method 'review' rows are the ambiguous ones to decide in a mapping file.
CREATE VIEW v_indicator_links AS
SELECT
    il.municipality_code,
    il.sheet_type,
    il.indicator_name,
    il.series_id,
    il.canonical_name,
    il.method,
    il.score,
    il.candidates,
    il.linked_at
FROM stg_indicator_links AS il
