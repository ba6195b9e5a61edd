-- Staging: budget values as stored.
CREATE VIEW stg_budget_values AS
SELECT
    bv.source_sha256,
    bv.seq,
    bv.load_id,
    bv.sheet_seq,
    bv.ocr_confidence,
    bv.fact_id,
    bv.policy_code,
    bv.project_name,
    bv.item,
    bv.fiscal_year,
    bv.value,
    bv.unit,
    bv.value_std,
    bv.unit_std,
    bv.value_text,
    bv.status,
    bv.note,
    bv.is_estimate,
    bv.amount_basis,
    bv.rule_ids,
    bv.page,
    bv.x0,
    bv.top,
    bv.x1,
    bv.bottom
FROM budget_values AS bv
