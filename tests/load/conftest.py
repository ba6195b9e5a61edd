"""Fixtures for the warehouse tests: one Warehouse per test per backend.

Every test that takes ``warehouse`` (or ``url``) runs twice: on SQLite (a file
in pytest's tmp dir) and on PostgreSQL (a fresh schema in the database named
by $HYOKA_TEST_PG_URL, dropped afterwards; start one with .ci/postgres.sh).
Without $HYOKA_TEST_PG_URL the postgresql runs are skipped, saying why.
"""
from __future__ import annotations

import os
import secrets

import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.schema import CreateSchema, DropSchema

from hyoka.load.warehouse import Warehouse

PG_ENV = "HYOKA_TEST_PG_URL"


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path):
    """A SQLAlchemy URL of an empty database on the parametrized backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'warehouse.sqlite'}"
        return
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"${PG_ENV} is not set: run `eval $(bash .ci/postgres.sh | grep {PG_ENV})"
                    f" && export {PG_ENV}` to test on PostgreSQL")
    schema = f"hyoka_test_{secrets.token_hex(4)}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(CreateSchema(schema))
    try:
        yield make_url(base).update_query_dict(
            {"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(DropSchema(schema, cascade=True))
        admin.dispose()


@pytest.fixture
def warehouse(url):
    """A connected Warehouse on a fresh database/schema; closed after the test."""
    wh = Warehouse.connect(url)
    try:
        yield wh
    finally:
        wh.close()
