"""After an ingest the SQLite planner has statistics, and a whole contract
view is counted from indexes alone: the current sheets in key order, their
facts by the per-sheet index, no probe per fact (load/warehouse.py
refresh_statistics, the indexes of sql/ddl; the 100,000-sheet figures are
bench/warehouse_scale.py's)."""
from __future__ import annotations

import sqlite3

import pytest

from hyoka.pipeline import ingest
from tests.conftest import SAMPLES

FACT_VIEWS = {"v_indicator_values": "ix_indicator_values_sheet", "v_budget_values": "ix_budget_values_sheet",
              "v_text_blocks": "ix_text_blocks_sheet", "v_raw_cells": "ix_raw_cells_sheet"}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    path = tmp_path_factory.mktemp("stats") / "w.db"
    ingest(sorted(SAMPLES.glob("*.pdf")), f"sqlite:///{path}")
    return sqlite3.connect(path)


def plan(conn, sql: str) -> list[str]:
    return [row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + sql)]


def test_an_ingest_leaves_statistics_for_the_new_indexes(warehouse):
    indexes = {idx for (idx,) in warehouse.execute("SELECT idx FROM sqlite_stat1")}
    assert set(FACT_VIEWS.values()) | {"ix_sheet_versions_current", "ix_load_documents_extraction"} <= indexes


@pytest.mark.parametrize("view", sorted(FACT_VIEWS))
def test_counting_a_fact_view_reads_indexes_only_and_facts_by_sheet(warehouse, view):
    steps = plan(warehouse, f"SELECT COUNT(*) FROM {view}")
    assert all("COVERING INDEX" in step for step in steps), steps
    assert any(FACT_VIEWS[view] in step and step.startswith("SEARCH") for step in steps), steps
    # and the count is the current facts'
    n = warehouse.execute(f"SELECT COUNT(*) FROM {view}").fetchone()[0]
    assert n > 0


def test_counting_v_sheets_reads_indexes_only(warehouse):
    steps = plan(warehouse, "SELECT COUNT(*) FROM v_sheets")
    assert all("COVERING INDEX" in step for step in steps), steps
    assert warehouse.execute("SELECT COUNT(*) FROM v_sheets").fetchone()[0] == \
        warehouse.execute("SELECT COUNT(*) FROM sheets").fetchone()[0]


def test_an_ingest_that_loads_nothing_new_does_not_analyze(tmp_path):
    path = tmp_path / "w.db"
    sample = sorted(SAMPLES.glob("*.pdf"))[0]
    ingest([sample], f"sqlite:///{path}")
    conn = sqlite3.connect(path)
    conn.execute("DELETE FROM sqlite_stat1")
    conn.commit()
    ingest([sample], f"sqlite:///{path}")  # unchanged
    assert conn.execute("SELECT COUNT(*) FROM sqlite_stat1").fetchone()[0] == 0
