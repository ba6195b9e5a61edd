"""Layout drift (issue 7, part 3): other printings of the templates read by
the shared interpreters, generically.

Each test builds the printed layout it names as a small extracted table
(cells with their text lines and boxes, as extract/ produces them) or reads
a sample, and checks what the interpreters make of it:

- 決算額 printed as a heading line above a table whose top-left cell is
  blank (seed 000's text; samples/000 is rebuilt that way) and inside the
  top-left header cell (the older printing): one template reads both;
- year headers with suffixes (20年度決算, 25年度予算: 神戸市) and two-row
  headers (R６年度 over 予 算 | 決 算, Ｒ４年度 over 決 算: 池田市), each column's
  amount_basis from its own sub-header;
- indicator sub-columns whose own label names the measure (目標値 over
  R５年度 実績 | R６年度 見込 | R９年度 見込);
- the row-measure 活動指標・成果指標 table of a 事業評価シート (sample 005);
- a budget table continued on the next page, with and without its header
  repeated;
- cut brackets and vertical annotations in row labels;
- the year-gap rule: two bases of one year, an estimate beside its final
  figure and a target year are not gaps.
"""
from __future__ import annotations

from hyoka.extract.model import BBox, Cell, ExtractedDocument, Page, Table, TextLine
from hyoka.normalize.era import EraContext
from hyoka.normalize.facts import BudgetValue, IndicatorValue, Provenance, SheetFacts
from hyoka.normalize.sheets.budget import read_budgets, year_columns
from hyoka.normalize.sheets.cells import label_text, mend_split_bracket
from hyoka.normalize.sheets.indicators import detect_measure_rows, detect_year_columns, read_measure_rows, read_year_columns
from hyoka.normalize.validate.common import indicator_groups
from hyoka.normalize.validate.series import check_year_series
from hyoka.normalize.values import parse_value

CTX = EraContext("令和", 2024)
W, H = 40.0, 14.0


def cell(row: int, col: int, text: str, rs: int = 1, cs: int = 1, x0: float | None = None,
         top: float = 100.0, size: float = 8.0) -> Cell:
    """A grid cell at (row, col) of a 40 x 14 pt grid whose lines are ``text``
    split at newlines (each line as wide as its characters)."""
    left = 50.0 + col * W if x0 is None else x0
    y = top + row * H
    box = BBox(left, y, left + cs * W, y + rs * H)
    lines = []
    for i, t in enumerate(text.split("\n") if text else []):
        lines.append(TextLine(t, BBox(left + 1, y + 1 + i * size, left + 1 + len(t) * size, y + 1 + (i + 1) * size),
                              size))
    return Cell(row, col, rs, cs, box, lines)


def table(page: int, cells: list[Cell], top: float = 100.0, index: int = 1) -> Table:
    n_rows = max(c.row + c.row_span for c in cells)
    n_cols = max(c.col + c.col_span for c in cells)
    return Table(page, index, n_rows, n_cols, BBox(50.0, top, 50.0 + n_cols * W, top + n_rows * H), cells,
                 "pdfplumber")


def doc(*pages: Page) -> ExtractedDocument:
    return ExtractedDocument("drift.pdf", "0" * 64, list(pages), 2024)


def line(text: str, top: float, x0: float = 50.0) -> TextLine:
    return TextLine(text, BBox(x0, top, x0 + 10 * len(text), top + 10), 10.0)


# --------------------------------------------------------------------------
# budget tables


def test_anchor_in_header_cell_and_as_caption_above_read_alike():
    """Seed 000 prints 決算額 in the top-left header cell; its text (and the
    rebuilt samples/000) prints it as a heading line above a blank corner."""
    header_cell = [cell(0, 0, "決算額"), cell(0, 1, "4年度"), cell(0, 2, "5年度"),
                   cell(1, 0, "事業費（千円）"), cell(1, 1, "1,200"), cell(1, 2, "1,300")]
    caption_above = [cell(0, 0, ""), cell(0, 1, "4年度"), cell(0, 2, "5年度"),
                     cell(1, 0, "事業費（千円）"), cell(1, 1, "1,200"), cell(1, 2, "1,300")]
    spec = {"anchor": "決算額"}
    a = read_budgets(doc(Page(1, 600, 800, [], [table(1, header_cell)])), spec, CTX, None)
    b = read_budgets(doc(Page(1, 600, 800, [line("決算額", 84.0)], [table(1, caption_above)])), spec, CTX, None)
    got = lambda bs: [(x.item, x.fiscal_year, x.value.value, x.value.unit, x.amount_basis) for x in bs]  # noqa: E731
    assert got(a) == got(b) == [("事業費", 2022, 1200.0, "千円", "settled"), ("事業費", 2023, 1300.0, "千円", "settled")]
    assert "budget.caption_above" in b[0].value.rule_ids
    # no heading above and no anchor cell: not a budget table
    assert read_budgets(doc(Page(1, 600, 800, [line("事業内容", 20.0)], [table(1, caption_above)])),
                        spec, CTX, None) == []


