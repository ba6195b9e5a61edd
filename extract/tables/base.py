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


#: Side (points) of the square bins :func:`build_table` files cells in, so a
#: char is tested only against the few cells overlapping its bin.
BIN_SIZE = 24.0


def _center(c: dict) -> tuple[float, float]:
    """(x, y) centre of a pdfplumber char dict, points."""
    return (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2


def _inside(x: float, y: float, b: BBox) -> bool:
    """True when the point (x, y) lies in ``b`` (borders included)."""
    return b.x0 <= x <= b.x1 and b.top <= y <= b.bottom


def build_table(page_number: int, boxes: list[BBox], chars: list[dict], strategy: str) -> Table | None:
    """Make a :class:`Table` from cell rectangles and the page's chars.

    Each char goes to the smallest cell containing its centre (borders
    included; of equal areas, the first in grid order); each cell's chars
    are grouped into lines (:func:`extract.lines.lines_from_chars`).  Chars
    are matched through square bins of :data:`BIN_SIZE` points: a cell is
    filed under every bin its box overlaps, so a char is tested only
    against the cells of its own bin, in smallest-first order (the same
    answer as testing every cell, without the chars x cells loop).
    Returns None when the boxes form no grid (fewer than one row or
    column).  ``index`` is set to 0; the caller numbers the page's tables.
    """
    grid, n_rows, n_cols = resolve_grid(boxes)
    if not grid:
        return None
    outer = grid[0].bbox
    for g in grid[1:]:
        outer = outer.union(g.bbox)
    order = sorted(range(len(grid)), key=lambda i: grid[i].bbox.width * grid[i].bbox.height)
    bins: dict[tuple[int, int], list[int]] = {}
    for i in order:
        b = grid[i].bbox
        for bx in range(int(b.x0 // BIN_SIZE), int(b.x1 // BIN_SIZE) + 1):
            for by in range(int(b.top // BIN_SIZE), int(b.bottom // BIN_SIZE) + 1):
                bins.setdefault((bx, by), []).append(i)
    buckets: dict[int, list[dict]] = {i: [] for i in range(len(grid))}
    for ch in chars:
        x, y = _center(ch)
        if not _inside(x, y, outer):
            continue
        for i in bins.get((int(x // BIN_SIZE), int(y // BIN_SIZE)), ()):
            if _inside(x, y, grid[i].bbox):
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
