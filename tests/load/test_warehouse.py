"""Write hand-built DocumentFacts and read them back through the BI views.

Every test runs on SQLite and on PostgreSQL (see conftest.py).  Figures are
the seed sheets' (sample_facts.py); expectations come from the contract
(../shared/warehouse-contract.md) and samples/expected/.
"""
from __future__ import annotations

import dataclasses
import re
import time

import pytest
from sqlalchemy import MetaData, Table, select

from contract_columns import CONTRACT_COLUMNS, INDICATOR_POLICIES_COLUMNS
from hyoka.load.schema import FACT_TABLES, create_schema
from hyoka.load.warehouse import Warehouse
from hyoka.normalize.facts import DocumentFacts, RawCell
from sample_facts import SHA_000, SHA_004, facts_000, facts_004, many_raw_cells

LOAD_ID = re.compile(r"^\d{8}T\d{6}\.\d{6}Z-[0-9a-f]{4}$")


def rows(wh: Warehouse, view: str, **where) -> list[dict]:
    """Rows of a view (or table) as dicts, filtered by column equality."""
    t = wh.tables[view]
    query = select(t)
    for column, value in where.items():
        query = query.where(t.c[column] == value)
    with wh.engine.connect() as conn:
        return [dict(r) for r in conn.execute(query).mappings()]


def one(wh: Warehouse, view: str, **where) -> dict:
    """The single row of a view matching ``where``."""
    found = rows(wh, view, **where)
    assert len(found) == 1, (view, where, found)
    return found[0]


def fact_counts(wh: Warehouse) -> dict[str, int]:
    """Row counts of documents and the fact tables."""
    counts = wh.counts()
    return {t: counts[t] for t in ("documents", *FACT_TABLES)}


def test_views_have_exactly_the_contract_columns(warehouse):
    with warehouse.engine.connect() as conn:
        for view, columns in CONTRACT_COLUMNS.items():
            assert list(conn.execute(select(warehouse.tables[view]).limit(0)).keys()) == columns, view
        got = conn.execute(select(warehouse.tables["v_indicator_policies"]).limit(0)).keys()
        assert list(got) == INDICATOR_POLICIES_COLUMNS


#: Declared types by the contract's type words (../shared/warehouse-contract.md).
TYPE_FAMILIES = {"text": ("TEXT", "CHARACTER VARYING", "VARCHAR"), "int": ("INTEGER", "BIGINT"),
                 "numeric": ("DOUBLE PRECISION", "REAL", "NUMERIC", "FLOAT"), "boolean": ("BOOLEAN",)}
#: Contract columns SQLite cannot type (none: v_sheets.is_current, computed by
#: window functions, is selected through the typed truth_values table).
UNTYPED_ON_SQLITE: set[tuple[str, str]] = set()


def contract_types() -> dict[tuple[str, str], str]:
    """{(view, column): contract type word} for every column whose type the contract gives."""
    import re
    from test_contract import CONTRACT
    out, view = {}, None
    for line in CONTRACT.read_text(encoding="utf-8").splitlines():
        if (m := re.match(r"^##\s+(v_\w+)\s*$", line)):
            view = m.group(1)
            continue
        cells = [c.strip(" `") for c in line.strip().strip("|").split("|")]
        if view is None or not line.startswith("|") or len(cells) < 2 or cells[0] in ("column", "") \
                or set(cells[0]) <= {"-", " "} or not cells[1]:
            continue
        names, types = [n.strip(" `") for n in cells[0].split(",")], [t.strip() for t in cells[1].split(",")]
        if len(types) == 1:
            types = types * len(names)
        out.update({(view, n): t for n, t in zip(names, types)})
    return out


def test_contract_view_columns_are_typed_on_both_backends(warehouse):
    """Every contract view column the contract types is declared with that
    type family on both backends (contract: "Types are declared on both
    backends"), read from the database's own catalogue."""
    from sqlalchemy import inspect
    declared = {}
    insp = inspect(warehouse.engine)
    for view in CONTRACT_COLUMNS:
        for col in insp.get_columns(view):
            declared[(view, col["name"])] = str(col["type"]).upper()
    wanted = contract_types()
    assert len(wanted) > 60
    sqlite = warehouse.engine.dialect.name == "sqlite"
    for key, word in wanted.items():
        if sqlite and key in UNTYPED_ON_SQLITE:
            continue
        got = declared[key]
        assert got.startswith(TYPE_FAMILIES[word]), (key, word, got)


