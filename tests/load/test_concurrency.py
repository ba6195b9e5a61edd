"""Three ``hyoka ingest`` processes at once into one warehouse (issue 9, acceptance 1).

The runs: the same two files twice (X, X) and two other files once (Y: a
third sample and a copy of the first with one byte appended — other bytes,
the same sheet, so a second version of its document key).  On SQLite and on
PostgreSQL, into a fresh database (the schema is created by whichever run
gets there first) and into an existing one (already holding one of the
files).  Every run must exit 0 or 1 with every one of its files recorded
(none failed: they are good files), no load left ``running``, and the
table and view counts must equal one clean ingest of the union.  The
SQLite existing case also keeps a BI reader's read transaction open during
the runs: in WAL mode it must not block them.

Before the locks (load/warehouse.py) PostgreSQL stored every document twice
and relink crashed with UniqueViolation; SQLite recorded good files
``failed … database is locked``.  ~25 s on a loaded 2-core machine.
"""
from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from hyoka.pipeline import ingest
from tests.conftest import SAMPLES, fresh_db_url

#: The hyoka command of this environment (the venv running the tests).
HYOKA = str(Path(sys.executable).with_name("hyoka"))
#: Tables whose counts must equal a clean ingest of the union (loads and
#: load_documents differ by construction: three runs instead of one).
TABLES = ("documents", "sheets", "indicator_values", "indicator_policies", "budget_values",
          "text_blocks", "raw_cells", "validation_findings", "indicator_links")
VIEWS = ("v_indicator_values", "v_budget_values", "v_text_blocks", "v_raw_cells", "v_document_versions",
         "v_indicator_series", "v_indicator_links", "v_validation_findings")
#: Fact tables counted per SHA-256 (a half-loaded document differs there).
FACTS = ("sheets", "indicator_values", "indicator_policies", "budget_values", "text_blocks",
         "raw_cells", "validation_findings")


def other_bytes(src: Path, dest_dir: Path) -> Path:
    """A copy of ``src`` with one byte appended (a new SHA-256, the same sheet)."""
    dest = dest_dir / f"{src.stem}-plus-one-byte.pdf"
    shutil.copyfile(src, dest)
    with open(dest, "ab") as f:
        f.write(b"\n")
    return dest


def counts(url: str) -> dict[str, int]:
    """{table or view: rows} of :data:`TABLES` and :data:`VIEWS`."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return {t: conn.execute(text(f"SELECT COUNT(*) FROM {t}")).scalar_one() for t in (*TABLES, *VIEWS)}
    finally:
        engine.dispose()


def facts_by_sha(url: str) -> dict[str, dict[str, int]]:
    """{source_sha256: {fact table: rows}} over every stored extraction."""
    engine = create_engine(url)
    out: dict[str, dict[str, int]] = {}
    try:
        with engine.connect() as conn:
            for t in FACTS:
                for sha, n in conn.execute(text(f"SELECT source_sha256, COUNT(*) FROM {t} GROUP BY source_sha256")):
                    out.setdefault(sha, {})[t] = n
    finally:
        engine.dispose()
    return out


def half_loaded(url: str) -> list[str]:
    """Documents whose rows are incomplete: a documents row without its
    load_documents row (or the reverse), or facts of an extraction without
    its documents row.  Returns descriptions (empty when none)."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            q = [
                ("documents without load_documents",
                 "SELECT d.source_sha256 FROM documents d LEFT JOIN load_documents l ON l.load_id = d.load_id "
                 "AND l.source_sha256 = d.source_sha256 AND l.status IN ('loaded', 'needs_ocr') "
                 "WHERE l.load_id IS NULL"),
                ("load_documents loaded without documents",
                 "SELECT l.source_sha256 FROM load_documents l LEFT JOIN documents d ON d.load_id = l.load_id "
                 "AND d.source_sha256 = l.source_sha256 WHERE l.status IN ('loaded', 'needs_ocr') "
                 "AND d.load_id IS NULL"),
                *[(f"{t} without documents",
                   f"SELECT f.source_sha256 FROM {t} f LEFT JOIN documents d ON d.load_id = f.load_id "
                   f"AND d.source_sha256 = f.source_sha256 WHERE d.load_id IS NULL") for t in FACTS],
            ]
            return [f"{what}: {sha}" for what, sql in q for (sha,) in conn.execute(text(sql))]
    finally:
        engine.dispose()


