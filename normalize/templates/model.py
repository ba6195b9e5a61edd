"""The validated shape of a template file (pydantic v2).

One model per table of the TOML schema documented in
:mod:`normalize.templates`; every model forbids unknown keys
(``extra="forbid"``), so a misspelt key is an error instead of a silently
ignored setting.  :func:`parse_template` turns a file's text into a
:class:`TemplateFile` or raises :class:`TemplateError` with a one-line
message naming the file and the key path::

    mytemplate.toml: indicator_tables[0].nmae: unknown key (did you mean 'name'?)

Allowed values come from the shared vocabulary and the contract:
measures ``facts.MEASURES``, amount bases ``facts.AMOUNT_BASES``, sections
``vocabulary.SECTIONS``, verdicts ``vocabulary.RESULT_LABELS``, municipality
codes JIS X 0402 (six digits, the last a check digit).

To add a key for a table kind, add a field to its class below (with a
comment saying what reads it); the interpreters receive the entries as the
plain dicts of what the file set (``model_dump(exclude_unset=True)``).
"""
from __future__ import annotations

import difflib
import tomllib
import types
import typing
from typing import Annotated, Any, Literal, Union

from pydantic import (AfterValidator, BaseModel, BeforeValidator, ConfigDict, Discriminator, Field,
                      PositiveInt, Tag, ValidationError, field_validator, model_validator)

from hyoka.normalize.facts import AMOUNT_BASES, MEASURES
from hyoka.normalize.vocabulary import MUNICIPALITIES, RESULT_LABELS, SECTIONS
from hyoka.normalize.width import fold_width


class TemplateError(ValueError):
    """A template file that cannot be used: TOML syntax, an unknown key or a
    bad value.  ``str(error)`` is one line, ``"<file>: <key path>: <problem>"``
    (``"<file>: invalid TOML: … (at line L, column C)"`` for syntax).

    Attributes:
        source: the file as named by the caller (str).
        key_path: e.g. ``"indicator_tables[0].nmae"``; "" for syntax errors.
        problem: the message after the key path.
    """

    def __init__(self, source: str, key_path: str, problem: str) -> None:
        self.source, self.key_path, self.problem = source, key_path, problem
        where = f"{key_path}: " if key_path else ""
        super().__init__(f"{source}: {where}{problem}")


# ---------------------------------------------------------------------------
# Value checks.


def jis_check_digit(first_five: str) -> int:
    """The JIS X 0402 check digit of a municipality code's first five digits.

    Rule (JIS X 0402, 全国地方公共団体コード): weights 6, 5, 4, 3, 2 over the
    five digits; check = (11 - sum % 11) % 10.  E.g. "14203" -> 4 (平塚市
    142034), "28100" -> 0 (神戸市 281000).

    Args:
        first_five: five ASCII digits.
    Returns:
        the check digit 0-9.
    Raises:
        ValueError: when ``first_five`` is not five digits.
    """
    if len(first_five) != 5 or not first_five.isascii() or not first_five.isdigit():
        raise ValueError(f"expected five digits, got {first_five!r}")
    total = sum(int(d) * w for d, w in zip(first_five, (6, 5, 4, 3, 2)))
    return (11 - total % 11) % 10


def _jis_code(code: str) -> str:
    if len(code) != 6 or not code.isascii() or not code.isdigit():
        raise ValueError(f"{code!r} is not a JIS X 0402 code (six digits, e.g. \"142034\")")
    check = jis_check_digit(code[:5])
    if int(code[5]) != check:
        raise ValueError(f"{code!r} has a wrong check digit (expected {code[:5]}{check})")
    return code


def _section(name: str) -> str:
    if name not in SECTIONS:
        raise ValueError(f"{name!r} is not a section; expected one of {', '.join(SECTIONS)}")
    return name


def _verdict(name: str) -> str:
    if name not in RESULT_LABELS:
        raise ValueError(f"{name!r} is not a verdict; expected one of {', '.join(RESULT_LABELS)}")
    return name


def _unit_key(unit: str) -> str:
    folded = "".join(fold_width(unit).split())
    if not folded:
        raise ValueError("a unit must not be blank")
    return folded


#: A printed label: a non-empty string.
Label = Annotated[str, Field(min_length=1)]
#: A contract section (``vocabulary.SECTIONS``).
Section = Annotated[str, AfterValidator(_section)]
#: A contract measure (``facts.MEASURES``).
Measure = Literal[MEASURES]  # type: ignore[valid-type]
#: A contract amount basis (``facts.AMOUNT_BASES``).
AmountBasis = Literal[AMOUNT_BASES]  # type: ignore[valid-type]
#: A way of finding the document fiscal year (see :mod:`normalize.templates`).
YearStrategy = Literal["title", "page_one", "last_actual", "budget_year"]


