"""Wide plan tables: yearly 計画 / 実績 texts per policy and the figures they restate.

厚木市's 取組状況 table (seed 004, after the 成果指標 table) prints one table
per 基本方針 section under a title line such as "産業マスタープラン前期実施計画
取組状況 (I 持続性の高い強い産業の実現)"::

    基本方針 | 基本施策 | 単位施策 | 関連事業 | 計画と実績                       | 成果指標 | 現状値 | 目標と実績
             |          |          |          | 令和3年度 | 令和4年度 | 令和5年度 |          |        |    | 令和3年度 | …
             |          |          |          | 計画 実績 | 計画 実績 | 計画 実績 |          |        |    |           |
    1 …      | (1)…     | ①…       | …        | text  text| …                   | name     | 3,665件| 目標 | 1,600件 | …
             |          |          |          |           |                     |          |        | 実績 | 3,350件 | …

Everything is found by header text as the template's ``[[plan_tables]]``
entry names it (:mod:`normalize.templates`; defaults ``vocabulary.PLAN_*``):
the ``texts`` group header, the fiscal-year headers below it and the
``columns`` labels (計画, 実績) below those; the ``levels`` columns
(基本方針, 基本施策, 単位施策); the ``indicator`` column (成果指標); the
``figures`` group header (目標と実績) over its label column and year columns.
So another fiscal year's sheet (years 令和4-6, other sections) reads the same.

* :func:`read_plan_texts`: every non-empty 計画 / 実績 cell is a
  :class:`~normalize.facts.TextBlock` (section from
  ``vocabulary.section_for_heading``; heading = year header + column label
  as printed, "令和3年度 計画"); ordinals count per section from 1 in reading
  order (page, row, year, column).  Paragraphs of a cell are joined with
  nothing between them (an author's line break inside a cell carries no
  meaning, as for the indicator table's remarks), each paragraph's leading
  bullet removed.  Rules ``text.ruby``, ``text.strip_bullet``,
  ``text.join_wrapped``.
* :func:`read_plan_figures`: the 目標 / 実績 cells as :class:`PlanFigure`s,
  for ``finding.restated_figure_mismatch`` (normalize/validate/restated.py).
  They are never indicator facts: the indicator table is the source of
  record (contract grain: one row per document, indicator, year, measure).

Policy code of a row: composed from what is printed, as the indicator table
prints it ("I-1-(1)-①"): the Roman numeral in brackets on the table's title
line, the 基本方針 number ("1 強い…"), the 基本施策 number in brackets
("(1)持続…") and the 単位施策 circled number ("①事業者…").  A 基本方針 /
基本施策 cell left empty at the top of a page (Excel prints a merged cell's
text on its first page only) continues the previous table's value when the
section numeral is the same.  When a part cannot be read, the code is the
first code of the indicator-table row whose 成果指標 matches the row's
(:func:`match_indicator`), else None.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from hyoka.extract.model import Cell, ExtractedDocument, Table
from hyoka.normalize.era import EraContext, fiscal_year_from_label, split_ranged_labels
from hyoka.normalize.facts import IndicatorValue, Provenance, TextBlock, Value
from hyoka.normalize.sheets.cells import (bbox_tuple, cell_paragraphs, cell_text, is_label, key, paragraphs,
                                    read_value, visible_lines)
from hyoka.normalize.text import join_wrapped, strip_bullet
from hyoka.normalize.vocabulary import (PLAN_FIGURE_GROUP, PLAN_INDICATOR, PLAN_LEVELS, PLAN_TEXT_COLUMNS,
                                  PLAN_TEXT_GROUP, indicator_name_key, measure_for_label,
                                  section_for_heading)

#: Minimum ``fuzz.ratio`` (0-100) of two :func:`vocabulary.indicator_name_key`s
#: for two printings of one indicator name.
NAME_MATCH = 90.0
#: The section numeral in a title line: "(I 持続性…)", "（Ⅱ にぎわい…）".
SECTION_NUMERAL = re.compile(r"[(（]\s*([IVX]{1,4}|[\u2160-\u217f])(?=[\s　)）]|[^A-Za-z])")
#: The 基本方針 number opening its cell: "1 強い経営基盤の構築", "１　…".
LEVEL_NUMBER = re.compile(r"^\s*([0-9０-９]{1,2})(?![0-9０-９])")
#: The 基本施策 number in brackets opening its cell: "(1)持続可能な…", "（２）…".
LEVEL_BRACKETED = re.compile(r"^\s*[(（]\s*([0-9０-９]{1,2})\s*[)）]")
#: The 単位施策 circled number opening its cell: "①事業者の…".
LEVEL_CIRCLED = re.compile(r"^\s*([\u2460-\u2473\u3251-\u325f\u32b1-\u32bf])")


@dataclass
class PlanLayout:
    """A recognised plan-table header.

    ``first_data_row`` is the first row below the header; ``levels`` the
    grid columns of the hierarchy labels, outermost first (None when a
    level is not printed); ``indicator`` the 成果指標 column; ``texts``
    (col, fiscal_year, year label, column label, section) per text column;
    ``figure_label`` the 目標 / 実績 label column and ``figures``
    (col, fiscal_year, year label) per figure column (both empty when the
    table prints no figures).
    """

    first_data_row: int
    levels: list[int | None]
    indicator: int | None
    texts: list[tuple[int, int, str, str, str]] = field(default_factory=list)
    figure_label: int | None = None
    figures: list[tuple[int, int, str]] = field(default_factory=list)


@dataclass(frozen=True)
class PlanFigure:
    """One 目標 / 実績 cell of a plan table's 目標と実績 block.

    ``indicator_name`` is the row's 成果指標 as printed for this year (a
    name cell "(令和3年～令和4年)A (令和5年～)B" gives A for 2021-2022, B
    for 2023 on); ``measure`` ``target`` or ``actual``; ``value`` the cell
    read like an indicator cell (:func:`normalize.sheets.cells.read_value`);
    ``policy_code`` the row's code (see module doc).
    """

    indicator_name: str
    fiscal_year: int
    measure: str
    value: Value
    provenance: Provenance
    policy_code: str | None
    year_label: str


def _header_cell(table: Table, label: str, rows: range | None = None) -> Cell | None:
    for c in table.cells:
        if (rows is None or c.row in rows) and c.lines and is_label(cell_text(c), label):
            return c
    return None


def _below(table: Table, parent: Cell, rows: range) -> list[Cell]:
    """Header cells in ``rows`` directly under ``parent``'s columns, left to right."""
    return sorted((c for c in table.cells if c.row in rows and c.row >= parent.row + parent.row_span
                   and parent.col <= c.col < parent.col + parent.col_span and c is not parent),
                  key=lambda c: (c.row, c.col))


