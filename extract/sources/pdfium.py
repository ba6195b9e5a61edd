"""Page source: pypdfium2 (PDFium's C parser) for the characters and ruling edges.

Characters come from PDFium's text page (``FPDFText_*`` through
``pypdfium2.raw``), reshaped into pdfplumber char dicts the way pdfminer
builds its ``LTChar`` boxes (pdfminer/layout.py, ``LTChar.__init__``):

* ``x0``/``x1``: PDFium's loose char box (origin to origin + advance),
  the glyph's advance box as pdfminer's;
* ``bottom``/``top``: from the baseline origin, ``descent * size`` below
  it and ``size`` above that, with pdfminer's own descent of the font
  (``PDFFont.get_descent()``: the FontDescriptor's /Descent, made
  negative) -- PDFium's loose box uses the font's ascent and descent
  instead, and its descent is the face's when the descriptor says 0;
* ``size``: the Tf size times the text matrix's vertical scale (pdfminer's
  ``LTChar.size`` is the box height);
* ``fontname``: pdfminer's name of the font (the descriptor's FontName),
  matched to PDFium's font through its BaseFont;
* order: content-stream order (text objects in page-object order, forms
  recursed, chars in text-page order within one object), pdfminer's order;
  generated chars (``FPDFText_IsGenerated``: spaces and line breaks PDFium
  inserts) are skipped.

Ruling edges come from the page's path objects (``FPDFPage_GetObject``,
``FPDFPath_GetPathSegment``, forms recursed with their matrices), each
subpath classified as pdfminer's ``PDFLayoutAnalyzer.paint_path`` does
(line for ``ml``/``mlh``, rect for a closed axis-aligned ``mlllh``/``mllll``,
curve otherwise; paths neither stroked nor filled are not painted) and
turned into pdfplumber ``line``/``rect``/``curve`` dicts, so pdfplumber's
own ``TableFinder`` finds the tables on :class:`extract.sources.base.LightPage`.

Fallback (the page is read by pdfminer instead --
:func:`extract.sources.plumber.pdfminer_view` -- the reason kept in
:attr:`_PdfiumReader.fallbacks`): PDFium cannot open the file or its page
count differs from pdfminer's; the page has damaged content streams, no
characters (scans and blank pages: the health checks of
:mod:`extract.health` decide on pdfminer's objects), a rotation, a MediaBox
not at the origin or a CropBox other than the MediaBox; a stream it would
inflate is filtered otherwise than FlateDecode or the document's streams
pass the decompression budget (PDFium inflates outside hyoka's budget and
aborts the process on a bomb); a char without a Unicode mapping (pdfminer
prints ``(cid:N)``), a control or surrogate code, a char matrix that is not
upright and axis-aligned, or a font pdfminer's resources do not name
unambiguously (Type3 and vertical fonts included); a text object the text
page skipped (PDFium drops text objects of zero width -- a space alone,
whose glyph box is empty -- and an object repeating one of the previous
five, and generates a space in their place; pdfminer keeps their chars).

Known differences no fallback catches (bench/page_sources.py measures
them): PDFium drops a glyph repeated within 0.07 em of one of the previous
7 in the same text object, where pdfminer keeps both and
:func:`extract.lines.dedupe_chars` keeps the top-left copy; coordinates
differ by up to 0.001 pt, which reorders the chars of a line only where
pdfminer's order hangs on a 1e-13 pt difference (vertically set text
merged into one band, seed 004's 取組 cells: those lines differ, no fact
does).  Also not caught (found 2026-12-03, bench/README.md "Page
sources"): PDFium drops a space that follows a space in one text object;
and for a font whose /W array lacks a glyph's width PDFium takes the width
from the font program where pdfminer uses the font's default width (sample
004 page 2: a run 3.524 pt wide against pdfminer's 3.472; no fact changes).
"""
from __future__ import annotations

import ctypes
from pathlib import Path

from pdfminer.pdftypes import PDFObjRef, PDFStream, resolve1
from pdfminer.psparser import literal_name
from pdfplumber.page import fix_fontname_bytes

from hyoka.extract import limits
from hyoka.extract.lines import dedupe_chars
from hyoka.extract.sources.base import LightPage
from hyoka.extract.sources.plumber import pdfminer_view

