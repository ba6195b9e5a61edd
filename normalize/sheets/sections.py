"""Narrative blocks under section headings (成果, 課題, 取組方針 ...).

A template lists its headings as printed; a year in a heading that changes
with the sheet's year is written ``〈年度〉`` (平成27年度の主な取組と成果 ->
``〈年度〉の主な取組と成果``), which matches any era year because headings
are compared as :func:`normalize.vocabulary.label_key`.  The block's
``heading`` is the heading as printed on the sheet.  A heading is found in a table
cell or a printed line (fuzzy, see :func:`normalize.sheets.cells.is_label`
with containment); its body is the cell directly below it in the same
table, else the nearest table cell below it overlapping it horizontally
(the sheets frame their text in cells); with ``body = "right"`` in the
template, the cell to its right (label | value layouts).  The body is split into items at
bullet marks (・ ● ⇒ ...); without marks, into paragraphs.  A heading
that names two sections with their marks, like
「主な課題（・）」と「取組方針（⇒）」, assigns each item by its mark.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from rapidfuzz import fuzz

from hyoka.extract.model import BBox, Cell, ExtractedDocument, Table
from hyoka.normalize.facts import Provenance, TextBlock
from hyoka.normalize.sheets.cells import (bbox_tuple, cell_text, continued_text_cell, is_label, key, paragraphs,
                                    visible_lines)
from hyoka.normalize.text import join_wrapped, strip_bullet
from hyoka.normalize.width import fold_width

#: Minimum partial-ratio score (0-100) for a printed line to be a heading.
HEADING_SCORE = 90.0


@dataclass
class Located:
    """A heading found on a page: its box, its cell/table if framed, and
    its text as printed (wrapped lines joined)."""

    page: int
    bbox: BBox
    cell: Cell | None
    table: Table | None
    text: str = ""


def _matches(text: str, heading: str) -> bool:
    a, b = key(text), key(heading)
    if not a or len(a) < 0.6 * len(b) or len(a) > 2.5 * len(b) + 4:
        return False
    return fuzz.partial_ratio(b, a) >= HEADING_SCORE if len(a) >= len(b) else fuzz.ratio(a, b) >= HEADING_SCORE


def locate(doc: ExtractedDocument, heading: str) -> Located | None:
    """First place ``heading`` is printed (cells first, then free lines)."""
    for page in doc.pages:
        for table in page.tables:
            for cell in table.cells:
                if cell.lines and _matches("".join(l.text for l in cell.lines), heading):
                    return Located(page.number, cell.bbox, cell, table, cell_text(cell))
        for line in page.lines:
            if _matches(line.text, heading):
                return Located(page.number, line.bbox, None, None, line.text.strip())
    return None


def label_value(doc: ExtractedDocument, label: str) -> tuple[str, Provenance] | None:
    """The value printed beside a label cell: (text, provenance) or None.

    Args:
        doc: the extracted document.
        label: a label as printed alone in its cell (事業名, 部局名),
            compared as :func:`normalize.vocabulary.label_key` (exact key).
    Returns:
        the text of the first such cell's right-hand neighbour, else of the
        cell below it (label over value), wrapped lines joined and width
        folded (rule ``width.fold``), with the value cell's page and bbox;
        None when no table cell prints the label or its neighbours are
        blank.  Rule ``subject.label_value``.
    """
    want = key(label)
    if not want:
        return None
    for page in doc.pages:
        for table in page.tables:
            for cell in table.cells:
                if not cell.lines or key(cell_text(cell)) != want:
                    continue
                for nxt in (table.cell_at(cell.row, cell.col + cell.col_span),
                            table.cell_at(cell.row + cell.row_span, cell.col)):
                    text = fold_width(cell_text(nxt)).strip() if nxt is not None else ""
                    if text:
                        return text, Provenance(page.number, **bbox_tuple(nxt.bbox))
    return None


def body_cell(doc: ExtractedDocument, where: Located, side: str = "below") -> tuple[Cell, int] | None:
    """The cell holding the heading's text, with its page number.

    ``side`` is ``"below"`` (default) or ``"right"`` (a label cell with its
    value beside it, as in 事業評価シート's 事業の概要 | text).
    """
    if side == "right":
        if where.cell is None or where.table is None:
            return None
        right = where.table.cell_at(where.cell.row, where.cell.col + where.cell.col_span)
        return (right, where.page) if right is not None and right.lines else None
    if where.cell is not None and where.table is not None:
        below = where.table.cell_at(where.cell.row + where.cell.row_span, where.cell.col)
        if below is not None and below.lines:
            return below, where.page
    page = doc.page(where.page)
    best = None
    for table in page.tables:
        for cell in table.cells:
            if not cell.lines or cell.bbox.top < where.bbox.bottom - 1:
                continue
            overlap = min(cell.bbox.x1, where.bbox.x1) - max(cell.bbox.x0, where.bbox.x0)
            if overlap <= 0 or cell is where.cell:
                continue
            if best is None or cell.bbox.top < best.bbox.top:
                best = cell
    return (best, where.page) if best is not None else None


def read_sections(doc: ExtractedDocument, specs: tuple[dict, ...], policy_code: str | None) -> list[TextBlock]:
    """Text blocks of every section the template lists, ordinals from 1 per section.

    A section body cut by a page break continues in the next page's first
    table (:func:`normalize.sheets.cells.continued_text_cell`, rule
    ``text.continued``); a paragraph cut mid-way stays one block.
    """
    headings = [sp["heading"] for sp in specs]

    def is_heading(text: str) -> bool:
        return any(is_label(text, h) for h in headings)

    blocks: list[TextBlock] = []
    counters: dict[str, int] = {}
    for spec in specs:
        heading = spec["heading"]
        where = locate(doc, heading)
        if where is None:
            continue
        found = body_cell(doc, where, spec.get("body", "below"))
        if found is None:
            continue
        cell, page = found
        parts = [(cell, page)]
        while (nxt := continued_text_cell(doc, parts[-1][1], parts[-1][0], is_heading)) is not None:
            parts.append(nxt)  # the body cut by a page break runs on in the next page's first table
        marks: dict[str, str] = spec.get("marks", {})
        for n, (cell, page) in enumerate(parts):
            lines, dropped = visible_lines(cell)
            for k, para in enumerate(paragraphs(lines, cell.bbox)):
                mark, first = strip_bullet(para[0])
                text = join_wrapped([first] + para[1:])
                if not text:
                    continue
                if n > 0 and k == 0 and mark is None and blocks and blocks[-1].heading == (where.text or heading):
                    # the paragraph cut by the page break: one block, its provenance the first part's
                    last = blocks[-1]
                    blocks[-1] = dataclasses.replace(last, text=join_wrapped([last.text, text]),
                                                     rule_ids=last.rule_ids + ("text.continued",))
                    continue
                section = marks.get(mark or "", spec.get("section")) if marks else spec.get("section")
                if section is None:
                    section = "その他"
                counters[section] = counters.get(section, 0) + 1
                rules = (("text.ruby",) if dropped else ()) + (("text.strip_bullet",) if mark else ()) \
                    + (("text.join_wrapped",) if len(para) > 1 else ()) + (("text.continued",) if n else ())
                blocks.append(TextBlock(section, counters[section], text, where.text or heading, policy_code,
                                        Provenance(page, **bbox_tuple(cell.bbox)), rules))
    return blocks
