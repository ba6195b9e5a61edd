"""Versions by publication (issue 9, item 8): the printed-date reader, the
PDF dates, walk-order independence on the real samples (``hyoka ingest
samples`` against ``make demo``'s path order), reprints versus originals,
and ``hyoka versions`` with its pins."""
from __future__ import annotations

import re
import shutil
from datetime import date

import pypdf
import pytest
from hypothesis import given, strategies as st
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from hyoka.cli import CONTRACT_VIEWS, app
from hyoka.extract.document import pdf_date
from hyoka.normalize.published import dateline, labelled_dates, parse_date, printed_date
from hyoka.pipeline import ingest
from tests.conftest import BACKENDS, REPO, SAMPLES, fresh_db_url
from tests.expected import sample_pdf

runner = CliRunner()


def query(url: str, sql: str, **params) -> list[dict]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return [dict(r) for r in conn.execute(text(sql), params).mappings()]
    finally:
        engine.dispose()


# -- the printed-date reader (pure) ---------------------------------------------

@pytest.mark.parametrize("printed, iso", [
    ("令和5年7月1日", "2023-07-01"), ("令和５年７月１日", "2023-07-01"), ("令和 5 年 7 月 1 日", "2023-07-01"),
    ("令和元年5月1日", "2019-05-01"), ("平成31年4月30日", "2019-04-30"), ("R5.7.1", "2023-07-01"),
    ("令和五年七月一日", "2023-07-01"), ("2023年7月", "2023-07"), ("2023/7/1", "2023-07-01"),
    ("2023-07-01", "2023-07-01"), ("平成28年4月1日", "2016-04-01"),
    ("令和元年4月1日", None),  # before 令和 began (2019-05-01)
    ("平成32年4月1日", None),  # a plan's year, not a date (令和2年)
    ("2023年2月30日", None), ("5年7月1日", None),  # no era, not western
])
def test_parse_date(printed, iso):
    assert parse_date(printed) == iso


@given(st.dates(min_value=date(2019, 5, 1), max_value=date(2060, 12, 31)))
def test_reiwa_and_western_datelines_agree(d):
    """Any day printed as 令和N年M月D日, as 西暦 and full width reads as the same ISO date."""
    n = d.year - 2018
    era = f"令和{'元' if n == 1 else n}年{d.month}月{d.day}日"
    western = f"{d.year}年{d.month}月{d.day}日".translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"})
    assert dateline(era) == dateline(western) == d.isoformat()
    assert labelled_dates(f"作成日：{era}") == labelled_dates(f"（{western}更新）") == [d.isoformat()]


def test_labelled_dates_only_where_a_label_dates_the_sheet():
    assert labelled_dates("作成日：令和5年7月1日") == ["2023-07-01"]
    assert labelled_dates("公表日 2023/7/1 更新日 2023/8/2") == ["2023-07-01", "2023-08-02"]
    # seed 003 dates a figure ("as of"), seed 004 mentions dates in running text: neither is a publication
    assert labelled_dates("(職員数は平成28年4月1日現在)") == []
    assert labelled_dates("令和3年3月の条例改正を周知するため、企業誘致に関するパンフレットを作成し、") == []
    assert dateline("令和5年度") is None and dateline("4年度 令和5年7月1日") is None
    # the latest printed date wins (更新 after 作成); a dateline counts only where offered
    assert printed_date(["作成日 令和5年7月1日", "更新日 令和5年9月1日"]) == "2023-09-01"
    assert printed_date(["令和5年7月1日"]) is None
    assert printed_date([], ["令和5年7月1日"]) == "2023-07-01"


def test_pdf_dates():
    assert pdf_date({"ModDate": "D:20241007090000+09'00'"}, "ModDate") == "2024-10-07"
    assert pdf_date({"CreationDate": b"D:2024"}, "CreationDate") == "2024-01-01"
    assert pdf_date({"CreationDate": "D:20241399"}, "CreationDate") is None
    assert pdf_date({}, "ModDate") is None and pdf_date(None, "ModDate") is None


