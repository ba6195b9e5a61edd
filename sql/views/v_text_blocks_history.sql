-- History view: every extraction's text blocks, superseded ones included,
-- with the contract columns of v_text_blocks first, then provenance (fact_id,
-- load_id, rule_ids, bbox) and version columns: document_key, version (1 = first
-- content stored for the sheet), extraction, is_current, superseded_load_id
-- (the load that superseded it) and superseded_by_sha256.
CREATE VIEW v_text_blocks_history AS
SELECT
    f.municipality,
    f.document_fiscal_year,
    f.sheet_type,
    f.policy_code,
    f.section,
    f.ordinal,
    f.text,
    f.source_file,
    f.source_sha256,
    f.page,
    f.heading,
    f.fact_id,
    f.seq,
    f.load_id,
    f.rule_ids,
    f.x0,
    f.top,
    f.x1,
    f.bottom,
    f.document_key,
    f.version,
    f.extraction,
    f.is_current,
    f.superseded_load_id,
    f.superseded_by_sha256,
    f.recorded_at,
    f.tool_version
FROM core_fact_text_blocks AS f
