"""A static HTML report of a warehouse (``hyoka report --out DIR``).

For a city data team, auditors and BI analysts: ``DIR/index.html`` opens
from disk (``file://``) with no server and no network.  It shows

- a header: the warehouse URL (password hidden), when the report was
  generated, the hyoka version, and counts of documents, indicator series,
  validation findings and indicator links awaiting review;
- per municipality, per policy (policy_code + policy_name; series without a
  policy under their sheet_type), one chart per indicator series of target
  vs actual over fiscal years (plotly).  Estimates (見込み) are open markers
  on a dashed line; values whose status is not ``ok`` (pending,
  not_applicable, source_error, ...) are never plotted, they are named in
  the hover of that fiscal year and in a note under the chart;
- the validation findings (severity, rule, document, page, message) with
  links to PNG crops of the cells involved (hyoka/trace.py), written to
  ``DIR/crops/``;
- the indicator links awaiting review (v_indicator_links method 'review');
- the documents (latest load of each file, with its status) and their
  sheets (v_sheets: pages, template, identity, current or not, coverage,
  and the tables whose numbers no interpreter read).

Everything is read from the BI views only (v_indicator_series,
v_validation_findings, v_indicator_links, v_documents,
v_document_versions).  plotly.js is copied once from the plotly Python
package to ``DIR/assets/plotly.min.js`` and referenced relatively.  All
text goes through Jinja2 autoescaping (templates in hyoka/report_templates/);
chart data is serialized by plotly, which escapes ``<``, ``>`` and ``/``.

Stable hooks for tests and scripts: ``div.series-chart`` (one per series,
``data-series-id``), ``table#findings`` (``tr.finding``), ``a.crop-link``,
``table#review-links``, ``table#documents``, ``table#sheets`` (``tr.sheet``,
``tr.low-coverage``), ``#summary``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from plotly.offline import get_plotlyjs
from sqlalchemy.engine import make_url

from hyoka import __version__
from hyoka.load import Warehouse
from hyoka.normalize.facts import SEVERITIES

from hyoka.trace import TraceError, crop_fact, safe_name

TEMPLATES = Path(__file__).parent / "report_templates"
#: Where plotly.js is written inside the output folder (referenced relatively).
PLOTLY_ASSET = "assets/plotly.min.js"
#: Folder of the crop PNGs inside the output folder.
CROPS_DIR = "crops"
#: Chart height in CSS pixels.
CHART_HEIGHT = 320
#: Colours: target (grey), actual (blue) — colour-blind safe pair.
TARGET_COLOUR = "#7f7f7f"
ACTUAL_COLOUR = "#1f77b4"


@dataclass(frozen=True)
class SeriesYear:
    """One fiscal year of an indicator series, as v_indicator_series gives it.

    ``fiscal_year``: western (2023 for 令和5年度).  ``target``/``actual``/
    ``achievement_rate``: floats (achievement_rate in %) or None; their
    ``*_status``: ok | missing | pending | not_applicable | source_error |
    unparsed, or None when the sheets print no such value for that year.
    ``result``: the printed verdict (e.g. 達成見込み) or None.  ``*_source_file``
    and ``*_fact_id`` give the provenance of each value.
    """

    fiscal_year: int
    target: float | None
    target_status: str | None
    actual: float | None
    actual_status: str | None
    actual_is_estimate: bool
    achievement_rate: float | None
    achievement_rate_status: str | None
    result: str | None
    target_source_file: str | None
    actual_source_file: str | None
    target_fact_id: str | None
    actual_fact_id: str | None
    achievement_rate_fact_id: str | None
    result_fact_id: str | None

    def fact_ids(self) -> set[str]:
        """The fact ids behind this year's values (for matching findings)."""
        return {f for f in (self.target_fact_id, self.actual_fact_id, self.achievement_rate_fact_id,
                            self.result_fact_id) if f}


