"""Printing ruled tables with reportlab: the drawing layer of the generator.

Coordinates are PDF points with the origin at the page's top-left (as
pdfplumber reports them; reportlab's bottom-up y is converted here).  A
:class:`Writer` prints one PDF: pages (any size per sheet), a cursor moving
down the page, headings, and :class:`Block` s — groups of ruled table rows
that stay on one page.  :meth:`Writer.table` lays blocks out page by page,
repeating header blocks after a page break when asked.

Truth is written while printing: a :class:`Cell` may carry ``fact`` (a dict
from :mod:`samples.generate.truth`); when the cell is drawn, the page number
and cell box are added and the dict appended to ``Writer.facts``.  So the
recorded page is where the value really was printed.

Determinism: reportlab's ``invariant`` mode pins the /ID and dates; the
creation date (the context a bare "5年度" is read in, as for the real
sheets) is then patched to ``created`` (YYYYMMDD) with the same byte length,
so the xref offsets stay valid.  Same inputs -> same bytes.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.pagesizes import A3, A4, landscape, portrait
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas as rl_canvas

from samples.generate import fonts

#: Paper name -> portrait size in points (ISO 216).
PAPERS = {"A4": A4, "A3": A3}
#: Line pitch as a multiple of the font size: Noto Sans CJK's line box is
#: taller (LibreOffice prints it at ~1.42; IPAex at ~1.1-1.3).
PITCH = {fonts.NOTO_SANS_CJK: 1.42, fonts.IPAEX_GOTHIC: 1.25, fonts.IPAEX_MINCHO: 1.25}
#: Cell padding left/right and top/bottom, points (Excel-like).
PAD_X = 2.5
PAD_Y = 2.5
#: JIS X 4051 行頭禁則 characters: never start a line; the character before
#: is pushed down with them (追い出し), as LibreOffice does.
NO_LINE_START = set("、。，．,.）)」』】〕・ー…‥々ぁぃぅぇぉっゃゅょァィゥェォッャュョ！？!?：；:;％%")
SHADE_GREY = 0.85
FAKE_DATE = b"D:20000101000000+00'00'"


def page_size(paper: str, orientation: str) -> tuple[float, float]:
    """(width, height) in points of ``paper`` (A4/A3) in ``orientation``."""
    size = PAPERS[paper]
    return landscape(size) if orientation == "landscape" else portrait(size)


@dataclass
class Cell:
    """One (possibly merged) table cell of a :class:`Block`.

    ``row``/``col`` are 0-based within the block / table columns; ``rows``
    x ``cols`` the span.  ``text`` may hold author line breaks (``\\n``).
    ``align``: left / center / right; ``size`` font size (None: the
    writer's); ``fact``: truth to record when drawn (see module doc).
    ``wrap`` False prints one line per paragraph, however long.  A value
    cell (one with ``fact``) is never wrapped: like Excel's 縮小して全体を表示
    its font shrinks until the text fits the cell (a city widens or shrinks
    rather than print "101.\\n5%").
    """

    row: int
    col: int
    text: str = ""
    rows: int = 1
    cols: int = 1
    align: str = "left"
    size: float | None = None
    shade: bool = False
    fact: dict | None = None
    wrap: bool = True
    valign: str = "center"


@dataclass
class Block:
    """Table rows printed together on one page: ``n_rows`` rows of ``cells``.

    ``min_height`` is the minimum row height in points.
    """

    n_rows: int
    cells: list[Cell] = field(default_factory=list)
    min_height: float = 14.0


class Writer:
    """One PDF being printed (see module doc).

    Args:
        path: output file.
        created: the PDF CreationDate, "YYYYMMDD" (pinned; see module doc).
        author: /Author metadata (the city).
    """

    def __init__(self, path: Path, created: str, author: str = ""):
        self.path = Path(path)
        self.created = created
        self.c = rl_canvas.Canvas(str(path), invariant=1, pageCompression=1)
        self.c.setAuthor(author)
        self.c.setCreator("Microsoft Excel")
        self.c.setTitle("")
        self.page = 0
        self.facts: list[dict] = []
        self.size = page_size("A4", "portrait")
        self.margin = (36.0, 36.0, 36.0, 36.0)  # left, top, right, bottom
        self.font = fonts.IPAEX_GOTHIC
        self.font_size = 9.0
        self.cursor = 0.0
        self._started = False
        #: footer style: None, "dash" (－ 3 －) or "slash" (3 / 12 is not known
        #: while printing, so "P.3"); drawn when a page starts.
        self.footer: str | None = None

    # -- pages -------------------------------------------------------------
    def set_style(self, paper: str, orientation: str, font: str, size: float,
                  margin: tuple[float, float, float, float] = (36.0, 36.0, 36.0, 36.0)) -> None:
        """Paper, orientation, font family and body size of the pages to come."""
        self.size = page_size(paper, orientation)
        self.font, self.font_size, self.margin = font, size, margin
        fonts.register(font)

    def new_page(self) -> int:
        """Start a new page at the current style; return its 1-based number."""
        if self._started:
            self.c.showPage()
        self._started = True
        self.c.setPageSize(self.size)
        self.page += 1
        self.cursor = self.margin[1]
        if self.footer:
            text = f"－ {self.page} －" if self.footer == "dash" else f"P.{self.page}"
            size = self.font_size
            self.draw_text((self.size[0] - self.text_width(text, size)) / 2, self.size[1] - self.margin[3] / 2 - size / 2,
                           text, size)
        return self.page

    @property
    def left(self) -> float:
        return self.margin[0]

    @property
    def width(self) -> float:
        """Printable width between the side margins, points."""
        return self.size[0] - self.margin[0] - self.margin[2]

    @property
    def bottom(self) -> float:
        return self.size[1] - self.margin[3]

    def room(self) -> float:
        """Points left above the bottom margin on this page."""
        return self.bottom - self.cursor

    def gap(self, points: float) -> None:
        """Move the cursor down ``points`` (no-op at a page's top)."""
        if self.cursor > self.margin[1]:
            self.cursor += points

    # -- text --------------------------------------------------------------
    def _fname(self, font: str | None = None) -> str:
        return fonts.register(font or self.font)

    def text_width(self, text: str, size: float) -> float:
        return stringWidth(text, self._fname(), size)

    def pitch(self, size: float) -> float:
        return PITCH.get(self.font, 1.25) * size

    def wrap(self, text: str, width: float, size: float) -> list[str]:
        """Printed lines of ``text`` in a cell ``width`` points wide (padding
        included): greedy by character, 行頭禁則 by pushing one character
        down; each ``\\n`` starts a new line."""
        usable = width - 2 * PAD_X
        out: list[str] = []
        for para in str(text).split("\n"):
            line = ""
            for ch in para:
                if line and self.text_width(line + ch, size) > usable:
                    if ch in NO_LINE_START and len(line) > 1:
                        out.append(line[:-1])
                        line = line[-1] + ch
                    else:
                        out.append(line)
                        line = ch
                else:
                    line += ch
            out.append(line)
        return out

    def draw_text(self, x: float, top: float, text: str, size: float, font: str | None = None) -> None:
        """One line with its em box's top at ``top``."""
        c = self.c
        c.setFont(self._fname(font), size)
        c.setFillGray(0)
        baseline = top + size * 0.88
        c.drawString(x, self.size[1] - baseline, text)

    def heading(self, text: str, size: float | None = None, align: str = "left", x: float | None = None,
                width: float | None = None, after: float = 4.0) -> float:
        """An unruled line of text at the cursor (page break if it does not
        fit); returns its top."""
        size = size or self.font_size + 1
        h = self.pitch(size)
        if self.room() < h + 30:
            self.new_page()
        x0 = self.left if x is None else x
        w = self.width if width is None else width
        tw = self.text_width(text, size)
        x = x0 + (w - tw) / 2 if align == "center" else x0 + w - tw if align == "right" else x0
        top = self.cursor
        self.draw_text(x, top, text, size)
        self.cursor += h + after
        return top

    # -- tables ------------------------------------------------------------
    def cell_size(self, cell: Cell, width: float) -> float:
        """Font size of ``cell`` printed ``width`` points wide (shrink to fit
        for value cells, see :class:`Cell`)."""
        size = cell.size or self.font_size
        if cell.fact is not None and cell.text and "\n" not in cell.text:
            usable = width - 2 * PAD_X
            while size > 4.0 and self.text_width(cell.text, size) > usable:
                size -= 0.5
        return size

    def block_heights(self, block: Block, widths: list[float]) -> list[float]:
        """Row heights of ``block``: the tallest wrapped single-row cell per
        row, then spanning cells' needs spread over their rows."""
        heights = [block.min_height] * block.n_rows
        spans = []
        for cell in block.cells:
            w = sum(widths[cell.col: cell.col + cell.cols])
            size = self.cell_size(cell, w)
            lines = self.wrap(cell.text, w, size) if cell.wrap and cell.fact is None else str(cell.text).split("\n")
            need = len(lines) * self.pitch(size) + 2 * PAD_Y if cell.text else 0.0
            if cell.rows == 1:
                heights[cell.row] = max(heights[cell.row], need)
            else:
                spans.append((cell.row, cell.rows, need))
        for r0, n, need in spans:
            have = sum(heights[r0:r0 + n])
            if have < need:
                for r in range(r0, r0 + n):
                    heights[r] += (need - have) / n
        return heights

    def draw_block(self, block: Block, x0: float, widths: list[float], top: float, heights: list[float]) -> None:
        """Draw ``block`` with its top-left at (x0, top); record cell facts."""
        c = self.c
        H = self.size[1]
        xs = [x0]
        for w in widths:
            xs.append(xs[-1] + w)
        ys = [top]
        for h in heights:
            ys.append(ys[-1] + h)
        c.setLineWidth(0.5)
        for cell in block.cells:
            bx0, bx1 = xs[cell.col], xs[cell.col + cell.cols]
            by0, by1 = ys[cell.row], ys[cell.row + cell.rows]
            if cell.shade:
                c.setFillGray(SHADE_GREY)
                c.rect(bx0, H - by1, bx1 - bx0, by1 - by0, stroke=0, fill=1)
            c.setStrokeGray(0)
            c.rect(bx0, H - by1, bx1 - bx0, by1 - by0, stroke=1, fill=0)
            size = self.cell_size(cell, bx1 - bx0)
            if cell.text:
                lines = (self.wrap(cell.text, bx1 - bx0, size) if cell.wrap and cell.fact is None
                         else str(cell.text).split("\n"))
                pitch = self.pitch(size)
                total = len(lines) * pitch
                if cell.valign == "top":
                    t = by0 + PAD_Y
                else:
                    t = by0 + max(PAD_Y, (by1 - by0 - total) / 2)
                for line in lines:
                    lw = self.text_width(line, size)
                    if cell.align == "center":
                        x = bx0 + (bx1 - bx0 - lw) / 2
                    elif cell.align == "right":
                        x = bx1 - PAD_X - lw
                    else:
                        x = bx0 + PAD_X
                    self.draw_text(x, t + (pitch - size) / 2, line, size)
                    t += pitch
            if cell.fact is not None:
                fact = dict(cell.fact)
                fact["page"] = self.page
                fact["bbox"] = [round(bx0, 1), round(by0, 1), round(bx1, 1), round(by1, 1)]
                self.facts.append(fact)

    def table(self, widths: list[float], body: list[Block], header: list[Block] = (), *,
              repeat_header: bool = True, x0: float | None = None, max_blocks_per_page: int | None = None,
              on_new_page=None) -> tuple[int, int]:
        """Print a table: ``header`` blocks, then ``body`` blocks, breaking
        pages between blocks when the next does not fit (or after
        ``max_blocks_per_page`` body blocks).  After a break the header is
        printed again when ``repeat_header``; ``on_new_page()`` is called
        first (e.g. to print a repeated title block).  Returns (first page,
        last page)."""
        x0 = self.left if x0 is None else x0
        hh = [self.block_heights(b, widths) for b in header]
        head_total = sum(sum(h) for h in hh)
        first_block_h = sum(self.block_heights(body[0], widths)) if body else 0.0
        if self.room() < head_total + first_block_h:
            self.new_page()
            if on_new_page:
                on_new_page()
        first = self.page

        def print_header():
            for b, h in zip(header, hh):
                self.draw_block(b, x0, widths, self.cursor, h)
                self.cursor += sum(h)

        print_header()
        on_page = 0
        for block in body:
            h = self.block_heights(block, widths)
            full = max_blocks_per_page is not None and on_page >= max_blocks_per_page
            if (self.room() < sum(h) or full) and on_page > 0:
                self.new_page()
                if on_new_page:
                    on_new_page()
                if repeat_header:
                    print_header()
                on_page = 0
            self.draw_block(block, x0, widths, self.cursor, h)
            self.cursor += sum(h)
            on_page += 1
        return first, self.page

    # -- output ------------------------------------------------------------
    def save(self) -> Path:
        """Write the PDF and pin its creation date (see module doc)."""
        self.c.showPage() if not self._started else None
        self.c.save()
        data = self.path.read_bytes()
        stamp = f"D:{self.created}090000+09'00'".encode("ascii")
        assert len(stamp) == len(FAKE_DATE), stamp
        self.path.write_bytes(data.replace(FAKE_DATE, stamp))
        return self.path


def east_asian_len(text: str) -> float:
    """Width of ``text`` in ems, wide characters 1, others 0.55."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WFA" else 0.55 for ch in text)
