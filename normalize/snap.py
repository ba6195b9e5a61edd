"""OCR'd labels snapped to the template's vocabulary (issue 8).

An OCR engine misreads a label by a glyph or two (PP-OCRv5 on the sample
scans, bench/ocr_scans.py: 年良 for 年度, 単位施集 for 単位施策, 連成 for 達成,
実續値 for 実績値, 皮映 for 反映), and the interpreters then skip the table
whose header they no longer find, so none of its figures are read.  Fuzzy
matching of whole labels (``fuzz.ratio`` >= 80, normalize/vocabulary.py) does
not absorb this: one glyph of a 2- or 3-character label is 50 % or 33 % of
it.  So before a sheet read by OCR is interpreted, each label-like text of
its OCR'd pages (a table cell's lines joined, or a line outside the tables)
is compared with the labels the sheet's template and the shared vocabulary
know (:func:`labels_for`), and replaced by the one label it can only be a
misreading of (:func:`snap_text`):

* **same length, substitutions only**: an OCR misreading of a printed glyph
  is another glyph in its place (the detector found the characters, the
  recogniser chose a wrong one); a text of another length is another label
  or no label;
* **at most** :func:`allowed_substitutions` glyphs changed: one up to seven
  characters, two from eight, three from twelve;
* **like for like**: a changed glyph stays in its class (kanji and kana
  are one class, since 力/カ, 二/ニ, 一/ー are the engines' usual swaps;
  Latin letters another; punctuation a third); a digit is never changed,
  nor changed into: a label that differs by a digit is another label
  (R3 / R4);
* **unique**: the text is no label itself, and exactly one label is
  nearest; a text as near to two labels (目標 and 目的 from 目x) is left as
  read.

Comparison is per character after width folding and one bracket style
(the per-character part of :func:`normalize.vocabulary.label_key`), with
whitespace ignored; labels holding an era-year placeholder (section
headings) are not snapped, since headings are matched by containment
anyway (``match_label(partial=True)``).

A snapped text keeps its boxes, font size and confidence; only its
characters change, line by line.  The raw cells (``v_raw_cells``) keep what
the engine read, and every snap is an ``ocr.label_snapped`` finding
(info) with the page and the cell's bbox, saying what was read and what it
was taken for, so ``hyoka trace`` can show the crop.  Text-layer pages are
never touched.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache

from hyoka.extract.model import BBox, ExtractedDocument, Page, TextLine
from hyoka.normalize import vocabulary
from hyoka.normalize.facts import Finding
from hyoka.normalize.width import fold_width

RULE_ID = "ocr.label_snapped"
#: Shortest label snapped (a one-character label, 件 or 人, would be a guess).
MIN_LABEL = 2
#: Longest text compared: longer cells are sentences, not labels.
MAX_LABEL = 40


def allowed_substitutions(length: int) -> int:
    """Glyphs a misreading of a ``length``-character label may change: 1 up to
    7 characters, 2 from 8, 3 from 12 (a quarter, at least one)."""
    return max(1, length // 4)


def _char_key(ch: str) -> str:
    """One character width-folded, in one bracket style ('' for whitespace)."""
    if ch.isspace():
        return ""
    return fold_width(ch).translate(vocabulary.BRACKETS)


@lru_cache(maxsize=4096)
def _class(ch: str) -> str:
    """'digit', 'latin', 'wide' (kanji and kana), or 'mark'."""
    if ch.isdigit():
        return "digit"
    if ch.isascii() and ch.isalpha():
        return "latin"
    name = unicodedata.name(ch, "")
    if name.startswith(("CJK UNIFIED", "CJK COMPATIBILITY IDEOGRAPH", "HIRAGANA", "KATAKANA")):
        return "wide"
    return "mark"


def _may_swap(a: str, b: str) -> bool:
    """Whether the engine may have read ``a`` where ``b`` was printed."""
    ca, cb = _class(a), _class(b)
    return ca == cb and ca != "digit"


def label_key_chars(text: str) -> str:
    """``text`` compared character by character: each character width-folded
    and bracket-unified, whitespace dropped (a character that folds to more
    or less than one character, a rare compatibility form, is kept as it is
    so that positions stay aligned)."""
    out = []
    for ch in text:
        k = _char_key(ch)
        if k == "" and ch.isspace():
            continue
        out.append(k if len(k) == 1 else ch)
    return "".join(out)


def labels_for(template) -> tuple[str, ...]:  # noqa: ANN001 - normalize.templates.Template or None
    """The labels a sheet of ``template`` may print: every string of the
    template file (title, identify, the table, section and plan entries,
    their dict keys too) and the shared vocabulary with the template's own
    ``[vocabulary]`` (:func:`normalize.vocabulary.shared_labels` under
    :func:`normalize.vocabulary.for_template`); as comparison keys
    (:func:`label_key_chars`), :data:`MIN_LABEL`..:data:`MAX_LABEL`
    characters long, era-year placeholders left out, sorted.  ``template``
    None: the shared labels only."""
    with vocabulary.for_template(template):
        found: set[str] = set(vocabulary.shared_labels())
    if template is not None:
        found.update(_strings((template.title, template.identify, template.policy, template.subject,
                               template.indicator_tables, template.budget_tables, template.sections,
                               template.plan_tables, template.estimate, template.validate, template.starts)))
    keys = {label_key_chars(s) for s in found if vocabulary.YEAR_PLACEHOLDER not in s}
    return tuple(sorted(k for k in keys if MIN_LABEL <= len(k) <= MAX_LABEL and _has_wide(k)))


def _has_wide(text: str) -> bool:
    return any(_class(c) == "wide" for c in text)


def _strings(value) -> Iterable[str]:  # noqa: ANN001 - nested dicts / lists / tuples of a template
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(k)
            yield from _strings(v)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for v in value:
            yield from _strings(v)


def _distance(text: str, label: str, limit: int) -> int | None:
    """Substitutions turning ``text`` into ``label`` (same length), None when
    over ``limit`` or when a pair may not be swapped (:func:`_may_swap`)."""
    n = 0
    for a, b in zip(text, label):
        if a != b:
            if not _may_swap(a, b):
                return None
            n += 1
            if n > limit:
                return None
    return n


def snap_text(text: str, labels: tuple[str, ...]) -> str | None:
    """The label ``text`` is a misreading of, or None (see the module doc).

    Args: ``text`` as OCR read it (key form, :func:`label_key_chars`);
    ``labels`` from :func:`labels_for`.  Returns the label (key form) when
    exactly one label of the same length lies nearest, within
    :func:`allowed_substitutions` like-for-like glyphs; None when ``text``
    is a label already, is too short or too long, or is as near to two."""
    n = len(text)
    if not MIN_LABEL <= n <= MAX_LABEL or not _has_wide(text):
        return None
    limit = allowed_substitutions(n)
    best: list[str] = []
    best_d = limit + 1
    for label in labels:
        if len(label) != n:
            continue
        d = _distance(text, label, limit)
        if d is None:
            continue
        if d == 0:
            return None
        if d < best_d:
            best, best_d = [label], d
        elif d == best_d:
            best.append(label)
    return best[0] if len(best) == 1 else None


def _respell(lines: list[TextLine], label: str) -> list[TextLine] | None:
    """``lines`` with their non-space characters replaced, in order, by those
    of ``label`` (as many); None when the counts differ."""
    out, pos = [], 0
    for line in lines:
        chars = []
        for ch in line.text:
            if ch.isspace():
                chars.append(ch)
                continue
            if pos >= len(label):
                return None
            new = label[pos]
            chars.append(ch if label_key_chars(ch) == new else new)
            pos += 1
        out.append(replace(line, text="".join(chars)))
    return out if pos == len(label) else None


def snap_labels(doc: ExtractedDocument, template) -> tuple[ExtractedDocument, list[Finding]]:  # noqa: ANN001
    """``doc`` with the misread labels of its OCR'd pages snapped (see the
    module doc), and one ``ocr.label_snapped`` finding (info) per snap.

    Args: ``doc`` a sheet's pages (normalize.split.sheet_document);
    ``template`` the template it is read with (None: shared labels only).
    Returns a new document (changed pages, tables and cells copied; ``doc``
    and its pages are not modified) and the findings in page order; ``doc``
    itself and [] when no page was read by OCR.  Never raises."""
    if not any(p.text_source == "ocr" for p in doc.pages):
        return doc, []
    labels = labels_for(template)
    findings: list[Finding] = []
    pages = [_snap_page(p, labels, findings) if p.text_source == "ocr" else p for p in doc.pages]
    return replace(doc, pages=pages), findings


def _snap_page(page: Page, labels: tuple[str, ...], findings: list[Finding]) -> Page:
    new: dict[int, TextLine] = {}  # id(old line) -> snapped line

    def attempt(lines: list[TextLine], box: BBox) -> None:
        read = "".join(l.text for l in lines)
        label = snap_text(label_key_chars(read), labels)
        if label is None:
            return
        snapped = _respell(lines, label)
        if snapped is None:
            return
        for old, line in zip(lines, snapped):
            new[id(old)] = line
        got = "".join(l.text for l in snapped)
        findings.append(Finding(RULE_ID, "info",
                                f"OCR read {read!r}, taken for the label {got!r} of the template's vocabulary "
                                "(a misread glyph); check the page image (hyoka trace)",
                                page.number, bbox=tuple(round(float(v), 2) for v in (box.x0, box.top, box.x1, box.bottom))))

    in_cells: set[int] = set()
    for table in page.tables:
        for cell in table.cells:
            if cell.lines:
                attempt(cell.lines, cell.bbox)
                in_cells.update(id(l) for l in cell.lines)
    for line in page.lines:
        if id(line) not in in_cells:
            attempt([line], line.bbox)
    if not new:
        return page
    tables = [replace(t, cells=[replace(c, lines=[new.get(id(l), l) for l in c.lines]) for c in t.cells])
              for t in page.tables]
    return replace(page, lines=[new.get(id(l), l) for l in page.lines], tables=tables)
