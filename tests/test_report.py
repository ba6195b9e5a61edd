"""``hyoka report``: the static Japanese HTML report, written by hyoka.report.build_report
(what ``hyoka report`` runs) from two SQLite warehouses — the real samples (variants, republished and
planted included) and about 320 indicator series ingested from generated
sheets (tests/report_warehouse.py, built once for the module) — then opened
from disk in headless Chromium (Debian's ``chromium`` over the DevTools
protocol; skipped with a message where it is not installed, failed instead
when HYOKA_REQUIRE_CHROMIUM is set: .ci/run installs it).

Checked against what the views hold: Japanese labels and template names
(no template or series ids under chart titles), the summary's 達成 / 概ね達成 /
未達成 / 集計中 counts against a SQL count over v_indicator_values, every
chart container drawn once scrolled to (and not before: lazy), markers
only for values with status ok, the contents search and filters, the
documents' latest state and current printing, the findings with labelled
crops.  First paint, DOM size and page height are printed (bench/README.md
"Report" has the numbers).  The report reads views that tests/load check on
both backends, so this module uses SQLite only.
"""
from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hyoka.load import Warehouse
from hyoka.normalize.era import format_fiscal_year
from hyoka.normalize.templates.registry import all_templates
from hyoka.pipeline import ingest
from hyoka.report import build_report
from hyoka.trace import trace_fact
from tests.conftest import SAMPLES
from tests.report_warehouse import CHROMIUM, Chromium, build_warehouse, scroll_check

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

def _write_report(url: str, out: Path, *, crops: bool = True) -> str:
    """build_report, as ``hyoka report --db URL --out DIR [--no-crops]`` calls it;
    returns a summary line like the command's."""
    with Warehouse.connect(url) as wh:
        r = build_report(wh, out, db_url=url, crops=crops)
    return f"{r.series} series, {r.findings} findings ({r.crops} crops)"


def _views(url: str) -> dict:
    with Warehouse.connect(url) as wh:
        return {
            "series": wh.query("SELECT * FROM v_indicator_series ORDER BY series_id, fiscal_year"),
            "findings": wh.query("SELECT * FROM v_validation_findings"),
            "review": wh.query("SELECT * FROM v_indicator_links WHERE method = 'review'"),
            "sheets": wh.query("SELECT * FROM v_sheets ORDER BY source_file, sheet_seq"),
            "shortfalls": wh.query("SELECT source_sha256, sheet_seq, message FROM validation_findings "
                                   "WHERE rule_id = 'coverage.table_not_interpreted'"),
            "documents": wh.query("SELECT * FROM v_documents ORDER BY load_id"),
            "versions": wh.query("SELECT source_sha256, is_current, superseded_by_sha256 FROM v_document_versions"),
            "verdicts": wh.query(VERDICT_SQL),
        }


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> dict:
    """All samples ingested into a fresh SQLite warehouse; the report written
    by ``hyoka report``; what the views hold, for the expectations."""
    tmp = tmp_path_factory.mktemp("report")
    url = f"sqlite:///{tmp / 'w.sqlite'}"
    result = ingest([SAMPLES], url)
    assert set(result.statuses.values()) == {"loaded"}
    out = tmp / "out"
    output = _write_report(url, out)
    return {"tmp": tmp, "out": out, "url": url, "output": output, **_views(url)}


@pytest.fixture(scope="module")
def large(tmp_path_factory) -> dict:
    """The generated warehouse (tests/report_warehouse.py), ingested twice —
    the second run finds every file unchanged — and its report (no crops:
    the samples' report checks them)."""
    tmp = tmp_path_factory.mktemp("large")
    url, statuses = build_warehouse(tmp)
    assert set(statuses.values()) == {"loaded"}
    again = ingest([tmp / "pdf"], url)
    assert set(again.statuses.values()) == {"unchanged"}
    out = tmp / "out"
    output = _write_report(url, out, crops=False)
    return {"tmp": tmp, "out": out, "url": url, "output": output, **_views(url)}


def _require_chromium() -> None:
    if CHROMIUM is None:
        if os.environ.get("HYOKA_REQUIRE_CHROMIUM"):
            pytest.fail("HYOKA_REQUIRE_CHROMIUM is set but chromium is not installed")
        pytest.skip("chromium not installed: apt-get install chromium (CI installs it)")


