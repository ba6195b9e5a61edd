"""Trace one fact back to its page: provenance and a PNG crop (``hyoka trace``).

An auditor asks of any number "where exactly did this come from?".  A fact
is found by its fact id (``iv:3f2a9c1b0d4e:17`` names a fact of one file
content, the latest extraction of it; ``...@<load id>`` one extraction;
``vf:...`` a validation finding, traced through its first fact) or, for
indicator values, by file + indicator + fiscal year + measure.  The
provenance is read from the ``*_history`` views and ``v_document_versions``;
the crop is rendered with pdfplumber's page images (pypdfium2) from the PDF
at the path recorded when it was ingested (or one given with ``--pdf``),
after checking that its SHA-256 is the one the fact came from.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pdfplumber

from hyoka.extract import sha256_of
from hyoka.load import Warehouse
from hyoka.load.ids import parse_fact_id
from hyoka.normalize.rules import RULES

#: fact table -> the history view that holds its provenance, and its text column.
_VIEWS = {"indicator_values": ("v_indicator_values_history", "value_text"),
          "budget_values": ("v_budget_values_history", "value_text"),
          "text_blocks": ("v_text_blocks_history", "text"),
          "raw_cells": ("v_raw_cells_history", "text")}
#: Rendering resolution of crops, dots per inch (PDF points are 1/72 inch).
RESOLUTION = 150
#: Outline colour (RGBA) and width in pixels drawn around the fact's cell.
OUTLINE = (220, 0, 0, 255)
OUTLINE_WIDTH = 3


class TraceError(LookupError):
    """A fact that cannot be traced: unknown id, several matches, or its PDF
    not found / changed; the message says which and what to pass instead."""


@dataclass
class Trace:
    """The provenance of one fact.

    ``fact_id``: the full id (with '@load id'); ``kind``: its table
    (indicator_values, budget_values, text_blocks, raw_cells); ``row``: the
    history-view row (contract columns + fact_id, load_id, rule_ids, bbox,
    version columns); ``document``: its v_document_versions row (source_path,
    tool_version, recorded_at, ...); ``rules``: [(rule id, description)] in
    the order applied; ``finding``: the v_validation_findings row when traced
    from a finding id, else None.
    """

    fact_id: str
    kind: str
    row: dict[str, Any]
    document: dict[str, Any]
    rules: list[tuple[str, str]] = field(default_factory=list)
    finding: dict[str, Any] | None = None

    @property
    def bbox(self) -> tuple[float, float, float, float] | None:
        """(x0, top, x1, bottom) in PDF points, origin top-left; None when unknown."""
        r = self.row
        if None in (r.get("x0"), r.get("top"), r.get("x1"), r.get("bottom")):
            return None
        return (float(r["x0"]), float(r["top"]), float(r["x1"]), float(r["bottom"]))

    @property
    def printed(self) -> str:
        """The cell text as printed (value_text, or text for blocks and raw cells)."""
        return str(self.row.get(_VIEWS[self.kind][1]) or "")


@dataclass(frozen=True)
class Crop:
    """A written crop: ``path`` of the PNG, ``region`` the page area shown and
    ``outlined`` the fact's bbox (both PDF points, origin top-left), ``page``
    1-based, ``scale`` pixels per point, ``outlined_px`` the outline in pixels."""

    path: Path
    page: int
    region: tuple[float, float, float, float]
    outlined: tuple[float, float, float, float]
    scale: float

    @property
    def outlined_px(self) -> tuple[int, int, int, int]:
        """The outlined bbox in PNG pixel coordinates (x0, top, x1, bottom)."""
        x0, top, x1, bottom = self.outlined
        return (round((x0 - self.region[0]) * self.scale), round((top - self.region[1]) * self.scale),
                round((x1 - self.region[0]) * self.scale), round((bottom - self.region[1]) * self.scale))


def trace_fact(wh: Warehouse, fact_id: str) -> Trace:
    """The provenance of the fact (or finding) named by ``fact_id``.

    Args:
        wh: a connected warehouse.
        fact_id: 'iv:<sha12>:<seq>[@<load id>]' (also bv, tb, rc) or a finding
            id 'vf:...' or 'rs:...' (traced through its first fact).
    Returns:
        a :class:`Trace`; without '@load id' the latest extraction of that
        content is used.
    Raises:
        TraceError: not a fact id, or no such fact in this warehouse.
    """
    if fact_id.startswith("rs:"):  # a cross-document finding: 'rs:<fact id>~<fact id>'
        trace = trace_fact(wh, fact_id[3:].split("~")[0])
        found = wh.query("SELECT * FROM v_validation_findings WHERE finding_id = :id", {"id": fact_id})
        trace.finding = found[0] if found else None
        return trace
    try:
        table, sha_prefix, seq, load_id = parse_fact_id(fact_id)
    except ValueError as exc:
        raise TraceError(str(exc)) from exc
    if table == "validation_findings":
        finding = _finding(wh, sha_prefix, seq, load_id, fact_id)
        first = (finding.get("fact_ids") or "").split()
        if not first:
            raise TraceError(f"finding {fact_id} involves no stored fact to trace")
        trace = trace_fact(wh, first[0])
        trace.finding = finding
        return trace
    view, _ = _VIEWS[table]
    sql = (f"SELECT * FROM {view} WHERE source_sha256 LIKE :sha AND seq = :seq"
           + (" AND load_id = :load" if load_id else "") + " ORDER BY recorded_at DESC")
    rows = wh.query(sql, {"sha": f"{sha_prefix}%", "seq": seq, "load": load_id})
    if not rows:
        raise TraceError(f"no fact {fact_id} in this warehouse")
    if len({r["source_sha256"] for r in rows}) > 1:
        raise TraceError(f"fact id {fact_id} is ambiguous: several files share SHA-256 prefix {sha_prefix}")
    return _trace(wh, table, rows[0])


def find_indicator_fact(wh: Warehouse, document: str, indicator: str, fiscal_year: int | None,
                        measure: str) -> Trace:
    """The indicator value printed in ``document`` for (indicator, fiscal_year, measure).

    Args:
        document: a source_file as ingested or a SHA-256 (prefix of 8+ hex digits).
        indicator: the indicator_name as in v_indicator_values, or a unique part of it.
        fiscal_year: western fiscal year (2021 for 令和3年度); None for a baseline.
        measure: baseline, target, actual, achievement_rate or result.
    Returns:
        the :class:`Trace` of the latest extraction of that document.
    Raises:
        TraceError: nothing or more than one indicator matches (the message lists them).
    """
    by_sha = re.fullmatch(r"[0-9a-fA-F]{8,64}", document) is not None
    where = "source_sha256 LIKE :doc" if by_sha else "source_file = :doc"
    year = "fiscal_year IS NULL" if fiscal_year is None else "fiscal_year = :fy"
    rows = wh.query(
        f"SELECT * FROM v_indicator_values_history WHERE {where} AND {year} AND measure = :measure "
        f"AND indicator_name LIKE :name ESCAPE '\\' ORDER BY recorded_at DESC",
        {"doc": f"{document.lower()}%" if by_sha else Path(document).name, "fy": fiscal_year,
         "measure": measure, "name": "%" + re.sub(r"([%_\\])", r"\\\1", indicator) + "%"})
    if not rows:
        raise TraceError(f"no {measure} of an indicator like {indicator!r} for fiscal year "
                         f"{fiscal_year} in {document}")
    latest = rows[0]["load_id"]
    rows = [r for r in rows if r["load_id"] == latest]
    exact = [r for r in rows if r["indicator_name"] == indicator]
    rows = exact or rows
    if len(rows) > 1:
        names = sorted({r["indicator_name"] for r in rows})
        raise TraceError(f"{len(rows)} indicators match {indicator!r} in {document}: " + "; ".join(names))
    return _trace(wh, "indicator_values", rows[0])


def _finding(wh: Warehouse, sha_prefix: str, seq: int, load_id: str | None, fact_id: str) -> dict:
    """The stored finding row (v_validation_findings, else the table) of a finding id."""
    rows = wh.query("SELECT * FROM validation_findings WHERE source_sha256 LIKE :sha AND seq = :seq"
                    + (" AND load_id = :load" if load_id else "") + " ORDER BY load_id DESC",
                    {"sha": f"{sha_prefix}%", "seq": seq, "load": load_id})
    if not rows:
        raise TraceError(f"no finding {fact_id} in this warehouse")
    return rows[0]


def _trace(wh: Warehouse, table: str, row: dict) -> Trace:
    """Complete a Trace with its sheet's version row (v_document_versions,
    by the fact's sheet_seq) and rule descriptions."""
    doc = wh.query("SELECT * FROM v_document_versions WHERE source_sha256 = :sha AND load_id = :load "
                   "AND sheet_seq = :seq",
                   {"sha": row["source_sha256"], "load": row["load_id"], "seq": row.get("sheet_seq") or 1})
    rules = [(r, RULES.get(r, "(unregistered rule)")) for r in (row.get("rule_ids") or "").split()]
    return Trace(row["fact_id"], table, row, doc[0] if doc else {}, rules)


