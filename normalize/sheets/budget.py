"""Budget tables: amounts by item and fiscal year.

Two layouts, both found by printed text, never by coordinates (template
key ``layout`` of ``[[budget_tables]]``):

* ``anchor`` (default; 施策評価 決算額 table, seed 000): the table whose
  header cell prints the ``anchor`` label (決算額); the header row's other
  cells are fiscal years, and each row below is one item whose label
  carries its unit ("事業費（千円）" -> item 事業費, unit 千円;
  "執行率（％）" -> 執行率, %).  Unit and item split by
  :func:`normalize.vocabulary.unit_in_label` / ``strip_unit_from_label``.
* ``year_header`` (事業評価シート ３．年度別事業内容・決算額, seed 001): the
  first table below the printed ``caption``; its fiscal years are the
  first row whose cells are year labels alone (平成26年度 | 平成27年度 |
  平成28年度) and its items the rows below whose innermost label (left of
  the year columns) is a budget item of the vocabulary
  (:func:`normalize.vocabulary.budget_item_for_label`): rows under a group
  label spanning them (財源内訳 over 国庫支出金 … 一般財源) give one item per
  sub-row, "事業費　(A)" is 事業費 and "執行率　(%)" 執行率.  Rows that are
  not budget items (事業内容, text) are left to the raw cells.  A row
  label's own unit ((%)) wins; otherwise amounts are in the unit of the
  caption line's （単位：千円）, else the template's ``unit``.  A table
  without a year header row (seed 001 prints none, and blank amounts)
  yields no budget values.

Rule ids (:mod:`normalize.rules`): ``budget.year_header``,
``budget.group_rows``, ``budget.item_label``, ``unit.table_caption``.
"""
from __future__ import annotations

from dataclasses import replace

from extract.model import Cell, ExtractedDocument, Table, TextLine
from normalize.era import EraContext, fiscal_year_from_label
from normalize.facts import BudgetValue, Provenance, Value
from normalize.sheets.cells import bbox_tuple, cell_text, is_label, key, read_value
from normalize.vocabulary import YEAR_PLACEHOLDER, budget_item_for_label, strip_unit_from_label, unit_in_label


def read_budget_table(table: Table, spec: dict, ctx: EraContext, policy_code: str | None,
                      project_name: str | None = None) -> list[BudgetValue]:
    """Budget values of an ``anchor`` layout ``table`` (see module doc), else [].

    Args:
        table: one extracted table.
        spec: the template's ``[[budget_tables]]`` entry (``anchor``,
            default 決算額).
        ctx: era context for bare year labels ("5 年度").
        policy_code, project_name: what the amounts belong to.
    Returns:
        one :class:`BudgetValue` per (item row, year column), blank cells
        included with status ``missing``; [] without the anchor header.
    """
    anchor = next((c for c in table.cells if c.lines and is_label(cell_text(c), spec.get("anchor", "決算額"))), None)
    if anchor is None:
        return []
    header_row = anchor.row + anchor.row_span - 1
    years = []
    for c in table.cells:
        if c.row <= header_row < c.row + c.row_span and c.col > anchor.col:
            fy = fiscal_year_from_label(cell_text(c), ctx)
            if fy is not None:
                years.append((c.col, fy))
    out = []
    for r in range(header_row + 1, table.n_rows):
        label_cell = table.cell_at(r, anchor.col)
        if label_cell is None or label_cell.row != r:
            continue
        label = cell_text(label_cell)
        if not label:
            continue
        unit = unit_in_label(label)
        item = strip_unit_from_label(label)
        for col, fy in years:
            cell = table.cell_at(r, col)
            v = read_value(cell, unit)
            prov = Provenance(table.page, **bbox_tuple(cell.bbox)) if cell else Provenance(table.page)
            out.append(BudgetValue(policy_code, project_name, item, fy, v, prov))
    return out


def find_caption(doc: ExtractedDocument, caption: str) -> tuple[int, TextLine] | None:
    """(page number, line) of the first printed line containing ``caption``
    (compared as :func:`normalize.sheets.cells.key`), or None."""
    want = key(caption)
    if not want:
        return None
    for page in doc.pages:
        for line in page.lines:
            if want in key(line.text):
                return page.number, line
    return None


def table_below(doc: ExtractedDocument, page: int, line: TextLine) -> Table | None:
    """The table on ``page`` nearest below ``line`` (top at or under its bottom)."""
    below = [t for t in doc.page(page).tables if t.bbox.top >= line.bbox.bottom - 1.0]
    return min(below, key=lambda t: t.bbox.top) if below else None


