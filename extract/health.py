"""Detect pages that cannot be read from their text layer.

Two failure kinds, both of which a naive read turns into an empty page:

* damaged content streams: a page's compressed content stream does not
  decompress (pdfminer silently yields nothing);
* no text layer: the page draws images or paths but has no characters
  (a scan) -- it needs OCR;
* a garbage text layer: characters that are not text -- ``(cid:N)`` codes
  of a font without a ToUnicode map, Private Use Area glyphs, or mojibake
  (Shift_JIS bytes read as a Western code page) -- also needs OCR;
* no content at all: every page of the file draws nothing (a page without
  /Contents, a file of blank pages): nothing to load, said so.

Rule source: PDF 32000-1:2008 §7.3.8 (stream objects) and §7.4.4
(FlateDecode), §9.10 (ToUnicode: without it the character codes carry no
text, which pdfminer prints as "(cid:N)"); Unicode 15 §23.5 (Private Use
Area U+E000–U+F8FF, planes 15–16); a blank page among drawn pages is none
of these (books have them).
"""
from __future__ import annotations

import re

from pdfminer.pdftypes import resolve1

from hyoka.extract.limits import inflate_probe

#: Page.problem of a page that draws (images, vector paths) but carries no
#: text: a scanned page or outlined text, readable only after OCR.
NO_TEXT_LAYER = "page has no text layer (scanned image or outlined text)"
#: Page.problem of every page of a file in which no page draws anything.
NO_CONTENT = "no content: the page draws nothing and has no text"
#: Page.problem prefix of a page whose characters are not text (see :func:`garbage_text`).
UNREADABLE_TEXT = "text layer unreadable, needs OCR"
#: Share of a page's non-blank characters that, when garbage, makes the page garbage.
GARBAGE_SHARE = 0.3
#: Fewest garbage characters that count (a stray symbol is not a garbage layer).
GARBAGE_MIN = 10
_CID = re.compile(r"^\(cid:\d+\)$")
#: Characters a Japanese page read through cp1252/latin-1 turns into: C1 controls,
#: Latin-1 supplement and cp1252's extra letters and punctuation, U+FFFD.
_MOJIBAKE = re.compile("[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
                       "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122\ufffd]")


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
        error = inflate_probe(raw)  # bounded: a bomb is reported by the parser's budget, not inflated here
        if error:
            problems.append(f"content stream {name}: FlateDecode failed ({error})")
    return problems


def draws_without_text(page) -> bool:
    """True when the page draws images or shapes but holds no characters."""
    if page.chars:
        return False
    return bool(page.images or page.rects or page.curves or page.lines)


def _is_pua(ch: str) -> bool:
    """True for a Private Use Area code point (BMP or planes 15-16)."""
    o = ord(ch)
    return 0xE000 <= o <= 0xF8FF or o >= 0xF0000


def garbage_text(chars: list[dict]) -> str | None:
    """Why a page's characters (pdfplumber char dicts) are not text, or None.

    Counts, among the non-blank characters, ``(cid:N)`` codes, Private Use
    Area glyphs and mojibake characters (:data:`_MOJIBAKE`); when they are
    at least :data:`GARBAGE_SHARE` of them and at least :data:`GARBAGE_MIN`,
    returns ``"text layer unreadable, needs OCR: 380 of 400 characters are
    (cid:N) codes (a font without ToUnicode)"`` (or "Private Use Area
    glyphs", "mojibake (text in the wrong code page)").
    """
    texts = [c["text"] for c in chars if c.get("text", "").strip()]
    if len(texts) < GARBAGE_MIN:
        return None
    kinds = {"(cid:N) codes (a font without ToUnicode)": sum(1 for t in texts if _CID.match(t)),
             "Private Use Area glyphs (no Unicode meaning)": sum(1 for t in texts if len(t) == 1 and _is_pua(t)),
             "mojibake (text in the wrong code page)": sum(1 for t in texts if len(t) == 1 and _MOJIBAKE.match(t))}
    bad = sum(kinds.values())
    if bad < GARBAGE_MIN or bad < GARBAGE_SHARE * len(texts):
        return None
    kind = max(kinds, key=kinds.get)
    return f"{UNREADABLE_TEXT}: {bad} of {len(texts)} characters are {kind}"


def needs_ocr_problem(problem: str | None) -> bool:
    """True when a page's ``problem`` sends the document the OCR way
    (``needs_ocr``) rather than marking the file broken: no text layer, a
    garbage text layer, or no content at all — also when OCR was tried and
    could not help (the problem then goes on with "; OCR not run: ...",
    extract/ocr/source.py)."""
    return bool(problem) and problem.startswith((NO_TEXT_LAYER, NO_CONTENT, UNREADABLE_TEXT))


def mark_no_content(pages: list) -> bool:
    """When no page of a file draws anything (no characters, no lines or
    tables, none already marked), mark every page ``has_text_layer=False``
    with :data:`NO_CONTENT`; return whether it did.  ``pages``: the file's
    :class:`extract.model.Page` list, changed in place."""
    if not pages or any(p.lines or p.tables or not p.has_text_layer for p in pages):
        return False
    for p in pages:
        p.has_text_layer, p.problem = False, NO_CONTENT
    return True
