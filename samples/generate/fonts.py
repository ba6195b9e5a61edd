"""Fonts for generated sheets: the three families the cities' PDFs use.

reportlab embeds TrueType (glyf) outlines only.  IPAexGothic / IPAexMincho
(Debian fonts-ipaexfont, ``/usr/share/fonts/opentype/ipaexfont-*/*.ttf``)
are TrueType and registered as they are.  Noto Sans CJK JP (Debian
fonts-noto-cjk, ``NotoSansCJK-Regular.ttc``) has CFF outlines, so it is
subset with fontTools to the characters a generated sheet can print
(:func:`charset`) and its cubic outlines converted to quadratic
(fontTools ``cu2qu``, max error 1 font unit) into a cached TrueType file
under ``$XDG_CACHE_HOME/hyoka-generate`` (default ``~/.cache``).  The
conversion is deterministic (same input font and charset -> same bytes)
and takes ~10 s once; the cache file name carries a hash of both.

Public: :data:`FAMILIES` (family name -> reportlab font name),
:func:`register` (idempotent), :func:`charset`.
"""
from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

IPAEX_GOTHIC = "IPAexGothic"
IPAEX_MINCHO = "IPAexMincho"
NOTO_SANS_CJK = "Noto Sans CJK JP"
#: Printed family -> font file (Debian paths).
FONT_FILES = {
    IPAEX_GOTHIC: Path("/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"),
    IPAEX_MINCHO: Path("/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf"),
    NOTO_SANS_CJK: Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
}
FAMILIES = (IPAEX_GOTHIC, IPAEX_MINCHO, NOTO_SANS_CJK)
HERE = Path(__file__).resolve().parent
SEEDS = HERE.parents[2] / "shared" / "seeds"


def charset() -> str:
    """Every character a generated sheet may print, sorted: printable ASCII,
    full-width forms U+FF01-FF5E, kana, CJK punctuation, and every character
    of this package's sources and of the seed texts (../shared/seeds) —
    all names, labels and figures are drawn from those."""
    chars = {chr(c) for c in range(0x20, 0x7F)} | {chr(c) for c in range(0xFF01, 0xFF5F)}
    chars |= {chr(c) for c in range(0x3000, 0x3100)}  # CJK punctuation, hiragana, katakana
    chars |= set("①②③④⑤⑥⑦⑧⑨⑩ⅠⅡⅢⅣⅤ…‥―－‐～〜△▲○●◎□■※→⇒・")
    for p in sorted(HERE.glob("*.py")):
        chars |= set(p.read_text(encoding="utf-8"))
    if SEEDS.is_dir():
        for p in sorted(SEEDS.glob("*.txt")):
            chars |= set(p.read_text(encoding="utf-8"))
    return "".join(sorted(c for c in chars if c.isprintable() or c == "\u3000"))


def _cache_dir() -> Path:
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "hyoka-generate"


def _ttc_index(path: Path, family: str) -> int:
    from fontTools.ttLib import TTCollection
    coll = TTCollection(str(path), lazy=True)
    for i, font in enumerate(coll.fonts):
        if font["name"].getDebugName(1) == family:
            return i
    raise LookupError(f"{family} not in {path}")


def _noto_truetype(chars: str) -> Path:
    """Subset Noto Sans CJK JP to ``chars`` and convert it to TrueType (cached)."""
    src = FONT_FILES[NOTO_SANS_CJK]
    digest = hashlib.sha256(chars.encode("utf-8") + str(src.stat().st_size).encode()).hexdigest()[:16]
    out = _cache_dir() / f"NotoSansCJKjp-sub-{digest}.ttf"
    if out.exists():
        return out
    from fontTools import subset
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTFont as FTFont, newTable

    font = FTFont(str(src), fontNumber=_ttc_index(src, NOTO_SANS_CJK), lazy=False)
    opts = subset.Options()
    opts.layout_features = []
    opts.name_IDs = ["*"]
    opts.notdef_outline = True
    opts.hinting = False
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=[ord(c) for c in chars])
    sub.subset(font)
    glyph_order = font.getGlyphOrder()
    gs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = {}
    for name in glyph_order:
        pen = TTGlyphPen(gs)
        gs[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for attr, val in (("maxZones", 1), ("maxTwilightPoints", 0), ("maxStorage", 0),
                      ("maxFunctionDefs", 0), ("maxInstructionDefs", 0), ("maxStackElements", 0),
                      ("maxSizeOfInstructions", 0), ("maxComponentElements", 0)):
        setattr(maxp, attr, val)
    font["head"].indexToLocFormat = 1
    font["head"].glyphDataFormat = 0
    font["post"].formatType = 3.0
    font.sfntVersion = "\x00\x01\x00\x00"
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(f".tmp{os.getpid()}")
    font.save(str(tmp))
    tmp.replace(out)
    return out


@lru_cache(maxsize=None)
def register(family: str) -> str:
    """Register ``family`` (one of :data:`FAMILIES`) with reportlab; return
    its reportlab font name.  Noto is converted on first use (cached)."""
    if family not in FONT_FILES:
        raise KeyError(family)
    name = family.replace(" ", "")
    path = _noto_truetype(charset()) if family == NOTO_SANS_CJK else FONT_FILES[family]
    pdfmetrics.registerFont(TTFont(name, str(path)))
    return name
