"""Incremental work after a write gives exactly what the full rewrite gives (issue 10).

After each step of a warehouse's life — loads of new sheets, a republished
correction, a ``--reprocess`` extraction, a pin and an unpin, a load aborted
before its relink — on SQLite and PostgreSQL:

- the stored version succession (sheet_versions, kept per touched key by
  load/versions.py) equals what the rules compute for every key from scratch
  (core_document_order over the whole warehouse);
- the indicator links rewritten for the touched series groups only
  (load/series.py relink after a load / for a key) equal a from-scratch
  relink of every group, row for row (linked_at aside: the time of writing);
- and the relink was incremental: a group no step touched keeps its
  linked_at.
"""
from __future__ import annotations

from typer.testing import CliRunner

from hyoka import __version__
from hyoka.cli import app
from hyoka.load import Warehouse
from hyoka.load.series import relink
from hyoka.load.versions import COLUMNS
from hyoka.pipeline import ingest, process_file
from tests.conftest import SAMPLES

runner = CliRunner()
KEY_000 = "142034/hiratsuka_shisaku_hyoka/４－①/2023"
LINK_COLUMNS = ("municipality_code", "sheet_type", "indicator_name", "series_id", "canonical_name",
                "method", "score", "candidates")


def _stored(wh: Warehouse) -> list[tuple]:
    """sheet_versions as stored, booleans as bool, in key order."""
    return _rows(wh, "sheet_versions")


def _rules(wh: Warehouse) -> list[tuple]:
    """What core_document_order computes for every key now."""
    return _rows(wh, "core_document_order")


def _rows(wh: Warehouse, source: str) -> list[tuple]:
    rows = wh.query(f"SELECT {', '.join(COLUMNS)} FROM {source}")
    return sorted(tuple(bool(r[c]) if c in ("is_current", "is_pinned") else r[c] for c in COLUMNS) for r in rows)


def _links(wh: Warehouse) -> list[tuple]:
    return sorted(tuple(r[c] for c in LINK_COLUMNS)
                  for r in wh.query(f"SELECT {', '.join(LINK_COLUMNS)} FROM indicator_links"))


def _linked_at(wh: Warehouse, code: str, sheet_type: str) -> set[str]:
    return {r["linked_at"] for r in wh.query(
        "SELECT linked_at FROM indicator_links WHERE municipality_code = :c AND sheet_type = :t",
        {"c": code, "t": sheet_type})}


def _check(url: str) -> None:
    """Stored versions == the rules from scratch; links == a full relink's."""
    with Warehouse.connect(url) as wh:
        assert _stored(wh) == _rules(wh)
        assert len(_stored(wh)) == wh.query("SELECT COUNT(*) AS n FROM sheets")[0]["n"]
        incremental = _links(wh)
        relink(wh)
        assert incremental == _links(wh)
        assert incremental  # the samples print indicators: there is something to compare


def test_incremental_versions_and_relink_equal_a_full_rewrite(url):
    s = {p.name[:3]: p for p in SAMPLES.glob("*.pdf")}
    ingest([s["000"], s["002"]], url)
    _check(url)
    with Warehouse.connect(url) as wh:
        kobetsu = _linked_at(wh, "142034", "hiratsuka_kobetsu_shisaku")
        assert kobetsu

    # a republished correction of 000 (a new version of its key) and a sheet of another city
    ingest([SAMPLES / "republished" / "000r1-hiratsuka-r5-shisaku-4-1-corrected.pdf", s["004"]], url)
    with Warehouse.connect(url) as wh:
        assert _linked_at(wh, "142034", "hiratsuka_kobetsu_shisaku") == kobetsu  # untouched group not rewritten
        current = wh.query("SELECT source_file FROM v_sheets WHERE document_key = :k AND is_current", {"k": KEY_000})
        assert {r["source_file"] for r in current} == {"000r1-hiratsuka-r5-shisaku-4-1-corrected.pdf"}
    _check(url)

    # a reviewer pins the first printing, then a re-extraction of 002 supersedes its first extraction
    with Warehouse.connect(url) as wh:
        first = wh.query("SELECT source_sha256 FROM v_document_versions WHERE document_key = :k AND version = 1",
                         {"k": KEY_000})[0]["source_sha256"]
    out = runner.invoke(app, ["versions", KEY_000, "--make-current", first[:12], "--db", url])
    assert out.exit_code == 0, out.output
    with Warehouse.connect(url) as wh:
        current = wh.query("SELECT source_sha256 FROM v_sheets WHERE document_key = :k AND is_current", {"k": KEY_000})
        assert {r["source_sha256"] for r in current} == {first}
    _check(url)
    ingest([s["002"]], url, reprocess=True)
    with Warehouse.connect(url) as wh:
        extractions = wh.query("SELECT extraction, is_current FROM v_document_versions WHERE source_sha256 IN "
                               "(SELECT source_sha256 FROM documents WHERE source_file LIKE '002-%') "
                               "ORDER BY extraction")
        assert [(r["extraction"], bool(r["is_current"])) for r in extractions] == [(1, False), (2, True)]
    _check(url)

    # a load that ends before its relink (aborted): the next load's relink covers its groups too
    with Warehouse.connect(url) as wh:
        aborted = wh.begin_load(__version__)
        assert wh.record(aborted, process_file(s["005"]), source_path=str(s["005"])) == "loaded"
        wh.finish_load(aborted, "aborted")
        assert wh.query("SELECT linked_at FROM loads WHERE load_id = :l", {"l": aborted})[0]["linked_at"] is None
    ingest([s["003"]], url)
    with Warehouse.connect(url) as wh:
        assert wh.query("SELECT linked_at FROM loads WHERE load_id = :l", {"l": aborted})[0]["linked_at"]
    _check(url)

    out = runner.invoke(app, ["versions", KEY_000, "--unpin", "--db", url])
    assert out.exit_code == 0, out.output
    with Warehouse.connect(url) as wh:
        current = wh.query("SELECT source_file FROM v_sheets WHERE document_key = :k AND is_current", {"k": KEY_000})
        assert {r["source_file"] for r in current} == {"000r1-hiratsuka-r5-shisaku-4-1-corrected.pdf"}
    _check(url)