def loads(url: str) -> list[dict]:
    """Every loads row with its load_documents statuses ({path: status})."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            rows = [dict(r) for r in conn.execute(text("SELECT * FROM loads ORDER BY load_id")).mappings()]
            for r in rows:
                r["files"] = dict(conn.execute(text(
                    "SELECT source_path, status FROM load_documents WHERE load_id = :l"), {"l": r["load_id"]}).all())
                r["errors"] = [e for (e,) in conn.execute(text(
                    "SELECT error FROM load_documents WHERE load_id = :l AND error IS NOT NULL"),
                    {"l": r["load_id"]})]
    finally:
        engine.dispose()
    return rows


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> dict:
    """The three runs' files, their union and the union's clean-ingest counts."""
    tmp = tmp_path_factory.mktemp("concurrency")
    x = [SAMPLES / "000-hiratsuka-r5-shisaku-4-1.pdf", SAMPLES / "001-hiratsuka-h27-jigyo-sangyo-kasseika-kaigi.pdf"]
    y = [SAMPLES / "005-hiratsuka-h28-jigyo-katsudo-shihyo.pdf", other_bytes(x[0], tmp)]
    union = [*x, *y]
    reference = f"sqlite:///{tmp / 'reference.sqlite'}"
    result = ingest(union, reference)
    assert not result.summary["failures"], result.summary["failures"]
    return {"runs": (x, x, y), "union": union, "counts": counts(reference),
            "facts": facts_by_sha(reference), "tmp": tmp}


@pytest.mark.parametrize("state", ["fresh", "existing"])
@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_three_concurrent_ingests_equal_one_clean_ingest(inputs, backend, state, tmp_path):
    url = fresh_db_url(backend, tmp_path, f"conc_{state}")
    before = 0
    reader = None
    if state == "existing":
        assert not ingest([inputs["union"][2]], url).summary["failures"]
        before = 1
        if backend == "sqlite":  # a BI client in the middle of a read transaction
            reader = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None)
            reader.execute("BEGIN")
            assert reader.execute("SELECT COUNT(*) FROM v_documents").fetchone()[0] == 1
    env = {**os.environ, "COLUMNS": "200"}
    procs = [subprocess.Popen([HYOKA, "ingest", *map(str, files), "--db", url], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for files in inputs["runs"]]
    outputs = [p.communicate(timeout=300) for p in procs]
    try:
        for p, (out, err) in zip(procs, outputs):
            assert p.returncode in (0, 1), f"exit {p.returncode}\n{out[-2000:]}\n{err[-2000:]}"
            assert "Traceback" not in err, err[-3000:]
        if reader is not None:  # the reader still sees its snapshot, and it blocked nobody
            assert reader.execute("SELECT COUNT(*) FROM v_documents").fetchone()[0] == 1
    finally:
        if reader is not None:
            reader.execute("ROLLBACK")
            reader.close()
    runs = loads(url)
    assert len(runs) == before + 3
    assert [r["load_id"] for r in runs if r["status"] != "finished"] == []  # none running, none aborted
    concurrent = runs[before:]
    for r in concurrent:
        assert sorted(r["files"].values()) != [] and len(r["files"]) == 2, r["files"]
        assert set(r["files"].values()) <= {"loaded", "unchanged"}, (r["files"], r["errors"])
    wanted = sorted(str(f.resolve()) for files in inputs["runs"] for f in files)
    assert sorted(p for r in concurrent for p in r["files"]) == wanted  # every file of every run recorded
    assert counts(url) == inputs["counts"]
    assert facts_by_sha(url) == inputs["facts"]
    assert half_loaded(url) == []
