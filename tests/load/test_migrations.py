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
    succeed, and the database ends current (stamped head, layout 4)."""
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
