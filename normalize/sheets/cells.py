"""Reading one table cell or heading: text, paragraphs and label matching.

Rules (ids in :mod:`normalize.rules`):

* ``text.ruby``: furigana printed small above a name is dropped
  (:func:`normalize.text.remove_ruby`);
* ``text.join_wrapped``: lines that run to the cell's right edge are
  wrapped lines of one paragraph and are joined without a space between
  Japanese characters; a line ending short of the edge, or a line opening
  with a bullet mark, ends the paragraph.  (Excel/LibreOffice wrap text at
  the cell width, so a short line is an author's line break.)
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from collections.abc import Callable

from rapidfuzz import fuzz

from hyoka.extract.model import BBox, Cell, TextLine
from hyoka.normalize.facts import Value
from hyoka.normalize.text import is_bullet_start, join_wrapped, remove_ruby
from hyoka.normalize.values import parse_value
from hyoka.normalize.vocabulary import label_key



def key(text: str) -> str:
    """Comparison key of a label (:func:`normalize.vocabulary.label_key`);
    '' for None/empty."""
    return label_key(text or "")


def label_score(text: str, label: str) -> float:
    """0-100 similarity of a printed label to a vocabulary label (rapidfuzz
    ratio on :func:`key`s; 100 when equal)."""
    a, b = key(text), key(label)
    if not a or not b:
        return 0.0
    if a == b:
        return 100.0
    return float(fuzz.ratio(a, b))


def is_label(text: str, label: str, threshold: float = 85.0) -> bool:
    """True when ``text`` prints ``label`` (see :func:`label_score`)."""
    return label_score(text, label) >= threshold


def visible_lines(cell: Cell) -> tuple[list[TextLine], bool]:
    """The cell's lines without ruby; and whether ruby was dropped."""
    kept, dropped = remove_ruby([(l.text, l.size) for l in cell.lines])
    if not dropped:
        return list(cell.lines), False
    out, it = [], iter(kept)
    want = next(it, None)
    for line in cell.lines:
        if want is not None and line.text == want:
            out.append(line)
            want = next(it, None)
    return out, True


#: A line opening with an era year or range ("R3~4 …", "R5 …", "(令和5年～)…")
#: starts a new item in a name cell: an indicator replaced mid-period.
RANGE_START = re.compile(r"^[（(]?(?:令和|平成|[RHＲＨ])\s*(?:元|[0-9０-９]{1,2})(?:年度?)?"
                         r"(?:\s*[~～〜\-－]\s*(?:(?:令和|平成|[RHＲＨ])\s*)?(?:元|[0-9０-９]{1,2})?(?:年度?)?)?"
                         r"[)）]?\s*(?=[^\s0-9０-９年])")


def starts_range_item(text: str) -> bool:
    """True when a line opens with an era-year prefix (see :data:`RANGE_START`)."""
    return bool(RANGE_START.match(text))


#: Characters that may not open a line (JIS X 4051 行頭禁則): when the next
#: line starts with one of these after one character, the printer pulled
#: that character down with it, so the previous line ends one char short.
NO_LINE_START = set("、。，．,.）)」』】〕・ー—…‥々ゝゞぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ！？!?：；:;％%")


def _char_width(ch: str, size: float) -> float:
    return size if unicodedata.east_asian_width(ch) in ("W", "F", "A") else size * 0.55


def _would_fit(prev: TextLine, nxt: str, right_limit: float) -> bool:
    """Whether the next line's first character (or two, for 行頭禁則) would
    have fitted at the end of ``prev`` -- if so, ``prev`` ended a paragraph."""
    need = _char_width(nxt[0], prev.size)
    if len(nxt) > 1 and nxt[1] in NO_LINE_START:
        need += _char_width(nxt[1], prev.size)
    # printers keep about a fifth of an em clear of the right rule
    return prev.bbox.x1 + need <= right_limit - 0.2 * prev.size


def paragraphs(lines: list[TextLine], box: BBox,
               item_start: Callable[[str], bool] = is_bullet_start) -> list[list[str]]:
    """Group printed lines into paragraphs (lists of line texts).

    ``box`` is the cell the text wraps in; the usable width ends at its
    right rule less the padding seen on the left (text start - left rule,
    at most 2 pt, since centred text starts further in).
    A line that left room for the next line's first character ended its
    paragraph; otherwise the next line is its continuation (the printer
    wrapped it).  ``item_start(line)`` says whether a line opens a new item
    regardless of wrapping (default: a bullet mark).
    """
    if not lines:
        return []
    # left padding as printed, capped: centred text starts further in
    pad = min(max(0.5, min(l.bbox.x0 for l in lines) - box.x0), 2.0)
    right_limit = box.x1 - pad + 0.5
    out: list[list[str]] = []
    prev: TextLine | None = None
    for line in lines:
        if prev is not None and not item_start(line.text) and not _would_fit(prev, line.text, right_limit):
            out[-1].append(line.text)
        else:
            out.append([line.text])
        prev = line
    return out


def cell_paragraphs(cell: Cell, item_start: Callable[[str], bool] = is_bullet_start) -> list[str]:
    """The cell's paragraphs, each joined (ruby dropped); see :func:`paragraphs`."""
    lines, _ = visible_lines(cell)
    return [join_wrapped(p) for p in paragraphs(lines, cell.bbox, item_start)]


def cell_text(cell: Cell | None) -> str:
    """The cell's text with wrapped lines joined; paragraphs joined with no
    separator (an author's line break inside a value cell carries no
    meaning), '' for no cell."""
    if cell is None:
        return ""
    return "".join(cell_paragraphs(cell))


