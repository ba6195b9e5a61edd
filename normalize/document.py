"""normalize stage entry point: ExtractedDocument -> DocumentFacts.

Order of work, each step a pure function of the extracted document:

1. the document status: ``needs_ocr`` when some pages have no text layer,
   ``failed`` when none has (naming the pages and why);
2. split the file into sheets (:mod:`normalize.split`: a book binds many,
   a long table with its header block repeated is one);
3. per sheet, on an ExtractedDocument holding only the sheet's pages:
   classify it against the templates (:mod:`normalize.classify`); the era
   context for bare years ("5年度"): eras printed in the sheet, else in the
   file, else the PDF's creation year (:func:`normalize.era.context_from_text`);
   every table cell as a raw cell (nothing is lost); with a template, inside
   the template's vocabulary: policy code/name, the subject (the value
   beside the template's ``subject`` label, e.g. 事業名), fiscal year,
   estimate years from the legend, indicator tables, budget tables, text
   sections and the texts of plan tables (:mod:`normalize.sheets.plans`),
   then validation (:mod:`normalize.validate`) and coverage
   (:mod:`normalize.coverage`); without one: the free text as ``その他``
   blocks.
"""
from __future__ import annotations

import re

from hyoka.extract.health import needs_ocr_problem
from hyoka.extract.model import ExtractedDocument
from hyoka.normalize.classify import Classification, classify, document_lines, score_template
from hyoka.normalize.era import EraContext, fiscal_year_from_label, fiscal_years_from_range
from hyoka.normalize.split import SheetSpan, sheet_document, split_sheets
from hyoka.normalize.coverage import coverage_findings, count_coverage
from hyoka.normalize.facts import DocumentFacts, Finding, Provenance, RawCell, SheetFacts, TextBlock
from hyoka.normalize.identity import era_context, find_policy, title_year
from hyoka.normalize.published import publication
from hyoka.normalize.snap import snap_labels
from hyoka.normalize.sheets.budget import read_budgets
from hyoka.normalize.sheets.cells import bbox_tuple, cell_paragraphs, cell_rules, key
from hyoka.normalize.sheets.plans import read_plan_texts
from hyoka.normalize.sheets.indicators import (Mapping, continues, detect_measure_rows, detect_year_columns,
                                         read_measure_rows, read_year_columns)
from hyoka.normalize.sheets.sections import label_value, read_sections
from hyoka.normalize import vocabulary
from hyoka.normalize.ocr import carry_confidence, doubt_contradictions, doubt_readings
from hyoka.extract.ocr.source import document_text_source
from hyoka.normalize.templates import Template
from hyoka.normalize.validate import validate_document
from hyoka.normalize.text import join_wrapped

#: A legend sentence declaring estimate years: "R5は見込値", "令和5年度は見込み".
ESTIMATE_SENTENCE = re.compile(r"([^\s。、…]+?)は見込")


def raw_cells(doc: ExtractedDocument) -> list[RawCell]:
    """Every table cell of every page, text with wrapped lines joined."""
    out = []
    for page in doc.pages:
        for t in page.tables:
            for c in t.cells:
                b = bbox_tuple(c.bbox)
                out.append(RawCell(page.number, t.index, c.row, c.col, c.row_span, c.col_span,
                                   "\n".join(cell_paragraphs(c)) if c.lines else "",
                                   b["x0"], b["top"], b["x1"], b["bottom"],
                                   cell_rules(c) if c.lines else ()))
    return out


def estimate_years(doc: ExtractedDocument, legend: str, ctx: EraContext) -> set[int]:
    """Years a legend such as 〔実績について〕 "R3・4は確定値。R5は見込値。" calls
    estimates (見込); empty when the legend is absent."""
    if not legend:
        return set()
    for page in doc.pages:
        for i, line in enumerate(page.lines):
            if key(legend) in key(line.text):
                text = " ".join(l.text for l in page.lines[i: i + 3])
                years: set[int] = set()
                for m in ESTIMATE_SENTENCE.finditer(text):
                    label = m.group(1).lstrip("…").strip()
                    years.update(fiscal_years_from_range(label, ctx) or
                                 ([y] if (y := fiscal_year_from_label(label, ctx)) else []))
                return years
    return set()


