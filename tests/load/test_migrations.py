"""Schema creation and migration (load/schema.py, load/migrations/, hyoka migrate).

- Schema creation is serialised: several processes connecting to one new
  database at once create it once (it used to race on PostgreSQL's catalog
  or see a half-made layout).
- Warehouses written by earlier releases (tests/fixtures/, see its README)
  migrate in place and then answer every contract view, keeping their facts.
- Ingest into an old layout refuses (exit 2, names ``hyoka migrate``); read
  commands never create or alter a schema.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import create_engine, inspect

from hyoka.load.schema import HEAD, SCHEMA_VERSION

REPO = Path(__file__).resolve().parents[2]

#: Run in each competing process: connect for writing (creates the schema).
_CONNECT = ("import sys; from hyoka.load import Warehouse; "
            "sys.stdin.readline(); Warehouse.connect(sys.argv[1]).close(); print('ok')")


def test_concurrent_first_connects_create_the_schema_once(url):
    """Four processes released at the same moment onto one new database all
    succeed, and the database ends current (stamped head, the current layout)."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    procs = [subprocess.Popen([sys.executable, "-c", _CONNECT, url], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
             for _ in range(4)]
    for p in procs:  # imports done in parallel; release them together
        p.stdin.write("go\n")
        p.stdin.flush()
    results = [p.communicate(timeout=180) for p in procs]
    assert [p.returncode for p in procs] == [0] * 4, [err[-2000:] for _, err in results]
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalars().all() == [HEAD]
            meta = dict(conn.exec_driver_sql("SELECT meta_key, meta_value FROM schema_meta").all())
            assert meta["schema_version"] == SCHEMA_VERSION
        assert "version_pins" in inspect(engine).get_table_names()
    finally:
        engine.dispose()


# -- committed warehouses of earlier releases ------------------------------------

import shutil  # noqa: E402

import pytest  # noqa: E402
from sqlalchemy import MetaData, Table, func, select  # noqa: E402
from typer.testing import CliRunner  # noqa: E402

from hyoka.cli import app  # noqa: E402
from hyoka.load import Warehouse  # noqa: E402
from hyoka.load.schema import BI_VIEWS, TABLES, migrate  # noqa: E402
from hyoka.load.sqlfiles import split_statements  # noqa: E402
from hyoka.load.versions import COLUMNS as VERSION_COLUMNS  # noqa: E402
from tests.load.contract_columns import CONTRACT_COLUMNS  # noqa: E402

FIXTURES = REPO / "tests" / "fixtures"
KEY_000 = "142034/hiratsuka_shisaku_hyoka/４－①/2023"
runner = CliRunner()


def _old_warehouse(url: str, layout: str) -> None:
    """Put the committed layout-``layout`` warehouse at ``url``: the SQLite
    file itself, or on PostgreSQL that release's DDL and every row of it."""
    source = FIXTURES / f"layout{layout}.sqlite"
    if url.startswith("sqlite"):
        shutil.copy(source, url.removeprefix("sqlite:///"))
        return
    src, dst = create_engine(f"sqlite:///{source}"), create_engine(url)
    try:
        with dst.begin() as conn:
            for statement in split_statements((FIXTURES / f"layout{layout}_ddl.sql").read_text("utf-8")):
                conn.exec_driver_sql(statement)
        names = [n for n in ("schema_meta", "loads", "documents", "sheets", "load_documents",
                             "indicator_values", "indicator_policies", "budget_values", "text_blocks",
                             "raw_cells", "validation_findings", "indicator_links", "indicator_mappings",
                             "version_pins")
                 if n in inspect(src).get_table_names()]
        with src.connect() as s, dst.begin() as d:
            for name in names:
                rows = [dict(r) for r in s.execute(select(Table(name, MetaData(), autoload_with=src))).mappings()]
                if rows:
                    d.execute(Table(name, MetaData(), autoload_with=dst).insert(), rows)
    finally:
        src.dispose()
        dst.dispose()


