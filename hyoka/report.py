"""A static HTML report of a warehouse (``hyoka report --out DIR``), in Japanese.

For a city's planning staff, auditors and BI analysts: ``DIR/index.html``
opens from disk (``file://``) with no server and no network.  It shows

- a header: the warehouse URL (password hidden), when the report was
  generated, the hyoka version, counts of documents, indicator series,
  validation findings and links awaiting review, and a note on fonts
  (Japanese needs a CJK font: IPAexGothic / Noto Sans CJK JP);
- a contents tree (municipality > policy > indicator) with a search box and
  filters (municipality, template, verdict), plain JavaScript;
- per municipality a summary (集計): per policy and fiscal year the counts
  of 達成 / 概ね達成 / 未達成 / 集計中 / 判定なし of the printed 結果 rows of
  v_indicator_values, as a heat-map table (:func:`collect_verdicts`);
- per municipality, per policy, one card per indicator series with the
  target-vs-actual chart (目標 / 実績; estimates 見込み on a dotted line) and,
  beside it, the achievement-rate chart (達成率, printed values only).  Values
  whose status is not ``ok`` are never plotted; they are named under the
  chart.  Charts are drawn by plotly.js only when their card scrolls into
  view (IntersectionObserver), so a plan of 300+ series stays fast;
- the validation findings with PNG crops of the cells involved
  (hyoka/trace.py) labelled with the item and fiscal year they show;
- the indicator links awaiting review, the documents (each file's latest
  load, what it says when that load found the file unchanged, and whether
  its printing is the current version) and their sheets.

Every label the page prints is in :data:`LABELS` and the vocabularies below
it (one place; the template reads them as ``L``, ``MEASURES`` ...).  Fiscal
years are printed western and Japanese (2023 / 令和5年度) through
normalize/era.py; templates by their registry title (normalize/templates),
never their id.

Read from the BI views only (v_indicator_series, v_indicator_values,
v_validation_findings, v_indicator_links, v_documents, v_document_versions,
v_sheets) and, for crops, hyoka.trace.  plotly.js is copied once from the
plotly package to ``DIR/assets/plotly.min.js``; chart data sits in one JSON
block (``<``, ``>``, ``&`` escaped so no label can close the script).

Stable hooks for tests and scripts: ``article.series`` (``data-series-id``)
holding ``div.series-chart`` and, when rates are printed, ``div.rate-chart``
(both ``div.lazy-chart``, ``data-drawn`` once drawn); ``table.verdict-summary``
(``td.verdict-cell`` with ``data-policy-code``, ``data-fiscal-year`` and one
``data-<category>`` count per :data:`VERDICTS` key); ``nav#contents``
(``input#search``, ``select#filter-*``); ``table#findings`` (``tr.finding``),
``a.crop-link`` (``span.crop-label``), ``table#review-links``,
``table#documents`` (``tr.document``, ``data-current``), ``table#sheets``
(``tr.sheet``, ``tr.low-coverage``), ``#summary``, ``#font-note``.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from plotly.offline import get_plotlyjs
from sqlalchemy.engine import make_url

from hyoka import __version__
from hyoka.load import Warehouse
from hyoka.normalize.era import format_fiscal_year
from hyoka.normalize.facts import SEVERITIES
from hyoka.normalize.validate.results import base_verdict
from hyoka.trace import TraceError, safe_name, trace_fact, write_crop

TEMPLATES = Path(__file__).parent / "report_templates"
#: Where plotly.js is written inside the output folder (referenced relatively).
PLOTLY_ASSET = "assets/plotly.min.js"
#: Folder of the crop PNGs inside the output folder.
CROPS_DIR = "crops"
#: Chart height in CSS pixels (the container keeps it before the chart is drawn).
CHART_HEIGHT = 260
#: Colours: target (grey), actual (blue) — colour-blind safe pair; rate bars.
TARGET_COLOUR = "#7f7f7f"
ACTUAL_COLOUR = "#1f77b4"
RATE_COLOUR = "#2ca02c"
#: The font stack of page and charts: CJK fonts first (.ci/fonts.sh installs
#: fonts-ipaexfont and fonts-noto-cjk), then the platforms' own.
FONT_STACK = ("IPAexGothic, 'IPAexゴシック', 'Noto Sans CJK JP', 'Noto Sans JP', 'Hiragino Sans', "
              "'Hiragino Kaku Gothic ProN', 'Yu Gothic', YuGothic, Meiryo, 'MS PGothic', sans-serif")

# -- every label of the page, in one place -------------------------------------

#: Headings, column names and sentences of the page (Japanese).
LABELS: dict[str, str] = {
    "title": "評価指標レポート",
    "warehouse": "データベース", "generated": "作成日時", "version": "hyoka バージョン",
    "documents": "資料", "documents_note": "現行の抽出 {current} 件（保存版 {versions} 件）",
    "series": "指標系列", "findings": "検証の指摘", "review": "確認待ちの指標リンク",
    "font_note": "日本語が □ で表示される場合は日本語フォントを入れてください"
                 "（Debian/Ubuntu: apt-get install fonts-ipaexfont fonts-noto-cjk）。"
                 "このページは IPAexゴシック / Noto Sans CJK JP / ヒラギノ / 游ゴシック / メイリオ の順に使います。",
    "contents": "目次", "search": "検索（指標名・施策名・施策コード）", "all": "すべて",
    "filter_municipality": "自治体", "filter_template": "様式", "filter_verdict": "結果",
    "shown": "表示中の指標", "no_match": "条件に合う指標はありません。",
    "summary": "集計", "summary_note": "各施策・年度の「結果」（v_indicator_values の measure = result）の件数。"
                "同じ指標・年度が複数の資料に載るときは、報告年度の最も新しい資料の結果を数えます。"
                "見込み（達成見込み等）は各区分に含み、うち見込みの件数を括弧で示します。",
    "summary_none": "この自治体の資料には「結果」（達成・未達成の判定）が印刷されていません。",
    "policy": "施策", "policy_code": "施策コード", "no_policy": "施策コードのない指標",
    "total": "合計", "indicators": "指標",
    "target": "目標", "actual": "実績", "actual_estimate": "実績（見込み）",
    "achievement_rate": "達成率", "fiscal_year": "年度", "unit": "単位", "no_unit": "（単位なし）",
    "result": "結果", "printed_in": "{n} 件の資料に掲載", "series_id": "系列 ID",
    "not_plotted": "グラフに描かない値（状態が「値あり」以外）",
    "estimate_note": "点線・白抜きの点: 見込みとして印刷された実績。",
    "rate_none": "達成率は印刷されていません。",
    "series_findings": "この指標の検証の指摘",
    "findings_note": "v_validation_findings（現行の抽出と資料間の食い違い）。切り抜きは該当セルの周囲で、セルを枠で示します（hyoka trace FACT-ID）。",
    "no_findings": "検証の指摘はありません。", "severity": "重要度", "rule": "規則", "municipality": "自治体",
    "document": "資料", "page": "ページ", "message": "内容", "crops": "該当セル（切り抜き）",
    "crop_unavailable": "切り抜きを作れません",
    "crops_not_requested": "切り抜きは作成していません（--no-crops）",
    "review_note": "v_indicator_links の method = review: 印刷された指標名が既存の系列と近いが決めきれないもの。"
                   "対応表（hyoka link --mapping CSV）で決めてください。",
    "no_review": "確認待ちはありません。", "municipality_code": "団体コード", "sheet_type": "様式",
    "printed_name": "印刷された指標名", "linked_to": "リンク先（正規名）", "score": "類似度",
    "candidates": "候補",
    "documents_section": "資料一覧",
    "documents_section_note": "各ファイルの最新の取り込み（v_documents）と、その内容が現行版か"
                              "（v_document_versions の is_current）。「変更なし」は内容が既に取り込まれていたことを示し、"
                              "その抽出を行った取り込みを併記します。",
    "file": "ファイル", "latest_load": "最新の取り込み", "state": "状態", "extracted_in": "抽出した取り込み",
    "current": "版", "pages": "ページ数", "sheet_count": "シート数", "error": "エラー",
    "superseded_by": "{file} に置き換え",
    "sheets_section": "シート一覧",
    "sheets_note": "各ファイルの最新の取り込みのシート（v_sheets）。網羅率: 表の数値セルのうち型付きの値になった割合。1 未満なら読めなかった表を示します。",
    "sheet": "シート", "subject": "施策・対象", "coverage": "網羅率", "tables_not_read": "読めなかった表",
    "municipality_unknown": "（自治体不明）", "sheet_type_unknown": "（様式不明）",
    "footer": "hyoka {version} が {warehouse} から作成。グラフは plotly.js（{plotly} に同梱）で描画。",
}

#: measure (v_indicator_values.measure) -> label.
MEASURES: dict[str, str] = {"baseline": "基準値", "target": "目標", "actual": "実績",
                            "achievement_rate": "達成率", "result": "結果"}
#: status (contract conventions) -> label.
STATUSES: dict[str, str] = {"ok": "値あり", "missing": "空欄", "pending": "集計中",
                            "not_applicable": "該当なし", "source_error": "表計算エラー", "unparsed": "読み取れず"}
#: Verdict categories of the summary, in column order: key -> label.  The
#: first three are the base verdicts of normalize.validate.results.base_verdict
#: (estimates 見込み included); pending: the 結果 or its 実績 is pending
#: (集計中, 年度末に調査 ...); none: no verdict printed ("-", "#VALUE!", blank).
VERDICTS: dict[str, str] = {"achieved": "達成", "mostly": "概ね達成", "not_achieved": "未達成",
                            "pending": "集計中", "none": "判定なし"}
#: v_documents.status -> label.
DOCUMENT_STATUSES: dict[str, str] = {"loaded": "取り込み済み", "unchanged": "変更なし", "failed": "失敗",
                                     "needs_ocr": "OCR が必要"}
#: severity -> label.
SEVERITY_LABELS: dict[str, str] = {"error": "エラー", "warning": "警告", "info": "情報"}
#: is_current -> label (v_sheets, v_document_versions).
CURRENT_LABELS: dict[bool, str] = {True: "現行版", False: "旧版"}
_VERDICT_KEYS = {label: key for key, label in VERDICTS.items()}


def year_label(year: int | None, style: str = "both") -> str:
    """A fiscal year as the report prints it.

    Args:
        year: western fiscal year (2023 for 令和5年度) or None.
        style: "both" -> "2023年度（令和5年度）", "short" -> "2023 (R5)",
            "era" -> "令和5年度".
    Returns:
        the label ("" for None); era names from normalize.era.format_fiscal_year.
    """
    if year is None:
        return ""
    if style == "short":
        return f"{year} ({format_fiscal_year(year, 'letter')})"
    if style == "era":
        return format_fiscal_year(year)
    return f"{year}年度（{format_fiscal_year(year)}）"


@lru_cache(maxsize=None)
def _template_titles() -> dict[str, str]:
    from hyoka.normalize.templates.registry import all_templates
    return {t.name: t.title or t.name for t in all_templates()}


def template_label(sheet_type: str | None) -> str:
    """The Japanese name of a template (its registry title, e.g. 施策評価シート【分野別施策】)
    for a sheet_type id; 未分類 for 'unclassified'; the id itself for a template
    no longer registered; LABELS["sheet_type_unknown"] for None."""
    if not sheet_type:
        return LABELS["sheet_type_unknown"]
    if sheet_type == "unclassified":
        return "未分類"
    try:
        return _template_titles().get(sheet_type, sheet_type)
    except Exception:  # an invalid user template directory must not break the report
        return sheet_type


def verdict_category(value_text: str | None, status: str | None, actual_status: str | None = None) -> str:
    """The :data:`VERDICTS` key of one printed 結果.

    Args:
        value_text: the 結果 cell as printed (達成, 概ね達成見込み, "-", "#VALUE!" ...).
        status: that row's status; actual_status: the status of the 実績 of the
            same sheet, indicator and year (None when not printed).
    Returns:
        achieved / mostly / not_achieved for a verdict (its 見込み form too),
        pending when the 結果 or its 実績 is pending, else none.
    """
    if status == "ok" and value_text:
        base = base_verdict(value_text)
        if base in _VERDICT_KEYS:
            return _VERDICT_KEYS[base]
    if status == "pending" or actual_status == "pending":
        return "pending"
    return "none"


def is_estimate_verdict(value_text: str | None) -> bool:
    """True for a verdict printed in its 見込み form (達成見込み)."""
    return bool(value_text) and "見込" in value_text


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

    @property
    def verdict(self) -> str | None:
        """The :data:`VERDICTS` key of this year's 結果, or None when none is printed."""
        if self.result is None:
            return "pending" if self.actual_status == "pending" else None
        return verdict_category(self.result, "ok", self.actual_status)


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

    @property
    def template(self) -> str:
        """The template's Japanese name (:func:`template_label`)."""
        return template_label(self.sheet_type)

    def not_plotted(self) -> list[str]:
        """Values left off the charts because their status is not ``ok``, e.g.
        ["2023年度（令和5年度） 実績: 集計中"], oldest year first."""
        out = []
        for y in self.years:
            for measure, status in (("target", y.target_status), ("actual", y.actual_status),
                                    ("achievement_rate", y.achievement_rate_status)):
                if status and status != "ok":
                    out.append(f"{year_label(y.fiscal_year)} {MEASURES[measure]}: {STATUSES.get(status, status)}")
        return out

    def plots_estimates(self) -> bool:
        """True when an actual printed as an estimate is plotted (status ok)."""
        return any(y.actual_is_estimate and y.actual_status == "ok" for y in self.years)

    def has_rates(self) -> bool:
        """True when some year prints an achievement rate with status ok."""
        return any(y.achievement_rate_status == "ok" for y in self.years)

    def verdicts(self) -> list[str]:
        """The distinct :data:`VERDICTS` keys of its years' 結果, in VERDICTS order."""
        got = {y.verdict for y in self.years}
        return [k for k in VERDICTS if k in got]

    def search_text(self) -> str:
        """What the contents search matches: indicator, policy code and name, template."""
        return " ".join(t for t in (self.indicator_name, self.policy_code, self.policy_name, self.template) if t)

    def fact_ids(self) -> set[str]:
        """Every fact id behind the series' values."""
        return set().union(*(y.fact_ids() for y in self.years)) if self.years else set()