def test_load_ids_are_time_sortable_and_logged(warehouse):
    first = warehouse.begin_load("0.1.0")
    second = warehouse.begin_load("0.1.0")
    assert LOAD_ID.match(first) and LOAD_ID.match(second)
    assert first < second
    run = one(warehouse, "loads", load_id=first)
    assert (run["status"], run["tool_version"], run["finished_at"]) == ("running", "0.1.0", None)


def test_004_indicator_values_read_back(warehouse):
    load_id = warehouse.begin_load("0.1.0")
    assert warehouse.record(load_id, facts_004()) == "loaded"

    doc = one(warehouse, "v_documents", source_sha256=SHA_004)
    assert doc == {"load_id": load_id, "source_file": "004-atsugi-r5-torikumi.pdf",
                   "source_sha256": SHA_004, "status": "loaded", "error": None,
                   "municipality": "厚木市", "municipality_code": "142123",
                   "document_fiscal_year": 2023, "sheet_type": "atsugi_jisshi_keikaku_torikumi",
                   "classification_score": 87.5, "page_count": 12, "sheet_count": 1,
                   "text_source": "text_layer"}

    name = "中小企業相談所の相談件数"
    target = one(warehouse, "v_indicator_values", indicator_name=name, fiscal_year=2021, measure="target")
    assert target == {"municipality": "厚木市", "municipality_code": "142123",
                      "document_fiscal_year": 2023, "sheet_type": "atsugi_jisshi_keikaku_torikumi",
                      "policy_code": "I-1-(1)-①", "policy_name": "事業者の経営課題解決と経営基盤の安定",
                      "indicator_name": name, "unit": "件", "fiscal_year": 2021, "measure": "target",
                      "value": 1600.0, "value_std": 1600.0, "unit_std": "件", "value_text": "1,600件",
                      "status": "ok", "note": None, "is_estimate": False,
                      "source_file": "004-atsugi-r5-torikumi.pdf", "source_sha256": SHA_004, "page": 1,
                      "sheet_seq": 1, "document_key": "142123/atsugi_jisshi_keikaku_torikumi/-/2023",
                      "ocr_confidence": None}
    assert target["is_estimate"] is False

    estimate = one(warehouse, "v_indicator_values", indicator_name=name, fiscal_year=2023, measure="actual")
    assert (estimate["value"], estimate["value_text"], estimate["is_estimate"]) == (3450.0, "3,450件", True)
    verdict = one(warehouse, "v_indicator_values", indicator_name=name, fiscal_year=2023, measure="result")
    assert (verdict["value"], verdict["unit"], verdict["value_text"], verdict["status"]) == \
        (None, None, "達成見込み", "ok")
    rate = one(warehouse, "v_indicator_values", indicator_name=name, fiscal_year=2021,
               measure="achievement_rate")
    assert (rate["value"], rate["unit"], rate["value_text"]) == (209.4, "%", "209.4%")

    shop = "商店会連合会への新規加入店舗数"
    assert [(r["fiscal_year"], r["measure"], r["value"], r["value_text"], r["status"])
            for r in sorted(rows(warehouse, "v_indicator_values", indicator_name=shop, fiscal_year=2023),
                            key=lambda r: r["measure"])] == [
        (2023, "actual", None, "年度末に調査", "pending"),
        (2023, "result", None, "#VALUE!", "source_error")]
    na = one(warehouse, "v_indicator_values", indicator_name="事業承継支援事業補助金交付件数",
             fiscal_year=2023, measure="actual")
    assert (na["value"], na["value_text"], na["status"]) == (None, "-", "not_applicable")
    cancelled = one(warehouse, "v_indicator_values", indicator_name="あつぎ技能祭来場者数",
                    fiscal_year=2021, measure="actual")
    assert (cancelled["value"], cancelled["value_text"], cancelled["status"], cancelled["note"],
            cancelled["page"]) == (0.0, "0人(中止)", "ok", "中止", 5)
    assert len(rows(warehouse, "v_indicator_values")) == len(facts_004().indicators) == 27


