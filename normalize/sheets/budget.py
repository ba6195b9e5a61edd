"""Budget tables: amounts by item and fiscal year (決算額 table of 施策評価).

Found by the template's ``anchor`` label in a header cell; the header
row's other cells are fiscal years, and each row below is one item whose
label carries its unit ("事業費（千円）" -> item 事業費, unit 千円;
"執行率（％）" -> 執行率, %).  Unit and item split by
:func:`normalize.vocabulary.unit_in_label` / ``strip_unit_from_label``.
"""
from __future__ import annotations

from extract.model import Table
from normalize.era import EraContext, fiscal_year_from_label
from normalize.facts import BudgetValue, Provenance
from normalize.sheets.cells import bbox_tuple, cell_text, is_label, read_value
from normalize.vocabulary import strip_unit_from_label, unit_in_label


def read_budget_table(table: Table, spec: dict, ctx: EraContext, policy_code: str | None,
                      project_name: str | None = None) -> list[BudgetValue]:
    """Budget values of ``table`` if it has the ``spec['anchor']`` header, else [].

    Returns one :class:`BudgetValue` per (item row, year column), blank
    cells included with status ``missing``.
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
