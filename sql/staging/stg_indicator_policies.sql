-- Staging: every policy code of every indicator value, with the indicator's name.
CREATE VIEW stg_indicator_policies AS
SELECT
    ip.source_sha256,
    ip.indicator_seq,
    ip.ordinal,
    ip.load_id,
    iv.sheet_seq,
    ip.policy_code,
    iv.policy_name,
    iv.indicator_name,
    ip.rule_ids,
    ip.page
FROM indicator_policies AS ip
JOIN indicator_values AS iv
  ON iv.source_sha256 = ip.source_sha256
 AND iv.load_id = ip.load_id
 AND iv.seq = ip.indicator_seq