@dataclass
class VerdictCell:
    """Counts of one policy and fiscal year in the summary: {VERDICTS key: n}
    and ``estimates`` (of them, verdicts printed as 見込み)."""

    counts: dict[str, int] = field(default_factory=lambda: {k: 0 for k in VERDICTS})
    estimates: int = 0

    @property
    def total(self) -> int:
        """Number of 結果 counted."""
        return sum(self.counts.values())

    @property
    def score(self) -> float | None:
        """Share achieved for the heat-map colour: (達成 + 概ね達成/2) / judged,
        0-1; None when nothing was judged (only 集計中 / 判定なし)."""
        judged = self.counts["achieved"] + self.counts["mostly"] + self.counts["not_achieved"]
        return None if judged == 0 else (self.counts["achieved"] + self.counts["mostly"] / 2) / judged

    def colour(self) -> str:
        """CSS background: red (0) -> yellow -> green (1); grey when nothing judged."""
        s = self.score
        if s is None:
            return "#eeeeee" if self.total else "#ffffff"
        hue = round(120 * s)
        return f"hsl({hue}, 70%, 80%)"


@dataclass
class PolicySummary:
    """A row of the summary: a policy (code, name; None without a code) and
    its :class:`VerdictCell` per fiscal year, plus ``anchor`` of its section."""

    policy_code: str | None
    policy_name: str | None
    cells: dict[int, VerdictCell] = field(default_factory=dict)
    anchor: str | None = None


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

    @property
    def templates(self) -> list[str]:
        """The Japanese names of its templates."""
        return [template_label(t) for t in self.sheet_types]


