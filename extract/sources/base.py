"""The one interface every page source implements.

:func:`extract.document._read_document` opens each PDF with pdfplumber
(page tree, metadata, the damaged-stream check of :mod:`extract.health`)
and asks the source for each page's *view*: an object with the attributes
the rest of the extract stage reads from a pdfplumber page --

* ``chars``: pdfplumber-style char dicts (keys ``text``, ``x0``, ``x1``,
  ``top``, ``bottom``, ``doctop``, ``size``, ``fontname``, ``upright``;
  points, origin top-left), doubled glyphs already dropped
  (:func:`extract.lines.dedupe_chars`);
* ``page_number``, ``width``, ``height``, ``bbox``, ``mediabox``;
* ``images``, ``rects``, ``curves``, ``lines`` (for
  :func:`extract.health.draws_without_text`);
* ``find_tables(settings)``: pdfplumber ``Table`` objects (``.cells``
  rectangles) of pdfplumber's TableFinder on the page's edges;
* ``flush_cache()``: drop what the view holds.

One file per source (as camelot keeps one per parser): ``plumber.py``
(pdfplumber's own page) and ``pdfium.py``.
"""
from __future__ import annotations

from pathlib import Path
from typing import Protocol

from pdfplumber import utils
from pdfplumber.table import TableFinder, TableSettings


class DocumentReader(Protocol):
    """A source opened on one PDF: ``page(plumber_page, damaged)`` returns
    the view of one page (``damaged``: the page's damaged-stream messages,
    see :func:`extract.health.damaged_streams`); ``close()`` frees it."""

    def page(self, plumber_page, damaged: list[str]):  # pragma: no cover - protocol
        ...

    def close(self) -> None:  # pragma: no cover - protocol
        ...


class PageSource(Protocol):
    """Reads pages.  ``name`` is the source's key in
    :data:`extract.sources.SOURCES`; ``open(path, plumber_pdf)`` returns a
    :class:`DocumentReader` for the PDF at ``path`` already opened by
    pdfplumber as ``plumber_pdf``."""

    name: str

    def open(self, path: Path, plumber_pdf) -> DocumentReader:  # pragma: no cover - protocol
        ...


class LightPage:
    """A page view built by a source from its own objects (see the module doc).

    Args: ``plumber_page`` the pdfplumber page (numbers and boxes);
    ``chars`` deduped char dicts; ``lines``/``rects``/``curves`` pdfplumber
    object dicts of the painted paths.  ``images`` is empty: sources build a
    light view only for a page with characters, which is never a scan for
    :func:`extract.health.draws_without_text`.
    """

    def __init__(self, plumber_page, chars: list[dict], lines: list[dict], rects: list[dict], curves: list[dict]):
        self.page_number = plumber_page.page_number
        self.width, self.height = plumber_page.width, plumber_page.height
        self.bbox, self.mediabox = plumber_page.bbox, plumber_page.mediabox
        self.chars, self.lines, self.rects, self.curves = chars, lines, rects, curves
        self.images: list[dict] = []
        self._edges: list[dict] | None = None

    @property
    def edges(self) -> list[dict]:
        """pdfplumber's ``Page.edges``: line edges, then rect edges, then curve edges."""
        if self._edges is None:
            self._edges = ([utils.line_to_edge(ln) for ln in self.lines]
                           + [e for r in self.rects for e in utils.rect_to_edges(r)]
                           + [e for cv in self.curves for e in utils.curve_to_edges(cv)])
        return self._edges

    def find_tables(self, settings: dict):
        """pdfplumber ``Table`` objects found by ``TableFinder`` with ``settings``."""
        return TableFinder(self, TableSettings.resolve(settings)).tables

    def flush_cache(self) -> None:
        """Drop the edges (the chars and paths go with the view)."""
        self._edges = None
