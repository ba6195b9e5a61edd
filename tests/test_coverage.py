"""Coverage: nothing of a recognised sheet is silently uninterpreted.

On every sample and variant, each sheet's coverage is 1 or each shortfall is
named by a ``coverage.table_not_interpreted`` finding for exactly the tables
whose numbers no interpreter read; a template with one table deliberately
left out names that table; v_sheets shows the counts on both backends.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import SAMPLES
from hyoka.extract import extract_document
from hyoka.cli import app
from hyoka.pipeline import ingest, process_file
from hyoka.load import Warehouse
from hyoka.normalize.coverage import RULE_TABLE_NOT_INTERPRETED, table_readings
from hyoka.normalize.document import normalize_document
from hyoka.normalize.split import sheet_document, split_sheets
from hyoka.normalize.templates import SHIPPED_DIR, configure

ALL_SAMPLES = sorted(p for p in SAMPLES.rglob("*.pdf") if "books" not in p.parts)
_COUNTS = re.compile(r": (\d+) of (\d+) numeric cells not read into facts$")


def shortfall_tables(path: Path) -> dict[int, list[tuple]]:
    """{sheet_seq: [(page, bbox, missing, numeric)]} of tables with numbers no fact was read from,
    counted directly from the extracted tables and the sheet's facts."""
    doc = extract_document(path)
    facts = normalize_document(doc)
    out = {}
    for span, sheet in zip(split_sheets(doc), facts.sheets):
        out[sheet.seq] = [(t.page, t.bbox.as_tuple(), n - typed, n)
                          for t, n, typed in table_readings(sheet_document(doc, span), sheet) if n > typed]
    return out


@pytest.mark.parametrize("path", ALL_SAMPLES, ids=lambda p: p.name[:6])
def test_coverage_is_one_or_every_shortfall_is_named(path):
    facts = process_file(path)
    expected = shortfall_tables(path)
    for sheet in facts.sheets:
        named = [f for f in sheet.findings if f.rule_id == RULE_TABLE_NOT_INTERPRETED]
        if sheet.sheet_type == "unclassified":
            assert named == []
            continue
        assert sheet.numeric_cells >= sheet.typed_cells
        got = []
        for f in named:
            missing, numeric = map(int, _COUNTS.search(f.message).groups())
            got.append((f.page, f.bbox, missing, numeric))
        assert got == expected[sheet.seq], path.name
        assert sum(g[2] for g in got) == sheet.numeric_cells - sheet.typed_cells
        assert (sheet.coverage == 1.0) == (not named) or sheet.numeric_cells == 0


def test_samples_whose_tables_are_all_read_have_coverage_one():
    """The indicator and budget sheets print no number their template leaves
    unread (004's wide table restates its figures: named, see the next test)."""
    for name in ("000-", "002-", "005-", "variants/000v1", "variants/002v1", "variants/004v1", "variants/004v2"):
        (path,) = [p for p in ALL_SAMPLES if str(p.relative_to(SAMPLES)).startswith(name)]
        (sheet,) = process_file(path).sheets
        assert sheet.numeric_cells > 0 and sheet.coverage == 1.0, (path.name, sheet.numeric_cells, sheet.typed_cells)


def test_shortfalls_of_the_samples_name_their_tables():
    """003's 職員数 column and 004's wide 取組状況 tables (figures restated from
    the indicator table, checked but not loaded) are the named shortfalls."""
    (s003,) = process_file(SAMPLES / "003-hiratsuka-h28-sangyo-shinko-bu-hoshin.pdf").sheets
    (f,) = [f for f in s003.findings if f.rule_id == RULE_TABLE_NOT_INTERPRETED]
    assert f.page == 1 and "部局名 | 産業振興部 | 部局内の執行体制" in f.message and f.message.endswith(
        ": 3 of 3 numeric cells not read into facts")
    (s004,) = process_file(SAMPLES / "004-atsugi-r5-sangyo-mp-torikumi.pdf").sheets
    named = [f for f in s004.findings if f.rule_id == RULE_TABLE_NOT_INTERPRETED]
    assert [f.page for f in named] == [4, 5, 6, 7, 8, 9, 10]
    assert all("計画と実績" in f.message and "目標と実績" in f.message for f in named)