def test_several_policy_codes_give_several_policy_rows(warehouse):
    load_id = warehouse.begin_load("0.1.0")
    warehouse.record(load_id, facts_004())
    name = "中心市街地のにぎわいを感じている市民の割合"
    policies = sorted(rows(warehouse, "v_indicator_policies", indicator_name=name),
                      key=lambda r: r["policy_ordinal"])
    assert [(p["policy_ordinal"], p["policy_code"], p["page"]) for p in policies] == [
        (1, "Ⅱ-1-(2)-①", 3), (2, "Ⅱ-3-(1)-②", 3), (3, "Ⅱ-5-(1)-①", 3)]
    assert policies[0]["policy_name"] == "空き店舗を活用した中心市街地の活性化"
    assert {r["policy_code"] for r in rows(warehouse, "v_indicator_values", indicator_name=name)} == {"Ⅱ-1-(2)-①"}
    # one policy row per code per indicator value in the table
    assert len(rows(warehouse, "indicator_policies", policy_code="Ⅱ-3-(1)-②")) == 3


def test_every_fact_row_traces_to_its_load_cell_and_rules(warehouse):
    load_id = warehouse.begin_load("0.1.0")
    warehouse.record(load_id, facts_004())
    warehouse.record(load_id, facts_000())
    for table in FACT_TABLES:
        if table == "validation_findings":  # these hand-made facts carry no findings
            continue
        stored = rows(warehouse, table)
        assert stored and {r["load_id"] for r in stored} == {load_id}, table
        assert all(r["page"] >= 1 and r["x0"] is not None and r["bottom"] is not None for r in stored), table
    first = one(warehouse, "indicator_values", source_sha256=SHA_004, seq=1)
    assert (first["indicator_name"], first["fiscal_year"], first["measure"], first["value_text"]) == \
        ("中小企業相談所の相談件数", 2021, "target", "1,600件")
    assert first["rule_ids"] == "width.fold number.thousands unit.suffix"
    assert (first["x0"], first["top"], first["x1"], first["bottom"]) == (400.0, 120.0, 450.0, 130.0)
    assert first["value_unit"] == "件"
    cost = one(warehouse, "budget_values", source_sha256=SHA_000, seq=1)
    assert (cost["item"], cost["value_text"], cost["rule_ids"], cost["page"]) == \
        ("事業費", "1,539,950", "number.thousands unit.header", 1)


def test_000_budget_values_and_text_blocks(warehouse):
    load_id = warehouse.begin_load("0.1.0")
    assert warehouse.record(load_id, facts_000()) == "loaded"
    cost = one(warehouse, "v_budget_values", item="事業費", fiscal_year=2020)
    assert cost == {"municipality": "平塚市", "municipality_code": "142034", "document_fiscal_year": 2023,
                    "sheet_type": "hiratsuka_shisaku_hyoka", "policy_code": "４－①", "project_name": None,
                    "item": "事業費", "fiscal_year": 2020, "value": 1539950.0, "unit": "千円",
                    "value_std": 1539950000.0, "unit_std": "円", "value_text": "1,539,950", "status": "ok",
                    "note": None, "source_file": "000-hiratsuka-r5-shisaku-4-1.pdf",
                    "source_sha256": SHA_000, "page": 1, "sheet_seq": 1,
                    "document_key": "142034/hiratsuka_shisaku_hyoka/４－①/2023", "ocr_confidence": None,
                    "amount_basis": None}
    rate = one(warehouse, "v_budget_values", item="執行率", fiscal_year=2023)
    assert (rate["value"], rate["unit"], rate["value_std"], rate["unit_std"]) == (96.08, "%", 96.08, "%")
    blocks = sorted(rows(warehouse, "v_text_blocks", section="成果"), key=lambda r: r["ordinal"])
    assert [(b["ordinal"], b["policy_code"], b["municipality"], b["page"]) for b in blocks] == \
        [(1, "４－①", "平塚市", 1), (2, "４－①", "平塚市", 1)]
    assert blocks[0]["text"].startswith("産業活性化会議及び産業活性化推進会議を開催し")
    baseline = one(warehouse, "v_indicator_values", indicator_name="創業者数（年間）")
    assert (baseline["fiscal_year"], baseline["measure"], baseline["value"], baseline["policy_code"],
            baseline["policy_name"]) == (None, "baseline", 22.0, "４－①", "産業の活性化を促進する")


