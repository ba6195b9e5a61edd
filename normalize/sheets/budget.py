"""Budget tables: amounts by item, fiscal year and amount basis.

Two layouts, both found by printed text, never by coordinates (template
key ``layout`` of ``[[budget_tables]]``):

* ``anchor`` (default; 施策評価 決算額 table, seed 000): the table whose
  header cell prints the ``anchor`` label (決算額), or -- the other printing
  of seed 000 -- the table directly below a heading line printing it whose
  top-left header cell is blank (rule ``budget.caption_above``); the header
  row's other cells are fiscal years, and each row below is one item whose
  label carries its unit ("事業費（千円）" -> item 事業費, unit 千円;
  "執行率（％）" -> 執行率, %).  Unit and item split by
  :func:`normalize.vocabulary.unit_in_label` / ``strip_unit_from_label``.
* ``year_header`` (事業評価シート ３．年度別事業内容・決算額, seed 001;
  池田市 （４）事業費等; 神戸市 ≪事業別コスト等≫): the first table below the
  printed ``caption``; its fiscal years are the first row whose cells are
  year labels, alone (平成26年度 | 平成27年度) or with an amount-basis word
  (20年度決算 | 25年度予算, 神戸市), and a year cell over a sub-header row of
  basis words gives one column per sub-cell (池田市 R６年度 over 予 算 |
  決 算: two facts of one year; Ｒ４年度 over 決 算).  Each column's
  ``amount_basis`` (``facts.AMOUNT_BASES``) is read from its own header
  (:func:`normalize.vocabulary.amount_basis_for_label`: 決算 -> settled,
  予算 -> budget, 見込 -> estimate, 計画 -> plan), else from the caption
  or anchor label (決算額 -> settled), else None (rule
  ``budget.amount_basis``).  Items are the rows below whose innermost label
  (left of the year columns) is a budget item of the vocabulary
  (:func:`normalize.vocabulary.budget_item_for_label`): rows under a group
  label spanning them (財源内訳 over 国庫支出金 … 一般財源) give one item
  per sub-row, "事業費　(A)" is 事業費 and "執行率　(%)" 執行率.  With
  ``items = "printed"`` every labelled row is an item named by its label as
  printed (whitespace removed, unit dropped: 池田市's 主な内訳 rows such as
  委託料, 神戸市's 人件費 … 従事人員(D)); a label that does not reach the
  year columns is a group label (縦書き 主/な/内/訳, 財/源), and a row whose
  cell under a year column spans several year columns holds text, not
  amounts (池田市 R6年度における「その他」財源の主な内容) -- neither is an item.
  Rows that are not budget items (事業内容, text) are left to the raw
  cells.  A row label's own unit ((%)) wins; otherwise amounts are in the
  unit of the caption line's （単位：千円）, else the template's ``unit``.
  A table without a year header row (seed 001 prints none, and blank
  amounts) yields no budget values.  A table continued on the next page
  (the next page's first table: with the header repeated, or without it
  and the same year-column rules) is read on (rule ``budget.continued``).

Rule ids (:mod:`normalize.rules`): ``budget.year_header``,
``budget.group_rows``, ``budget.item_label``, ``budget.amount_basis``,
``budget.caption_above``, ``budget.continued``, ``budget.printed_item``,
``unit.table_caption``, ``cell.split_bracket``,
``text.vertical_annotation``.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from hyoka.extract.model import Cell, ExtractedDocument, Table, TextLine
from hyoka.normalize.era import EraContext, fiscal_year_from_label
from hyoka.normalize.facts import BudgetValue, Provenance, Value
from hyoka.normalize.sheets.cells import (bbox_tuple, cell_text, is_label, key, label_rules, label_text,
                                    mend_split_bracket, read_value)
from hyoka.normalize.values import parse_value
from hyoka.normalize.width import fold_width
from hyoka.normalize.vocabulary import (TABLE_CORNER_LABELS, YEAR_PLACEHOLDER, amount_basis_for_label, budget_item_for_label,
                                  strip_unit_from_label, unit_in_label)


@dataclass(frozen=True)
class YearColumn:
    """One amount column of a budget table: grid ``col``, ``fiscal_year``
    (western), ``amount_basis`` (``facts.AMOUNT_BASES`` or None) and the
    header ``label`` as printed (year cell and sub-header joined)."""

    col: int
    fiscal_year: int
    amount_basis: str | None
    label: str


def _basis_word(text: str) -> str | None:
    """The amount basis of a header text that is a basis word alone, after
    the year is removed ("決 算", "予算", "当初予算", "決算額"), else None.
    A text printing anything else (実績, 目標値, 成果指標) is no budget header."""
    rest = key(text).replace(YEAR_PLACEHOLDER, "")
    if not rest:
        return None
    basis = amount_basis_for_label(rest)
    # the word and at most 額 / 見込 around it: 決算額, 決算見込, 予算現額
    return basis if basis is not None and len(rest) <= 5 else None


def year_columns(table: Table, ctx: EraContext, default_basis: str | None = None
                 ) -> tuple[int, list[YearColumn]] | None:
    """(first data row, amount columns) of the first row of year labels.

    A header cell is a year cell when its key is 〈年度〉 alone or 〈年度〉
    with an amount-basis word (20年度決算, R6予算); the cells of the next
    row within a year cell's span that print a basis word alone (予 算 |
    決 算) split it into one column each (池田市 （４）事業費等: R６年度 over
    予算 and 決算).  Shapes: ``table`` one extracted table; ``ctx`` era
    context of bare years (神戸市 "20年度"); ``default_basis`` the basis of
    columns whose headers print none (from the caption).  Returns None when
    no row has a year cell.  Rule ``budget.year_header``.
    """
    for r in range(table.n_rows):
        cells = sorted((c for c in table.cells if c.row == r and c.lines), key=lambda c: c.col)
        cols: list[YearColumn] = []
        last_row = r + 1
        for c in cells:
            text = cell_text(c)
            k = key(text)
            if YEAR_PLACEHOLDER not in k or not k.startswith(YEAR_PLACEHOLDER):
                continue
            own = None if k == YEAR_PLACEHOLDER else _basis_word(text)
            if k != YEAR_PLACEHOLDER and own is None:
                continue
            fy = fiscal_year_from_label(text, ctx)
            if fy is None:
                continue
            below = r + c.row_span
            subs = sorted((s for s in table.cells if s.row == below and s.lines
                           and c.col <= s.col < c.col + c.col_span and _basis_word(cell_text(s))),
                          key=lambda s: s.col)
            if subs and own is None:
                for sub in subs:
                    cols.append(YearColumn(sub.col, fy, _basis_word(cell_text(sub)),
                                           f"{text} {cell_text(sub)}"))
                last_row = max(last_row, below + 1)
            else:
                cols.append(YearColumn(c.col, fy, own or default_basis, text))
                last_row = max(last_row, r + c.row_span)
        if cols:
            return last_row, cols
    return None


def _header_basis(label: str) -> str | None:
    """The amount basis a caption or anchor names (年度別事業内容・決算額,
    決算額 -> settled), else None."""
    return amount_basis_for_label(label) if label else None


def _anchor_cell(table: Table, anchor: str) -> Cell | None:
    return next((c for c in table.cells if c.lines and is_label(cell_text(c), anchor)), None)


def caption_above(doc: ExtractedDocument, table: Table, caption: str) -> TextLine | None:
    """The heading line printing ``caption`` directly above ``table``, or None.

    Directly above: on the table's page, outside every table, its bottom
    at most 3 line heights above the table's top and no other table in
    between; the line prints the caption alone (:func:`is_label`) or
    contains it.  The table's top-left cell must be blank (seed 000
    printed with 決算額 as a heading over a table whose corner is empty) or
    a generic row-header label (``vocabulary.TABLE_CORNER_LABELS``: 区分 …).
    """
    page = doc.page(table.page)
    corner = table.cell_at(0, 0)
    if corner is not None and corner.lines and key(cell_text(corner)) not in {key(w) for w in TABLE_CORNER_LABELS}:
        return None
    want = key(caption)
    others = [t for t in page.tables if t is not table]
    for line in page.lines:
        if any(t.bbox.contains(line.bbox, 1) for t in page.tables):
            continue
        gap = table.bbox.top - line.bbox.bottom
        if not (-1.0 <= gap <= 3 * max(line.bbox.height, line.size)):
            continue
        if any(line.bbox.bottom <= t.bbox.top < table.bbox.top for t in others):
            continue
        if is_label(line.text, caption) or (want and want in key(line.text)):
            return line
    return None


def read_budget_table(table: Table, spec: dict, ctx: EraContext, policy_code: str | None,
                      project_name: str | None = None, doc: ExtractedDocument | None = None
                      ) -> list[BudgetValue]:
    """Budget values of an ``anchor`` layout ``table`` (see module doc), else [].

    Args:
        table: one extracted table.
        spec: the template's ``[[budget_tables]]`` entry (``anchor``,
            default 決算額).
        ctx: era context for bare year labels ("5 年度").
        policy_code, project_name: what the amounts belong to.
        doc: the document, to find the anchor printed as a heading above
            the table (:func:`caption_above`); None reads header cells only.
    Returns:
        one :class:`BudgetValue` per (item row, year column), blank cells
        included with status ``missing``; ``amount_basis`` from the year
        header, else the anchor (決算額 -> settled); [] without the anchor.
    """
    anchor_label = spec.get("anchor", "決算額")
    anchor = _anchor_cell(table, anchor_label)
    extra: tuple[str, ...] = ()
    if anchor is not None:
        header_row = anchor.row + anchor.row_span - 1
        label_col = anchor.col
        years = []
        for c in table.cells:
            if c.row <= header_row < c.row + c.row_span and c.col > anchor.col:
                fy = fiscal_year_from_label(cell_text(c), ctx)
                if fy is not None:
                    years.append(YearColumn(c.col, fy, _basis_word(cell_text(c)) or _header_basis(anchor_label),
                                            cell_text(c)))
        first = header_row + 1
    elif doc is not None and caption_above(doc, table, anchor_label) is not None:
        header = year_columns(table, ctx, _header_basis(anchor_label))
        if header is None:
            return []
        first, years = header
        label_col = 0
        extra = ("budget.caption_above",)
    else:
        return []
    out = []
    for r in range(first, table.n_rows):
        label_cell = table.cell_at(r, label_col)
        if label_cell is None or label_cell.row != r:
            continue
        label = cell_text(label_cell)
        if not label:
            continue
        unit = unit_in_label(label)
        item = strip_unit_from_label(label)
        for yc in years:
            cell = table.cell_at(r, yc.col)
            v = read_value(cell, unit)
            if extra:
                v = replace(v, rule_ids=v.rule_ids + extra)
            prov = Provenance(table.page, **bbox_tuple(cell.bbox)) if cell else Provenance(table.page)
            out.append(BudgetValue(policy_code, project_name, item, yc.fiscal_year, v, prov, yc.amount_basis))
    return out


def find_caption(doc: ExtractedDocument, caption: str) -> tuple[int, TextLine] | None:
    """(page number, line) of the first printed line containing ``caption``
    (compared as :func:`normalize.sheets.cells.key`), else of the first
    table cell containing it — a caption wrapped inside a cell, whose page
    lines interleave ("年度別事業内容・決算額（単位：千" over "円）"), is read
    from the cell's own lines, returned as one line with the cell's bbox.
    None when neither prints it."""
    want = key(caption)
    if not want:
        return None
    for page in doc.pages:
        for line in page.lines:
            if want in key(line.text):
                return page.number, line
    for page in doc.pages:
        for table in page.tables:
            for cell in table.cells:
                if cell.lines and want in key("".join(line.text for line in cell.lines)):
                    text = "".join(line.text for line in cell.lines)
                    return page.number, TextLine(text, cell.bbox, max(line.size for line in cell.lines))
    return None


def table_below(doc: ExtractedDocument, page: int, line: TextLine) -> Table | None:
    """The table a caption ``line`` names: the table on ``page`` whose first
    row prints it (the caption in the table's top-left cell, as the layout
    generator and some 事業評価シート print 年度別事業内容・決算額), else the
    nearest table below it (top at or under its bottom)."""
    tables = doc.page(page).tables
    inside = [t for t in tables if t.bbox.top - 1.0 <= line.bbox.top and line.bbox.bottom <= t.bbox.bottom + 1.0
              and t.bbox.x0 - 1.0 <= line.bbox.x0 <= t.bbox.x1]
    if inside:
        return min(inside, key=lambda t: t.bbox.top)
    below = [t for t in tables if t.bbox.top >= line.bbox.bottom - 1.0]
    return min(below, key=lambda t: t.bbox.top) if below else None


def year_header(table: Table, ctx: EraContext) -> tuple[int, list[tuple[int, int]]] | None:
    """(header row, [(grid column, fiscal_year)]) of the first row of year
    labels (see :func:`year_columns`), or None.  Kept for callers that need
    no amount basis; the header row is the row of the year cells."""
    found = year_columns(table, ctx)
    if found is None:
        return None
    first, cols = found
    rows = [c.row for c in table.cells if c.col in {yc.col for yc in cols} and c.row < first and c.lines]
    return (min(rows) if rows else first - 1), sorted((yc.col, yc.fiscal_year) for yc in cols)


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


def _continuation(doc: ExtractedDocument, table: Table, cols: list[YearColumn]) -> Table | None:
    """The first table of the next page when it continues ``table``: same
    column count and the year columns' left rules within 3 pt (a page
    break inside the table, with or without its header repeated)."""
    numbers = [p.number for p in doc.pages]
    if table.page + 1 not in numbers:
        return None
    nxt = [t for t in doc.page(table.page + 1).tables]
    if not nxt:
        return None
    cand = min(nxt, key=lambda t: t.bbox.top)
    if cand.n_cols != table.n_cols:
        return None

    def x(t: Table, col: int) -> float | None:
        xs = [c.bbox.x0 for c in t.cells if c.col == col]
        return min(xs) if xs else None

    for yc in cols:
        a, b = x(table, yc.col), x(cand, yc.col)
        if a is None or b is None or abs(a - b) > 3.0:
            return None
    return cand


def _printed_item(label: str) -> str:
    """An item named as printed: unit declaration and whitespace removed,
    width-folded (rule ``width.fold``): "事　業　費　　Ａ" -> "事業費A",
    "ｱﾙﾊﾞｲﾄ・人材派遣" -> "アルバイト・人材派遣", "合計（A）" -> "合計(A)"."""
    return fold_width("".join(strip_unit_from_label(label).split()))


def _read_rows(table: Table, first: int, cols: list[YearColumn], spec: dict, table_unit: str | None,
               unit_rule: bool, policy_code: str | None, project_name: str | None,
               extra: tuple[str, ...]) -> list[BudgetValue]:
    printed_items = spec.get("items") == "printed"
    groups = {key(g) for g in spec.get("groups", ())}
    first_year_col = min(yc.col for yc in cols)
    out = []
    for r in range(first, table.n_rows):
        label_cell, grouped = _row_label(table, r, first_year_col)
        if label_cell is None:
            continue
        if printed_items:
            if label_cell.col + label_cell.col_span < first_year_col:
                continue  # a group label (縦書き 主/な/内/訳) printed left of the items
            cells = [table.cell_at(r, yc.col) for yc in cols]
            year_cols = {yc.col for yc in cols}
            if any(c is not None and len([k for k in range(c.col, c.col + c.col_span) if k in year_cols]) > 1
                   for c in cells):
                continue  # a text cell across the year columns, not amounts
            label = label_text(label_cell)
            rules = ("budget.year_header",) + (("budget.group_rows",) if grouped else ()) + \
                ("budget.printed_item", "width.fold") + label_rules(label_cell)
            first_cell = cells[0]
            label, first_text, mended = mend_split_bracket(label, cell_text(first_cell))
            item = _printed_item(label)
            if not item or key(item) in groups:
                continue
        else:
            label = cell_text(label_cell)
            item = budget_item_for_label(label)
            if item is None or key(item) in groups:
                continue
            rules = ("budget.year_header",) + (("budget.group_rows",) if grouped else ()) + ("budget.item_label",)
            mended = False
        own_unit = unit_in_label(label)
        if own_unit is None and table_unit is not None and unit_rule:
            rules += ("unit.table_caption",)
        for n, yc in enumerate(cols):
            cell = table.cell_at(r, yc.col)
            if n == 0 and mended:
                v = parse_value(first_text, unit_hint=own_unit or table_unit)
                v = replace(v, rule_ids=("cell.split_bracket",) + v.rule_ids)
            else:
                v = read_value(cell, own_unit or table_unit)
            rb = rules + (("budget.amount_basis",) if yc.amount_basis else ()) + extra
            v = replace(v, rule_ids=v.rule_ids + rb)
            prov = Provenance(table.page, **bbox_tuple(cell.bbox)) if cell else Provenance(table.page)
            out.append(BudgetValue(policy_code, project_name, item, yc.fiscal_year, v, prov, yc.amount_basis))
    return out


def read_year_header_budget(doc: ExtractedDocument, spec: dict, ctx: EraContext, policy_code: str | None,
                            project_name: str | None = None) -> list[BudgetValue]:
    """Budget values of a ``year_header`` layout table (see module doc).

    Args:
        doc: the extracted document.
        spec: the template's ``[[budget_tables]]`` entry: ``caption`` (the
            printed title above the table, e.g. 年度別事業内容・決算額),
            ``unit`` (amount unit when the caption declares none, e.g. 千円),
            ``groups`` (labels that group sub-rows and are no item
            themselves, e.g. ["財源内訳"]), ``items`` (``"printed"``: every
            labelled row is an item named as printed; default: the
            vocabulary's budget items only).
        ctx: era context for the year labels.
        policy_code, project_name: what the amounts belong to.
    Returns:
        one :class:`BudgetValue` per (item row, amount column) with the
        contract's item name (事業費, 執行率, 国庫支出金, 県支出金, 起債,
        その他特財, 一般財源; or the printed label), amounts in the caption's
        unit (千円, value_std in 円) and 執行率 in %, ``amount_basis`` per
        column; "-" cells are ``not_applicable``, blank cells ``missing``.
        [] when the caption, the table or its year header row is absent.
    """
    found = find_caption(doc, spec.get("caption", ""))
    if found is None:
        return []
    page, line = found
    table = table_below(doc, page, line)
    if table is None:
        return []
    header = year_columns(table, ctx, _header_basis(spec.get("caption", "")))
    if header is None:
        return []
    first, cols = header
    caption_unit = unit_in_label(line.text)
    if caption_unit is None:  # a caption wrapped in its cell: the unit is on the cell's next line
        want = key(spec.get("caption", ""))
        cell = next((c for c in table.cells if c.lines and want in key("".join(x.text for x in c.lines))), None)
        caption_unit = unit_in_label("".join(x.text for x in cell.lines)) if cell is not None else None
    table_unit = caption_unit or spec.get("unit")
    in_table = table.bbox.top - 1.0 <= line.bbox.top  # the caption printed in the table's own first row
    out = _read_rows(table, first, cols, spec, table_unit, table_unit is not None,
                     policy_code, project_name, ("budget.caption_in_table",) if in_table else ())
    seen = {id(table)}
    while (nxt := _continuation(doc, table, cols)) is not None and id(nxt) not in seen:
        seen.add(id(nxt))
        again = year_columns(nxt, ctx, _header_basis(spec.get("caption", "")))
        start = again[0] if again is not None and [c.col for c in again[1]] == [c.col for c in cols] else 0
        out.extend(_read_rows(nxt, start, cols, spec, table_unit, table_unit is not None,
                              policy_code, project_name, ("budget.continued",)))
        table = nxt
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
        out.extend(read_budget_table(table, spec, ctx, policy_code, project_name, doc))
    return out