@dataclass
class Series:
    """An indicator series (one canonical indicator of one municipality and
    template across fiscal years' sheets) with its years, oldest first.

    ``unit`` as printed (件, %, 千円 ...); ``policy_code``/``policy_name`` of
    its latest fiscal year that has one, else None.
    """

    series_id: str
    municipality: str | None
    municipality_code: str | None
    sheet_type: str | None
    policy_code: str | None
    policy_name: str | None
    indicator_name: str
    unit: str | None
    document_count: int
    years: list[SeriesYear] = field(default_factory=list)

    def not_plotted(self) -> list[str]:
        """Values left off the chart because their status is not ``ok``,
        e.g. ["FY2023 actual: pending"], oldest year first."""
        out = []
        for y in self.years:
            for measure, status in (("target", y.target_status), ("actual", y.actual_status),
                                    ("achievement rate", y.achievement_rate_status)):
                if status and status != "ok":
                    out.append(f"FY{y.fiscal_year} {measure}: {status}")
        return out

    def plots_estimates(self) -> bool:
        """True when an actual printed as an estimate is plotted (status ok)."""
        return any(y.actual_is_estimate and y.actual_status == "ok" for y in self.years)

    def fact_ids(self) -> set[str]:
        """Every fact id behind the series' values."""
        return set().union(*(y.fact_ids() for y in self.years)) if self.years else set()


@dataclass
class PolicySection:
    """The series of one policy (or, without a policy, of one sheet_type)
    within a municipality.  ``anchor``: an HTML id; ``key``: the grouping
    key, (0, policy_code, policy_name) or (1, sheet_type, None)."""

    policy_code: str | None
    policy_name: str | None
    sheet_types: list[str]
    anchor: str
    key: tuple
    series: list[Series] = field(default_factory=list)


@dataclass
class MunicipalitySection:
    """One municipality's policies, in policy-code order."""

    municipality: str | None
    municipality_code: str | None
    anchor: str
    policies: list[PolicySection] = field(default_factory=list)

    @property
    def series_count(self) -> int:
        """Number of series over all its policies."""
        return sum(len(p.series) for p in self.policies)


@dataclass
class CropLink:
    """A crop of one fact of a finding: ``href`` relative to index.html, or
    None with ``reason`` when it could not be made."""

    fact_id: str
    href: str | None
    reason: str = ""


@dataclass
class ReportResult:
    """What :func:`build_report` wrote: ``index`` (index.html), numbers of
    ``series``, ``findings``, ``review_links``; ``crops`` written and
    ``crops_unavailable`` (fact id -> reason)."""

    index: Path
    series: int
    findings: int
    review_links: int
    crops: int
    crops_unavailable: dict[str, str]


# -- reading the views --------------------------------------------------------

def _float(v: Any) -> float | None:
    """A number from either backend (float, Decimal, int) as float; None stays None."""
    return None if v is None else float(v)


def collect_series(wh: Warehouse) -> list[Series]:
    """Every indicator series in v_indicator_series, years oldest first.

    Returns [Series] ordered by municipality_code, policy_code, indicator_name.
    """
    rows = wh.query("SELECT * FROM v_indicator_series ORDER BY series_id, fiscal_year")
    by_id: dict[str, Series] = {}
    for r in rows:
        s = by_id.get(r["series_id"])
        if s is None:
            s = by_id[r["series_id"]] = Series(
                r["series_id"], r["municipality"], r["municipality_code"], r["sheet_type"], None, None,
                r["indicator_name"], r["unit"], 0)
        if r["policy_code"]:  # rows come oldest first: the latest year's policy wins
            s.policy_code, s.policy_name = r["policy_code"], r["policy_name"]
        s.unit = r["unit"] or s.unit
        s.document_count = max(s.document_count, int(r["document_count"] or 0))
        s.years.append(SeriesYear(
            int(r["fiscal_year"]), _float(r["target"]), r["target_status"], _float(r["actual"]),
            r["actual_status"], bool(r["actual_is_estimate"]), _float(r["achievement_rate"]),
            r["achievement_rate_status"], r["result"], r["target_source_file"], r["actual_source_file"],
            r["target_fact_id"], r["actual_fact_id"], r["achievement_rate_fact_id"], r["result_fact_id"]))
    return sorted(by_id.values(), key=lambda s: (s.municipality_code or "", _natural(s.policy_code or ""),
                                                 s.indicator_name))


def _natural(text: str) -> tuple:
    """Sort key that orders digit runs numerically ('I-2' before 'I-10')."""
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", text))


