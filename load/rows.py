"""Turn one DocumentFacts (normalize/facts.py) into table rows.

Pure functions: facts in, lists of dicts keyed by the column names of
sql/ddl/*.sql out.  Fact rows are numbered ``seq`` from 1 in the order the
normalize stage produced them, and every fact row carries the ``load_id``
that wrote it, its page and bbox and its rule ids (space-separated, in the
order applied; NULL where the fact object carries none), so that an auditor
can trace each row to its run and its cell (sql/README.md).
"""
from __future__ import annotations

from collections.abc import Mapping

from load.ids import fact_id
from normalize.facts import DocumentFacts, Provenance, Value


def rule_ids_text(rule_ids: tuple[str, ...] | list[str]) -> str | None:
    """Rule ids as stored: space-separated in order, or None when there are none."""
    return " ".join(rule_ids) if rule_ids else None


def _where(p: Provenance) -> dict:
    """page and bbox columns of a Provenance (page 1-based, bbox in PDF points)."""
    return {"page": p.page, "x0": p.x0, "top": p.top, "x1": p.x1, "bottom": p.bottom}


def _value(v: Value) -> dict:
    """The value columns of a Value (unit is the cell's own unit)."""
    return {"value": v.value, "unit": v.unit, "value_std": v.value_std, "unit_std": v.unit_std,
            "value_text": v.value_text, "status": v.status, "note": v.note,
            "is_estimate": bool(v.is_estimate), "rule_ids": rule_ids_text(v.rule_ids)}


def document_key(facts: DocumentFacts) -> str:
    """The sheet's identity across republications and re-extractions.

    A recognised sheet: ``<municipality_code>/<sheet_type>/<policy_code or
    subject or ->/<document_fiscal_year or ->`` — issue 3: the same
    (municipality, sheet_type, policy, document_fiscal_year) printed again is
    a new version of the same sheet, e.g. '142034/hiratsuka_shisaku_hyoka/４－①/2023'.
    Anything not recognised (no template or no municipality code):
    ``unclassified/<source_file>``, so only a file of the same name supersedes it.
    """
    if facts.sheet_type in (None, "", "unclassified") or not facts.municipality_code:
        return f"unclassified/{facts.source_file}"
    about = facts.policy_code or facts.subject or "-"
    year = "-" if facts.document_fiscal_year is None else str(facts.document_fiscal_year)
    return "/".join((facts.municipality_code, facts.sheet_type, about, year))


def document_row(load_id: str, facts: DocumentFacts, *, recorded_at: str, tool_version: str,
                 source_path: str | None = None) -> dict:
    """The ``documents`` row: one per stored extraction (SHA-256, load id).

    ``recorded_at``: ISO-8601 UTC text; ``tool_version``: the hyoka version
    that extracted it; ``source_path``: the path the file was read from (for
    ``hyoka trace`` crops), None when unknown.
    """
    return {"source_sha256": facts.sha256, "source_file": facts.source_file, "load_id": load_id,
            "source_path": source_path, "document_key": document_key(facts),
            "recorded_at": recorded_at, "tool_version": tool_version, "subject": facts.subject,
            "status": facts.status, "municipality": facts.municipality,
            "municipality_code": facts.municipality_code,
            "document_fiscal_year": facts.document_fiscal_year, "sheet_type": facts.sheet_type,
            "classification_score": facts.classification_score, "page_count": facts.page_count,
            "title": facts.title, "policy_code": facts.policy_code, "policy_name": facts.policy_name}


#: load_documents columns describing the document (copied from documents for 'unchanged').
METADATA_COLUMNS = ("municipality", "municipality_code", "document_fiscal_year", "sheet_type",
                    "classification_score", "page_count")


def load_document_row(load_id: str, facts: DocumentFacts, status: str, error: str | None,
                      started_at: str, finished_at: str, stored: Mapping | None = None) -> dict:
    """The ``load_documents`` row (v_documents) for this file in this load.

    ``status``: loaded | unchanged | failed | needs_ocr (contract: v_documents).
    A file whose SHA-256 is unknown (``facts.sha256`` empty) gets NULL.
    ``stored``: the ``documents`` row of an unchanged file; its metadata
    (:data:`METADATA_COLUMNS`) then replaces the facts' — the bytes are the
    same, and the orchestrator may skip normalizing a file it knows is loaded.
    """
    row = {"load_id": load_id, "source_file": facts.source_file,
           "source_sha256": facts.sha256 or None, "status": status, "error": error,
           "municipality": facts.municipality, "municipality_code": facts.municipality_code,
           "document_fiscal_year": facts.document_fiscal_year,
           "sheet_type": facts.sheet_type or "unclassified",
           "classification_score": facts.classification_score, "page_count": facts.page_count,
           "started_at": started_at, "finished_at": finished_at}
    if stored is not None:
        row.update({c: stored[c] for c in METADATA_COLUMNS})
    return row