def detect_plan_table(table: Table, spec: dict, ctx: EraContext) -> PlanLayout | None:
    """Recognise a plan-table header in ``table``; None if it is not one.

    Args:
        table: an extracted table.
        spec: the template's ``[[plan_tables]]`` entry (keys in
            :mod:`normalize.templates`).
        ctx: era context for the year headers
            (:func:`normalize.era.fiscal_year_from_label`).
    Returns:
        a :class:`PlanLayout` when the ``texts`` group header stands over
        year headers over at least one ``columns`` label, else None.
    """
    group = _header_cell(table, spec.get("texts", PLAN_TEXT_GROUP))
    if group is None:
        return None
    header = range(group.row, group.row + 4)
    columns = tuple(spec.get("columns", PLAN_TEXT_COLUMNS))
    texts = []
    bottom = group.row + group.row_span
    for year in _below(table, group, header):
        fy = fiscal_year_from_label(cell_text(year), ctx)
        if fy is None:
            continue
        for sub in _below(table, year, header):
            label = cell_text(sub)
            if any(is_label(label, col, 100.0) for col in columns):
                section, _ = section_for_heading(label)
                if section:
                    texts.append((sub.col, fy, cell_text(year), label, section))
                    bottom = max(bottom, sub.row + sub.row_span)
    if not texts:
        return None
    levels = []
    for label in spec.get("levels", PLAN_LEVELS):
        c = _header_cell(table, label, header)
        levels.append(c.col if c is not None else None)
    ind = _header_cell(table, spec.get("indicator", PLAN_INDICATOR), header)
    m = PlanLayout(bottom, levels, ind.col if ind is not None else None, sorted(texts, key=lambda t: t[0]))
    figures = _header_cell(table, spec.get("figures", PLAN_FIGURE_GROUP), header)
    if figures is not None:
        for sub in _below(table, figures, header):
            fy = fiscal_year_from_label(cell_text(sub), ctx)
            if fy is not None:
                m.figures.append((sub.col, fy, cell_text(sub)))
            elif sub.row == figures.row + figures.row_span and not cell_text(sub):
                m.figure_label = sub.col
        if m.figure_label is None and m.figures:  # the label column: left of the first year column
            first = min(c for c, _, _ in m.figures)
            m.figure_label = first - 1 if first - 1 >= figures.col else None
        if m.figure_label is None:
            m.figures = []
    return m


