"""The BI views' columns, transcribed in order from ../shared/warehouse-contract.md
(contract version 2: v_sheets, sheet_seq, document_key, ocr_confidence, amount_basis).

test_contract.py re-reads the contract (when it is present) and checks this
transcription, so a change to the contract shows up as a failing test.
"""

CONTRACT_COLUMNS = {
    "v_indicator_values": [
        "municipality", "municipality_code", "document_fiscal_year", "sheet_type", "policy_code",
        "policy_name", "indicator_name", "unit", "fiscal_year", "measure", "value", "value_std",
        "unit_std", "value_text", "status", "note", "is_estimate", "source_file", "source_sha256",
        "page", "sheet_seq", "document_key", "ocr_confidence"],
    "v_budget_values": [
        "municipality", "municipality_code", "document_fiscal_year", "sheet_type", "policy_code",
        "project_name", "item", "fiscal_year", "value", "unit", "value_std", "unit_std",
        "value_text", "status", "note", "source_file", "source_sha256", "page", "sheet_seq",
        "document_key", "ocr_confidence", "amount_basis"],
    "v_text_blocks": [
        "municipality", "document_fiscal_year", "sheet_type", "policy_code", "section", "ordinal",
        "text", "source_file", "source_sha256", "page", "sheet_seq", "document_key",
        "ocr_confidence"],
    "v_documents": [
        "load_id", "source_file", "source_sha256", "status", "error", "municipality",
        "municipality_code", "document_fiscal_year", "sheet_type", "classification_score",
        "page_count", "sheet_count", "text_source"],
    "v_sheets": [
        "load_id", "source_file", "source_sha256", "sheet_seq", "first_page", "last_page",
        "sheet_type", "classification_score", "municipality", "municipality_code",
        "document_fiscal_year", "policy_code", "subject", "document_key", "is_current",
        "text_source", "numeric_cells", "typed_cells", "coverage"],
    "v_raw_cells": [
        "source_file", "source_sha256", "page", "table_index", "row_index", "col_index", "row_span",
        "col_span", "text", "x0", "top", "x1", "bottom", "sheet_seq", "ocr_confidence"],
}

#: Our companion view (not in the contract; sql/views/v_indicator_policies.sql).
INDICATOR_POLICIES_COLUMNS = [
    "municipality", "municipality_code", "document_fiscal_year", "sheet_type", "indicator_name",
    "policy_ordinal", "policy_code", "policy_name", "source_file", "source_sha256", "page"]
