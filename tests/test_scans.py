"""Scanned printings: a sample sheet re-made as page images (as a scanner or a
"print to image" would), wholly or for one page, then ingested.  A scan is
sound but needs OCR: ``needs_ocr``, never ``failed``; the pages that still
carry text are read as usual."""
from __future__ import annotations

import io
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from sqlalchemy import create_engine, text

from hyoka.pipeline import ingest
from tests.expected import sample_pdf

#: Scan resolution, dots per inch (a typical office scanner setting).
DPI = 150


def scanned(source: Path, out: Path, pages: set[int] | None = None, dpi: int = DPI) -> Path:
    """Write ``source`` with the 1-based ``pages`` (default: all) replaced by
    greyscale page images at ``dpi`` (default :data:`DPI`); returns ``out``."""
    src = pdfium.PdfDocument(source)
    doc = pdfium.PdfDocument.new()
    for i in range(len(src)):
        if pages is None or i + 1 in pages:
            buf = io.BytesIO()
            src[i].render(scale=dpi / 72).to_pil().convert("L").save(buf, format="PDF", resolution=dpi)
            doc.import_pages(pdfium.PdfDocument(buf.getvalue()), [0])
        else:
            doc.import_pages(src, [i])
    doc.save(out)
    return out


def documents(url: str, load_id: str) -> dict[str, dict]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return {r["source_file"]: dict(r) for r in conn.execute(
                text("SELECT * FROM v_documents WHERE load_id = :l"), {"l": load_id}).mappings()}
    finally:
        engine.dispose()


def count(url: str, sql: str, **params) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(text(sql), params).scalar_one()
    finally:
        engine.dispose()


def test_whole_scan_needs_ocr_and_a_half_scan_keeps_its_text_pages(db_url, tmp_path):
    whole = scanned(sample_pdf("000"), tmp_path / "000-scan.pdf")
    half = scanned(sample_pdf("003"), tmp_path / "003-page2-scan.pdf", pages={2})
    result = ingest([whole, half], db_url)
    docs = documents(db_url, result.load_id)
    assert docs["000-scan.pdf"]["status"] == "needs_ocr"
    assert docs["000-scan.pdf"]["error"] is None  # contract: error is NULL unless failed
    assert (docs["000-scan.pdf"]["sheet_type"], docs["000-scan.pdf"]["page_count"]) == ("unclassified", 1)
    assert count(db_url, "SELECT COUNT(*) FROM v_indicator_values WHERE source_file = '000-scan.pdf'") == 0
    # page 1 of 003 still has its text: recognised, its facts loaded; page 2 is the scan
    assert docs["003-page2-scan.pdf"]["status"] == "needs_ocr"
    assert (docs["003-page2-scan.pdf"]["sheet_type"], docs["003-page2-scan.pdf"]["document_fiscal_year"]) == \
        ("hiratsuka_bu_kihon_hoshin", 2016)
    pages = count(db_url, "SELECT COUNT(DISTINCT page) FROM v_raw_cells WHERE source_file = '003-page2-scan.pdf'")
    assert pages == 1
    assert count(db_url, "SELECT COUNT(*) FROM v_text_blocks WHERE source_file = '003-page2-scan.pdf' "
                         "AND page = 1") >= 1
    assert result.summary["documents"]["needs_ocr"] == 2 and result.summary["documents"]["failed"] == 0


@pytest.mark.parametrize("sample_id", ["000", "004v2"])
def test_reason_for_needs_ocr_names_each_scanned_page(sample_id, tmp_path):
    from hyoka.extract import extract_document
    from hyoka.normalize import normalize_document
    facts = normalize_document(extract_document(scanned(sample_pdf(sample_id), tmp_path / "scan.pdf")))
    assert facts.status == "needs_ocr"
    assert all(f"page {n}: page has no text layer" in facts.error for n in range(1, facts.page_count + 1))