def test_raw_cells_read_back(warehouse):
    load_id = warehouse.begin_load("0.1.0")
    warehouse.record(load_id, facts_004())
    merged = one(warehouse, "v_raw_cells", page=1, row_index=1, col_index=0)
    assert merged == {"source_file": "004-atsugi-r5-torikumi.pdf", "source_sha256": SHA_004, "page": 1,
                      "table_index": 1, "row_index": 1, "col_index": 0, "row_span": 4, "col_span": 1,
                      "text": "1", "x0": 30.0, "top": 112.0, "x1": 50.0, "bottom": 160.0,
                      "sheet_seq": 1, "ocr_confidence": None}
    assert one(warehouse, "v_raw_cells", page=3)["text"] == "No.\u3000単位施策No."
    assert len(rows(warehouse, "v_raw_cells")) == 6


def test_booleans_are_native_on_postgres_and_0_1_on_sqlite(warehouse):
    """Documented in sql/README.md: raw SQL sees TRUE/FALSE on PostgreSQL, 1/0 on SQLite."""
    load_id = warehouse.begin_load("0.1.0")
    warehouse.record(load_id, facts_004())
    with warehouse.engine.connect() as conn:
        got = conn.exec_driver_sql(
            "SELECT is_estimate FROM v_indicator_values WHERE fiscal_year IN (2021, 2023) "
            "ORDER BY fiscal_year LIMIT 1").scalar_one()
        latest = conn.exec_driver_sql(
            "SELECT is_estimate FROM v_indicator_values WHERE fiscal_year = 2023 LIMIT 1").scalar_one()
    if warehouse.engine.dialect.name == "sqlite":
        assert (got, latest) == (0, 1) and type(got) is int
    else:
        assert got is False and latest is True
    assert (bool(got), bool(latest)) == (False, True)


def test_same_sha256_again_is_unchanged_and_writes_no_facts(warehouse):
    first = warehouse.begin_load("0.1.0")
    assert warehouse.record(first, facts_004()) == "loaded"
    assert warehouse.record(first, facts_000()) == "loaded"
    before = fact_counts(warehouse)
    second = warehouse.begin_load("0.1.1")
    assert warehouse.is_loaded(SHA_004)
    # a renamed copy of the same bytes, as the orchestrator may send it without normalizing
    bare = DocumentFacts(source_file="copy-of-004.pdf", sha256=SHA_004)
    assert warehouse.record(second, bare) == "unchanged"
    assert warehouse.record(second, facts_000()) == "unchanged"
    assert fact_counts(warehouse) == before
    history = sorted(rows(warehouse, "v_documents", source_sha256=SHA_004), key=lambda r: r["load_id"])
    assert [(h["load_id"], h["source_file"], h["status"]) for h in history] == [
        (first, "004-atsugi-r5-torikumi.pdf", "loaded"), (second, "copy-of-004.pdf", "unchanged")]
    # the unchanged row carries the stored document's metadata
    assert (history[1]["municipality"], history[1]["sheet_type"], history[1]["page_count"]) == \
        ("厚木市", "atsugi_jisshi_keikaku_torikumi", 12)
    assert {r["load_id"] for r in rows(warehouse, "indicator_values")} == {first}


def test_failed_document_is_one_row_with_its_error_and_no_facts(warehouse):
    load_id = warehouse.begin_load("0.1.0")
    failed = DocumentFacts(source_file="broken.pdf", sha256="f" * 64, status="failed",
                           error="broken.pdf: page 2: no table found under 成果指標")
    assert warehouse.record(load_id, failed) == "failed"
    assert rows(warehouse, "v_documents") == [{
        "load_id": load_id, "source_file": "broken.pdf", "source_sha256": "f" * 64, "status": "failed",
        "error": "broken.pdf: page 2: no table found under 成果指標", "municipality": None,
        "municipality_code": None, "document_fiscal_year": None, "sheet_type": "unclassified",
        "classification_score": None, "page_count": None, "sheet_count": 0, "text_source": None}]
    assert not warehouse.is_loaded("f" * 64)
    assert rows(warehouse, "v_sheets") == []
    assert set(fact_counts(warehouse).values()) == {0}


