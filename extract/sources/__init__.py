"""Page sources by name: where a page's characters and ruling edges come from.

``SOURCES`` maps each source's name to its class; :func:`get_source` makes
one.  See :mod:`extract.sources.base` for the interface.  ``pdfplumber``
(pdfminer's interpreter through pdfplumber, the reference) is the default;
``pdfium`` reads the page through pypdfium2 and falls back to pdfplumber
page by page where it cannot stand in for it (see
:mod:`extract.sources.pdfium`).
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