def free_text_blocks(doc: ExtractedDocument) -> list[TextBlock]:
    """Printed text outside tables, as ``その他`` paragraphs (for documents
    no template understood: nothing printed is lost)."""
    blocks = []
    n = 0
    for page in doc.pages:
        boxes = [t.bbox for t in page.tables]
        free = [l for l in page.lines if not any(b.contains(l.bbox, 2) for b in boxes)]
        groups: list[list] = []
        for line in free:
            if groups and line.bbox.top - groups[-1][-1].bbox.bottom < line.size * 0.8:
                groups[-1].append(line)
            else:
                groups.append([line])
        for g in groups:
            text = join_wrapped([l.text for l in g])
            if not text:
                continue
            n += 1
            box = g[0].bbox
            for l in g[1:]:
                box = box.union(l.bbox)
            blocks.append(TextBlock("その他", n, text, "", None, Provenance(page.number, **bbox_tuple(box)),
                                    ("text.join_wrapped",) if len(g) > 1 else ()))
    return blocks


def interpret(doc: ExtractedDocument, template: Template, ctx: EraContext, facts: SheetFacts) -> None:
    """Fill ``facts`` with what ``template`` says the sheet ``doc`` holds
    (``doc``: the sheet's pages only, see :func:`normalize.split.sheet_document`)."""
    doc_year = title_year(doc, ctx) if "title" in template.document_year else None
    if doc_year is None and "page_one" in template.document_year:
        doc_year = title_year(doc, ctx, anywhere=True)
    if doc_year is not None:
        ctx = EraContext(ctx.era, doc_year)
    code, codes, pname = find_policy(doc, template.policy.get("label", ""))
    facts.policy_code, facts.policy_name = code, pname
    subject = label_value(doc, template.subject) if template.subject else None
    facts.subject = subject[0] if subject else None
    est = estimate_years(doc, template.estimate.get("legend", ""), ctx)
    for spec in template.indicator_tables:
        measure_rows = spec.get("layout") == "measure_rows"
        detect = detect_measure_rows if measure_rows else detect_year_columns
        last: Mapping | None = None
        last_page = 0
        for table in doc.tables:
            m = detect(table, spec, ctx)
            start = m.first_data_row if m else 0
            if (m is None and last is not None and table.page == last_page + 1 and table.index == 1
                    and continues(table, last)):
                m = last  # the first table of the next page, without a repeated header
            if m is None:
                continue
            if measure_rows:
                vals, blocks = read_measure_rows(table, m, start, ctx, est, spec.get("remark_section"),
                                                 spec.get("remark", ""))
                facts.indicators.extend(vals)
                facts.text_blocks.extend(blocks)
            else:
                facts.indicators.extend(read_year_columns(table, m, start, (code, codes, pname), est))
            last, last_page = m, table.page
    for spec in template.budget_tables:
        facts.budgets.extend(read_budgets(doc, spec, ctx, code, facts.subject))
    facts.text_blocks.extend(read_sections(doc, template.sections, code))
    for spec in template.plan_tables:
        facts.text_blocks.extend(read_plan_texts(doc, spec, ctx, facts.indicators))
    for strategy in template.document_year:
        if doc_year is not None:
            break
        if strategy == "last_actual":
            years = [iv.fiscal_year for iv in facts.indicators
                     if iv.measure == "actual" and iv.value.status == "ok" and iv.fiscal_year]
            doc_year = max(years) if years else None
        elif strategy == "budget_year":
            # the year whose 予算 the sheet prints: 神戸市's 平成25年度 sheet prints 20–24年度決算 and 25年度予算
            years = [bv.fiscal_year for bv in facts.budgets if bv.amount_basis == "budget" and bv.fiscal_year]
            doc_year = max(years) if years else None
    facts.document_fiscal_year = doc_year


def document_status(doc: ExtractedDocument) -> tuple[str, str | None]:
    """(status, error) from the pages' text-layer health.

    Every page unreadable and at least one of them damaged (a content
    stream that does not decode, extract/health.py) -> ``failed``: the file
    itself is broken.  Otherwise any page without a text layer (a scanned
    page, outlined text), up to all of them -> ``needs_ocr`` (contract:
    v_documents.status "no text layer on some page"): the document is
    sound and its text-layer pages are still read.  The error names each
    page and its problem.  A page read by OCR (``text_source == 'ocr'``,
    extract/ocr/source.py) counts as read.
    """
    bad = [p for p in doc.pages if not p.has_text_layer and p.text_source != "ocr"]
    if not bad:
        return "loaded", None
    detail = _pages_by_problem(bad)
    if len(bad) == len(doc.pages) and any(not needs_ocr_problem(p.problem) for p in bad):
        return "failed", f"{doc.source_file}: no readable text on any page ({detail})"
    return "needs_ocr", f"{doc.source_file}: pages without a usable text layer ({detail})"


#: Pages of one problem named one by one up to this many, as runs ("pages 1–3000: ...") beyond.
_PAGES_NAMED = 5


