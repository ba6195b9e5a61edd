"""A book (評価シート集): many sheets of several templates and years in one PDF.

Source: samples/books/book-hyoka-shu-2016-2023.pdf, bound page for page by
samples/build/books.py from samples 000 (施策評価 R5), 000v1 (施策評価 R4,
2 pages), 001p and 005 (事業評価 平成28年度分, two 事業) and 004 (厚木市 取組状況
R5, 10 pages).  Expected: samples/expected/book-hyoka-shu.sheets.json (the
sheets, their pages and base samples) and each base's expected files,
derived per sheet by ``tests.expected.book_sheet_expected`` (sheet_seq set,
pages shifted by the sheet's page offset).

Checks: the book's pages are its bases' pages; process_file finds exactly the
expected sheets with their page ranges and identities; every fact of every
sheet equals its expected rows and lies on the sheet's pages; the same bases
ingested as separate files give the same facts (pages shifted); in the
warehouse on both backends v_sheets lists the book's sheets and every
contract fact view row carries its sheet_seq.  These need the sheet layer
(DocumentFacts.sheets, v_sheets) and, for 005's indicators, the
interpreter's 活動指標・成果指標 reading.
"""
from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

from hyoka.pipeline import ingest, process_file
from tests.conftest import BACKENDS, fresh_db_url
from tests.expected import book_sheet_expected, load_book, sample_pdf
from tests.test_new_samples import (budget_fact, budget_problems, indicator_fact,
                                    indicator_problems, text_problems)

BOOK = "book-hyoka-shu"
SPEC = load_book(BOOK)
SEQS = [s["seq"] for s in SPEC["sheets"]]
#: Sheet fields compared with sheets.json, as (SheetFacts / v_sheets column).
IDENTITY = ("sheet_type", "municipality_code", "document_fiscal_year", "policy_code", "subject")


def page_texts(path) -> list[str]:
    """The text of every page of ``path`` (pdfplumber), in page order."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return [p.extract_text() for p in pdf.pages]


def test_book_pages_are_the_base_pages():
    """The book prints each base sample's pages unchanged, at its offset."""
    book = page_texts(sample_pdf(BOOK))
    assert len(book) == SPEC["page_count"]
    for s in SPEC["sheets"]:
        base = page_texts(sample_pdf(s["base"]))
        assert len(base) == s["last_page"] - s["first_page"] + 1, s["base"]
        assert book[s["first_page"] - 1: s["last_page"]] == base, s["base"]


# -- process_file ------------------------------------------------------------------

@pytest.fixture(scope="module")
def book_facts():
    """DocumentFacts of process_file on the book."""
    facts = process_file(sample_pdf(BOOK))
    assert facts.status == "loaded", facts.error
    return facts


@pytest.fixture(scope="module")
def base_facts() -> dict:
    """{base sample id: its one SheetFacts} of process_file on each base file."""
    out = {}
    for s in SPEC["sheets"]:
        facts = process_file(sample_pdf(s["base"]))
        assert facts.status == "loaded", facts.error
        (out[s["base"]],) = facts.sheets
    return out


def test_book_sheets(book_facts):
    """Exactly the expected sheets, in page order, with their pages and identity."""
    got = [(s.seq, s.first_page, s.last_page, *(getattr(s, k) for k in IDENTITY))
           for s in book_facts.sheets]
    want = [(s["seq"], s["first_page"], s["last_page"], *(s[k] for k in IDENTITY))
            for s in SPEC["sheets"]]
    assert got == want


def sheet_of(facts, seq: int):
    """The SheetFacts numbered ``seq``; fails when there is not exactly one."""
    hits = [s for s in facts.sheets if s.seq == seq]
    assert len(hits) == 1, f"{len(hits)} sheets numbered {seq}"
    return hits[0]


@pytest.mark.parametrize("seq", SEQS)
def test_book_sheet_facts(book_facts, seq):
    """Every indicator, budget and text fact of the sheet equals the base's
    expected rows, and is printed on the sheet's pages."""
    exp = book_sheet_expected(BOOK, seq)
    sheet = sheet_of(book_facts, seq)
    indicators = [indicator_fact(i) for i in sheet.indicators]
    budgets = [budget_fact(b) for b in sheet.budgets]
    blocks = [{"section": t.section, "ordinal": t.ordinal, "text": t.text, "page": t.provenance.page}
              for t in sheet.text_blocks]
    problems = {"indicators": indicator_problems(indicators, exp["indicator_values"]),
                "budgets": budget_problems(budgets, exp["budget_values"]),
                "text_blocks": text_problems(blocks, exp["text_blocks"])}
    assert problems == {"indicators": [], "budgets": [], "text_blocks": []}
    first, last = exp["sheet"]["first_page"], exp["sheet"]["last_page"]
    off_pages = [r for r in indicators + budgets + blocks if not first <= r["page"] <= last]
    assert off_pages == []