def _scrolled(data: dict, name: str) -> dict:
    """scroll_check of a report, once per fixture; its numbers printed."""
    if "scrolled" not in data:
        _require_chromium()
        got = scroll_check(data["out"], data["tmp"] / "profile", screenshot=data["tmp"] / "shot.png")
        charts = got["charts"]
        print(f"\n[report {name}] series {len(_by_series(data['series']))}, chart containers {len(charts)}, "
              f"index.html {got['html_bytes'] / 1e6:.2f} MB, load {got['load_s']:.2f} s, "
              f"first contentful paint {got['first_contentful_paint_ms']:.0f} ms, "
              f"DOM elements {got['dom_before']} before scrolling / {got['dom_after']} after, "
              f"charts drawn before scrolling {got['drawn_before_scroll']}, "
              f"scroll-through {got['scroll_ms'] / 1000:.1f} s, page height {got['page_height']} px")
        data["scrolled"] = got
    return data["scrolled"]


def _by_series(rows: list[dict]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for r in rows:
        out.setdefault(r["series_id"], []).append(r)
    return out


def _page(data: dict) -> Node:
    return parse((data["out"] / "index.html").read_text(encoding="utf-8"))


def _visible_text(node: Node) -> str:
    """Text outside script/style/code and the findings' messages (data as the
    validators word it): what a reader sees as the report's labels."""
    if node.tag in ("script", "style", "code") or "message" in node.classes:
        return ""
    return node.text + " ".join(_visible_text(c) for c in node.children)


# The summary's expectation, counted in SQL over v_indicator_values: each
# (municipality, template, indicator, year) 結果 once, from the sheet with the
# latest document_fiscal_year; 集計中 when the 結果 or its 実績 is pending.
VERDICT_SQL = """
WITH r AS (
    SELECT v.municipality_code, v.policy_code, v.fiscal_year, v.value_text, v.status, a.status AS actual_status,
           ROW_NUMBER() OVER (PARTITION BY v.municipality_code, v.sheet_type, v.indicator_name, v.fiscal_year
                              ORDER BY v.document_fiscal_year DESC, v.source_file, v.sheet_seq) AS n
    FROM v_indicator_values AS v
    LEFT JOIN v_indicator_values AS a
      ON a.source_sha256 = v.source_sha256 AND a.sheet_seq = v.sheet_seq AND a.indicator_name = v.indicator_name
     AND a.fiscal_year = v.fiscal_year AND a.measure = 'actual'
    WHERE v.measure = 'result' AND v.fiscal_year IS NOT NULL
), c AS (
    SELECT r.*, CASE
        WHEN status = 'ok' AND value_text LIKE '概ね達成%' THEN 'mostly'
        WHEN status = 'ok' AND value_text LIKE '未達成%' THEN 'not_achieved'
        WHEN status = 'ok' AND value_text LIKE '達成%' THEN 'achieved'
        WHEN status = 'pending' OR actual_status = 'pending' THEN 'pending'
        ELSE 'none' END AS category
    FROM r WHERE n = 1
)
SELECT municipality_code, policy_code, fiscal_year, category, COUNT(*) AS n
FROM c GROUP BY municipality_code, policy_code, fiscal_year, category
"""
CATEGORIES = ("achieved", "mostly", "not_achieved", "pending", "none")


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
    # charts are data until scrolled to: no plotly markup in the file
    assert not dom.find("svg") and all(not c.children for c in dom.find("div", "lazy-chart"))
    names = {n.text.strip() for n in dom.find("h4", "indicator-name")}
    assert {rows[-1]["indicator_name"] for rows in by_series.values()} <= names   # Japanese, unmangled
    # a rate chart beside the target-vs-actual chart exactly where a rate is printed
    rated = {sid for sid, rows in by_series.items() if any(r["achievement_rate_status"] == "ok" for r in rows)}
    assert rated and {c.attrs["data-series-id"] for c in dom.find("div", "rate-chart")} == rated
    assert f"{len(by_series)} series" in report["output"] and f"{len(report['findings'])} findings" in report["output"]


@pytest.mark.parametrize("which", ["report", "large"])
def test_report_labels_are_japanese(which, request):
    """目標 / 実績 / 達成率 / 年度 and 令和 years in the page; template titles and
    municipalities, never template or series ids, under the chart titles; no
    English chart labels left."""
    data = request.getfixturevalue(which)
    dom = _page(data)
    text = _visible_text(dom)
    for label in ("目標", "実績", "達成率", "年度", "集計", "目次", "資料一覧", "検証の指摘"):
        assert label in text, label
    years = {r["fiscal_year"] for r in data["series"]}
    assert 2023 in years and format_fiscal_year(2023) == "令和5年度" and "令和5年度" in text
    for word in ("target", "actual", "fiscal year", "FY20", "printed in", "achievement rate"):
        assert word not in text, word
    sheet_types = {r["sheet_type"] for r in data["series"]}
    titles = {t.name: t.title for t in all_templates()}       # the registry's Japanese names
    assert titles["hiratsuka_shisaku_hyoka"] == "施策評価シート【分野別施策】"
    cards = dom.find("article", "series")
    assert len(cards) == len(_by_series(data["series"]))
    for card in cards:
        sub = card.find("div", "sub")[0].all_text()
        rows = _by_series(data["series"])[card.attrs["data-series-id"]]
        assert rows[-1]["municipality"] in sub
        assert titles[rows[-1]["sheet_type"]] in sub, sub
        head = card.find("h4")[0].all_text() + sub
        assert not any(t in head for t in sheet_types) and card.attrs["data-series-id"] not in head
    # the font stack names CJK fonts and the page says what to install
    assert "Noto Sans CJK JP" in dom.find("style")[0].all_text()
    assert "fonts-noto-cjk" in dom.find("p", id="font-note")[0].all_text()


def test_report_notes_values_not_plotted(report):
    """Values whose status is not ok are named under their chart (never drawn as 0)."""
    from hyoka.report import MEASURES, STATUSES
    dom = _page(report)
    notes = {a.attrs["data-series-id"]: a.find("p", "not-plotted") for a in dom.find("article", "series")}
    expected_gaps = 0
    for sid, rows in _by_series(report["series"]).items():
        gaps = [f"{r['fiscal_year']}年度（{format_fiscal_year(r['fiscal_year'])}） {MEASURES[m]}: "
                f"{STATUSES[r[m + '_status']]}"
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
    assert "集計中" in STATUSES.values()


@pytest.mark.parametrize("which", ["report", "large"])
def test_summary_counts_equal_sql(which, request):
    """Each municipality's summary: per policy and fiscal year, the counts of
    達成 / 概ね達成 / 未達成 / 集計中 / 判定なし equal a SQL count over
    v_indicator_values; the totals row adds them up."""
    data = request.getfixturevalue(which)
    dom = _page(data)
    expected: dict[tuple, dict[str, int]] = {}
    for r in data["verdicts"]:
        key = (r["municipality_code"] or "", r["policy_code"] or "", int(r["fiscal_year"]))
        expected.setdefault(key, dict.fromkeys(CATEGORIES, 0))[r["category"]] += r["n"]
    got: dict[tuple, dict[str, int]] = {}
    totals: dict[tuple, dict[str, int]] = {}
    for table in dom.find("table", "verdict-summary"):
        code = table.attrs["data-municipality-code"]
        for td in table.find("td", "verdict-cell"):
            if "empty" in td.classes:
                continue
            counts = {k: int(td.attrs[f"data-{k}"]) for k in CATEGORIES}
            if "total-cell" in td.classes:
                totals[(code, int(td.attrs["data-fiscal-year"]))] = counts
                continue
            key = (code, td.attrs["data-policy-code"], int(td.attrs["data-fiscal-year"]))
            cell = got.setdefault(key, dict.fromkeys(CATEGORIES, 0))
            for k, n in counts.items():
                cell[k] += n
    assert got == expected
    by_year: dict[tuple, dict[str, int]] = {}
    for (code, _, year), counts in expected.items():
        t = by_year.setdefault((code, year), dict.fromkeys(CATEGORIES, 0))
        for k, n in counts.items():
            t[k] += n
    assert totals == by_year
    seen = {k for c in expected.values() for k, n in c.items() if n}
    assert {"achieved", "mostly", "not_achieved"} <= seen, seen       # 厚木市 prints 結果 rows
    # a municipality whose sheets print no 結果 says so instead of an empty table
    printed = {code for code, _, _ in expected}
    for section in dom.find("section", "municipality"):
        has_table = bool(section.find("table", "verdict-summary"))
        assert has_table == (section.attrs["data-municipality-code"] in printed)
        assert has_table or section.find("p", "summary-none")


def test_report_tables(report):
    dom = _page(report)
    table = dom.find("table", id="findings")[0]
    rows = table.find("tr", "finding")
    assert sorted(r.attrs["data-finding-id"] for r in rows) == sorted(f["finding_id"] for f in report["findings"])
    # The planted sheets' findings, wherever their current printing is: the
    # book (published later) binds 001p's sheet, so it may carry them.
    keys = {s["document_key"] for s in report["sheets"] if s["source_file"] in PLANTED}
    current = [s for s in report["sheets"] if s["document_key"] in keys and s["is_current"]]
    planted = [f for f in report["findings"] if any(
        f["source_sha256"] == s["source_sha256"] and s["first_page"] <= (f["page"] or 0) <= s["last_page"]
        for s in current)]
    assert planted, "the planted samples' sheets yield findings"
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
    them), current or not as v_sheets says, and, for a sheet below coverage 1,
    the coverage finding of each table whose numbers no interpreter read."""
    dom = _page(report)
    rows = dom.find("table", id="sheets")[0].find("tr", "sheet")
    got = [(r.find("td")[0].all_text().strip(), int(r.find("td")[1].all_text())) for r in rows]
    assert got == [(s["source_file"], s["sheet_seq"]) for s in report["sheets"]]
    assert sum(1 for f, _ in got if f.startswith("book-")) == 5
    assert [r.attrs["data-current"] for r in rows] == ["1" if s["is_current"] else "0" for s in report["sheets"]]
    assert "0" in {r.attrs["data-current"] for r in rows}        # the republished sample supersedes 000
    low = [(r, s) for r, s in zip(rows, report["sheets"]) if "low-coverage" in r.attrs["class"]]
    assert low and len(low) == sum(1 for s in report["sheets"] if s["coverage"] is not None and s["coverage"] < 1)
    for r, sheet in low:
        listed = [d.all_text().strip() for d in r.find("td")[8].find("div")]
        named = [f["message"] for f in report["shortfalls"]
                 if (f["source_sha256"], f["sheet_seq"]) == (sheet["source_sha256"], sheet["sheet_seq"])]
        assert listed and listed == named


@pytest.mark.parametrize("which", ["report", "large"])
def test_documents_show_latest_state_and_current_printing(which, request):
    """One row per file: its latest load's status; where that is 'unchanged'
    (the large warehouse was ingested twice) the load that extracted the
    content is named; the current printing is marked as v_document_versions
    says (the republished sample supersedes the first printing of 000)."""
    data = request.getfixturevalue(which)
    rows = _page(data).find("table", id="documents")[0].find("tr", "document")
    latest, first = {}, {}
    for d in data["documents"]:
        latest[d["source_file"]] = d
        if d["status"] != "unchanged":
            first.setdefault(d["source_sha256"], d["load_id"])
    current: dict[str, set] = {}
    for v in data["versions"]:
        current.setdefault(v["source_sha256"], set()).add(bool(v["is_current"]))
    assert [r.find("td")[0].all_text().strip() for r in rows] == sorted(latest)
    for r in rows:
        d = latest[r.find("td")[0].all_text().strip()]
        assert r.attrs["data-status"] == d["status"]
        state = r.find("td", "state")[0].all_text()
        if d["status"] == "unchanged":
            assert "変更なし" in state and first[d["source_sha256"]] in state
        flags = current.get(d["source_sha256"])
        assert r.attrs["data-current"] == ("" if not flags else "1" if True in flags else "0")
        mark = r.find("td", "current")[0].all_text()
        assert ("現行版" in mark) == bool(flags and True in flags)
    states = {r.attrs["data-status"] for r in rows}
    if which == "large":
        assert states == {"unchanged"} and "1" in {r.attrs["data-current"] for r in rows}
    else:
        assert "0" in {r.attrs["data-current"] for r in rows}
        superseded = [r for r in rows if r.attrs["data-current"] == "0"]
        first = next(r for r in superseded if r.find("td")[0].all_text().strip() == "000-hiratsuka-r5-shisaku-4-1.pdf")
        names = {d["source_sha256"]: d["source_file"] for d in data["documents"]}
        by = {names[v["superseded_by_sha256"]] for v in data["versions"]
              if v["source_sha256"] == latest["000-hiratsuka-r5-shisaku-4-1.pdf"]["source_sha256"]
              and v["superseded_by_sha256"]}
        assert by and all(f"{f} に置き換え" in first.all_text() for f in by)


def test_report_crops_are_labelled_pngs(report):
    out = report["out"]
    dom = _page(report)
    figures = dom.find("figure", "crop")
    assert figures, "no crops: " + "; ".join(n.all_text() for n in dom.find("span", "crop-unavailable"))
    with Warehouse.connect(report["url"]) as wh:
        for fig in figures:
            a = fig.find("a", "crop-link")[0]
            png = out / a.attrs["href"]
            assert png.is_file() and png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", a.attrs["href"]
            caption = fig.find("figcaption", "crop-label")[0].all_text()
            row = trace_fact(wh, a.attrs["title"]).row
            if row.get("indicator_name"):        # item and year of the cell shown
                assert row["indicator_name"] in caption, caption
                if row.get("fiscal_year") is not None:
                    assert f"{row['fiscal_year']}年度" in caption and format_fiscal_year(row["fiscal_year"]) in caption
            elif row.get("item"):
                assert row["item"] in caption, caption
    facts = {fid for f in report["findings"] for fid in (f["fact_ids"] or "").split()}
    assert {f.find("a")[0].attrs["title"] for f in figures} == facts
    assert not dom.find("span", "crop-unavailable")


# -- in headless Chromium -----------------------------------------------------

def _check_scrolled_charts(data: dict, got: dict) -> None:
    by_series = _by_series(data["series"])
    charts = got["charts"]
    assert [c for c in charts if not c["drawn"]] == []              # every chart renders when reached
    main = {c["series_id"]: c for c in charts if c["kind"] == "series-chart"}
    assert sorted(main) == sorted(by_series)
    with_estimates = 0
    for sid, rows in by_series.items():
        c = main[sid]
        ok = sum(r["target_status"] == "ok" for r in rows) + sum(r["actual_status"] == "ok" for r in rows)
        assert c["points"] == ok, sid                                 # one marker per value with status ok
        estimates = any(r["actual_is_estimate"] and r["actual_status"] == "ok" for r in rows)
        assert ("実績（見込み）" in c["legend"]) == estimates, sid
        assert {"目標", "実績", "年度"} <= set(c["texts"]), sid
        assert (rows[-1]["unit"] or "（単位なし）") in c["texts"], sid
        with_estimates += estimates
    assert with_estimates > 0          # the 令和5年度 取組状況 sheets print 見込み actuals
    rates = [c for c in charts if c["kind"] == "rate-chart"]
    assert rates and all("達成率" in c["legend"] for c in rates)
    # lazy: only the charts near the first viewport were drawn before scrolling
    assert got["drawn_before_scroll"] <= 12 < len(charts)
    assert got["dom_after"] > got["dom_before"]


def test_report_renders_in_chromium(report):
    got = _scrolled(report, "samples")
    _check_scrolled_charts(report, got)
    shot = report["tmp"] / "shot.png"
    assert shot.is_file() and shot.stat().st_size > 20_000
    from PIL import Image
    with Image.open(shot) as im:
        assert im.size == (1280, 900)
        colours = im.convert("RGB").getcolors(maxcolors=1 << 20)
        assert colours is None or len(colours) > 50      # text and charts, not a blank page


def test_large_report_renders_every_chart_when_scrolled_to(large):
    assert len(_by_series(large["series"])) >= 300
    got = _scrolled(large, "300+ series")
    _check_scrolled_charts(large, got)
    assert got["first_contentful_paint_ms"] is not None


def test_contents_search_and_filters(report):
    """The contents tree filters the cards: a search for one indicator's name
    (width-folded) shows the cards whose name, policy or template hold it; the
    verdict filter 未達成 shows the series with a 未達成 year; the count follows."""
    _require_chromium()
    by_series = _by_series(report["series"])
    name = next(rows[-1]["indicator_name"] for rows in by_series.values()
                if rows[-1]["municipality"] == "厚木市")
    from hyoka.report import verdict_category
    not_achieved = {sid for sid, rows in by_series.items()
                    if any(r["result"] and verdict_category(r["result"], "ok") == "not_achieved" for r in rows)}
    assert not_achieved
    js = """
    const set = (id, v) => { const el = document.getElementById(id); el.value = v;
                             el.dispatchEvent(new Event('input')); };
    const visible = () => Array.from(document.querySelectorAll('article.series'))
        .filter(a => a.offsetParent !== null).map(a => a.getAttribute('data-series-id'));
    const out = {};
    set('search', %s); out.search = visible(); out.search_count = document.getElementById('shown-count').textContent;
    out.tree = Array.from(document.querySelectorAll('li.tree-series')).filter(l => l.offsetParent !== null).length;
    set('search', ''); set('filter-verdict', 'not_achieved'); out.verdict = visible();
    set('filter-verdict', ''); out.all = visible().length;
    return out;
    """ % repr(name)
    with Chromium(report["tmp"] / "profile-filter") as browser:
        browser.open((report["out"] / "index.html").resolve().as_uri())
        got = browser.evaluate(js)
    folded = "".join(name.split())
    expect = {sid for sid, rows in by_series.items() if folded in "".join(
        " ".join(t for t in (rows[-1]["indicator_name"], rows[-1]["policy_code"], rows[-1]["policy_name"]) if t).split())}
    assert name and set(got["search"]) >= expect and len(got["search"]) < len(by_series)
    assert int(got["search_count"]) == len(got["search"])
    assert set(got["verdict"]) == not_achieved
    assert got["all"] == len(by_series)
