"""Auditors' workflows on real sample PDFs, on SQLite and PostgreSQL:
trace a number to its cell (PNG crop read back), a corrected republication
superseding the original (views, history, diff), re-extraction of an archive
diffed against the earlier load, and indicator series across fiscal years."""
from __future__ import annotations

import csv
import json

import pdfplumber
import pytest
from PIL import Image
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from hyoka.cli import app
from hyoka.diff import DiffError, diff
from hyoka.pipeline import ingest
from hyoka.trace import TraceError, find_indicator_fact, trace_fact, write_crop
from hyoka.load import Warehouse
from hyoka.load.schema import SCHEMA_VERSION, SchemaVersionError
from tests.conftest import EXPECTED, SAMPLES
from tests.expected import load_expected, sample_pdf

runner = CliRunner()


def query(url: str, sql: str, **params) -> list[dict]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return [dict(r) for r in conn.execute(text(sql), params).mappings()]
    finally:
        engine.dispose()


# -- trace -------------------------------------------------------------------

def test_trace_a_known_004_cell_prints_provenance_and_crops_it(db_url, tmp_path):
    """Acceptance: trace on a known cell of the seed-004 sample prints its
    provenance and writes a PNG whose outlined region holds that cell's text."""
    pdf = sample_pdf("004")
    ingest([pdf], db_url)
    png = tmp_path / "cell.png"
    out = runner.invoke(app, ["trace", "--db", db_url, "--file", pdf.name, "--indicator", "中小企業相談所の相談件数",
                              "--year", "2021", "--measure", "actual", "--png", str(png)],
                        env={"COLUMNS": "200"})
    assert out.exit_code == 0, out.output
    for shown in ("3,350件", "中小企業相談所の相談件数", pdf.name, "number.separators", "unit.suffix",
                  "page", "load_id", "crop:"):
        assert shown in out.output, shown
    with Warehouse.connect(db_url) as wh:
        t = find_indicator_fact(wh, pdf.name, "中小企業相談所の相談件数", 2021, "actual")
        assert (t.printed, t.row["value"], t.row["page"], t.row["status"]) == ("3,350件", 3350.0, 1, "ok")
        assert t.fact_id.startswith("iv:") and t.row["rule_ids"] == "number.separators unit.suffix"
        crop = write_crop(t, tmp_path / "again.png")
        assert trace_fact(wh, t.fact_id.split("@")[0]).fact_id == t.fact_id  # id without load: latest
    # the outlined region, read back from the PDF, is exactly that cell
    with pdfplumber.open(pdf) as doc:
        page = doc.pages[crop.page - 1]
        assert page.crop(crop.outlined).extract_text().strip() == "3,350件"
        region_text = page.crop(crop.region).extract_text()
    assert "実績" in region_text  # the row label is in the context around it
    # the PNG is the region at the crop scale, with the red outline where the cell is
    image = Image.open(png).convert("RGB")
    assert image.size == (round((crop.region[2] - crop.region[0]) * crop.scale),
                          round((crop.region[3] - crop.region[1]) * crop.scale))
    x0, top, x1, bottom = crop.outlined_px
    red = lambda p: p[0] > 180 and p[1] < 80 and p[2] < 80
    for x in range(x0 + 5, x1 - 5, 7):  # the outline (3 px, drawn over the cell's ruling) along the top edge
        assert any(red(image.getpixel((x, y))) for y in range(top - 3, top + 4)), x
    for y in range(top + 4, bottom - 4, 3):  # and down the left edge
        assert any(red(image.getpixel((x, y))) for x in range(x0 - 3, x0 + 4)), y
    assert not red(image.getpixel(((x0 + x1) // 2, (top + bottom) // 2)))  # the cell itself is not painted over


def test_trace_other_fact_kinds_and_errors(db_url, tmp_path):
    pdf = sample_pdf("000")
    ingest([pdf], db_url)
    with Warehouse.connect(db_url) as wh:
        budget = wh.query("SELECT fact_id FROM v_budget_values_history WHERE item = '事業費' AND fiscal_year = 2023")
        t = trace_fact(wh, budget[0]["fact_id"])
        assert (t.kind, t.printed, t.row["unit"]) == ("budget_values", "2,002,400", "千円")
        with pdfplumber.open(pdf) as doc:
            assert doc.pages[0].crop(t.bbox).extract_text().strip() == "2,002,400"
        block = wh.query("SELECT fact_id, text FROM v_text_blocks_history WHERE section = '成果' AND ordinal = 1")
        tb = trace_fact(wh, block[0]["fact_id"])
        assert tb.kind == "text_blocks" and tb.printed == block[0]["text"]
        assert "text.join_wrapped" in (tb.row["rule_ids"] or "")
        with pytest.raises(TraceError, match="not a fact id"):
            trace_fact(wh, "42")
        with pytest.raises(TraceError, match="not a fact id"):
            trace_fact(wh, "iv:%:1")  # the SHA-256 part is hex, never a LIKE pattern
        assert find_indicator_fact(wh, pdf.name, "創業者数", 2023, "actual").printed == "103"
        with pytest.raises(TraceError, match="no actual of an indicator like"):
            find_indicator_fact(wh, pdf.name, "創業者%", 2023, "actual")  # % is a character, not a wildcard
        with pytest.raises(TraceError, match="no fact"):
            trace_fact(wh, "iv:000000000000:1")
        with pytest.raises(TraceError, match="SHA-256 differs"):
            moved = tmp_path / "elsewhere.pdf"
            moved.write_bytes(b"%PDF-1.4 other bytes")
            write_crop(t, tmp_path / "x.png", pdf=moved)


# -- versions: a corrected republication ---------------------------------------

def test_corrected_republication_supersedes_and_diff_lists_exactly_two_changes(db_url, tmp_path):
    """Acceptance: 000r1 is 000 with two figures corrected.  Ingested after
    000, the views show the new figures, the history keeps the old ones and
    hyoka diff lists exactly those two changes."""
    original, corrected = sample_pdf("000"), sample_pdf("000r1")
    first = ingest([original], db_url)
    second = ingest([corrected], db_url)
    assert second.statuses == {str(corrected): "loaded"}
    spec = json.loads((EXPECTED / "000r1.variant.json").read_text(encoding="utf-8"))
    changes = {(c["kind"], c.get("indicator_name") or c.get("item"), c["fiscal_year"]): c for c in spec["changes"]}
    assert len(changes) == 2

    current = query(db_url, "SELECT value, value_text, source_file FROM v_indicator_values "
                            "WHERE indicator_name = '創業者数（年間）' AND fiscal_year = 2023 AND measure = 'actual'")
    assert current == [{"value": 108.0, "value_text": "108", "source_file": corrected.name}]
    budget = query(db_url, "SELECT value, source_file FROM v_budget_values WHERE item = '事業費' AND fiscal_year = 2023")
    assert budget == [{"value": 2012400.0, "source_file": corrected.name}]
    assert query(db_url, "SELECT COUNT(*) AS n FROM v_indicator_values WHERE source_file = :f", f=original.name) == [{"n": 0}]

    history = query(db_url, "SELECT value_text, source_file, is_current, version, load_id, superseded_load_id, "
                            "superseded_by_sha256 FROM v_indicator_values_history WHERE indicator_name = '創業者数（年間）' "
                            "AND fiscal_year = 2023 AND measure = 'actual' ORDER BY version")
    assert [(h["value_text"], h["source_file"], bool(h["is_current"]), h["version"]) for h in history] == [
        ("103", original.name, False, 1), ("108", corrected.name, True, 2)]
    assert history[0]["load_id"] == first.load_id and history[0]["superseded_load_id"] == second.load_id
    assert history[1]["superseded_load_id"] is None
    versions = query(db_url, "SELECT document_key, version, is_current FROM v_document_versions ORDER BY version")
    assert [(v["document_key"], v["version"], bool(v["is_current"])) for v in versions] == [
        ("142034/hiratsuka_shisaku_hyoka/４－①/2023", 1, False),
        ("142034/hiratsuka_shisaku_hyoka/４－①/2023", 2, True)]

    csv_path = tmp_path / "changes.csv"
    out = runner.invoke(app, ["diff", "--db", db_url, str(original), str(corrected), "--csv", str(csv_path)],
                        env={"COLUMNS": "200"})
    assert out.exit_code == 0, out.output
    assert "2 changed, 0 added, 0 removed" in out.output
    assert csv_path.read_bytes().startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Japanese Excel reads it right
    with open(csv_path, encoding="utf-8-sig", newline="") as f:
        listed = list(csv.DictReader(f))
    assert len(listed) == 2
    # flat columns, no JSON: one per key and per compared value on each side
    assert {(r["kind"], r["indicator_name"] or r["item"], r["fiscal_year"], r["old_value_text"], r["new_value_text"])
            for r in listed} == {(k, name, str(year), c["old_value_text"], c["new_value_text"])
                                 for (k, name, year), c in changes.items()}
    assert all(r["document_key"] == "142034/hiratsuka_shisaku_hyoka/４－①/2023" and "{" not in "".join(r.values())
               for r in listed)
    with Warehouse.connect(db_url) as wh:
        for side_a, side_b in ((original.name, corrected.name), (first.load_id, second.load_id)):
            result = diff(wh, side_a, side_b)
            got = {(c.kind, c.key.get("indicator_name") or c.key.get("item"), c.key["fiscal_year"]):
                   (c.change, c.old["value_text"], c.new["value_text"]) for c in result.changes}
            assert got == {k: ("changed", c["old_value_text"], c["new_value_text"]) for k, c in changes.items()}
        with_raw = diff(wh, original.name, corrected.name, include_raw=True)
        assert sorted(c.new["text"] for c in with_raw.changes if c.kind == "raw") == ["108", "2,012,400"]
        with pytest.raises(DiffError, match="not in this warehouse"):
            diff(wh, "nothing.pdf", corrected.name)


def test_reprocess_archive_with_newer_tool_and_diff_loads(db_url):
    """The README's auditor workflow: re-extract an archive (--reprocess) and
    diff the new load against the earlier one; the same tool finds no change."""
    files = [sample_pdf("000"), sample_pdf("004v2")]
    first = ingest(files, db_url)
    again = ingest(files, db_url)
    assert set(again.statuses.values()) == {"unchanged"}
    redo = ingest(files, db_url, reprocess=True)
    assert set(redo.statuses.values()) == {"loaded"}
    with Warehouse.connect(db_url) as wh:
        result = diff(wh, first.load_id, redo.load_id, include_raw=True)
        assert len(result.pairs) == 2 and not result.only_a and not result.only_b
        assert result.changes == []
        with pytest.raises(DiffError, match="stored no extraction"):
            diff(wh, first.load_id, again.load_id)
    current = query(db_url, "SELECT DISTINCT load_id FROM v_indicator_values_history WHERE is_current")
    assert current == [{"load_id": redo.load_id}]
    counts = query(db_url, "SELECT COUNT(*) AS n FROM v_indicator_values")
    assert counts[0]["n"] == len(load_expected("000")["indicator_values"]) + len(load_expected("004v2")["indicator_values"])


def test_reprocess_of_a_load_holding_an_original_and_its_correction_diffs_as_no_change(db_url):
    """Issue 9: a load holding two versions of one document_key (000 and its
    corrected republication 000r1), re-extracted unchanged with --reprocess,
    pairs each sheet with its own earlier reading (SHA-256 first): no change.
    Against a load of the original alone, only the original pairs."""
    files = [sample_pdf("000"), sample_pdf("000r1")]
    first = ingest(files, db_url)
    redo = ingest(files, db_url, reprocess=True)
    with Warehouse.connect(db_url) as wh:
        result = diff(wh, first.load_id, redo.load_id, include_raw=True)
        assert sorted((a.source_file, b.source_file) for a, b in result.pairs) == [(f.name, f.name) for f in files]
        assert all(a.source_sha256 == b.source_sha256 for a, b in result.pairs)
        assert result.changes == [] and not result.only_a and not result.only_b


def test_pairing_by_key_follows_publication_order():
    """Sheets of one key with no same-content partner pair in publication
    order (the original with the original, the correction with the
    correction), whatever order the sides list them in; the rest is unpaired."""
    from hyoka.diff import Extraction, pair_extractions
    key = "142034/hiratsuka_shisaku_hyoka/４－①/2023"
    a = [Extraction("c" * 64, "L1", "fix.pdf", key, 1, "2024-10-07", 2),
         Extraction("a" * 64, "L1", "orig.pdf", key, 1, "2024-08-05", 1),
         Extraction("e" * 64, "L1", "other.pdf", "k2", 1, None, 1)]
    b = [Extraction("d" * 64, "L2", "fix2.pdf", key, 1, "2024-10-08", 2),
         Extraction("b" * 64, "L2", "orig2.pdf", key, 1, "2024-08-06", 1),
         Extraction("e" * 64, "L2", "other.pdf", "k2", 1, None, 1),
         Extraction("f" * 64, "L2", "new.pdf", key, 1, "2025-01-01", 3)]
    pairs, only_a, only_b = pair_extractions(a, b)
    assert [(x.source_file, y.source_file) for x, y in pairs] == [
        ("fix.pdf", "fix2.pdf"), ("orig.pdf", "orig2.pdf"), ("other.pdf", "other.pdf")]
    assert only_a == [] and [e.source_file for e in only_b] == ["new.pdf"]


def test_old_warehouse_layout_is_refused_with_a_clear_error(tmp_path):
    import sqlite3
    path = tmp_path / "old.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE documents (source_sha256 TEXT PRIMARY KEY)")
    con.commit()
    con.close()
    with pytest.raises(SchemaVersionError, match=f"layout version 1, this hyoka needs {SCHEMA_VERSION}"):
        Warehouse.connect(f"sqlite:///{path}")


# -- indicator series -----------------------------------------------------------

#: 000v1 (令和4年度 sheet) printed name -> (000's name it links to, method).
EXPECTED_LINKS = {
    "産業間連携ネットワークによる新商品開発・新事業創出件数【累計】":
        ("産業間連携ネットワークによる新商品開発・新事業創出件数（累計）", "exact"),
    "創業者数(年間)": ("創業者数（年間）", "exact"),
    "名産品協議会が物産展等に出店した日数（年間）": ("名産品協議会が各種物産展等に出店した日数（年間）", "fuzzy"),
    "知的対流等を通じた交流人口（年間）": ("知的対流等を通じた交流人口（年間）", "canonical"),
}
#: Ambiguous: listed for review with its candidate, never linked by itself.
EXPECTED_REVIEW = {"経営相談件数（年間）": "経営に関する相談件数（年間） (83.3)"}


def test_series_link_reworded_names_across_fiscal_years(db_url, tmp_path):
    """Acceptance: the R5 sample (000) and the R4 variant with re-worded and
    re-wrapped names (000v1) give one series per indicator: exact, fuzzy and
    unchanged links as listed, the ambiguous one for review until a reviewed
    mapping file links it."""
    ingest([sample_pdf("000v1"), sample_pdf("000")], db_url)
    links = {r["indicator_name"]: r for r in query(db_url, "SELECT * FROM v_indicator_links")}
    for printed, (canonical, method) in EXPECTED_LINKS.items():
        assert (links[printed]["canonical_name"], links[printed]["method"]) == (canonical, method), printed
    assert links["名産品協議会が物産展等に出店した日数（年間）"]["score"] == pytest.approx(95.7)
    review = {n: r["candidates"] for n, r in links.items() if r["method"] == "review"}
    assert review == EXPECTED_REVIEW
    assert links["経営相談件数（年間）"]["canonical_name"] == "経営相談件数（年間）"  # its own series for now
    series = query(db_url, "SELECT DISTINCT series_id FROM v_indicator_series")
    assert len(series) == 6

    mapping = tmp_path / "mapping.csv"
    mapping.write_text("municipality_code,sheet_type,indicator_name,canonical_name\n"
                       "142034,hiratsuka_shisaku_hyoka,経営相談件数（年間）,経営に関する相談件数（年間）\n",
                       encoding="utf-8")
    out = runner.invoke(app, ["link", "--db", db_url, "--mapping", str(mapping)], env={"COLUMNS": "200"})
    assert out.exit_code == 0, out.output
    assert "1 mapping(s) stored" in out.output and "review" not in out.output and "warning" not in out.output
    linked = query(db_url, "SELECT canonical_name, method FROM v_indicator_links WHERE indicator_name = '経営相談件数（年間）'")
    assert linked == [{"canonical_name": "経営に関する相談件数（年間）", "method": "mapping"}]
    names = query(db_url, "SELECT DISTINCT indicator_name FROM v_indicator_series ORDER BY indicator_name")
    assert [n["indicator_name"] for n in names] == sorted(
        {canonical for canonical, _ in EXPECTED_LINKS.values()} | {"経営に関する相談件数（年間）"})
    # one row per series x fiscal year, both sheets' years present
    years = query(db_url, "SELECT fiscal_year, COUNT(*) AS n FROM v_indicator_series GROUP BY fiscal_year ORDER BY fiscal_year")
    assert [(y["fiscal_year"], y["n"]) for y in years] == [(2019, 5), (2020, 5), (2021, 5), (2022, 5), (2023, 5)]
    # the latest sheet printing each figure wins; the R4 sheet alone prints 元年度 and the 4年度 target
    founders = {r["fiscal_year"]: r for r in query(
        db_url, "SELECT * FROM v_indicator_series WHERE indicator_name = '創業者数（年間）'")}
    v0, v1 = sample_pdf("000").name, sample_pdf("000v1").name
    assert [(fy, r["actual"], r["actual_source_file"], r["target"], r["target_source_file"])
            for fy, r in sorted(founders.items())] == [
        (2019, 30.0, v1, None, None), (2020, 35.0, v0, None, None), (2021, 56.0, v0, None, None),
        (2022, 113.0, v0, 50.0, v1), (2023, 103.0, v0, 52.0, v0)]
    assert founders[2022]["document_count"] == 2 and founders[2022]["unit"] == "人"
    assert founders[2022]["series_id"] == "142034/hiratsuka_shisaku_hyoka/創業者数（年間）"
    # the mapping survives the next ingest's relink
    ingest([sample_pdf("000")], db_url)
    assert query(db_url, "SELECT method FROM v_indicator_links WHERE indicator_name = '経営相談件数（年間）'") == [{"method": "mapping"}]


def test_mapping_file_errors_name_the_file_and_line(db_url, tmp_path):
    Warehouse.connect(db_url).close()  # an empty warehouse: read commands refuse a missing one
    bad = tmp_path / "bad.csv"
    bad.write_text("municipality_code,sheet_type,indicator_name\n1,2,3\n", encoding="utf-8")
    out = runner.invoke(app, ["link", "--db", db_url, "--mapping", str(bad)], env={"COLUMNS": "200"})
    assert out.exit_code == 2 and "missing column(s) canonical_name" in out.output
    bad.write_text("municipality_code,sheet_type,indicator_name,canonical_name\n142034,x,,y\n", encoding="utf-8")
    out = runner.invoke(app, ["link", "--db", db_url, "--mapping", str(bad)], env={"COLUMNS": "200"})
    assert out.exit_code == 2 and "bad.csv:2: empty indicator_name" in out.output
    typo = tmp_path / "typo.csv"
    typo.write_text("municipality_code,sheet_type,indicator_name,canonical_name\n"
                    "142034,hiratsuka_shisaku_hyoka,創業者数（年間,-\n", encoding="utf-8")
    out = runner.invoke(app, ["link", "--db", db_url, "--mapping", str(typo)], env={"COLUMNS": "200"})
    assert out.exit_code == 0 and "mapping names no printed indicator" in out.output and "創業者数（年間" in out.output


# -- validation findings ----------------------------------------------------------

def _finding_subjects(url: str) -> set[tuple]:
    """{(rule_id, indicator name or budget item, fiscal_year)} of v_validation_findings,
    each finding's first fact looked up in the history views."""
    out = set()
    for f in query(url, "SELECT rule_id, fact_ids FROM v_validation_findings WHERE rule_id LIKE 'finding.%'"):
        first = f["fact_ids"].split()[0]
        hit = query(url, "SELECT indicator_name AS subject, fiscal_year FROM v_indicator_values_history "
                         "WHERE fact_id = :id UNION ALL SELECT item, fiscal_year FROM v_budget_values_history "
                         "WHERE fact_id = :id", id=first)
        assert len(hit) == 1, f
        out.add((f["rule_id"], hit[0]["subject"], hit[0]["fiscal_year"]))
    return out


def test_findings_none_on_clean_samples_and_exactly_the_planted_ones(db_url):
    """Acceptance: the clean samples (with the variants and the corrected
    republication) give no finding but the one seed 004 itself prints (its
    wide table's 731人 against its indicator table's 300人, samples/README.md:
    004 is current over its portrait reprint 004v1, which prints no wide
    table, whatever the walk order); the planted variants give exactly their
    planted inconsistencies, each by its rule (the restated one across sheets:
    004p's 令和3年度 実績 against 004v2's), and findings never block a load."""
    clean = sorted(SAMPLES.glob("*.pdf")) + [SAMPLES / "variants", SAMPLES / "republished"]
    result = ingest(clean, db_url)
    assert result.summary["documents"]["failed"] == 0
    assert _finding_subjects(db_url) == {("finding.restated_figure_mismatch", "ロボットリテラシー事業への参加者数", 2023)}
    assert {r["source_file"] for r in query(db_url, "SELECT source_file FROM v_validation_findings "
                                                    "WHERE rule_id LIKE 'finding.%'")} == {sample_pdf("004").name}
    # the other family: tables whose numbers no interpreter read, exactly on the current sheets below coverage 1
    named = query(db_url, "SELECT DISTINCT rule_id, source_file FROM v_validation_findings "
                          "WHERE rule_id NOT LIKE 'finding.%'")
    low = query(db_url, "SELECT DISTINCT source_file FROM v_sheets WHERE is_current AND coverage < 1")
    assert {r["rule_id"] for r in named} == {"coverage.table_not_interpreted"}
    assert sorted(r["source_file"] for r in named) == sorted(r["source_file"] for r in low) != []
    planted = ingest([SAMPLES / "planted"], db_url)
    assert set(planted.statuses.values()) == {"loaded"}  # findings never block a load
    expected = set()
    for spec in (json.loads((EXPECTED / "004p.variant.json").read_text(encoding="utf-8"))["planted"],
                 json.loads((EXPECTED / "001p.document.json").read_text(encoding="utf-8"))["planted"]):
        expected |= {(p["rule_id"], p.get("indicator_name") or p.get("item"), p["fiscal_year"]) for p in spec}
    assert _finding_subjects(db_url) == expected
    rows = query(db_url, "SELECT rule_id, severity, source_file, page, message, x0 FROM v_validation_findings "
                         "WHERE rule_id LIKE 'finding.%'")
    assert {r["severity"] for r in rows} == {"error"} and all(r["page"] == 1 for r in rows)
    restated = [r for r in rows if r["rule_id"] == "finding.restated_figure_mismatch"]
    assert sorted(r["message"] for r in restated) == [
        "中小企業相談所の相談件数 2022年度 実績 is printed 3,437件 on page 1 (indicator table) but 3,473件 on "
        "page 4 (目標と実績 令和4年度 実績 of 中小企業相談所の相談件数, I-1-(1)-①)",
        "商店会連合会への新規加入店舗数 actual (fiscal year 2021) printed 43店 here but 34店 "
        "in 004v2-atsugi-r4-torikumi.pdf p.1"]
    rate = next(r for r in rows if r["rule_id"] == "finding.achievement_rate_mismatch")
    assert "290.4%" in rate["message"] and "209.4%" in rate["message"] and rate["x0"] is not None
    # a finding traces to its first fact, with the finding attached
    with Warehouse.connect(db_url) as wh:
        fid = wh.query("SELECT finding_id FROM v_validation_findings "
                       "WHERE rule_id = 'finding.achievement_rate_mismatch'")[0]["finding_id"]
        t = trace_fact(wh, fid)
        assert (t.printed, t.finding["rule_id"]) == ("290.4%", "finding.achievement_rate_mismatch")
        shown = wh.document(sample_pdf("001p").name)["validation_findings"]
        assert [f["rule_id"] for f in shown] == ["finding.funding_sum_mismatch"]
        rs = trace_fact(wh, wh.query("SELECT finding_id FROM v_validation_findings "
                                     "WHERE rule_id = 'finding.restated_figure_mismatch' "
                                     "AND message LIKE '%004v2%'")[0]["finding_id"])
        assert rs.printed == "43店" and rs.finding is not None


def test_read_commands_refuse_a_missing_or_old_warehouse(tmp_path):
    """A mistyped --db must not create an empty warehouse; an old layout is named."""
    missing = tmp_path / "typo.sqlite"
    for args in (["show", "x.pdf"], ["views"], ["trace", "iv:000000000000:1"], ["diff", "a", "b"], ["link"],
                 ["report", "--out", str(tmp_path / "r")]):
        out = runner.invoke(app, [*args, "--db", f"sqlite:///{missing}"], env={"COLUMNS": "200"})
        assert out.exit_code == 2 and "no hyoka warehouse at" in out.output, (args, out.output)
        assert not missing.exists()
    import sqlite3
    old = tmp_path / "old.sqlite"
    con = sqlite3.connect(old)
    con.execute("CREATE TABLE documents (source_sha256 TEXT PRIMARY KEY)")
    con.commit()
    con.close()
    a_file = tmp_path / "a-file"
    a_file.write_text("", encoding="utf-8")
    out = runner.invoke(app, ["report", "--out", str(a_file), "--db", f"sqlite:///{old}"], env={"COLUMNS": "200"})
    assert out.exit_code == 2 and "is a file; give a folder" in out.output
    for args in (["views"], ["ingest", str(sample_pdf("000"))]):
        out = runner.invoke(app, [*args, "--db", f"sqlite:///{old}"], env={"COLUMNS": "200"})
        assert out.exit_code == 2 and f"layout version 1, this hyoka needs {SCHEMA_VERSION}" in out.output, (args, out.output)


def test_unit_change_across_sheets_of_one_series_is_found(db_url):
    """finding.unit_changed across sheets: the real 000v1 extraction with the
    unit of 創業者数(年間) printed 件 instead of 人 (as a re-designed earlier
    sheet might print it), loaded beside the real 000."""
    import dataclasses

    from hyoka.extract import extract_document
    from hyoka.load.series import relink
    from hyoka.normalize import normalize_document
    ingest([sample_pdf("000")], db_url)
    facts = normalize_document(extract_document(sample_pdf("000v1")))
    sheet = facts.sheets[0]
    sheet.indicators = [dataclasses.replace(iv, unit="件") if iv.indicator_name == "創業者数(年間)" else iv
                        for iv in sheet.indicators]
    with Warehouse.connect(db_url) as wh:
        load_id = wh.begin_load("test")
        assert wh.record(load_id, facts) == "loaded"
        relink(wh)
        wh.finish_load(load_id)
        rows = wh.query("SELECT rule_id, severity, source_file, message FROM v_validation_findings")
    assert rows == [{"rule_id": "finding.unit_changed", "severity": "warning", "source_file": sample_pdf("000").name,
                     "message": f"創業者数（年間）: unit 人 here but 件 in {sample_pdf('000v1').name}"}]


def test_budget_figure_restated_differently_by_another_sheet_is_found(db_url):
    """finding.restated_figure_mismatch for budget lines: the real 000v1 (令和4年度)
    extraction with its 3年度 事業費 printed 1,889,661 instead of 1,889,616,
    loaded beside the real 000 (令和5年度), which restates it."""
    import dataclasses

    from hyoka.extract import extract_document
    from hyoka.load.series import relink
    from hyoka.normalize import normalize_document
    from hyoka.normalize.values import parse_value
    ingest([sample_pdf("000")], db_url)
    facts = normalize_document(extract_document(sample_pdf("000v1")))
    sheet = facts.sheets[0]
    sheet.budgets = [dataclasses.replace(b, value=parse_value("1,889,661", unit_hint="千円"))
                     if (b.item, b.fiscal_year) == ("事業費", 2021) else b for b in sheet.budgets]
    with Warehouse.connect(db_url) as wh:
        load_id = wh.begin_load("test")
        assert wh.record(load_id, facts) == "loaded"
        relink(wh)
        wh.finish_load(load_id)
        rows = wh.query("SELECT rule_id, source_file, message FROM v_validation_findings")
    assert rows == [{"rule_id": "finding.restated_figure_mismatch", "source_file": sample_pdf("000").name,
                     "message": f"事業費 (fiscal year 2021) printed 1,889,616 here but 1,889,661 in "
                                f"{sample_pdf('000v1').name} p.1"}]