# -- walk order: `hyoka ingest samples` and `make demo` -------------------------------

#: Another order than the walk's: the hand-made order `make demo` used before
#: versions followed publication (other printings first, the corrected
#: republication last).  The walk reaches the top-level samples first.
OTHER_ORDER = ("samples/books", "samples/variants", "samples/planted", "samples/*.pdf", "samples/republished")


def other_order_paths() -> list:
    """:data:`OTHER_ORDER` as paths, globs expanded in sorted order."""
    out = []
    for a in OTHER_ORDER:
        out += sorted(REPO.glob(a)) if "*" in a else [REPO / a]
    return out


def test_make_demo_ingests_the_samples_folder_as_walked():
    """`make demo` is the plain folder walk, so the order test below covers it."""
    line = next(l for l in (REPO / "Makefile").read_text().splitlines() if "hyoka ingest" in l)
    assert line.split("hyoka ingest", 1)[1].split("--db")[0].split() == ["samples"]


@pytest.fixture(scope="module")
def walked(tmp_path_factory):
    """The samples folder ingested twice into fresh SQLite warehouses: a plain
    folder walk, and :data:`OTHER_ORDER` (other printings first)."""
    tmp = tmp_path_factory.mktemp("versions")
    walk, demo = f"sqlite:///{tmp / 'walk.sqlite'}", f"sqlite:///{tmp / 'demo.sqlite'}"
    ingest([SAMPLES], walk)
    paths = other_order_paths()
    assert paths[0].name == "books" and len(paths) > 5
    ingest(paths, demo)
    return walk, demo


VERSIONS = ("SELECT document_key, source_sha256, sheet_seq, source_file, version, published_at, "
            "published_source, is_current FROM v_document_versions")


def test_walk_order_does_not_choose_the_current_version(walked):
    """Acceptance: `hyoka ingest samples` (which `make demo` runs) and another
    path order give the same current versions, the same version order and the
    same contract view counts."""
    walk, demo = walked
    key = lambda r: (r["document_key"], r["version"], r["sheet_seq"])
    rows_walk = sorted(query(walk, VERSIONS), key=key)
    rows_demo = sorted(query(demo, VERSIONS), key=key)
    assert [(r["document_key"], r["source_sha256"], r["version"], bool(r["is_current"])) for r in rows_walk] == \
           [(r["document_key"], r["source_sha256"], r["version"], bool(r["is_current"])) for r in rows_demo]
    counts = lambda url: {v: query(url, f"SELECT COUNT(*) AS n FROM {v}")[0]["n"] for v in CONTRACT_VIEWS}
    assert counts(walk) == counts(demo)
    assert sum(bool(r["is_current"]) for r in rows_walk) == len({r["document_key"] for r in rows_walk})


def test_reprints_never_hide_their_originals(walked):
    """The A3 printing of 002 and the portrait printing of 004 (variants/, same
    date as their originals) are not current; 004's current version prints its
    wide table (its 計画 / 実績 texts are current), and every publication date
    is the PDF's CreationDate read independently (the samples print none)."""
    walk, _ = walked
    current = {r["source_file"] for r in query(walk, VERSIONS + " WHERE is_current")}
    assert sample_pdf("002").name in current
    assert not {sample_pdf("002v1").name, sample_pdf("004v1").name} & current
    sections = {r["section"] for r in query(walk, "SELECT DISTINCT section FROM v_text_blocks "
                                                  "WHERE document_key LIKE '142123/%/2023'")}
    assert {"計画", "実績"} <= sections
    for r in query(walk, VERSIONS):
        path = next(SAMPLES.rglob(r["source_file"]))
        raw = pypdf.PdfReader(path).metadata["/CreationDate"]
        assert (r["published_at"], r["published_source"]) == (
            "-".join(re.match(r"D:(\d{4})(\d{2})(\d{2})", raw).groups()), "pdf_creationdate")


