"""Truth records: what a generated sheet printed, written as it is printed.

Fact records (one per value cell, appended by :meth:`pdf.Writer.draw_block`
with ``page`` and ``bbox`` [x0, top, x1, bottom] in points):

* indicator: ``{"kind": "indicator", "template", "indicator_name" (as the
  contract reads it: wrapped lines and author line breaks joined),
  "fiscal_year" (western, None for a baseline), "measure" (baseline /
  target / actual / achievement_rate / result), "value" (float in ``unit``,
  None unless status ok), "status" (contract STATUSES), "unit", "note",
  "is_estimate", "value_text" (as printed), "form" (how it was printed:
  comma / fullwidth / plain / suffix / blank / dash / pending /
  source_error / note / verdict)}``
* budget: ``{"kind": "budget", "template", "item" (canonical: 事業費,
  執行率, 国庫支出金 ...), "fiscal_year", "amount_basis" (settled for 決算額
  tables), "value", "status", "unit" (千円 / 円 / %), ...}``

Sheet records (:func:`sheet_record`): template, sheet_type, seq (1-based
position in its file), first_page, last_page, pages, document_fiscal_year,
policy_code (as printed, whitespace removed), subject, seed, features
(the printing choices, name -> str) and facts.  Saved as
``<pdf stem>.truth.json`` next to the PDF (:func:`save`).
"""
from __future__ import annotations

import json
from pathlib import Path


def indicator(template: str, name: str, fy: int | None, measure: str, value: float | None, status: str,
              unit: str | None, text: str, form: str, *, is_estimate: bool = False,
              note: str | None = None) -> dict:
    """An indicator fact record (see module doc); ``name`` joined of line breaks."""
    return {"kind": "indicator", "template": template, "indicator_name": name.replace("\n", ""),
            "fiscal_year": fy, "measure": measure, "value": value, "status": status, "unit": unit,
            "note": note, "is_estimate": is_estimate, "value_text": text, "form": form}


def budget(template: str, item: str, fy: int, value: float | None, status: str, unit: str | None,
           text: str, form: str, amount_basis: str | None = "settled") -> dict:
    """A budget fact record (see module doc)."""
    return {"kind": "budget", "template": template, "item": item, "fiscal_year": fy,
            "amount_basis": amount_basis, "value": value, "status": status, "unit": unit,
            "is_estimate": False, "value_text": text, "form": form}


def sheet_record(template: str, seed: int, seq: int, first_page: int, last_page: int,
                 document_fiscal_year: int, policy_code: str | None, subject: str | None,
                 features: dict, facts: list[dict]) -> dict:
    """A sheet record (see module doc)."""
    for f in facts:
        f["sheet_seq"] = seq
    return {"template": template, "sheet_type": template, "seed": seed, "seq": seq,
            "first_page": first_page, "last_page": last_page, "pages": last_page - first_page + 1,
            "document_fiscal_year": document_fiscal_year,
            "policy_code": "".join(policy_code.split()) if policy_code else None,
            "subject": subject, "features": features, "facts": facts}


def save(pdf: Path, record: dict) -> Path:
    """Write ``record`` as ``<pdf stem>.truth.json`` beside ``pdf``; return its path."""
    out = Path(pdf).with_suffix(".truth.json")
    out.write_text(json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
    return out


def load(pdf_or_json: Path) -> dict:
    """Read the truth of a generated PDF (or its ``.truth.json``)."""
    p = Path(pdf_or_json)
    if p.suffix == ".pdf":
        p = p.with_suffix(".truth.json")
    return json.loads(p.read_text(encoding="utf-8"))
