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

from hyoka.load.ids import fact_id
from hyoka.normalize.facts import DocumentFacts, Provenance, SheetFacts, Value


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


def document_key(sheet: SheetFacts, source_file: str) -> str:
    """The sheet's identity across files, republications and re-extractions.

    A recognised sheet: ``<municipality_code>/<sheet_type>/<policy_code or
    subject or ->/<document_fiscal_year or ->`` — issue 3: the same
    (municipality, sheet_type, policy, document_fiscal_year) printed again is
    a new version of the same sheet, e.g. '142034/hiratsuka_shisaku_hyoka/４－①/2023'.
    Anything not recognised (no template or no municipality code):
    ``unclassified/<source_file>``, so only a file of the same name
    supersedes it (``#<sheet_seq>`` appended from a file's second sheet on).
    """
    if sheet.sheet_type in (None, "", "unclassified") or not sheet.municipality_code:
        return f"unclassified/{source_file}" + (f"#{sheet.seq}" if sheet.seq > 1 else "")
    about = sheet.policy_code or sheet.subject or "-"
    year = "-" if sheet.document_fiscal_year is None else str(sheet.document_fiscal_year)
    return "/".join((sheet.municipality_code, sheet.sheet_type, about, year))


def sheet_keys(facts: DocumentFacts) -> list[str]:
    """:func:`document_key` of every sheet of the file, in sheet order; a key
    repeated within one file (the same sheet bound twice, or two sheets whose
    printed identity is the same) gets ``#<sheet_seq>`` so that neither hides
    the other in the current views."""
    out: list[str] = []
    for sheet in facts.sheets:
        k = document_key(sheet, facts.source_file)
        out.append(f"{k}#{sheet.seq}" if k in out else k)
    return out


def document_row(load_id: str, facts: DocumentFacts, *, recorded_at: str, tool_version: str,
                 source_path: str | None = None) -> dict:
    """The ``documents`` row: one per stored extraction (SHA-256, load id).

    ``recorded_at``: ISO-8601 UTC text; ``tool_version``: the hyoka version
    that extracted it; ``source_path``: the path the file was read from (for
    ``hyoka trace`` crops), None when unknown.  Metadata columns are the
    primary sheet's (DocumentFacts.primary_sheet).
    """
    return {"source_sha256": facts.sha256, "source_file": facts.source_file, "load_id": load_id,
            "source_path": source_path,
            "recorded_at": recorded_at, "tool_version": tool_version, "subject": facts.subject,
            "status": facts.status, "municipality": facts.municipality,
            "municipality_code": facts.municipality_code,
            "document_fiscal_year": facts.document_fiscal_year, "sheet_type": facts.sheet_type,
            "classification_score": facts.classification_score, "page_count": facts.page_count,
            "title": facts.title, "policy_code": facts.policy_code, "policy_name": facts.policy_name,
            "sheet_count": facts.sheet_count, "text_source": facts.text_source}


def sheet_rows(load_id: str, facts: DocumentFacts) -> list[dict]:
    """The ``sheets`` rows (sql/ddl/003_sheets.sql) of one extraction, one per
    :class:`SheetFacts`, with its :func:`sheet_keys` document key and its
    publication (``published_at`` ISO date, ``published_source`` printed |
    pdf_moddate | pdf_creationdate | None: normalize/published.py)."""
    return [{"source_sha256": facts.sha256, "load_id": load_id, "sheet_seq": s.seq, "document_key": k,
             "first_page": s.first_page, "last_page": s.last_page, "sheet_type": s.sheet_type,
             "classification_score": s.classification_score, "municipality": s.municipality,
             "municipality_code": s.municipality_code, "document_fiscal_year": s.document_fiscal_year,
             "title": s.title, "subject": s.subject, "policy_code": s.policy_code,
             "policy_name": s.policy_name, "text_source": s.text_source,
             "numeric_cells": s.numeric_cells, "typed_cells": s.typed_cells, "coverage": s.coverage,
             "rule_ids": rule_ids_text(s.rule_ids),
             "published_at": s.published_at, "published_source": s.published_source}
            for s, k in zip(facts.sheets, sheet_keys(facts))]


