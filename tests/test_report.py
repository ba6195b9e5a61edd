"""``hyoka report``: the static HTML report, written through the CLI from a
warehouse of the real samples, then opened from disk in headless Chromium
(Debian's ``chromium``; skipped with a message where it is not installed,
failed instead when HYOKA_REQUIRE_CHROMIUM is set: .ci/run installs it).  The DOM Chromium dumps is checked against what the
warehouse views hold: one rendered plotly chart per indicator series (the
``svg.main-svg`` children exist only once plotly.js ran from the bundled
file), markers only for values with status ok, the findings table with
every finding (the planted ones included) and crop links to PNGs on disk.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hyoka.cli import app
from hyoka.pipeline import ingest
from hyoka.load import Warehouse
from tests.conftest import SAMPLES

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-default-apps", "--disable-sync", "--no-first-run",
                  "--metrics-recording-only", "--virtual-time-budget=10000")
PLANTED = {p.name for p in (SAMPLES / "planted").glob("*.pdf")}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


# -- a small DOM for the assertions (stdlib only) -----------------------------

class Node:
    """An element: ``tag``, ``attrs`` (dict), ``children``, and its text."""

    def __init__(self, tag: str, attrs: dict[str, str], parent: "Node | None"):
        self.tag, self.attrs, self.parent, self.children, self.text = tag, attrs, parent, [], ""

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def walk(self):
        for c in self.children:
            yield c
            yield from c.walk()

    def find(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> list["Node"]:
        return [n for n in self.walk() if (tag is None or n.tag == tag) and (cls is None or cls in n.classes)
                and all(n.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())]

    def all_text(self) -> str:
        return self.text + "".join(c.all_text() for c in self.children)


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = self.cur = Node("#document", {}, None)

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: v or "" for k, v in attrs}, self.cur)
        self.cur.children.append(node)
        if tag not in VOID:
            self.cur = node

    def handle_startendtag(self, tag, attrs):
        self.cur.children.append(Node(tag, {k: v or "" for k, v in attrs}, self.cur))

    def handle_endtag(self, tag):
        n = self.cur
        while n is not None and n.tag != tag:
            n = n.parent
        if n is not None and n.parent is not None:
            self.cur = n.parent

    def handle_data(self, data):
        self.cur.text += data


def parse(html: str) -> Node:
    b = _Builder()
    b.feed(html)
    b.close()
    return b.root


# -- fixtures -----------------------------------------------------------------

@pytest.fixture(scope="module")
def report(tmp_path_factory) -> dict:
    """All samples (variants, republished, planted included) ingested into a
    fresh SQLite warehouse; the report written by ``hyoka report``; what the
    views hold, for the expectations."""
    tmp = tmp_path_factory.mktemp("report")
    url = f"sqlite:///{tmp / 'w.sqlite'}"
    result = ingest([SAMPLES], url)
    assert set(result.statuses.values()) == {"loaded"}
    out = tmp / "out"
    run = CliRunner().invoke(app, ["report", "--db", url, "--out", str(out)], env={"COLUMNS": "200"})
    assert run.exit_code == 0, run.output
    with Warehouse.connect(url) as wh:
        series = wh.query("SELECT * FROM v_indicator_series ORDER BY series_id, fiscal_year")
        findings = wh.query("SELECT * FROM v_validation_findings")
        review = wh.query("SELECT * FROM v_indicator_links WHERE method = 'review'")
        sheets = wh.query("SELECT * FROM v_sheets ORDER BY source_file, sheet_seq")
        shortfalls = wh.query("SELECT source_sha256, sheet_seq, message FROM validation_findings "
                              "WHERE rule_id = 'coverage.table_not_interpreted'")
    return {"tmp": tmp, "out": out, "output": run.output, "series": series, "findings": findings,
            "review": review, "sheets": sheets, "shortfalls": shortfalls}


def _by_series(rows: list[dict]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for r in rows:
        out.setdefault(r["series_id"], []).append(r)
    return out


# -- the written files (no browser needed) ------------------------------------

def test_report_files_open_from_disk(report):
    out = report["out"]
    html = (out / "index.html").read_text(encoding="utf-8")
    dom = parse(html)
    assert dom.find("meta", charset="utf-8")
    scripts = [s.attrs["src"] for s in dom.find("script") if "src" in s.attrs]
    assert scripts == ["assets/plotly.min.js"]            # bundled, relative, no CDN
    js = out / "assets" / "plotly.min.js"
    assert js.stat().st_size > 1_000_000 and b"Plotly" in js.read_bytes()[:2000] + js.read_bytes()[-5000:]
    assert not re.search(r"""(src|href)=["']https?://""", html)

    by_series = _by_series(report["series"])
    charts = dom.find("div", "series-chart")
    assert sorted(c.attrs["data-series-id"] for c in charts) == sorted(by_series)
    names = {n.text.strip() for n in dom.find("h4", "indicator-name")}
    assert {rows[-1]["indicator_name"] for rows in by_series.values()} <= names   # Japanese, unmangled
    # the CLI summary names what it wrote
    assert f"{len(by_series)} series" in report["output"] and f"{len(report['findings'])} findings" in report["output"]