def section_numeral(doc: ExtractedDocument, table: Table, title: str) -> str | None:
    """The bracketed Roman numeral of the title line nearest above ``table``.

    Args:
        title: a word the title line prints (取組状況), compared as
            :func:`normalize.vocabulary.label_key`.
    Returns:
        the numeral as printed ("I", "Ⅱ"), None when no title line with a
        numeral is printed above the table on its page.
    """
    page = doc.page(table.page)
    want = key(title)
    best = None
    for line in page.lines:
        if line.bbox.bottom > table.bbox.top + 1 or (want and want not in key(line.text)):
            continue
        m = SECTION_NUMERAL.search(line.text)
        if m and (best is None or line.bbox.top > best[0]):
            best = (line.bbox.top, m.group(1))
    return best[1] if best else None


def _level_part(text: str, depth: int) -> str | None:
    """The code part a hierarchy cell prints: depth 0 "1", 1 "(1)", 2 and
    deeper "①"; None when the cell does not open with one."""
    if depth == 0:
        m = LEVEL_NUMBER.match(text)
        return m.group(1) if m else None
    if depth == 1:
        m = LEVEL_BRACKETED.match(text)
        return f"({m.group(1)})" if m else None
    m = LEVEL_CIRCLED.match(text)
    return m.group(1) if m else None


def match_indicator(name: str, fiscal_year: int | None, indicators: list[IndicatorValue],
                    measure: str | None = None, policy_code: str | None = None) -> int | None:
    """Index of the indicator fact printing the same indicator, else None.

    Args:
        name: the plan table's 成果指標 as printed for ``fiscal_year``.
        fiscal_year: the year (None: any year).
        indicators: ``DocumentFacts.indicators`` (the indicator table).
        measure: the measure wanted (None: any).
        policy_code: the plan row's code; among equally good names, a fact
            listing it in ``policy_codes`` wins.
    Returns:
        the first fact (in printed order) whose name scores ``fuzz.ratio``
        >= :data:`NAME_MATCH` on :func:`vocabulary.indicator_name_key` and
        whose year and measure are as asked, the best score winning; None
        when none does.
    """
    want = indicator_name_key(name)
    if not want:
        return None
    best: tuple[float, bool] | None = None
    hit = None
    for i, iv in enumerate(indicators):
        if (fiscal_year is not None and iv.fiscal_year != fiscal_year) or (measure and iv.measure != measure):
            continue
        score = float(fuzz.ratio(want, indicator_name_key(iv.indicator_name)))
        if score < NAME_MATCH:
            continue
        rank = (score, bool(policy_code) and policy_code in iv.policy_codes)
        if best is None or rank > best:
            best, hit = rank, i
    return hit


