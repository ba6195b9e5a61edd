-- Staging: indicator values.  unit is the row's unit (IndicatorValue.unit:
-- '%' on achievement_rate rows, NULL on result rows); value_unit the cell's own.
CREATE VIEW stg_indicator_values AS
SELECT
    iv.source_sha256,
    iv.seq,
    iv.load_id,
    iv.sheet_seq,
    iv.ocr_confidence,
    iv.fact_id,
    iv.policy_code,
    iv.policy_name,
    iv.indicator_name,
    iv.unit,
    iv.fiscal_year,
    iv.measure,
    iv.value,
    iv.value_unit,
    iv.value_std,
    iv.unit_std,
    iv.value_text,
    iv.status,
    iv.note,
    iv.is_estimate,
    iv.rule_ids,
    iv.page,
    iv.x0,
    iv.top,
    iv.x1,
    iv.bottom
FROM indicator_values AS iv
