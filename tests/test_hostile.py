"""The hostile corpus in one ``hyoka ingest`` run (issue 9, item 10 and acceptance 2).

tests/hostile/generate.py writes 50 hostile inputs (bombs, cycles, deep
nesting, truncations, broken xref/trailer, encryption with and without a
password, JavaScript, odd MediaBoxes, garbage text layers, blank files,
FIFO, device, dangling link, link loop, unreadable file, a non-UTF-8 name,
one name in two folders) plus two good samples.  One CLI run with two
workers under small limits (300 MB address space, 20 s, 64 MB inflated)
must end without a traceback, in bounded time, with a row and a specific
reason for every file (v_documents.error, or for ``needs_ocr`` its
finding.needs_ocr), the good files loaded, and the peak RSS of the
run's processes (the CLI and every worker: RUSAGE_CHILDREN) below the
memory limit.  About 15 s here.
"""
from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hyoka.paths import safe_text
from tests.conftest import SAMPLES
from tests.hostile.generate import generate

LIMITS = {"HYOKA_MAX_MEMORY_MB": "300", "HYOKA_MAX_SECONDS": "20", "HYOKA_MAX_DECOMPRESSED_MB": "64"}
HYOKA = Path(sys.executable).with_name("hyoka")


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    """(cases, CLI result, seconds, peak RSS in MB, {source_file: [rows]}) of one ingest."""
    out = tmp_path_factory.mktemp("hostile")
    good = sorted(SAMPLES.glob("*.pdf"))[:2]
    cases = generate(out, good, bomb_mb=200)
    db = out / "w.sqlite"
    named = [out / "corpus"] + sorted((out / "special").iterdir())
    # Peak RSS of this ingest alone: a fresh wrapper process runs the CLI and
    # reports RUSAGE_CHILDREN (the CLI and every worker it reaped), so earlier
    # tests' subprocesses of this pytest process cannot count.
    cmd = [str(HYOKA), "ingest", *map(str, named), "--db", f"sqlite:///{db}", "--workers", "2", "--json"]
    wrapper = ("import json, resource, subprocess, sys\n"
               "p = subprocess.run(json.loads(sys.argv[1]), capture_output=True)\n"
               "sys.stderr.buffer.write(p.stderr)\n"
               "sys.stdout.buffer.write(p.stdout)\n"
               "sys.stderr.write('\\nHYOKA_PEAK_KB=%d\\n' % resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
               "sys.exit(p.returncode)\n")
    t0 = time.monotonic()
    run = subprocess.run([sys.executable, "-c", wrapper, json.dumps(cmd)], capture_output=True,
                         env={**os.environ, **LIMITS}, timeout=300)
    seconds = time.monotonic() - t0
    marker = run.stderr.rsplit(b"HYOKA_PEAK_KB=", 1)
    peak_mb = int(marker[1].strip()) / 1024
    run = subprocess.CompletedProcess(run.args, run.returncode, run.stdout, marker[0].rstrip(b"\n"))
    con = sqlite3.connect(db)
    rows: dict[str, list] = {}
    for name, status, error in con.execute(
            "SELECT d.source_file, d.status, coalesce(d.error, f.message) FROM v_documents d "
            "LEFT JOIN validation_findings f ON f.source_sha256 = d.source_sha256 AND f.load_id = d.load_id "
            "AND f.rule_id = 'finding.needs_ocr'"):  # a needs_ocr document's reason is its finding
        rows.setdefault(name, []).append((status, error))
    con.close()
    return cases, run, seconds, peak_mb, rows


def test_at_least_30_kinds(hostile_run):
    cases = hostile_run[0]
    assert len({c.name for c in cases if not c.name.startswith("good")}) >= 30


def test_one_run_no_traceback_bounded(hostile_run):
    cases, run, seconds, peak_mb, _ = hostile_run
    stderr = run.stderr.decode("utf-8", "replace")
    assert "Traceback" not in stderr, stderr[-2000:]
    assert run.returncode == 1, stderr[-2000:]  # some documents failed, nothing else went wrong
    summary = json.loads(run.stdout)
    assert summary["documents"]["total"] == len(cases)
    assert seconds < 120, f"hostile ingest took {seconds:.0f} s"
    print(f"hostile ingest: {len(cases)} files in {seconds:.1f} s, peak RSS {peak_mb:.0f} MB")


def test_peak_rss_below_memory_limit(hostile_run):
    peak_mb = hostile_run[3]
    assert peak_mb < int(LIMITS["HYOKA_MAX_MEMORY_MB"]), f"peak RSS {peak_mb:.0f} MB"


def test_every_file_recorded_with_specific_reason(hostile_run):
    cases, _, _, _, rows = hostile_run
    wrong = []
    for case in cases:
        name = safe_text(case.path.name)
        assert rows.get(name), f"{case.name}: no v_documents row for {name!r}"
        status, error = rows[name].pop(0)
        if case.expect != "*" and status != case.expect:
            wrong.append(f"{case.name}: {status} ({error}), expected {case.expect}")
        elif case.reason and not re.search(case.reason, error or "", re.I):
            wrong.append(f"{case.name}: reason {error!r} does not match {case.reason!r}")
        elif status in ("failed", "needs_ocr") and not (error and len(error) > len(name) + 10):
            wrong.append(f"{case.name}: {status} without a specific reason ({error!r})")
        elif status == "failed" and re.search(r"Exception: ?$|error \w+: ?$", error):
            wrong.append(f"{case.name}: empty reason {error!r}")
    assert not wrong, "\n".join(wrong)


def test_good_files_loaded_with_facts(hostile_run):
    cases, *_ = hostile_run
    db = cases[0].path.parents[1] / "w.sqlite"
    con = sqlite3.connect(db)
    # v_sheets keeps every extraction (the 2022/2023 printings of the same sheets become current instead)
    n = con.execute("SELECT count(*) FROM v_sheets WHERE source_file IN ('good-1.pdf', 'good-2.pdf') "
                    "AND sheet_type <> 'unclassified'").fetchone()[0]
    garbage = con.execute("SELECT count(*) FROM v_indicator_values WHERE source_file IN "
                          "('cid-garbage.pdf', 'pua-garbage.pdf', 'mojibake.pdf')").fetchone()[0]
    con.close()
    assert n == 2
    assert garbage == 0