def fact_tuples(sheet, offset: int) -> dict:
    """{kind: sorted fact tuples} of a SheetFacts with pages moved back by
    ``offset``: what a file printing the same pages from page 1 yields."""
    def ind(i):
        v = i.value
        return (i.indicator_name, i.fiscal_year, i.measure, i.policy_code, tuple(i.policy_codes),
                i.policy_name, i.unit, v.value, v.value_text, v.status, v.note, v.is_estimate,
                i.provenance.page - offset)

    def bud(b):
        v = b.value
        return (b.item, b.fiscal_year, b.amount_basis, b.policy_code, b.project_name, v.value,
                v.unit, v.value_std, v.value_text, v.status, b.provenance.page - offset)

    def blk(t):
        return (t.section, t.ordinal, t.text, t.heading, t.policy_code, t.provenance.page - offset)

    def cell(c):
        return (c.page - offset, c.table_index, c.row_index, c.col_index, c.row_span,
                c.col_span, c.text, *(round(x, 2) for x in (c.x0, c.top, c.x1, c.bottom)))

    key = repr
    return {"indicators": sorted(map(ind, sheet.indicators), key=key),
            "budgets": sorted(map(bud, sheet.budgets), key=key),
            "text_blocks": sorted(map(blk, sheet.text_blocks), key=key),
            "raw_cells": sorted(map(cell, sheet.raw_cells), key=key)}


@pytest.mark.parametrize("seq", SEQS)
def test_book_sheet_equals_its_base_file(book_facts, base_facts, seq):
    """A sheet read from the book yields what its base file yields alone
    (every fact and raw cell, pages shifted by the sheet's offset), and the
    same identity."""
    spec = SPEC["sheets"][seq - 1]
    sheet, base = sheet_of(book_facts, seq), base_facts[spec["base"]]
    assert [getattr(sheet, k) for k in IDENTITY] == [getattr(base, k) for k in IDENTITY]
    assert (base.first_page, base.last_page - base.first_page) == (
        1, sheet.last_page - sheet.first_page)
    assert fact_tuples(sheet, spec["page_offset"]) == fact_tuples(base, 0)


# -- warehouse ---------------------------------------------------------------------

@pytest.fixture(scope="module", params=BACKENDS)
def book_warehouse(request, tmp_path_factory):
    """The book alone ingested into a fresh warehouse per backend: an engine.
    Its five sheets have five document keys, so all are current."""
    url = fresh_db_url(request.param, tmp_path_factory.mktemp("book"), "book")
    result = ingest([sample_pdf(BOOK)], url)
    assert set(result.statuses.values()) == {"loaded"}, result.summary
    engine = create_engine(url)
    yield engine
    engine.dispose()


def view_rows(engine, view: str) -> list[dict]:
    """Rows of ``view`` for the book's file."""
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(text(f"SELECT * FROM {view} WHERE source_file = :f"),
                                              {"f": sample_pdf(BOOK).name}).mappings()]


def test_v_documents_counts_the_sheets(book_warehouse):
    (doc,) = view_rows(book_warehouse, "v_documents")
    assert (doc["status"], doc["page_count"], doc["sheet_count"]) == (
        "loaded", SPEC["page_count"], len(SPEC["sheets"]))


def test_v_sheets_lists_the_book(book_warehouse):
    """v_sheets: exactly the book's sheets with their pages and identity,
    each current and with its own document_key."""
    rows = sorted(view_rows(book_warehouse, "v_sheets"), key=lambda r: r["sheet_seq"])
    got = [(r["sheet_seq"], r["first_page"], r["last_page"], *(r[k] for k in IDENTITY)) for r in rows]
    want = [(s["seq"], s["first_page"], s["last_page"], *(s[k] for k in IDENTITY))
            for s in SPEC["sheets"]]
    assert got == want
    assert all(bool(r["is_current"]) for r in rows)
    assert len({r["document_key"] for r in rows}) == len(rows)


@pytest.mark.parametrize("seq", SEQS)
def test_contract_views_per_sheet(book_warehouse, seq):
    """Each sheet's rows of the contract fact views (sheet_seq = seq) are its
    expected rows, with the sheet's document fiscal year, on its pages."""
    exp = book_sheet_expected(BOOK, seq)
    first, last = exp["sheet"]["first_page"], exp["sheet"]["last_page"]
    fy = exp["sheet"]["document_fiscal_year"]
    got = {}
    for view in ("v_indicator_values", "v_budget_values", "v_text_blocks"):
        got[view] = [r for r in view_rows(book_warehouse, view) if r["sheet_seq"] == seq]
        assert all(r["document_fiscal_year"] == fy and first <= r["page"] <= last for r in got[view]), view
    problems = {"indicators": indicator_problems(got["v_indicator_values"], exp["indicator_values"]),
                "budgets": budget_problems(got["v_budget_values"], exp["budget_values"]),
                "text_blocks": text_problems(got["v_text_blocks"], exp["text_blocks"])}
    assert problems == {"indicators": [], "budgets": [], "text_blocks": []}


def test_every_fact_row_names_a_sheet_of_the_book(book_warehouse):
    """No fact or raw cell of the book is outside its sheets: every row's
    sheet_seq is a sheet, and its page one of that sheet's pages."""
    pages = {s["seq"]: (s["first_page"], s["last_page"]) for s in SPEC["sheets"]}
    for view in ("v_indicator_values", "v_budget_values", "v_text_blocks", "v_raw_cells"):
        rows = view_rows(book_warehouse, view)
        assert rows, view
        stray = [(r["sheet_seq"], r["page"]) for r in rows
                 if r["sheet_seq"] not in pages
                 or not pages[r["sheet_seq"]][0] <= r["page"] <= pages[r["sheet_seq"]][1]]
        assert stray == [], view
