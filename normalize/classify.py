"""Recognise which template a document follows, from its printed headings.

Each template lists identifying headings (``identify``).  A document's
score for a template is the mean, over those headings, of the best
rapidfuzz ``partial_ratio`` between the heading and any printed line of
the first pages (both width-folded, whitespace removed), so spacing,
full/half width and small damage still match.  The best template wins if
its score reaches :data:`THRESHOLD`; otherwise the document is
``unclassified`` (it is still loaded as raw cells and text).
"""
from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process

from hyoka.extract.model import ExtractedDocument, Page
from hyoka.normalize.templates import Template, all_templates
from hyoka.normalize.vocabulary import label_key

#: Minimum mean heading score (0-100) to accept a template.  Chosen so that
#: the five source sheets and their variants score >= 90 while other
#: cities' sheets in ../shared/corpus/real-jp score below (see tests).
THRESHOLD = 80.0
#: Pages read for classification: a template's headings are on its first pages.
PAGES_READ = 3
UNCLASSIFIED = "unclassified"


@dataclass(frozen=True)
class Classification:
    """Result: ``sheet_type`` (template name or 'unclassified'), the best
    ``score`` (0-100) and the matching :class:`Template` (None when
    unclassified)."""

    sheet_type: str
    score: float
    template: Template | None


def page_lines(page: Page) -> list[str]:
    """Folded, whitespace-free printed lines of one page, including the
    lines inside its table cells (one string per cell)."""
    out = [label_key(line.text) for line in page.lines]
    for table in page.tables:
        for cell in table.cells:
            if cell.lines:
                out.append(label_key("".join(line.text for line in cell.lines)))
    return [s for s in out if s]


def document_lines(doc: ExtractedDocument, pages: int = PAGES_READ) -> list[str]:
    """:func:`page_lines` of the first ``pages`` pages, concatenated."""
    return [s for page in doc.pages[:pages] for s in page_lines(page)]


def score_template(template: Template, lines: list[str]) -> float:
    """Mean best partial_ratio (0-100) of the template's headings in ``lines``
    (folded lines, :func:`page_lines`), each heading's best found by
    rapidfuzz's ``process.extractOne`` over the lines at least half its length."""
    if not template.identify or not lines:
        return 0.0
    total = 0.0
    for heading in template.identify:
        h = label_key(heading)
        # a fragment shorter than half the heading cannot stand for it
        candidates = [line for line in lines if len(line) >= len(h) * 0.5]
        found = process.extractOne(h, candidates, scorer=fuzz.partial_ratio) if candidates else None
        total += found[1] if found else 0.0
    return total / len(template.identify)


def classify(doc: ExtractedDocument, templates: tuple[Template, ...] | None = None) -> Classification:
    """Classify ``doc`` against ``templates`` (default: all shipped ones).

    Returns the best :class:`Classification`; ``unclassified`` with the
    best score seen when no template reaches :data:`THRESHOLD`.
    """
    templates = templates if templates is not None else all_templates()
    lines = document_lines(doc)
    best: tuple[float, Template | None] = (0.0, None)
    for t in templates:
        s = score_template(t, lines)
        if s > best[0]:
            best = (s, t)
    score, template = best
    if template is None or score < THRESHOLD:
        return Classification(UNCLASSIFIED, round(score, 1), None)
    return Classification(template.name, round(score, 1), template)
