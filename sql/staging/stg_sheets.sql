-- Staging: the sheets of every stored extraction (table sheets, sql/ddl/003_sheets.sql).
CREATE VIEW stg_sheets AS
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
    s.rule_ids,
    s.published_at,
    s.published_source
FROM sheets AS s