def group_sections(series: list[Series]) -> list[MunicipalitySection]:
    """Group series by municipality, then policy (policy_code, policy_name);
    series without a policy are grouped by their sheet_type after the policies.

    Returns [MunicipalitySection] in municipality_code order.
    """
    munis: dict[tuple, MunicipalitySection] = {}
    for s in series:
        mkey = (s.municipality_code or "", s.municipality or "")
        m = munis.get(mkey)
        if m is None:
            m = munis[mkey] = MunicipalitySection(s.municipality, s.municipality_code, f"m-{len(munis) + 1}")
        pkey = (0, s.policy_code, s.policy_name) if s.policy_code else (1, s.sheet_type, None)
        p = next((p for p in m.policies if p.key == pkey), None)
        if p is None:
            p = PolicySection(s.policy_code, s.policy_name, [], f"{m.anchor}-p{len(m.policies) + 1}", pkey)
            m.policies.append(p)
        if s.sheet_type and s.sheet_type not in p.sheet_types:
            p.sheet_types.append(s.sheet_type)
        p.series.append(s)
    for m in munis.values():
        m.policies.sort(key=lambda p: (p.key[0], _natural(p.key[1] or ""), p.key[2] or ""))
    return sorted(munis.values(), key=lambda m: (m.municipality_code or "", m.municipality or ""))


def collect_findings(wh: Warehouse) -> list[dict[str, Any]]:
    """v_validation_findings rows, errors first (normalize.facts.SEVERITIES
    order), then municipality, document, page, rule.  ``fact_ids`` split
    into a list."""
    rows = wh.query("SELECT * FROM v_validation_findings")
    rank = {s: i for i, s in enumerate(SEVERITIES)}
    for r in rows:
        r["fact_id_list"] = (r.get("fact_ids") or "").split()
    return sorted(rows, key=lambda r: (rank.get(r["severity"], len(rank)), r["municipality_code"] or "",
                                       r["source_file"] or "", r["page"] or 0, r["rule_id"], r["finding_id"]))


def collect_review_links(wh: Warehouse) -> list[dict[str, Any]]:
    """v_indicator_links rows with method 'review' (ambiguous links awaiting a
    reviewed mapping), by municipality, sheet_type, printed name."""
    return wh.query("SELECT * FROM v_indicator_links WHERE method = 'review' "
                    "ORDER BY municipality_code, sheet_type, indicator_name")


def collect_documents(wh: Warehouse) -> list[dict[str, Any]]:
    """The latest v_documents row of each source file (status, error,
    municipality, sheet_type, document_fiscal_year, page_count), by file."""
    latest: dict[str, dict] = {}
    for d in wh.query("SELECT * FROM v_documents ORDER BY load_id DESC, source_file"):
        latest.setdefault(d["source_file"], d)
    return [latest[k] for k in sorted(latest)]


def collect_sheets(wh: Warehouse) -> list[dict[str, Any]]:
    """The v_sheets rows of the latest load of each source file, by file and
    sheet_seq, each with ``shortfalls``: the messages of the sheet's
    coverage.table_not_interpreted findings in the extraction that load shows
    (tables whose numbers no interpreter read), current or superseded."""
    latest: dict[str, str] = {}
    rows = []
    for r in wh.query("SELECT * FROM v_sheets ORDER BY load_id DESC, source_file, sheet_seq"):
        if latest.setdefault(r["source_file"], r["load_id"]) == r["load_id"]:
            rows.append(r)
    named = wh.query("SELECT source_sha256, load_id, sheet_seq, message FROM validation_findings "
                     "WHERE rule_id = 'coverage.table_not_interpreted' ORDER BY load_id, seq")
    for r in rows:
        mine = [f for f in named if (f["source_sha256"], f["sheet_seq"]) == (r["source_sha256"], r["sheet_seq"])
                and f["load_id"] <= r["load_id"]]
        extraction = max((f["load_id"] for f in mine), default=None)  # the extraction this load shows
        r["shortfalls"] = [f["message"] for f in mine if f["load_id"] == extraction]
    return sorted(rows, key=lambda r: (r["source_file"], r["sheet_seq"]))


# -- charts -------------------------------------------------------------------

def _num(v: float | None, unit: str | None = None) -> str:
    """'1,234' / '97.7' with the unit appended ('%' without a space); '' for None."""
    if v is None:
        return ""
    text = f"{int(v):,}" if float(v).is_integer() else f"{v:,.10g}"
    return text + (unit or "")