def locate_pdf(trace: Trace, pdf: Path | None = None) -> Path:
    """The PDF file of a traced fact, checked against its SHA-256.

    Args:
        pdf: a path to use instead of the one recorded at ingest.
    Returns:
        the path.
    Raises:
        TraceError: the file is missing or its bytes differ from the ingested ones
            (the message names the path and says to pass ``--pdf``).
    """
    path = Path(pdf) if pdf else (Path(trace.document["source_path"]) if trace.document.get("source_path") else None)
    if path is None:
        raise TraceError(f"{trace.row['source_file']}: no path recorded at ingest; pass --pdf PATH")
    if not path.is_file():
        raise TraceError(f"{trace.row['source_file']}: PDF not found at {path}; pass --pdf PATH")
    if sha256_of(path) != trace.row["source_sha256"]:
        raise TraceError(f"{path}: SHA-256 differs from the ingested {trace.row['source_file']} "
                         f"({trace.row['source_sha256'][:12]}…); pass the original with --pdf PATH")
    return path


def write_crop(trace: Trace, out_png: Path, *, pdf: Path | None = None, margin: float = 24.0) -> Crop:
    """Write a PNG of the page region around the fact with its cell outlined.

    Args:
        trace: from :func:`trace_fact` / :func:`find_indicator_fact`.
        out_png: where to write (parent folders are created).
        pdf: the PDF to use instead of the recorded path (checked by SHA-256).
        margin: PDF points of context around the cell on each side.
    Returns:
        a :class:`Crop` describing what was drawn.
    Raises:
        TraceError: no bbox recorded, or the PDF cannot be found (see :func:`locate_pdf`).
    """
    box = trace.bbox
    if box is None:
        raise TraceError(f"{trace.fact_id}: no bbox recorded for this fact")
    path = locate_pdf(trace, pdf)
    page_no = int(trace.row["page"])
    with pdfplumber.open(path) as doc:
        page = doc.pages[page_no - 1]
        region = (max(0.0, box[0] - margin), max(0.0, box[1] - margin),
                  min(float(page.width), box[2] + margin), min(float(page.height), box[3] + margin))
        image = page.crop(region).to_image(resolution=RESOLUTION)
        image.draw_rect(box, fill=(0, 0, 0, 0), stroke=OUTLINE, stroke_width=OUTLINE_WIDTH)
        out_png.parent.mkdir(parents=True, exist_ok=True)
        image.save(out_png, format="PNG")
    return Crop(out_png, page_no, region, box, RESOLUTION / 72.0)


def crop_fact(wh: Warehouse, fact_id: str, out_png: Path, *, margin: float = 24.0,
              pdf: Path | None = None) -> Path:
    """Trace ``fact_id`` and write its crop to ``out_png``; return the path.

    Raises TraceError as :func:`trace_fact` and :func:`write_crop` do.
    """
    return write_crop(trace_fact(wh, fact_id), out_png, pdf=pdf, margin=margin).path


def safe_name(fact_id: str) -> str:
    """A file-name-safe form of a fact id (':' and '@' replaced), for crop files."""
    return re.sub(r"[^0-9A-Za-z._-]", "_", fact_id)
