"""Indicator tables: target / actual / achievement rate / result by fiscal year.

Three layouts cover the templates we know, all found by header text:

* ``year_columns`` (平塚市 施策評価, 個別施策 KPI; 池田市 （５）成果指標): one
  row per indicator; a header row names the indicator (指標名, 成果指標の内容)
  and unit (単位) columns and measure groups (実績値 / 目標値) whose
  sub-header cells carry a fiscal year ("2 年度", "平成27年度", "R3") or a
  baseline label (計画策定時).  A sub-header printing its own measure wins
  over its group's (目標値 over "R５年度 実績" -> actual, "R６年度 見込" ->
  actual estimate, "R９年度 見込" past every 実績 -> target; rules
  ``measure.sub_header``, ``measure.forecast``), and rows whose cells span
  the header's columns are text rows of the same ruled table
  (``indicator.aligned_rows``).
* ``measure_rows`` (厚木市 取組状況; 平塚市 事業評価シート 活動指標・成果指標,
  sample 005): one block of rows per indicator; a label column (年度, 区分)
  names the measure of each row (目標 / 実績 / 結果 / 達成率) and the
  header's year cells (R3, 令和3年度) give the columns; No., 単位施策No.,
  単位施策, 成果指標, 単位 and the remark column are merged over the block.
* ``name_rows`` (神戸市 ≪事業実績等≫): year-and-measure header cells
  (20年度実績 … 25年度見込み); in the rows of the template's ``group``
  label (事業実績) each indicator's name is printed across the year
  columns and its figures in the row below (``indicator.name_rows``).

A table whose header is not found is skipped here (its cells still reach
the warehouse as raw cells).  A headerless table directly continuing a
recognised one (same column count and rules, e.g. after a page break
without a repeated header) is read with the previous header's mapping.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from hyoka.extract.model import Cell, Table
from hyoka.normalize.era import EraContext, fiscal_year_from_label, split_ranged_labels
from hyoka.normalize.facts import IndicatorValue, Provenance, TextBlock
from hyoka.normalize.policy import split_policy_codes
from hyoka.normalize.sheets.cells import (bbox_tuple, cell_paragraphs, cell_rules, cell_text, is_label, read_value,
                                    starts_range_item)
from hyoka.normalize.text import is_bullet_start
from hyoka.normalize.values import parse_value
from hyoka.normalize.vocabulary import (ESTIMATE_MARKS, YEAR_PLACEHOLDER, label_key, measure_for_label,
                                  strip_unit_from_label, unit_in_label)

#: Measures whose figures are estimates in a year the legend calls 見込値.
ESTIMABLE = ("actual", "result", "achievement_rate")


@dataclass
class Column:
    """What one grid column of an indicator table holds."""

    col: int
    measure: str
    fiscal_year: int | None
    label: str
    is_estimate: bool = False


@dataclass
class Mapping:
    """A recognised header: which grid columns mean what.

    ``kind`` is the layout; ``first_data_row`` the first row below the
    header; ``roles`` maps role names (name, unit, measure, code,
    policy_name, number, remark) to grid columns; ``columns`` the value
    columns; ``x_edges`` the left x of each value column, to recognise a
    continuation table.
    """

    kind: str
    first_data_row: int
    n_cols: int
    roles: dict[str, int] = field(default_factory=dict)
    columns: list[Column] = field(default_factory=list)
    x_edges: list[float] = field(default_factory=list)
    last_row: int | None = None


def _find(table: Table, label: str, rows: range | None = None) -> Cell | None:
    for c in table.cells:
        if rows is not None and c.row not in rows:
            continue
        if c.lines and is_label(cell_text(c), label):
            return c
    return None


def _column_x(table: Table, col: int) -> float:
    xs = [c.bbox.x0 for c in table.cells if c.col == col]
    return min(xs) if xs else 0.0


def detect_year_columns(table: Table, spec: dict, ctx: EraContext) -> Mapping | None:
    """Recognise a ``year_columns`` header in ``table``; None if absent.

    ``spec`` is the template's ``[[indicator_tables]]`` entry.  Years are
    read with :func:`normalize.era.fiscal_year_from_label` in ``ctx``.  A
    spec of ``layout = "name_rows"`` is recognised by
    :func:`detect_name_rows` (the interpreter calls this function for every
    layout but ``measure_rows``).
    """
    if spec.get("layout") == "name_rows":
        return detect_name_rows(table, spec, ctx)
    name = _find(table, spec.get("name", "指標名"))
    if name is None:
        return None
    header_rows = range(name.row, name.row + name.row_span)
    m = Mapping("year_columns", name.row + name.row_span, table.n_cols, {"name": name.col})
    unit = _find(table, spec.get("unit", "単位"), header_rows)
    if unit is not None:
        m.roles["unit"] = unit.col
    groups: dict[str, str] = spec.get("groups", {})
    for gcell in [c for c in table.cells if c.row in header_rows]:
        text = cell_text(gcell)
        bare = group_label_without_year(text, ctx)
        measure = next((ms for lab, ms in groups.items() if is_label(text, lab) or is_label(bare, lab)), None)
        if measure is None:
            continue
        subs = [c for c in table.cells
                if c.row in header_rows and c.row >= gcell.row + gcell.row_span
                and gcell.col <= c.col < gcell.col + gcell.col_span]
        group_cols: list[Column] = []
        for sub in sorted(subs, key=lambda c: c.col):
            label = cell_text(sub)
            own = measure_for_label(label)
            if own == "baseline":
                m.columns.append(Column(sub.col, "baseline", None, label))
                continue
            fy = fiscal_year_from_label(label, ctx)
            if fy is not None:
                group_cols.append(sub_column(sub.col, fy, label, measure, own))
        m.columns.extend(resolve_forecasts(group_cols, measure))
        if not subs:  # group header carrying its own year, e.g. 目標値(5年度)
            fy = fiscal_year_from_label(text, ctx)
            if fy is not None:
                m.columns.append(Column(gcell.col, measure, fy, text))
    if not m.columns:
        return None
    m.x_edges = [_column_x(table, c.col) for c in m.columns]
    return m


#: A bracketed part at the end of a header label: 目標値（8 年度）, 目標値(R5).
_TRAILING_BRACKET = re.compile(r"[（(]([^（()）]*)[）)]\s*$")


def group_label_without_year(text: str, ctx: EraContext) -> str:
    """A group header cell's label without a trailing bracketed fiscal year
    ("目標値\n（8 年度）" -> "目標値"; rule ``measure.group_own_year``): a
    group header printing its own year in brackets in one two-row cell, as
    the layout generator and 平塚市's 目標値 column print it.  The text is
    returned unchanged when the bracket holds no year."""
    m = _TRAILING_BRACKET.search(text.replace("\n", ""))
    if m and fiscal_year_from_label(m.group(1), ctx) is not None:
        return text.replace("\n", "")[: m.start()].strip()
    return text


def is_estimate_label(text: str) -> bool:
    """True when a header label prints an estimate mark (見込, 見込み, 見込値;
    ``vocabulary.ESTIMATE_MARKS``), e.g. 池田市 "R６年度 見 込"."""
    k = label_key(text)
    return any(mark in k for mark in ESTIMATE_MARKS)


#: Placeholder measure of a 見込 sub-column until :func:`resolve_forecasts`.
FORECAST = "forecast"


def sub_column(col: int, fiscal_year: int, label: str, group_measure: str, own: str | None) -> Column:
    """The column of one year sub-header under a measure group.

    The sub-header's own measure label wins over the group's (rule
    ``measure.sub_header``; 池田市 目標値 over "R５年度 実 績" -> actual):
    実績 -> actual, 目標 -> target; a 見込 label is a forecast, resolved by
    :func:`resolve_forecasts`; a bare year takes the group's measure
    (seed 000 実績値 over "2 年度").
    """
    if own in ("actual", "target"):
        return Column(col, own, fiscal_year, label)
    if is_estimate_label(label):
        return Column(col, FORECAST, fiscal_year, label, True)
    return Column(col, group_measure, fiscal_year, label)


def resolve_forecasts(columns: list[Column], group_measure: str) -> list[Column]:
    """Give each 見込 (forecast) column of one group its measure.

    A forecast for a year no later than the last 実績 (actual) column of
    the group is an estimate of that year's actual (actual, is_estimate;
    池田市 "R６年度 見込" beside "R６年度 実績"); one for a later year under a
    target group is the value the plan aims at for that year: the group's
    measure, not an estimate (池田市 目標値 "R９年度 見込", the last year of the
    plan period 令和5～9年度).  Rule ``measure.forecast``.  Shapes: columns
    in printed order -> new list, same order.
    """
    actual_years = [c.fiscal_year for c in columns if c.measure == "actual" and c.fiscal_year is not None]
    last_actual = max(actual_years) if actual_years else None
    out = []
    for c in columns:
        if c.measure != FORECAST:
            out.append(c)
        elif group_measure == "target" and (last_actual is None or (c.fiscal_year or 0) > last_actual):
            out.append(replace(c, measure="target", is_estimate=False))
        else:
            out.append(replace(c, measure="actual", is_estimate=True))
    return out


def column_rules(col: Column) -> tuple[str, ...]:
    """Rule ids of how a column's measure was read: ``measure.sub_header``
    when the sub-header's own label decided it (実績, 目標, 見込), plus
    ``measure.forecast`` for a 見込 column read as a target."""
    if col.measure == "baseline" or not col.label:
        return ()
    if is_estimate_label(col.label):
        return ("measure.sub_header",) + (("measure.forecast",) if col.measure == "target" else ())
    if measure_for_label(col.label) in ("actual", "target"):
        return ("measure.sub_header",)
    return ()


def detect_measure_rows(table: Table, spec: dict, ctx: EraContext) -> Mapping | None:
    """Recognise a ``measure_rows`` header in ``table``; None if absent.

    ``spec`` keys: ``name`` (default 成果指標) and ``measure`` (default 年度)
    header labels on one row; optional ``code``, ``policy_name``,
    ``number``, ``remark`` and ``unit`` (a 単位 column: 平塚市 事業評価シート
    指標名 | 単位 | 区分 | 平成26年度 …, sample 005).  A name header spanning
    several columns names the innermost one: the outer columns hold a
    group label printed downwards (活動指標 / 成果指標 beside each name,
    sample 005), so names are read from the column next to the 単位/区分
    columns.  Year columns are the header cells right of the measure
    column that print a fiscal year.
    """
    name = _find(table, spec.get("name", "成果指標"))
    measure = _find(table, spec.get("measure", "年度"))
    if name is None or measure is None or measure.row != name.row:
        return None
    row = name.row
    m = Mapping("measure_rows", row + max(name.row_span, measure.row_span), table.n_cols,
                {"name": name.col + name.col_span - 1, "measure": measure.col})
    for role in ("code", "policy_name", "number", "remark", "unit"):
        label = spec.get(role)
        if label:
            found = _find(table, label, range(row, row + 1))
            if found is not None:
                m.roles[role] = found.col
    for c in table.cells:
        if c.row == row and c.col > measure.col and c.col not in m.roles.values():
            label = cell_text(c)
            fy = fiscal_year_from_label(label, ctx)
            if fy is not None:
                m.columns.append(Column(c.col, "", fy, label))
    if not m.columns:
        return None
    m.x_edges = [_column_x(table, c.col) for c in m.columns]
    return m


def continues(table: Table, previous: Mapping) -> bool:
    """True when a headerless ``table`` continues the table ``previous``
    was read from: same column count and value-column rules within 3 pt."""
    if table.n_cols != previous.n_cols:
        return False
    xs = [_column_x(table, c.col) for c in previous.columns]
    return all(abs(a - b) <= 3.0 for a, b in zip(xs, previous.x_edges))


def _prov(page: int, cell: Cell | None) -> Provenance:
    return Provenance(page, **bbox_tuple(cell.bbox)) if cell is not None else Provenance(page)


def read_year_columns(table: Table, m: Mapping, start: int, policy: tuple[str | None, list[str], str | None],
                      estimate_years: set[int]) -> list[IndicatorValue]:
    """Indicator values of a ``year_columns`` table from row ``start`` on.

    ``policy`` is (policy_code, policy_codes, policy_name) of the sheet.
    Units: the 単位 column when present, else the unit printed in the cells.
    Rows not :func:`aligned_row` with the header are skipped.  A mapping of
    kind ``name_rows`` is read by :func:`read_name_rows`.
    """
    if m.kind == "name_rows":
        return read_name_rows(table, m, start, policy, estimate_years)
    out = []
    code, codes, pname = policy
    seen: set[int] = set()
    for r in range(start, table.n_rows):
        name_cell = table.cell_at(r, m.roles["name"])
        if name_cell is None or id(name_cell) in seen or name_cell.row != r:
            continue
        if not aligned_row(table, r, m):
            continue
        seen.add(id(name_cell))
        name = cell_text(name_cell)
        if not name:
            continue
        unit = cell_text(table.cell_at(r, m.roles["unit"])) if "unit" in m.roles else None
        unit = unit or None
        for col in m.columns:
            cell = table.cell_at(r, col.col)
            est = col.is_estimate or (col.fiscal_year in estimate_years and col.measure in ESTIMABLE)
            v = read_value(cell, unit, est)
            v = replace(v, is_estimate=v.is_estimate or col.is_estimate, rule_ids=v.rule_ids + column_rules(col))
            out.append(IndicatorValue(code, list(codes), pname, name, unit or v.unit, col.fiscal_year,
                                      col.measure, v, _prov(table.page, cell)))
    return out


def aligned_row(table: Table, row: int, m: Mapping) -> bool:
    """True when ``row`` is an indicator row of the header ``m``: no cell of
    it at the name, unit or a value column also covers another of them.

    A cell spanning those columns is a text row of the same ruled table
    (池田市 （５）: 成果指標の達成状況 | A.順調に推移している, 判断理由 | text
    across the year columns), not an indicator.  Rule
    ``indicator.aligned_rows``.
    """
    cols = [m.roles["name"]] + ([m.roles["unit"]] if "unit" in m.roles else []) + [c.col for c in m.columns]
    for col in cols:
        cell = table.cell_at(row, col)
        if cell is None:
            continue
        if any(other != col and cell.col <= other < cell.col + cell.col_span for other in cols):
            return False
    return True


def year_measure_cell(text: str, ctx: EraContext) -> Column | None:
    """A header cell printing a fiscal year and the measure of its column in
    one label ("20年度実績" -> actual; "25年度見込み" -> actual, estimate;
    神戸市 ≪事業実績等≫), as a :class:`Column` at col -1; None when the cell
    prints no year or another word (決算, 予算)."""
    fy = fiscal_year_from_label(text, ctx)
    if fy is None:
        return None
    rest = label_key(text).replace(YEAR_PLACEHOLDER, "")
    if is_estimate_label(rest):
        return Column(-1, "actual", fy, text, True)
    own = measure_for_label(rest) if rest else None
    if own in ("actual", "target"):
        return Column(-1, own, fy, text)
    return None


def detect_name_rows(table: Table, spec: dict, ctx: EraContext) -> Mapping | None:
    """Recognise a ``name_rows`` table: a header row of year-and-measure
    cells (:func:`year_measure_cell`: 20年度実績 … 25年度見込み) and, left
    of them, the template's ``group`` label (事業実績) opening a cell whose
    rows hold the indicators (神戸市 ≪事業実績等≫ 事業実績（C）).  None if
    either is absent.  ``Mapping.first_data_row``/``last_row`` bound the
    group's rows; ``roles["name"]`` is the first year column (where the
    names are printed across).
    """
    group = spec.get("group", "")
    if not group:
        return None
    for r in range(table.n_rows):
        cols = []
        for c in sorted((c for c in table.cells if c.row == r and c.lines), key=lambda c: c.col):
            col = year_measure_cell(cell_text(c), ctx)
            if col is not None:
                cols.append(replace(col, col=c.col))
        if len(cols) < 2:
            continue
        first_col = min(c.col for c in cols)
        label = next((c for c in table.cells if c.lines and c.col < first_col and c.row > r
                      and label_key(cell_text(c)).startswith(label_key(group))), None)
        if label is None:
            return None
        m = Mapping("name_rows", label.row, table.n_cols, {"name": first_col}, cols,
                    [_column_x(table, c.col) for c in cols], label.row + label.row_span)
        return m
    return None


def read_name_rows(table: Table, m: Mapping, start: int, policy: tuple[str | None, list[str], str | None],
                   estimate_years: set[int]) -> list[IndicatorValue]:
    """Indicator values of a ``name_rows`` table (see :func:`detect_name_rows`).

    In the group's rows, a cell across two or more year columns names an
    indicator (its unit from a （単位：…） in the name, else the cells');
    the row below it holds one figure per year column.  A name whose row
    below prints no figure at all is a remark, not an indicator (神戸市
    "区代表電話着信量 … 8,093件 （Ｈ16調査結果）"); a group with no name row
    gives nothing (神戸市 sheets that leave 事業実績（C） blank).  A 見込み
    column's figures are estimates.  Rule ``indicator.name_rows``.
    """
    code, codes, pname = policy
    year_cols = {c.col for c in m.columns}
    end = m.last_row if m.last_row is not None else table.n_rows
    out = []
    for r in range(start, end):
        name_cell = table.cell_at(r, m.roles["name"])
        if name_cell is None or name_cell.row != r or not name_cell.lines:
            continue
        if len([k for k in range(name_cell.col, name_cell.col + name_cell.col_span) if k in year_cols]) < 2:
            continue
        cells = [table.cell_at(r + 1, c.col) for c in m.columns] if r + 1 < end else []
        if not any(c is not None and c.lines and c.row == r + 1 for c in cells):
            continue
        label = cell_text(name_cell)
        unit = unit_in_label(label)
        name = strip_unit_from_label(label) if unit else label
        for col, cell in zip(m.columns, cells):
            est = col.is_estimate or (col.fiscal_year in estimate_years and col.measure in ESTIMABLE)
            v = read_value(cell, unit, est)
            v = replace(v, is_estimate=v.is_estimate or col.is_estimate,
                        rule_ids=v.rule_ids + ("indicator.name_rows",))
            out.append(IndicatorValue(code, list(codes), pname, name, unit or v.unit, col.fiscal_year,
                                      col.measure, v, _prov(table.page, cell)))
    return out


def _name_for_year(segments: list[tuple[list[int], str]], fy: int | None, whole: str) -> str:
    if len(segments) <= 1:
        return segments[0][1] if segments and segments[0][0] else whole
    for years, text in segments:
        if fy in years:
            return text
    return whole


def read_measure_rows(table: Table, m: Mapping, start: int, ctx: EraContext, estimate_years: set[int],
                      remark_section: str | None, remark_heading: str = ""
                      ) -> tuple[list[IndicatorValue], list[TextBlock]]:
    """Indicator values and remark blocks of a ``measure_rows`` table.

    Rows are grouped into indicators by the merged indicator-name cell.
    The indicator's unit is its 単位 cell when the header has a ``unit``
    column (sample 005), else the unit printed in its target cells (else
    its actual cells).  A name cell such as "R3~4 A R5 B" (an indicator
    replaced mid-period) gives name A for 2021-2022 and B for 2023
    (:func:`normalize.era.split_ranged_labels`).
    """
    values: list[IndicatorValue] = []
    blocks: list[TextBlock] = []
    groups: dict[int, list[int]] = {}
    order: list[Cell] = []
    for r in range(start, table.n_rows):
        nc = table.cell_at(r, m.roles["name"])
        if nc is None:
            continue
        if id(nc) not in groups:
            groups[id(nc)] = []
            order.append(nc)
        groups[id(nc)].append(r)
    for nc in order:
        rows = groups[id(nc)]
        paras = cell_paragraphs(nc, lambda line: is_bullet_start(line) or starts_range_item(line))
        whole = "".join(paras)
        segments = split_ranged_labels(" ".join(paras), ctx) if len(paras) > 1 or re.match(r"\(?[RH令平]", whole) else [([], whole)]
        code_cell = table.cell_at(rows[0], m.roles["code"]) if "code" in m.roles else None
        codes = split_policy_codes("\n".join(cell_paragraphs(code_cell))) if code_cell else []
        pn_cell = table.cell_at(rows[0], m.roles["policy_name"]) if "policy_name" in m.roles else None
        pnames = cell_paragraphs(pn_cell) if pn_cell is not None else []
        policy_name = pnames[0] if pnames else None
        code = codes[0] if codes else None
        per_row: dict[str, int] = {}
        for r in rows:
            ms = measure_for_label(cell_text(table.cell_at(r, m.roles["measure"])))
            if ms and ms not in per_row:
                per_row[ms] = r
        unit = None
        if "unit" in m.roles:
            unit = cell_text(table.cell_at(rows[0], m.roles["unit"])) or None
        for ms in ("target", "actual"):
            if unit:
                break
            if ms in per_row:
                for col in m.columns:
                    v = parse_value(cell_text(table.cell_at(per_row[ms], col.col)))
                    if v.unit and v.status == "ok":
                        unit = v.unit
                        break
            if unit:
                break
        for ms, r in per_row.items():
            for col in m.columns:
                cell = table.cell_at(r, col.col)
                est = col.fiscal_year in estimate_years and ms in ESTIMABLE
                hint = "%" if ms == "achievement_rate" else unit if ms in ("target", "actual") else None
                v = read_value(cell, hint, est)
                if ms == "result":
                    v = replace(v, unit=None, unit_std=None)
                iunit = "%" if ms == "achievement_rate" else None if ms == "result" else (unit or v.unit)
                values.append(IndicatorValue(code, list(codes), policy_name,
                                             _name_for_year(segments, col.fiscal_year, whole), iunit,
                                             col.fiscal_year, ms, v, _prov(table.page, cell)))
        if remark_section and "remark" in m.roles:
            rc = table.cell_at(rows[0], m.roles["remark"])
            text = "".join(cell_paragraphs(rc)) if rc is not None else ""
            if text:
                num_cell = table.cell_at(rows[0], m.roles["number"]) if "number" in m.roles else None
                num = cell_text(num_cell)
                ordinal = int(num) if num.isdigit() else None
                blocks.append(TextBlock(remark_section, ordinal or 0, text, remark_heading,
                                        code, _prov(table.page, rc), cell_rules(rc)))
    return values, blocks