def test_rebuilt_sample_000_prints_the_anchor_above():
    from tests.expected import sample_pdf
    from hyoka.pipeline import process_file
    facts = process_file(sample_pdf("000"))
    assert facts.budgets and all("budget.caption_above" in b.value.rule_ids for b in facts.budgets)
    assert {b.amount_basis for b in facts.budgets} == {"settled"}


def test_year_suffix_and_two_row_headers():
    """20年度決算 | 25年度予算 (神戸市) and Ｒ４年度 over 決 算, R６年度 over 予 算 | 決 算
    (池田市): one column per basis, two facts for one year."""
    kobe = table(1, [cell(0, 1, "20年度決算"), cell(0, 2, "25年度予算"),
                     cell(1, 0, "人件費"), cell(1, 1, "100,000"), cell(1, 2, "△80,000")])
    first, cols = year_columns(kobe, EraContext(None, 2013))
    assert first == 1
    assert [(c.col, c.fiscal_year, c.amount_basis) for c in cols] == [(1, 2008, "settled"), (2, 2013, "budget")]
    d = doc(Page(1, 600, 800, [line("≪事業別コスト等≫ （単位：千円）", 80.0)], [kobe]))
    got = read_budgets(d, {"layout": "year_header", "caption": "≪事業別コスト等≫", "items": "printed"},
                       EraContext(None, 2013), None)
    assert [(b.fiscal_year, b.amount_basis, b.value.value, b.value.unit) for b in got] == [
        (2008, "settled", 100000.0, "千円"), (2013, "budget", -80000.0, "千円")]
    ikeda = table(1, [cell(0, 0, "区　分", rs=2), cell(0, 1, "Ｒ４年度"), cell(0, 2, "R６年度", cs=2),
                      cell(1, 1, "決\u3000算"), cell(1, 2, "予\u3000算"), cell(1, 3, "決\u3000算"),
                      cell(2, 0, "事　業　費　　Ａ"), cell(2, 1, "5,690"), cell(2, 2, "5,700"), cell(2, 3, "5,690")])
    first, cols = year_columns(ikeda, CTX)
    assert first == 2
    assert [(c.col, c.fiscal_year, c.amount_basis) for c in cols] == [
        (1, 2022, "settled"), (2, 2024, "budget"), (3, 2024, "settled")]
    d = doc(Page(1, 600, 800, [line("（４）事業費等(千円単位。千円未満は四捨五入)", 80.0)], [ikeda]))
    got = read_budgets(d, {"layout": "year_header", "caption": "事業費等", "unit": "千円", "items": "printed"},
                       CTX, None)
    assert [(b.item, b.fiscal_year, b.amount_basis, b.value.value) for b in got] == [
        ("事業費A", 2022, "settled", 5690.0), ("事業費A", 2024, "budget", 5700.0), ("事業費A", 2024, "settled", 5690.0)]
    # a header word that is no amount basis (実績) is no budget column
    assert year_columns(table(1, [cell(0, 1, "R５年度\n実\u3000績"), cell(1, 1, "27")]), CTX) is None


def _budget_page(number: int, with_header: bool, rows: list[tuple[str, str, str]]) -> Page:
    cells = []
    r = 0
    if with_header:
        cells += [cell(0, 0, "区分"), cell(0, 1, "R4年度"), cell(0, 2, "R5年度")]
        r = 1
    for label, a, b in rows:
        cells += [cell(r, 0, label), cell(r, 1, a), cell(r, 2, b)]
        r += 1
    lines = [line("年度別事業費", 80.0)] if number == 1 else []
    return Page(number, 600, 800, lines, [table(number, cells)])


