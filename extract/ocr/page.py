"""OCR as a page text source: a page image -> the same :class:`Page` the text
layer gives (lines with boxes in PDF points, ruled tables on the merged-cell
grid), so that split, templates, interpreters, validation and load run
unchanged (issue 8).

Steps, each a function here:

1. :func:`render` the page with pypdfium2 at ``dpi`` in grey.
2. :func:`deskew`: the skew is the median angle of the long horizontal
   rules (OpenCV ``fitLine`` on the connected components of a horizontal
   morphological opening); the image is rotated back when it exceeds 0.05°.
3. :func:`ruled_cells`: ruling lines found in the image by morphological
   opening with long thin kernels (the method camelot's lattice parser uses
   on its page images), the cells being the enclosed white regions
   (connected components of the non-rule pixels that do not touch the
   image border); each rule network is one table, its cells go through
   :func:`extract.tables.base.build_table`, so merged cells get the same
   spans as in born-digital files.
4. The engine (extract/ocr/engines.py) reads the text lines of the whole
   image; a line crossing a cell border is cut at it (characters shared out
   by their width, full-width counting 2, half-width 1); cells in which
   nothing was detected are recognised from their own crop.
5. Text is folded (extract/ocr/fold.py) and every line keeps the engine's
   confidence (:attr:`TextLine.confidence`).

Coordinates: image pixels * 72 / dpi = PDF points, origin top-left, as in
:mod:`extract.model`.  After deskewing, boxes are those of the straightened
page (within a point or two of the printed position for the ±1° of a
scanner).
"""
from __future__ import annotations

import math
import unicodedata
from dataclasses import replace
from pathlib import Path

from hyoka.extract.model import BBox, Page, Table, TextLine
from hyoka.extract.ocr.engines import OcrEngine, OcrLine
from hyoka.extract.ocr.fold import fold_ocr_text
from hyoka.extract.tables.base import build_table, number_tables

#: Rendering resolution for OCR, dots per inch.  300 dpi is the usual
#: archival scan setting; PP-OCR's detector works on a downscaled copy anyway.
DEFAULT_DPI = 300
#: A rule must be at least this fraction of the page's width (height) long.
RULE_FRACTION = 1 / 40
#: Below this skew (degrees) the image is not rotated.
MIN_SKEW = 0.05
#: Cells smaller than this (points) in either direction are rule artefacts.
MIN_CELL = 4.0


