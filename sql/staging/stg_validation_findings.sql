-- Staging: validation findings as stored (one extraction's own findings).
CREATE VIEW stg_validation_findings AS
SELECT
    vf.source_sha256,
    vf.load_id,
    vf.sheet_seq,
    vf.seq,
    vf.finding_id,
    vf.rule_id,
    vf.severity,
    vf.message,
    vf.fact_ids,
    vf.page,
    vf.x0,
    vf.top,
    vf.x1,
    vf.bottom
FROM validation_findings AS vf
