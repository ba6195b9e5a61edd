"""Page source: pdfplumber's own page (pdfminer's interpreter), the reference.

The view of a page is pdfminer's reading of it with its doubled glyphs
dropped: :func:`lean_view` (pdfplumber's char dicts without its generic
object conversion) of the layout pdfminer's interpreter builds from the
content streams as :mod:`extract.sources.content` tokenizes them, or
pdfplumber's page itself (:func:`deduped`) where a page is damaged or has
no chars.  Chars, boxes and edges are pdfplumber's to the float
(tests/extract/test_content.py).
"""
from __future__ import annotations

from pathlib import Path

from hyoka.extract.lines import dedupe_chars
from hyoka.extract.sources.content import layout


def deduped(page):
    """The pdfplumber page with its doubled glyphs dropped (:func:`extract.lines.dedupe_chars`).

    Same object as pdfplumber's ``Page.dedupe_chars()`` returns (a
    FilteredPage sharing the page's parsed objects, chars replaced), built
    the way pdfplumber builds it, with the linear-time dedupe.
    """
    p = page.filter(lambda obj: True)
    p._objects = dict(page.objects)
    p._objects["char"] = dedupe_chars(page.chars)
    return p


def pdfminer_view(page, damaged: list[str]):
    """The view of pdfplumber ``page`` as pdfminer reads it: the light view
    of :func:`lean_view`, or the deduped pdfplumber page itself
    (:func:`deduped`) for a page with damaged streams (``damaged``, see
    :func:`extract.health.damaged_streams`) or without chars (a scan: the
    health checks judge it on all of pdfplumber's objects, images
    included).  Every source's pdfminer reading goes through here."""
    if damaged:
        return deduped(page)
    view = lean_view(page)
    return view if view.chars else deduped(page)


class _PlumberReader:
    """:class:`extract.sources.base.DocumentReader` of :class:`PlumberSource`."""

    def page(self, plumber_page, damaged: list[str]):
        """:func:`pdfminer_view` of the page."""
        return pdfminer_view(plumber_page, damaged)

    def close(self) -> None:
        """Nothing to free: the pdfplumber PDF is the caller's."""


class PlumberSource:
    """pdfplumber page source (the reference)."""

    name = "pdfplumber"

    def open(self, path: Path, plumber_pdf) -> _PlumberReader:
        """A reader of the pdfplumber PDF ``plumber_pdf``; see :class:`extract.sources.base.PageSource`."""
        return _PlumberReader()


def lean_view(page):
    """pdfminer's reading of the pdfplumber ``page`` (its content streams
    tokenized by :func:`extract.sources.content.layout`) as a
    :class:`extract.sources.base.LightPage`, without pdfplumber's generic
    object conversion (``Page.process_object``: every attribute through
    ``resolve_all``, a regex per object; ~10 % of a page's parse).

    The char dicts are pdfplumber's to the key and the float (same keys,
    same expressions: ``top = (height - y1) + mediabox top``, colours as
    tuples, byte font names fixed); lines, rects and curves carry the keys
    the table finder reads (box, ``top``/``bottom``/``doctop``, ``pts``,
    ``object_type``).  Only for a page pdfplumber reads unfiltered with
    ``laparams=None`` and no Unicode normalization (hyoka's), whose
    pdfminer layout holds chars, figures (recursed), paths and images.
    Raises what ``page.layout`` raises.
    """
    from pdfminer.layout import LTChar, LTContainer, LTCurve, LTLine, LTRect
    from pdfplumber.page import fix_fontname_bytes

    from hyoka.extract.sources.base import LightPage

    if page.pdf.laparams is not None or page.pdf.unicode_norm is not None:
        return deduped(page)
    height = page.height
    mb_x0, mb_top = page.mediabox[:2]
    doctop0 = page.initial_doctop
    number = page.page_number
    point2coord = page.point2coord
    chars: list[dict] = []
    paths: dict[str, list[dict]] = {"rect": [], "line": [], "curve": []}

    def walk(objs) -> None:
        for o in objs:
            if isinstance(o, LTChar):
                gs = o.graphicstate
                name = o.fontname
                if isinstance(name, bytes):
                    name = fix_fontname_bytes(name)
                top = (height - o.y1) + mb_top
                c = {"matrix": o.matrix, "fontname": name, "adv": o.adv, "upright": o.upright,
                     "x0": o.x0, "y0": o.y0, "x1": o.x1, "y1": o.y1, "width": o.width, "height": o.height,
                     "size": o.size, "mcid": o.mcid, "tag": o.tag, "object_type": "char", "page_number": number,
                     "ncs": o.ncs.name, "text": o.get_text(),
                     "stroking_color": gs.scolor if isinstance(gs.scolor, tuple) else (gs.scolor,),
                     "non_stroking_color": gs.ncolor if isinstance(gs.ncolor, tuple) else (gs.ncolor,),
                     "top": top, "bottom": (height - o.y0) + mb_top, "doctop": doctop0 + top}
                if mb_x0 != 0:
                    c["x0"], c["x1"] = c["x0"] + mb_x0, c["x1"] + mb_x0
                chars.append(c)
            elif isinstance(o, LTContainer):
                walk(o._objs)
            elif isinstance(o, LTCurve):
                kind = "rect" if isinstance(o, LTRect) else "line" if isinstance(o, LTLine) else "curve"
                top = (height - o.y1) + mb_top
                d = {"x0": o.x0, "y0": o.y0, "x1": o.x1, "y1": o.y1, "width": o.width, "height": o.height,
                     "pts": [point2coord(p) for p in o.pts], "object_type": kind, "page_number": number,
                     "top": top, "bottom": (height - o.y0) + mb_top, "doctop": doctop0 + top}
                if mb_x0 != 0:
                    d["x0"], d["x1"] = d["x0"] + mb_x0, d["x1"] + mb_x0
                paths[kind].append(d)

    walk(layout(page)._objs)
    return LightPage(page, dedupe_chars(chars), paths["line"], paths["rect"], paths["curve"])
