"""Table strategy: pdfplumber's ruling-line table finder.

Uses ``page.find_tables`` with the ``lines`` strategy (vertical and
horizontal rules, as Excel-made sheets print them) and takes each found
table's cell rectangles; merged cells come out as one rectangle and are
placed on the grid by :func:`extract.grid.resolve_grid`.
"""
from __future__ import annotations

from hyoka.extract.model import BBox, Table
from hyoka.extract.tables.base import build_table, number_tables

#: pdfplumber table settings for thin-ruled sheets (pdfplumber docs,
#: "Table-extraction settings").  Small snap/join tolerances merge the
#: double rules LibreOffice draws at cell borders.
SETTINGS = {
    "vertical_strategy": "lines",
    "horizontal_strategy": "lines",
    "snap_tolerance": 3,
    "join_tolerance": 3,
    "intersection_tolerance": 3,
    "edge_min_length": 3,
}


class PlumberLines:
    """pdfplumber ``lines`` strategy (the default)."""

    name = "pdfplumber"

    def find_tables(self, page, source_path: str) -> list[Table]:
        """Tables of one pdfplumber page; see :class:`extract.tables.base.TableStrategy`."""
        chars = page.chars
        tables = []
        for found in page.find_tables(SETTINGS):
            boxes = [BBox(*c) for c in found.cells]
            t = build_table(page.page_number, boxes, chars, self.name)
            if t is not None:
                tables.append(t)
        return number_tables(tables)
