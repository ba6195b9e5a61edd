"""The one interface every table strategy implements.

A strategy finds the ruled tables of one page and returns them as
:class:`extract.model.Table` objects whose cells are placed on a grid by
:func:`extract.grid.resolve_grid` and filled by :func:`fill_cells`.  One
file per strategy (as camelot does with its parsers): ``plumber.py``
(pdfplumber's line finder) and ``camelot_lattice.py`` (camelot's lattice).
"""
from __future__ import annotations

from typing import Protocol

from hyoka.extract.grid import resolve_grid
from hyoka.extract.lines import lines_from_chars
from hyoka.extract.model import BBox, Cell, Table


class TableStrategy(Protocol):
    """Finds the ruled tables of a page.

    ``name`` identifies the strategy in :attr:`Table.strategy`.
    ``find_tables(page, source_path)`` takes a pdfplumber ``Page`` and the
    PDF's path (for strategies that re-open the file, like camelot) and
    returns the page's tables (``index`` from 1 in reading order).
    """

    name: str

    def find_tables(self, page, source_path: str) -> list[Table]:  # pragma: no cover - protocol
        ...


def _center_in(c: dict, b: BBox) -> bool:
    x = (c["x0"] + c["x1"]) / 2
    y = (c["top"] + c["bottom"]) / 2
    return b.x0 <= x <= b.x1 and b.top <= y <= b.bottom


def build_table(page_number: int, boxes: list[BBox], chars: list[dict], strategy: str) -> Table | None:
    """Make a :class:`Table` from cell rectangles and the page's chars.

    Each char goes to the cell containing its centre; each cell's chars are
    grouped into lines (:func:`extract.lines.lines_from_chars`).  Returns
    None when the boxes form no grid (fewer than one row or column).
    ``index`` is set to 0; the caller numbers the page's tables.
    """
    grid, n_rows, n_cols = resolve_grid(boxes)
    if not grid:
        return None
    outer = grid[0].bbox
    for g in grid[1:]:
        outer = outer.union(g.bbox)
    inside = [c for c in chars if _center_in(c, outer)]
    # Assign chars to the smallest cell containing their centre.
    order = sorted(range(len(grid)), key=lambda i: grid[i].bbox.width * grid[i].bbox.height)
    buckets: dict[int, list[dict]] = {i: [] for i in range(len(grid))}
    for ch in inside:
        for i in order:
            if _center_in(ch, grid[i].bbox):
                buckets[i].append(ch)
                break
    cells = [Cell(g.row, g.col, g.row_span, g.col_span, g.bbox, lines_from_chars(buckets[i]))
             for i, g in enumerate(grid)]
    return Table(page=page_number, index=0, n_rows=n_rows, n_cols=n_cols, bbox=outer,
                 cells=cells, strategy=strategy)


def number_tables(tables: list[Table]) -> list[Table]:
    """Sort a page's tables in reading order (top, then left) and number them from 1."""
    tables.sort(key=lambda t: (round(t.bbox.top), t.bbox.x0))
    for i, t in enumerate(tables, start=1):
        t.index = i
    return tables
