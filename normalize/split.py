"""The sheet layer: split one extracted file into its evaluation sheets.

Cities publish their 評価シート as books (評価シート集): one PDF binding many
sheets of one or several templates, one sheet per page or a few, while one
sheet may also run over many pages with its header block repeated (seed
004's indicator table over three pages, then its wide 取組状況 table over
seven).  Contract v2 (../shared/warehouse-contract.md, "A **sheet** is one
evaluation sheet: one template, one subject, one fiscal year") makes the
sheet the unit every fact belongs to; this module finds them.

Rule (issue 7, "a new sheet starts where a template's identifying headings
appear again with a different subject, policy or fiscal year"):

1. Each page is scored against every template (:func:`normalize.classify.
   score_template` over the page's own lines, and over the page with the
   next one, for sheets whose headings spread over two pages).
2. A page *opens* a sheet of template T when one of T's ``starts``
   headings (default: its ``title``) is printed in the page's top band
   (:data:`TOP_BAND`, a fraction of the page height) and the page scores
   at least :data:`normalize.classify.THRESHOLD` for T.
3. An opening page begins a new sheet unless it continues the current one:
   same template and no identity field — the fiscal year printed in the
   title, the policy code, the subject (事業名 …) — that both pages print
   and that differs.  A repeated header block with the same title and year
   is therefore a continuation, and a new policy or year is a new sheet.
4. Any other page belongs to the current sheet; pages before the first
   opening page form an ``unclassified`` sheet of their own (a cover, a
   table of contents).
5. A file where no page opens a sheet is one sheet, classified as a whole
   (as before the sheet layer).

Where the printed identity is incomplete (seed 000 prints its fiscal year
only in its year columns), the identity of the runs before and after the
page is read by interpreting them (``resolve``) and compared.

Rule ids (:mod:`normalize.rules`): ``sheet.opens`` (a page opened a sheet),
``sheet.continues`` (a header block repeated with the same identity),
``sheet.identity_read`` (opened because the interpreted identities differ).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rapidfuzz import fuzz

from hyoka.extract.model import ExtractedDocument, Page
from hyoka.normalize.classify import THRESHOLD, page_lines, score_template
from hyoka.normalize.era import EraContext
from hyoka.normalize.identity import era_context, find_policy, title_year
from hyoka.normalize.sheets.sections import label_value
from hyoka.normalize.templates import Template, all_templates
from hyoka.normalize.vocabulary import label_key

#: The top part of a page (fraction of its height) where a sheet's opening
#: heading is printed: its title block.  Seeds 000-004 print the title in the
#: first 15 % of the page; a generous band keeps A3 and landscape printings.
TOP_BAND = 0.3
#: Minimum rapidfuzz partial_ratio (0-100) of a ``starts`` heading against a
#: top-band line for the heading to count as printed.
START_MATCH = 90.0
#: A page scoring below THRESHOLD but at least this much for a template is
#: scored again together with the next page (headings spread over two pages).
WINDOW_FLOOR = 40.0


@dataclass(frozen=True)
class SheetSpan:
    """One sheet's pages: ``seq`` 1-based, ``first_page``/``last_page``
    1-based file page numbers (inclusive), ``template`` the template whose
    heading opened it (None: pages no template opened), ``rule_ids`` how
    it was delimited."""

    seq: int
    first_page: int
    last_page: int
    template: Template | None
    rule_ids: tuple[str, ...] = ()


def sheet_document(doc: ExtractedDocument, span: SheetSpan) -> ExtractedDocument:
    """The part of ``doc`` a sheet covers: same file name, SHA-256 and
    creation year, only the span's pages (keeping their file page numbers,
    so provenance stays file-relative)."""
    pages = [p for p in doc.pages if span.first_page <= p.number <= span.last_page]
    return ExtractedDocument(doc.source_file, doc.sha256, pages, doc.created_year)


def _single(doc: ExtractedDocument, pages: list[Page]) -> ExtractedDocument:
    return ExtractedDocument(doc.source_file, doc.sha256, pages, doc.created_year)


def _top_lines(page: Page) -> list[str]:
    """Keys of the lines (and table cells) printed in the page's top band."""
    limit = page.height * TOP_BAND
    out = [label_key(line.text) for line in page.lines if line.bbox.top <= limit]
    for t in page.tables:
        for c in t.cells:
            if c.lines and c.bbox.top <= limit:
                out.append(label_key("".join(line.text for line in c.lines)))
    return [s for s in out if s]


