"""Table strategy: camelot's ``lattice`` parser (ruled tables from the page image).

camelot renders the page (backend ``pdfium``, i.e. the pypdfium2 wheel, so
no apt package is needed), finds ruling lines with OpenCV morphology and,
with its default ``engine="combined"``, adds the PDF's own vector rules.
It returns each table as a full row x column grid of elementary cells whose
``left``/``right``/``top``/``bottom`` flags say whether a rule was found on
that side (camelot 2.0 ``camelot.core.Cell``; ``hspan``/``vspan`` are just
"some side is open").  A merged cell is therefore a group of elementary
cells joined across open sides; :func:`merged_boxes` rebuilds one rectangle
per group.  Only the geometry is taken from camelot: the text comes from
pdfplumber's chars through :func:`extract.tables.base.build_table`, exactly
as in the pdfplumber strategy, so both strategies' cells read the same.

camelot works in PDF points with a bottom-left origin; we convert to the
top-left origin of :mod:`extract.model` (``top = page height - y``, shifted
by the mediabox origin the way pdfplumber shifts its chars).  Rotated pages
(``/Rotate``) are not handled specially.
"""
from __future__ import annotations

import os
from collections import OrderedDict
from dataclasses import dataclass

from hyoka.extract.model import BBox, Table
from hyoka.extract.tables.base import build_table, number_tables

#: camelot lattice options (camelot 2.0 ``Lattice.__init__``).  ``line_scale``
#: 40: a rule shorter than page size / 40 (about 21 pt on A4) is dropped as
#: text; camelot's docs suggest raising the default 15 for small cells, and
#: the combined engine re-adds vector rules anyway.  Text options
#: (``copy_text``, ``split_text``, ``shift_text``) are left at their defaults
#: because camelot's own text is not used.  ``process_background`` stays
#: False: the sheets draw rules as lines, not as filled bands.
CAMELOT_KWARGS = {
    "flavor": "lattice",
    "backend": "pdfium",
    "line_scale": 40,
    "process_background": False,
    "suppress_stdout": True,
}

#: How many parsed (file, page) entries the cache keeps.
CACHE_SIZE = 256


@dataclass(frozen=True)
class CamelotGrid:
    """One camelot table reduced to plain data.

    ``cols`` are (x_left, x_right) and ``rows`` (y_top, y_bottom) in PDF
    points, bottom-left origin (camelot's ``Table.cols``/``rows``; rows
    from the top of the page down).  ``open_right[r][c]`` is True when
    elementary cell (r, c) has no rule on its right side (it continues
    into (r, c+1)); ``open_bottom[r][c]`` likewise downwards.
    """

    cols: tuple[tuple[float, float], ...]
    rows: tuple[tuple[float, float], ...]
    open_right: tuple[tuple[bool, ...], ...]
    open_bottom: tuple[tuple[bool, ...], ...]


def grid_from_camelot(table) -> CamelotGrid:
    """Reduce a ``camelot.core.Table`` to a :class:`CamelotGrid`.

    A side counts as open when *either* neighbour lacks the rule (camelot
    sets both flags together, except at the border, which
    ``set_border`` closes).
    """
    cells = table.cells
    n_r, n_c = len(cells), len(cells[0]) if cells else 0
    open_right = tuple(
        tuple(c + 1 < n_c and not (cells[r][c].right and cells[r][c + 1].left) for c in range(n_c))
        for r in range(n_r))
    open_bottom = tuple(
        tuple(r + 1 < n_r and not (cells[r][c].bottom and cells[r + 1][c].top) for c in range(n_c))
        for r in range(n_r))
    return CamelotGrid(tuple((float(a), float(b)) for a, b in table.cols),
                       tuple((float(a), float(b)) for a, b in table.rows),
                       open_right, open_bottom)


def _groups(grid: CamelotGrid) -> list[list[tuple[int, int]]]:
    """Elementary cells joined across open sides (union-find), each sorted."""
    n_r, n_c = len(grid.rows), len(grid.cols)
    parent = list(range(n_r * n_c))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for r in range(n_r):
        for c in range(n_c):
            if grid.open_right[r][c]:
                union(r * n_c + c, r * n_c + c + 1)
            if grid.open_bottom[r][c]:
                union(r * n_c + c, (r + 1) * n_c + c)
    groups: dict[int, list[tuple[int, int]]] = {}
    for r in range(n_r):
        for c in range(n_c):
            groups.setdefault(find(r * n_c + c), []).append((r, c))
    return list(groups.values())


