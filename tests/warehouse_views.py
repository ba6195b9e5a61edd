"""One comparison of two warehouses, for the tests that show a run gives
the serial run's warehouse (tests/test_workers.py, tests/test_distributed.py).

What is compared: every view of sql/views/ (the six contract views of
../shared/warehouse-contract.md, hyoka.cli.CONTRACT_VIEWS, and the
history, version, series, link, policy and finding views next to them),
every column, row for row.  What is not: the moments of the run
(:data:`RUN_TIMES`).  Load ids are not dropped but renamed by their order in
the warehouse (``<load 1>``, ...) wherever they occur in a value (load_id,
superseded_load_id, fact ids such as ``iv:3f2a9c1b0d4e:17@<load id>``), so
a fact or a supersession attached to the wrong load still differs.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import create_engine, text

from hyoka.cli import CONTRACT_VIEWS
from tests.conftest import REPO
from tests.expected import sample_pdf

#: Columns holding the time a run wrote something: differ between two runs by construction.
RUN_TIMES = frozenset({"recorded_at", "linked_at", "loaded_at", "started_at", "finished_at"})


def public_views() -> tuple[str, ...]:
    """The warehouse's views for readers: one per file of sql/views/, sorted."""
    views = tuple(sorted(p.stem for p in (REPO / "sql" / "views").glob("*.sql")))
    assert set(CONTRACT_VIEWS) <= set(views), "every contract view is in sql/views/"
    return views


def view_rows(url: str) -> dict[str, list[tuple]]:
    """{view: its rows as sorted tuples of (column, value)} for every
    :func:`public_views` view of the warehouse at ``url``, without the
    :data:`RUN_TIMES` columns, load ids inside values renamed ``<load N>``
    (N: the load's rank by load id, from 1)."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            loads = [r[0] for r in conn.execute(text("SELECT load_id FROM loads ORDER BY load_id"))]
            rename = {load: f"<load {n}>" for n, load in enumerate(loads, start=1)}

            def plain(value):  # noqa: ANN001, ANN202 - any column value
                if isinstance(value, str):
                    for load, name in rename.items():
                        value = value.replace(load, name)
                return value

            out = {}
            for view in public_views():
                res = conn.execute(text(f"SELECT * FROM {view}"))
                keep = [(i, c) for i, c in enumerate(res.keys()) if c not in RUN_TIMES]
                out[view] = sorted((tuple((c, plain(row[i])) for i, c in keep) for row in res), key=repr)
    finally:
        engine.dispose()
    return out


def assert_same_warehouse(expected_url: str, actual_url: str) -> dict[str, list[tuple]]:
    """Assert the warehouses at the two URLs hold the same rows in every
    public view (:func:`view_rows`); on a difference, name the view and the
    first differing row.  Returns the expected warehouse's rows."""
    a, b = view_rows(expected_url), view_rows(actual_url)
    for view in public_views():
        only_a = [r for r in a[view] if r not in b[view]]
        only_b = [r for r in b[view] if r not in a[view]]
        assert a[view] == b[view], (f"{view}: {len(a[view])} vs {len(b[view])} rows; first only in the "
                                    f"first: {only_a[:1]}; first only in the second: {only_b[:1]}")
    return a


def ingest_inputs(folder: Path) -> Path:
    """Copy into ``folder``, in this input order, samples 000, 002, 000's
    corrected reprint 000r1 (it supersedes 000: the order must hold), 004
    (10 pages) and an empty ``9-broken.pdf`` (recorded failed).  Returns
    ``folder`` (created if missing)."""
    folder.mkdir(parents=True, exist_ok=True)
    for i, sid in enumerate(("000", "002", "000r1", "004")):
        shutil.copy(sample_pdf(sid), folder / f"{i}-{sample_pdf(sid).name}")
    (folder / "9-broken.pdf").write_bytes(b"")
    return folder
