-- The indicator series: every indicator name printed in a current sheet,
-- linked to one canonical indicator of its (municipality, template) by
-- load/series.py (rapidfuzz over vocabulary.label_key, keeping the score).
-- Rewritten as a whole after every ingest and by `hyoka link`, so it always
-- describes the current facts.  method:
--   canonical  the name is its series' canonical name (the latest sheet's wording)
--   exact      same label key as the canonical name (width, brackets, spaces differ)
--   fuzzy      linked by score >= the link threshold with no close rival
--   mapping    linked by the reviewed mapping file (table indicator_mappings)
--   review     ambiguous: candidates listed, not linked (its own series) until
--              a mapping says otherwise; never guessed
-- candidates: for review rows, 'name (score); name (score)' best first.
CREATE TABLE IF NOT EXISTS indicator_links (
    municipality_code  TEXT NOT NULL,
    sheet_type         TEXT NOT NULL,
    indicator_name     TEXT NOT NULL,
    series_id          TEXT NOT NULL,
    canonical_name     TEXT NOT NULL,
    method             TEXT NOT NULL,
    score              DOUBLE PRECISION,
    candidates         TEXT,
    linked_at          TEXT NOT NULL,
    PRIMARY KEY (municipality_code, sheet_type, indicator_name)
);
