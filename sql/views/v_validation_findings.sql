-- Auditors' view: validation findings of the current facts — each current
-- extraction's own findings (table validation_findings, normalize/validate/)
-- and the cross-document findings derived from the current facts
-- (core_restated_findings, core_unit_findings).
-- severity: error | warning | info (normalize/facts.py SEVERITIES); fact_ids
-- the facts involved, space-separated (`hyoka trace <fact_id>`); page and
-- bbox of the first of them (NULL bbox for cross-document findings).
CREATE VIEW v_validation_findings AS
SELECT
    vf.finding_id,
    vf.rule_id,
    vf.severity,
    vf.message,
    d.municipality,
    d.municipality_code,
    d.sheet_type,
    d.document_fiscal_year,
    d.source_file,
    vf.source_sha256,
    vf.load_id,
    vf.page,
    vf.fact_ids,
    vf.x0,
    vf.top,
    vf.x1,
    vf.bottom
FROM stg_validation_findings AS vf
JOIN core_documents AS d
  ON d.source_sha256 = vf.source_sha256
 AND d.load_id = vf.load_id
 AND d.sheet_seq = vf.sheet_seq
WHERE d.is_current
UNION ALL
SELECT
    rs.finding_id,
    rs.rule_id,
    rs.severity,
    rs.message,
    rs.municipality,
    rs.municipality_code,
    rs.sheet_type,
    rs.document_fiscal_year,
    rs.source_file,
    rs.source_sha256,
    rs.load_id,
    rs.page,
    rs.fact_ids,
    NULL,
    NULL,
    NULL,
    NULL
FROM core_restated_findings AS rs
UNION ALL
SELECT
    uc.finding_id,
    uc.rule_id,
    uc.severity,
    uc.message,
    uc.municipality,
    uc.municipality_code,
    uc.sheet_type,
    uc.document_fiscal_year,
    uc.source_file,
    uc.source_sha256,
    uc.load_id,
    uc.page,
    uc.fact_ids,
    NULL,
    NULL,
    NULL,
    NULL
FROM core_unit_findings AS uc