def _escape_hover(text: str) -> str:
    """Hover text for plotly (which reads a subset of HTML): escape markup characters."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _hover(s: Series, y: SeriesYear) -> str:
    """The hover of one fiscal year: target, actual (estimate marked), achievement
    rate, result and statuses, source files."""
    def value(v: float | None, status: str | None, unit: str | None) -> str:
        if status is None:
            return "(not printed)"
        return _num(v, unit) if status == "ok" else f"{status} (not plotted)"
    lines = [f"FY{y.fiscal_year}",
             f"target: {value(y.target, y.target_status, s.unit)}",
             f"actual: {value(y.actual, y.actual_status, s.unit)}" + (" — estimate" if y.actual_is_estimate else ""),
             f"achievement rate: {value(y.achievement_rate, y.achievement_rate_status, '%')}"]
    if y.result:
        lines.append(f"result: {y.result}")
    for what, src in (("target", y.target_source_file), ("actual", y.actual_source_file)):
        if src:
            lines.append(f"{what} from {src}")
    return "<br>".join(_escape_hover(line) for line in lines)


def series_figure(s: Series) -> go.Figure:
    """The target-vs-actual chart of one series.

    Traces: 'target' (grey, dashed, diamonds), 'actual' (blue, solid, filled
    circles) and 'actual (estimate)' (blue, dotted, open circles) for values
    printed as estimates (見込み).  Only values with status ``ok`` are plotted
    (a gap otherwise, never 0).  x: fiscal year; y: in the series' unit, which
    is written above the y axis.
    """
    years = [y.fiscal_year for y in s.years]
    hover = [_hover(s, y) for y in s.years]

    def ok(v: float | None, status: str | None) -> float | None:
        return v if status == "ok" else None

    target = [ok(y.target, y.target_status) for y in s.years]
    actual = [ok(y.actual, y.actual_status) if not y.actual_is_estimate else None for y in s.years]
    estimate = [ok(y.actual, y.actual_status) if y.actual_is_estimate else None for y in s.years]
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=years, y=target, name="target", mode="lines+markers", connectgaps=False,
                             line=dict(color=TARGET_COLOUR, dash="dash"),
                             marker=dict(symbol="diamond", size=8, color=TARGET_COLOUR),
                             hovertext=hover, hoverinfo="text"))
    fig.add_trace(go.Scatter(x=years, y=actual, name="actual", mode="lines+markers", connectgaps=False,
                             line=dict(color=ACTUAL_COLOUR), marker=dict(symbol="circle", size=9,
                                                                         color=ACTUAL_COLOUR),
                             hovertext=hover, hoverinfo="text"))
    if any(v is not None for v in estimate):
        fig.add_trace(go.Scatter(x=years, y=estimate, name="actual (estimate)", mode="lines+markers",
                                 connectgaps=True, line=dict(color=ACTUAL_COLOUR, dash="dot"),
                                 marker=dict(symbol="circle-open", size=10, line=dict(width=2),
                                             color=ACTUAL_COLOUR),
                                 hovertext=hover, hoverinfo="text"))
    fig.update_layout(
        template="none", height=CHART_HEIGHT, margin=dict(l=70, r=20, t=30, b=50),
        font=dict(family="IPAexGothic, 'Noto Sans CJK JP', 'Hiragino Sans', Meiryo, sans-serif", size=12),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, xanchor="right", x=1), hovermode="closest",
        # the unit reads horizontally above the y axis (a rotated 件 or 千円 is hard to read)
        annotations=[dict(text=s.unit or "(no unit)", xref="paper", yref="paper", x=0, y=1.02,
                          xanchor="right", yanchor="bottom", showarrow=False, font=dict(size=12))],
        xaxis=dict(title=dict(text="fiscal year"), tickmode="array", tickvals=years,
                   ticktext=[f"FY{y}" for y in years], showgrid=False,
                   range=[min(years) - 0.5, max(years) + 0.5] if years else None),
        yaxis=dict(rangemode="tozero", gridcolor="#e5e5e5",
                   zeroline=True, zerolinecolor="#bbbbbb", tickformat=",~g"))
    return fig


def chart_html(s: Series, div_id: str) -> Markup:
    """The chart of ``s`` as an HTML fragment (a div and the script that draws
    it with the page's plotly.js); plotly serializes the data with <, >, /
    escaped, so labels cannot close the script."""
    html = series_figure(s).to_html(full_html=False, include_plotlyjs=False, div_id=div_id,
                                    default_height=f"{CHART_HEIGHT}px", default_width="100%",
                                    config={"displaylogo": False, "responsive": True, "displayModeBar": False})
    return Markup(html)


# -- crops --------------------------------------------------------------------

def write_crops(wh: Warehouse, findings: list[dict[str, Any]], out_dir: Path) -> dict[str, CropLink]:
    """Write a PNG crop of every fact named by ``findings`` to out_dir/crops/.

    Uses hyoka.trace.crop_fact (page region around the cell, cell outlined).
    Returns {fact id: CropLink}; a fact whose crop cannot be made (TraceError:
    PDF moved or changed, unknown fact, no bbox) gets href None and the reason.
    """
    links: dict[str, CropLink] = {}
    for f in findings:
        for fact_id in f["fact_id_list"]:
            if fact_id in links:
                continue
            name = f"{safe_name(fact_id)}.png"
            try:
                crop_fact(wh, fact_id, out_dir / CROPS_DIR / name)
            except TraceError as e:
                links[fact_id] = CropLink(fact_id, None, str(e))
            else:
                links[fact_id] = CropLink(fact_id, f"{CROPS_DIR}/{name}")
    return links


# -- the report ---------------------------------------------------------------

def _write_plotly(out_dir: Path) -> None:
    """Copy plotly.js from the plotly package to out_dir/assets/ (skipped when
    the same file is already there)."""
    path = out_dir / PLOTLY_ASSET
    js = get_plotlyjs()
    if path.is_file() and path.stat().st_size == len(js.encode("utf-8")) and path.read_text("utf-8") == js:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(js, encoding="utf-8")


def warehouse_label(url: str) -> str:
    """The SQLAlchemy URL with its password hidden (``***``), for display."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # not a URL SQLAlchemy parses: show nothing secret-looking
        return re.sub(r"//([^:/@]+):[^@]*@", r"//\1:***@", url)


def build_report(wh: Warehouse, out_dir: Path, *, db_url: str = "", crops: bool = True,
                 generated_at: datetime | None = None) -> ReportResult:
    """Write the report of warehouse ``wh`` into ``out_dir`` (created if needed).

    Args:
        wh: a connected warehouse (read through its views only).
        out_dir: output folder; gets index.html, assets/plotly.min.js, crops/*.png.
        db_url: the warehouse URL shown in the header (password hidden).
        crops: write crop PNGs of the findings' facts (needs the ingested PDFs
            at their recorded paths); False lists the fact ids only.
        generated_at: timestamp shown in the header (default: now, UTC).
    Returns:
        a :class:`ReportResult`.
    Raises:
        sqlalchemy errors when the views cannot be read; OSError when out_dir
        cannot be written.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    _write_plotly(out_dir)
    series = collect_series(wh)
    sections = group_sections(series)
    findings = collect_findings(wh)
    review = collect_review_links(wh)
    documents = collect_documents(wh)
    sheets = collect_sheets(wh)
    current = wh.query("SELECT COUNT(*) AS n FROM v_document_versions WHERE is_current")[0]["n"]
    versions = wh.query("SELECT COUNT(*) AS n FROM v_document_versions")[0]["n"]
    crop_links = (write_crops(wh, findings, out_dir) if crops
                  else {fid: CropLink(fid, None, "crops not requested (--no-crops)")
                        for f in findings for fid in f["fact_id_list"]})

    # findings that involve each series' facts (fact ids carry '@load id' on both sides)
    finding_rows: dict[str, list[str]] = {}
    anchors = {f["finding_id"]: f"finding-{i + 1}" for i, f in enumerate(findings)}
    for s in series:
        ids = s.fact_ids()
        finding_rows[s.series_id] = [anchors[f["finding_id"]] for f in findings if ids & set(f["fact_id_list"])]

    charts = {}
    n = 0
    for m in sections:
        for p in m.policies:
            for s in p.series:
                n += 1
                charts[s.series_id] = chart_html(s, f"chart-{n}")

    by_severity = {sev: sum(1 for f in findings if f["severity"] == sev) for sev in SEVERITIES}
    by_status: dict[str, int] = {}
    for d in documents:
        by_status[d["status"]] = by_status.get(d["status"], 0) + 1
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html", "j2"]),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["num"] = _num
    html = env.get_template("index.html.j2").render(
        warehouse=warehouse_label(db_url) if db_url else "",
        generated_at=(generated_at or datetime.now(timezone.utc)).isoformat(timespec="seconds"),
        version=__version__, plotly_src=PLOTLY_ASSET, sections=sections, charts=charts,
        series_count=len(series), findings=findings, anchors=anchors, by_severity=by_severity,
        crop_links=crop_links, finding_rows=finding_rows, review=review, documents=documents, sheets=sheets,
        by_status=by_status, current_documents=current, document_versions=versions)
    index = out_dir / "index.html"
    index.write_text(html, encoding="utf-8")
    made = sum(1 for c in crop_links.values() if c.href)
    return ReportResult(index, len(series), len(findings), len(review), made,
                        {k: c.reason for k, c in crop_links.items() if not c.href})