def test_versions_command_and_pins(walked, tmp_path):
    """`hyoka versions KEY` lists the versions with their publication and marks
    the current one; --make-current pins a reviewed version (contract views
    follow), --unpin restores publication order; mistakes exit 2 in one line."""
    copy = tmp_path / "pins.sqlite"
    shutil.copy(walked[0][len("sqlite:///"):], copy)
    url = f"sqlite:///{copy}"
    key = "142034/hiratsuka_kobetsu_shisaku/I-(1)/2017"
    a3 = query(url, "SELECT source_sha256 FROM v_document_versions WHERE source_file = :f",
               f=sample_pdf("002v1").name)[0]["source_sha256"]
    shown = lambda: query(url, "SELECT DISTINCT source_file FROM v_indicator_values WHERE document_key = :k", k=key)
    listing = runner.invoke(app, ["versions", "I-(1)/2017", "--db", url], env={"COLUMNS": "250"})
    assert listing.exit_code == 0, listing.output
    assert key in listing.output and "2018-08-06" in listing.output and "pdf_creationdate" in listing.output
    current_line = next(l for l in listing.output.splitlines() if l.startswith("│ ●"))
    assert sample_pdf("002").name[:30] in current_line
    assert shown() == [{"source_file": sample_pdf("002").name}]

    pinned = runner.invoke(app, ["versions", key, "--make-current", a3[:10], "--reason", "reviewed", "--db", url],
                           env={"COLUMNS": "250"})
    assert pinned.exit_code == 0, pinned.output
    assert "● pinned" in pinned.output and "reviewed" in pinned.output
    assert shown() == [{"source_file": sample_pdf("002v1").name}]
    assert query(url, "SELECT source_sha256, reason FROM version_pins") == [{"source_sha256": a3, "reason": "reviewed"}]
    unpinned = runner.invoke(app, ["versions", key, "--unpin", "--db", url])
    assert unpinned.exit_code == 0 and shown() == [{"source_file": sample_pdf("002").name}]

    other = query(url, "SELECT source_sha256 FROM v_document_versions WHERE source_file = :f",
                  f=sample_pdf("003").name)[0]["source_sha256"]
    for args, said in ((["no/such/key"], "no document_key"), (["2023"], "part of several document keys"),
                       ([key, "--make-current", other[:12]], "is not a version of"),
                       ([key, "--make-current", "xyz"], "8+ hex digits"),
                       ([key, "--unpin"], "has no pin"),
                       ([key, "--unpin", "--make-current", a3], "not both")):
        out = runner.invoke(app, ["versions", *args, "--db", url], env={"COLUMNS": "250"})
        assert out.exit_code == 2 and said in out.output and "Traceback" not in out.output, (args, out.output)


# -- ties on both backends: within a run by content and name, across runs by reading then run -----------------

@pytest.mark.parametrize("backend", BACKENDS)
def test_same_day_printings_on_both_backends(backend, tmp_path):
    """002 and its A3 reprint in one run, in either order: 002 is current
    (same day, same reading: the shorter name).  Across runs: 004's portrait
    reprint ingested after 004 does not supersede it (004 reads more)."""
    for i, order in enumerate(((sample_pdf("002v1"), sample_pdf("002")), (sample_pdf("002"), sample_pdf("002v1")))):
        url = fresh_db_url(backend, tmp_path, f"ties{i}")
        ingest(list(order), url)
        assert query(url, "SELECT source_file FROM v_document_versions WHERE is_current") == [
            {"source_file": sample_pdf("002").name}]
    later = fresh_db_url(backend, tmp_path, "runs")
    ingest([sample_pdf("004")], later)
    ingest([sample_pdf("004v1")], later)  # a later run, same date, fewer numeric cells
    rows = query(later, "SELECT source_file, version, is_current FROM v_document_versions "
                        "WHERE document_key LIKE '142123/%' ORDER BY version")
    assert [(r["source_file"], r["version"], bool(r["is_current"])) for r in rows] == [
        (sample_pdf("004v1").name, 1, False), (sample_pdf("004").name, 2, True)]