#: pypdfium2 and its raw bindings, imported by :func:`_load_pdfium` when the
#: source is first used: the PDFium library adds ~100 MB of address space,
#: which counts against a worker's RLIMIT_AS (extract/limits.py) even when
#: the pdfplumber source is chosen.
pdfium = R = None


def _load_pdfium() -> None:
    """Import pypdfium2 (see :data:`pdfium`)."""
    global pdfium, R
    if R is None:
        import pypdfium2
        import pypdfium2.raw

        pdfium, R = pypdfium2, pypdfium2.raw


#: Deepest form XObject nesting followed (fonts and paths); deeper: fallback.
MAX_FORM_DEPTH = 8
_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
#: Decimals (points) char and path coordinates are rounded to.  PDFium
#: computes in single precision: two glyphs pdfminer places at exactly the
#: same x (double precision, from the same numbers) come out one float32
#: step apart (777.59998 and 777.60004), which reorders chars sorted by
#: position; rounded to 1/1000 pt they tie again, as in pdfminer.
DECIMALS = 3
#: Largest gap (points) between two char ``x0`` values :func:`_snap_x0`
#: takes for one x: a few float32 steps at page coordinates (~6e-5 near
#: 800 pt), far below any real gap between glyphs.
SNAP = 3e-4


class Fallback(Exception):
    """The page must be read by pdfplumber; ``args[0]`` says why."""


def _budget_bytes() -> int:
    """The current document's decompression budget in bytes
    (:func:`extract.limits.document_budget`; outside one, the default
    :class:`extract.limits.Limits`)."""
    budget = limits._BUDGET.get()  # the budget object of the document being read
    return (budget.limit_mb if budget else limits.Limits().max_decompressed_mb) * limits.MB


def _streams(root, seen: set, depth: int = 0):
    """The non-image streams reachable from ``root`` (pdfminer objects),
    each once (``seen``: object ids and ids() already visited); raises
    :class:`Fallback` past :data:`MAX_FORM_DEPTH` * 8 levels."""
    if depth > MAX_FORM_DEPTH * 8:
        raise Fallback("objects nested too deep")
    if isinstance(root, PDFObjRef):
        if root.objid in seen:
            return
        seen.add(root.objid)
        root = resolve1(root)
    elif isinstance(root, (dict, list, PDFStream)):
        if id(root) in seen:
            return
        seen.add(id(root))
    if isinstance(root, PDFStream):
        if literal_name(root.attrs.get("Subtype")) == "Image":
            return  # PDFium decodes images only to render them
        yield root
        root = root.attrs
    if isinstance(root, dict):
        for v in root.values():
            yield from _streams(v, seen, depth + 1)
    elif isinstance(root, list):
        for v in root:
            yield from _streams(v, seen, depth + 1)


def _mult(m1: tuple, m2: tuple) -> tuple:
    """m1 x m2 of PDF matrices (a, b, c, d, e, f) (PDF 32000-1 §8.3.4: a point
    is transformed by m1 first)."""
    a1, b1, c1, d1, e1, f1 = m1
    a2, b2, c2, d2, e2, f2 = m2
    return (a1 * a2 + b1 * c2, a1 * b2 + b1 * d2, c1 * a2 + d1 * c2, c1 * b2 + d1 * d2,
            e1 * a2 + f1 * c2 + e2, e1 * b2 + f1 * d2 + f2)


def _obj_matrix(obj) -> tuple:
    """The page object's own matrix (``FPDFPageObj_GetMatrix``) as a tuple."""
    m = R.FS_MATRIX()
    if not R.FPDFPageObj_GetMatrix(obj, m):
        raise Fallback("object matrix unreadable")
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _unsubset(name: str) -> str:
    """A font name without its subset tag ("BAAAAA+IPAexGothic" -> "IPAexGothic";
    PDF 32000-1 §9.6.4: six uppercase letters and a plus sign), as PDFium's
    ``FPDFFont_GetBaseFontName`` gives it."""
    return name[7:] if len(name) > 7 and name[6] == "+" and name[:6].isalpha() and name[:6].isupper() else name


def _addr(handle) -> int:
    """The address of a PDFium handle (ctypes pointer), for use as a key."""
    return ctypes.cast(handle, ctypes.c_void_p).value or 0