def fact_rows(load_id: str, facts: DocumentFacts) -> dict[str, list[dict]]:
    """Rows for every fact table, keyed by table name (sql/ddl/004..009).

    Every row gets its ``fact_id`` (load/ids.py).  indicator_policies gets
    one row per code in IndicatorValue.policy_codes (falling back to
    [policy_code] when the list is empty), ordinal from 1.
    validation_findings: one row per ``facts.findings`` entry, its FactRefs
    resolved to fact ids and the first fact's page and bbox.  Raises
    IndexError/KeyError for a FactRef that points at no fact (malformed facts).
    """
    sha = facts.sha256

    def fid(table: str, seq: int) -> str:
        return fact_id(table, sha, seq, load_id)

    indicators, policies = [], []
    for seq, iv in enumerate(facts.indicators, start=1):
        row = {"source_sha256": sha, "seq": seq, "load_id": load_id,
               "fact_id": fid("indicator_values", seq),
               "policy_code": iv.policy_code, "policy_name": iv.policy_name,
               "indicator_name": iv.indicator_name,
               "fiscal_year": iv.fiscal_year, "measure": iv.measure}
        row.update(_value(iv.value))
        # the row's unit is IndicatorValue.unit (contract column); the cell's own unit is audit data
        row["value_unit"], row["unit"] = row["unit"], iv.unit
        row.update(_where(iv.provenance))
        indicators.append(row)
        codes = list(iv.policy_codes) or ([iv.policy_code] if iv.policy_code else [])
        for ordinal, code in enumerate(codes, start=1):
            policies.append({"source_sha256": sha, "indicator_seq": seq, "ordinal": ordinal,
                             "load_id": load_id, "policy_code": code, "rule_ids": None,
                             **_where(iv.provenance)})
    budgets = []
    for seq, bv in enumerate(facts.budgets, start=1):
        row = {"source_sha256": sha, "seq": seq, "load_id": load_id,
               "fact_id": fid("budget_values", seq), "policy_code": bv.policy_code, "project_name": bv.project_name,
               "item": bv.item, "fiscal_year": bv.fiscal_year}
        row.update(_value(bv.value))
        row.update(_where(bv.provenance))
        budgets.append(row)
    blocks = [{"source_sha256": sha, "seq": seq, "load_id": load_id,
               "fact_id": fid("text_blocks", seq), "section": tb.section,
               "ordinal": tb.ordinal, "heading": tb.heading, "text": tb.text,
               "policy_code": tb.policy_code, "rule_ids": rule_ids_text(tb.rule_ids),
               **_where(tb.provenance)}
              for seq, tb in enumerate(facts.text_blocks, start=1)]
    cells = [{"source_sha256": sha, "seq": seq, "load_id": load_id,
              "fact_id": fid("raw_cells", seq), "page": c.page,
              "table_index": c.table_index, "row_index": c.row_index, "col_index": c.col_index,
              "row_span": c.row_span, "col_span": c.col_span, "text": c.text,
              "rule_ids": rule_ids_text(c.rule_ids),
              "x0": c.x0, "top": c.top, "x1": c.x1, "bottom": c.bottom}
             for seq, c in enumerate(facts.raw_cells, start=1)]
    findings = []
    located = {"indicator": (facts.indicators, indicators), "budget": (facts.budgets, budgets)}
    for seq, f in enumerate(facts.findings, start=1):
        refs = [located[r.kind][1][r.index] for r in f.facts]  # IndexError/KeyError: malformed
        first = located[f.facts[0].kind][0][f.facts[0].index].provenance if f.facts else None
        findings.append({"source_sha256": sha, "load_id": load_id, "seq": seq,
                         "finding_id": fid("validation_findings", seq), "rule_id": f.rule_id,
                         "severity": f.severity, "message": f.message,
                         "fact_ids": " ".join(r["fact_id"] for r in refs) or None,
                         **(_where(first) if first else {"page": f.page, "x0": None, "top": None,
                                                         "x1": None, "bottom": None})})
    return {"indicator_values": indicators, "indicator_policies": policies,
            "budget_values": budgets, "text_blocks": blocks, "raw_cells": cells,
            "validation_findings": findings}
