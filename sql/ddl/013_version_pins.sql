-- Reviewed decisions about which version of a sheet is current (`hyoka
-- versions KEY --make-current SHA`, README "Versions"): the pinned content
-- (source_sha256; its latest extraction) is the current version of
-- document_key whatever the publication order; deleting the row (`hyoka
-- versions KEY --unpin`) returns the key to publication order.  reason: the
-- reviewer's note.
CREATE TABLE IF NOT EXISTS version_pins (
    document_key   TEXT PRIMARY KEY,
    source_sha256  TEXT NOT NULL,
    pinned_at      TEXT NOT NULL,
    reason         TEXT
);