def _subpaths(path, matrix: tuple) -> list[tuple[str, list]]:
    """The subpaths of a path object as pdfminer's (shape, points) pairs.

    ``shape`` spells the operators ``m``, ``l``, ``c`` (a Bézier's end point
    only, as pdfminer keeps) and ``h`` (close: its point is the subpath's
    start, which PDFium stores as a closing line to the start); points are
    page coordinates (PDF space, bottom-left origin) through ``matrix``.
    """
    a, b, c, d, e, f = matrix
    x, y = ctypes.c_float(), ctypes.c_float()
    out: list[tuple[str, list]] = []
    shape: list[str] = []
    pts: list[tuple[float, float]] = []
    bezier = 0
    for k in range(R.FPDFPath_CountSegments(path)):
        seg = R.FPDFPath_GetPathSegment(path, k)
        R.FPDFPathSegment_GetPoint(seg, x, y)
        px, py = x.value, y.value
        pt = (a * px + c * py + e, b * px + d * py + f)
        kind = R.FPDFPathSegment_GetType(seg)
        if kind == R.FPDF_SEGMENT_MOVETO:
            if shape:
                out.append(("".join(shape), pts))
            shape, pts, bezier = ["m"], [pt], 0
            continue
        if not shape:
            raise Fallback("path segment before a moveto")
        if kind == R.FPDF_SEGMENT_LINETO:
            op = "l"
        elif kind == R.FPDF_SEGMENT_BEZIERTO:
            bezier += 1
            if bezier % 3:
                continue
            op = "c"
        else:
            raise Fallback("unknown path segment")
        if R.FPDFPathSegment_GetClose(seg):
            if op == "l" and pt == pts[0]:
                shape.append("h")
                pts.append(pts[0])
            else:
                shape += [op, "h"]
                pts += [pt, pts[0]]
        else:
            shape.append(op)
            pts.append(pt)
    if shape:
        out.append(("".join(shape), pts))
    if len(out) > 1:  # pdfminer splits on "m" and paints only subpaths with a segment
        out = [s for s in out if len(s[0]) > 1]
    return out


