"""Group pdfplumber characters into printed lines.

A line is a run of characters sharing a baseline band; a new line starts
where a character's vertical centre leaves the band of the previous ones.
Spaces are inserted only where the gap between two characters is wider
than a third of the font size *and* both sides are not CJK (Japanese text
has no inter-word spaces; a gap there is layout, not a space).
"""
from __future__ import annotations

import unicodedata

from hyoka.extract.model import BBox, TextLine


def _is_wide(ch: str) -> bool:
    """True for full-width / wide characters (kanji, kana, full-width forms)."""
    return unicodedata.east_asian_width(ch) in ("W", "F")


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
    for c in chars:
        mid = (c["top"] + c["bottom"]) / 2
        if bands:
            band = bands[-1]
            top = min(b["top"] for b in band)
            bottom = max(b["bottom"] for b in band)
            height = max(bottom - top, 1.0)
            if top - 0.15 * height <= mid <= bottom + 0.15 * height and abs(
                    c["size"] - band[0]["size"]) < 0.5 * max(c["size"], band[0]["size"]):
                band.append(c)
                continue
        bands.append([c])
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
