"""Hand-built DocumentFacts with real figures from the seed sheets.

004 (厚木市 産業マスタープラン前期実施計画 令和5年度取組状況) and 000 (平塚市
施策評価シート ４－① 令和5年度), values copied from ../shared/seeds and
samples/expected/.  Bboxes are plausible positions (PDF points, origin
top-left); rule ids are placeholder names, the loader stores them as given.
"""
from __future__ import annotations

from hyoka.normalize.facts import (BudgetValue, DocumentFacts, IndicatorValue, Provenance, RawCell, SheetFacts,
                             TextBlock, Value)

SHA_004 = "7421fe6d94926884" + "0" * 48
SHA_000 = "83775f8d5092ccc7" + "0" * 48

#: 004: (No., codes, 単位施策, 成果指標, unit, page, {measure: [R3, R4, R5 cells]})
#: Each cell: (value, value_text, status, note).  R5 figures are estimates
#: (〔実績について〕 "R3・4は確定値。R5は見込値。").
ATSUGI_ROWS = [
    (["I-1-(1)-①"], "事業者の経営課題解決と経営基盤の安定", "中小企業相談所の相談件数", "件", 1, {
        "target": [(1600, "1,600件", "ok", None), (1700, "1,700件", "ok", None), (1800, "1,800件", "ok", None)],
        "actual": [(3350, "3,350件", "ok", None), (3437, "3,437件", "ok", None), (3450, "3,450件", "ok", None)],
        "result": [(None, "達成", "ok", None), (None, "達成", "ok", None), (None, "達成見込み", "ok", None)],
        "achievement_rate": [(209.4, "209.4%", "ok", None), (202.2, "202.2%", "ok", None),
                             (191.7, "191.7%", "ok", None)]}),
    (["I-1-(1)-②"], "市内での事業継続を支援", "事業承継支援事業補助金交付件数", "件", 1, {
        "actual": [(0, "0件", "ok", None), (0, "0件", "ok", None), (None, "-", "not_applicable", None)]}),
    (["I-1-(3)-②"], "横断的なネットワーク形成を支援", "商店会連合会への新規加入店舗数", "店", 1, {
        "actual": [(34, "34店", "ok", None), (26, "26店", "ok", None), (None, "年度末に調査", "pending", None)],
        "result": [(None, "達成", "ok", None), (None, "達成", "ok", None), (None, "#VALUE!", "source_error", None)]}),
    (["Ⅱ-1-(2)-①", "Ⅱ-3-(1)-②", "Ⅱ-5-(1)-①"], "空き店舗を活用した中心市街地の活性化",
     "中心市街地のにぎわいを感じている市民の割合", "%", 3, {
         "actual": [(29.3, "29.3%", "ok", None), (31.2, "31.2%", "ok", None), (None, "集計中", "pending", None)]}),
    (["Ⅲ-2-(2)-②"], "余暇活動の充実", "あつぎ技能祭来場者数", "人", 5, {
        "actual": [(0, "0人(中止)", "ok", "中止"), (1037, "1,037人", "ok", None), (1208, "1,208人", "ok", None)]}),
]
YEARS_004 = (2021, 2022, 2023)


def _unit_for(measure: str, unit: str) -> str | None:
    """The row unit of samples/expected/004.indicator_values.csv: % for rates, none for verdicts."""
    return {"achievement_rate": "%", "result": None}.get(measure, unit)


def facts_004(source_file: str = "004-atsugi-r5-torikumi.pdf", sha256: str = SHA_004) -> DocumentFacts:
    """DocumentFacts for seed 004 with the rows of :data:`ATSUGI_ROWS`, 3 text blocks, 6 raw cells."""
    indicators = []
    for row_no, (codes, policy_name, name, unit, page, measures) in enumerate(ATSUGI_ROWS):
        for m_no, (measure, cells) in enumerate(measures.items()):
            for y_no, (year, (value, text, status, note)) in enumerate(zip(YEARS_004, cells)):
                row_unit = _unit_for(measure, unit)
                rules = ("width.fold", "number.thousands", "unit.suffix") if value is not None else ("status.vocabulary",)
                top = 120.0 + 40 * row_no + 10 * m_no
                indicators.append(IndicatorValue(
                    policy_code=codes[0], policy_codes=list(codes), policy_name=policy_name,
                    indicator_name=name, unit=row_unit, fiscal_year=year, measure=measure,
                    value=Value(value=None if value is None else float(value),
                                unit=row_unit if value is not None else None,
                                value_std=None if value is None else float(value),
                                unit_std=row_unit if value is not None else None,
                                value_text=text, status=status, note=note,
                                is_estimate=(year == 2023), rule_ids=rules),
                    provenance=Provenance(page, 400.0 + 50 * y_no, top, 450.0 + 50 * y_no, top + 10)))
    text_blocks = [
        TextBlock("反映", 1, "実績が目標を大きく上回っているため、後期実施計画では実績を踏まえた目標値を設定する。",
                  "後期実施計画(案)への反映", "I-1-(1)-①", Provenance(1, 560.0, 120.0, 800.0, 160.0)),
        TextBlock("反映", 2, "事業承継の相談窓口となる有効な対策をとることが困難であったため、令和4年度をもって廃止した。"
                  "廃止施策のため、後期実施計画から削除する。",
                  "後期実施計画(案)への反映", "I-1-(1)-②", Provenance(1, 560.0, 160.0, 800.0, 200.0)),
        TextBlock("実績", 1, "商工会議所の計画に基づき、商工業振興事業等補助金を交付した。", "実績", None,
                  Provenance(9, 300.0, 200.0, 380.0, 260.0)),
    ]
    raw_cells = [
        RawCell(1, 1, 0, 0, 1, 1, "No.", 30.0, 100.0, 50.0, 112.0),
        RawCell(1, 1, 0, 1, 1, 1, "単位施策No.", 50.0, 100.0, 110.0, 112.0),
        RawCell(1, 1, 1, 0, 4, 1, "1", 30.0, 112.0, 50.0, 160.0),
        RawCell(1, 1, 1, 5, 1, 1, "1,600件", 400.0, 120.0, 450.0, 130.0),
        RawCell(1, 1, 4, 7, 1, 1, "191.7%", 500.0, 150.0, 550.0, 160.0),
        RawCell(3, 2, 0, 0, 1, 3, "No.\u3000単位施策No.", 30.0, 80.0, 200.0, 92.0),
    ]
    return DocumentFacts(source_file=source_file, sha256=sha256, status="loaded", page_count=12, sheets=[
        SheetFacts(seq=1, first_page=1, last_page=12, municipality="厚木市",
                   municipality_code="142123", document_fiscal_year=2023,
                   sheet_type="atsugi_jisshi_keikaku_torikumi", classification_score=87.5,
                   title="産業マスタープラン前期実施計画 令和5年度取組状況",
                   indicators=indicators, text_blocks=text_blocks, raw_cells=raw_cells)])


