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

from rapidfuzz import fuzz

from extract.model import BBox, Cell, TextLine
from normalize.text import is_bullet_start, join_wrapped, remove_ruby
from normalize.width import fold_width

#: Cell padding (pt) LibreOffice/Excel leave between text and the right rule.
PADDING = 3.0


def key(text: str) -> str:
    """Comparison key of a label: width-folded, all whitespace removed."""
    return "".join(fold_width(text or "").split())


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


def paragraphs(lines: list[TextLine], right_edge: float) -> list[list[str]]:
    """Group printed lines into paragraphs (lists of line texts).

    ``right_edge`` is the x (pt) of the rule the text wraps at.  See the
    module doc for the rule.
    """
    out: list[list[str]] = []
    prev: TextLine | None = None
    for line in lines:
        starts_item = is_bullet_start(line.text)
        wrapped = (prev is not None
                   and prev.bbox.x1 >= right_edge - (1.3 * prev.size + PADDING))
        if out and wrapped and not starts_item:
            out[-1].append(line.text)
        else:
            out.append([line.text])
        prev = line
    return out


def cell_paragraphs(cell: Cell) -> list[str]:
    """The cell's paragraphs, each joined (ruby dropped)."""
    lines, _ = visible_lines(cell)
    return [join_wrapped(p) for p in paragraphs(lines, cell.bbox.x1)]


def cell_text(cell: Cell | None) -> str:
    """The cell's text with wrapped lines joined; paragraphs joined with no
    separator (an author's line break inside a value cell carries no
    meaning), '' for no cell."""
    if cell is None:
        return ""
    return "".join(cell_paragraphs(cell))


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