@dataclass
class _Row:
    """One 単位施策 of a plan table: its grid rows, name cell and code."""

    rows: list[int]
    code: str | None
    name_cells: dict[int, Cell]
    code_rule: str | None = None


def _units(table: Table, m: PlanLayout, numeral: str | None, carried: list[str | None]) -> list[_Row]:
    """The table's 単位施策 rows in printed order.

    ``carried`` holds the hierarchy parts continuing from the previous
    table of the same section (updated in place): a hierarchy cell starting
    at a row with text sets its part; an empty one keeps the part carried
    (a merged cell continued from the previous page), unless an outer level
    starts at the same row (then the part is unknown).  Rows before the
    first 単位施策 cell, or under an empty one, belong to the previous unit.
    """
    unit_col = m.levels[-1] if m.levels else None
    out: list[_Row] = []
    for r in range(m.first_data_row, table.n_rows):
        outer_changed = False
        for depth, col in enumerate(m.levels):
            c = table.cell_at(r, col) if col is not None else None
            if c is None or c.row != r:
                continue
            text = cell_text(c)
            if text:
                carried[depth] = _level_part(text, depth)
                outer_changed = True
            elif outer_changed:
                carried[depth] = None
        unit = table.cell_at(r, unit_col) if unit_col is not None else None
        if unit is not None and unit.row == r and cell_text(unit):
            code = "-".join([numeral, *carried]) if numeral and all(carried) else None
            out.append(_Row([r], code, {}, "policy.compose_levels" if code else None))
        elif out:
            out[-1].rows.append(r)
    for row in out:
        for r in row.rows:
            nc = table.cell_at(r, m.indicator) if m.indicator is not None else None
            if nc is not None and cell_text(nc):
                row.name_cells[r] = nc
    return out


def _names_for_year(cell: Cell, ctx: EraContext) -> list[tuple[list[int], str]]:
    paras = cell_paragraphs(cell)
    segments = split_ranged_labels(" ".join(paras), ctx)
    if len(segments) == 1 and not segments[0][0]:
        return [([], "".join(paras))]
    return segments


def _name_for(cell: Cell, fy: int, ctx: EraContext) -> str:
    segments = _names_for_year(cell, ctx)
    for years, text in segments:
        if not years or fy in years:
            return text
    # a year after the last range ("(令和5年～)" printed on a 令和5年度 sheet)
    later = [s for s in segments if s[0] and max(s[0]) < fy]
    return later[-1][1] if later else segments[-1][1]


def _plan_tables(doc: ExtractedDocument, spec: dict, ctx: EraContext, indicators: list[IndicatorValue]):
    """(table, layout, units) of every plan table of ``spec``, in page order."""
    carried: list[str | None] = [None] * len(spec.get("levels", PLAN_LEVELS))
    last_numeral = None
    out = []
    for table in doc.tables:
        m = detect_plan_table(table, spec, ctx)
        if m is None:
            continue
        numeral = section_numeral(doc, table, spec.get("title", ""))
        if numeral != last_numeral:
            carried = [None] * len(carried)
        last_numeral = numeral
        units = _units(table, m, numeral, carried)
        years = [fy for _, fy, _ in m.figures] or [fy for _, fy, _, _, _ in m.texts]
        for u in units:
            if u.code is None and u.name_cells:
                first = u.name_cells[min(u.name_cells)]
                hit = match_indicator(_name_for(first, years[0], ctx), None, indicators)
                if hit is not None:
                    u.code, u.code_rule = indicators[hit].policy_code, "policy.from_indicator_name"
        out.append((table, m, units))
    return out


def _unit_at(units: list[_Row], r: int) -> _Row | None:
    return next((u for u in units if r in u.rows), None)