#: 000 決算額: item -> (unit, unit_std, factor, [(year, cell text)]).
HIRATSUKA_BUDGET = {
    "事業費": ("千円", "円", 1000, [(2020, "1,539,950"), (2021, "1,889,616"), (2022, "2,511,853"), (2023, "2,002,400")]),
    "執行率": ("%", "%", 1, [(2020, "95.43"), (2021, "98.33"), (2022, "98.77"), (2023, "96.08")]),
}


def facts_000(source_file: str = "000-hiratsuka-r5-shisaku-4-1.pdf", sha256: str = SHA_000) -> DocumentFacts:
    """DocumentFacts for seed 000: one indicator row (創業者数), 決算額 budget lines, 2 成果 blocks."""
    budgets = []
    for row_no, (item, (unit, unit_std, factor, cells)) in enumerate(HIRATSUKA_BUDGET.items()):
        for col, (year, text) in enumerate(cells):
            value = float(text.replace(",", ""))
            budgets.append(BudgetValue(
                policy_code=None, project_name=None, item=item, fiscal_year=year,
                value=Value(value, unit, value * factor, unit_std, text, "ok",
                            rule_ids=("number.thousands", "unit.header")),
                provenance=Provenance(1, 200.0 + 80 * col, 430.0 + 20 * row_no, 270.0 + 80 * col,
                                      445.0 + 20 * row_no)))
    indicators = [IndicatorValue(
        policy_code=None, policy_codes=[], policy_name=None, indicator_name="創業者数（年間）",
        unit="人", fiscal_year=None, measure="baseline",
        value=Value(22.0, "人", 22.0, "人", "22", "ok", rule_ids=("number.plain",)),
        provenance=Provenance(1, 250.0, 240.0, 280.0, 252.0))]
    text_blocks = [
        TextBlock("成果", 1, "産業活性化会議及び産業活性化推進会議を開催し、市内各産業界の情報共有を図り、"
                  "連携して課題解決に向けた取組を促進しました。", "施策の推進に向けた主な取組の「成果」", None,
                  Provenance(1, 40.0, 500.0, 560.0, 540.0)),
        TextBlock("成果", 2, "創業支援等事業計画に基づき、関係機関と連携して起業家育成のためのセミナーの開催や、"
                  "起業に関する情報提供や事業計画の作成支援を行うとともに、創業や副業に関する相談会の開催及び"
                  "専門家を派遣することで、市内での創業を促進しました。", "施策の推進に向けた主な取組の「成果」", None,
                  Provenance(1, 40.0, 540.0, 560.0, 580.0)),
    ]
    return DocumentFacts(source_file=source_file, sha256=sha256, page_count=2, sheets=[
        SheetFacts(seq=1, first_page=1, last_page=2, municipality="平塚市", municipality_code="142034",
                   document_fiscal_year=2023, sheet_type="hiratsuka_shisaku_hyoka", classification_score=95.0,
                   title="施策評価シート【分野別施策】", policy_code="４－①",
                   policy_name="産業の活性化を促進する", indicators=indicators, budgets=budgets,
                   text_blocks=text_blocks)])


def many_raw_cells(n: int, page_size: int = 500) -> list[RawCell]:
    """``n`` raw cells on a 10-column grid, ``page_size`` cells per page (bulk insert timing)."""
    cells = []
    for i in range(n):
        page, k = divmod(i, page_size)
        row, col = divmod(k, 10)
        cells.append(RawCell(page + 1, 1, row, col, 1, 1, f"{(i * 37) % 5000:,}件",
                             30.0 + 50 * col, 60.0 + 12 * row, 80.0 + 50 * col, 72.0 + 12 * row))
    return cells