class _PdfiumReader:
    """:class:`extract.sources.base.DocumentReader` of :class:`PdfiumSource`.

    ``fallbacks``: page number -> why that page was read by pdfplumber
    (page 0: the whole document).
    """

    def __init__(self, path: Path, plumber_pdf):
        self.pdf = plumber_pdf
        self.fallbacks: dict[int, str] = {}
        self.doc = None
        try:
            _load_pdfium()
            try:
                str(path).encode("utf-8")
                source = str(path)
            except UnicodeEncodeError:  # a non-UTF-8 file name (surrogate escapes): hand PDFium the bytes
                source = Path(path).read_bytes()
            self.doc = pdfium.PdfDocument(source)
            if len(self.doc) != len(plumber_pdf.pages):
                self.fallbacks[0] = f"PDFium counts {len(self.doc)} pages, pdfminer {len(plumber_pdf.pages)}"
                self.close()
        except Exception as e:  # PDFium refuses what pdfminer may still read
            self.fallbacks[0] = f"PDFium cannot open: {type(e).__name__}: {e}"
            self.doc = None
        self._fonts: dict[int, tuple[str, float]] = {}
        self._seen: set = set()
        self._inflated = 0

    def close(self) -> None:
        """Close the PDFium document."""
        if self.doc is not None:
            self.doc.close()
            self.doc = None

    def page(self, plumber_page, damaged: list[str]):
        """The :class:`extract.sources.base.LightPage` of ``plumber_page`` read
        through PDFium, or where PDFium cannot stand in, pdfminer's reading of
        it (:func:`extract.sources.plumber.pdfminer_view`)."""
        n = plumber_page.page_number
        if self.doc is None:
            return pdfminer_view(plumber_page, damaged)
        if damaged:
            self.fallbacks[n] = "damaged content streams"
            return pdfminer_view(plumber_page, damaged)
        try:
            self._check_streams(plumber_page)
            return self._read(plumber_page)
        except Fallback as e:
            self.fallbacks[n] = str(e)
        except Exception as e:  # a PDFium failure: pdfminer's reading decides
            self.fallbacks[n] = f"PDFium failed: {type(e).__name__}: {e}"
        return pdfminer_view(plumber_page, damaged)

    def _check_streams(self, plumber_page) -> None:
        """Raise :class:`Fallback` unless every stream PDFium would inflate for
        the page (contents, fonts, forms, ... not images) is FlateDecode or
        unfiltered and the document's streams so far stay within the
        decompression budget (``max_decompressed_mb``, extract/limits.py).
        PDFium inflates outside that budget, and a bomb aborts the process
        when it runs out of address space; past the budget the rest of the
        document goes to pdfminer, whose budget reports the bomb with the
        reason it always gave."""
        budget = _budget_bytes()
        attrs = plumber_page.page_obj.attrs
        for stream in _streams([attrs.get("Contents"), attrs.get("Resources")], self._seen):
            filters = resolve1(stream.attrs.get("Filter"))
            filters = [literal_name(resolve1(f)) for f in (filters if isinstance(filters, list) else [filters])
                       if f is not None]
            if any(f not in ("FlateDecode", "Fl") for f in filters):
                raise Fallback(f"stream filtered by {', '.join(map(str, filters))}")
            raw = stream.rawdata if stream.rawdata is not None else b""
            self._inflated += limits.inflated_size(raw, budget - self._inflated)[0] if filters else len(raw)
            if self._inflated > budget:
                self.close()
                raise Fallback("streams past the decompression budget")

    def _font_table(self, plumber_page) -> dict[str, list[tuple[str, float]] | None]:
        """BaseFont name without its subset tag (:func:`_unsubset`) ->
        distinct (pdfminer fontname, descent in text space) of the fonts of
        that name in the page's resources (form XObjects' too); None when one
        of them is a Type3 or vertical font."""
        table: dict[str, list[tuple[str, float]] | None] = {}
        rsrcmgr = self.pdf.rsrcmgr
        seen: set[int] = set()

        def visit(resources, depth: int) -> None:
            resources = resolve1(resources)
            if not isinstance(resources, dict) or depth > MAX_FORM_DEPTH:
                return
            fonts = resolve1(resources.get("Font"))
            for ref in (fonts.values() if isinstance(fonts, dict) else ()):
                spec = resolve1(ref)
                if not isinstance(spec, dict):
                    continue
                try:
                    base = literal_name(resolve1(spec.get("BaseFont")))
                except Exception:
                    continue
                if not isinstance(base, str):
                    continue
                objid = ref.objid if isinstance(ref, PDFObjRef) else None
                font = rsrcmgr.get_font(objid, spec)
                value = None
                if literal_name(spec.get("Subtype")) != "Type3" and not font.is_vertical():
                    name = font.fontname
                    if isinstance(name, bytes):
                        name = fix_fontname_bytes(name)
                    value = (name, font.get_descent())
                base = _unsubset(base)
                if value is None or (base in table and table[base] is None):
                    table[base] = None
                elif value not in table.setdefault(base, []):
                    table[base].append(value)
            xobjects = resolve1(resources.get("XObject"))
            for ref in (xobjects.values() if isinstance(xobjects, dict) else ()):
                key = ref.objid if isinstance(ref, PDFObjRef) else id(ref)
                if key in seen:
                    continue
                seen.add(key)
                xobj = resolve1(ref)
                attrs = getattr(xobj, "attrs", None)
                if attrs and literal_name(attrs.get("Subtype")) == "Form":
                    visit(attrs.get("Resources"), depth + 1)

        visit(plumber_page.page_obj.resources, 0)
        return table

    def _read(self, pp) -> LightPage:
        """Read page ``pp`` (pdfplumber page) through PDFium; raises :class:`Fallback`."""
        if pp.rotation or pp.mediabox[0] != 0 or pp.mediabox[1] != 0 or tuple(pp.cropbox) != tuple(pp.mediabox):
            raise Fallback("rotated page or box not at the origin")
        page = self.doc[pp.page_number - 1]
        tp = None
        try:
            w, h = page.get_size()
            if abs(w - float(pp.width)) > 1e-3 or abs(h - float(pp.height)) > 1e-3:
                raise Fallback("PDFium's page size differs")
            text_order: dict[int, int] = {}
            paths: list[tuple[object, tuple]] = []

            def walk(count, get, matrix: tuple, depth: int) -> None:
                if depth > MAX_FORM_DEPTH:
                    raise Fallback("forms nested too deep")
                for k in range(count):
                    obj = get(k)
                    kind = R.FPDFPageObj_GetType(obj)
                    if kind == R.FPDF_PAGEOBJ_TEXT:
                        text_order[_addr(obj)] = len(text_order)
                    elif kind == R.FPDF_PAGEOBJ_PATH:
                        paths.append((obj, _mult(_obj_matrix(obj), matrix)))
                    elif kind == R.FPDF_PAGEOBJ_FORM:
                        walk(R.FPDFFormObj_CountObjects(obj), lambda i, o=obj: R.FPDFFormObj_GetObject(o, i),
                             _mult(_obj_matrix(obj), matrix), depth + 1)

            walk(R.FPDFPage_CountObjects(page.raw), lambda i: R.FPDFPage_GetObject(page.raw, i), _IDENTITY, 0)
            tp = R.FPDFText_LoadPage(page.raw)
            if not tp:
                raise Fallback("PDFium has no text page")
            chars = self._chars(pp, tp, text_order, float(pp.height))
            if not chars:
                raise Fallback("no characters")
            lines, rects, curves = _paths(paths, float(pp.height), float(pp.initial_doctop), pp.page_number)
        finally:
            if tp:
                R.FPDFText_ClosePage(tp)
            page.close()
        return LightPage(pp, dedupe_chars(chars), lines, rects, curves)

    def _chars(self, pp, tp, text_order: dict[int, int], height: float) -> list[dict]:
        """pdfplumber char dicts of text page ``tp`` in content order (see the module doc)."""
        fonts = None
        rect, m = R.FS_RECTF(), R.FS_MATRIX()
        ox, oy = ctypes.c_double(), ctypes.c_double()
        buf = ctypes.create_string_buffer(512)
        doctop0 = float(pp.initial_doctop)
        n_page = pp.page_number
        keyed = []
        n_chars = R.FPDFText_CountChars(tp)
        # PDFium's text page skips text objects of zero width (a space alone,
        # whose glyph box is empty) and repeats of one of the previous five;
        # pdfminer keeps their characters.  Checked first: cheap, and the
        # usual reason to fall back on real sheets.
        seen = {_addr(R.FPDFText_GetTextObject(tp, i)) for i in range(n_chars)}
        seen.discard(0)  # generated chars
        if n_chars and len(seen) != len(text_order):
            raise Fallback("PDFium's text page skips a text object")
        for i in range(n_chars):
            if R.FPDFText_IsGenerated(tp, i):
                continue
            u = R.FPDFText_GetUnicode(tp, i)
            if R.FPDFText_HasUnicodeMapError(tp, i) or u < 0x20 or 0x7F <= u < 0xA0 or 0xD800 <= u < 0xE000 or u >= 0xFFFE:
                raise Fallback(f"char U+{u:04X} has no usable Unicode value")
            obj = R.FPDFText_GetTextObject(tp, i)
            order = text_order.get(_addr(obj))
            if order is None:
                raise Fallback("char outside the page's text objects")
            R.FPDFText_GetMatrix(tp, i, m)
            if m.b != 0 or m.c != 0 or m.a <= 0 or m.d <= 0:
                raise Fallback("char not upright and axis-aligned")
            font = R.FPDFTextObj_GetFont(obj)
            fkey = _addr(font)
            info = self._fonts.get(fkey)
            if info is None:
                if fonts is None:
                    fonts = self._font_table(pp)
                k = R.FPDFFont_GetBaseFontName(font, buf, len(buf))
                try:
                    base = buf.raw[:max(k - 1, 0)].decode("utf-8")
                except UnicodeDecodeError:
                    raise Fallback("font name not UTF-8") from None
                found = fonts.get(_unsubset(base))
                if not found or len({d for _, d in found}) != 1:
                    raise Fallback(f"font {base!r} not matched to pdfminer's")
                # Subsets of one face share a name here; pdfminer's names them
                # apart, and PDFium has one font handle per font dictionary.
                info = found[0] if len(found) == 1 else (f"{_unsubset(base)}#{fkey}", found[0][1])
                self._fonts[fkey] = info
            fontname, descent = info
            R.FPDFText_GetLooseCharBox(tp, i, rect)
            R.FPDFText_GetCharOrigin(tp, i, ox, oy)
            size = R.FPDFText_GetFontSize(tp, i) * m.d
            y0 = oy.value + descent * size
            y1 = y0 + size
            x0, x1 = rect.left, round(rect.right, DECIMALS)  # x0 snapped below
            top, bottom = round(height - y1, DECIMALS), round(height - y0, DECIMALS)
            keyed.append(((order, i), {
                "text": chr(u), "fontname": fontname, "size": round(size, DECIMALS), "upright": True,
                "x0": x0, "x1": x1, "y0": round(y0, DECIMALS), "y1": round(y1, DECIMALS), "width": x1 - x0,
                "height": bottom - top, "top": top, "bottom": bottom, "doctop": doctop0 + top,
                "object_type": "char", "page_number": n_page}))
        keyed.sort(key=lambda kv: kv[0])
        chars = [c for _, c in keyed]
        _snap_x0(chars)
        return chars


