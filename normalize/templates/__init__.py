"""Sheet templates as data.

Each ``*.toml`` file beside this module describes one template: the
headings that identify it, where its policy code/name and fiscal year are
printed, and which tables and text sections it holds, by their printed
header labels (never by coordinates).  Adding a city's template means
adding one file (here, or in a directory of ``--templates DIR`` / env
``HYOKA_TEMPLATES``, see :mod:`normalize.templates.registry` and
docs/adding-a-city.md) and its sample; the interpreters in
:mod:`normalize.sheets` are shared.

Every file is validated by :mod:`normalize.templates.model` (pydantic):
an unknown or misspelt key, a value of the wrong type or outside the
allowed values is a :class:`TemplateError` whose message is one line
naming the file and the key path, e.g. ``mytemplate.toml:
indicator_tables[0].nmae: unknown key (did you mean 'name'?)``; a TOML
syntax error names the line.  ``hyoka templates check FILE`` runs the same
check.

Schema (all keys optional unless noted):

- ``name`` (required; lower-case ASCII, digits, ``_``: the warehouse's
  sheet_type), ``title`` (the sheet's printed title).
- ``[municipality]``: ``name`` (平塚市) and ``code``, the JIS X 0402
  six-digit code as a string, whose check digit is verified (weights
  6,5,4,3,2 over the first five digits, check = (11 - sum % 11) % 10:
  平塚市 "142034", 厚木市 "142123", 池田市 "272043", 神戸市 "281000").  The
  old form ``municipality = "平塚市"`` is still read when
  ``vocabulary.MUNICIPALITIES`` knows the name.
- ``starts``: headings printed at the top of a sheet's first page; a page
  printing one opens a new sheet in a book of several (read by
  :mod:`normalize.split`).  Default ``[title]``.
- ``identify`` (required, at least one): headings (list of str) whose
  fuzzy presence identifies the template; the classification score is their mean best match (0-100).
- ``document_year``: ordered list of strategies: ``"title"`` (the first
  era-marked "X年度" in the first page's title area), ``"page_one"`` (the
  first one anywhere on page 1), ``"last_actual"`` (latest fiscal year
  with an ok actual value) and ``"budget_year"`` (latest fiscal year of a
  予算 amount: 神戸市 prints its sheet's year only as 25年度予算).
- ``[policy]``: ``label`` (e.g. 施策名 / 個別施策), the printed label next
  to or above the policy code and name.
- ``subject``: the printed label (e.g. 事業名, 部局名) whose neighbouring
  cell (right, else below) names what a sheet not about one policy is
  about (``DocumentFacts.subject``).
- ``[[indicator_tables]]``: ``layout`` = ``"year_columns"`` (default; one
  row per indicator, measure groups 実績値/目標値 over year columns: keys
  ``name``, ``unit``, ``groups``), ``"measure_rows"`` (a block of rows per
  indicator, the measure in a label column: ``name``, ``measure``,
  ``code``, ``policy_name``, ``number``, ``remark``, ``remark_section``)
  or ``"name_rows"`` (``group``; see ``model.NameRowsIndicatorTable``);
  the column labels as printed; ``groups`` maps a group header to a
  measure (``facts.MEASURES``); ``remark_section`` names the text section
  (``vocabulary.SECTIONS``) of the remark column.  Each layout accepts
  only its own keys (one model class per layout in
  :mod:`normalize.templates.model`).
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
- ``[vocabulary]``: the city's own labels, consulted before the shared
  ones of :mod:`normalize.vocabulary` while one of its sheets is read
  (``with vocabulary.for_template(template):``), so a new city's words
  need no code change: ``budget_items`` (list of canonical budget row
  labels), ``units`` (table: unit as printed -> ``[base unit, factor]``,
  factor a positive integer, e.g. ``"万円" = ["円", 10000]``),
  ``measure_labels`` (table: measure ``baseline`` / ``target`` /
  ``actual`` / ``achievement_rate`` / ``result`` -> list of printed
  labels), ``amount_basis_labels`` (table: basis ``settled`` / ``budget``
  / ``estimate`` / ``plan`` -> list of printed words; shared defaults
  ``vocabulary.AMOUNT_BASIS_LABELS``: 決算, 予算 / 当初予算 / 予算現額, 見込,
  計画).
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

from dataclasses import dataclass, field
from pathlib import Path

from hyoka.normalize.templates.model import TemplateError, TemplateFile, parse_template
from hyoka.normalize.vocabulary import EMPTY_VOCABULARY, Vocabulary

HERE = Path(__file__).parent


@dataclass(frozen=True)
class Template:
    """One template, loaded and validated from a ``*.toml`` file; see the
    module doc for each key.

    The table entries (``indicator_tables``, ``budget_tables``,
    ``sections``, ``plan_tables``) and ``policy``, ``estimate``,
    ``validate`` are plain dicts of the keys the file set (validated by
    :mod:`normalize.templates.model`), as the interpreters read them.
    ``municipality`` is the city's name and ``municipality_code`` its JIS
    X 0402 code (both None when the file names no city); ``starts`` the
    headings that open a sheet (default ``(title,)``); ``vocabulary`` the
    city's own labels (:class:`normalize.vocabulary.Vocabulary`, activate
    with ``vocabulary.for_template``); ``source`` the file it came from.
    """

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
    municipality_code: str | None = None
    starts: tuple[str, ...] = ()
    vocabulary: Vocabulary = EMPTY_VOCABULARY
    source: Path | None = None


def template_from_model(model: TemplateFile, source: Path | None = None) -> Template:
    """A :class:`Template` from a validated :class:`TemplateFile`.

    Args:
        model: the validated file.
        source: the file it was read from (kept in ``Template.source``).
    Returns:
        the :class:`Template`; its dict entries are
        ``model_dump(exclude_unset=True, by_alias=True)`` of each part, so
        they hold exactly the keys the file set.
    """
    def dump(part) -> dict:
        return part.model_dump(exclude_unset=True, by_alias=True) if part is not None else {}

    voc = model.vocabulary
    vocab = EMPTY_VOCABULARY if voc is None else Vocabulary(
        budget_items=tuple(voc.budget_items),
        units={u: (base, factor) for u, (base, factor) in voc.units.items()},
        measure_labels={m: tuple(ls) for m, ls in voc.measure_labels.items()},
        amount_basis_labels={b: tuple(ls) for b, ls in voc.amount_basis_labels.items()},
    )
    muni = model.municipality
    return Template(
        name=model.name,
        title=model.title,
        municipality=muni.name if muni else None,
        municipality_code=muni.code if muni else None,
        identify=tuple(model.identify),
        document_year=tuple(model.document_year),
        policy=dump(model.policy),
        subject=model.subject,
        indicator_tables=tuple(dump(t) for t in model.indicator_tables),
        budget_tables=tuple(dump(t) for t in model.budget_tables),
        sections=tuple(dump(t) for t in model.sections),
        plan_tables=tuple(dump(t) for t in model.plan_tables),
        estimate=dump(model.estimate),
        validate=dump(model.validate_),
        starts=model.start_headings,
        vocabulary=vocab,
        source=source,
    )


def load_template(path: Path | str) -> Template:
    """Read and validate one template file.

    Args:
        path: the ``*.toml`` file (named in errors as given).
    Returns:
        the :class:`Template`, ``source`` = ``path``.
    Raises:
        TemplateError: unreadable file, invalid TOML, an unknown key or a
            bad value (one line naming the file and the key path).
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise TemplateError(str(path), "", f"cannot read: {e}") from None
    return template_from_model(parse_template(text, str(path)), path)


from hyoka.normalize.templates.registry import (SHIPPED_DIR, all_templates, configure,  # noqa: E402
                                          template_dirs)

__all__ = ["HERE", "SHIPPED_DIR", "Template", "TemplateError", "all_templates", "configure",
           "load_template", "template_dirs", "template_from_model"]
