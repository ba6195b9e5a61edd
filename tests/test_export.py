"""hyoka export round-trips on both backends (004 and 000 ingested once per
backend): parquet read back equals the view, CSV bytes decode (BOM / cp932)
to the view's rows, cp932 refuses a character it lacks, unknown view exit 2."""
from __future__ import annotations

import csv
import io

import pandas as pd
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

import hyoka
from hyoka.cli import app
from hyoka.export import ExportEncodingError, write_csv
from tests.conftest import BACKENDS, fresh_db_url
from tests.expected import sample_pdf


@pytest.fixture(scope="module", params=BACKENDS)
def db(request, tmp_path_factory):
    url = fresh_db_url(request.param, tmp_path_factory.mktemp("export"), "export")
    hyoka.ingest([sample_pdf("004"), sample_pdf("000")], db=url)
    return url


def run(*args):
    return CliRunner().invoke(app, ["export", *map(str, args)])


def test_parquet_round_trip(db, tmp_path):
    r = run("v_indicator_values", "v_sheets", "--format", "parquet", "--out", tmp_path, "--db", db)
    assert r.exit_code == 0, r.output
    for view in ("v_indicator_values", "v_sheets"):
        back = pd.read_parquet(tmp_path / f"{view}.parquet")
        pd.testing.assert_frame_equal(back, hyoka.read(view, db=db))
    schema = pq.read_schema(tmp_path / "v_indicator_values.parquet")
    kinds = {n: str(schema.field(n).type) for n in ("fiscal_year", "value", "is_estimate", "indicator_name")}
    assert kinds["fiscal_year"] == "int64" and kinds["value"] == "double" and kinds["is_estimate"] == "bool"
    assert "string" in kinds["indicator_name"]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp932"])
def test_csv_has_the_views_characters(db, tmp_path, encoding):
    r = run("v_indicator_values", "--out", tmp_path, "--encoding", encoding, "--db", db)
    assert r.exit_code == 0, r.output
    data = (tmp_path / "v_indicator_values.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") == (encoding == "utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(data.decode(encoding), newline="")))
    view = hyoka.read("v_indicator_values", db=db)
    assert len(rows) == len(view)
    for col in ("municipality", "indicator_name", "value_text", "policy_name"):
        assert [r[col] for r in rows] == ["" if pd.isna(v) else v for v in view[col]]
    assert "厚木市" in {r["municipality"] for r in rows}


def test_cp932_refuses_a_character_it_lacks(db, tmp_path):
    frame = hyoka.read("v_text_blocks", db=db)
    frame.loc[3, "text"] = frame.loc[3, "text"] + "—"  # EM DASH U+2014: not in cp932
    with pytest.raises(ExportEncodingError, match=r"line 5, column text: .*U\+2014"):
        write_csv("v_text_blocks", frame, tmp_path / "t.csv", "cp932")
    assert not list(tmp_path.iterdir())  # nothing half-written


def test_xlsx_and_usage_errors(db, tmp_path):
    from openpyxl import load_workbook
    assert run("v_budget_values", "--format", "xlsx", "--out", tmp_path, "--db", db).exit_code == 0
    ws = load_workbook(tmp_path / "v_budget_values.xlsx").active
    assert ws.max_row == len(hyoka.read("v_budget_values", db=db)) + 1
    r = run("v_nope", "--out", tmp_path, "--db", db)
    assert r.exit_code == 2 and "v_nope" in r.output and "Traceback" not in r.output