def year_header(table: Table, ctx: EraContext) -> tuple[int, list[tuple[int, int]]] | None:
    """(header row, [(grid column, fiscal_year)]) of the first row whose
    labelled cells are year labels alone (key == 〈年度〉), or None."""
    for r in range(table.n_rows):
        cells = [c for c in table.cells if c.row == r and c.lines]
        years = []
        for c in cells:
            text = cell_text(c)
            fy = fiscal_year_from_label(text, ctx) if key(text) == YEAR_PLACEHOLDER else None
            if fy is not None:
                years.append((c.col, fy))
        if years:
            return r, sorted(years)
    return None


def _row_label(table: Table, row: int, before_col: int) -> tuple[Cell | None, bool]:
    """The innermost label cell of ``row`` left of ``before_col`` if it starts
    on that row, and whether an outer label spans it (a group such as
    財源内訳)."""
    covering = [c for c in table.cells
                if c.col < before_col and c.row <= row < c.row + c.row_span and c.lines]
    if not covering:
        return None, False
    inner = max(covering, key=lambda c: c.col)
    if inner.row != row:
        return None, False
    grouped = any(c is not inner and c.row_span > 1 for c in covering)
    return inner, grouped


def read_year_header_budget(doc: ExtractedDocument, spec: dict, ctx: EraContext, policy_code: str | None,
                            project_name: str | None = None) -> list[BudgetValue]:
    """Budget values of a ``year_header`` layout table (see module doc).

    Args:
        doc: the extracted document.
        spec: the template's ``[[budget_tables]]`` entry: ``caption`` (the
            printed title above the table, e.g. 年度別事業内容・決算額),
            ``unit`` (amount unit when the caption declares none, e.g. 千円),
            ``groups`` (labels that group sub-rows and are no item
            themselves, e.g. ["財源内訳"]).
        ctx: era context for the year labels.
        policy_code, project_name: what the amounts belong to.
    Returns:
        one :class:`BudgetValue` per (item row, year column) with the
        contract's item name (事業費, 執行率, 国庫支出金, 県支出金, 起債,
        その他特財, 一般財源), amounts in the caption's unit (千円, value_std
        in 円) and 執行率 in %; "-" cells are ``not_applicable``, blank
        cells ``missing``.  [] when the caption, the table or its year
        header row is absent.
    """
    found = find_caption(doc, spec.get("caption", ""))
    if found is None:
        return []
    page, line = found
    table = table_below(doc, page, line)
    if table is None:
        return []
    header = year_header(table, ctx)
    if header is None:
        return []
    header_row, years = header
    first_year_col = years[0][0]
    table_unit = unit_in_label(line.text) or spec.get("unit")
    groups = {key(g) for g in spec.get("groups", ())}
    out = []
    for r in range(header_row + 1, table.n_rows):
        label_cell, grouped = _row_label(table, r, first_year_col)
        if label_cell is None:
            continue
        label = cell_text(label_cell)
        item = budget_item_for_label(label)
        if item is None or key(item) in groups:
            continue
        own_unit = unit_in_label(label)
        rules = ("budget.year_header",) + (("budget.group_rows",) if grouped else ()) + ("budget.item_label",)
        if own_unit is None and table_unit is not None:
            rules += ("unit.table_caption",)
        for col, fy in years:
            cell = table.cell_at(r, col)
            v: Value = read_value(cell, own_unit or table_unit)
            v = replace(v, rule_ids=v.rule_ids + rules)
            prov = Provenance(table.page, **bbox_tuple(cell.bbox)) if cell else Provenance(table.page)
            out.append(BudgetValue(policy_code, project_name, item, fy, v, prov))
    return out


def read_budgets(doc: ExtractedDocument, spec: dict, ctx: EraContext, policy_code: str | None,
                 project_name: str | None = None) -> list[BudgetValue]:
    """Budget values of every table ``spec`` describes, by its ``layout``
    (``anchor`` default, or ``year_header``); see the module doc.

    Returns [] when nothing matches; never raises for content it does not
    understand.  Raises ValueError for an unknown ``layout`` (a template
    error).
    """
    layout = spec.get("layout", "anchor")
    if layout == "year_header":
        return read_year_header_budget(doc, spec, ctx, policy_code, project_name)
    if layout != "anchor":
        raise ValueError(f"unknown budget table layout {layout!r}")
    out: list[BudgetValue] = []
    for table in doc.tables:
        out.extend(read_budget_table(table, spec, ctx, policy_code, project_name))
    return out
