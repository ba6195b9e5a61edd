"""Read one PDF into an :class:`ExtractedDocument`.

The only module of the extract stage that opens files.  It checks the
bytes are a PDF, reads every page's lines and tables, and records per page
whether its text layer is usable.  It raises :class:`ExtractionError`
(naming the file and, where known, the page) instead of returning empty
content for a file it cannot read.
"""
from __future__ import annotations

import hashlib
import logging
import re
from datetime import date
from pathlib import Path

import pdfplumber

from hyoka.extract.errors import ExtractionError
from hyoka.extract.health import damaged_streams, draws_without_text, garbage_text, mark_no_content
from hyoka.extract.limits import Limits, document_budget, explain
from hyoka.extract.lines import lines_from_chars
from hyoka.extract.model import ExtractedDocument, Page
from hyoka.extract.ocr.source import DEFAULT_MODE, apply_ocr
from hyoka.extract.sources import get_source
from hyoka.extract.tables import get_strategy

log = logging.getLogger(__name__)

#: The PDF header every file must start with (PDF 32000-1 §7.5.2); some
#: writers put junk before it, which readers tolerate within 1024 bytes.
PDF_MAGIC = b"%PDF-"


def sha256_of(path: Path) -> str:
    """Hex SHA-256 of the file's bytes."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def check_pdf_bytes(path: Path) -> None:
    """Raise :class:`ExtractionError` unless ``path`` looks like a PDF.

    Errors: empty file ("file is empty (0 bytes)"); no ``%PDF-`` header in
    the first 1024 bytes ("not a PDF: ...").
    """
    size = path.stat().st_size
    if size == 0:
        raise ExtractionError(path.name, "file is empty (0 bytes)")
    with open(path, "rb") as f:
        head = f.read(1024)
    if PDF_MAGIC not in head:
        preview = head[:16].decode("utf-8", "replace").strip()
        raise ExtractionError(path.name, f"not a PDF: no %PDF- header (starts with {preview!r})")


def extract_document(path: str | Path, strategy: str = "pdfplumber",
                     sha256: str | None = None, limits: Limits | None = None, source: str | None = None,
                     ocr: str = DEFAULT_MODE) -> ExtractedDocument:
    """Extract lines and tables of every page of the PDF at ``path``, within ``limits``.

    As :func:`_read_document`, under :func:`extract.limits.document_budget`
    (``limits``: default :class:`extract.limits.Limits` from the
    environment): a decompression bomb, a reference cycle, nesting deeper
    than the limit, running out of memory or a password-protected file
    raise :class:`ExtractionError` whose reason names it (see
    :func:`extract.limits.explain`).  Wall time and the memory ceiling are
    the worker process's (hyoka/workers.py).  ``source``: the page source
    (:mod:`extract.sources`; None: ``HYOKA_PAGE_SOURCE`` or the default).  ``ocr``: auto | always | never,
    pages read by OCR after the text layer (extract/ocr/source.py ``apply_ocr``).
    """
    path = Path(path)
    with document_budget(limits) as in_force:
        try:
            return apply_ocr(path, _read_document(path, strategy, sha256, source), ocr, memory_limit_mb=in_force.max_memory_mb)
        except Exception as e:
            reason = explain(e, in_force)
            if reason is None:
                raise
            raise ExtractionError(path.name, reason, getattr(e, "page", None)) from e


def _read_document(path: Path, strategy: str = "pdfplumber", sha256: str | None = None,
                   source: str | None = None) -> ExtractedDocument:
    """Extract lines and tables of every page of the PDF at ``path``.

    Args: ``path`` the file; ``strategy`` the table strategy name (see
    :mod:`extract.tables`); ``sha256`` the file's hex SHA-256 when the
    caller has already hashed it (computed here otherwise); ``source`` the
    page source name (:func:`extract.sources.get_source`; it gives each
    page's chars and edges, the pdfplumber page is always opened for the
    page tree, metadata and the damaged-stream check).  Returns an :class:`ExtractedDocument`; pages
    whose content streams are damaged or that draw without text get
    ``has_text_layer=False`` and a ``problem`` message.  Raises
    :class:`ExtractionError` for a file that is not a readable PDF, and for
    a page whose parsing fails (naming the page).
    """
    path = Path(path)
    check_pdf_bytes(path)
    finder = get_strategy(strategy)
    page_source = get_source(source)
    digest = sha256 or sha256_of(path)
    try:
        pdf = pdfplumber.open(path)
    except Exception as e:  # pdfminer raises many types for broken files
        raise ExtractionError(path.name, f"cannot open PDF: {type(e).__name__}: {e}") from e
    with pdf:
        try:
            plumber_pages = list(pdf.pages)
        except Exception as e:
            raise ExtractionError(path.name, f"cannot read page tree: {type(e).__name__}: {e}") from e
        if not plumber_pages:
            raise ExtractionError(path.name, "PDF has no pages")
        reader = page_source.open(path, pdf)
        try:
            pages = [_read_page(path, page, reader, finder) for page in plumber_pages]
        finally:
            reader.close()
        mark_no_content(pages)
        created = creation_year(pdf.metadata)
        mod_date, creation_date = pdf_date(pdf.metadata, "ModDate"), pdf_date(pdf.metadata, "CreationDate")
    return ExtractedDocument(source_file=path.name, sha256=digest, pages=pages, created_year=created,
                             mod_date=mod_date, creation_date=creation_date)


def _read_page(path: Path, page, reader, finder) -> Page:
    """One :class:`Page` of the PDF at ``path``: ``page`` the pdfplumber page,
    ``reader`` the page source opened on the file
    (:class:`extract.sources.base.DocumentReader`), ``finder`` the table
    strategy.  Raises :class:`ExtractionError` naming the page when its
    parsing fails."""
    n = page.page_number
    try:
        damaged = damaged_streams(page)
        # The source's view; fake-bold printers draw each glyph twice, it keeps one copy.
        pp = reader.page(page, damaged)
        chars = pp.chars
        lines = lines_from_chars(chars)
        tables = finder.find_tables(pp, str(path)) if chars else []
    except ExtractionError:
        raise
    except Exception as e:
        raise ExtractionError(path.name, f"cannot parse page: {type(e).__name__}: {e}", n) from e
    problem = None
    has_text = True
    if damaged and not chars:
        has_text, problem = False, "; ".join(damaged)
    elif draws_without_text(pp):
        has_text, problem = False, "page has no text layer (scanned image or outlined text)"
    elif garbage := garbage_text(chars):  # (cid:N), Private Use glyphs, mojibake: not text
        has_text, problem, lines, tables = False, garbage, [], []
    result = Page(n, float(pp.width), float(pp.height), lines, tables, has_text, problem)
    pp.flush_cache()
    page.flush_cache()  # the unfiltered page's parsed objects too: one page in memory at a time
    return result


def creation_year(metadata: dict) -> int | None:
    """Year of a PDF's ``CreationDate`` ("D:YYYYMMDD...", PDF 32000-1 §7.9.4), else None."""
    raw = metadata.get("CreationDate") if metadata else None
    if isinstance(raw, bytes):
        raw = raw.decode("latin-1", "replace")
    m = re.match(r"(?:D:)?(\d{4})", str(raw or ""))
    return int(m.group(1)) if m else None


def pdf_date(metadata: dict | None, name: str) -> str | None:
    """The ISO-8601 date ("YYYY-MM-DD") of the info-dictionary date ``name``
    (``ModDate``, ``CreationDate``; format "D:YYYYMMDDHHmmSS+HH'mm'", PDF
    32000-1 §7.9.4: month and day default to 01), None when absent or not a
    valid date.  The time and UTC offset are ignored (a publication is a day)."""
    raw = metadata.get(name) if metadata else None
    if isinstance(raw, bytes):
        raw = raw.decode("latin-1", "replace")
    m = re.match(r"\s*(?:D:)?(\d{4})(\d{2})?(\d{2})?", str(raw or ""))
    if not m:
        return None
    year, month, day = int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None