@dataclass
class MunicipalitySection:
    """One municipality's policies, in policy-code order, and its summary
    (``summary``: [PolicySummary]; ``years``: the fiscal years it covers)."""

    municipality: str | None
    municipality_code: str | None
    anchor: str
    policies: list[PolicySection] = field(default_factory=list)
    summary: list[PolicySummary] = field(default_factory=list)
    years: list[int] = field(default_factory=list)

    @property
    def series_count(self) -> int:
        """Number of series over all its policies."""
        return sum(len(p.series) for p in self.policies)

    def totals(self) -> dict[int, VerdictCell]:
        """The summary's column totals per fiscal year."""
        out: dict[int, VerdictCell] = {}
        for p in self.summary:
            for y, c in p.cells.items():
                t = out.setdefault(y, VerdictCell())
                for k, n in c.counts.items():
                    t.counts[k] += n
                t.estimates += c.estimates
        return out


@dataclass
class CropLink:
    """A crop of one fact of a finding: ``href`` relative to index.html, or
    None with ``reason`` when it could not be made; ``label`` names what the
    cell holds (item, fiscal year, measure, as printed)."""

    fact_id: str
    href: str | None
    reason: str = ""
    label: str = ""


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



def collect_verdicts(wh: Warehouse) -> dict[tuple, list[PolicySummary]]:
    """The summary counts: the printed 結果 of v_indicator_values per
    municipality, policy and fiscal year.

    Every result row (measure = 'result', fiscal_year not NULL) is one
    (sheet, indicator, year); when the same (municipality_code, sheet_type,
    indicator_name, fiscal_year) is printed by several current sheets, the
    one with the highest document_fiscal_year counts (then source_file,
    sheet_seq: the first), so a 見込み later printed as final counts once, final.
    Its category is :func:`verdict_category` of its value_text and status and
    the status of the 実績 of the same sheet, indicator and year.

    Returns:
        {(municipality_code or "", municipality or ""): [PolicySummary]} in
        natural policy-code order (rows without a policy code last).
    """
    rows = wh.query(
        "SELECT r.municipality, r.municipality_code, r.sheet_type, r.policy_code, r.policy_name, "
        "r.indicator_name, r.fiscal_year, r.document_fiscal_year, r.value_text, r.status, r.source_file, "
        "r.sheet_seq, a.status AS actual_status "
        "FROM v_indicator_values AS r LEFT JOIN v_indicator_values AS a "
        "ON a.source_sha256 = r.source_sha256 AND a.sheet_seq = r.sheet_seq "
        "AND a.indicator_name = r.indicator_name AND a.fiscal_year = r.fiscal_year AND a.measure = 'actual' "
        "WHERE r.measure = 'result' AND r.fiscal_year IS NOT NULL")
    latest: dict[tuple, dict] = {}
    for r in sorted(rows, key=lambda r: (-(r["document_fiscal_year"] or 0), r["source_file"] or "",
                                         r["sheet_seq"] or 0)):
        key = (r["municipality_code"], r["sheet_type"], r["indicator_name"], r["fiscal_year"])
        latest.setdefault(key, r)
    out: dict[tuple, dict[tuple, PolicySummary]] = {}
    for r in latest.values():
        m = out.setdefault((r["municipality_code"] or "", r["municipality"] or ""), {})
        p = m.setdefault((r["policy_code"], r["policy_name"]), PolicySummary(r["policy_code"], r["policy_name"]))
        cell = p.cells.setdefault(int(r["fiscal_year"]), VerdictCell())
        cell.counts[verdict_category(r["value_text"], r["status"], r["actual_status"])] += 1
        cell.estimates += r["status"] == "ok" and is_estimate_verdict(r["value_text"])
    return {k: sorted(v.values(), key=lambda p: (p.policy_code is None, _natural(p.policy_code or ""),
                                                 p.policy_name or ""))
            for k, v in out.items()}