def test_budget_table_continued_on_the_next_page():
    """The table runs onto page 2, without and with its header repeated."""
    spec = {"layout": "year_header", "caption": "年度別事業費", "unit": "千円", "items": "printed"}
    for repeated in (False, True):
        d = doc(_budget_page(1, True, [("事業費", "100", "200")]),
                _budget_page(2, repeated, [("委託料", "40", "50")]))
        got = read_budgets(d, spec, CTX, None)
        assert [(b.item, b.fiscal_year, b.value.value, b.provenance.page) for b in got] == [
            ("事業費", 2022, 100.0, 1), ("事業費", 2023, 200.0, 1), ("委託料", 2022, 40.0, 2), ("委託料", 2023, 50.0, 2)]
        assert "budget.continued" in got[-1].value.rule_ids


def test_printed_items_skip_group_labels_and_text_rows():
    """縦書き group fragments (主/な/内, 訳) are no items; a cell across the
    year columns is text (池田市 R6年度における「その他」財源の主な内容)."""
    t = table(1, [cell(0, 2, "R4年度"), cell(0, 3, "R5年度"),
                  cell(1, 0, "主\nな\n内", rs=2), cell(1, 1, "消耗品費"), cell(1, 2, "8"), cell(1, 3, "19"),
                  cell(3, 0, "訳"),
                  cell(4, 0, "「その他」財源の主な内容", cs=2), cell(4, 2, "基金繰入金\u3000273千円", cs=2)])
    d = doc(Page(1, 600, 800, [line("事業費等", 80.0)], [t]))
    got = read_budgets(d, {"layout": "year_header", "caption": "事業費等", "items": "printed"}, CTX, None)
    assert [(b.item, b.fiscal_year) for b in got] == [("消耗品費", 2022), ("消耗品費", 2023)]


def test_split_bracket_and_vertical_annotation():
    assert mend_split_bracket("（差引）一般財源（B", "） 375,620") == ("（差引）一般財源（B）", "375,620", True)
    assert mend_split_bracket("人件費", "100,000") == ("人件費", "100,000", False)
    c = Cell(2, 1, 4, 2, BBox(59, 470, 130, 530), [
        TextLine("物件費", BBox(60.2, 473.4, 89.0, 483.0), 9.6), TextLine("（", BBox(60.3, 499.1, 68.1, 506.9), 7.8),
        TextLine("内", BBox(60.4, 510.1, 68.2, 517.9), 7.8), TextLine("）訳", BBox(60.3, 519.0, 68.2, 526.8), 7.8)])
    assert label_text(c) == "物件費"
    vertical = Cell(1, 0, 8, 1, BBox(43, 500, 58, 600), [
        TextLine(ch, BBox(46.0, 513 + i * 10, 55.6, 522 + i * 10), 9.6) for i, ch in enumerate("コスト")])
    assert label_text(vertical) == "コスト"


# --------------------------------------------------------------------------
# indicator tables


def _ikeda_indicator_table() -> Table:
    return table(1, [
        cell(0, 0, "成果指標の内容", rs=2), cell(0, 1, "単位", rs=2), cell(0, 2, "目標値", cs=4),
        cell(1, 2, "R５年度\n実\u3000績"), cell(1, 3, "R６年度\n見\u3000込"), cell(1, 4, "R６年度\n実\u3000績"),
        cell(1, 5, "R９年度\n見\u3000込"),
        cell(2, 0, "集団回収量"), cell(2, 1, "ｔ"), cell(2, 2, "1,008"), cell(2, 3, "1,414"), cell(2, 4, "906"),
        cell(2, 5, "1,473"),
        cell(3, 0, "成果指標の達成状況", cs=3), cell(3, 3, "B.順調に推移していない", cs=3),
        cell(4, 0, "判断理由"), cell(4, 1, "集団回収量が年々減少しているため", cs=5)])


def test_sub_header_measures_and_forecast_target():
    spec = {"layout": "year_columns", "name": "成果指標の内容", "unit": "単位", "groups": {"目標値": "target"}}
    t = _ikeda_indicator_table()
    m = detect_year_columns(t, spec, CTX)
    vals = read_year_columns(t, m, m.first_data_row, (None, [], None), set())
    assert [(v.indicator_name, v.unit, v.fiscal_year, v.measure, v.value.value, v.value.is_estimate) for v in vals] == [
        ("集団回収量", "ｔ", 2023, "actual", 1008.0, False),
        ("集団回収量", "ｔ", 2024, "actual", 1414.0, True),
        ("集団回収量", "ｔ", 2024, "actual", 906.0, False),
        ("集団回収量", "ｔ", 2027, "target", 1473.0, False)]
    assert "measure.sub_header" in vals[0].value.rule_ids and "measure.forecast" in vals[3].value.rule_ids


