"""Extract stage: PDF bytes -> :class:`extract.model.ExtractedDocument`.

Per page: printed lines with bbox and font size, ruled tables resolved to
a grid of cells (each with page and bbox), and a text-layer health check.
Knows nothing of templates or the warehouse.
"""
from hyoka.extract.document import extract_document, sha256_of
from hyoka.extract.errors import ExtractionError
from hyoka.extract.model import BBox, Cell, ExtractedDocument, Page, Table, TextLine

__all__ = ["extract_document", "sha256_of", "ExtractionError", "BBox", "Cell",
           "ExtractedDocument", "Page", "Table", "TextLine"]
