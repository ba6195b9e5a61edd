-- Staging: indicator names linked to their series (load/series.py).
CREATE VIEW stg_indicator_links AS
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
FROM indicator_links AS il