def test_bare_year_sub_headers_keep_the_group_measure():
    """Seed 000's 実績値 over "2 年度" | "3 年度": the group's measure."""
    t = table(1, [cell(0, 0, "指標名", rs=2), cell(0, 1, "単位", rs=2), cell(0, 2, "実績値", cs=2),
                  cell(1, 2, "2 年度"), cell(1, 3, "3 年度"),
                  cell(2, 0, "相談件数"), cell(2, 1, "件"), cell(2, 2, "10"), cell(2, 3, "12")])
    spec = {"name": "指標名", "unit": "単位", "groups": {"実績値": "actual"}}
    m = detect_year_columns(t, spec, CTX)
    vals = read_year_columns(t, m, m.first_data_row, (None, [], None), set())
    assert [(v.fiscal_year, v.measure, v.value.is_estimate) for v in vals] == [(2020, "actual", False),
                                                                              (2021, "actual", False)]


def test_row_measure_table_of_a_jigyo_hyoka_sheet():
    """指標名 (over 活動指標 printed downwards and the name) | 単位 | 区分 (目標 /
    実績) | 平成26年度 …: sample 005's layout."""
    t = table(1, [cell(0, 0, "指標名", cs=2), cell(0, 2, "単\n位"), cell(0, 3, "区分"),
                  cell(0, 4, "平成26年度"), cell(0, 5, "平成27年度"),
                  cell(1, 0, "活\n動\n指\n標", rs=2), cell(1, 1, "会議の開催回数", rs=2), cell(1, 2, "回", rs=2),
                  cell(1, 3, "目標"), cell(1, 4, "-"), cell(1, 5, "2"),
                  cell(2, 3, "実績"), cell(2, 4, "2"), cell(2, 5, "集計中")])
    spec = {"layout": "measure_rows", "name": "指標名", "measure": "区分", "unit": "単位"}
    m = detect_measure_rows(t, spec, CTX)
    vals, _ = read_measure_rows(t, m, m.first_data_row, CTX, set(), None)
    assert [(v.indicator_name, v.unit, v.fiscal_year, v.measure, v.value.status) for v in vals] == [
        ("会議の開催回数", "回", 2014, "target", "not_applicable"), ("会議の開催回数", "回", 2015, "target", "ok"),
        ("会議の開催回数", "回", 2014, "actual", "ok"), ("会議の開催回数", "回", 2015, "actual", "pending")]


def test_sample_005_reads_its_indicator_table():
    from tests.expected import sample_pdf
    from hyoka.pipeline import process_file
    facts = process_file(sample_pdf("005"))
    assert [(i.indicator_name, i.fiscal_year, i.measure) for i in facts.indicators][:3] == [
        ("会議の開催回数", 2014, "target"), ("会議の開催回数", 2015, "target"), ("会議の開催回数", 2016, "target")]
    assert len(facts.indicators) == 12


def test_indicator_table_continued_without_header_on_the_next_page():
    """A headerless first table of the next page with the same columns is
    read with the previous header (normalize.document.interpret)."""
    from hyoka.normalize.document import interpret
    from hyoka.normalize.facts import SheetFacts
    from hyoka.normalize.templates import Template
    head = table(1, [cell(0, 0, "指標名", rs=2), cell(0, 1, "単位", rs=2), cell(0, 2, "実績値", cs=2),
                     cell(1, 2, "R4年度"), cell(1, 3, "R5年度"),
                     cell(2, 0, "相談件数"), cell(2, 1, "件"), cell(2, 2, "10"), cell(2, 3, "12")])
    more = table(2, [cell(0, 0, "来場者数"), cell(0, 1, "人"), cell(0, 2, "300"), cell(0, 3, "310")])
    template = Template(name="drift", indicator_tables=({"name": "指標名", "unit": "単位",
                                                         "groups": {"実績値": "actual"}},), document_year=())
    facts = SheetFacts()
    interpret(doc(Page(1, 600, 800, [], [head]), Page(2, 600, 800, [], [more])), template, CTX, facts)
    assert [(v.indicator_name, v.fiscal_year, v.value.value, v.provenance.page) for v in facts.indicators] == [
        ("相談件数", 2022, 10.0, 1), ("相談件数", 2023, 12.0, 1), ("来場者数", 2022, 300.0, 2), ("来場者数", 2023, 310.0, 2)]


# --------------------------------------------------------------------------
# the year-gap rule