def test_report_notes_values_not_plotted(report):
    """Values whose status is not ok are named under their chart (never drawn as 0)."""
    dom = parse((report["out"] / "index.html").read_text(encoding="utf-8"))
    notes = {a.find("div", "series-chart")[0].attrs["data-series-id"]: a.find("p", "not-plotted")
             for a in dom.find("article", "series")}
    expected_gaps = 0
    for sid, rows in _by_series(report["series"]).items():
        gaps = [f"FY{r['fiscal_year']} {m.replace('_', ' ')}: {r[m + '_status']}"
                for r in rows for m in ("target", "actual", "achievement_rate")
                if r[m + "_status"] not in (None, "ok")]
        expected_gaps += len(gaps)
        if gaps:
            text = notes[sid][0].all_text()
            for g in gaps:
                assert g in text, (sid, g, text)
        else:
            assert notes[sid] == []
    assert expected_gaps > 0          # the samples print 集計中, -, #VALUE! cells


def test_report_tables(report):
    dom = parse((report["out"] / "index.html").read_text(encoding="utf-8"))
    table = dom.find("table", id="findings")[0]
    rows = table.find("tr", "finding")
    assert sorted(r.attrs["data-finding-id"] for r in rows) == sorted(f["finding_id"] for f in report["findings"])
    planted = [f for f in report["findings"] if f["source_file"] in PLANTED]
    assert planted, "the planted samples yield findings"
    by_id = {r.attrs["data-finding-id"]: r for r in rows}
    for f in planted:
        row = by_id[f["finding_id"]]
        assert row.attrs["data-rule-id"] == f["rule_id"]
        assert row.find("td", "message")[0].all_text().strip() == f["message"]
        assert row.find("td", "source-file")[0].all_text().strip() == f["source_file"]
    review = dom.find("table", id="review-links")[0].find("tr", "review-link")
    assert sorted(r.find("td")[2].all_text() for r in review) == sorted(r["indicator_name"] for r in report["review"])


def test_report_lists_sheets_and_the_tables_not_read(report):
    """The sheets table holds every sheet of the one load (the book's five among
    them) and, for a sheet below coverage 1, the coverage finding of each
    table whose numbers no interpreter read."""
    dom = parse((report["out"] / "index.html").read_text(encoding="utf-8"))
    rows = dom.find("table", id="sheets")[0].find("tr", "sheet")
    got = [(r.find("td")[0].all_text().strip(), int(r.find("td")[1].all_text())) for r in rows]
    assert got == [(s["source_file"], s["sheet_seq"]) for s in report["sheets"]]
    assert sum(1 for f, _ in got if f.startswith("book-")) == 5
    low = [(r, s) for r, s in zip(rows, report["sheets"]) if "low-coverage" in r.attrs["class"]]
    assert low and len(low) == sum(1 for s in report["sheets"] if s["coverage"] is not None and s["coverage"] < 1)
    for r, sheet in low:
        listed = [d.all_text().strip() for d in r.find("td")[8].find("div")]
        named = [f["message"] for f in report["shortfalls"]
                 if (f["source_sha256"], f["sheet_seq"]) == (sheet["source_sha256"], sheet["sheet_seq"])]
        assert listed and listed == named