def test_db_error_mid_document_rolls_back_that_document_only(warehouse):
    load_id = warehouse.begin_load("0.1.0")
    assert warehouse.record(load_id, facts_000()) == "loaded"
    after_000 = fact_counts(warehouse)
    bad = facts_004()
    # indicator values insert fine; the raw cell then violates raw_cells.text NOT NULL
    bad.sheets[0].raw_cells.append(RawCell(2, 1, 0, 0, 1, 1, None, 1.0, 2.0, 3.0, 4.0))  # type: ignore[arg-type]
    assert warehouse.record(load_id, bad) == "failed"
    assert fact_counts(warehouse) == after_000
    assert not warehouse.is_loaded(SHA_004)
    doc = one(warehouse, "v_documents", source_file="004-atsugi-r5-torikumi.pdf")
    assert doc["status"] == "failed"
    assert doc["error"].startswith("004-atsugi-r5-torikumi.pdf: database error while loading: ")
    assert re.search(r"NOT NULL|null value", doc["error"]), doc["error"]
    # the next document of the same load still loads
    assert warehouse.record(load_id, facts_004(source_file="004-retry.pdf")) == "loaded"
    assert warehouse.is_loaded(SHA_004)
    assert warehouse.summary(load_id)["documents"] == {
        "loaded": 2, "unchanged": 0, "failed": 1, "needs_ocr": 0, "total": 3}


def test_needs_ocr_keeps_its_facts_and_status(warehouse):
    load_id = warehouse.begin_load("0.1.0")
    scanned = dataclasses.replace(facts_000(), status="needs_ocr", error="page 2 has no text layer")
    assert warehouse.record(load_id, scanned) == "needs_ocr"
    doc = one(warehouse, "v_documents", source_sha256=SHA_000)
    assert (doc["status"], doc["error"]) == ("needs_ocr", None)
    assert one(warehouse, "documents", source_sha256=SHA_000)["status"] == "needs_ocr"
    assert len(rows(warehouse, "v_budget_values")) == 8


def test_same_file_twice_in_one_load_is_refused(warehouse):
    load_id = warehouse.begin_load("0.1.0")
    warehouse.record(load_id, facts_000())
    with pytest.raises(ValueError, match="already recorded in load"):
        warehouse.record(load_id, facts_000())


def test_finish_load_and_summary(warehouse):
    load_id = warehouse.begin_load("0.1.0")
    warehouse.record(load_id, facts_004())
    warehouse.record(load_id, facts_000())
    warehouse.record(load_id, DocumentFacts(source_file="x.pdf", sha256="", status="failed",
                                            error="x.pdf: not a PDF"))
    warehouse.finish_load(load_id, "finished")
    summary = warehouse.summary(load_id)
    assert summary["finished_at"] is not None
    del summary["started_at"], summary["finished_at"]
    assert summary == {
        "load_id": load_id, "status": "finished", "tool_version": "0.1.0",
        "documents": {"loaded": 2, "unchanged": 0, "failed": 1, "needs_ocr": 0, "total": 3},
        "pages": 14, "indicator_values": 28, "indicator_policies": 33, "budget_values": 8,
        "text_blocks": 5, "raw_cells": 6, "validation_findings": 0,
        "sheets": {"atsugi_jisshi_keikaku_torikumi": 1, "hiratsuka_shisaku_hyoka": 1}, "low_coverage": [],
        "failures": [{"source_file": "x.pdf", "error": "x.pdf: not a PDF"}]}
    run = one(warehouse, "loads", load_id=load_id)
    assert (run["documents_total"], run["documents_loaded"], run["documents_failed"],
            run["documents_unchanged"], run["documents_needs_ocr"]) == (3, 2, 1, 0, 0)
    assert one(warehouse, "v_documents", source_file="x.pdf")["source_sha256"] is None
    with pytest.raises(KeyError):
        warehouse.summary("19990101T000000.000000Z-0000")
    with pytest.raises(ValueError):
        warehouse.finish_load(load_id, "done")


