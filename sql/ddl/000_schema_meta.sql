-- Bookkeeping for load/schema.py: key/value pairs about the installed schema,
-- e.g. 'views_sha256' = the SHA-256 of the staging/core/views .sql files the
-- views were last created from (views are re-created only when it changes).
CREATE TABLE IF NOT EXISTS schema_meta (
    meta_key   TEXT PRIMARY KEY,
    meta_value TEXT NOT NULL
);
