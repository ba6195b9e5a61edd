"""Coverage: how many of a sheet's printed numbers became typed facts.

Contract v2, v_sheets: ``numeric_cells`` are the numeric-looking cells of
the sheet's tables, ``typed_cells`` those that became typed facts
(indicator or budget values), ``coverage`` their ratio.  A recognised sheet
whose tables hold numbers no interpreter read gets one finding
``coverage.table_not_interpreted`` per such table, naming page, bbox and
header text, so nothing of a recognised sheet is silently uninterpreted
(issue 7, "Coverage").

A cell is *numeric-looking* when its whole text reads as a number with an
optional unit, sign, remark or estimate mark (:func:`normalize.values.
parse_value` gives status ``ok`` with a value).  Not counted, because they
are labels rather than figures: fiscal-year labels (令和5年度, R5, 5年度:
the cell is a year label alone, ``vocabulary.YEAR_PLACEHOLDER``) and
sequence numbers — a column of bare integers counting up by one (the No.
column of seed 004's indicator table).  A cell is *typed* when an indicator
or budget value was read from it (same page and bbox within
:data:`BBOX_TOLERANCE` points).

Rule ids (:mod:`normalize.rules`): ``coverage.table_not_interpreted``.
"""
from __future__ import annotations

import re
from collections import defaultdict

from hyoka.extract.model import Cell, ExtractedDocument, Table
from hyoka.normalize.facts import Finding, SheetFacts
from hyoka.normalize.sheets.cells import cell_text, key
from hyoka.normalize.values import parse_value
from hyoka.normalize.vocabulary import YEAR_PLACEHOLDER

#: Points of slack when matching a fact's bbox to its cell.
BBOX_TOLERANCE = 1.0
#: Rule id and severity of the finding for a table with unread numbers.
RULE_TABLE_NOT_INTERPRETED = "coverage.table_not_interpreted"
SEVERITY = "warning"
_BARE_INTEGER = re.compile(r"^[0-9]{1,4}$")


def is_numeric_cell(text: str) -> bool:
    """True when ``text`` (a cell, wrapped lines joined) is a figure: it reads
    as a number (status ``ok`` with a value) and is not a year label alone."""
    text = text.strip()
    if not text or not any(ch.isdigit() for ch in text):
        return False
    if key(text) == YEAR_PLACEHOLDER:
        return False
    v = parse_value(text)
    return v.status == "ok" and v.value is not None


def _sequence_cells(table: Table, numeric: list[Cell]) -> set[int]:
    """ids of cells forming a sequence-number column: bare integers in one
    grid column counting up by one, top to bottom (at least 3 of them)."""
    by_col: dict[int, list[Cell]] = defaultdict(list)
    for c in numeric:
        by_col[c.col].append(c)
    out: set[int] = set()
    for cells in by_col.values():
        texts = [cell_text(c).strip() for c in sorted(cells, key=lambda c: c.row)]
        if len(texts) < 3 or not all(_BARE_INTEGER.match(t) for t in texts):
            continue
        nums = [int(t) for t in texts]
        if all(b == a + 1 for a, b in zip(nums, nums[1:])):
            out.update(id(c) for c in cells)
    return out


def _fact_boxes(facts: SheetFacts) -> dict[int, list[tuple[float, float, float, float]]]:
    boxes: dict[int, list[tuple[float, float, float, float]]] = defaultdict(list)
    for f in [*facts.indicators, *facts.budgets]:
        p = f.provenance
        if p.x0 is not None:
            boxes[p.page].append((p.x0, p.top, p.x1, p.bottom))
    return boxes


def _typed(cell: Cell, boxes: list[tuple[float, float, float, float]]) -> bool:
    b = cell.bbox
    return any(abs(b.x0 - x0) <= BBOX_TOLERANCE and abs(b.top - top) <= BBOX_TOLERANCE
               and abs(b.x1 - x1) <= BBOX_TOLERANCE and abs(b.bottom - bottom) <= BBOX_TOLERANCE
               for x0, top, x1, bottom in boxes)


def table_coverage(table: Table, boxes: list[tuple[float, float, float, float]]) -> tuple[int, int]:
    """(numeric cells, typed cells) of one table, given the bboxes of the
    facts read on its page."""
    numeric = [c for c in table.cells if c.lines and is_numeric_cell(cell_text(c))]
    skip = _sequence_cells(table, numeric)
    counted = [c for c in numeric if id(c) not in skip]
    return len(counted), sum(1 for c in counted if _typed(c, boxes))


def table_readings(doc: ExtractedDocument, facts: SheetFacts) -> list[tuple[Table, int, int]]:
    """[(table, numeric cells, typed cells)] for every table of the sheet
    ``doc`` (its pages only), ``facts`` being the sheet's facts: the one
    reading the counts, the findings and ``hyoka templates explain`` share."""
    boxes = _fact_boxes(facts)
    return [(t, *table_coverage(t, boxes.get(t.page, []))) for t in doc.tables]


def count_coverage(doc: ExtractedDocument, facts: SheetFacts) -> tuple[int, int]:
    """(numeric_cells, typed_cells) over every table of the sheet ``doc``."""
    readings = table_readings(doc, facts)
    return sum(n for _, n, _ in readings), sum(typed for _, _, typed in readings)


def header_text(table: Table, limit: int = 80) -> str:
    """The table's first grid row as printed, cells joined with " | "
    (at most ``limit`` characters)."""
    row = sorted((c for c in table.cells if c.row == 0 and c.lines), key=lambda c: c.col)
    text = " | ".join(cell_text(c).replace("\n", "") for c in row) or "(no header text)"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def coverage_findings(doc: ExtractedDocument, facts: SheetFacts) -> list[Finding]:
    """One ``coverage.table_not_interpreted`` finding per table of a
    recognised sheet with numeric cells that became no typed fact.

    The message names the page, the table's order on it, its bbox (PDF
    points, origin top-left), its header text and the counts, e.g.
    "page 1 table 3 (x0 40.0, top 500.1, x1 555.2, bottom 560.0) | 課名 |
    課長名 | 職員数: 6 of 6 numeric cells not read into facts".  Returns []
    for an unclassified sheet (its cells are all raw cells by design).
    """
    if facts.sheet_type == "unclassified":
        return []
    out = []
    for table, n, typed in table_readings(doc, facts):
        if n > typed:
            b = table.bbox
            out.append(Finding(
                RULE_TABLE_NOT_INTERPRETED, SEVERITY,
                f"page {table.page} table {table.index} (x0 {b.x0:.1f}, top {b.top:.1f}, x1 {b.x1:.1f}, "
                f"bottom {b.bottom:.1f}) {header_text(table)}: {n - typed} of {n} numeric cells "
                f"not read into facts", table.page, bbox=b.as_tuple()))
    return out