def collect_documents(wh: Warehouse) -> list[dict[str, Any]]:
    """Each source file's latest state: its latest v_documents row (status,
    error, municipality, sheet_type, document_fiscal_year, page_count), by file.

    Added keys: ``extracted_in`` — for a latest status ``unchanged``, the
    load that did extract that content (the latest row of the same SHA-256
    with another status), else None; ``current`` — True when some sheet of
    its content is the current version (v_document_versions.is_current),
    False when all are superseded, None when nothing was stored (failed);
    ``superseded_by`` — the file names whose content superseded it.
    """
    rows = wh.query("SELECT * FROM v_documents ORDER BY load_id DESC, source_file")
    latest: dict[str, dict] = {}
    extracted: dict[str, str] = {}
    for d in rows:
        latest.setdefault(d["source_file"], d)
        if d["status"] != "unchanged" and d["source_sha256"]:
            extracted.setdefault(d["source_sha256"], d["load_id"])
    names = {d["source_sha256"]: d["source_file"] for d in rows if d["source_sha256"]}
    versions: dict[str, list[dict]] = {}
    for v in wh.query("SELECT source_sha256, is_current, superseded_by_sha256 FROM v_document_versions"):
        versions.setdefault(v["source_sha256"], []).append(v)
    for d in latest.values():
        d["extracted_in"] = extracted.get(d["source_sha256"]) if d["status"] == "unchanged" else None
        mine = versions.get(d["source_sha256"], [])
        d["current"] = any(bool(v["is_current"]) for v in mine) if mine else None
        d["superseded_by"] = sorted({names.get(v["superseded_by_sha256"], (v["superseded_by_sha256"] or "")[:12])
                                     for v in mine if not v["is_current"] and v["superseded_by_sha256"]})
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
    """'1,234' / '97.7' with the unit appended; '' for None."""
    if v is None:
        return ""
    text = f"{int(v):,}" if float(v).is_integer() else f"{v:,.10g}"
    return text + (unit or "")