#: load_documents columns describing the document (copied from documents for 'unchanged').
METADATA_COLUMNS = ("municipality", "municipality_code", "document_fiscal_year", "sheet_type",
                    "classification_score", "page_count", "sheet_count", "text_source")


def load_document_row(load_id: str, facts: DocumentFacts, status: str, error: str | None,
                      started_at: str, finished_at: str, stored: Mapping | None = None,
                      source_path: str | None = None, source_path_hex: str | None = None) -> dict:
    """The ``load_documents`` row (v_documents) for this file in this load.

    ``status``: loaded | unchanged | failed | needs_ocr (contract: v_documents).
    ``extraction_load_id``: this load for a stored extraction, the stored
    extraction's load for an unchanged file, NULL when failed.
    A file whose SHA-256 is unknown (``facts.sha256`` empty) gets NULL.
    ``stored``: the ``documents`` row of an unchanged file; its metadata
    (:data:`METADATA_COLUMNS`) then replaces the facts' — the bytes are the
    same, and the orchestrator may skip normalizing a file it knows is loaded.
    ``source_path``: the path the file was found at (the row's key within the
    load; default: ``facts.source_file``); ``source_path_hex``: its raw bytes
    in hex when they are not valid UTF-8 (sql/ddl/004_load_documents.sql).
    """
    row = {"load_id": load_id, "source_file": facts.source_file,
           "source_path": source_path or facts.source_file, "source_path_hex": source_path_hex,
           "source_sha256": facts.sha256 or None, "status": status, "error": error,
           "municipality": facts.municipality, "municipality_code": facts.municipality_code,
           "document_fiscal_year": facts.document_fiscal_year,
           "sheet_type": facts.sheet_type or "unclassified",
           "classification_score": facts.classification_score, "page_count": facts.page_count,
           "sheet_count": facts.sheet_count if status != "failed" else 0,
           "text_source": facts.text_source if status != "failed" else None,
           "extraction_load_id": load_id if status in ("loaded", "needs_ocr") else None,
           "started_at": started_at, "finished_at": finished_at}
    if stored is not None:
        row.update({c: stored[c] for c in METADATA_COLUMNS})
        row["extraction_load_id"] = stored["load_id"]
    return row


