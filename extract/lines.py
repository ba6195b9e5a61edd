"""Group pdfplumber characters into printed lines.

A line is a run of characters sharing a baseline band; a new line starts
where a character's vertical centre leaves the band of the previous ones.
Spaces are inserted only where the gap between two characters is wider
than a third of the font size *and* both sides are not CJK (Japanese text
has no inter-word spaces; a gap there is layout, not a space).
"""
from __future__ import annotations

import itertools
import unicodedata
from operator import itemgetter

from pdfplumber.utils import cluster_objects

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
    in one cluster of width ``tolerance`` are one char; the top-left copy
    is kept), but orders the kept chars by a position map instead of
    ``list.index`` (quadratic in the page's chars: 1.7 s of a 10-page
    sheet).  Found needed on real sheets: kyoto-r6-001/002 print 34 and
    68 glyphs twice.
    """
    key = itemgetter(*DEDUPE_ATTRS)
    pos_key = itemgetter("doctop", "x0")
    pos = {id(c): i for i, c in enumerate(chars)}
    kept: list[tuple[int, dict]] = []
    for _, grp in itertools.groupby(sorted(chars, key=key), key=key):
        grp = list(grp)
        if len(grp) == 1:
            kept.append((pos[id(grp[0])], grp[0]))
            continue
        for y_cluster in cluster_objects(grp, itemgetter("doctop"), tolerance):
            for x_cluster in cluster_objects(y_cluster, itemgetter("x0"), tolerance):
                first = sorted(x_cluster, key=pos_key)[0]
                # list.index order: the first char *equal* to the one kept
                kept.append((min(pos[id(c)] for c in x_cluster if c == first), first))
    kept.sort(key=itemgetter(0))
    return [c for _, c in kept]


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