def _escape_hover(text: str) -> str:
    """Hover text for plotly (which reads a subset of HTML): escape markup characters."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _hover(s: Series, y: SeriesYear) -> str:
    """The hover of one fiscal year: 目標, 実績 (見込み marked), 達成率, 結果 and
    statuses, source files."""
    def value(v: float | None, status: str | None, unit: str | None) -> str:
        if status is None:
            return "（印刷なし）"
        return _num(v, unit) if status == "ok" else f"{STATUSES.get(status, status)}（描画なし）"
    lines = [year_label(y.fiscal_year),
             f"{MEASURES['target']}: {value(y.target, y.target_status, s.unit)}",
             f"{MEASURES['actual']}: {value(y.actual, y.actual_status, s.unit)}"
             + ("（見込み）" if y.actual_is_estimate else ""),
             f"{MEASURES['achievement_rate']}: {value(y.achievement_rate, y.achievement_rate_status, '%')}"]
    if y.result:
        lines.append(f"{MEASURES['result']}: {y.result}")
    for what, src in (("target", y.target_source_file), ("actual", y.actual_source_file)):
        if src:
            lines.append(f"{MEASURES[what]}の出典: {src}")
    return "<br>".join(_escape_hover(line) for line in lines)


def _layout(years: list[int], unit_text: str, *, rate: bool = False) -> dict:
    """The plotly layout shared by both charts of a series (x: fiscal years
    labelled 2023 (R5); the unit written horizontally above the y axis)."""
    layout = {
        "template": None, "height": CHART_HEIGHT, "margin": {"l": 64, "r": 16, "t": 34, "b": 56},
        "font": {"family": FONT_STACK, "size": 12}, "paper_bgcolor": "#fff", "plot_bgcolor": "#fff",
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.02, "xanchor": "right", "x": 1},
        "hovermode": "closest", "showlegend": True,
        "annotations": [{"text": unit_text, "xref": "paper", "yref": "paper", "x": 0, "y": 1.02,
                         "xanchor": "right", "yanchor": "bottom", "showarrow": False, "font": {"size": 12}}],
        "xaxis": {"title": {"text": LABELS["fiscal_year"]}, "tickmode": "array", "tickvals": years,
                  "ticktext": [year_label(y, "short") for y in years], "showgrid": False,
                  "range": [min(years) - 0.5, max(years) + 0.5] if years else None},
        "yaxis": {"rangemode": "tozero", "gridcolor": "#e5e5e5", "zeroline": True, "zerolinecolor": "#bbbbbb",
                  "tickformat": ",~g"},
    }
    if rate:
        layout["shapes"] = [{"type": "line", "xref": "paper", "x0": 0, "x1": 1, "yref": "y", "y0": 100, "y1": 100,
                             "line": {"color": "#d62728", "dash": "dot", "width": 1}}]
    return layout


def series_figure(s: Series) -> dict:
    """The target-vs-actual chart of one series, as a plotly figure dict.

    Traces: 目標 (grey, dashed, diamonds), 実績 (blue, solid, filled circles)
    and 実績（見込み） (blue, dotted, open circles) for values printed as
    estimates (見込み).  Only values with status ``ok`` are plotted (a gap
    otherwise, never 0).  x: fiscal year; y: in the series' unit.
    """
    years = [y.fiscal_year for y in s.years]
    hover = [_hover(s, y) for y in s.years]

    def ok(v: float | None, status: str | None) -> float | None:
        return v if status == "ok" else None

    target = [ok(y.target, y.target_status) for y in s.years]
    actual = [ok(y.actual, y.actual_status) if not y.actual_is_estimate else None for y in s.years]
    estimate = [ok(y.actual, y.actual_status) if y.actual_is_estimate else None for y in s.years]
    data = [
        {"type": "scatter", "x": years, "y": target, "name": LABELS["target"], "mode": "lines+markers",
         "connectgaps": False, "line": {"color": TARGET_COLOUR, "dash": "dash"},
         "marker": {"symbol": "diamond", "size": 8, "color": TARGET_COLOUR}, "hovertext": hover,
         "hoverinfo": "text"},
        {"type": "scatter", "x": years, "y": actual, "name": LABELS["actual"], "mode": "lines+markers",
         "connectgaps": False, "line": {"color": ACTUAL_COLOUR},
         "marker": {"symbol": "circle", "size": 9, "color": ACTUAL_COLOUR}, "hovertext": hover,
         "hoverinfo": "text"},
    ]
    if any(v is not None for v in estimate):
        data.append({"type": "scatter", "x": years, "y": estimate, "name": LABELS["actual_estimate"],
                     "mode": "lines+markers", "connectgaps": True, "line": {"color": ACTUAL_COLOUR, "dash": "dot"},
                     "marker": {"symbol": "circle-open", "size": 10, "line": {"width": 2}, "color": ACTUAL_COLOUR},
                     "hovertext": hover, "hoverinfo": "text"})
    return {"data": data, "layout": _layout(years, s.unit or LABELS["no_unit"])}


def rate_figure(s: Series) -> dict | None:
    """The achievement-rate chart (達成率, %) of one series: one bar per fiscal
    year whose printed rate has status ok (estimates lighter), a dotted line
    at 100 %; None when no rate is printed."""
    if not s.has_rates():
        return None
    years = [y.fiscal_year for y in s.years]
    rates = [y.achievement_rate if y.achievement_rate_status == "ok" else None for y in s.years]
    colours = [RATE_COLOUR if not y.actual_is_estimate else "#98df8a" for y in s.years]
    text = [(_num(r, "%") + (" " + y.result if y.result else "")) if r is not None else "" for r, y in
            zip(rates, s.years)]
    data = [{"type": "bar", "x": years, "y": rates, "name": LABELS["achievement_rate"], "marker": {"color": colours},
             "hovertext": [_hover(s, y) for y in s.years], "hoverinfo": "text", "text": text,
             "textposition": "auto", "cliponaxis": False}]
    return {"data": data, "layout": _layout(years, "%", rate=True)}


#: plotly.js config of every chart.
CHART_CONFIG = {"displaylogo": False, "responsive": True, "displayModeBar": False}


def figures_json(figures: dict[str, dict]) -> Markup:
    """The figures as JSON for a ``<script type="application/json">`` block,
    with ``<``, ``>`` and ``&`` escaped (\\u003c ...) so no label can close
    the script or start markup."""
    text = json.dumps(figures, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return Markup(text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e"))


# -- crops --------------------------------------------------------------------

def fact_label(row: dict[str, Any]) -> str:
    """What a traced fact's cell holds, for a crop caption: indicator facts
    "創業者数 2023年度（令和5年度） 実績「1,600件」"; budget facts "事業費 …年度
    「130,000」"; text blocks their section; raw cells their table position."""
    printed = row.get("value_text")
    quoted = f"「{printed}」" if printed not in (None, "") else ""
    year = year_label(row.get("fiscal_year")) if row.get("fiscal_year") is not None else ""
    if row.get("indicator_name"):
        return " ".join(t for t in (row["indicator_name"], year, MEASURES.get(row.get("measure"), row.get("measure") or ""))
                        if t) + quoted
    if row.get("item"):
        return " ".join(t for t in (row.get("project_name") or "", row["item"], year) if t) + quoted
    if row.get("section"):
        return f"{row['section']} {row.get('ordinal') or ''}".strip()
    if row.get("table_index") is not None:
        return f"表{row['table_index']} 行{row.get('row_index')} 列{row.get('col_index')}「{row.get('text') or ''}」"
    return ""