def _pages_by_problem(pages: list) -> str:
    """"page 1: <problem>; page 2: <problem>" for a few pages, "pages 1–3000:
    <problem>" for a problem shared by more than :data:`_PAGES_NAMED` pages."""
    groups: dict[str, list[int]] = {}
    for p in pages:
        groups.setdefault(p.problem or "unreadable", []).append(p.number)
    parts = []
    for problem, numbers in groups.items():
        if len(numbers) <= _PAGES_NAMED:
            parts.extend(f"page {n}: {problem}" for n in numbers)
            continue
        runs, start = [], numbers[0]
        for a, b in zip(numbers, numbers[1:] + [None]):
            if b != a + 1:
                runs.append(f"{start}" if start == a else f"{start}–{a}")
                start = b
        parts.append(f"page{'s' if len(numbers) > 1 else ''} {', '.join(runs)}: {problem}")
    return "; ".join(parts)


def normalize_sheet(doc: ExtractedDocument, span: SheetSpan, file_ctx: EraContext,
                    template: Template | None = None) -> SheetFacts:
    """Normalize one sheet of a file (pure).

    Args:
        doc: the whole file; only ``span``'s pages are read.
        span: the sheet's pages (:func:`normalize.split.split_sheets`).
        file_ctx: the file's era context, used where the sheet itself prints
            no era.
        template: read the sheet with this template whatever it scores
            (``hyoka templates explain --template``); None: classify it.
    Returns:
        :class:`SheetFacts`; ``unclassified`` with raw cells and free text
        blocks when no template matches.  Never raises for content it does
        not understand.
    """
    sheet = sheet_document(doc, span)
    facts = SheetFacts(seq=span.seq, first_page=span.first_page, last_page=span.last_page,
                       rule_ids=span.rule_ids)
    facts.published_at, facts.published_source = publication(sheet, doc)
    facts.raw_cells = raw_cells(sheet)
    facts.text_source = document_text_source(sheet.pages)
    cls = classify(sheet) if template is None else \
        Classification(template.name, round(score_template(template, document_lines(sheet)), 1), template)
    facts.sheet_type, facts.classification_score = cls.sheet_type, cls.score
    sheet, snapped = snap_labels(sheet, cls.template)  # OCR'd pages: misread labels -> the vocabulary's
    ctx = era_context(sheet, file_ctx)
    if cls.template is None:
        facts.text_blocks = free_text_blocks(sheet)
        carry_confidence(sheet, facts)
        return facts
    facts.municipality = cls.template.municipality
    facts.municipality_code = cls.template.municipality_code
    with vocabulary.for_template(cls.template):  # the city's own labels and units, over the shared ones
        interpret(sheet, cls.template, ctx, facts)
        carry_confidence(sheet, facts)  # OCR'd pages: each fact's confidence; doubtful readings -> unparsed
        doubts = doubt_readings(facts)
        facts.findings = validate_document(sheet, facts, cls.template)
        facts.findings.extend(doubts + doubt_contradictions(facts, facts.findings))
        facts.numeric_cells, facts.typed_cells = count_coverage(sheet, facts)
        facts.findings.extend(coverage_findings(sheet, facts))
    facts.findings.extend(snapped)
    return facts


def normalize_document(doc: ExtractedDocument) -> DocumentFacts:
    """Turn one extracted file into :class:`DocumentFacts` (pure): its status
    and its sheets (:func:`normalize_sheet` for each span of
    :func:`normalize.split.split_sheets`).

    Never raises for content it does not understand: unknown layouts give
    an ``unclassified`` sheet with raw cells and free text blocks.  A
    ``failed`` file has no sheets.
    """
    status, error = document_status(doc)
    facts = DocumentFacts(doc.source_file, doc.sha256, status=status, error=error, page_count=doc.page_count,
                          text_source=document_text_source(doc.pages))
    if status == "failed":
        return facts
    file_ctx = era_context(doc)

    def identity(part: ExtractedDocument, template: Template) -> tuple:
        sheet = SheetFacts()
        with vocabulary.for_template(template):
            part = snap_labels(part, template)[0]
            interpret(part, template, era_context(part, file_ctx), sheet)
        return sheet.document_fiscal_year, sheet.policy_code, sheet.subject

    spans = split_sheets(doc, resolve=identity, ctx=file_ctx)
    facts.sheets = [normalize_sheet(doc, span, file_ctx) for span in spans]
    if status == "needs_ocr" and facts.sheets:  # the reason stays in the warehouse (v_documents.error is NULL)
        first = next(p.number for p in doc.pages if not p.has_text_layer and p.text_source != "ocr")
        facts.sheets[0].findings.append(Finding("finding.needs_ocr", "warning", error, first))
    return facts