def _counts(url: str) -> dict[str, int]:
    """Rows per table of the database at ``url``."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return {n: conn.execute(select(func.count()).select_from(Table(n, MetaData(), autoload_with=conn))).scalar()
                    for n in inspect(conn).get_table_names() if n not in ("schema_meta", "alembic_version")}
    finally:
        engine.dispose()


def _columns(url: str) -> dict[str, list[str]]:
    """Column names in order, per table, of the database at ``url``."""
    engine = create_engine(url)
    try:
        insp = inspect(engine)
        return {t: [c["name"] for c in insp.get_columns(t)] for t in TABLES}
    finally:
        engine.dispose()


@pytest.mark.parametrize("layout", ["2", "3", "4"])
def test_an_old_release_warehouse_migrates_and_answers_every_view(url, layout, tmp_path):
    _old_warehouse(url, layout)
    before = _counts(url)
    out = runner.invoke(app, ["ingest", str(REPO / "samples" / "000-hiratsuka-r5-shisaku-4-1.pdf"), "--db", url])
    assert out.exit_code == 2 and f"layout version {layout}, this hyoka needs {SCHEMA_VERSION}" in out.output
    assert "run `hyoka migrate --db" in out.output and _counts(url) == before  # refused, untouched
    out = runner.invoke(app, ["views", "--db", url])
    assert out.exit_code == 2 and "hyoka migrate" in out.output
    engine = create_engine(url)
    try:
        result = migrate(engine)
    finally:
        engine.dispose()
    assert (result.from_layout, result.to_layout) == (layout, SCHEMA_VERSION)
    after = _counts(url)
    assert {t: after[t] for t in before} == before  # every row kept
    assert after["sheets"] == before.get("sheets", before["documents"])  # layout 2: one sheet per document
    fresh = f"sqlite:///{tmp_path / 'fresh.sqlite'}"
    Warehouse.connect(fresh).close()
    assert _columns(url) == _columns(fresh)  # exactly the layout of a new warehouse, column order too
    with Warehouse.connect(url, must_exist=True) as wh:
        for view in BI_VIEWS:
            wh.query(f"SELECT * FROM {view}")
        for view, columns in CONTRACT_COLUMNS.items():
            assert list(wh.tables[view].columns.keys()) == columns
        n = {v: wh.query(f"SELECT COUNT(*) AS n FROM {v}")[0]["n"] for v in CONTRACT_COLUMNS}
        assert n["v_documents"] == before["load_documents"] and n["v_indicator_values"] > 0
        assert n["v_sheets"] > 0 and n["v_text_blocks"] > 0 and n["v_raw_cells"] > 0
        statuses = {r["status"] for r in wh.query("SELECT status FROM v_documents")}
        assert statuses == {"loaded", "failed", "unchanged"}
        # layout 5: the stored version succession is filled by the migration, by the rules
        columns = ", ".join(VERSION_COLUMNS)
        stored = wh.query(f"SELECT {columns} FROM sheet_versions ORDER BY source_sha256, load_id, sheet_seq")
        assert stored == wh.query(f"SELECT {columns} FROM core_document_order "
                                  f"ORDER BY source_sha256, load_id, sheet_seq")
        assert len(stored) == after["sheets"]
        current = {r["source_sha256"][:8] for r in wh.query(
            "SELECT source_sha256 FROM v_sheets WHERE document_key = :k AND is_current", {"k": KEY_000})}
        # the republished correction is current — unless layout 4's pin (tests/fixtures/README.md) says otherwise
        assert current == ({"d0d1ed7a"} if layout == "4" else {"9e430a45"})
    out = runner.invoke(app, ["migrate", "--db", url])
    assert out.exit_code == 0 and "already at table layout" in out.output
    out = runner.invoke(app, ["ingest", str(REPO / "samples" / "000-hiratsuka-r5-shisaku-4-1.pdf"), "--db", url])
    assert out.exit_code == 0, out.output  # the migrated warehouse takes new loads
    assert _counts(url)["load_documents"] == before["load_documents"] + 1
    with Warehouse.connect(url, must_exist=True) as wh:  # its first relink covered the old loads too
        assert [r["linked_at"] for r in wh.query("SELECT linked_at FROM loads WHERE linked_at IS NULL")] == []


def test_read_commands_on_an_empty_database_create_nothing(url):
    """An empty PostgreSQL schema (or a missing SQLite file) stays empty."""
    engine = create_engine(url)
    try:
        for args in (["views"], ["show", "x.pdf"], ["loads"], ["migrate"]):
            out = runner.invoke(app, [*args, "--db", url])
            assert out.exit_code == 2 and "no hyoka warehouse at" in out.output, (args, out.output)
            if url.startswith("sqlite"):
                assert not Path(url.removeprefix("sqlite:///")).exists()
            else:
                assert inspect(engine).get_table_names() == [] and inspect(engine).get_view_names() == []
    finally:
        engine.dispose()