def read_value(cell: Cell | None, unit_hint: str | None = None, is_estimate: bool = False) -> Value:
    """Parse a value cell (:func:`normalize.values.parse_value`) with the
    text-reading rule ids (ruby, wrapped lines) prepended to its rule ids."""
    v = parse_value(cell_text(cell), unit_hint=unit_hint, is_estimate=is_estimate)
    rules = cell_rules(cell) if cell is not None else ()
    return replace(v, rule_ids=rules + v.rule_ids) if rules else v


def cell_rules(cell: Cell) -> tuple[str, ...]:
    """Rule ids applied when reading the cell's text."""
    _, dropped = visible_lines(cell)
    ids = []
    if dropped:
        ids.append("text.ruby")
    if len(cell.lines) > 1:
        ids.append("text.join_wrapped")
    return tuple(ids)


def bbox_tuple(b: BBox) -> dict:
    """Provenance keyword arguments for a box."""
    return {"x0": round(b.x0, 2), "top": round(b.top, 2), "x1": round(b.x1, 2), "bottom": round(b.bottom, 2)}


def is_vertical_line(line: TextLine) -> bool:
    """True when a printed line is one character of vertical writing (縦書き):
    no wider than 1.3 x its font size (a one- or two-glyph fragment such as
    "（", "内", "）訳" of 神戸市's "物件費（内訳）", whose 内訳 is printed
    downwards beside the label)."""
    return line.bbox.width <= 1.3 * max(line.size, 1.0)


def label_text(cell: Cell | None) -> str:
    """A row label's text without vertical-writing annotations.

    Shapes: ``cell`` an extracted cell or None -> str ('' for None).  When
    the cell's first line is horizontal and later lines are
    :func:`is_vertical_line` fragments, the fragments are an annotation
    printed downwards beside the label (神戸市 ≪事業別コスト等≫ "物件費" with
    （内訳） beside it) and are dropped; a wholly vertical label (コ/ス/ト)
    is joined as it reads.  Otherwise as :func:`cell_text`.  Rule id
    ``text.vertical_annotation`` when fragments were dropped (see
    :func:`label_rules`).
    """
    if cell is None:
        return ""
    lines, _ = visible_lines(cell)
    if len(lines) > 1 and not is_vertical_line(lines[0]):
        kept = [l for l in lines if not is_vertical_line(l)]
        if len(kept) < len(lines):
            return join_wrapped([l.text for l in kept])
    return cell_text(cell)


def label_rules(cell: Cell | None) -> tuple[str, ...]:
    """Rule ids of reading a row label with :func:`label_text`."""
    if cell is None:
        return ()
    lines, _ = visible_lines(cell)
    if len(lines) > 1 and not is_vertical_line(lines[0]) and any(is_vertical_line(l) for l in lines[1:]):
        return ("text.vertical_annotation",)
    return ()


_OPENERS = "（("
_CLOSERS = "）)"


def mend_split_bracket(label: str, value_text: str) -> tuple[str, str, bool]:
    """Give a label back the closing bracket its value cell took.

    Shapes: (label, first value cell's text) -> (label, value text, mended).
    When the label leaves a bracket open ("（差引）一般財源（B") and the value
    cell opens with the closing bracket ("） 375,620"), the bracket was
    printed across the cell rule and the extractor cut it into the next
    cell (神戸市 ≪事業別コスト等≫); it is moved back: ("（差引）一般財源（B）",
    "375,620", True).  Otherwise the inputs come back with False.  Rule id
    ``cell.split_bracket``.
    """
    opened = sum(label.count(c) for c in _OPENERS) - sum(label.count(c) for c in _CLOSERS)
    stripped = value_text.lstrip()
    if opened > 0 and stripped[:1] in _CLOSERS:
        return label + stripped[0], stripped[1:].strip(), True
    return label, value_text, False


def continued_text_cell(doc, page: int, cell: Cell, is_heading: Callable[[str], bool] = lambda t: False
                        ) -> tuple[Cell, int] | None:
    """The cell on the next page that continues a text cell cut by a page break.

    Shapes: ``doc`` an ExtractedDocument (a sheet: only its pages), ``page``
    the 1-based page of ``cell``, ``is_heading(text)`` says whether a cell
    prints a heading of the template (then it opens a section and continues
    nothing) -> (cell, page) or None.

    A text body runs onto the next page when ``cell`` is in the last grid
    row of the lowest table of its page and the next page's first table
    opens with a cell at row 0 whose left and right rules lie within 3 pt
    of ``cell``'s and which is not a heading: the printer split one ruled
    cell at the page break (Excel/LibreOffice repeat no heading).  Rule id
    ``text.continued``.  Raises nothing; pages not held by ``doc`` end the
    search.
    """
    here = doc.page(page)
    owner = next((t for t in here.tables if any(c is cell for c in t.cells)), None)
    if owner is None or cell.row + cell.row_span != owner.n_rows:
        return None
    if any(t.bbox.top > owner.bbox.bottom for t in here.tables if t is not owner):
        return None
    if page + 1 not in [p.number for p in doc.pages]:
        return None
    tables = doc.page(page + 1).tables
    if not tables:
        return None
    first = min(tables, key=lambda t: t.bbox.top)
    nxt = next((c for c in first.cells if c.row == 0 and c.lines
                and abs(c.bbox.x0 - cell.bbox.x0) <= 3.0 and abs(c.bbox.x1 - cell.bbox.x1) <= 3.0), None)
    if nxt is None or is_heading(cell_text(nxt)):
        return None
    return nxt, page + 1