def test_report_crop_links_point_at_pngs(report):
    out = report["out"]
    dom = parse((out / "index.html").read_text(encoding="utf-8"))
    links = dom.find("a", "crop-link")
    assert links, "no crop links: " + "; ".join(n.all_text() for n in dom.find("span", "crop-unavailable"))
    for a in links:
        png = out / a.attrs["href"]
        assert png.is_file() and png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", a.attrs["href"]
    # one crop per distinct fact of the findings, none missing
    facts = {fid for f in report["findings"] for fid in (f["fact_ids"] or "").split()}
    assert {a.attrs["title"] for a in links} == facts
    assert not dom.find("span", "crop-unavailable")


# -- in headless Chromium -----------------------------------------------------

def _chromium(*args: str, profile: Path) -> subprocess.CompletedProcess:
    return subprocess.run([CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=60, check=False)


def test_report_renders_in_chromium(report):
    if CHROMIUM is None:
        if os.environ.get("HYOKA_REQUIRE_CHROMIUM"):
            pytest.fail("HYOKA_REQUIRE_CHROMIUM is set but chromium is not installed")
        pytest.skip("chromium not installed: apt-get install chromium (CI installs it)")
    out, tmp = report["out"], report["tmp"]
    url = (out / "index.html").resolve().as_uri()

    shot = tmp / "shot.png"
    run = _chromium("--screenshot=" + str(shot), "--window-size=1280,2000", url, profile=tmp / "profile-shot")
    assert shot.is_file(), run.stderr[-2000:]
    assert shot.stat().st_size > 20_000
    try:
        from PIL import Image
    except ImportError:  # pragma: no cover - Pillow comes with pdfplumber
        pass
    else:
        with Image.open(shot) as im:
            assert im.size == (1280, 2000)
            colours = im.convert("RGB").getcolors(maxcolors=1 << 20)
            assert colours is None or len(colours) > 50      # text and charts, not a blank page

    run = _chromium("--dump-dom", url, profile=tmp / "profile-dom")
    assert run.returncode == 0, run.stderr[-2000:]
    dom = parse(run.stdout)
    by_series = _by_series(report["series"])
    charts = {c.attrs["data-series-id"]: c for c in dom.find("div", "series-chart")}
    assert sorted(charts) == sorted(by_series)
    with_estimates = 0
    for sid, rows in by_series.items():
        chart = charts[sid]
        # rendered by plotly.js: its container and SVG exist only after the script ran
        assert chart.find("div", "plotly"), sid
        assert chart.find("svg", "main-svg"), sid
        # one marker per plotted value: target and actual with status ok only
        ok = sum(r["target_status"] == "ok" for r in rows) + sum(r["actual_status"] == "ok" for r in rows)
        assert len(chart.find("path", "point")) == ok, sid
        legend = {t.all_text() for t in chart.find("text", "legendtext")}
        estimates = any(r["actual_is_estimate"] and r["actual_status"] == "ok" for r in rows)
        assert ("actual (estimate)" in legend) == estimates, sid
        with_estimates += estimates
        unit = rows[-1]["unit"] or "(no unit)"
        assert unit in {t.all_text() for t in chart.find("text")}, sid
    assert with_estimates > 0          # the 令和5年度 取組状況 sheets print 見込み actuals

    rows = dom.find("table", id="findings")[0].find("tr", "finding")
    assert sorted(r.attrs["data-finding-id"] for r in rows) == sorted(f["finding_id"] for f in report["findings"])
    assert {f["finding_id"] for f in report["findings"] if f["source_file"] in PLANTED} <= \
        {r.attrs["data-finding-id"] for r in rows}
    links = dom.find("a", "crop-link")
    assert links and all((out / a.attrs["href"]).is_file() for a in links)
