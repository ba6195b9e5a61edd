"""The wheel: one ``hyoka`` namespace, SQL and templates as package data.

Builds the wheel from this checkout, installs it into a fresh virtual
environment (the wheel itself with ``--no-deps``; its dependencies are taken
from the environment running the tests through a ``.pth`` path entry, which
adds no package of this project), and ingests a sample PDF from a working
directory outside the repository, so that nothing can be read from the
checkout.  Issue 9: the wheel used to carry none of the .sql files and to
install top-level ``extract`` / ``load`` / ``normalize`` packages.
"""
from __future__ import annotations

import json
import os
import site
import sqlite3
import subprocess
import sys
import tomllib
import venv
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "samples" / "000-hiratsuka-r5-shisaku-4-1.pdf"


def _declared_packages() -> dict[str, Path]:
    """Packages listed in pyproject.toml -> the folder each is built from."""
    cfg = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    dirs = cfg["package-dir"]
    out = {}
    for pkg in cfg["packages"]:
        root = max((k for k in dirs if pkg == k or pkg.startswith(k + ".")), key=len)
        rest = pkg[len(root):].lstrip(".").replace(".", "/")
        out[pkg] = REPO / dirs[root] / rest if rest else REPO / dirs[root]
    return out


def test_every_python_folder_is_a_declared_package():
    """A sub-package added to extract/ normalize/ load/ hyoka/ but not to
    pyproject.toml would be missing from the wheel."""
    declared = {p.resolve() for p in _declared_packages().values()}
    for top in ("hyoka", "extract", "normalize", "load"):
        for init in (REPO / top).rglob("__init__.py"):
            assert init.parent.resolve() in declared, f"{init.parent} is not listed in pyproject.toml packages"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    build = tmp_path_factory.mktemp("build")
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(out), str(REPO)],
        capture_output=True, text=True, cwd=build, env={**os.environ, "PIP_NO_INPUT": "1"},
    )
    if proc.returncode != 0:
        pytest.fail(f"pip wheel failed: {proc.stderr[-2000:]}")
    (whl,) = out.glob("hyoka-*.whl")
    return whl


def test_wheel_holds_one_namespace_and_its_data(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    tops = {n.split("/", 1)[0] for n in names if not n.split("/", 1)[0].endswith(".dist-info")}
    assert tops == {"hyoka"}
    sql_repo = sorted(p.relative_to(REPO / "sql").as_posix() for p in (REPO / "sql").rglob("*.sql"))
    sql_whl = sorted(n[len("hyoka/sql/"):] for n in names if n.startswith("hyoka/sql/") and n.endswith(".sql"))
    assert sql_whl == sql_repo and len(sql_repo) > 40
    tomls = {n for n in names if n.startswith("hyoka/normalize/templates/") and n.endswith(".toml")}
    assert {Path(n).name for n in tomls} == {p.name for p in (REPO / "normalize" / "templates").glob("*.toml")}
    assert "hyoka/report_templates/index.html.j2" in names


def test_installed_wheel_ingests_a_sample_outside_the_checkout(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    py = env_dir / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(py), "install", "-q", "--no-deps", str(wheel)],
        check=True, capture_output=True,
    )
    fresh_site = Path(subprocess.check_output(
        [str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], text=True).strip())
    # Dependencies from the test environment: a plain path entry (its .pth
    # files, e.g. an editable install of this checkout, are not executed).
    deps = [p for p in site.getsitepackages() if Path(p).is_dir()]
    (fresh_site / "zz_test_dependencies.pth").write_text("\n".join(deps) + "\n")
    installed = {p.name for p in fresh_site.iterdir()}
    assert not {"extract", "load", "normalize", "sql"} & installed

    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "HYOKA_DB", "HYOKA_TEMPLATES")}
    db = work / "w.sqlite"
    run = subprocess.run(
        [str(env_dir / "bin" / "hyoka"), "ingest", str(SAMPLE), "--db", f"sqlite:///{db}"],
        capture_output=True, text=True, cwd=work, env=env,
    )
    assert run.returncode == 0, run.stdout[-1500:] + run.stderr[-1500:]
    where = subprocess.check_output(
        [str(py), "-c", "import hyoka.load.sqlfiles as s; print(s.SQL_ROOT)"], text=True, cwd=work, env=env)
    assert Path(where.strip()).is_relative_to(fresh_site)
    con = sqlite3.connect(db)
    (n_values,) = con.execute(
        "SELECT count(*) FROM v_indicator_values WHERE source_file LIKE ?", ("%" + SAMPLE.name,)).fetchone()
    (status,) = con.execute("SELECT status FROM v_documents").fetchone()
    con.close()
    assert status == "loaded" and n_values > 20
    views = subprocess.run([str(env_dir / "bin" / "hyoka"), "views", "--db", f"sqlite:///{db}"],
                           capture_output=True, text=True, cwd=work, env=env)
    assert views.returncode == 0 and "v_indicator_values" in views.stdout