def starts_heading(page: Page, template: Template) -> bool:
    """True when one of ``template.starts`` (else its ``title``) is printed in
    the page's top band (rapidfuzz partial_ratio >= :data:`START_MATCH`)."""
    headings = tuple(getattr(template, "starts", ()) or ()) or ((template.title,) if template.title else ())
    lines = _top_lines(page)
    for heading in headings:
        h = label_key(heading)
        if h and any(len(line) >= len(h) and fuzz.partial_ratio(h, line) >= START_MATCH for line in lines):
            return True
    return False


def page_identity(doc: ExtractedDocument, page: Page, template: Template, ctx: EraContext
                  ) -> tuple[int | None, str | None, str | None]:
    """(title fiscal year, policy code, subject) printed on one page for
    ``template``; None where the page does not print it."""
    one = _single(doc, [page])
    year = title_year(one, ctx)
    code = find_policy(one, template.policy.get("label", ""))[0] if template.policy.get("label") else None
    subject = label_value(one, template.subject) if template.subject else None
    return year, code, subject[0] if subject else None


def _differs(a: tuple, b: tuple) -> bool:
    return any(x is not None and y is not None and x != y for x, y in zip(a, b))


def _complete(template: Template, a: tuple, b: tuple) -> bool:
    """True when both pages print every identity field the template defines
    (the title year always; the policy code / subject when it has the label)."""
    wanted = [True, bool(template.policy.get("label")), bool(template.subject)]
    return all(x is not None and y is not None for want, x, y in zip(wanted, a, b) if want)


def _run_end(doc: ExtractedDocument, i: int, template: Template) -> int:
    """The last page of the run starting at page index ``i``: up to the page
    before the next page that prints the template's opening heading."""
    end = doc.pages[i].number
    for page in doc.pages[i + 1:]:
        if starts_heading(page, template):
            break
        end = page.number
    return end


def split_sheets(doc: ExtractedDocument, templates: tuple[Template, ...] | None = None,
                 resolve: Callable[[ExtractedDocument, Template], tuple] | None = None,
                 ctx: EraContext | None = None) -> list[SheetSpan]:
    """The sheets of ``doc`` in page order (see the module doc for the rule).

    Args:
        doc: the whole extracted file.
        templates: candidates (default: every registered template).
        resolve: ``resolve(part, template) -> identity`` reads the identity
            of a run of pages by interpreting it (the normalizer's document
            fiscal year, policy code and subject); used where a page repeats
            the opening heading but the printed identity fields are
            incomplete (seed 000 prints its fiscal year only in its year
            columns): the page opens a new sheet when the two runs' identities
            differ (rule ``sheet.identity_read``).  None: such pages continue.
        ctx: the file's era context when the caller has it
            (:func:`normalize.identity.era_context`), else computed here.
    Returns:
        consecutive :class:`SheetSpan` covering every page exactly once;
        [] for a document without pages.
    """
    if not doc.pages:
        return []
    templates = templates if templates is not None else all_templates()
    ctx = ctx if ctx is not None else era_context(doc)
    keyed = [page_lines(p) for p in doc.pages]
    spans: list[list] = []  # [first, last, template, identity, rules]
    for i, page in enumerate(doc.pages):
        opener: Template | None = None
        best = 0.0
        for t in templates:
            if not starts_heading(page, t):
                continue
            score = score_template(t, keyed[i])
            if WINDOW_FLOOR <= score < THRESHOLD and i + 1 < len(doc.pages):
                score = score_template(t, keyed[i] + keyed[i + 1])
            if score >= THRESHOLD and score > best:
                opener, best = t, score
        cur = spans[-1] if spans else None
        if opener is not None:
            ident = page_identity(doc, page, opener, ctx)
            same = cur is not None and cur[2] is not None and cur[2].name == opener.name
            if same and not _differs(cur[3], ident):
                if not _complete(opener, cur[3], ident) and resolve is not None:
                    before = sheet_document(doc, SheetSpan(0, cur[0], cur[1], cur[2]))
                    after = sheet_document(doc, SheetSpan(0, page.number, _run_end(doc, i, opener), opener))
                    if _differs(resolve(before, opener), resolve(after, opener)):
                        spans.append([page.number, page.number, opener, ident, ["sheet.opens", "sheet.identity_read"]])
                        continue
                cur[1] = page.number
                cur[3] = tuple(a if a is not None else b for a, b in zip(cur[3], ident))
                if "sheet.continues" not in cur[4]:
                    cur[4].append("sheet.continues")
                continue
            spans.append([page.number, page.number, opener, ident, ["sheet.opens"]])
        elif cur is not None:
            cur[1] = page.number
        else:
            spans.append([page.number, page.number, None, (None, None, None), []])
    if not any(s[2] is not None for s in spans):
        return [SheetSpan(1, doc.pages[0].number, doc.pages[-1].number, None)]
    return [SheetSpan(n, a, b, t, tuple(r)) for n, (a, b, t, _, r) in enumerate(spans, start=1)]
