"""hyoka.ingest / hyoka.read on both backends (004 厚木市 plus one 平塚市 sheet,
ingested once per backend), compared with samples/expected/004.indicator_values.csv."""
from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

import hyoka
from tests.conftest import BACKENDS, fresh_db_url
from tests.expected import load_expected, sample_pdf


@pytest.fixture(scope="module", params=BACKENDS)
def db(request, tmp_path_factory):
    """A warehouse holding 004 and 000, via hyoka.ingest: (url, summary)."""
    url = fresh_db_url(request.param, tmp_path_factory.mktemp("api"), "api")
    summary = hyoka.ingest([sample_pdf("004"), sample_pdf("000")], db=url)
    return url, summary


def test_import_hyoka_is_cheap():
    code = "import sys, hyoka; print(sorted(m for m in ('pandas', 'sqlalchemy') if m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True).stdout.strip() == "[]"


def test_ingest_returns_the_load_summary(db):
    _, s = db
    assert s["documents"]["loaded"] == 2 and s["failures"] == []
    assert set(s["files"].values()) == {"loaded"} and len(s["files"]) == 2
    assert s["indicator_values"] > 0


def test_read_atsugi_equals_expected_file(db):
    url, _ = db
    df = hyoka.read("v_indicator_values", db=url, municipality="厚木市")
    assert set(df["municipality"]) == {"厚木市"}
    assert str(df["fiscal_year"].dtype) == "Int64" and str(df["page"].dtype) == "Int64"
    assert df["value"].dtype == "float64" and str(df["is_estimate"].dtype) == "boolean"
    exp = pd.DataFrame(load_expected("004")["indicator_values"])
    key = ["indicator_name", "fiscal_year", "measure"]
    cols = ["policy_code", "policy_name", "indicator_name", "unit", "fiscal_year", "measure", "value",
            "value_text", "status", "note", "is_estimate"]
    expected = pd.DataFrame({
        **{c: pd.Series([v or None for v in exp[c]], dtype="str") for c in
           ("policy_code", "policy_name", "indicator_name", "unit", "measure", "value_text", "status", "note")},
        "fiscal_year": pd.array([int(v) if v else None for v in exp["fiscal_year"]], dtype="Int64"),
        "value": pd.array([float(v) if v else float("nan") for v in exp["value"]], dtype="float64"),
        "is_estimate": pd.array([v == "true" for v in exp["is_estimate"]], dtype="boolean"),
    })[cols]
    got = df[cols].sort_values(key, na_position="first").reset_index(drop=True)
    expected = expected.sort_values(key, na_position="first").reset_index(drop=True)
    pd.testing.assert_frame_equal(got, expected)


def test_read_filters_and_errors(db):
    url, _ = db
    rows = hyoka.read("v_indicator_values", db=url, municipality="厚木市", fiscal_year=2023, measure="target")
    assert len(rows) > 0 and set(rows["fiscal_year"]) == {2023}
    assert len(hyoka.read("v_indicator_values", db=url, municipality=["厚木市", "平塚市"])) == \
        len(hyoka.read("v_indicator_values", db=url))
    with pytest.raises(ValueError, match="v_nope"):
        hyoka.read("v_nope", db=url)
    with pytest.raises(ValueError, match="colour"):
        hyoka.read("v_indicator_values", db=url, colour="red")
    sheets = hyoka.read("v_sheets", db=url)
    assert str(sheets["is_current"].dtype) == "boolean" and sheets["is_current"].all()


@pytest.mark.parametrize("encoding", ["cp932", "utf-8-sig", "utf-8"])
def test_link_mapping_accepts_excel_csv(db, tmp_path, encoding):
    """A reviewed mapping with Japanese indicator names, saved as Japanese Excel does."""
    from typer.testing import CliRunner

    from hyoka.cli import app
    url, _ = db
    names = hyoka.read("v_indicator_links", db=url, municipality_code="142123")["indicator_name"].tolist()
    path = tmp_path / "mapping.csv"
    path.write_bytes(("municipality_code,sheet_type,indicator_name,canonical_name\r\n"
                      f"142123,atsugi_jisshi_keikaku_torikumi,{names[0]},-\r\n").encode(encoding))
    r = CliRunner().invoke(app, ["link", "--mapping", str(path), "--db", url])
    assert r.exit_code == 0, r.output
    assert "1 mapping(s) stored" in r.output
    stored = hyoka.read("v_indicator_links", db=url, indicator_name=names[0])
    assert stored["method"].tolist() == ["mapping"]


def test_mapping_in_another_encoding_names_file_and_line(tmp_path):
    from hyoka.load.series import MappingFileError, read_mapping_file
    path = tmp_path / "m.csv"
    path.write_bytes("municipality_code,sheet_type,indicator_name,canonical_name\n".encode()
                     + "142123,t,Santé,-\n".encode("latin-1"))  # neither UTF-8 nor cp932
    with pytest.raises(MappingFileError, match=r"m\.csv:2: not UTF-8"):
        read_mapping_file(path)