def _block_text(cell: Cell) -> tuple[str, tuple[str, ...]]:
    """A text cell as one block: (text, rule ids)."""
    lines, dropped = visible_lines(cell)
    texts, marked = [], False
    for para in paragraphs(lines, cell.bbox):
        mark, first = strip_bullet(para[0])
        marked = marked or mark is not None
        texts.append(join_wrapped([first] + para[1:]))
    rules = (("text.ruby",) if dropped else ()) + (("text.strip_bullet",) if marked else ()) \
        + (("text.join_wrapped",) if len(lines) > 1 else ())
    return "".join(texts), rules


def read_plan_texts(doc: ExtractedDocument, spec: dict, ctx: EraContext,
                    indicators: list[IndicatorValue] | None = None) -> list[TextBlock]:
    """Every non-empty text cell of the template's plan tables as a text block.

    Args:
        doc: the extracted document.
        spec: one ``[[plan_tables]]`` entry of the template.
        ctx: era context of the document (year headers).
        indicators: the document's indicator facts, for the code of a row
            whose code cannot be composed (see module doc); may be None.
    Returns:
        TextBlocks (section 計画 / 実績, ordinals from 1 per section in
        reading order: page, row, year, column; heading "令和3年度 計画";
        policy_code the row's 単位施策 code; provenance the cell's page and
        bbox; rule ids as applied, the code's rule last:
        ``policy.compose_levels`` or ``policy.from_indicator_name``).  A cell merged over several rows is one
        block, placed at its first row.  [] when no plan table is printed.
    """
    found = []
    for table, m, units in _plan_tables(doc, spec, ctx, indicators or []):
        seen: set[int] = set()
        for col, fy, year_label, label, section in m.texts:
            for r in range(m.first_data_row, table.n_rows):
                c = table.cell_at(r, col)
                if c is None or id(c) in seen or c.col != col:
                    continue
                seen.add(id(c))
                text, rules = _block_text(c)
                if not text:
                    continue
                unit = _unit_at(units, c.row)
                if unit is not None and unit.code_rule:
                    rules = (*rules, unit.code_rule)
                found.append(((table.page, table.index, c.row, fy, col), section, text,
                              f"{year_label} {label}", unit.code if unit else None,
                              Provenance(table.page, **bbox_tuple(c.bbox)), rules))
    blocks: list[TextBlock] = []
    counters: dict[str, int] = {}
    for _, section, text, heading, code, prov, rules in sorted(found, key=lambda f: f[0]):
        counters[section] = counters.get(section, 0) + 1
        blocks.append(TextBlock(section, counters[section], text, heading, code, prov, rules))
    return blocks


def read_plan_figures(doc: ExtractedDocument, spec: dict, ctx: EraContext,
                      indicators: list[IndicatorValue] | None = None) -> list[PlanFigure]:
    """The 目標 / 実績 figures of the template's plan tables.

    Args:
        doc, spec, ctx, indicators: as for :func:`read_plan_texts`.
    Returns:
        one :class:`PlanFigure` per figure cell of a row whose label cell
        reads as 目標 or 実績 (``vocabulary.measure_for_label``) and that has
        a 成果指標 name, blank cells included (status ``missing``), in
        reading order (page, row, year).  [] when no table prints figures.
    """
    out: list[PlanFigure] = []
    for table, m, units in _plan_tables(doc, spec, ctx, indicators or []):
        if m.figure_label is None:
            continue
        for r in range(m.first_data_row, table.n_rows):
            measure = measure_for_label(cell_text(table.cell_at(r, m.figure_label)))
            if measure not in ("target", "actual"):
                continue
            nc = table.cell_at(r, m.indicator) if m.indicator is not None else None
            if nc is None or not cell_text(nc):
                continue
            unit = _unit_at(units, r)
            for col, fy, year_label in m.figures:
                cell = table.cell_at(r, col)
                if cell is None or cell.row != r:
                    continue
                out.append(PlanFigure(_name_for(nc, fy, ctx), fy, measure, read_value(cell),
                                      Provenance(table.page, **bbox_tuple(cell.bbox)),
                                      unit.code if unit else None, year_label))
    return out