def test_document_lookup_for_show(warehouse):
    first = warehouse.begin_load("0.1.0")
    warehouse.record(first, facts_004())
    second = warehouse.begin_load("0.1.0")
    warehouse.record(second, facts_004())
    shown = warehouse.document(SHA_004)
    assert shown["document"]["load_id"] == second
    assert shown["document"]["status"] == "unchanged"
    assert shown["document"]["title"] == "産業マスタープラン前期実施計画 令和5年度取組状況"
    assert [h["status"] for h in shown["history"]] == ["loaded", "unchanged"]
    assert shown["counts"] == {"indicator_values": 27, "indicator_policies": 33, "budget_values": 0,
                               "text_blocks": 3, "raw_cells": 6, "validation_findings": 0}
    assert len(shown["indicator_values"]) == 27 and len(shown["raw_cells"]) == 6
    assert [(c["page"], c["row_index"], c["col_index"]) for c in shown["raw_cells"]][:3] == \
        [(1, 0, 0), (1, 0, 1), (1, 1, 0)]
    assert shown["indicator_values"][0]["page"] == 1
    assert warehouse.document("7421fe6d")["document"]["source_sha256"] == SHA_004
    assert warehouse.document("004-atsugi-r5-torikumi.pdf")["history"] == shown["history"]
    assert warehouse.document("nothing.pdf") is None
    current = Table("core_current_documents", MetaData(), autoload_with=warehouse.engine)
    with warehouse.engine.connect() as conn:
        latest = conn.execute(select(current.c.load_id, current.c.status)).all()
    assert [tuple(r) for r in latest] == [(second, "unchanged")]


def test_reconnect_keeps_data_and_skips_view_rebuild(url):
    with Warehouse.connect(url) as wh:
        load_id = wh.begin_load("0.1.0")
        wh.record(load_id, facts_000())
        before = wh.counts()
    with Warehouse.connect(url) as wh:
        assert create_schema(wh.engine) is False
        assert wh.counts() == before
        assert one(wh, "v_documents", load_id=load_id)["status"] == "loaded"


def test_bulk_raw_cells_are_fast(warehouse):
    """The 004 sample has ~3000 raw cells; executemany keeps one document well under a few seconds."""
    load_id = warehouse.begin_load("0.1.0")
    facts = facts_004()
    facts.sheets[0].raw_cells = many_raw_cells(3000)
    started = time.perf_counter()
    assert warehouse.record(load_id, facts) == "loaded"
    elapsed = time.perf_counter() - started
    assert warehouse.counts()["raw_cells"] == 3000
    assert elapsed < 5.0, f"recording 3000 raw cells took {elapsed:.2f}s"


def test_malformed_facts_and_reasonless_failures_are_recorded(warehouse):
    load_id = warehouse.begin_load("0.1.0")
    broken = facts_000(source_file="no-provenance.pdf")
    broken.budgets[0].provenance = None  # type: ignore[assignment]
    assert warehouse.record(load_id, broken) == "failed"
    assert one(warehouse, "v_documents", source_file="no-provenance.pdf")["error"] == (
        "no-provenance.pdf: invalid facts: AttributeError: 'NoneType' object has no attribute 'page'")
    assert warehouse.record(load_id, DocumentFacts(source_file="quiet.pdf", sha256="", status="failed")) == "failed"
    assert one(warehouse, "v_documents", source_file="quiet.pdf")["error"] == "quiet.pdf: failed (no reason given)"
    with pytest.raises(ValueError, match="needs a SHA-256"):
        warehouse.record(load_id, DocumentFacts(source_file="nosha.pdf", sha256=""))
    assert set(fact_counts(warehouse).values()) == {0}


def test_changed_sql_files_rebuild_the_views(warehouse, tmp_path):
    import shutil

    from hyoka.load.sqlfiles import SQL_ROOT
    root = tmp_path / "sql"
    shutil.copytree(SQL_ROOT, root)
    assert create_schema(warehouse.engine, root) is False
    view = root / "views" / "v_raw_cells.sql"
    view.write_text(view.read_text(encoding="utf-8").replace("f.bottom", "f.bottom + 0 AS bottom"),
                    encoding="utf-8")
    assert create_schema(warehouse.engine, root) is True
    assert create_schema(warehouse.engine, root) is False
    load_id = warehouse.begin_load("0.1.0")
    warehouse.record(load_id, facts_004())
    assert one(warehouse, "v_raw_cells", page=3)["bottom"] == 92.0
