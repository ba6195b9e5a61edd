"""The registry of normalization rule ids.

Every pure rule in ``normalize/`` has a stable id listed here; functions
that produce a :class:`normalize.facts.Value` record the ids that fired in
``Value.rule_ids`` so an auditor can see why a cell became a number.  Ids
are never renamed or reused; a retired rule keeps its entry.
"""
from __future__ import annotations

from collections.abc import Iterable

#: rule id -> one-line description (with its source).
RULES: dict[str, str] = {
    # width.py
    "width.fold": "full-width ASCII/digits and ideographic space to half-width, half-width katakana to full-width; ①, Ⅲ, △, ※ kept (Unicode FF00 block)",
    # era.py
    "era.reiwa": "令和N年度 / RN = 2018+N (令和 began 2019-05-01; contract: fiscal_year)",
    "era.heisei": "平成N年度 / HN = 1988+N (平成 began 1989-01-08; contract: fiscal_year)",
    "era.showa": "昭和N年度 / SN = 1925+N (昭和 began 1926-12-25)",
    "era.taisho": "大正N年度 / TN = 1911+N (大正 began 1912-07-30)",
    "era.meiji": "明治N年度 / MN = 1867+N (明治 began 1868)",
    "era.gannen": "元年 = year 1 of an era (令和元年度 = 平成31年度 = 2019)",
    "era.western": "a four-digit western year printed as such (2023年度)",
    "era.bare_from_context": "a bare N年度 takes its era from the document (contract: fiscal_year), else the nearest plausible era",
    "era.range": "a year range R3~4 / 令和3年～令和4年 / 令和5年～ expands to every fiscal year in it",
    # values.py
    "number.separators": "thousands separators removed and full-width digits converted (contract: value)",
    "number.negative_triangle": "△ / ▲ before a number means negative (Japanese accounting convention)",
    "number.minus": "an ASCII/full-width minus before a number means negative",
    "unit.suffix": "unit printed after the number, kept as printed (contract: unit)",
    "unit.hint": "no unit printed in the cell; unit taken from the row/column label (e.g. 執行率（％）)",
    "unit.std_thousand_yen": "千円 -> 円 x1000 (contract: value_std)",
    "unit.std_million_yen": "百万円 -> 円 x1,000,000 (contract: value_std)",
    "unit.std_hundred_million_yen": "億円 -> 円 x100,000,000",
    "status.blank": "blank cell -> missing (contract: status)",
    "status.pending": "集計中 / 年度末に調査 / 調査中 -> pending (contract: status; seed 004)",
    "status.not_applicable": "- － ― 該当なし -> not_applicable (contract: status)",
    "status.source_error": "#VALUE! #DIV/0! ... printed spreadsheet errors -> source_error (contract: status; seed 004)",
    "status.unparsed": "text no rule could read, kept raw (contract: status)",
    "result.verdict": "a 結果 verdict label (達成, 概ね達成, 未達成, ...見込み) -> ok with no value (contract: result rows; seed 004 〔結果の見方〕)",
    "note.parenthesised_remark": "a parenthesised remark after the value goes to note: 0人(中止) (contract: note)",
    "estimate.mark": "見込 / 見込み / 見込値 marks the figure as an estimate (contract: is_estimate; seed 004 〔実績について〕)",
    # text.py
    "text.join_wrapped": "wrapped lines of one paragraph joined: no space between CJK characters, one between ASCII words",
    "text.strip_bullet": "a leading bullet mark (・ ● ○ ◎ ■ □ ⇒ → - ※) removed (contract: v_text_blocks.text)",
    "text.ruby": "furigana lines (kana only, font < 0.75 x the largest) dropped (seed 003 課長名)",
    # policy.py
    "policy.compose_levels": "a plan-table row's code composed from the printed section numeral and 基本方針 / 基本施策 / 単位施策 numbers, as the indicator table prints it: (I …) + 1 + (1) + ① -> I-1-(1)-① (seed 004 取組状況)",
    "policy.from_indicator_name": "a plan-table row whose code cannot be composed takes the code of the indicator-table row with the same 成果指標 (seed 004)",
    "policy.split_codes": "several policy codes in one cell split in printed order, inner spaces removed (contract: policy_code; seed 004)",
    # validate/ (findings; never block a load)
    "finding.achievement_rate_mismatch": "a printed 達成率 is not 実績 / 目標 x 100 (目標 / 実績 for lower-is-better indicators) at its printed precision, half-up or truncated (seed 004 成果指標)",
    "finding.result_label_mismatch": "a printed 結果 verdict disagrees with its 達成率 under the thresholds of the sheet's legend 〔結果の見方〕, else the template's (seed 004)",
    "finding.funding_sum_mismatch": "財源内訳 items (国庫支出金, 県支出金, 起債, その他特財, 一般財源) do not sum to 事業費 for one fiscal year (seed 001 年度別事業内容・決算額)",
    "finding.execution_rate_implausible": "a printed 執行率 is negative or above 100% plus the template's tolerance (seeds 000, 001)",
    "finding.year_columns_not_consecutive": "the fiscal years printed for one indicator measure or budget line have a gap, or one row prints a year twice",
    "finding.needs_ocr": "pages without a usable text layer: no text layer (a scan), a garbage one ((cid:N) codes, Private Use glyphs, mojibake) or no content at all; the reason names the pages (extract/health.py)",
    "ocr.label_snapped": "a label read by OCR that differs from exactly one label of the template's vocabulary by a misread glyph or two (same length, like for like, within a quarter of its characters) is read as that label; the raw cell keeps what the engine read and an info finding names both, with page and bbox (normalize/snap.py; issue 8)",
    "ocr.low_confidence": "a figure read by OCR (extract/ocr/) whose engine confidence is below normalize.ocr.OCR_MIN_CONFIDENCE, whose text holds characters no figure prints, or that fails the sheet's own checks (達成率 = 実績 / 目標 …) keeps its text with status unparsed, and a warning finding names it (normalize/ocr.py; issue 8: never false certainty)",
    "finding.unit_changed": "an indicator's cells print different units in one document",
    "finding.restated_figure_mismatch": "the same figure (indicator or budget line, fiscal year, measure) printed twice with different values (within one document here; across documents in SQL)",
    # split.py, coverage.py (issue 7: the sheet layer and coverage)
    "sheet.opens": "a page printing a template's opening heading (its title) in its top band, with a different identity (title year, policy code, subject) than the sheet before, opens a new sheet (contract v2: a sheet is one template, one subject, one fiscal year)",
    "sheet.continues": "a page repeating a sheet's opening heading with the same identity continues that sheet (a table that runs on with its header block repeated, seed 004)",
    "sheet.identity_read": "a page repeating a sheet's opening heading without a complete printed identity opens a new sheet when the pages before and after it, interpreted, give different fiscal years, policies or subjects",
    "coverage.table_not_interpreted": "a table of a recognised sheet holds numeric cells that no interpreter read into a typed fact (contract v2: v_sheets.coverage below 1)",
    # sheets/budget.py, sheets/sections.py (budget tables with a year header; document subject)
    "budget.year_header": "a budget table's fiscal years from its first row of year labels (平成26年度 | 平成27年度 | 平成28年度); no such row -> no budget values (seed 001 年度別事業内容・決算額)",
    "budget.group_rows": "rows under a group label spanning them (財源内訳) give one item per sub-row, named by the sub-row label (国庫支出金 … 一般財源; seed 001)",
    "budget.item_label": "a budget row label to the contract's item: unit, reference letter and spaces dropped (事業費　(A) -> 事業費, その他　特財 -> その他特財; contract v_budget_values.item)",
    "unit.table_caption": "no unit in the cell or row label; amounts in the unit of the table caption （単位：千円）, else the template's (seed 001)",
    "subject.label_value": "the document subject is the cell right of (else below) the template's subject label (事業名, 部局名), width-folded (DocumentFacts.subject)",
    # sheets/budget.py, sheets/indicators.py, sheets/cells.py (issue 7: layout drift, other cities)
    "budget.amount_basis": "a budget column's amount basis from its own header (決算 -> settled, 予算 / 当初予算 / 予算現額 -> budget, 見込 -> estimate, 計画 -> plan), else the caption or anchor (決算額); a year over 予算 | 決算 gives two columns (池田市 （４）事業費等; 神戸市 20年度決算 … 25年度予算)",
    "budget.caption_above": "the anchor label (決算額) printed as a heading line directly above a table whose top-left cell is blank finds the table (seed 000's other printing)",
    "budget.continued": "the next page's first table with the same year-column rules continues a budget table, with or without its header repeated",
    "budget.printed_item": "with items = printed every labelled row reaching the year columns is an item named as printed (whitespace and unit removed); group labels and text rows across the year columns are not (池田市 主な内訳, 神戸市 ≪事業別コスト等≫)",
    "cell.split_bracket": "a closing bracket the extractor cut from a label into the first value cell ('（差引）一般財源（B' | '） 375,620') goes back to the label (神戸市 ≪事業別コスト等≫)",
    "text.vertical_annotation": "one-character vertical-writing lines beside a horizontal row label (物件費 with （内訳） printed downwards) are dropped from the label (神戸市)",
    "measure.sub_header": "a year sub-column's own label names its measure over its group's (目標値 over R５年度 実績 -> actual; 見込 -> estimate) (池田市 （５）成果指標)",
    "measure.group_own_year": "a group header printing its own fiscal year in brackets in one cell (目標値（8 年度）) is the group label (目標値) over that year's column (平塚市 目標値 column; layout generator)",
    "budget.caption_in_table": "a caption printed in a table's own top-left cell (年度別事業内容・決算額（単位：千円） | 平成26年度 …) names that table (layout generator, 事業評価シート printings)",
    "measure.forecast": "a 見込 sub-column for a year after every 実績 column of a target group is the plan's target for that year, not an estimate (池田市 目標値 R９年度 見込, the plan period's last year)",
    "indicator.aligned_rows": "a row whose cell spans the name, unit or value columns of the header is a text row of the same ruled table, not an indicator (池田市 成果指標の達成状況 / 判断理由)",
    "text.continued": "a text cell in the last row of a page's lowest table continues in the next page's first table when that opens with a cell on the same rules that is no heading (a ruled cell split by a page break)",
    "indicator.name_rows": "an indicator name printed across the year columns with its figures in the row below, in the rows of the template's group label (神戸市 ≪事業実績等≫ 事業実績（C）)",
}


def unknown_rule_ids(ids: Iterable[str]) -> list[str]:
    """Return the ids in ``ids`` that are not registered in :data:`RULES`.

    Args:
        ids: rule ids, e.g. ``Value.rule_ids``.
    Returns:
        the unregistered ids in their given order (empty when all are known).
    """
    return [i for i in ids if i not in RULES]
