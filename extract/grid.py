"""Resolve merged cells into a row/column grid.

A ruled table arrives as a list of cell rectangles, some covering several
grid slots (merged cells).  The grid's edges are the distinct x and y
coordinates of all cell borders (clustered with a tolerance, since
printers place one rule at slightly different coordinates); each cell's
row/col index is the position of its top/left edge among them, and its
span the number of edges it crosses.  The same function serves every
table strategy (pdfplumber, camelot), so spans mean the same everywhere.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from hyoka.extract.model import BBox

#: Two border coordinates closer than this (points) are the same rule.
EDGE_TOLERANCE = 2.0


@dataclass(frozen=True)
class GridCell:
    """A cell placed on the grid: 0-based row/col, spans, and its box."""

    row: int
    col: int
    row_span: int
    col_span: int
    bbox: BBox


def cluster_edges(values: list[float], tol: float = EDGE_TOLERANCE) -> list[float]:
    """Sorted representative coordinates of ``values`` merged within ``tol``.

    Each cluster is represented by its mean.  Returns [] for no values.
    """
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(c) / len(c) for c in out]


def _index(edges: list[float], v: float) -> int:
    """Index of the edge nearest to ``v``."""
    i = bisect_left(edges, v)
    if i == 0:
        return 0
    if i == len(edges):
        return len(edges) - 1
    return i if edges[i] - v < v - edges[i - 1] else i - 1


def resolve_grid(boxes: list[BBox], tol: float = EDGE_TOLERANCE) -> tuple[list[GridCell], int, int]:
    """Place cell rectangles on a grid.

    Args: ``boxes`` the cells' rectangles (PDF points, top-left origin).
    Returns ``(cells, n_rows, n_cols)``; cells sorted by (row, col).  A box
    thinner than ``tol`` in either direction is dropped (a stray rule, not
    a cell).  Two boxes resolving to the same top-left slot keep the larger.
    """
    boxes = [b for b in boxes if b.width > tol and b.height > tol]
    if not boxes:
        return [], 0, 0
    xs = cluster_edges([b.x0 for b in boxes] + [b.x1 for b in boxes], tol)
    ys = cluster_edges([b.top for b in boxes] + [b.bottom for b in boxes], tol)
    placed: dict[tuple[int, int], GridCell] = {}
    for b in boxes:
        c0, c1 = _index(xs, b.x0), _index(xs, b.x1)
        r0, r1 = _index(ys, b.top), _index(ys, b.bottom)
        if c1 <= c0 or r1 <= r0:
            continue
        cell = GridCell(r0, c0, r1 - r0, c1 - c0, b)
        old = placed.get((r0, c0))
        if old is None or old.row_span * old.col_span < cell.row_span * cell.col_span:
            placed[(r0, c0)] = cell
    cells = sorted(placed.values(), key=lambda c: (c.row, c.col))
    return cells, len(ys) - 1, len(xs) - 1