def _bv(item: str, fy: int, basis: str, top: float) -> BudgetValue:
    return BudgetValue(None, "事業", item, fy, parse_value("100", unit_hint="千円"), Provenance(1, 0, top, 10, top + 5),
                       basis)


def _iv(fy: int, measure: str, est: bool, top: float) -> IndicatorValue:
    return IndicatorValue(None, [], None, "回収量", "t", fy, measure, parse_value("5", is_estimate=est),
                          Provenance(1, 0, top, 10, top + 5))


def test_year_gap_rule_two_bases_estimates_and_target_years():
    facts = SheetFacts()
    facts.budgets = [_bv("事業費", 2022, "settled", 10), _bv("事業費", 2023, "settled", 10),
                     _bv("事業費", 2024, "budget", 10), _bv("事業費", 2024, "settled", 10)]
    ivs = [_iv(2023, "actual", False, 50), _iv(2024, "actual", True, 50), _iv(2024, "actual", False, 50),
           _iv(2027, "target", False, 50), _iv(2023, "target", False, 50)]
    facts.indicators = ivs
    assert check_year_series(facts, indicator_groups(ivs)) == []
    # a real gap and a real duplicate are still found
    facts.budgets = [_bv("事業費", 2020, "settled", 10), _bv("事業費", 2022, "settled", 10)]
    ivs = [_iv(2023, "actual", False, 50), _iv(2023, "actual", False, 50)]
    facts.indicators = ivs
    found = [f.message for f in check_year_series(facts, indicator_groups(ivs))]
    assert len(found) == 2 and "printed twice" in found[0] and "missing 2021年度" in found[1]


def test_text_cell_continued_on_the_next_page():
    """A text body cut by a page break: the next page's first table opens
    with a cell on the same rules (no heading repeated)."""
    from hyoka.normalize.sheets.cells import continued_text_cell
    body = cell(1, 0, "市内の各産業関係団体等で組織する会議の開催のほか", cs=3)
    p1 = Page(1, 600, 800, [], [table(1, [cell(0, 0, "主な取組と成果", cs=3), body])])
    rest = cell(0, 0, "専門家派遣や開発費補助等の支援を行いました。", cs=3, top=40.0)
    p2 = Page(2, 600, 800, [], [table(2, [rest, cell(1, 0, "今後に向けた課題の分析", cs=3, top=40.0)], top=40.0)])
    d = doc(p1, p2)
    assert continued_text_cell(d, 1, body) == (rest, 2)
    # a heading on the next page opens a section instead
    assert continued_text_cell(d, 1, body, lambda t: "取組" in t or "支援" in t) is None
    # a cell that is not the table's last row is not cut by the page break
    assert continued_text_cell(d, 1, p1.tables[0].cells[0]) is None
    # the sheet's last page: nothing follows
    assert continued_text_cell(doc(p1), 1, body) is None


# --------------------------------------------------------------------------
# text sections


def test_section_body_cut_by_a_page_break_runs_on():
    """A framed 課題 body at the foot of page 1 continues in the first table
    of page 2 (the printer split the ruled cell, no heading repeated): its
    paragraphs are read on, the one cut mid-way stays one block."""
    from hyoka.normalize.sheets.sections import read_sections
    spec = ({"heading": "今後に向けた課題の分析", "section": "課題"},)
    p1 = Page(1, 600, 800, [], [table(1, [cell(0, 0, "今後に向けた課題の分析", cs=4),
                                          cell(1, 0, "・販路拡大の支援を効果的に行うため関係", cs=4)])])
    p2 = Page(2, 600, 800, [], [table(2, [cell(0, 0, "団体と連携する必要があります。\n・ネットワークの周知", cs=4)],
                                      top=40.0)])
    got = read_sections(doc(p1, p2), spec, None)
    assert [(b.section, b.ordinal, b.text, b.provenance.page) for b in got] == [
        ("課題", 1, "販路拡大の支援を効果的に行うため関係団体と連携する必要があります。", 1),
        ("課題", 2, "ネットワークの周知", 2)]
    assert "text.continued" in got[0].rule_ids and "text.continued" in got[1].rule_ids
    # the same page 2 opening with a heading of the template continues nothing
    p2h = Page(2, 600, 800, [], [table(2, [cell(0, 0, "今後に向けた課題の分析", cs=4)], top=40.0)])
    assert [b.text for b in read_sections(doc(p1, p2h), spec, None)] == ["販路拡大の支援を効果的に行うため関係"]
