"""Worker processes (issue 10, Deliver 1; hyoka/workers.py).

- ``workers=2`` gives the same warehouse as an in-process run: every view
  of sql/views/ (the contract's six among them), row for row, only the run's
  timestamps left out and load ids compared by rank
  (tests/warehouse_views.py), over samples with a corrected reprint (a
  supersession) and a broken file; each worker reported its peak RSS;
- a worker that segfaults costs only its document, recorded failed with
  the signal, the others in input order;
- a worker over its memory limit (a real FlateDecode bomb with the
  decompression budget lifted, 300 MB address space) costs only its
  document, failed naming the memory limit.
- a worker over the wall-time limit is stopped; the next document goes on.
About 15 s here.
"""
from __future__ import annotations

import os
import re
import signal
import shutil
from pathlib import Path

from hyoka.extract.limits import Limits
from hyoka.pipeline import ingest
from hyoka.workers import Job, ProcessExecutor, run_job
from tests.conftest import SAMPLES
from tests.hostile.generate import flate_bomb, one_page
from tests.warehouse_views import assert_same_warehouse, ingest_inputs

FILES = [SAMPLES / n for n in ("000-hiratsuka-r5-shisaku-4-1.pdf", "003-hiratsuka-h28-sangyo-shinko-bu-hoshin.pdf",
                               "005-hiratsuka-h28-jigyo-katsudo-shihyo.pdf")]


def test_two_workers_same_warehouse_as_serial(tmp_path):
    inputs = ingest_inputs(tmp_path / "in")
    serial, parallel = f"sqlite:///{tmp_path / 's.sqlite'}", f"sqlite:///{tmp_path / 'p.sqlite'}"
    ingest([inputs], serial, workers=0)
    with ProcessExecutor(2) as ex:
        ingest([inputs], parallel, executor=ex)
        assert len(ex.peak_rss_mib) >= 1 and all(50 < mib < 2048 for mib in ex.peak_rss_mib.values())
    rows = assert_same_warehouse(serial, parallel)
    assert rows["v_indicator_values"] and rows["v_budget_values"], "the samples yield facts"
    current = {dict(r)["source_file"] for r in rows["v_sheets"] if dict(r)["is_current"]}
    assert "0-000-hiratsuka-r5-shisaku-4-1.pdf" not in current  # superseded by its reprint
    assert [dict(r)["status"] for r in rows["v_documents"] if dict(r)["source_file"] == "9-broken.pdf"] == ["failed"]


def segfault_on_crash(job: Job, limits: Limits):
    """A worker task that segfaults its process for a file named crash*.pdf."""
    if job.name.startswith("crash"):
        os.kill(os.getpid(), signal.SIGSEGV)
    return run_job(job, limits)


def _jobs(paths: list[Path]) -> list[Job]:
    from hyoka.extract import sha256_of
    return [Job(i, p, p.name, sha256_of(p)) for i, p in enumerate(paths)]


def test_segfault_costs_only_its_document(tmp_path):
    crash = tmp_path / "crash.pdf"
    shutil.copy(FILES[1], crash)
    paths = [FILES[0], crash, FILES[2]]
    with ProcessExecutor(2, Limits(max_seconds=60), task=segfault_on_crash) as ex:
        results = list(ex.map(_jobs(paths)))
    assert [j.path for j, _ in results] == paths  # input order
    statuses = [f.status for _, f in results]
    assert statuses[0] != "failed" and statuses[2] != "failed"
    assert statuses[1] == "failed"
    assert "SIGSEGV" in results[1][1].error


def test_memory_limit_costs_only_its_document(tmp_path):
    bomb = tmp_path / "bomb.pdf"
    data = flate_bomb(600)
    bomb.write_bytes(one_page(None, page_extra=b"/Contents 6 0 R", extra_objects={
        6: b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"}))
    limits = Limits(max_memory_mb=300, max_decompressed_mb=100_000, max_seconds=60)  # only memory stops it
    with ProcessExecutor(1, limits) as ex:  # one worker: the good file after the bomb needs a fresh one
        results = list(ex.map(_jobs([bomb, FILES[0]])))
    (_, bomb_facts), (_, good) = results
    assert bomb_facts.status == "failed"
    assert re.search(r"memory", bomb_facts.error), bomb_facts.error
    assert good.status == "loaded" and good.sheets


#: Bytes carried by the facts of :func:`facts_near_the_memory_limit`: they fit
#: in the worker's 400 MB address space once, not twice.
BALLAST_MB = 200


def facts_near_the_memory_limit(job: Job, limits: Limits):
    """A worker task whose facts for a file named big*.pdf hold BALLAST_MB of
    bytes: read fine, but pickling them back needs as much again."""
    facts = run_job(job, limits)
    if job.name.startswith("big"):
        facts.__dict__["ballast"] = bytes(BALLAST_MB << 20)
    return facts


def test_facts_too_big_to_return_cost_only_their_document(tmp_path):
    big = tmp_path / "big.pdf"
    shutil.copy(FILES[1], big)
    limits = Limits(max_memory_mb=400, max_seconds=60)
    with ProcessExecutor(1, limits, task=facts_near_the_memory_limit) as ex:
        results = list(ex.map(_jobs([big, FILES[0]])))
    (_, big_facts), (_, good) = results
    assert big_facts.status == "failed"
    assert big_facts.error == ("big.pdf: out of memory returning its facts to the writer: over the limit of "
                               "400 MB (max_memory_mb)")
    assert good.status == "loaded" and good.sheets


def test_wall_time_limit_costs_only_its_document(tmp_path):
    from tests.hostile.generate import bfrange_bomb_cmap, cid_font_page
    slow = tmp_path / "bfrange-bomb.pdf"  # a ToUnicode range of 2^32 codes: pdfminer fills it for minutes
    slow.write_bytes(cid_font_page(list(range(1, 40)), bfrange_bomb_cmap()))
    limits = Limits(max_memory_mb=4096, max_seconds=3)
    with ProcessExecutor(1, limits) as ex:
        results = list(ex.map(_jobs([slow, FILES[0]])))
    (_, slow_facts), (_, good) = results
    assert slow_facts.status == "failed"
    assert re.search(r"wall-time limit of 3 s", slow_facts.error), slow_facts.error
    assert good.status == "loaded"