def render(pdf_path: str | Path, page_number: int, dpi: int = DEFAULT_DPI):  # noqa: ANN201 - PIL image
    """The 1-based page of ``pdf_path`` as a greyscale PIL image at ``dpi``.

    Raises whatever pypdfium2 raises for an unreadable page (the caller
    records it as the page's problem)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf_path))
    try:
        return doc[page_number - 1].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    finally:
        doc.close()


def _binary(gray):  # noqa: ANN001, ANN202 - numpy arrays
    """Ink as 255 on 0 (Otsu threshold of the inverted grey image)."""
    import cv2

    _, bw = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return bw


def _rules(bw, horizontal: bool):  # noqa: ANN001, ANN202
    """The horizontal (or vertical) rules of a binary image: a morphological
    opening with a 1-pixel-thick kernel RULE_FRACTION of the page long."""
    import cv2

    h, w = bw.shape
    size = max(10, int((w if horizontal else h) * RULE_FRACTION))
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (size, 1) if horizontal else (1, size))
    return cv2.morphologyEx(bw, cv2.MORPH_OPEN, kernel)


def skew_angle(image) -> float:  # noqa: ANN001 - PIL image
    """The page's skew in degrees (positive: the rules rise to the right in
    image coordinates, i.e. fall clockwise), 0.0 when no long rule is found.

    The median of ``cv2.fitLine`` angles over horizontal rule components at
    least a fifth of the page wide."""
    import cv2
    import numpy as np

    gray = np.asarray(image)
    bw = _binary(gray)
    # A looser kernel than for cells: a tilted rule is a staircase of short
    # horizontal runs, so close them first.
    h, w = bw.shape
    closed = cv2.morphologyEx(bw, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (15, 3)))
    opened = cv2.morphologyEx(closed, cv2.MORPH_OPEN,
                              cv2.getStructuringElement(cv2.MORPH_RECT, (max(20, w // 30), 1)))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(opened, connectivity=8)
    angles = []
    for i in range(1, n):
        x, y, cw, ch, area = stats[i]
        if cw < w / 5 or ch > h / 20:
            continue
        ys, xs = np.nonzero(labels[y:y + ch, x:x + cw] == i)
        if len(xs) < 50:
            continue
        vx, vy, _, _ = cv2.fitLine(np.column_stack([xs, ys]).astype(np.float32), cv2.DIST_L2, 0, 0.01, 0.01)
        angles.append(math.degrees(math.atan2(float(vy[0]), float(vx[0]))))
    if not angles:
        return 0.0
    angles = [a - 180 if a > 90 else a + 180 if a < -90 else a for a in angles]
    return float(np.median(angles))


def deskew(image):  # noqa: ANN001, ANN201 - PIL image
    """``image`` rotated so that its rules are horizontal, white fill;
    returns ``(image, angle_degrees)``."""
    angle = skew_angle(image)
    if abs(angle) < MIN_SKEW:
        return image, 0.0
    from PIL import Image

    return image.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255), angle


def ruled_cells(image, dpi: int) -> list[list[BBox]]:  # noqa: ANN001 - PIL image
    """Cell rectangles (PDF points) of each ruled table of ``image``, one
    list per table (a connected network of rules), tables in no particular
    order."""
    import cv2
    import numpy as np

    gray = np.asarray(image)
    bw = _binary(gray)
    grid = cv2.bitwise_or(_rules(bw, True), _rules(bw, False))
    # Close the small gaps a scan leaves where rules meet.
    grid = cv2.dilate(grid, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3)))
    h, w = grid.shape
    k = 72.0 / dpi
    _, net_labels, net_stats, _ = cv2.connectedComponentsWithStats(grid, connectivity=8)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(255 - grid, connectivity=4)
    tables: dict[int, list[BBox]] = {}
    for i in range(1, n):
        x, y, cw, ch, _area = stats[i]
        if x == 0 or y == 0 or x + cw >= w or y + ch >= h:
            continue  # the background around the tables
        if cw * k < MIN_CELL or ch * k < MIN_CELL:
            continue
        # The network the cell's top border belongs to.
        net = int(net_labels[max(0, y - 2), x + cw // 2])
        if net == 0:
            net = int(net_labels[max(0, y - 3), x + cw // 2])
        if net == 0:
            continue
        nx, ny, nw, nh, _ = net_stats[net]
        if cw >= nw - 2 and ch >= nh - 2:
            continue  # a closed frame without inner rules is not a table cell
        tables.setdefault(net, []).append(BBox(x * k, y * k, (x + cw) * k, (y + ch) * k))
    return [boxes for boxes in tables.values() if len(boxes) >= 2]


def _weight(ch: str) -> int:
    """Width of a character in half-width units (East Asian Wide/Fullwidth: 2)."""
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _pt_line(line: OcrLine, dpi: int) -> TextLine:
    """An OCR line in PDF points, text folded, confidence kept."""
    k = 72.0 / dpi
    x0, top, x1, bottom = (v * k for v in line.box)
    text = fold_ocr_text(line.text.strip())
    return TextLine(text, BBox(x0, top, x1, bottom), size=max(1.0, (bottom - top) * 0.85),
                    confidence=line.confidence)


def cut_at(line: TextLine, xs: list[float]) -> list[TextLine]:
    """Cut ``line`` at the vertical borders ``xs`` (points) that cross it,
    sharing its characters out by width; pieces without text are dropped.

    Pure; a line crossing no border comes back as ``[line]``."""
    cuts = sorted(x for x in xs if line.bbox.x0 + 2 < x < line.bbox.x1 - 2)
    if not cuts or len(line.text) < 2:
        return [line]
    weights = [_weight(c) for c in line.text]
    total = sum(weights)
    span = line.bbox.width
    pos, edges = line.bbox.x0, []
    for wgt in weights:
        edges.append((pos, pos + span * wgt / total))
        pos += span * wgt / total
    bounds = [line.bbox.x0, *cuts, line.bbox.x1]
    out = []
    for a, b in zip(bounds, bounds[1:]):
        idx = [i for i, (l, r) in enumerate(edges) if a <= (l + r) / 2 < b]
        text = "".join(line.text[i] for i in idx).strip()
        if text:
            out.append(replace(line, text=text, bbox=BBox(edges[idx[0]][0], line.bbox.top,
                                                          edges[idx[-1]][1], line.bbox.bottom)))
    return out or [line]


def _inside(line: TextLine, box: BBox) -> bool:
    cx = (line.bbox.x0 + line.bbox.x1) / 2
    cy = (line.bbox.top + line.bbox.bottom) / 2
    return box.x0 <= cx <= box.x1 and box.top <= cy <= box.bottom


def _tight_crop(image, box: BBox, dpi: int):  # noqa: ANN001, ANN202
    """The ink of a cell (inset past its rules, trimmed to the dark pixels
    plus a margin), or None when the cell is blank."""
    import numpy as np

    s = dpi / 72.0
    inset = max(2, int(0.8 * dpi / 25.4))  # 0.8 mm past the rule
    x0, y0 = int(box.x0 * s) + inset, int(box.top * s) + inset
    x1, y1 = int(box.x1 * s) - inset, int(box.bottom * s) - inset
    if x1 - x0 < 4 or y1 - y0 < 4:
        return None
    crop = image.crop((x0, y0, x1, y1))
    ink = np.asarray(crop) < 128
    if ink.sum() < 6:
        return None
    ys, xs = np.nonzero(ink)
    m = max(4, int(dpi / 40))
    return crop.crop((max(0, xs.min() - m), max(0, ys.min() - m),
                      min(crop.width, xs.max() + m), min(crop.height, ys.max() + m)))


def ocr_image(image, page_number: int, width: float, height: float,  # noqa: ANN001 - PIL image
              engine: OcrEngine, dpi: int) -> Page:
    """Read one page image by OCR.

    Args: ``image`` the page as a greyscale PIL image of ``dpi`` dots per
    inch; ``page_number`` 1-based; ``width``/``height`` the page size in
    points (pdfplumber's); ``engine`` an OCR engine.  Returns a
    :class:`Page` with ``text_source='ocr'``, ``has_text_layer=False``, lines
    and tables as the text layer would give them, each line with its
    confidence; no ``problem`` unless nothing at all was read.  Raises
    whatever the engine raises (the caller records it)."""
    image, angle = deskew(image)
    tables = [t for t in (build_table(page_number, boxes, [], "ocr") for boxes in ruled_cells(image, dpi))
              if t is not None]
    lines: list[TextLine] = []
    for line in (_pt_line(l, dpi) for l in engine.read(image)):
        if not line.text:
            continue
        # Cut at the borders of the table the line lies in (not at another
        # table's, whose columns may cross the same x).
        owner = next((t for t in tables if _inside(line, t.bbox)), None)
        borders = sorted({c.bbox.x0 for c in owner.cells} | {c.bbox.x1 for c in owner.cells}) if owner else []
        lines.extend(cut_at(line, borders))
    for table in tables:
        blank = []
        for cell in table.cells:
            cell.lines = [l for l in lines if _inside(l, cell.bbox)]
            if not cell.lines:
                blank.append(cell)
        crops = [(cell, im) for cell in blank if (im := _tight_crop(image, cell.bbox, dpi)) is not None]
        for (cell, _), (text, conf) in zip(crops, engine.read_crops([im for _, im in crops])):
            text = fold_ocr_text(text.strip())
            if text:
                b = cell.bbox
                cell.lines = [TextLine(text, BBox(b.x0 + 1, b.top + 1, b.x1 - 1, b.bottom - 1),
                                       size=min(10.5, b.height * 0.7), confidence=conf)]
                lines.extend(cell.lines)
    lines.sort(key=lambda l: (round(l.bbox.top / 4), l.bbox.x0))
    problem = None if lines else f"OCR found no text on the page (deskewed {angle:.2f}°)"
    return Page(page_number, width, height, lines, number_tables(tables), has_text_layer=False,
                problem=problem, text_source="ocr")


def ocr_page(pdf_path: str | Path, page_number: int, width: float, height: float,
             engine: OcrEngine, dpi: int = DEFAULT_DPI) -> Page:
    """:func:`ocr_image` of the 1-based page of ``pdf_path`` rendered at
    ``dpi``.  Raises whatever the renderer or the engine raise."""
    return ocr_image(render(pdf_path, page_number, dpi), page_number, width, height, engine, dpi)