@pytest.fixture
def without_budget_table(tmp_path):
    """A user template directory whose hiratsuka_shisaku_hyoka.toml is the
    shipped one with its [[budget_tables]] entry deliberately left out."""
    text = (SHIPPED_DIR / "hiratsuka_shisaku_hyoka.toml").read_text(encoding="utf-8")
    cut = re.sub(r"\[\[budget_tables\]\]\n(?:[^\[\n][^\n]*\n|\n)*", "", text)
    assert "budget_tables" not in cut and cut != text
    (tmp_path / "hiratsuka_shisaku_hyoka.toml").write_text(cut, encoding="utf-8")
    configure([tmp_path])
    try:
        yield tmp_path
    finally:
        configure([])


def test_a_table_left_out_of_the_template_is_named(without_budget_table):
    path = SAMPLES / "000-hiratsuka-r5-shisaku-4-1.pdf"
    doc = extract_document(path)
    (sheet,) = normalize_document(doc).sheets
    assert sheet.sheet_type == "hiratsuka_shisaku_hyoka" and sheet.budgets == []
    (f,) = [f for f in sheet.findings if f.rule_id == RULE_TABLE_NOT_INTERPRETED]
    budget_table = next(t for t in doc.tables if any("事業費" in c.text for c in t.cells))
    assert (f.page, f.bbox) == (budget_table.page, budget_table.bbox.as_tuple())
    assert f.message.startswith(f"page 1 table {budget_table.index} ")
    assert f.message.endswith(": 8 of 8 numeric cells not read into facts")  # 事業費 and 執行率, 4 years each
    assert (sheet.numeric_cells - sheet.typed_cells) == 8


def test_templates_explain_shows_the_table_not_read(without_budget_table):
    path = SAMPLES / "000-hiratsuka-r5-shisaku-4-1.pdf"
    result = CliRunner().invoke(app, ["--templates", str(without_budget_table), "templates", "explain", str(path),
                                      "--no-headings"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "sheet 1: pages 1–1: hiratsuka_shisaku_hyoka (100.0" in result.output
    rows = [line for line in result.output.splitlines() if "not read" in line]
    assert len(rows) == 1 and " 8 " in rows[0] and " 0 " in rows[0]


def test_templates_explain_usage_errors(tmp_path):
    runner = CliRunner()
    missing = runner.invoke(app, ["templates", "explain", str(tmp_path / "none.pdf")])
    assert missing.exit_code == 2 and "no such file" in missing.output
    folder = runner.invoke(app, ["templates", "explain", str(tmp_path)])
    assert folder.exit_code == 2 and "is a folder; give one PDF file" in folder.output
    unknown = runner.invoke(app, ["templates", "explain", str(SAMPLES / "000-hiratsuka-r5-shisaku-4-1.pdf"),
                                  "--template", "no_such_template"])
    assert unknown.exit_code == 2 and "no template named 'no_such_template'" in unknown.output


def test_v_sheets_coverage_on_both_backends(db_url):
    paths = [SAMPLES / "000-hiratsuka-r5-shisaku-4-1.pdf", SAMPLES / "003-hiratsuka-h28-sangyo-shinko-bu-hoshin.pdf"]
    result = ingest(paths, db_url)
    assert result.summary["sheets"] == {"hiratsuka_bu_kihon_hoshin": 1, "hiratsuka_shisaku_hyoka": 1}
    assert [(r["source_file"][:3], r["coverage"]) for r in result.summary["low_coverage"]] == [("003", 0.0)]
    with Warehouse.connect(db_url, must_exist=True) as wh:
        rows = wh.query("SELECT source_file, sheet_seq, first_page, last_page, numeric_cells, typed_cells, coverage, "
                        "is_current FROM v_sheets ORDER BY source_file")
        named = wh.query("SELECT source_file, page, x0 FROM v_validation_findings WHERE rule_id = :r",
                         {"r": RULE_TABLE_NOT_INTERPRETED})
    assert [(r["source_file"][:3], r["sheet_seq"], r["first_page"], r["last_page"], r["numeric_cells"],
             r["typed_cells"], r["coverage"], bool(r["is_current"])) for r in rows] == [
        ("000", 1, 1, 1, 38, 38, 1.0, True), ("003", 1, 1, 2, 3, 0, 0.0, True)]
    assert [(n["source_file"][:3], n["page"]) for n in named] == [("003", 1)] and named[0]["x0"] is not None