def write_crops(wh: Warehouse, findings: list[dict[str, Any]], out_dir: Path) -> dict[str, CropLink]:
    """Write a PNG crop of every fact named by ``findings`` to out_dir/crops/.

    Uses hyoka.trace (trace_fact, then write_crop: the page region around the
    cell, cell outlined).  Returns {fact id: CropLink} with the cell's
    :func:`fact_label`; a fact whose crop cannot be made (TraceError: PDF moved
    or changed, unknown fact, no bbox) gets href None and the reason.
    """
    links: dict[str, CropLink] = {}
    for f in findings:
        for fact_id in f["fact_id_list"]:
            if fact_id in links:
                continue
            name = f"{safe_name(fact_id)}.png"
            label = ""
            try:
                trace = trace_fact(wh, fact_id)
                label = fact_label(trace.row)
                write_crop(trace, out_dir / CROPS_DIR / name)
            except TraceError as e:
                links[fact_id] = CropLink(fact_id, None, str(e), label)
            else:
                links[fact_id] = CropLink(fact_id, f"{CROPS_DIR}/{name}", "", label)
    return links


def fact_labels(wh: Warehouse, fact_ids: set[str]) -> dict[str, str]:
    """:func:`fact_label` of each fact id ("" when it cannot be traced), for
    findings listed without crops."""
    out = {}
    for fid in fact_ids:
        try:
            out[fid] = fact_label(trace_fact(wh, fid).row)
        except TraceError:
            out[fid] = ""
    return out


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
            at their recorded paths); False lists the facts with their labels only.
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
    verdicts = collect_verdicts(wh)
    by_key = {(m.municipality_code or "", m.municipality or ""): m for m in sections}
    for key, summary in verdicts.items():
        m = by_key.get(key)
        if m is None:  # results of a municipality without series (no code): a section of its own
            m = by_key[key] = MunicipalitySection(key[1] or None, key[0] or None, f"m-{len(by_key) + 1}")
            sections.append(m)
        m.summary = summary
        m.years = sorted({y for p in summary for y in p.cells})
        anchors = {p.key[1]: p.anchor for p in m.policies if p.key[0] == 0}
        for p in summary:
            p.anchor = anchors.get(p.policy_code)
    findings = collect_findings(wh)
    review = collect_review_links(wh)
    documents = collect_documents(wh)
    sheets = collect_sheets(wh)
    current = wh.query("SELECT COUNT(*) AS n FROM v_document_versions WHERE is_current")[0]["n"]
    versions = wh.query("SELECT COUNT(*) AS n FROM v_document_versions")[0]["n"]
    if crops:
        crop_links = write_crops(wh, findings, out_dir)
    else:
        ids = {fid for f in findings for fid in f["fact_id_list"]}
        labels = fact_labels(wh, ids)
        crop_links = {fid: CropLink(fid, None, LABELS["crops_not_requested"], labels[fid]) for fid in ids}

    # findings that involve each series' facts (fact ids carry '@load id' on both sides)
    finding_rows: dict[str, list[str]] = {}
    anchors = {f["finding_id"]: f"finding-{i + 1}" for i, f in enumerate(findings)}
    for s in series:
        ids = s.fact_ids()
        finding_rows[s.series_id] = [anchors[f["finding_id"]] for f in findings if ids & set(f["fact_id_list"])]

    figures: dict[str, dict] = {}
    chart_ids: dict[str, tuple[str, str | None]] = {}
    n = 0
    for m in sections:
        for p in m.policies:
            for s in p.series:
                n += 1
                figures[f"chart-{n}"] = series_figure(s)
                rate = rate_figure(s)
                if rate is not None:
                    figures[f"rate-{n}"] = rate
                chart_ids[s.series_id] = (f"chart-{n}", f"rate-{n}" if rate is not None else None)

    by_severity = {sev: sum(1 for f in findings if f["severity"] == sev) for sev in SEVERITIES}
    by_status: dict[str, int] = {}
    for d in documents:
        by_status[d["status"]] = by_status.get(d["status"], 0) + 1
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html", "j2"]),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["num"] = _num
    env.filters["year"] = year_label
    env.filters["template"] = template_label
    html = env.get_template("index.html.j2").render(
        L=LABELS, MEASURES=MEASURES, STATUSES=STATUSES, VERDICTS=VERDICTS, DOCUMENT_STATUSES=DOCUMENT_STATUSES,
        SEVERITY_LABELS=SEVERITY_LABELS, CURRENT_LABELS=CURRENT_LABELS, font_stack=FONT_STACK,
        chart_height=CHART_HEIGHT, config_json=Markup(json.dumps(CHART_CONFIG)),
        warehouse=warehouse_label(db_url) if db_url else "",
        generated_at=(generated_at or datetime.now(timezone.utc)).isoformat(timespec="seconds"),
        version=__version__, plotly_src=PLOTLY_ASSET, sections=sections, chart_ids=chart_ids,
        figures=figures_json(figures), series_count=len(series), findings=findings, anchors=anchors,
        by_severity=by_severity, crop_links=crop_links, finding_rows=finding_rows, review=review,
        documents=documents, sheets=sheets, by_status=by_status, current_documents=current,
        document_versions=versions,
        municipalities=sorted({m.municipality or LABELS["municipality_unknown"] for m in sections}),
        templates=sorted({s.template for s in series}))
    index = out_dir / "index.html"
    index.write_text(html, encoding="utf-8")
    made = sum(1 for c in crop_links.values() if c.href)
    return ReportResult(index, len(series), len(findings), len(review), made,
                        {k: c.reason for k, c in crop_links.items() if not c.href})
