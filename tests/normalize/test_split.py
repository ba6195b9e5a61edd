"""The sheet layer (normalize/split.py) on real sample pages bound into books.

Each book here is made of the extracted pages of real sample PDFs, renumbered
as one file (the page content is exactly what extraction read from each
sample), so the expected sheets are known page for page: one sheet per
bound file.  The committed book PDF is tested end to end in tests/test_book.py.
"""
from __future__ import annotations

import dataclasses
import random
from functools import lru_cache
from pathlib import Path

import pytest

from hyoka.extract import extract_document
from hyoka.extract.model import ExtractedDocument
from hyoka.normalize.document import normalize_document
from hyoka.normalize.split import split_sheets

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
BOUND = {
    "000": SAMPLES / "000-hiratsuka-r5-shisaku-4-1.pdf",
    "000v1": SAMPLES / "variants" / "000v1-hiratsuka-r4-shisaku-4-1.pdf",
    "001": SAMPLES / "001-hiratsuka-h27-jigyo-sangyo-kasseika-kaigi.pdf",
    "001p": SAMPLES / "planted" / "001p-hiratsuka-h28-jigyo-sangyo-kasseika-kaigi.pdf",
    "002": SAMPLES / "002-hiratsuka-h29-kobetsu-shisaku-I-1.pdf",
    "003": SAMPLES / "003-hiratsuka-h28-sangyo-shinko-bu-hoshin.pdf",
    "004": SAMPLES / "004-atsugi-r5-sangyo-mp-torikumi.pdf",
    "004v2": SAMPLES / "variants" / "004v2-atsugi-r4-torikumi.pdf",
}


@lru_cache(maxsize=None)
def extracted(name: str) -> ExtractedDocument:
    return extract_document(BOUND[name])


def bind(names: list[str]) -> tuple[ExtractedDocument, list[tuple[int, int]]]:
    """One document of the named samples' pages in order, and each sample's
    (first, last) page in it."""
    pages, ranges, n = [], [], 0
    for name in names:
        doc = extracted(name)
        first = n + 1
        for p in doc.pages:
            n += 1
            pages.append(dataclasses.replace(p, number=n, tables=[dataclasses.replace(t, page=n) for t in p.tables]))
        ranges.append((first, n))
    return ExtractedDocument("book.pdf", "0" * 64, pages, 2024), ranges


def test_each_single_sample_is_one_sheet():
    for name in BOUND:
        doc = extracted(name)
        spans = split_sheets(doc)
        assert [(s.first_page, s.last_page) for s in spans] == [(1, doc.page_count)], name


def test_004_header_block_repeated_over_ten_pages_stays_one_sheet():
    (span,) = split_sheets(extracted("004"))
    assert (span.first_page, span.last_page, span.template.name) == (1, 10, "atsugi_jisshi_keikaku_torikumi")
    assert span.rule_ids == ("sheet.opens", "sheet.continues")


def test_two_fiscal_years_of_one_policy_are_two_sheets():
    """000 (令和5年度) and 000v1 (令和4年度) print the same title and policy ４－①
    and no year in their title: the interpreted years tell them apart."""
    doc, ranges = bind(["000", "000v1"])
    facts = normalize_document(doc)
    assert [(s.first_page, s.last_page) for s in facts.sheets] == ranges == [(1, 1), (2, 3)]
    assert [(s.policy_code, s.document_fiscal_year) for s in facts.sheets] == [("４－①", 2023), ("４－①", 2022)]
    assert [s.rule_ids for s in facts.sheets] == [("sheet.opens",), ("sheet.opens", "sheet.identity_read")]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_book_of_every_template_splits_at_each_bound_file(seed):
    names = list(BOUND)
    random.Random(seed).shuffle(names)
    doc, ranges = bind(names)
    facts = normalize_document(doc)
    assert [(s.first_page, s.last_page) for s in facts.sheets] == ranges, names
    for name, sheet in zip(names, facts.sheets):
        (alone,) = normalize_document(extracted(name)).sheets
        assert (sheet.sheet_type, sheet.document_fiscal_year, sheet.policy_code, sheet.subject) == \
            (alone.sheet_type, alone.document_fiscal_year, alone.policy_code, alone.subject), name
        assert [(iv.indicator_name, iv.fiscal_year, iv.measure, iv.value) for iv in sheet.indicators] == \
            [(iv.indicator_name, iv.fiscal_year, iv.measure, iv.value) for iv in alone.indicators], name
        assert [(b.item, b.fiscal_year, b.value) for b in sheet.budgets] == \
            [(b.item, b.fiscal_year, b.value) for b in alone.budgets], name
        assert len(sheet.text_blocks) == len(alone.text_blocks), name


def test_pages_before_the_first_sheet_are_an_unclassified_sheet():
    """A cover page (here: 003's second page, which prints no title) before
    a book's first sheet is a sheet of its own, unclassified, not lost."""
    cover = extracted("003").pages[1]
    doc, _ = bind(["002"])
    pages = [dataclasses.replace(cover, number=1, tables=[dataclasses.replace(t, page=1) for t in cover.tables])]
    pages += [dataclasses.replace(p, number=p.number + 1, tables=[dataclasses.replace(t, page=p.number + 1)
                                                                   for t in p.tables]) for p in doc.pages]
    facts = normalize_document(ExtractedDocument("book.pdf", "0" * 64, pages, 2024))
    assert [(s.seq, s.first_page, s.last_page, s.sheet_type) for s in facts.sheets] == [
        (1, 1, 1, "unclassified"), (2, 2, 2, "hiratsuka_kobetsu_shisaku")]
    assert facts.sheets[0].raw_cells and all(c.page == 1 for c in facts.sheets[0].raw_cells)
    assert all(c.page == 2 for c in facts.sheets[1].raw_cells)


def test_a_sheet_whose_first_page_alone_scores_low_still_opens():
    """Generated book 19 (samples/generate, seed 19): a two-page 施策評価シート
    whose first page prints the title but only some identifying headings (59
    alone) after a 004 sheet; scored with its second page it opens its sheet
    instead of running on in the 004 sheet."""
    import json
    import tempfile

    from samples.generate import generate_book
    with tempfile.TemporaryDirectory() as tmp:
        path, truth = generate_book(19, Path(tmp))
        spans = split_sheets(extract_document(path))
    assert [(s.first_page, s.last_page, s.template.name) for s in spans] == \
        [(t["first_page"], t["last_page"], t["sheet_type"]) for t in truth["sheets"]]
    assert json.dumps(truth["sheets"][1]["sheet_type"]) == '"hiratsuka_shisaku_hyoka"'
