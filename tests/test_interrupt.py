"""kill -9 and SIGTERM in the middle of ``hyoka ingest`` (issue 9, acceptance 3).

A run of four samples is stopped once its first document is recorded:

- SIGTERM: exit 143, one line on stderr naming the signal (no traceback),
  the load ``interrupted`` with a message naming SIGTERM;
- SIGKILL: nothing can run, the load stays ``running``; ``hyoka loads``
  shows its process gone and the next ingest marks it ``interrupted``
  ("process gone").

Either way no document is half-loaded (each is one transaction), and a
re-run of the same command gives what one clean ingest gives.  SQLite (the
reader polling the progress never blocks the writer: WAL).  ~15 s.
"""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import time

import pytest

from hyoka.pipeline import ingest
from tests.conftest import SAMPLES
from tests.load.test_concurrency import HYOKA, counts, facts_by_sha, half_loaded, loads

FILES = [SAMPLES / "000-hiratsuka-r5-shisaku-4-1.pdf", SAMPLES / "004-atsugi-r5-sangyo-mp-torikumi.pdf",
         SAMPLES / "001-hiratsuka-h27-jigyo-sangyo-kasseika-kaigi.pdf",
         SAMPLES / "002-hiratsuka-h29-kobetsu-shisaku-I-1.pdf"]
ENV = {**os.environ, "COLUMNS": "200"}


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> dict:
    """Counts of one clean ingest of :data:`FILES`."""
    url = f"sqlite:///{tmp_path_factory.mktemp('interrupt') / 'clean.sqlite'}"
    assert not ingest(FILES, url).summary["failures"]
    return {"counts": counts(url), "facts": facts_by_sha(url)}


def _stopped_run(url: str, sig: int) -> tuple[subprocess.Popen, str, str]:
    """Start the ingest, send ``sig`` once its first document is recorded;
    returns (process, stdout, stderr) after it ended."""
    path = url.removeprefix("sqlite:///")
    proc = subprocess.Popen([HYOKA, "ingest", *map(str, FILES), "--db", url], env=ENV,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    recorded = 0
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
                recorded = db.execute("SELECT COUNT(*) FROM load_documents").fetchone()[0]
        except sqlite3.OperationalError:  # not created yet
            recorded = 0
        if recorded:
            break
        time.sleep(0.05)
    assert proc.poll() is None and recorded, "the run ended before it could be stopped"
    proc.send_signal(sig)
    out, err = proc.communicate(timeout=120)
    return proc, out, err


def _rerun_equals_clean(url: str, reference: dict) -> list[dict]:
    """Re-run the same ingest; assert exit 0 and clean-ingest counts; return the loads."""
    again = subprocess.run([HYOKA, "ingest", *map(str, FILES), "--db", url], env=ENV,
                           capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stdout[-2000:] + again.stderr[-2000:]
    assert counts(url) == reference["counts"]
    assert facts_by_sha(url) == reference["facts"]
    assert half_loaded(url) == []
    return loads(url)


def test_sigterm_marks_the_load_interrupted(tmp_path, reference):
    url = f"sqlite:///{tmp_path / 'term.sqlite'}"
    proc, _out, err = _stopped_run(url, signal.SIGTERM)
    assert proc.returncode == 128 + signal.SIGTERM
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and "interrupted by SIGTERM" in lines[0], err
    (run,) = loads(url)
    assert run["status"] == "interrupted" and "SIGTERM" in run["message"], run
    assert run["pid"] == proc.pid and run["finished_at"]
    assert 1 <= run["documents_total"] < len(FILES)
    assert half_loaded(url) == []
    first, second = _rerun_equals_clean(url, reference)
    assert first["status"] == "interrupted" and second["status"] == "finished"


def test_kill_9_is_marked_by_the_next_run(tmp_path, reference):
    url = f"sqlite:///{tmp_path / 'kill.sqlite'}"
    proc, _out, _err = _stopped_run(url, signal.SIGKILL)
    assert proc.returncode == -signal.SIGKILL
    (run,) = loads(url)
    assert run["status"] == "running" and run["pid"] == proc.pid
    assert half_loaded(url) == []
    listed = subprocess.run([HYOKA, "loads", "--db", url], env=ENV, capture_output=True, text=True, timeout=60)
    assert listed.returncode == 0 and "process gone" in listed.stdout, listed.stdout + listed.stderr
    first, second = _rerun_equals_clean(url, reference)
    assert first["load_id"] == run["load_id"]
    assert first["status"] == "interrupted" and first["message"].startswith("process gone"), first
    assert first["documents_total"] >= 1 and second["status"] == "finished"