def fact_rows(load_id: str, facts: DocumentFacts) -> dict[str, list[dict]]:
    """Rows for the sheets table and every fact table, keyed by table name
    (sql/ddl/003, 005..010), parents first.

    Facts are numbered ``seq`` from 1 across the whole file, sheet after
    sheet, and every row carries its ``sheet_seq`` and ``fact_id``
    (load/ids.py).  A fact printed without a policy code (name) takes its
    sheet's (a one-policy sheet such as 平塚市 施策評価シート ４－①); the
    indicator_policies rows keep only the codes printed with the indicator.
    ``ocr_confidence``: the fact's (normalize/ocr.py; NULL for the text
    layer).  indicator_policies gets one row per code in
    IndicatorValue.policy_codes (falling back to [policy_code] when the list
    is empty), ordinal from 1.  validation_findings: one row per finding of
    each sheet, its FactRefs (indexes into that sheet's lists) resolved to
    fact ids and the first fact's page and bbox (else the finding's own
    bbox).  Raises IndexError/KeyError for a FactRef that points at no fact
    (malformed facts).
    """
    sha = facts.sha256

    def fid(table: str, seq: int) -> str:
        return fact_id(table, sha, seq, load_id)

    out: dict[str, list[dict]] = {"sheets": sheet_rows(load_id, facts), "indicator_values": [], "indicator_policies": [], "budget_values": [],
                                  "text_blocks": [], "raw_cells": [], "validation_findings": []}
    for sheet in facts.sheets:
        base = {"source_sha256": sha, "load_id": load_id, "sheet_seq": sheet.seq}
        indicators = []
        for iv in sheet.indicators:
            seq = len(out["indicator_values"]) + 1
            row = {**base, "seq": seq, "fact_id": fid("indicator_values", seq),
                   "policy_code": iv.policy_code or sheet.policy_code,
                   "policy_name": iv.policy_name or sheet.policy_name, "ocr_confidence": iv.ocr_confidence,
                   "indicator_name": iv.indicator_name,
                   "fiscal_year": iv.fiscal_year, "measure": iv.measure}
            row.update(_value(iv.value))
            # the row's unit is IndicatorValue.unit (contract column); the cell's own unit is audit data
            row["value_unit"], row["unit"] = row["unit"], iv.unit
            row.update(_where(iv.provenance))
            out["indicator_values"].append(row)
            indicators.append(row)
            codes = list(iv.policy_codes) or ([iv.policy_code] if iv.policy_code else [])
            for ordinal, code in enumerate(codes, start=1):
                out["indicator_policies"].append({"source_sha256": sha, "indicator_seq": seq, "ordinal": ordinal,
                                                  "load_id": load_id, "policy_code": code, "rule_ids": None,
                                                  **_where(iv.provenance)})
        budgets = []
        for bv in sheet.budgets:
            seq = len(out["budget_values"]) + 1
            row = {**base, "seq": seq, "fact_id": fid("budget_values", seq),
                   "policy_code": bv.policy_code or sheet.policy_code, "ocr_confidence": bv.ocr_confidence,
                   "project_name": bv.project_name, "item": bv.item, "fiscal_year": bv.fiscal_year,
                   "amount_basis": bv.amount_basis}
            row.update(_value(bv.value))
            row.update(_where(bv.provenance))
            out["budget_values"].append(row)
            budgets.append(row)
        for tb in sheet.text_blocks:
            seq = len(out["text_blocks"]) + 1
            out["text_blocks"].append({**base, "seq": seq, "fact_id": fid("text_blocks", seq),
                                       "section": tb.section, "ordinal": tb.ordinal, "heading": tb.heading,
                                       "text": tb.text, "policy_code": tb.policy_code or sheet.policy_code,
                                       "ocr_confidence": tb.ocr_confidence,
                                       "rule_ids": rule_ids_text(tb.rule_ids), **_where(tb.provenance)})
        for c in sheet.raw_cells:
            seq = len(out["raw_cells"]) + 1
            out["raw_cells"].append({**base, "seq": seq, "fact_id": fid("raw_cells", seq), "page": c.page,
                                     "table_index": c.table_index, "row_index": c.row_index,
                                     "col_index": c.col_index, "row_span": c.row_span, "col_span": c.col_span,
                                     "text": c.text, "rule_ids": rule_ids_text(c.rule_ids), "ocr_confidence": c.ocr_confidence,
                                     "x0": c.x0, "top": c.top, "x1": c.x1, "bottom": c.bottom})
        located = {"indicator": (sheet.indicators, indicators), "budget": (sheet.budgets, budgets)}
        for f in sheet.findings:
            seq = len(out["validation_findings"]) + 1
            refs = [located[r.kind][1][r.index] for r in f.facts]  # IndexError/KeyError: malformed
            first = located[f.facts[0].kind][0][f.facts[0].index].provenance if f.facts else None
            if first is not None:
                where = _where(first)
            else:
                x0, top, x1, bottom = f.bbox if f.bbox else (None, None, None, None)
                where = {"page": f.page, "x0": x0, "top": top, "x1": x1, "bottom": bottom}
            out["validation_findings"].append({**base, "seq": seq, "finding_id": fid("validation_findings", seq),
                                               "rule_id": f.rule_id, "severity": f.severity,
                                               "message": f.message,
                                               "fact_ids": " ".join(r["fact_id"] for r in refs) or None,
                                               **where})
    return out
