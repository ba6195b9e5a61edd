"""OCR as a page text source: a page image -> the same :class:`Page` the text
layer gives (lines with boxes in PDF points, ruled tables on the merged-cell
grid), so that split, templates, interpreters, validation and load run
unchanged (issue 8).

Steps, each a function here:

1. :func:`render` the page with pypdfium2 at ``dpi`` in grey.
2. :func:`clean`: the grey scan becomes black ink on white — the paper's
   own brightness divided out (a shadow along the binding, an uneven
   scanner lamp), a 3x3 Gaussian against JPEG ringing and noise, then one
   Otsu threshold.  This image gives the geometry: rules, cells, and every
   test of ink (blank cells, dashes, lost bullets).  The recogniser is
   shown :func:`recognition_image` too: the grey page with its background
   divided out but not thresholded, since thresholding loses the strokes
   that tell similar kanji apart; running text is still read from the
   binarised page (:func:`read_page`).
3. :func:`deskew`: the skew is the median angle of the long horizontal
   rules (OpenCV ``fitLine`` on the connected components of a horizontal
   morphological opening); the image is rotated back when it exceeds 0.05°.
4. :func:`ruled_cells`: ruling lines found in the image by morphological
   opening with long thin kernels (the method camelot's lattice parser uses
   on its page images), the cells being the enclosed white regions
   (connected components of the non-rule pixels that do not touch the
   image border); each rule network is one table, its cells go through
   :func:`extract.tables.base.build_table`, so merged cells get the same
   spans as in born-digital files.
5. The engine (extract/ocr/engines.py) reads the text lines of the whole
   image; a line crossing a cell border drawn on its row is cut at it and
   each piece read again from the image (characters shared out by their
   width, full-width counting 2, half-width 1, when that reads nothing).
   A cell is read from its own crop (its rules whitened, not cut away) when
   nothing was detected in it, when its one line is a figure with a stray
   letter, a lone mark (a dash read "+", "·"), or a figure read below
   the normalizer's doubt level or with a point where a comma may be (the second
   reading is kept only when surer); a cell whose ink is one short
   horizontal stroke is a dash "-" (:func:`is_dash`); a line whose
   leading ・ the detector left out gets it back (:func:`restore_bullet`).
   A cell of running text (成果, 課題, 取組方針) is read again row by row:
   its printed rows found by the blank pixel rows between them, each row
   recognised whole, a leading ・ or 、 told by its shape
   (:func:`read_running_text`).
6. Text is folded (extract/ocr/fold.py) and every line keeps the engine's
   confidence (:attr:`TextLine.confidence`).

Coordinates: image pixels * 72 / dpi = PDF points, origin top-left, as in
:mod:`extract.model`.  After deskewing, boxes are those of the straightened
page (within a point or two of the printed position for the ±1° of a
scanner).
"""
from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import replace
from pathlib import Path

from hyoka.extract.model import BBox, Page, Table, TextLine
from hyoka.extract.ocr.engines import OcrEngine, OcrLine
from hyoka.extract.ocr.doubt import OCR_MIN_CONFIDENCE, SEPARATOR_DOUBT
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


#: Side of the square (points) over which the paper's brightness is
#: estimated: larger than a character (≈ 10 pt), smaller than a shadow.
BACKGROUND_PT = 7.0


