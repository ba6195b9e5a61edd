"""Why a sheet was read the way it was: for template authors (`hyoka templates explain`).

For each sheet of a file (:mod:`normalize.split`) this says how well every
template matched — the classification score and, per identifying heading,
its best match and the printed line it matched — and, for the template the
sheet was read with (or one the author names), every table of the sheet's
pages: its header text, its numeric cells and how many of them became
typed facts (:mod:`normalize.coverage`), so a table the template does not
describe, or describes with a label the printing does not use, stands out.
Pure: an extracted document in, plain data out.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import fuzz

from hyoka.extract.model import ExtractedDocument
from hyoka.normalize.classify import PAGES_READ, THRESHOLD, document_lines, score_template
from hyoka.normalize.coverage import header_text, table_readings
from hyoka.normalize.identity import era_context
from hyoka.normalize.split import sheet_document, split_sheets
from hyoka.normalize.templates import Template, all_templates
from hyoka.normalize.vocabulary import label_key


@dataclass(frozen=True)
class HeadingMatch:
    """One identifying heading of a template: its best rapidfuzz
    partial_ratio (0-100) over the sheet's first pages and the folded line
    it matched ('' when nothing was long enough to compare)."""

    heading: str
    score: float
    line: str


@dataclass(frozen=True)
class TemplateMatch:
    """How one template matched a sheet: ``score`` the classification score
    (mean of the heading scores, 0-100; the template is chosen at
    ``normalize.classify.THRESHOLD`` or more) and each heading's match."""

    template: str
    score: float
    headings: tuple[HeadingMatch, ...]


@dataclass(frozen=True)
class TableReading:
    """One table of the sheet as read with the explained template: page,
    order on the page, bbox (x0, top, x1, bottom; PDF points), header text,
    numeric cells, typed cells (became indicator or budget values)."""

    page: int
    index: int
    bbox: tuple[float, float, float, float]
    header: str
    numeric_cells: int
    typed_cells: int

    @property
    def status(self) -> str:
        """``read`` (every numeric cell typed), ``partly read``, ``not read``
        (numbers, none typed) or ``no numbers``."""
        if not self.numeric_cells:
            return "no numbers"
        if self.typed_cells == self.numeric_cells:
            return "read"
        return "partly read" if self.typed_cells else "not read"


@dataclass
class SheetExplanation:
    """One sheet: ``seq``, pages, the template it was read with (``chosen``,
    None when unclassified) and its score, every template's match (best
    first), the template the tables are explained for and the tables."""

    seq: int
    first_page: int
    last_page: int
    chosen: str | None
    score: float
    matches: list[TemplateMatch] = field(default_factory=list)
    explained_with: str | None = None
    tables: list[TableReading] = field(default_factory=list)
    facts: dict[str, int] = field(default_factory=dict)


def heading_matches(template: Template, lines: list[str]) -> tuple[HeadingMatch, ...]:
    """Each of ``template.identify`` with its best partial_ratio over
    ``lines`` (folded, as :func:`normalize.classify.score_template` compares)."""
    out = []
    for heading in template.identify:
        h = label_key(heading)
        best, where = 0.0, ""
        for line in lines:
            if len(line) < len(h) * 0.5:
                continue
            s = fuzz.partial_ratio(h, line)
            if s > best:
                best, where = s, line
        out.append(HeadingMatch(heading, round(best, 1), where))
    return tuple(out)


def explain_document(doc: ExtractedDocument, template_name: str | None = None,
                     templates: tuple[Template, ...] | None = None) -> list[SheetExplanation]:
    """Explain every sheet of ``doc``.

    Args:
        doc: the extracted file.
        template_name: read every sheet with this template (to see why a
            sheet does not match it); None: with the template each sheet was
            classified as.
        templates: candidates (default: every template in effect).
    Returns:
        one :class:`SheetExplanation` per sheet, in page order.
    Raises:
        KeyError: ``template_name`` names no template in effect.
    """
    from hyoka.normalize.document import normalize_sheet  # the normalizer uses this module's peers

    templates = templates if templates is not None else all_templates()
    forced = None
    if template_name is not None:
        forced = next((t for t in templates if t.name == template_name), None)
        if forced is None:
            raise KeyError(template_name)
    file_ctx = era_context(doc)
    out = []
    for span in split_sheets(doc, templates, ctx=file_ctx):
        sheet = sheet_document(doc, span)
        lines = document_lines(sheet, PAGES_READ)
        matches = sorted((TemplateMatch(t.name, round(score_template(t, lines), 1), heading_matches(t, lines))
                          for t in templates), key=lambda m: -m.score)
        best = matches[0] if matches else None
        chosen = best.template if best is not None and best.score >= THRESHOLD else None
        facts = normalize_sheet(doc, span, file_ctx, template=forced)
        tables = [TableReading(t.page, t.index, t.bbox.as_tuple(), header_text(t), n, typed)
                  for t, n, typed in table_readings(sheet, facts)]
        out.append(SheetExplanation(span.seq, span.first_page, span.last_page, chosen,
                                    best.score if best else 0.0, matches,
                                    forced.name if forced else chosen, tables,
                                    {"indicator_values": len(facts.indicators), "budget_values": len(facts.budgets),
                                     "text_blocks": len(facts.text_blocks)}))
    return out
