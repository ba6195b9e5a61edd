-- Companion view (named in the contract under v_indicator_values.policy_code,
-- columns ours): one row per (document, indicator, policy code) for indicators
-- whose policy cell prints several codes (厚木市 "I-1-(1)-① I-1-(1)-②").
-- policy_ordinal 1 is the code shown in v_indicator_values.
CREATE VIEW v_indicator_policies AS
SELECT
    d.municipality,
    d.municipality_code,
    d.document_fiscal_year,
    d.sheet_type,
    ip.indicator_name,
    ip.ordinal AS policy_ordinal,
    ip.policy_code,
    MIN(ip.policy_name) AS policy_name,
    d.source_file,
    ip.source_sha256,
    MIN(ip.page) AS page
FROM stg_indicator_policies AS ip
JOIN core_documents AS d
  ON d.source_sha256 = ip.source_sha256
 AND d.load_id = ip.load_id
 AND d.sheet_seq = ip.sheet_seq
WHERE d.is_current
GROUP BY
    d.municipality,
    d.municipality_code,
    d.document_fiscal_year,
    d.sheet_type,
    ip.indicator_name,
    ip.ordinal,
    ip.policy_code,
    d.source_file,
    ip.source_sha256