def _snap_x0(chars: list[dict]) -> None:
    """Give chars whose ``x0`` lie within :data:`SNAP` of each other (a chain
    of them) one ``x0``, the smallest rounded to :data:`DECIMALS`; changes
    ``x0`` and ``width`` in place.  pdfminer places glyphs of one column at
    exactly the same x; PDFium's single precision puts them one float32 step
    apart (789.09344 and 789.09351 for pdfminer's 789.093468), and rounding
    alone splits a pair that straddles a rounding boundary."""
    xs = sorted({c["x0"] for c in chars})
    snapped: dict[float, float] = {}
    start = None
    prev = None
    for x in xs:
        if prev is None or x - prev > SNAP:
            start = round(x, DECIMALS)
        snapped[x] = start
        prev = x
    for c in chars:
        c["x0"] = snapped[c["x0"]]
        c["width"] = c["x1"] - c["x0"]


def _box(pts: list, height: float, doctop0: float, kind: str, page_number: int) -> dict:
    """A pdfplumber object dict of ``kind`` bounding the PDF-space ``pts``."""
    xs = [round(p[0], DECIMALS) for p in pts]
    ys = [round(p[1], DECIMALS) for p in pts]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    top = height - y1
    return {"object_type": kind, "page_number": page_number, "x0": x0, "x1": x1, "y0": y0, "y1": y1,
            "top": top, "bottom": height - y0, "doctop": doctop0 + top, "width": x1 - x0, "height": y1 - y0}


