"""Detect pages that cannot be read from their text layer.

Two failure kinds, both of which a naive read turns into an empty page:

* damaged content streams: a page's compressed content stream does not
  decompress (pdfminer silently yields nothing);
* no text layer: the page draws images or paths but has no characters
  (a scan) -- it needs OCR.

Rule source: PDF 32000-1:2008 §7.3.8 (stream objects) and §7.4.4
(FlateDecode); a blank page with nothing drawn is neither.
"""
from __future__ import annotations

import zlib

from pdfminer.pdftypes import resolve1

#: Page.problem of a page that draws (images, vector paths) but carries no
#: text: a scanned page or outlined text, readable only after OCR.
NO_TEXT_LAYER = "page has no text layer (scanned image or outlined text)"


def _filters(stream) -> list[str]:
    f = resolve1(stream.attrs.get("Filter"))
    if f is None:
        return []
    if not isinstance(f, list):
        f = [f]
    return [getattr(resolve1(x), "name", str(x)) for x in f]


def damaged_streams(page) -> list[str]:
    """Describe the content streams of a pdfplumber page that do not decode.

    Returns one message per damaged stream (e.g. ``"content stream 8 0 R:
    FlateDecode failed (incorrect header check)"``); [] when all decode.
    Only FlateDecode is checked byte-for-byte; other filters are trusted.
    """
    problems = []
    for ref in page.page_obj.contents or []:
        stream = resolve1(ref)
        raw = getattr(stream, "rawdata", None)
        if raw is None or "FlateDecode" not in _filters(stream):
            continue
        name = f"{ref.objid} 0 R" if hasattr(ref, "objid") else "inline"
        try:
            zlib.decompress(raw)
        except zlib.error as e:
            try:  # some writers truncate the adler32 trailer: still readable
                zlib.decompressobj().decompress(raw)
            except zlib.error:
                problems.append(f"content stream {name}: FlateDecode failed ({e})")
    return problems


def draws_without_text(page) -> bool:
    """True when the page draws images or shapes but holds no characters."""
    if page.chars:
        return False
    return bool(page.images or page.rects or page.curves or page.lines)