def clean(image, dpi: int):  # noqa: ANN001, ANN201 - PIL image
    """``image`` (greyscale PIL, ``dpi``) as black ink on white (mode L, 0/255).

    The background (a grey closing over :data:`BACKGROUND_PT` points, which
    removes the ink) divides the image, so that a shadow or a grey paper
    comes out white; then a 3x3 Gaussian blur and Otsu's threshold.  Pure."""
    import cv2
    import numpy as np
    from PIL import Image

    flat = cv2.GaussianBlur(_flatten(np.asarray(image.convert("L")), dpi), (3, 3), 0)
    _, bw = cv2.threshold(flat, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    return Image.fromarray(bw)


#: A line of this many characters or more is running text (a sentence of a
#: 成果 cell); shorter ones are labels and figures.
SENTENCE_CHARS = 12


def _shown(binary, seen, chars: float):  # noqa: ANN001, ANN202 - PIL images
    """The image a crop of about ``chars`` characters is recognised from: the
    binarised page for running text (:data:`SENTENCE_CHARS` or more), the
    flat grey one (:func:`recognition_image`) for labels and figures; why:
    :func:`read_page`."""
    return binary if chars >= SENTENCE_CHARS else seen


def _intersection(a: tuple, b: tuple) -> float:
    """Area shared by boxes ``(x0, top, x1, bottom)`` ``a`` and ``b``."""
    return max(0.0, min(a[2], b[2]) - max(a[0], b[0])) * max(0.0, min(a[3], b[3]) - max(a[1], b[1]))


def _area(a: tuple) -> float:
    return (a[2] - a[0]) * (a[3] - a[1])


def _iou(a: tuple, b: tuple) -> float:
    """Intersection over union of boxes ``(x0, top, x1, bottom)``; 0.0 for empty ones."""
    inter = _intersection(a, b)
    union = _area(a) + _area(b) - inter
    return inter / union if union > 0 else 0.0


def read_page(engine: OcrEngine, binary, seen) -> list[OcrLine]:  # noqa: ANN001 - PIL images
    """The engine's lines of the page, read from the binarised page
    (:func:`clean`) and from the flat grey one (:func:`recognition_image`),
    each line taken from the reading that is better for it.

    Measured on the sample scans (bench/README.md "OCR scans", 200 dpi
    grey): shown only the binarised page, the recogniser loses the strokes
    that tell 度 from 良 and 策 from 集 (facts recall 0.84); shown only the
    grey one, it drops characters from long runs of text (産業活性化推進会議を
    開催し、市内 read 開催、市内; text blocks ≥ 90: 0.25 against 0.72).  Both:
    facts 0.966, blocks 0.39, for a second page-level reading.  So the two
    readings of one line (boxes overlapping by IoU >= 0.5) give running text
    (:data:`SENTENCE_CHARS` or more) from the binarised page and a label or
    a figure from the surer reading; a grey line over a binarised one it was
    not paired with (a third of it or more) is a fragment of it and dropped;
    other lines only one reading found are kept.  Reading order is not
    kept.  The grey reading does not recognise the lines it would not be
    taken for (paired with running text of the binarised reading): most of
    the cost of a reading is recognition."""
    first = engine.read(binary)
    running = [a.box for a in first if len(a.text.strip()) >= SENTENCE_CHARS]

    def taken_from_binary(box: tuple) -> bool:
        return any(_iou(a, box) >= 0.5 for a in running)

    second = engine.read(seen, skip=taken_from_binary)
    out, used = [], set()
    for a in first:
        best, iou = None, 0.0
        for i, b in enumerate(second):
            if i not in used and _iou(a.box, b.box) > iou:
                best, iou = i, _iou(a.box, b.box)
        if best is None or iou < 0.5:
            out.append(a)
            continue
        used.add(best)
        b = second[best]
        short = max(len(a.text.strip()), len(b.text.strip())) < SENTENCE_CHARS
        out.append(b if short and b.confidence > a.confidence else a)
    out.extend(b for i, b in enumerate(second) if i not in used and not any(
        _area(b.box) > 0 and _intersection(a.box, b.box) >= _area(b.box) / 3 for a in first))
    return out


def recognition_image(gray, dpi: int):  # noqa: ANN001, ANN201 - PIL image
    """The deskewed greyscale page as the recogniser is shown it beside the
    binarised one (:func:`read_page`): the paper's brightness divided out
    (a binding shadow, an uneven lamp), not thresholded.  Pure."""
    import numpy as np
    from PIL import Image

    return Image.fromarray(_flatten(np.asarray(gray.convert("L")), dpi))


def _flatten(gray, dpi: int):  # noqa: ANN001, ANN202 - numpy arrays
    """``gray`` divided by its background: a grey closing over
    :data:`BACKGROUND_PT` points, which removes the ink."""
    import cv2
    import numpy as np

    k = max(15, int(BACKGROUND_PT * dpi / 72) | 1)
    background = cv2.morphologyEx(gray, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    return cv2.divide(gray, np.maximum(background, 1), scale=255)


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


def cell_crop(image, box: BBox, dpi: int, seen=None):  # noqa: ANN001, ANN201
    """:func:`cell_ink` without the offset: (binarised crop, grey crop) or None."""
    got = cell_ink(image, box, dpi, seen)
    return None if got is None else got[:2]


def cell_ink(image, box: BBox, dpi: int, seen=None):  # noqa: ANN001, ANN201
    """The ink of a cell without its rules (trimmed to the dark pixels plus a
    margin), or None when the cell is blank.

    The cell is cut at its box and the rules are whitened: in a band of
    :data:`RULE_BAND_MM` along each edge, every pixel row (column) dark over
    half the crop's width (height) is a rule, and so is any piece at most
    0.4 mm thin that touches the crop's edge and runs along it (a corner,
    a ragged rule).  A fixed inset past the rule
    would cut away what is printed against it: a right-aligned "-" sits 1 pt
    from the rule on seed 005's 財源内訳 rows.  ``image`` is the binarised
    page (:func:`clean`), ``seen`` the same page as the recogniser is
    shown it (:func:`recognition_image`; default ``image``).  Returns
    (binarised crop, the same region of ``seen`` with the rules' pixels
    whitened, (x, y) of the crop's top-left corner in page pixels), or None."""
    import cv2
    import numpy as np
    from PIL import Image

    s = dpi / 72.0
    x0, y0 = int(box.x0 * s) + 1, int(box.top * s) + 1
    x1, y1 = int(box.x1 * s) - 1, int(box.bottom * s) - 1
    if x1 - x0 < 4 or y1 - y0 < 4:
        return None
    a = np.asarray(image.crop((x0, y0, x1, y1)).convert("L")).copy()
    g = np.asarray((image if seen is None else seen).crop((x0, y0, x1, y1)).convert("L")).copy()
    ink = a < 128
    band = max(2, int(RULE_BAND_MM * dpi / 25.4))
    h, w = ink.shape
    rows = ink.mean(axis=1) > 0.5
    cols = ink.mean(axis=0) > 0.5
    edge_rows = np.zeros(h, bool)
    edge_rows[:band] = edge_rows[-band:] = True
    edge_cols = np.zeros(w, bool)
    edge_cols[:band] = edge_cols[-band:] = True
    a[rows & edge_rows, :] = 255
    a[:, cols & edge_cols] = 255
    # what is left of a rule at the crop's edge (a corner, a rule's ragged
    # side): a thin piece touching an edge and running along it (a dash
    # printed against the right rule touches it too, but runs across)
    thin = max(2, int(0.4 * dpi / 25.4))
    n, labels, stats, _ = cv2.connectedComponentsWithStats((a < 128).astype(np.uint8), connectivity=8)
    for i in range(1, n):
        x, y, bw, bh = (int(v) for v in stats[i][:4])
        side = (x == 0 or x + bw == w) and bw <= thin and bh >= bw
        end = (y == 0 or y + bh == h) and bh <= thin and bw >= bh
        if side or end:
            a[labels == i] = 255
    ink = a < 128
    if ink.sum() < 6:
        return None
    ys, xs = np.nonzero(ink)
    m = max(4, int(dpi / 40))
    trim = (max(0, xs.min() - m), max(0, ys.min() - m), min(w, xs.max() + m), min(h, ys.max() + m))
    bw = Image.fromarray(a).crop(trim)
    # the rules' pixels whitened in the grey crop too, with their soft edge
    erased = (np.asarray(image.crop((x0, y0, x1, y1)).convert("L")) < 128) & (a == 255)
    g[cv2.dilate(erased.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0] = 255
    return bw, Image.fromarray(g).crop(trim), (x0 + trim[0], y0 + trim[1])


#: Width (mm) of the band along a cell's edges where rules are looked for
#: when a cell is cropped (:func:`cell_crop`): a rule is 0.1–0.5 mm, a
#: scan's tilt after deskewing and the grid's rounding add up to 1 mm.
RULE_BAND_MM = 1.5


#: Fragments of one printed line closer than this many line heights are one
#: line: PP-OCRv5's detector breaks a line at a long-vowel mark ー (a bare
#: stroke) and sets a bullet ・ apart, and the pieces lose the mark.
MERGE_GAP = 1.5


#: Fragments of one printed line are about as high as each other; a box
#: this many times higher than the other spans more rows (the detector's
#: box over two or three lines of a 課題 cell beside a figure).
FRAGMENT_HEIGHTS = 1.5


def _same_row(a: TextLine, b: TextLine) -> bool:
    """Whether two lines share most of their height and are about as high as
    each other (:data:`FRAGMENT_HEIGHTS`): one printed line.  Sample 004 at
    200 dpi: a detector box over two lines of the 課題 column, bleeding 3 pt
    over the rule into the 実績 column, took "100.0%" beside it as its
    fragment, and the cell came out "0 100.0%"."""
    overlap = min(a.bbox.bottom, b.bbox.bottom) - max(a.bbox.top, b.bbox.top)
    low, high = sorted((a.bbox.height, b.bbox.height))
    return overlap >= 0.6 * low and high <= FRAGMENT_HEIGHTS * max(low, 1e-6)


def merge_fragments(lines: list[TextLine], borders_of) -> list[list[TextLine]]:  # noqa: ANN001
    """Group the detector's lines into printed lines: fragments on the same
    row (:func:`_same_row`) whose gap is at most :data:`MERGE_GAP` line
    heights and between which no cell border runs (``borders_of(line)``:
    the x positions, points, of the vertical borders of the table the line
    lies in).  Returns the groups, each left to right, in no particular
    order.  Pure."""
    rest = sorted(lines, key=lambda l: l.bbox.x0)
    groups: list[list[TextLine]] = []
    for line in rest:
        for g in groups:
            last = g[-1]
            gap = line.bbox.x0 - last.bbox.x1
            h = max(last.bbox.height, line.bbox.height)
            if _same_row(last, line) and -h * 0.5 <= gap <= MERGE_GAP * h and \
                    not any(last.bbox.x1 - 1 <= x <= line.bbox.x0 + 1 for x in borders_of(line)):
                g.append(line)
                break
        else:
            groups.append([line])
    return groups


def _reread(binary, seen, groups: list[list[TextLine]], engine: OcrEngine, dpi: int) -> list[TextLine]:  # noqa: ANN001
    """One line per group: a single fragment as it is; several re-recognised
    from the image over their joint box (:func:`_shown`), confidence the
    engine's; the fragments' own texts joined when the re-reading is empty."""
    out, todo = [], []
    s = dpi / 72.0
    for g in groups:
        if len(g) == 1:
            out.append(g[0])
            continue
        box = g[0].bbox
        for l in g[1:]:
            box = box.union(l.bbox)
        # the detector's boxes already hold a margin; more would take in the
        # rows above and below
        image = _shown(binary, seen, sum(len(l.text) for l in g))
        crop = image.crop((int(box.x0 * s), int(box.top * s), int(box.x1 * s) + 1, int(box.bottom * s) + 1))
        todo.append((g, box, crop))
    for (g, box, _), (text, conf) in zip(todo, engine.read_crops([c for _, _, c in todo])):
        text = fold_ocr_text(text.strip())
        if text:
            out.append(TextLine(text, box, size=max(l.size for l in g), confidence=conf))
        else:
            out.append(TextLine("".join(l.text for l in g), box, size=max(l.size for l in g),
                                confidence=min(l.confidence or 0.0 for l in g)))
    return out


def _cut_lines(image, seen, lines: list[TextLine], borders_of, engine: OcrEngine, dpi: int) -> list[TextLine]:  # noqa: ANN001
    """Lines cut at the cell borders that cross them: each piece is
    recognised again from the image ``seen`` between the borders, where the
    binarised ``image`` shows ink (the characters of
    a line spanning "113 | 103" are not spread evenly over its box, so
    sharing them out by width, :func:`cut_at`, splits "11" | "3103"); a
    piece read as nothing falls back to :func:`cut_at`'s share."""
    import numpy as np

    out, todo = [], []
    s = dpi / 72.0
    for line in lines:
        cuts = sorted(x for x in borders_of(line) if line.bbox.x0 + 2 < x < line.bbox.x1 - 2)
        if not cuts or len(line.text) < 2:
            out.append(line)
            continue
        bounds = [line.bbox.x0, *cuts, line.bbox.x1]
        pieces, crops = [], []
        for a, b in zip(bounds, bounds[1:]):
            p = BBox(a, line.bbox.top, b, line.bbox.bottom)
            px = (int(p.x0 * s), int(p.top * s), int(p.x1 * s) + 1, int(p.bottom * s) + 1)
            # a piece with no ink is a blank cell; one narrower than a third
            # of the line's height holds no glyph, only the rule the
            # detector's box overran ("3,120" + the rule read "id")
            if b - a > max(2.0, line.bbox.height / 3) and (np.asarray(image.crop(px)) < 128).sum() >= 6:
                pieces.append(p)
                share = len(line.text) * (b - a) / max(1e-6, line.bbox.width)
                crops.append(_shown(image, seen, share).crop(px))
        todo.append((line, cuts, pieces, crops))
    reads = iter(engine.read_crops([c for *_, crops in todo for c in crops]))
    for line, cuts, pieces, crops in todo:
        got = [(fold_ocr_text(t.strip()), c) for t, c in (next(reads) for _ in crops)]
        if not any(t for t, _ in got):
            out.extend(cut_at(line, cuts))
            continue
        for p, (t, c) in zip(pieces, got):
            if t:
                out.append(TextLine(t, p, size=line.size, confidence=c))
    return out


def restore_bullet(image, line: TextLine, dpi: int) -> TextLine:  # noqa: ANN001 - PIL image
    """``line`` with the bullet ・ the detector left out put back.

    PP-OCRv5's detector often starts a line's box after its leading ・ (a
    small dot apart from the text), and the line loses the mark that tells
    the paragraphs of a 成果 cell apart (seed 000: "・様々な経営課題の解決に…"
    read "様々な経営課題の解決に…", starting one character further right).  A
    line opening with a letter, kana, kanji or digit (not already with a
    mark: Unicode punctuation or symbol, ・ ⇒ ※ ● …) gets ・ when the strip
    one character wide left of its box holds exactly one blob (specks under
    4 pixels ignored), no more than 0.45 of the line's height either way,
    roughly round (aspect 0.5–2) and centred in the line's middle third
    (a rule or the previous cell's text is none of these).  The box is
    widened over the dot; the confidence stays the engine's."""
    import cv2
    import numpy as np

    if not line.text or unicodedata.category(line.text[0])[0] in "PS":
        return line
    s = dpi / 72.0
    h = line.bbox.height * s
    x1 = int(line.bbox.x0 * s) - 1
    x0 = max(0, int(x1 - h))
    y0, y1 = int(line.bbox.top * s), int(line.bbox.bottom * s)
    if x1 - x0 < 3 or y1 - y0 < 4:
        return line
    ink = (np.asarray(image.crop((x0, y0, x1, y1)).convert("L")) < 128).astype(np.uint8)
    n, _, stats, centroids = cv2.connectedComponentsWithStats(ink, connectivity=8)
    blobs = [i for i in range(1, n) if stats[i][cv2.CC_STAT_AREA] >= 4]
    if len(blobs) != 1:
        return line
    i = blobs[0]
    w, bh = stats[i][cv2.CC_STAT_WIDTH], stats[i][cv2.CC_STAT_HEIGHT]
    if _mark_shape(w, bh, centroids[i][1] / (y1 - y0), h) != "・":
        return line
    left = (x0 + stats[i][cv2.CC_STAT_LEFT]) / s
    return replace(line, text="・" + line.text, bbox=BBox(left, line.bbox.top, line.bbox.x1, line.bbox.bottom))


#: A row of a running-text cell this many times its characters' height
#: (:func:`glyph_height`) or more is printed lines whose ink touches (a
#: descender on an ascender); it is cut at the emptiest pixel rows
#: (:func:`split_tall`).
TALL_ROW = 1.6
#: The heights (times its characters' height) a printed row of a cell
#: may have for the cell to be read row by row; a cell with a row outside
#: them (small print whose rows all touch, a rule left in the crop) keeps
#: the detector's lines (:func:`read_running_text`).
ROW_HEIGHTS = (0.45, 1.5)


def split_tall(ink, spans: list[tuple[int, int]], pitch: float) -> list[tuple[int, int]]:  # noqa: ANN001
    """``spans`` (:func:`row_spans` of a cell's ink ``ink``, a numpy bool
    array) with every span :data:`TALL_ROW` times ``pitch`` (the height of
    a printed line, pixels) or more cut into ``round(height / pitch)`` rows,
    each cut at the pixel row with the least ink within a third of a line
    of where an even cut would fall.  Pure."""
    out = []
    profile = ink.sum(axis=1)
    for a, b in spans:
        k = round((b - a) / max(1.0, pitch))
        if b - a < TALL_ROW * pitch or k < 2:
            out.append((a, b))
            continue
        step = (b - a) / k
        cuts = [a]
        for j in range(1, k):
            c = int(a + j * step)
            lo, hi = max(cuts[-1] + 1, int(c - step / 3)), min(b - 1, int(c + step / 3))
            cuts.append(min(range(lo, hi + 1), key=lambda y: (profile[y], abs(y - c))) if lo <= hi else c)
        cuts.append(b)
        out += list(zip(cuts, cuts[1:]))
    return out


#: The height of a detector line's box over that of its characters' ink:
#: PP-OCRv5's boxes are grown past the text (its unclip ratio); measured
#: 1.65–1.7 on the sample scans (sample 000 at 200 dpi: 59 px boxes over
#: 35 px rows; sample 001: 47 over 28).
DETECTOR_MARGIN = 1.65


def glyph_height(lines: list[TextLine], s: float) -> float:
    """The height (pixels, ``s`` per point) of a full-size character of the
    cell whose detector lines are ``lines``: the median height of those
    lines of 4 characters or more over :data:`DETECTOR_MARGIN` (0.0 for
    none).  Taken from the detector, not from the ink's blobs: in small
    print scanned at 200 dpi the kana break into blobs lower than a
    character (the 75th percentile of blob heights of sample 001's
    取組方針 cell is half a character).  Pure."""
    heights = sorted(l.bbox.height for l in lines if len(l.text) >= 4)
    return heights[len(heights) // 2] * s / DETECTOR_MARGIN if heights else 0.0


def _mark_shape(w: float, bh: float, cy: float, h: float) -> str | None:
    """The mark a lone blob ``w`` x ``bh`` pixels, its centre at ``cy`` (0 =
    the line's top, 1 its bottom), is in a line ``h`` pixels high: "・"
    when no more than 0.45 of ``h`` either way, roughly round (aspect
    0.5–2) and centred in the middle third; "、" when as small and centred
    in the lower third; None otherwise.  The one shape test of
    :func:`restore_bullet` and :func:`leading_mark`.  Pure."""
    if max(w, bh) > 0.45 * h or bh <= 0:
        return None
    if 0.5 <= w / bh <= 2 and 1 / 3 <= cy <= 2 / 3:
        return "・"
    return "、" if cy > 2 / 3 else None


def leading_mark(ink, h: int) -> tuple[str, int] | None:  # noqa: ANN001 - numpy bool array of one row
    """A mark opening a printed row told by its shape: ``("・", x)`` for a
    bullet, ``("、", x)`` for a comma (printers do set one at a line's
    start: sample 000's "、各種補助制度により"), with ``x`` the pixel column
    where the rest of the row begins; None when the row opens with neither.

    The row's leftmost blob (specks under 4 pixels ignored), no more than
    0.45 of the row's height ``h`` either way and apart from the next blob
    by a fifth of ``h`` or more (the left dot of 小 or 心 sits against the
    character's next stroke), is a bullet when roughly round (aspect 0.5–2)
    and centred in the row's middle third, a comma when its centre lies in
    the lower third.  The recogniser, shown either, reads "と", ".", ":" or
    "・" for both.  Shape test: :func:`_mark_shape`."""
    import cv2
    import numpy as np

    n, _, stats, centroids = cv2.connectedComponentsWithStats(ink.astype(np.uint8), connectivity=8)
    blobs = sorted((i for i in range(1, n) if stats[i][cv2.CC_STAT_AREA] >= 4),
                   key=lambda i: stats[i][cv2.CC_STAT_LEFT])
    if len(blobs) < 2:
        return None
    i = blobs[0]
    x, w, bh = stats[i][cv2.CC_STAT_LEFT], stats[i][cv2.CC_STAT_WIDTH], stats[i][cv2.CC_STAT_HEIGHT]
    nxt = int(min(stats[j][cv2.CC_STAT_LEFT] for j in blobs[1:]))
    mark = _mark_shape(w, bh, centroids[i][1] / max(1, ink.shape[0]), h)
    return (mark, nxt) if mark and nxt - (x + w) >= h / 5 else None


#: A detector line read at this confidence or more over a whole printed
#: row is kept as it is (:func:`_read_whole`).
SURE_LINE = 0.95


def _read_whole(lines: list[TextLine], row: tuple[int, int, int, int], s: float) -> bool:
    """Whether the detector's reading of a printed row (``row`` its ink box in
    page pixels, ``s`` pixels per point) can stand: exactly one of
    ``lines`` has its centre in the row, spans the row's ink to within half
    a row's height at either end, and was read at :data:`SURE_LINE` or
    more.  Such a row is not recognised again (a row takes about 0.2 s to
    read on this machine's CPU: bench/README.md "OCR scans")."""
    x0, top, x1, bottom = (v / s for v in row)
    slack = (bottom - top) / 2
    inside = [l for l in lines if top <= (l.bbox.top + l.bbox.bottom) / 2 <= bottom]
    return len(inside) == 1 and (inside[0].confidence or 0.0) >= SURE_LINE and \
        inside[0].bbox.x0 <= x0 + slack and inside[0].bbox.x1 >= x1 - slack


#: Marks set in the left half of a full-width em box (JIS X 4051).
CLOSING_MARKS = "、。，．"
_RESIDUE = re.compile(r"^[\x21-\x7e]{1,3}$")


def _rule_residue(text: str) -> bool:
    """Whether a row of a running-text cell read as 1–3 ASCII letters or
    marks and nothing else ("[T]": the ragged edge of a rule left in the
    crop, sample 005 at 200 dpi) rather than text; a lone figure is kept."""
    return bool(_RESIDUE.match(text)) and not text.isdigit()


#: A cell of short lines is words wrapped in a narrow column (a plan
#: table's 計画 / 実績 cells) rather than labels and figures when no more
#: than this share of its characters are digits.
WORDS_DIGITS = 0.3


def _wrapped_words(lines: list[TextLine]) -> bool:
    """Whether a cell's detector ``lines`` are words wrapped in a narrow
    column: :data:`SENTENCE_CHARS` characters or more in all, few digits
    (:data:`WORDS_DIGITS`); a figure cell ("1,208人", "(見込)")
    keeps the detector's and its own crop's readings."""
    text = "".join(l.text for l in lines)
    digits = sum(c.isdigit() for c in text)
    return len(text) >= SENTENCE_CHARS and digits <= WORDS_DIGITS * len(text)


def read_running_text(image, seen, tables: list[Table], lines: list[TextLine], engine: OcrEngine,
                      dpi: int) -> list[TextLine]:  # noqa: ANN001 - PIL images
    """``lines`` with the running text of every ruled cell read again row by
    row: the cell's ink (:func:`cell_ink`) is cut into printed rows
    (:func:`row_spans`), and each row is recognised whole, as one crop, from
    the binarised page (the flat grey one, :func:`_shown`, for a row of
    fewer than :data:`SENTENCE_CHARS` characters' width).

    Why: in a 成果 or 課題 cell the lines are set a few pixels apart, and
    PP-OCRv5's detector (on its downscaled copy of the page) starts boxes
    mid-line, splits lines, or takes in the rows above and below, so that
    the recogniser drops characters (sample 000 at 200 dpi: "・５年に１度の
    選定を経て、新たに認定された湘南…" read "年に1度の選定を経て、新に認定さ
    た南…").  The printed rows of a deskewed cell are found exactly by the
    blank pixel rows between them, and a whole row read as one crop comes
    out right (bench/README.md "OCR scans").

    A cell is read again when one of its lines has :data:`SENTENCE_CHARS`
    characters or more (running text), or when it prints two rows or more
    of words (:func:`_wrapped_words`: sample 004's plan-table cells
    "企業に対する誘致活動 / 条例改正による効果の検証", whose second row the
    detector missed); a cell of labels and figures keeps what it has.

    Rows whose ink touches are cut apart (:func:`split_tall`), at the
    height of a printed line, the smaller of the cell's and the page's
    (:func:`glyph_height`: in a cell whose rows the detector merged, the
    cell's own would be two rows high); a cell with a row of another height
    (:data:`ROW_HEIGHTS`) keeps what it has.  A leading bullet ・ or comma 、
    is told by its shape (:func:`leading_mark`), not left to the
    recogniser, and put back before the text.  A row the detector already
    read whole and surely (:func:`_read_whole`), or read as nothing, keeps
    the detector's lines whose centre lies in it; a row read as a rule's
    residue (:func:`_rule_residue`) is left out.  Each new line has the
    row's ink box in points, its end moved to the last character's em box
    (:data:`CLOSING_MARKS`), a size of its ink's height / 0.9 (ruby comes
    out small, as in the text layer) and the engine's confidence.  Returns
    the new
    list of lines; ``lines`` is not changed."""
    import numpy as np

    s = dpi / 72.0
    out = list(lines)
    # the page's own line height: a cell whose lines the detector merged
    # (boxes over two or three rows) would give too tall a one
    page_pitch = glyph_height(lines, s)
    todo = []  # (cell lines, [(box px, bullet, crop)], spans)
    for table in tables:
        for cell in table.cells:
            mine = [l for l in out if _inside(l, cell.bbox)]
            wide = any(len(l.text) >= SENTENCE_CHARS for l in mine)
            if not wide and not _wrapped_words(mine):
                continue
            got = cell_ink(image, cell.bbox, dpi, seen)
            if got is None:
                continue
            bw, grey, (ox, oy) = got
            ink = np.asarray(bw.convert("L")) < 128
            heights = [h for h in (glyph_height(mine, s), page_pitch) if h > 0]
            if not heights:
                continue
            pitch = min(heights)
            spans = split_tall(ink, row_spans(bw), pitch)
            if not wide and len(spans) < 2:
                continue
            if not all(ROW_HEIGHTS[0] * pitch <= b - a <= ROW_HEIGHTS[1] * pitch for a, b in spans):
                continue
            rows = []
            for a, b in spans:
                cols = np.nonzero(ink[a:b].any(axis=0))[0]
                if len(cols) == 0:
                    rows.append(None)
                    continue
                left, right = int(cols[0]), int(cols[-1]) + 1
                mark = leading_mark(ink[a:b, left:right], b - a)
                if mark is None and _read_whole(mine, (ox + left, oy + a, ox + right, oy + b), s):
                    rows.append(None)
                    continue
                x = left + (mark[1] if mark else 0)
                m = 3
                box = (max(0, x - m), max(0, a - m), min(bw.width, right + m), min(bw.height, b + m))
                chars = (right - x) / max(1, b - a)
                crop = (bw if chars >= SENTENCE_CHARS else grey).crop(box)
                rows.append(((ox + left, oy + a, ox + right, oy + b), mark and mark[0], crop))
            todo.append((mine, rows, spans, oy))
    reads = iter(engine.read_crops([r[2] for _, rows, _, _ in todo for r in rows if r is not None]))
    for mine, rows, spans, oy in todo:
        new = []
        for (a, b), row in zip(spans, rows):
            text, conf = next(reads) if row is not None else ("", 0.0)
            text = fold_ocr_text(text.strip())
            if not text:
                top, bottom = (oy + a) / s, (oy + b) / s
                new += [l for l in mine if top <= (l.bbox.top + l.bbox.bottom) / 2 <= bottom]
                continue
            if _rule_residue(text):
                continue
            (x0, y0, x1, y1), mark, _ = row
            if mark:
                text = mark + text
            # the row's ink ends short of its last character's em box: 、 and
            # 。 sit in its left half, and a glyph keeps a side bearing; the
            # paragraph rule (normalize/sheets/cells.py paragraphs) needs the
            # box's end
            x1 += (0.5 if text[-1] in CLOSING_MARKS else 0.1) * (y1 - y0)
            # a character's ink is about 0.9 of its font size (kanji of the samples)
            new.append(TextLine(text, BBox(x0 / s, y0 / s, x1 / s, y1 / s), size=(y1 - y0) / s / 0.9,
                                confidence=conf))
        gone = {id(l) for l in mine}
        out = [l for l in out if id(l) not in gone] + new
    return out


def _even_sizes(lines: list[TextLine]) -> list[TextLine]:
    """Lines with their size set to the page's median where it is within
    0.65–1.6 times it: a detector box's height varies with the glyphs (a
    line of kana or digits is lower), which must not read as ruby
    (normalize/sheets/cells.py drops small lines above a name)."""
    if not lines:
        return lines
    sizes = sorted(l.size for l in lines)
    med = sizes[len(sizes) // 2]
    return [replace(l, size=med) if 0.65 * med <= l.size <= 1.6 * med else l for l in lines]


#: A figure with a Latin letter or a rule-like mark stuck to its digits
#: ("35d", "1|8"): the detector's box took in part of a rule or a unit.
_FIGURE_MISREAD = re.compile(r"^[^A-Za-z]*\d[\d,.]*\s*[A-Za-z|!lI:;\]\[]+[^A-Za-z]*$|^[A-Za-z|!lI:;]+\s*\d[\d,.]*$")


def row_spans(crop) -> list[tuple[int, int]]:  # noqa: ANN001 - PIL image
    """The printed rows of a binarised crop as ``[(top, bottom)]`` pixel
    rows, top to bottom: split where a band of at least 2 pixel rows holds
    no ink; rows under 4 pixels high (specks) are left out.  Pure."""
    import numpy as np

    ink = (np.asarray(crop.convert("L")) < 128).sum(axis=1)
    rows, start, blank = [], None, 0
    for y, n in enumerate(ink):
        if n > 0:
            if start is None:
                start = y
            blank = 0
        elif start is not None:
            blank += 1
            if blank >= 2:
                rows.append((start, y - blank + 1))
                start, blank = None, 0
    if start is not None:
        rows.append((start, len(ink)))
    return [(a, b) for a, b in rows if b - a >= 4]


def text_rows(crop, seen=None) -> list:  # noqa: ANN001 - PIL images
    """The printed rows of a cell's ink crop (:func:`cell_crop`), top to
    bottom, each a crop of its own: split where a band of at least 2 pixel
    rows holds no ink (the recogniser reads one line at a time; a two-line
    header 改訂計画 / 策定時 read as one comes out as nonsense).  ``crop`` is
    binarised; with ``seen`` (the same region as the recogniser is shown
    it) the rows are cut from ``seen``."""
    rows = row_spans(crop)
    out = crop if seen is None else seen
    if len(rows) <= 1:
        return [out]
    m = 3
    return [out.crop((0, max(0, a - m), out.width, min(out.height, b + m))) for a, b in rows]


#: A cell's only reading that may be a printed dash ("-": not applicable)
#: the recogniser took for another mark: PP-OCRv5 reads a lone short dash as
#: "+", "·", "一" or nothing (sample scans, seed 005's 財源内訳 rows).  Such a
#: cell is looked at again (:func:`is_dash`).
LONE_MARK = re.compile(r"^[-‐‑‒–—―−ー一_~〜+·・.･]$")
#: The confidence given to a cell read as a dash by its shape
#: (:func:`is_dash`), which no engine scored: a single stroke of the
#: measured proportions is a dash whatever the recogniser made of it.
DASH_CONFIDENCE = 0.95


def is_dash(crop, dpi: int) -> bool:  # noqa: ANN001 - PIL image (a :func:`cell_crop`)
    """Whether a cell's ink is one short horizontal stroke: the dash a sheet
    prints for "not applicable".  One connected component (8-connected,
    specks under 6 pixels ignored), at most 0.6 mm thick, at least 1.5 times
    as long as thick (a dot · or a cross + is about as tall as wide) and
    0.4–8 mm long.  A 10.5 pt "-" is about 0.6 mm by 0.3 mm: 7 by 3–4 pixels
    at 300 dpi on a 200 dpi scan.  A kanji 一 alone in a figure cell is the
    same mark."""
    import cv2
    import numpy as np

    ink = (np.asarray(crop.convert("L")) < 128).astype(np.uint8)
    n, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    blobs = [stats[i] for i in range(1, n) if stats[i][cv2.CC_STAT_AREA] >= 6]
    if len(blobs) != 1:
        return False
    mm = dpi / 25.4
    w, h = blobs[0][cv2.CC_STAT_WIDTH], blobs[0][cv2.CC_STAT_HEIGHT]
    return h <= 0.6 * mm and w >= 1.5 * h and 0.4 * mm <= w <= 8 * mm




def _doubtful_figure(line: TextLine) -> bool:
    """Whether a cell's one line is a figure (digits, separators, a unit)
    the normalizer would doubt (extract/ocr/doubt.py): read below
    ``OCR_MIN_CONFIDENCE`` or with a point where a comma may be.  Such a cell
    is read again from its crop (the page-level line often takes in a rule
    or the neighbour's edge); the second reading is kept only when surer."""
    text = unicodedata.normalize("NFKC", line.text)
    if not re.search(r"[0-9]", text) or re.search(r"[A-Za-z]", text):
        return False
    return (line.confidence or 0.0) < OCR_MIN_CONFIDENCE or bool(SEPARATOR_DOUBT.search(text))


def _misread_figure(text: str) -> bool:
    """Whether a cell's one line looks like a figure with a stray character
    (:data:`_FIGURE_MISREAD`), worth a second reading from the cell's crop."""
    return bool(_FIGURE_MISREAD.match(unicodedata.normalize("NFKC", text)))


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
    gray, angle = deskew(image)
    image = clean(gray, dpi)
    seen = recognition_image(gray, dpi)
    tables = [t for t in (build_table(page_number, boxes, [], "ocr") for boxes in ruled_cells(image, dpi))
              if t is not None]
    def borders_of(line: TextLine) -> list[float]:
        # the vertical borders drawn where the line lies: those of the cells
        # of its table (not another table's, whose columns may cross the
        # same x) on its row -- a merged cell 事業費 (A) over two columns has
        # no border between them, though the rows above have one
        owner = next((t for t in tables if _inside(line, t.bbox)), None)
        if owner is None:
            return []
        cy = (line.bbox.top + line.bbox.bottom) / 2
        row = [c for c in owner.cells if c.bbox.top <= cy <= c.bbox.bottom]
        return sorted({c.bbox.x0 for c in row} | {c.bbox.x1 for c in row})

    detected = [line for line in (_pt_line(l, dpi) for l in read_page(engine, image, seen)) if line.text]
    lines = _cut_lines(image, seen, _even_sizes(_reread(image, seen, merge_fragments(detected, borders_of),
                                                        engine, dpi)),
                       borders_of, engine, dpi)
    lines = [restore_bullet(image, line, dpi) for line in lines]
    lines = read_running_text(image, seen, tables, lines, engine, dpi)
    lines.sort(key=lambda l: (round(l.bbox.top / 4), l.bbox.x0))
    for table in tables:
        again = []  # cells read from their own crop: nothing detected, or a figure misread
        for cell in table.cells:
            cell.lines = [l for l in lines if _inside(l, cell.bbox)]
            if not cell.lines or (len(cell.lines) == 1 and (_misread_figure(cell.lines[0].text)
                                                            or LONE_MARK.match(cell.lines[0].text)
                                                            or _doubtful_figure(cell.lines[0]))):
                again.append(cell)
        crops = [(cell, text_rows(*pair), is_dash(pair[0], dpi)) for cell in again
                 if (pair := cell_crop(image, cell.bbox, dpi, seen)) is not None]
        reads = iter(engine.read_crops([r for _, rows, dash in crops if not dash for r in rows]))
        for cell, rows, dash in crops:
            if dash:
                got = [("-", DASH_CONFIDENCE)]
            else:
                got = [(fold_ocr_text(t.strip()), c) for t, c in (next(reads) for _ in rows)]
                got = [(t, c) for t, c in got if t]
            if not got or (cell.lines and any(_misread_figure(t) for t, _ in got)):
                continue  # a second reading no better than the first is not taken
            if cell.lines and _doubtful_figure(cell.lines[0]) and not (
                    len(got) == 1 and got[0][1] > (cell.lines[0].confidence or 0.0)
                    and not SEPARATOR_DOUBT.search(got[0][0])):
                continue  # a doubtful figure is replaced only by one surer and without the doubt
            b = cell.bbox
            for old in cell.lines:
                lines.remove(old)
            step = (b.height - 2) / len(got)
            cell.lines = [TextLine(t, BBox(b.x0 + 1, b.top + 1 + i * step, b.x1 - 1, b.top + 1 + (i + 1) * step),
                                   size=min(10.5, step * 0.7), confidence=c) for i, (t, c) in enumerate(got)]
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
