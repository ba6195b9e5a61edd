"""Errors raised by the extract stage."""
from __future__ import annotations


class ExtractionError(Exception):
    """A PDF could not be read.

    ``source_file`` is the file name; ``page`` the 1-based page where the
    problem was found, or None when it concerns the whole file.  ``str()``
    gives a message naming both, for the load table's ``error`` column.
    """

    def __init__(self, source_file: str, reason: str, page: int | None = None):
        self.source_file = source_file
        self.reason = reason
        self.page = page
        where = f"{source_file}, page {page}" if page else source_file
        super().__init__(f"{where}: {reason}")
