-- Staging: narrative blocks as stored.
CREATE VIEW stg_text_blocks AS
SELECT
    tb.source_sha256,
    tb.seq,
    tb.load_id,
    tb.sheet_seq,
    tb.ocr_confidence,
    tb.fact_id,
    tb.section,
    tb.ordinal,
    tb.heading,
    tb.text,
    tb.policy_code,
    tb.rule_ids,
    tb.page,
    tb.x0,
    tb.top,
    tb.x1,
    tb.bottom
FROM text_blocks AS tb
