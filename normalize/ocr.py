"""Confidence of OCR'd facts, and never false certainty (issue 8).

A page read by OCR (extract/ocr/source.py, ``Page.text_source == 'ocr'``)
carries the engine's confidence on every line (:attr:`TextLine.confidence`,
in [0, 1]).  Here, per sheet, after the interpreters ran:

1. :func:`carry_confidence`: every fact printed on an OCR'd page gets its
   ``ocr_confidence``: an indicator or budget value and a raw cell the
   *lowest* confidence of the lines in its cell (the weakest line decides
   a figure), a text block the *mean* of its lines'.  Facts of text-layer
   pages keep None.
2. :func:`doubt_readings` (before validation): an OCR'd indicator or budget
   value with status ``ok`` is *doubtful* when its confidence is below
   :data:`OCR_MIN_CONFIDENCE` or its text holds a character outside
   :data:`EXPECTED` (a Latin letter or a symbol no sheet prints in a
   figure: the engine's misreading of a digit, a rule read as ``|``).
3. :func:`doubt_contradictions` (after validation): an OCR'd value involved
   in an ``error`` finding of the sheet's own checks (達成率 = 実績 / 目標,
   財源 sums, restated figures: normalize/validate/) is doubtful too — one
   of the figures was misread, and which one the sheet does not say.

A doubtful value keeps its text and its unit but loses its number: status
``unparsed``, value None, rule id ``ocr.low_confidence`` added; and the
sheet gets a finding ``ocr.low_confidence`` (warning) naming the printed
text, the confidence and the reason, with the fact (hence page and bbox),
so ``hyoka trace`` can show the crop.  Nothing is dropped.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from statistics import fmean

from hyoka.extract.model import BBox, ExtractedDocument, Page, TextLine
from hyoka.extract.ocr.doubt import OCR_MIN_CONFIDENCE, SEPARATOR_DOUBT  # callers and tests import them from here too
from hyoka.normalize.facts import FactRef, Finding, Provenance, SheetFacts, Value

RULE_ID = "ocr.low_confidence"
#: Characters an OCR'd figure may hold, after NFKC folding: digits and the
#: marks of numbers (separators, signs, △ ▲, %, brackets of a remark) and
#: any Japanese character (units 件 人 千円, verdicts 達成, 見込).  Anything
#: else (Latin letters, | : ; ' " ! ? _ = * # @ $ & ^ ` ~ \\) is a misreading.
EXPECTED = re.compile(r"[0-9,.\-+−△▲%()（）\s\u3000-\u30ff\u3400-\u9fff\uff01-\uff5e・～〜]")
_SEVERE = re.compile(r"[A-Za-z|:;'\"!?_=*#@$&^`~\\]")


def _centre_in(line: TextLine, box: BBox, tol: float = 1.0) -> bool:
    cx = (line.bbox.x0 + line.bbox.x1) / 2
    cy = (line.bbox.top + line.bbox.bottom) / 2
    return box.x0 - tol <= cx <= box.x1 + tol and box.top - tol <= cy <= box.bottom + tol


def _box(p: Provenance) -> BBox | None:
    return None if p.x0 is None else BBox(p.x0, p.top, p.x1, p.bottom)


def confidences(page: Page, box: BBox) -> list[float]:
    """Confidences of the OCR'd lines of ``page`` whose centre lies in ``box``
    (PDF points, 1 pt slack), table cells' lines included; [] for a
    text-layer page."""
    if page.text_source != "ocr":
        return []
    seen: dict[int, float] = {}
    for line in page.lines:
        if line.confidence is not None and _centre_in(line, box):
            seen[id(line)] = line.confidence
    for table in page.tables:
        for cell in table.cells:
            for line in cell.lines:
                if line.confidence is not None and _centre_in(line, box):
                    seen[id(line)] = line.confidence
    return list(seen.values())


def carry_confidence(doc: ExtractedDocument, facts: SheetFacts) -> None:
    """Set ``ocr_confidence`` on every fact of ``facts`` printed on an OCR'd
    page of ``doc`` (the sheet's document): the lowest line confidence in
    the fact's cell for indicator / budget values and raw cells, the mean
    for text blocks; rounded to 4 decimals.  Facts without a bbox or on a
    text-layer page keep None.  Changes ``facts`` in place."""
    pages = {p.number: p for p in doc.pages if p.text_source == "ocr"}
    if not pages:
        return

    def conf(page: int, box: BBox | None, pick) -> float | None:  # noqa: ANN001 - min or fmean
        if page not in pages or box is None:
            return None
        found = confidences(pages[page], box)
        return round(pick(found), 4) if found else None

    for f in (*facts.indicators, *facts.budgets):
        f.ocr_confidence = conf(f.provenance.page, _box(f.provenance), min)
    for tb in facts.text_blocks:
        tb.ocr_confidence = conf(tb.provenance.page, _box(tb.provenance), fmean)
    for c in facts.raw_cells:
        c.ocr_confidence = conf(c.page, BBox(c.x0, c.top, c.x1, c.bottom), min)


def doubt_reason(value: Value, confidence: float | None, threshold: float = OCR_MIN_CONFIDENCE) -> str | None:
    """Why an OCR'd value is doubtful, or None when it is trusted (or not
    OCR'd: ``confidence`` None, or its status is not ``ok``).

    Reasons: ``"confidence 0.71 below 0.90"``; ``"characters no figure
    prints: 'l', '|'"`` (outside :data:`EXPECTED`); ``"separator '1.260'
    ..."`` (a grouping that reads either way, :data:`SEPARATOR_DOUBT`)."""
    if confidence is None or value.status != "ok":
        return None
    text = unicodedata.normalize("NFKC", value.value_text)
    odd = sorted({ch for ch in text if not EXPECTED.fullmatch(ch) or _SEVERE.fullmatch(ch)})
    if odd:
        return "characters no figure prints: " + ", ".join(repr(c) for c in odd)
    sep = SEPARATOR_DOUBT.search(text)
    if sep:
        return f"{sep.group(0)!r}: a point before three digits may be a misread thousands comma"
    if confidence < threshold:
        return f"confidence {confidence:.2f} below {threshold:.2f}"
    return None


def _demote(v: Value) -> Value:
    """``v`` as ``unparsed``: text, unit, note and estimate mark kept, no number."""
    return replace(v, value=None, value_std=None, status="unparsed", rule_ids=v.rule_ids + (RULE_ID,))


def _label(f) -> str:  # noqa: ANN001 - IndicatorValue or BudgetValue
    """How a finding names a fact: indicator name / item, year and measure."""
    name = getattr(f, "indicator_name", None) or getattr(f, "item", "")
    year = f"{f.fiscal_year}年度" if f.fiscal_year else ""
    return " ".join(x for x in (name, year, getattr(f, "measure", "")) if x)


def _flag(facts: SheetFacts, ref: FactRef, reason: str) -> Finding:
    """Demote the fact ``ref`` of ``facts`` and return its finding."""
    f = (facts.indicators if ref.kind == "indicator" else facts.budgets)[ref.index]
    printed = f.value.value_text
    f.value = _demote(f.value)
    conf = "?" if f.ocr_confidence is None else f"{f.ocr_confidence:.2f}"
    return Finding(RULE_ID, "warning",
                   f"OCR reading {printed!r} of {_label(f)} not trusted ({reason}; confidence {conf}): "
                   "kept as text, status unparsed; check the page image (hyoka trace)",
                   f.provenance.page, (ref,))


def doubt_readings(facts: SheetFacts, threshold: float = OCR_MIN_CONFIDENCE) -> list[Finding]:
    """Demote the doubtful OCR'd indicator and budget values of ``facts``
    (:func:`doubt_reason`) to ``unparsed``; returns one ``ocr.low_confidence``
    finding per value demoted, in fact order.  Changes ``facts`` in place;
    text-layer facts are never touched."""
    out = []
    for kind, items in (("indicator", facts.indicators), ("budget", facts.budgets)):
        for i, f in enumerate(items):
            reason = doubt_reason(f.value, f.ocr_confidence, threshold)
            if reason:
                out.append(_flag(facts, FactRef(kind, i), reason))
    return out


def doubt_contradictions(facts: SheetFacts, findings: list[Finding]) -> list[Finding]:
    """Demote the OCR'd values with status ``ok`` that an ``error`` finding of
    ``findings`` (the sheet's validation) involves; returns their
    ``ocr.low_confidence`` findings (reason: the finding's rule id).  The
    validation findings themselves are kept.  Changes ``facts`` in place."""
    out, done = [], set()
    for finding in findings:
        if finding.severity != "error":
            continue
        for ref in finding.facts:
            f = (facts.indicators if ref.kind == "indicator" else facts.budgets)[ref.index]
            if ref in done or f.ocr_confidence is None or f.value.status != "ok":
                continue
            done.add(ref)
            out.append(_flag(facts, ref, f"fails the sheet's own check {finding.rule_id}"))
    return out