def _paths(paths: list, height: float, doctop0: float, page_number: int) -> tuple[list, list, list]:
    """(lines, rects, curves) pdfplumber dicts of the painted path objects,
    classified as pdfminer's ``paint_path`` (see the module doc)."""
    lines, rects, curves = [], [], []
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    for obj, matrix in paths:
        if not R.FPDFPath_GetDrawMode(obj, fill, stroke):
            raise Fallback("path draw mode unreadable")
        if not fill.value and not stroke.value:
            continue
        for shape, pts in _subpaths(obj, matrix):
            if shape[:1] != "m":
                continue
            if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
                shape = shape[:-2] + "h"
                pts = pts[:-1]
            if shape in ("mlh", "ml"):
                lines.append(_line(pts[0], pts[1], height, doctop0, page_number))
                continue
            if shape in ("mlllh", "mllll"):
                (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
                if pts[0] == pts[4] and ((x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0)
                                         or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)):
                    rects.append(_box([pts[0], pts[2]], height, doctop0, "rect", page_number))
                    continue
            cv = _box(pts, height, doctop0, "curve", page_number)
            cv["pts"] = [(round(x, DECIMALS), round(height - y, DECIMALS)) for x, y in pts]
            curves.append(cv)
    return lines, rects, curves


def _line(p0: tuple, p1: tuple, height: float, doctop0: float, page_number: int) -> dict:
    """A pdfplumber ``line`` dict from p0 to p1 (PDF space)."""
    ln = _box([p0, p1], height, doctop0, "line", page_number)
    ln["pts"] = [(round(p0[0], DECIMALS), round(height - p0[1], DECIMALS)),
                 (round(p1[0], DECIMALS), round(height - p1[1], DECIMALS))]
    return ln


class PdfiumSource:
    """pypdfium2 page source, falling back to pdfplumber page by page."""

    name = "pdfium"

    def open(self, path: Path, plumber_pdf) -> _PdfiumReader:
        """A reader of the PDF at ``path`` (``plumber_pdf``: the same file opened by pdfplumber)."""
        return _PdfiumReader(path, plumber_pdf)
