"""Shared test fixtures: paths and warehouse URLs on both backends.

Every warehouse test runs on SQLite (a temp file) and on PostgreSQL (a
fresh schema in the server named by ``HYOKA_TEST_PG_URL``; .ci/run starts
one with .ci/postgres.sh).  Without that variable the PostgreSQL half is
skipped, unless ``HYOKA_REQUIRE_PG`` is set (CI), where it fails.
"""
from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"
EXPECTED = SAMPLES / "expected"
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"
BACKENDS = ("sqlite", "postgresql")


def pg_base_url() -> str:
    """The PostgreSQL URL from the environment, or skip/fail as the module doc says."""
    url = os.environ.get("HYOKA_TEST_PG_URL")
    if not url:
        if os.environ.get("HYOKA_REQUIRE_PG"):
            pytest.fail("HYOKA_REQUIRE_PG is set but HYOKA_TEST_PG_URL is not")
        pytest.skip("PostgreSQL not configured: run `eval $(bash .ci/postgres.sh)` and export HYOKA_TEST_PG_URL")
    return url


def fresh_db_url(backend: str, tmp_dir: Path, name: str) -> str:
    """A URL to an empty warehouse on ``backend`` ('sqlite' or 'postgresql')."""
    if backend == "sqlite":
        return f"sqlite:///{tmp_dir / (name + '.sqlite')}"
    base = pg_base_url()
    schema = f"t_{name}_{uuid.uuid4().hex[:8]}".lower()
    engine = create_engine(base)
    with engine.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()
    return base + ("&" if "?" in base else "?") + f"options=-csearch_path%3D{schema}"


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path) -> str:
    """An empty warehouse URL, once per backend."""
    return fresh_db_url(request.param, tmp_path, request.node.name.split("[")[0][:20])
