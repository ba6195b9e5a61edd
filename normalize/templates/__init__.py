"""Sheet templates as data.

Each ``*.toml`` file beside this module describes one template: the
headings that identify it, where its policy code/name and fiscal year are
printed, and which tables and text sections it holds, by their printed
header labels (never by coordinates).  Adding a city's template means
adding one file here and its sample; the interpreters in
:mod:`normalize.sheets` are shared.

Schema (all keys optional unless noted):

- ``name`` (required), ``title``, ``municipality``
- ``identify``: headings (list of str) whose fuzzy presence identifies the
  template; the classification score is their mean best match (0-100).
- ``document_year``: ordered list of strategies: ``"title"`` (the first
  era-marked "X年度" in the first page's title area), ``"page_one"`` (the
  first one anywhere on page 1) and ``"last_actual"``
  (latest fiscal year with an ok actual value).
- ``[policy]``: ``label`` (e.g. 施策名 / 個別施策), the printed label next
  to or above the policy code and name.
- ``subject``: the printed label (e.g. 事業名, 部局名) whose neighbouring
  cell (right, else below) names what a sheet not about one policy is
  about (``DocumentFacts.subject``).
- ``[[indicator_tables]]``: ``layout`` = ``"year_columns"`` (one row per
  indicator, measure groups 実績値/目標値 over year columns) or
  ``"measure_rows"`` (a block of rows per indicator, the measure in a
  label column); column labels ``name``, ``unit``, ``measure``, ``code``,
  ``policy_name``, ``number``, ``remark``; ``groups`` maps a group header
  to a measure; ``remark_section`` names the text section of the remark
  column.
- ``[[budget_tables]]``: ``layout`` = ``"anchor"`` (default: ``anchor``
  the label in the table's top-left cell (決算額), items in the first
  column, fiscal years in the header row) or ``"year_header"`` (the table
  below the printed ``caption``; fiscal years from its first row of year
  labels; ``unit`` when the caption prints no （単位：…）; ``groups`` the
  labels that group sub-rows, e.g. 財源内訳); see
  :mod:`normalize.sheets.budget`.
- ``[[sections]]``: ``heading`` as printed and ``section``; or ``marks``
  mapping a bullet mark to a section, for one body holding two sections;
  ``body`` = ``"below"`` (default) or ``"right"`` says where the text is.
- ``[[plan_tables]]`` (read by :mod:`normalize.sheets.plans`): a wide
  table of yearly plan / result texts per policy, e.g. 厚木市's 取組状況
  table: ``title`` a word of the title line printed above each table
  (取組状況), whose bracketed Roman numeral "(I …)", "(Ⅱ …)" opens the
  policy code; ``levels`` the header labels of the policy hierarchy
  columns, outermost first (default 基本方針, 基本施策, 単位施策), whose
  printed numbers "1 …", "(1)…", "①…" follow the numeral: I-1-(1)-①;
  ``indicator`` the indicator-name column (成果指標); ``texts`` the group
  header (計画と実績) over year headers (令和3年度 …) over the text column
  labels ``columns`` (計画, 実績; each label's section from
  ``vocabulary.SECTION_HEADINGS``); ``figures`` the group header (目標と実績)
  over a measure-label column (目標 / 実績 rows) and year columns, the
  figures the table restates from the indicator table (checked by
  ``finding.restated_figure_mismatch``, never loaded as indicator facts).
  Defaults: ``vocabulary.PLAN_*``.
- ``[estimate]``: ``legend`` heading whose text says which years are
  estimates (e.g. 〔実績について〕 "R5は見込値").
- ``[validate]`` (read by :mod:`normalize.validate`): ``result_legend``
  the heading of the legend stating the 結果 thresholds (default
  〔結果の見方〕); ``result_thresholds`` the thresholds used when the sheet
  prints no readable legend, a list of ``{verdict, min, below}`` tables
  (``min`` inclusive, ``below`` exclusive, percent; e.g. ``{verdict =
  "概ね達成", min = 80.0, below = 100.0}``); ``lower_is_better`` indicator
  names whose 達成率 is 目標 / 実績 x 100; ``funding_sources`` the 財源内訳
  items that sum to 事業費 (default ``vocabulary.FUNDING_SOURCES``);
  ``execution_rate_tolerance`` percentage points above 100 that 執行率 may
  print before it is implausible (default 0.5).
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).parent


@dataclass(frozen=True)
class Template:
    """One template description loaded from ``<name>.toml``; see module doc."""

    name: str
    title: str = ""
    municipality: str | None = None
    identify: tuple[str, ...] = ()
    document_year: tuple[str, ...] = ("title", "last_actual")
    policy: dict = field(default_factory=dict)
    subject: str = ""
    indicator_tables: tuple[dict, ...] = ()
    budget_tables: tuple[dict, ...] = ()
    sections: tuple[dict, ...] = ()
    plan_tables: tuple[dict, ...] = ()
    estimate: dict = field(default_factory=dict)
    validate: dict = field(default_factory=dict)


def load_template(path: Path) -> Template:
    """Parse one TOML template file; KeyError if ``name`` is missing."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return Template(
        name=data["name"],
        title=data.get("title", ""),
        municipality=data.get("municipality"),
        identify=tuple(data.get("identify", ())),
        document_year=tuple(data.get("document_year", ("title", "last_actual"))),
        policy=data.get("policy", {}),
        subject=data.get("subject", ""),
        indicator_tables=tuple(data.get("indicator_tables", ())),
        budget_tables=tuple(data.get("budget_tables", ())),
        sections=tuple(data.get("sections", ())),
        plan_tables=tuple(data.get("plan_tables", ())),
        estimate=data.get("estimate", {}),
        validate=data.get("validate", {}),
    )


@lru_cache(maxsize=1)
def all_templates() -> tuple[Template, ...]:
    """Every template shipped beside this module, sorted by name."""
    return tuple(load_template(p) for p in sorted(HERE.glob("*.toml")))
