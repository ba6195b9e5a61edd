"""Page sources by name: where a page's characters and ruling edges come from.

``SOURCES`` maps each source's name to its class; :func:`get_source` makes
one.  See :mod:`extract.sources.base` for the interface.  ``pdfplumber``
is pdfminer's interpreter through pdfplumber (its content streams and font
CMaps tokenized by :mod:`extract.sources.content`, the same objects
faster), the default; ``pdfium`` reads the page through pypdfium2 and hands pdfminer the
pages it cannot read as pdfminer does (see :mod:`extract.sources.pdfium`).
Chosen per call (``extract_document(source=...)``) or for a whole run by
the ``HYOKA_PAGE_SOURCE`` environment variable (inherited by worker
processes), e.g. ``HYOKA_PAGE_SOURCE=pdfplumber hyoka ingest ...``.

What speaks for pdfium: bench/page_sources.py reads every PDF of
samples/, real-jp and archive-ikeda and 10 generated sheets both ways and
finds the same facts (``process_file``) in every file; PDFium reads most
pages of the samples (twice as fast), and the pages it hands back cost
about what they cost before (:func:`extract.sources.plumber.lean_view`).
Figures in bench/README.md, "Archive scale".
"""
from __future__ import annotations

import os

from hyoka.extract.sources.base import PageSource
from hyoka.extract.sources.pdfium import PdfiumSource
from hyoka.extract.sources.plumber import PlumberSource

#: name -> source class.
SOURCES: dict[str, type] = {"pdfplumber": PlumberSource, "pdfium": PdfiumSource}
#: The source used when none is named (measured in bench/README.md, "Archive scale").
DEFAULT_SOURCE = "pdfplumber"


#: Environment variable naming the page source when the caller names none.
SOURCE_ENV = "HYOKA_PAGE_SOURCE"


def get_source(name: str | None = None) -> PageSource:
    """A new source object for ``name`` (a key of :data:`SOURCES`; None: the
    ``HYOKA_PAGE_SOURCE`` environment variable, else :data:`DEFAULT_SOURCE`).

    Raises ValueError naming the valid names when ``name`` is unknown.
    """
    try:
        name = name or os.environ.get(SOURCE_ENV) or DEFAULT_SOURCE
        cls = SOURCES[name]
    except KeyError:
        raise ValueError(f"unknown page source {name!r}; valid: {', '.join(sorted(SOURCES))}") from None
    return cls()
