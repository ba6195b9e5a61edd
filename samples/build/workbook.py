"""Shared helpers for rebuilding the evaluation sheets as Excel-made PDFs.

The cities author these sheets in Excel and print them to PDF.  We do the
same: each builder lays its sheet out on an openpyxl worksheet (thin-ruled
cells, merged cells, wrapped text, Japanese fonts) and :func:`to_pdf`
converts the workbook with LibreOffice headless.

Nothing here knows a particular sheet; see ``hiratsuka.py`` / ``atsugi.py``.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)

#: Font families installed from Debian's fonts-ipaexfont / fonts-noto-cjk.
IPAEX_GOTHIC = "IPAexGothic"
IPAEX_MINCHO = "IPAexMincho"
NOTO_SANS_CJK = "Noto Sans CJK JP"


@dataclass
class Style:
    """Printing style of one sheet: font, size, paper and orientation.

    ``paper`` is openpyxl's paperSize code (9 = A4, 8 = A3); ``orientation``
    is ``"portrait"`` or ``"landscape"``.
    """

    font: str = IPAEX_GOTHIC
    size: float = 9
    paper: int = 9
    orientation: str = "portrait"


class Sheet:
    """A thin wrapper over an openpyxl worksheet with sheet-builder verbs.

    Rows and columns are 1-based as in Excel.
    """

    def __init__(self, ws: Worksheet, style: Style):
        self.ws = ws
        self.style = style
        ws.page_setup.paperSize = style.paper
        ws.page_setup.orientation = style.orientation
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_options.horizontalCentered = True
        for side in ("left", "right"):
            setattr(ws.page_margins, side, 0.4)
        ws.page_margins.top = 0.5
        ws.page_margins.bottom = 0.5

    def widths(self, widths: list[float]) -> None:
        """Set column widths (Excel character units) from column A on."""
        for i, w in enumerate(widths, start=1):
            self.ws.column_dimensions[get_column_letter(i)].width = w

    def height(self, row: int, points: float) -> None:
        """Set one row's height in points."""
        self.ws.row_dimensions[row].height = points

    def put(self, row: int, col: int, value, *, rows: int = 1, cols: int = 1,
            border: bool = True, bold: bool = False, size: float | None = None,
            align: str = "left", valign: str = "center", wrap: bool = True) -> None:
        """Write ``value`` at (row, col), merging ``rows`` x ``cols`` cells.

        ``border`` rules every edge of the (merged) range with a thin line.
        """
        ws = self.ws
        cell = ws.cell(row=row, column=col, value=value)
        cell.font = Font(name=self.style.font, size=size or self.style.size, bold=bold)
        cell.alignment = Alignment(horizontal=align, vertical=valign, wrap_text=wrap)
        if rows > 1 or cols > 1:
            ws.merge_cells(start_row=row, start_column=col,
                           end_row=row + rows - 1, end_column=col + cols - 1)
        if border:
            for r in range(row, row + rows):
                for c in range(col, col + cols):
                    ws.cell(row=r, column=c).border = BOX

    def page_break(self, after_row: int) -> None:
        """Force a page break after ``after_row``."""
        from openpyxl.worksheet.pagebreak import Break
        self.ws.row_breaks.append(Break(id=after_row))


def new_workbook() -> Workbook:
    """Return an empty workbook (its default sheet removed)."""
    wb = Workbook()
    wb.remove(wb.active)
    return wb


def add_sheet(wb: Workbook, title: str, style: Style) -> Sheet:
    """Add a worksheet named ``title`` printed with ``style``."""
    return Sheet(wb.create_sheet(title), style)


def to_pdf(wb: Workbook, out_pdf: Path) -> Path:
    """Save ``wb`` and convert it to ``out_pdf`` with LibreOffice headless.

    Raises ``RuntimeError`` when soffice is missing or produces no PDF.
    """
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise RuntimeError("LibreOffice (soffice) is required to rebuild the samples")
    out_pdf = Path(out_pdf)
    out_pdf.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        xlsx = Path(tmp) / (out_pdf.stem + ".xlsx")
        wb.save(xlsx)
        profile = Path(tmp) / "profile"
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless",
             "--convert-to", "pdf", "--outdir", tmp, str(xlsx)],
            check=True, capture_output=True, timeout=180,
        )
        produced = Path(tmp) / (out_pdf.stem + ".pdf")
        if not produced.exists():
            raise RuntimeError(f"LibreOffice produced no PDF for {xlsx.name}")
        shutil.move(produced, out_pdf)
    return out_pdf


def stabilize_pdf(pdf: Path, stamp: str = "D:20000101000000Z'") -> Path:
    """Make a LibreOffice PDF byte-for-byte reproducible, in place.

    LibreOffice writes the wall-clock ``/CreationDate``, a random ``/ID``
    pair and a ``/DocChecksum`` over them.  This replaces the date with
    ``stamp`` (padded or cut to the same length) and the IDs and checksum
    with an MD5 of the rest of the file, so
    every byte offset (and thus the xref table) stays valid.  Returns
    ``pdf``.  Files without those entries are left as they are.
    """
    import hashlib
    import re

    pdf = Path(pdf)
    data = pdf.read_bytes()

    def _date(m: re.Match) -> bytes:
        old = m.group(1)
        new = stamp.encode("ascii")[: len(old)].ljust(len(old), b"0")
        return b"/CreationDate(" + new + b")"

    data = re.sub(rb"/CreationDate\(([^)]*)\)", _date, data)
    ids = re.search(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", data)
    check = re.search(rb"/DocChecksum\s*/([0-9A-Fa-f]+)", data)
    if ids:
        body = data[: ids.start()] + data[ids.end():]
        if check:
            body = body.replace(check.group(0), b"")
        digest = hashlib.md5(body).hexdigest().upper().encode("ascii")
        if check:
            data = data.replace(check.group(0), check.group(0).replace(
                check.group(1), digest[: len(check.group(1))].ljust(len(check.group(1)), b"0")))
        for g in (1, 2):
            old = ids.group(g)
            new = (digest * (len(old) // len(digest) + 1))[: len(old)]
            data = data.replace(b"<" + old + b">", b"<" + new + b">")
    pdf.write_bytes(data)
    return pdf
