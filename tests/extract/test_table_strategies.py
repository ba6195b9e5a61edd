"""Both table strategies on real third-party sheets (../shared/corpus/real-jp).

Expected strings and spans were read off the rendered pages by eye
(pdftoppm): 横浜市 令和7年度 事業評価書 p.1 and 神戸市 事務事業評価シート
(平成25年度) p.1.  The merged-cell reconstruction of the camelot strategy is
also checked on hand-made grids (pure functions, no PDF).
"""
from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from hyoka.extract.tables import STRATEGIES, get_strategy
from hyoka.extract.tables.camelot_lattice import CamelotGrid, merged_boxes

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "corpus" / "real-jp"
YOKOHAMA = CORPUS / "yokohama-r7-001.pdf"
KOBE = CORPUS / "kobe-r25-001.pdf"

pytestmark = pytest.mark.skipif(not YOKOHAMA.exists() or not KOBE.exists(),
                                reason="shared corpus not present")


def _tables(path: Path, page_number: int) -> dict[str, list]:
    """{strategy name: tables of that page} for both strategies."""
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[page_number - 1]
        return {name: get_strategy(name).find_tables(page, str(path)) for name in STRATEGIES}


@pytest.fixture(scope="module")
def yokohama():
    return _tables(YOKOHAMA, 1)


@pytest.fixture(scope="module")
def kobe():
    return _tables(KOBE, 1)


def _cell(table, row, col):
    c = table.cell_at(row, col)
    assert c is not None, (row, col)
    return c.text, c.row_span, c.col_span


@pytest.mark.parametrize("name", ["pdfplumber", "camelot-lattice"])
def test_yokohama_tables_and_cells(yokohama, name):
    tables = yokohama[name]
    assert [(t.index, t.n_rows, t.n_cols) for t in tables] == [
        (1, 4, 14), (2, 2, 1), (3, 3, 6), (4, 2, 1), (5, 13, 22)]
    assert all(t.strategy == name and t.page == 1 for t in tables)
    head, summary, cost, _, detail = tables
    assert _cell(head, 0, 0) == ("令和７年度 事業評価書", 1, 14)
    assert _cell(head, 1, 1) == ("デジタル企画調整費", 1, 13)
    assert _cell(head, 2, 0) == ("所管区局・課", 1, 1)
    assert _cell(head, 2, 9) == ("款", 1, 1)
    assert _cell(summary, 1, 0) == ("デジタル統括本部の運営に必要な物品やサービス等の調達等を行います。", 1, 1)
    # 事業決算額: the 事業費（千円） label spans the 年度 and 決算 rows.
    assert _cell(cost, 1, 0) == ("事業費\n（千円）", 2, 1)
    assert [_cell(cost, 2, c)[0] for c in range(1, 5)] == ["決算", "24,225", "26,718", "2,493"]
    # 細事業の分析: vertical 事業計画 label (2 rows), 効率性・経済性 over two sub-columns.
    assert _cell(detail, 1, 1) == ("事\n業\n計\n画", 2, 1)
    assert _cell(detail, 1, 3) == ("デジタル統括本部運営（人件費）", 1, 19)
    assert _cell(detail, 10, 15) == ("効率性・経済性", 1, 6)
    assert _cell(detail, 11, 15) == ("(1)実施主体", 1, 3)
    assert _cell(detail, 4, 8) == ("9,617", 1, 4)


def test_strategies_agree_on_yokohama(yokohama):
    def shape(tables):
        return [[(c.row, c.col, c.row_span, c.col_span, c.text) for c in t.cells] for t in tables]

    assert shape(yokohama["pdfplumber"]) == shape(yokohama["camelot-lattice"])


@pytest.mark.parametrize("name", ["pdfplumber", "camelot-lattice"])
def test_kobe_cost_table(kobe, name):
    tables = kobe[name]
    assert [(t.n_rows, t.n_cols) for t in tables] == [(2, 4), (6, 2), (16, 9)]
    cost = tables[2]
    assert [_cell(cost, 0, c)[0] for c in range(3, 9)] == [
        "20年度決算", "21年度決算", "22年度決算", "23年度決算", "24年度決算", "25年度予算"]
    assert _cell(cost, 1, 0) == ("コ\nス\nト", 8, 1)
    assert _cell(cost, 1, 1) == ("人件費", 1, 2)
    assert _cell(cost, 1, 3) == ("100,000", 1, 1)
    assert _cell(cost, 8, 8) == ("439,451", 1, 1)
    assert _cell(cost, 9, 0) == ("収\n入", 5, 1)
    assert _cell(cost, 15, 3) == ("10.0人", 1, 1)


def test_kobe_ragged_merge_camelot(kobe):
    """No rule separates 物件費 from the （内訳） column below it (an L-shaped
    region); camelot-lattice gives 物件費 one row over two columns and
    （内訳） three rows.  pdfplumber returns the L's bounding box (4 x 2)
    instead, overlapping the 内訳 rows' cells."""
    cost = kobe["camelot-lattice"][2]
    assert _cell(cost, 2, 1) == ("物件費", 1, 2)
    assert _cell(cost, 3, 1)[1:] == (3, 1)
    assert _cell(cost, 3, 2) == ("アルバイト・人\n材派遣", 1, 1)
    plumber = kobe["pdfplumber"][2]
    assert _cell(plumber, 2, 1)[1:] == (4, 2)


def _grid(n_r, n_c, open_right=(), open_bottom=()):
    """A CamelotGrid of unit cells (x = col*10, y from 100 down by 10)."""
    cols = tuple((c * 10.0, c * 10.0 + 10) for c in range(n_c))
    rows = tuple((100.0 - r * 10, 90.0 - r * 10) for r in range(n_r))
    return CamelotGrid(cols, rows,
                       tuple(tuple((r, c) in open_right for c in range(n_c)) for r in range(n_r)),
                       tuple(tuple((r, c) in open_bottom for c in range(n_c)) for r in range(n_r)))


def test_merged_boxes_rectangle_and_coordinates():
    # 2 x 3 grid, top row's first two cells merged; page height 200.
    g = _grid(2, 3, open_right={(0, 0)})
    boxes = [b.as_tuple() for b in merged_boxes(g, 200.0)]
    assert boxes == [(0.0, 100.0, 20.0, 110.0), (20.0, 100.0, 30.0, 110.0),
                     (0.0, 110.0, 10.0, 120.0), (10.0, 110.0, 20.0, 120.0), (20.0, 110.0, 30.0, 120.0)]


def test_merged_boxes_l_shape():
    # (0,0)-(0,1) joined and (0,0)-(1,0)-(2,0) joined: an L -> one 1x2 box over one 2x1 box.
    g = _grid(3, 2, open_right={(0, 0)}, open_bottom={(0, 0), (1, 0)})
    boxes = [b.as_tuple() for b in merged_boxes(g, 100.0)]
    assert boxes[0] == (0.0, 0.0, 20.0, 10.0)
    assert boxes[1] == (0.0, 10.0, 10.0, 30.0)
    assert len(boxes) == 4


def test_unknown_strategy_names_valid_ones():
    with pytest.raises(ValueError, match="camelot-lattice, pdfplumber"):
        get_strategy("stream")
