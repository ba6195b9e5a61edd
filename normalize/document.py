"""normalize stage entry point: ExtractedDocument -> DocumentFacts.

Order of work, each step a pure function of the extracted document:

1. classify against the templates (:mod:`normalize.classify`);
2. the era context for bare years ("5年度"): eras printed in the document,
   else the PDF's creation year (:func:`normalize.era.context_from_text`);
3. every table cell as a raw cell (nothing is lost);
4. with a template: policy code/name, the subject (the value beside the
   template's ``subject`` label, e.g. 事業名), fiscal year, estimate years
   from the legend, indicator tables, budget tables, text sections and
   the texts of plan tables (:mod:`normalize.sheets.plans`);
   without one: the free text as ``その他`` blocks;
5. the document status: ``needs_ocr`` when some pages have no text layer,
   ``failed`` when none has (naming the pages and why).
"""
from __future__ import annotations

import re

from extract.health import NO_TEXT_LAYER
from extract.model import ExtractedDocument
from normalize.classify import classify
from normalize.era import EraContext, context_from_text, fiscal_year_from_label, fiscal_years_from_range
from normalize.facts import DocumentFacts, Provenance, RawCell, TextBlock
from normalize.policy import split_policy_codes
from normalize.sheets.budget import read_budgets
from normalize.sheets.cells import bbox_tuple, cell_paragraphs, cell_rules, cell_text, key
from normalize.sheets.plans import read_plan_texts
from normalize.sheets.indicators import (Mapping, continues, detect_measure_rows, detect_year_columns,
                                         read_measure_rows, read_year_columns)
from normalize.sheets.sections import label_value, read_sections
from normalize.templates import Template
from normalize.validate import validate_document
from normalize.text import join_wrapped
from normalize.vocabulary import MUNICIPALITIES

#: An era-marked fiscal year printed in a title: 令和5年度, 平成27年度分, R5年度.
TITLE_YEAR = re.compile(r"(令和|平成|昭和|[RHS])\s*(元|[0-9０-９]{1,2})\s*年度")
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


def _all_text(doc: ExtractedDocument) -> str:
    parts = [p.text for p in doc.pages]
    for t in doc.tables:
        parts.extend(c.text for c in t.cells)
    return "\n".join(parts)


def title_year(doc: ExtractedDocument, ctx: EraContext, anywhere: bool = False) -> int | None:
    """The first era-marked "X年度" printed in page 1's title area, else None.

    The title area is page 1's printed lines outside tables of more than
    one row (a year in a column header is a column, not the sheet's year).
    ``anywhere`` reads every line of page 1, for sheets whose year is
    printed only in a heading such as 平成28年度の目標.
    """
    if not doc.pages:
        return None
    page = doc.pages[0]
    boxes = [] if anywhere else [t.bbox for t in page.tables if t.n_rows > 1]
    for line in page.lines:
        if any(b.contains(line.bbox, 1) for b in boxes):
            continue
        m = TITLE_YEAR.search(line.text)
        if m:
            return fiscal_year_from_label(m.group(0), ctx)
    return None


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


#: The printed policy code at the start of a cell/line: Latin/Roman numerals,
#: digits (any width), hyphens, brackets, circled numbers and spaces, up to
#: the first Japanese character of the name ("４－① 産業の…", "I - (1)").
CODE_PREFIX = re.compile(r"^[\sA-Za-zⅠ-Ⅻ0-9０-９\-－‐−―()（）①-⑳.．]+")


def split_code_and_name(text: str) -> tuple[list[str], str]:
    """(codes, name) of a printed "code name" string; codes [] when none."""
    m = CODE_PREFIX.match(text.strip())
    if not m or not any(ch.isdigit() or ch in "①②③④⑤⑥⑦⑧⑨⑩" for ch in m.group(0)):
        return [], text.strip()
    return split_policy_codes(m.group(0)), text.strip()[m.end():].strip()


def find_policy(doc: ExtractedDocument, label: str) -> tuple[str | None, list[str], str | None]:
    """(policy_code, all codes, policy_name) printed with ``label`` on page 1.

    Layouts: the label alone in a cell with the value in the cell below
    (施策名 over "４－①" | "産業の活性化を促進する"); or the label opening a
    cell or line followed by the code ("個別施策 I - (1)"), the name after
    the code, in the next cell to the right, or on the next line.
    """
    if not label or not doc.pages:
        return None, [], None
    page = doc.pages[0]
    lab = key(label)
    for t in page.tables:
        for c in t.cells:
            text = cell_text(c)
            if not c.lines or not key(text).startswith(lab):
                continue
            right = t.cell_at(c.row, c.col + c.col_span)
            if key(text) == lab:  # value below the label
                below = t.cell_at(c.row + c.row_span, c.col)
                if below is None or not below.lines:
                    continue
                codes, name = split_code_and_name(" ".join(cell_paragraphs(below)))
                if not name:
                    nxt = t.cell_at(below.row, below.col + below.col_span)
                    name = cell_text(nxt) if nxt is not None else ""
            else:
                codes, name = split_code_and_name(text.replace(label, "", 1))
                if not name and right is not None:
                    name = cell_text(right)
            return (codes[0] if codes else None), codes, name or None
    for i, line in enumerate(page.lines):
        if key(line.text).startswith(lab):
            codes, name = split_code_and_name(line.text.replace(label, "", 1))
            if not name and i + 1 < len(page.lines):
                name = page.lines[i + 1].text.strip()
            return (codes[0] if codes else None), codes, name or None
    return None, [], None


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


def interpret(doc: ExtractedDocument, template: Template, ctx: EraContext, facts: DocumentFacts) -> None:
    """Fill ``facts`` with what ``template`` says the document holds."""
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
    if doc_year is None and "last_actual" in template.document_year:
        years = [iv.fiscal_year for iv in facts.indicators
                 if iv.measure == "actual" and iv.value.status == "ok" and iv.fiscal_year]
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
    page and its problem.
    """
    bad = [p for p in doc.pages if not p.has_text_layer]
    if not bad:
        return "loaded", None
    detail = "; ".join(f"page {p.number}: {p.problem}" for p in bad)
    if len(bad) == len(doc.pages) and any(p.problem and p.problem != NO_TEXT_LAYER for p in bad):
        return "failed", f"{doc.source_file}: no readable text on any page ({detail})"
    return "needs_ocr", f"{doc.source_file}: pages without a usable text layer ({detail})"


def normalize_document(doc: ExtractedDocument) -> DocumentFacts:
    """Turn one extracted document into :class:`DocumentFacts` (pure).

    Never raises for content it does not understand: unknown layouts give
    an ``unclassified`` document with raw cells and free text blocks.
    """
    status, error = document_status(doc)
    facts = DocumentFacts(doc.source_file, doc.sha256, status=status, error=error, page_count=doc.page_count)
    facts.raw_cells = raw_cells(doc)
    if status == "failed":
        return facts
    cls = classify(doc)
    facts.sheet_type, facts.classification_score = cls.sheet_type, cls.score
    ctx = context_from_text(_all_text(doc), reference_year=doc.created_year)
    if cls.template is None:
        facts.text_blocks = free_text_blocks(doc)
        return facts
    facts.municipality = cls.template.municipality
    facts.municipality_code = MUNICIPALITIES.get(cls.template.municipality or "")
    interpret(doc, cls.template, ctx, facts)
    facts.findings = validate_document(doc, facts, cls.template)
    return facts
