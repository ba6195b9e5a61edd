"""Whole runs: re-ingesting, bad files beside good ones, and the CLI."""
from __future__ import annotations

import re
import shutil

import pytest
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from hyoka.cli import app
from hyoka.pipeline import ingest
from hyoka.load import Warehouse
from tests.conftest import CORPUS, SAMPLES, fresh_db_url

REAL_JP = CORPUS / "real-jp"


def fact_counts(url: str) -> dict[str, int]:
    with Warehouse.connect(url) as wh:
        counts = wh.counts()
    # load bookkeeping grows by design: one loads row and one
    # load_documents row (status 'unchanged') per file per run.
    return {t: n for t, n in counts.items() if t not in ("loads", "load_documents")}


def test_reingest_adds_nothing(db_url):
    first = ingest([SAMPLES], db_url)
    before = fact_counts(db_url)
    second = ingest([SAMPLES], db_url)
    assert set(first.statuses.values()) == {"loaded"}
    assert set(second.statuses.values()) == {"unchanged"}
    assert fact_counts(db_url) == before
    assert before["indicator_values"] > 0 and before["raw_cells"] > 0
    assert second.summary["indicator_values"] == 0 and second.summary["raw_cells"] == 0


@pytest.mark.skipif(not REAL_JP.exists(), reason="../shared/corpus not beside the checkout")
def test_bad_and_foreign_files_beside_samples(db_url, tmp_path):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "zero-byte.pdf").write_bytes(b"")
    (bad / "notes.pdf").write_text("これはPDFではありません\n", encoding="utf-8")
    result = ingest([SAMPLES, REAL_JP, bad], db_url)
    engine = create_engine(db_url)
    with engine.connect() as conn:
        docs = {r["source_file"]: dict(r) for r in conn.execute(text(
            "SELECT * FROM v_documents WHERE load_id = :l"), {"l": result.load_id}).mappings()}
        raw = dict(conn.execute(text("SELECT source_file, COUNT(*) FROM v_raw_cells GROUP BY source_file")).all())
    engine.dispose()
    assert docs["zero-byte.pdf"]["status"] == "failed"
    assert "zero-byte.pdf" in docs["zero-byte.pdf"]["error"] and "empty" in docs["zero-byte.pdf"]["error"]
    assert docs["notes.pdf"]["status"] == "failed" and "not a PDF" in docs["notes.pdf"]["error"]
    fuji = docs["fuji-r8-corrupt-streams.pdf"]
    assert fuji["status"] == "failed"  # damaged streams on every page: the file itself is broken
    for page in range(1, 6):
        assert f"page {page}:" in fuji["error"]
    assert "FlateDecode" in fuji["error"]
    others = {f: d for f, d in docs.items() if f not in ("zero-byte.pdf", "notes.pdf", fuji["source_file"])}
    assert {d["status"] for d in others.values()} == {"loaded"}
    # other cities' sheets without a template of ours stay unclassified with their cells kept;
    # 池田市 and 神戸市 have template files (normalize/templates/ikeda_*, kobe_*)
    for f in ("yokohama-r7-001.pdf", "yokohama-r7-004.pdf", "kyoto-r6-001.pdf", "kyoto-r6-002.pdf",
              "kyokuyo-kessan-tanshin-h26.pdf"):
        assert docs[f]["sheet_type"] == "unclassified", (f, docs[f]["classification_score"])
        assert raw[f] > 20, f
    templated = {f: d["sheet_type"] for f, d in others.items() if f.startswith(("ikeda-", "kobe-"))}
    assert templated == {**{f"ikeda-r7-00{i}.pdf": "ikeda_jimu_jigyo_hyoka" for i in range(1, 5)},
                         **{f"kobe-r25-00{i}.pdf": "kobe_jimu_jigyo_hyoka" for i in (1, 2, 4, 5)}}
    assert sum(1 for f, d in others.items() if d["sheet_type"] != "unclassified" and f not in templated) == \
        len(list(SAMPLES.rglob("*.pdf")))
    assert result.summary["documents"]["failed"] >= 2


def test_cli_ingest_reports_and_fails_on_bad_file(tmp_path):
    good = tmp_path / "in"
    good.mkdir()
    shutil.copy(next(SAMPLES.glob("000-*.pdf")), good)
    (good / "empty.pdf").write_bytes(b"")
    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    res = CliRunner().invoke(app, ["ingest", str(good), "--db", url])
    assert res.exit_code == 1, res.output
    assert "empty.pdf" in res.output and "file is empty" in res.output
    assert "indicator values" in res.output
    shown = CliRunner(env={"COLUMNS": "250"}).invoke(app, ["show", next(SAMPLES.glob("000-*.pdf")).name, "--db", url])
    assert shown.exit_code == 0, shown.output
    assert "創業者数（年間）" in shown.output and "hiratsuka_shisaku_hyoka" in shown.output
    views = CliRunner(env={"COLUMNS": "250"}).invoke(app, ["views", "--db", url])
    assert views.exit_code == 0, views.output
    for line in ("v_indicator_values", "v_budget_values", "v_text_blocks", "v_raw_cells", "v_documents"):
        assert line in views.output
    assert re.search(r"v_indicator_values\s*│\s*30\s*│", views.output)  # 000 has 30 indicator values
    missing = CliRunner().invoke(app, ["ingest", str(tmp_path / "nope"), "--db", url])
    assert missing.exit_code == 2 and "no such file" in missing.output
