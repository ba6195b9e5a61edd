"""Plain data objects produced by the extract stage.

Coordinates follow pdfplumber's convention: PDF points, origin at the
top-left of the page, ``top``/``bottom`` growing downwards.  Pages are
numbered from 1.  Nothing here knows about templates or the warehouse.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class BBox:
    """A rectangle in PDF points, origin top-left: (x0, top, x1, bottom)."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def width(self) -> float:
        """Width in points."""
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        """Height in points."""
        return self.bottom - self.top

    def contains(self, other: "BBox", tol: float = 1.0) -> bool:
        """True when ``other`` lies inside this box, with ``tol`` points of slack."""
        return (other.x0 >= self.x0 - tol and other.x1 <= self.x1 + tol
                and other.top >= self.top - tol and other.bottom <= self.bottom + tol)

    def union(self, other: "BBox") -> "BBox":
        """The smallest box covering both."""
        return BBox(min(self.x0, other.x0), min(self.top, other.top),
                    max(self.x1, other.x1), max(self.bottom, other.bottom))

    def as_tuple(self) -> tuple[float, float, float, float]:
        """(x0, top, x1, bottom)."""
        return (self.x0, self.top, self.x1, self.bottom)


@dataclass(frozen=True)
class TextLine:
    """One printed line of text: its string, box and dominant font size (pt).

    ``confidence``: for a line read by OCR (extract/ocr/page.py), the
    engine's confidence in [0, 1]; None for the text layer.
    """

    text: str
    bbox: BBox
    size: float
    confidence: float | None = None


@dataclass
class Cell:
    """One cell of a table grid after merged-cell spans are resolved.

    ``row``/``col`` are 0-based grid indices of the top-left grid slot the
    cell covers; ``row_span``/``col_span`` are 1 unless merged.  ``lines``
    are the printed lines inside the cell, top to bottom, so later stages can
    join wrapped lines and drop ruby (small kana above a name).
    """

    row: int
    col: int
    row_span: int
    col_span: int
    bbox: BBox
    lines: list[TextLine] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The cell's lines joined with newlines (no interpretation)."""
        return "\n".join(line.text for line in self.lines)


@dataclass
class Table:
    """A ruled table found on one page.

    ``index`` is the table's order on its page, from 1 (reading order: top
    to bottom, then left to right).  ``strategy`` names the parser that found
    it (``pdfplumber`` or ``camelot-lattice``).
    """

    page: int
    index: int
    n_rows: int
    n_cols: int
    bbox: BBox
    cells: list[Cell]
    strategy: str

    def cell_at(self, row: int, col: int) -> Cell | None:
        """The cell covering grid slot (row, col), or None."""
        for c in self.cells:
            if c.row <= row < c.row + c.row_span and c.col <= col < c.col + c.col_span:
                return c
        return None


@dataclass
class Page:
    """One page: size, text lines in reading order, and tables.

    ``has_text_layer`` is False when the page draws something but yields no
    characters (a scan or damaged content stream); ``problem`` says why a
    page could not be read fully, else None.  ``text_source``: where the
    lines came from, ``text_layer`` or ``ocr`` (extract/ocr/page.py; an OCR'd
    page keeps ``has_text_layer`` False and has its lines all the same).
    """

    number: int
    width: float
    height: float
    lines: list[TextLine]
    tables: list[Table]
    has_text_layer: bool = True
    problem: str | None = None
    text_source: str = "text_layer"

    @property
    def text(self) -> str:
        """All lines of the page joined with newlines."""
        return "\n".join(line.text for line in self.lines)


@dataclass
class ExtractedDocument:
    """Everything extraction read from one PDF.

    ``sha256`` is the hex digest of the file's bytes.  ``needs_ocr_pages``
    lists 1-based pages without a usable text layer.  ``created_year`` is
    the year of the PDF's CreationDate (document context for bare
    Japanese years such as "5年度"), None when absent.  ``mod_date`` /
    ``creation_date``: the PDF's ModDate / CreationDate as ISO-8601 dates
    ("2024-08-05", the date as written, its UTC offset ignored), None when
    absent or unreadable — the publication date where the sheet prints none
    (normalize/published.py).
    """

    source_file: str
    sha256: str
    pages: list[Page]
    created_year: int | None = None
    mod_date: str | None = None
    creation_date: str | None = None

    @property
    def page_count(self) -> int:
        """Number of pages."""
        return len(self.pages)

    @property
    def needs_ocr_pages(self) -> list[int]:
        """1-based numbers of pages that have no usable text layer."""
        return [p.number for p in self.pages if not p.has_text_layer]

    @property
    def tables(self) -> list[Table]:
        """All tables of all pages, in page order."""
        return [t for p in self.pages for t in p.tables]

    def page(self, number: int) -> Page:
        """The page numbered ``number`` (1-based, counted in the file).

        A sheet's document (:mod:`normalize.split`) holds a slice of the
        file's pages with their file page numbers, so never index
        ``pages[number - 1]``.  Raises KeyError for a page not held here.
        """
        for p in self.pages:
            if p.number == number:
                return p
        raise KeyError(f"{self.source_file}: no page {number} in this document")
