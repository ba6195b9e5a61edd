"""What a sheet says about itself: its fiscal year and its policy code and name.

Read from the printed title area and the template's policy label, shared by
the sheet splitter (:mod:`normalize.split`, which compares them page by
page) and the sheet normalizer (:mod:`normalize.document`).
"""
from __future__ import annotations

import re

from hyoka.extract.model import ExtractedDocument
from hyoka.normalize.era import EraContext, context_from_text, fiscal_year_from_label
from hyoka.normalize.policy import split_policy_codes
from hyoka.normalize.sheets.cells import cell_paragraphs, cell_text, key

#: An era-marked fiscal year printed in a title: 令和5年度, 平成27年度分, R5年度.
TITLE_YEAR = re.compile(r"(令和|平成|昭和|[RHS])\s*(元|[0-9０-９]{1,2})\s*年度")


def era_context(doc: ExtractedDocument, fallback: EraContext | None = None) -> EraContext:
    """The era context for bare years ("5年度") of ``doc`` (a file, or one
    sheet's pages): the era its lines and table cells print most
    (:func:`normalize.era.context_from_text`), else ``fallback``'s era (the
    file's, for a sheet that prints none), with the PDF's creation year as
    reference year."""
    parts = [p.text for p in doc.pages] + [c.text for t in doc.tables for c in t.cells]
    ctx = context_from_text("\n".join(parts), reference_year=doc.created_year)
    if ctx.era is None and fallback is not None:
        return EraContext(fallback.era, ctx.reference_year)
    return ctx


def title_year(doc: ExtractedDocument, ctx: EraContext, anywhere: bool = False) -> int | None:
    """The first era-marked "X年度" printed in page 1's title area, else None.

    The title area is page 1's printed lines outside tables of more than
    one row (a year in a column header is a column, not the sheet's year).
    ``anywhere`` reads every line of page 1, for sheets whose year is
    printed only in a heading such as 平成28年度の目標.
    """
    if not doc.pages:
        return None
    page = doc.pages[0]
    boxes = [] if anywhere else [t.bbox for t in page.tables if t.n_rows > 1]
    for line in page.lines:
        if any(b.contains(line.bbox, 1) for b in boxes):
            continue
        m = TITLE_YEAR.search(line.text)
        if m:
            return fiscal_year_from_label(m.group(0), ctx)
    return None


#: The printed policy code at the start of a cell/line: Latin/Roman numerals,
#: digits (any width), hyphens, brackets, circled numbers and spaces, up to
#: the first Japanese character of the name ("４－① 産業の…", "I - (1)").
CODE_PREFIX = re.compile(r"^[\sA-Za-zⅠ-Ⅻ0-9０-９\-－‐−―()（）①-⑳.．]+")


def split_code_and_name(text: str) -> tuple[list[str], str]:
    """(codes, name) of a printed "code name" string; codes [] when none."""
    m = CODE_PREFIX.match(text.strip())
    if not m or not any(ch.isdigit() or ch in "①②③④⑤⑥⑦⑧⑨⑩" for ch in m.group(0)):
        return [], text.strip()
    return split_policy_codes(m.group(0)), text.strip()[m.end():].strip()


def find_policy(doc: ExtractedDocument, label: str) -> tuple[str | None, list[str], str | None]:
    """(policy_code, all codes, policy_name) printed with ``label`` on page 1.

    Layouts: the label alone in a cell with the value in the cell below
    (施策名 over "４－①" | "産業の活性化を促進する"); or the label opening a
    cell or line followed by the code ("個別施策 I - (1)"), the name after
    the code, in the next cell to the right, or on the next line.
    """
    if not label or not doc.pages:
        return None, [], None
    page = doc.pages[0]
    lab = key(label)
    for t in page.tables:
        for c in t.cells:
            text = cell_text(c)
            if not c.lines or not key(text).startswith(lab):
                continue
            right = t.cell_at(c.row, c.col + c.col_span)
            if key(text) == lab:  # value below the label
                below = t.cell_at(c.row + c.row_span, c.col)
                if below is None or not below.lines:
                    continue
                codes, name = split_code_and_name(" ".join(cell_paragraphs(below)))
                if not name:
                    nxt = t.cell_at(below.row, below.col + below.col_span)
                    name = cell_text(nxt) if nxt is not None else ""
            else:
                codes, name = split_code_and_name(text.replace(label, "", 1))
                if not name and right is not None:
                    name = cell_text(right)
            return (codes[0] if codes else None), codes, name or None
    for i, line in enumerate(page.lines):
        if key(line.text).startswith(lab):
            codes, name = split_code_and_name(line.text.replace(label, "", 1))
            if not name and i + 1 < len(page.lines):
                name = page.lines[i + 1].text.strip()
            return (codes[0] if codes else None), codes, name or None
    return None, [], None
