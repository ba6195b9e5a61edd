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