class Strict(BaseModel):
    """Base of every template model: unknown keys are errors, values are
    not coerced between types (a number is not a string), models are frozen."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


# ---------------------------------------------------------------------------
# Sections of the file.


class MunicipalitySpec(Strict):
    """``[municipality]``: the city the template's sheets belong to.

    ``name`` as printed (平塚市); ``code`` its JIS X 0402 code as a string
    of six digits with a valid check digit (142034), the warehouse's
    municipality_code.
    """

    name: Label
    code: Annotated[str, AfterValidator(_jis_code)]


class PolicySpec(Strict):
    """``[policy]``: ``label`` printed next to or above the policy code and
    name (施策名, 個別施策); read by ``normalize.document.find_policy``."""

    label: Label


class YearColumnsIndicatorTable(Strict):
    """``[[indicator_tables]]`` with ``layout = "year_columns"`` (the
    default): one row per indicator, measure groups over year columns;
    read by ``normalize.sheets.indicators.detect_year_columns``.

    ``name``/``unit``: header labels of the name and unit columns (default
    指標名, 単位); ``groups``: group header -> measure (実績値 -> actual).
    """

    layout: Literal["year_columns"] = "year_columns"
    name: Label = "指標名"
    unit: Label = "単位"
    groups: dict[Label, Measure] = {}


class MeasureRowsIndicatorTable(Strict):
    """``[[indicator_tables]]`` with ``layout = "measure_rows"``: a block of
    rows per indicator with the measure in a label column; read by
    ``normalize.sheets.indicators.detect_measure_rows``.

    Column header labels: ``name`` (default 成果指標), ``measure`` (年度),
    optional ``code``, ``policy_name``, ``number``, ``remark``;
    ``remark_section`` the section of the remark column's text.
    """

    layout: Literal["measure_rows"]
    name: Label = "成果指標"
    measure: Label = "年度"
    code: Label | None = None
    policy_name: Label | None = None
    number: Label | None = None
    remark: Label | None = None
    remark_section: Section | None = None
    # read by normalize.sheets.indicators.detect_measure_rows: the 単位
    # column's header (平塚市 事業評価シート 活動指標・成果指標, sample 005)
    unit: Label | None = None


class NameRowsIndicatorTable(Strict):
    """``[[indicator_tables]]`` with ``layout = "name_rows"``: year-and-measure
    header cells (20年度実績 … 25年度見込み) and, in the rows of the ``group``
    label (事業実績), each indicator's name printed across the year columns
    with its figures in the row below (神戸市 ≪事業実績等≫); read by
    ``normalize.sheets.indicators.detect_name_rows``."""

    layout: Literal["name_rows"]
    group: Label


class AnchorBudgetTable(Strict):
    """``[[budget_tables]]`` with ``layout = "anchor"`` (the default): the
    table whose top-left cell prints ``anchor`` (default 決算額), items in
    the first column, fiscal years in the header row; read by
    ``normalize.sheets.budget``."""

    layout: Literal["anchor"] = "anchor"
    anchor: Label = "決算額"


class YearHeaderBudgetTable(Strict):
    """``[[budget_tables]]`` with ``layout = "year_header"``: the table below
    the printed ``caption``, fiscal years from its first row of year labels;
    ``unit`` when the caption prints no （単位：…）; ``groups`` the labels
    grouping sub-rows (財源内訳); read by ``normalize.sheets.budget``."""

    layout: Literal["year_header"]
    caption: Label
    unit: Label | None = None
    groups: list[Label] = []
    # read by normalize.sheets.budget: "printed" = every labelled row is an
    # item named as printed (池田市 主な内訳, 神戸市 ≪事業別コスト等≫);
    # "vocabulary" (default) = only the vocabulary's budget items
    items: Literal["vocabulary", "printed"] = "vocabulary"


class SectionSpec(Strict):
    """``[[sections]]``: the text under (``body = "below"``, default) or
    right of (``"right"``) the printed ``heading`` is ``section``; or
    ``marks`` maps a bullet mark to a section, for one body holding two
    sections.  Read by ``normalize.sheets.sections.read_sections``."""

    heading: Label
    section: Section | None = None
    marks: dict[Label, Section] = {}
    body: Literal["below", "right"] = "below"


class PlanTableSpec(Strict):
    """``[[plan_tables]]``: a wide table of yearly plan / result texts per
    policy (厚木市 取組状況); keys as in :mod:`normalize.templates`, defaults
    ``vocabulary.PLAN_*``.  Read by ``normalize.sheets.plans`` and
    ``normalize.validate.restated``."""

    title: Label | None = None
    levels: list[Label] | None = None
    indicator: Label | None = None
    texts: Label | None = None
    columns: list[Label] | None = None
    figures: Label | None = None


class EstimateSpec(Strict):
    """``[estimate]``: ``legend`` the heading whose text says which years
    are estimates (〔実績について〕 "R5は見込値")."""

    legend: Label


class Threshold(Strict):
    """One ``result_thresholds`` entry: ``verdict`` applies to an
    achievement rate ``min`` <= rate < ``below`` (percent; either bound may
    be absent, not both)."""

    model_config = ConfigDict(strict=False)  # 80 and 80.0 are both fine

    verdict: Annotated[str, AfterValidator(_verdict)]
    min: float | None = None
    below: float | None = None

    @model_validator(mode="after")
    def _bounds(self) -> "Threshold":
        if self.min is None and self.below is None:
            raise ValueError("a threshold needs min, below or both")
        if self.min is not None and self.below is not None and self.min >= self.below:
            raise ValueError(f"min {self.min} must be below {self.below}")
        return self


class ValidateSpec(Strict):
    """``[validate]``: settings of :mod:`normalize.validate`
    (``normalize.validate.common.config_of``); see :mod:`normalize.templates`."""

    result_legend: Label | None = None
    result_thresholds: list[Threshold] | None = None
    lower_is_better: list[Label] | None = None
    funding_sources: list[Label] | None = None
    execution_rate_tolerance: Annotated[float, Field(ge=0), BeforeValidator(
        lambda v: float(v) if isinstance(v, int) and not isinstance(v, bool) else v)] | None = None


class VocabularySpec(Strict):
    """``[vocabulary]``: the city's own labels, consulted before the shared
    ones of :mod:`normalize.vocabulary` while one of its sheets is read.

    ``budget_items``: canonical budget row labels; ``units``: unit as
    printed -> ``[base unit, factor]`` (factor a positive integer, e.g.
    ``"万円" = ["円", 10000]``); ``measure_labels``: measure -> printed
    labels; ``amount_basis_labels``: amount basis -> printed words.
    """

    budget_items: list[Label] = []
    units: dict[Annotated[str, AfterValidator(_unit_key)],
                Annotated[tuple[Label, PositiveInt], Field(strict=False)]] = {}
    measure_labels: dict[Measure, list[Label]] = {}
    amount_basis_labels: dict[AmountBasis, list[Label]] = {}


def _layout_of(default: str):
    def tag(value: Any) -> str:
        layout = value.get("layout", default) if isinstance(value, dict) else getattr(value, "layout", default)
        return f"layout={layout}"
    return tag


#: Tag prefix marking the table-kind step of an error location (dropped from key paths).
_TAG = "layout="

IndicatorTable = Annotated[
    Union[Annotated[YearColumnsIndicatorTable, Tag("layout=year_columns")],
          Annotated[MeasureRowsIndicatorTable, Tag("layout=measure_rows")],
          Annotated[NameRowsIndicatorTable, Tag("layout=name_rows")]],
    Discriminator(_layout_of("year_columns")),
]
BudgetTable = Annotated[
    Union[Annotated[AnchorBudgetTable, Tag("layout=anchor")],
          Annotated[YearHeaderBudgetTable, Tag("layout=year_header")]],
    Discriminator(_layout_of("anchor")),
]


class TemplateFile(Strict):
    """A whole template file; see :mod:`normalize.templates` for each key.

    ``municipality`` is the ``[municipality]`` table, or (old form) a city
    name that ``vocabulary.MUNICIPALITIES`` resolves to its code.
    ``starts`` defaults to ``[title]`` (see :attr:`start_headings`).
    """

    name: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
    title: str = ""
    municipality: MunicipalitySpec | None = None
    starts: list[Label] | None = None
    identify: Annotated[list[Label], Field(min_length=1)]
    document_year: list[YearStrategy] = ["title", "last_actual"]
    policy: PolicySpec | None = None
    subject: str = ""
    indicator_tables: list[IndicatorTable] = []
    budget_tables: list[BudgetTable] = []
    sections: list[SectionSpec] = []
    plan_tables: list[PlanTableSpec] = []
    estimate: EstimateSpec | None = None
    validate_: ValidateSpec | None = Field(default=None, alias="validate")
    vocabulary: VocabularySpec | None = None

    model_config = ConfigDict(populate_by_name=False)

    @field_validator("municipality", mode="before")
    @classmethod
    def _old_municipality(cls, value: Any) -> Any:
        """The old form ``municipality = "平塚市"``: resolved through
        ``vocabulary.MUNICIPALITIES``; an unknown name is an error."""
        if isinstance(value, str):
            code = MUNICIPALITIES.get(value)
            if code is None:
                raise ValueError(f"{value!r} has no known code; write a [municipality] table "
                                 f"with name and code (JIS X 0402)")
            return {"name": value, "code": code}
        return value

    @property
    def start_headings(self) -> tuple[str, ...]:
        """``starts`` as given, else ``(title,)`` (none without a title)."""
        if self.starts is not None:
            return tuple(self.starts)
        return (self.title,) if self.title else ()


# ---------------------------------------------------------------------------
# Errors as one line.


def _unwrap(annotation: Any) -> list[Any]:
    """The model classes an annotation can hold at its next key step."""
    origin = typing.get_origin(annotation)
    if origin is Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        return [m for a in typing.get_args(annotation) for m in _unwrap(a)]
    if origin in (list, tuple):
        return [m for a in typing.get_args(annotation) for m in _unwrap(a)]
    if origin is dict:
        return _unwrap(typing.get_args(annotation)[1])
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return []


def _keys_at(loc: tuple) -> list[str]:
    """The keys allowed in the table at ``loc`` (a pydantic error location
    without its last step), for the did-you-mean suggestion."""
    models: list[type[BaseModel]] = [TemplateFile]
    for step in loc:
        if isinstance(step, int):
            continue
        if isinstance(step, str) and step.startswith(_TAG):
            layout = step[len(_TAG):]
            models = [m for m in models if m.model_fields.get("layout") is not None
                      and layout in typing.get_args(m.model_fields["layout"].annotation)] or models
            continue
        nxt: list[type[BaseModel]] = []
        for m in models:
            for fname, f in m.model_fields.items():
                if (f.alias or fname) == step:
                    nxt.extend(_unwrap(f.annotation))
        models = nxt
    return sorted({(f.alias or n) for m in models for n, f in m.model_fields.items()})


def key_path(loc: tuple) -> str:
    """A pydantic error location as a key path: ``("indicator_tables", 0,
    "nmae")`` -> ``"indicator_tables[0].nmae"`` (table-kind tags and the
    ``[key]`` marker of a bad table key dropped)."""
    out = ""
    for step in loc:
        if isinstance(step, int):
            out += f"[{step}]"
        elif isinstance(step, str) and (step.startswith(_TAG) or step == "[key]"):
            continue  # a table-kind tag, or pydantic's marker of a bad table key
        else:
            out += f".{step}" if out else str(step)
    return out


def _problem(error: dict) -> tuple[tuple, str]:
    """(location, one-line problem) of one pydantic error dict."""
    loc, kind, msg = tuple(error["loc"]), error["type"], error["msg"]
    if kind == "extra_forbidden":
        allowed = _keys_at(loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.6)
        hint = f" (did you mean {close[0]!r}?)" if close else (
            f" (allowed: {', '.join(allowed)})" if allowed else "")
        return loc, f"unknown key{hint}"
    if kind == "missing":
        return loc, "required key is missing"
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        ctx = error.get("ctx", {})
        tag = str(ctx.get("tag", "")).removeprefix(_TAG)
        expected = str(ctx.get("expected_tags", "")).replace(_TAG, "")
        return loc + ("layout",), f"unknown layout {tag!r} (expected {expected})"
    if kind == "value_error":
        msg = msg.removeprefix("Value error, ")
    elif kind == "literal_error":
        close = difflib.get_close_matches(str(error.get("input")),
                                          [s.strip("'") for s in str(error["ctx"]["expected"])
                                           .replace(" or ", ", ").split(", ")], n=1)
        msg = f"{error.get('input')!r} is not allowed: {msg[0].lower()}{msg[1:]}" + (
            f" (did you mean {close[0]!r}?)" if close else "")
    else:
        msg = f"{msg[0].lower()}{msg[1:]} (got {error.get('input')!r})"
    return loc, msg


def parse_template(text: str, source: str) -> TemplateFile:
    """Parse and validate one template file's text.

    Args:
        text: the TOML text.
        source: how to name the file in errors (its path as given).
    Returns:
        the validated :class:`TemplateFile`.
    Raises:
        TemplateError: invalid TOML (message with line and column), an
            unknown key (with the closest allowed key), a missing required
            key or a bad value; only the first problem is reported, as one
            line ``"<source>: <key path>: <problem>"``.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise TemplateError(source, "", f"invalid TOML: {e}") from None
    try:
        return TemplateFile.model_validate(data)
    except ValidationError as e:
        # An unknown key first: a misspelt required key is also reported missing.
        errors = sorted(e.errors(), key=lambda err: err["type"] != "extra_forbidden")
        loc, problem = _problem(errors[0])
        raise TemplateError(source, key_path(loc), problem) from None
