"""Every usage or configuration error of ``hyoka`` ends in exactly one
non-empty line naming the problem and exit 2, never a traceback (issue 9,
item 9); passwords never appear in any output.  In-process with Typer's
CliRunner (stdout and stderr together), one case in a real subprocess.
No PDF is ingested: every error is found before a document is read."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from hyoka.cli import app
from tests.conftest import SAMPLES, pg_base_url

runner = CliRunner()
PDF = str(sorted(SAMPLES.glob("*.pdf"))[0])


def _pg(database: str | None = None, port: int | None = None) -> str:
    """The test server's URL with another database name or port."""
    from sqlalchemy import make_url
    url = make_url(pg_base_url())
    if database:
        url = url.set(database=database)
    if port:
        url = url.set(port=port, host="127.0.0.1")
    return url.render_as_string(hide_password=False)


CASES = {
    "db not a url": (lambda t: ["ingest", PDF, "--db", "x.sqlite"], "not a database URL"),
    "unknown dialect": (lambda t: ["ingest", PDF, "--db", "sqlit:///x"], "unknown database dialect 'sqlit'"),
    "sqlite folder missing": (lambda t: ["ingest", PDF, "--db", f"sqlite:///{t}/nodir/x.sqlite"], "does not exist"),
    "read-only sqlite": (lambda t: ["ingest", PDF, "--db", f"sqlite:///file:{t}/w.sqlite?mode=ro&uri=true"],
                         "read-only"),
    "pg unreachable": (lambda t: ["views", "--db", _pg(port=9)], "Connection refused"),
    "pg missing database": (lambda t: ["ingest", PDF, "--db", _pg(database="hyoka_no_such_db")],
                            'database "hyoka_no_such_db" does not exist'),
    "report out unwritable": (lambda t: ["report", "--out", "/proc/nope", "--db", f"sqlite:///{t}/w.sqlite"],
                              "--out /proc/nope"),
    "mapping not a csv": (lambda t: ["link", "--mapping", str(t / "bad.csv"), "--db", f"sqlite:///{t}/w.sqlite"],
                          "bad.csv"),
    "strategy choice": (lambda t: ["ingest", PDF, "--strategy", "camelott", "--db", f"sqlite:///{t}/n.sqlite"],
                        "'camelott' is not one of"),
    "measure choice": (lambda t: ["trace", "--file", "x", "--indicator", "y", "--measure", "nope"], "'nope' is not one of"),
    "reprocess takes no value": (lambda t: ["ingest", PDF, "--reprocess=yes", "--db", f"sqlite:///{t}/n.sqlite"],
                                 "does not take a value"),
    "missing path": (lambda t: ["ingest", str(t / "nope.pdf"), "--db", f"sqlite:///{t}/n.sqlite"], "no such file"),
    "read command, no warehouse": (lambda t: ["views", "--db", f"sqlite:///{t}/none.sqlite"], "warehouse at"),
    "quiet and verbose": (lambda t: ["-q", "-v", "views", "--db", f"sqlite:///{t}/w.sqlite"], "exclude each other"),
    "log file unwritable": (lambda t: ["--log-file", "/proc/nope/x.log", "views"], "--log-file /proc/nope/x.log"),
}


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    """A folder with an empty warehouse (opened read-only by one case) and a mapping file of random bytes."""
    t = tmp_path_factory.mktemp("cli_errors")
    from hyoka.load import Warehouse
    Warehouse.connect(f"sqlite:///{t}/w.sqlite").close()  # an empty warehouse of this layout
    (t / "bad.csv").write_bytes(bytes(range(128, 256)) * 4)
    return t


@pytest.mark.parametrize("case", list(CASES))
def test_configuration_error_is_one_line_and_exit_2(case, workdir):
    args, expected = CASES[case]
    result = runner.invoke(app, args(workdir), env={"COLUMNS": "80"})
    lines = [ln for ln in result.output.splitlines() if ln.strip()]
    assert result.exit_code == 2, (case, result.output)
    assert "Traceback" not in result.output
    assert len(lines) == 1, (case, lines)
    assert lines[0].startswith("error: ") and expected in lines[0], (case, lines)


def test_password_masked_and_real_exit_code_in_a_subprocess():
    """A real process: exit code 2, one line, the password never printed."""
    url = "postgresql+psycopg://hyoka:s3cret-pw@127.0.0.1:9/x"  # a closed port: nothing to connect to
    proc = subprocess.run([sys.executable, "-m", "hyoka.cli", "views", "--db", url], capture_output=True,
                          text=True, timeout=120, env={**os.environ, "COLUMNS": "80"})
    output = proc.stdout + proc.stderr
    assert proc.returncode == 2, output
    assert [ln for ln in output.splitlines() if ln.strip()] == [output.strip()]
    assert "s3cret-pw" not in output and "hyoka:***@127.0.0.1:9" in output


def test_mask_secrets_and_safe_url():
    from hyoka.console import mask_secrets, safe_url
    assert safe_url("postgresql+psycopg://u:p%40ss@h:5432/d") == "postgresql+psycopg://u:***@h:5432/d"
    assert mask_secrets("load 1 → postgresql://u:pw@h/d done") == "load 1 → postgresql://u:***@h/d done"
    assert mask_secrets("sqlite:///x.sqlite and postgresql://h:5432/d") == "sqlite:///x.sqlite and postgresql://h:5432/d"
