"""Page sources (extract/sources/): the pdfium source gives pdfplumber's
characters, tables and facts, and hands to pdfplumber the pages it cannot
read the same way, for the reasons it names.  The whole-corpus comparison is
bench/page_sources.py (figures in bench/README.md, "Archive scale")."""
from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from hyoka.extract import extract_document
from hyoka.extract.health import damaged_streams
from hyoka.extract.sources import SOURCES, get_source
from hyoka.extract.sources.base import LightPage
from hyoka.extract.sources.plumber import deduped
from hyoka.pipeline import process_file
from tests.expected import sample_pdf

REPO = Path(__file__).resolve().parents[1]
REAL_JP = REPO.parent / "shared" / "corpus" / "real-jp"
KEYS = ("x0", "x1", "top", "bottom")


def _views(path: Path, number: int):
    """(pdfplumber view, pdfium view, pdfium fallbacks) of page ``number`` of ``path``."""
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[number - 1]
        damaged = damaged_streams(page)  # before parsing: pdfminer drops a stream's raw bytes once decoded
        ref = deduped(page)
        reader = get_source("pdfium").open(path, pdf)
        try:
            alt = reader.page(page, damaged)
        finally:
            reader.close()
        return ref.chars, alt, reader.fallbacks


def test_registry_and_unknown_name():
    assert sorted(SOURCES) == ["pdfium", "pdfplumber"]
    with pytest.raises(ValueError, match="unknown page source 'pdfminer'; valid: pdfium, pdfplumber"):
        get_source("pdfminer")


def test_pdfium_chars_are_pdfminers():
    ref, alt, fallbacks = _views(sample_pdf("000"), 1)
    assert isinstance(alt, LightPage) and fallbacks == {}
    assert len(ref) == len(alt.chars) == 1922
    assert [c["text"] for c in alt.chars] == [c["text"] for c in ref]
    assert "".join(c["text"] for c in alt.chars[:6]) == "施策評価シー"
    delta = max(abs(a[k] - b[k]) for a, b in zip(ref, alt.chars) for k in KEYS)
    assert delta <= 0.001  # rounded to 1/1000 pt; pdfium computes in single precision
    # the box is pdfminer's (descent 0 of this IPAex subset), not PDFium's loose box
    assert (alt.chars[0]["top"], alt.chars[0]["bottom"], alt.chars[0]["size"]) == (39.998, 54.001, 14.003)
    assert [abs(a["size"] - b["size"]) < 0.001 for a, b in zip(ref, alt.chars)] == [True] * len(ref)


@pytest.mark.parametrize("sample", ["000", "002", "004v1"])
def test_pdfium_lines_and_tables_are_pdfplumbers(sample):
    ref = extract_document(sample_pdf(sample), source="pdfplumber")
    alt = extract_document(sample_pdf(sample), source="pdfium")
    assert [[ln.text for ln in p.lines] for p in alt.pages] == [[ln.text for ln in p.lines] for p in ref.pages]
    cells = lambda doc: [[(t.n_rows, t.n_cols, [(c.row, c.col, c.row_span, c.col_span, c.text) for c in t.cells])
                          for t in p.tables] for p in doc.pages]
    assert cells(alt) == cells(ref)
    assert sum(len(p.tables) for p in ref.pages) > 0
    boxes = lambda doc: [c.bbox.as_tuple() for p in doc.pages for t in p.tables for c in t.cells]
    assert max(abs(a - b) for x, y in zip(boxes(ref), boxes(alt)) for a, b in zip(x, y)) <= 0.001


def test_pdfium_facts_are_pdfplumbers(monkeypatch):
    facts = {}
    for name in ("pdfplumber", "pdfium"):
        monkeypatch.setenv("HYOKA_PAGE_SOURCE", name)
        facts[name] = process_file(sample_pdf("004"))
    assert facts["pdfium"] == facts["pdfplumber"]
    assert len(facts["pdfium"].indicators) > 50


@pytest.mark.skipif(not REAL_JP.is_dir(), reason="../shared/corpus/real-jp not present")
@pytest.mark.parametrize(("name", "reason"), [
    ("ikeda-r7-001.pdf", "PDFium's text page skips a text object"),  # a space alone in a text object
    ("kobe-r25-001.pdf", "PDFium's text page skips a text object"),
    ("kyoto-r6-001.pdf", "PDFium's text page skips a text object"),  # fake bold: each object printed twice
])
def test_pdfium_hands_what_it_cannot_read_to_pdfplumber(name, reason):
    ref, alt, fallbacks = _views(REAL_JP / name, 1)
    assert fallbacks == {1: reason}
    assert alt.chars == ref  # pdfminer's reading (lean_view), pdfplumber's dicts


@pytest.mark.skipif(not REAL_JP.is_dir(), reason="../shared/corpus/real-jp not present")
def test_damaged_streams_keep_their_reasons():
    path = REAL_JP / "fuji-r8-corrupt-streams.pdf"
    ref = extract_document(path, source="pdfplumber")
    alt = extract_document(path, source="pdfium")
    assert [(p.has_text_layer, p.problem) for p in alt.pages] == [(p.has_text_layer, p.problem) for p in ref.pages]
    assert len(ref.pages) == 5 and all("FlateDecode failed" in p.problem for p in ref.pages)
    _, _, fallbacks = _views(path, 1)
    assert fallbacks == {1: "damaged content streams"}


def test_default_and_the_environment_chooses(monkeypatch):
    from hyoka.extract.sources import DEFAULT_SOURCE

    monkeypatch.delenv("HYOKA_PAGE_SOURCE", raising=False)
    assert get_source().name == DEFAULT_SOURCE
    monkeypatch.setenv("HYOKA_PAGE_SOURCE", "pdfplumber")
    assert get_source().name == "pdfplumber"
    monkeypatch.setenv("HYOKA_PAGE_SOURCE", "pdfium")
    assert get_source().name == "pdfium"
    assert get_source("pdfplumber").name == "pdfplumber"  # a name given wins


def test_lean_view_is_pdfplumbers_page():
    from hyoka.extract.sources.plumber import lean_view
    from hyoka.extract.tables.plumber import SETTINGS

    with pdfplumber.open(sample_pdf("004")) as pdf:
        page = pdf.pages[0]
        ref = deduped(page)
        ref_chars, ref_cells = ref.chars, [t.cells for t in ref.find_tables(SETTINGS)]
        page.flush_cache()
        lean = lean_view(page)
        assert lean.chars == ref_chars and len(ref_chars) == 2167  # every key of every char dict
        assert [t.cells for t in lean.find_tables(SETTINGS)] == ref_cells and len(ref_cells) == 2
