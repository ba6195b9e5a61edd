"""Dask ingest (hyoka/distributed.py, issue 10 item 2): a LocalCluster of two
single-threaded worker processes, driven through ``hyoka ingest --dask
ADDRESS``, gives the warehouse of a serial run row for row in every view of
sql/views/, the contract's six among them (tests/warehouse_views.py: only
the run's timestamps left out, load ids compared by rank), a file that is not a PDF recorded
``failed`` in both; an unreachable scheduler is one line and exit 2.

Cost: one LocalCluster start (~3 s) and two ingests of four samples
(~10 s on the 2-core machine)."""
from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from hyoka.cli import CONTRACT_VIEWS, app
from hyoka.pipeline import ingest
from tests.conftest import fresh_db_url
from tests.warehouse_views import assert_same_warehouse, ingest_inputs

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    """tests/warehouse_views.py's inputs: samples 000, 002, 000r1 (000's
    reprint), 004 and an empty ``9-broken.pdf``, in input order."""
    return ingest_inputs(tmp_path_factory.mktemp("dask-in"))


def test_dask_local_cluster_same_warehouse_as_serial(inputs, tmp_path):
    serial = fresh_db_url("sqlite", tmp_path, "serial")
    dask = fresh_db_url("sqlite", tmp_path, "dask")
    ingest([inputs], serial)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        result = CliRunner().invoke(app, ["ingest", str(inputs), "--db", dask, "--dask", cluster.scheduler_address])
    assert result.exit_code == 1, result.output  # the broken file failed, the others loaded
    a = assert_same_warehouse(serial, dask)
    assert set(CONTRACT_VIEWS) <= set(a)
    assert a["v_indicator_values"] and a["v_text_blocks"] and a["v_budget_values"]
    engine = create_engine(dask)
    with engine.connect() as conn:
        failed = conn.execute(text("SELECT source_file, error FROM v_documents WHERE status = 'failed'")).all()
        # the single writer recorded the files in input order
        order = [r[0] for r in conn.execute(text("SELECT source_file FROM load_documents ORDER BY rowid"))]
    engine.dispose()
    assert [f for f, _ in failed] == ["9-broken.pdf"] and "empty" in failed[0][1]
    assert order == sorted(p.name for p in inputs.iterdir())


def test_dask_unreachable_scheduler_is_a_usage_error(inputs, tmp_path):
    url = fresh_db_url("sqlite", tmp_path, "nodask")
    result = CliRunner().invoke(app, ["ingest", str(inputs / "9-broken.pdf"), "--db", url,
                                      "--dask", "tcp://127.0.0.1:9"])
    assert result.exit_code == 2
    assert "--dask tcp://127.0.0.1:9" in result.output and "Traceback" not in result.output