def _rectangles(slots: list[tuple[int, int]]) -> list[tuple[int, int, int, int]]:
    """Cover a group of grid slots with rectangles (r0, c0, r1, c1), ends exclusive.

    A group that fills its bounding box is one rectangle (a merged cell).
    A ragged group (a rule that stops part-way, e.g. kobe-r25-001 p.1 where
    no rule separates the 物件費 row from the （内訳） column below it) is cut
    into its horizontal runs per row, then runs directly below each other
    with the same column extent are joined again; so no rectangle covers a
    slot outside the group, and that example yields 物件費 (1 x 2) over
    （内訳） (3 x 1), as a reader sees it.
    """
    rows = [r for r, _ in slots]
    cols = [c for _, c in slots]
    r0, r1, c0, c1 = min(rows), max(rows) + 1, min(cols), max(cols) + 1
    if len(slots) == (r1 - r0) * (c1 - c0):
        return [(r0, c0, r1, c1)]
    runs: list[tuple[int, int, int]] = []  # (row, c_start, c_end)
    by_row: dict[int, list[int]] = {}
    for r, c in slots:
        by_row.setdefault(r, []).append(c)
    for r, cs in sorted(by_row.items()):
        cs.sort()
        start = prev = cs[0]
        for c in cs[1:] + [None]:
            if c is not None and c == prev + 1:
                prev = c
                continue
            runs.append((r, start, prev + 1))
            if c is not None:
                start = prev = c
    out: list[list[int]] = []  # [r0, c0, r1, c1], grown downwards
    for r, cs, ce in runs:
        for rect in out:
            if rect[2] == r and rect[1] == cs and rect[3] == ce:
                rect[2] = r + 1
                break
        else:
            out.append([r, cs, r + 1, ce])
    return [tuple(rect) for rect in out]


def merged_boxes(grid: CamelotGrid, page_height: float, x_origin: float = 0.0,
                 top_origin: float = 0.0) -> list[BBox]:
    """Cell rectangles of a camelot grid, merged cells as one box each.

    Args: ``grid`` from :func:`grid_from_camelot`; ``page_height`` the
    page's mediabox height in points; ``x_origin``/``top_origin`` the
    mediabox's top-left corner in pdfplumber coordinates (0, 0 for most
    files).  Returns boxes in PDF points, top-left origin
    (``top = top_origin + page_height - y``), in grid order.
    """
    boxes = []
    for group in sorted(_groups(grid)):
        for r0, c0, r1, c1 in _rectangles(group):
            x0, x1 = grid.cols[c0][0], grid.cols[c1 - 1][1]
            y_top, y_bottom = grid.rows[r0][0], grid.rows[r1 - 1][1]
            boxes.append(BBox(x_origin + x0, top_origin + page_height - y_top,
                              x_origin + x1, top_origin + page_height - y_bottom))
    return boxes


_CACHE: "OrderedDict[tuple, list[CamelotGrid]]" = OrderedDict()


def camelot_grids(source_path: str, page_number: int) -> list[CamelotGrid]:
    """camelot lattice's tables of one page as :class:`CamelotGrid` objects.

    Args: ``source_path`` the PDF's path; ``page_number`` 1-based.  The
    result is cached per (absolute path, size, mtime, page), since one
    camelot parse renders the page at 300 dpi (about 0.1-0.5 s).  Errors
    from camelot (unreadable file, render failure) propagate.
    """
    import camelot  # heavy import (OpenCV, pandas): only when used

    st = os.stat(source_path)
    key = (os.path.abspath(source_path), st.st_size, st.st_mtime_ns, page_number)
    hit = _CACHE.get(key)
    if hit is not None:
        _CACHE.move_to_end(key)
        return hit
    found = camelot.read_pdf(source_path, pages=str(page_number), **CAMELOT_KWARGS)
    grids = [grid_from_camelot(t) for t in found if t.cells and t.cells[0]]
    _CACHE[key] = grids
    if len(_CACHE) > CACHE_SIZE:
        _CACHE.popitem(last=False)
    return grids


class CamelotLattice:
    """camelot ``lattice`` strategy; see :class:`extract.tables.base.TableStrategy`."""

    name = "camelot-lattice"

    def find_tables(self, page, source_path: str) -> list[Table]:
        """Tables of one pdfplumber ``page`` of the PDF at ``source_path``.

        Returns tables numbered in reading order, cells filled from
        pdfplumber's chars.  Raises whatever camelot raises for a file it
        cannot render.
        """
        mb = page.mediabox  # (x0, top, x1, bottom), pdfplumber coordinates
        height = float(mb[3] - mb[1])
        chars = page.chars
        tables = []
        for grid in camelot_grids(source_path, page.page_number):
            boxes = merged_boxes(grid, height, float(mb[0]), float(mb[1]))
            t = build_table(page.page_number, boxes, chars, self.name)
            if t is not None:
                tables.append(t)
        return number_tables(tables)
