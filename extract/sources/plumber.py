"""Page source: pdfplumber's own page (pdfminer's interpreter), the reference.

The view of a page is pdfplumber's page with its doubled glyphs dropped
(:func:`deduped`); this is the code path hyoka always had.
"""
from __future__ import annotations

from pathlib import Path

from hyoka.extract.lines import dedupe_chars


def deduped(page):
    """The pdfplumber page with its doubled glyphs dropped (:func:`extract.lines.dedupe_chars`).

    Same object as pdfplumber's ``Page.dedupe_chars()`` returns (a
    FilteredPage sharing the page's parsed objects, chars replaced), built
    the way pdfplumber builds it, with the linear-time dedupe.
    """
    p = page.filter(lambda obj: True)
    p._objects = dict(page.objects)
    p._objects["char"] = dedupe_chars(page.chars)
    return p


class _PlumberReader:
    """:class:`extract.sources.base.DocumentReader` of :class:`PlumberSource`."""

    def page(self, plumber_page, damaged: list[str]):
        """The deduped pdfplumber page (``damaged`` is not needed here)."""
        return deduped(plumber_page)

    def close(self) -> None:
        """Nothing to free: the pdfplumber PDF is the caller's."""


class PlumberSource:
    """pdfplumber page source (the default)."""

    name = "pdfplumber"

    def open(self, path: Path, plumber_pdf) -> _PlumberReader:
        """A reader of the pdfplumber PDF ``plumber_pdf``; see :class:`extract.sources.base.PageSource`."""
        return _PlumberReader()
