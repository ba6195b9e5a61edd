"""Group pdfplumber characters into printed lines.

A line is a run of characters sharing a baseline band; a new line starts
where a character's vertical centre leaves the band of the previous ones.
Spaces are inserted only where the gap between two characters is wider
than a third of the font size *and* both sides are not CJK (Japanese text
has no inter-word spaces; a gap there is layout, not a space).
"""
from __future__ import annotations

import unicodedata
from operator import itemgetter

from hyoka.extract.model import BBox, TextLine

#: pdfplumber's defaults for ``Page.dedupe_chars`` (tolerance in points,
#: attributes two copies of a glyph must share besides text and position).
DEDUPE_TOLERANCE = 1
DEDUPE_ATTRS = ("upright", "text", "fontname", "size")


def _is_wide(ch: str) -> bool:
    """True for full-width / wide characters (kanji, kana, full-width forms)."""
    return unicodedata.east_asian_width(ch) in ("W", "F")


def dedupe_chars(chars: list[dict], tolerance: float = DEDUPE_TOLERANCE) -> list[dict]:
    """Drop the second copy of glyphs printed twice (fake bold, shadowed text).

    Args: ``chars`` pdfplumber char dicts in page order; ``tolerance``
    points.  Returns the chars kept, in their original order.  Same rule
    and result as pdfplumber's ``utils.dedupe_chars`` (chars sharing
    upright, text, fontname and size whose ``doctop`` and ``x0`` each fall
    in one cluster -- values chained at most ``tolerance`` apart -- are one
    char; the top-left copy is kept, the first in page order among equals),
    computed with two sorts of char indices and two linear passes instead
    of pdfplumber's generic clustering per group and its ``list.index``
    ordering (quadratic in the page's chars: 1.7 s of a 10-page sheet).
    tests/extract/test_dedupe.py compares both on real pages and random
    ones.  Found needed on real sheets: kyoto-r6-001/002 print 34 and 68
    glyphs twice.
    """
    n = len(chars)
    if n < 2:
        return list(chars)
    keys = list(map(itemgetter(*DEDUPE_ATTRS), chars))
    tops = [c["doctop"] for c in chars]
    xs = [c["x0"] for c in chars]
    order = sorted(range(n), key=lambda i: (keys[i], tops[i]))
    # doctop clusters within each group of equal keys
    row = [0] * n
    cluster, prev_key, last = -1, None, 0.0
    for i in order:
        if cluster < 0 or keys[i] != prev_key or tops[i] > last + tolerance:
            cluster += 1
            prev_key = keys[i]
        last = tops[i]
        row[i] = cluster
    # x0 clusters within each doctop cluster: one char kept per cluster
    order.sort(key=lambda i: (row[i], xs[i]))
    kept: list[int] = []
    best, prev_row, last = -1, -1, 0.0
    for i in order:
        if best < 0 or row[i] != prev_row or xs[i] > last + tolerance:
            if best >= 0:
                kept.append(best)
            best, prev_row = i, row[i]
        elif (tops[i], xs[i], i) < (tops[best], xs[best], best):
            best = i
        last = xs[i]
    kept.append(best)
    kept.sort()
    return [chars[i] for i in kept]


def lines_from_chars(chars: list[dict]) -> list[TextLine]:
    """Cluster pdfplumber char dicts into :class:`TextLine` objects.

    Args: ``chars`` pdfplumber character dicts (keys text, x0, x1, top,
    bottom, size).  Returns lines top to bottom, each with its bbox and the
    median font size (pt) of its characters.  Whitespace-only lines are
    dropped.
    """
    chars = [c for c in chars if c.get("text") and c["x1"] > c["x0"] - 0.01]
    if not chars:
        return []
    chars = sorted(chars, key=lambda c: ((c["top"] + c["bottom"]) / 2, c["x0"]))
    bands: list[list[dict]] = []
    top = bottom = size0 = 0.0  # extent of the open band, kept as chars join it
    for c in chars:
        mid = (c["top"] + c["bottom"]) / 2
        if bands:
            height = max(bottom - top, 1.0)
            if top - 0.15 * height <= mid <= bottom + 0.15 * height and abs(
                    c["size"] - size0) < 0.5 * max(c["size"], size0):
                bands[-1].append(c)
                top, bottom = min(top, c["top"]), max(bottom, c["bottom"])
                continue
        bands.append([c])
        top, bottom, size0 = c["top"], c["bottom"], c["size"]
    lines = []
    for band in bands:
        band.sort(key=lambda c: c["x0"])
        text = []
        prev = None
        for c in band:
            if prev is not None:
                gap = c["x0"] - prev["x1"]
                if gap > c["size"] * 0.33 and not (_is_wide(prev["text"][-1]) or _is_wide(c["text"][0])):
                    text.append(" ")
                elif gap > c["size"] * 1.5:
                    text.append(" ")
            text.append(c["text"])
            prev = c
        s = "".join(text).strip()
        if not s:
            continue
        sizes = sorted(c["size"] for c in band)
        bbox = BBox(min(c["x0"] for c in band), min(c["top"] for c in band),
                    max(c["x1"] for c in band), max(c["bottom"] for c in band))
        lines.append(TextLine(s, bbox, round(sizes[len(sizes) // 2], 2)))
    lines.sort(key=lambda l: (l.bbox.top, l.bbox.x0))
    return lines
