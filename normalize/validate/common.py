"""Shared pieces of the within-document validation rules.

Nothing here judges a sheet; it groups facts, reads printed precision and
template configuration, and formats the labels findings print.  Pure.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_FLOOR, ROUND_HALF_UP, Decimal

from hyoka.normalize.facts import BudgetValue, FactRef, Finding, IndicatorValue, Value
from hyoka.normalize.vocabulary import (FUNDING_SOURCES, MEASURE_LABELS, RESULT_LEGEND, label_key,
                                  match_label)
from hyoka.normalize.width import fold_width

#: The roundings a spreadsheet may have applied to a printed figure: Excel's
#: ROUND and cell display format round half away from zero (ROUND_HALF_UP
#: for the positive rates of these sheets); ROUNDDOWN/TRUNC truncate
#: (ROUND_DOWN); INT floors (ROUND_FLOOR, the same for positive numbers).
ROUNDINGS: tuple[str, ...] = (ROUND_HALF_UP, ROUND_DOWN, ROUND_FLOOR)

#: Default percentage points above 100 that 執行率 may print (template key
#: ``execution_rate_tolerance``).
DEFAULT_EXECUTION_RATE_TOLERANCE = 0.5

_NUMBER = re.compile(r"[0-9][0-9,]*(?:\.([0-9]+))?")


@dataclass(frozen=True)
class Config:
    """The ``[validate]`` settings of a template (see ``normalize.templates``).

    ``template_name`` names the template (None without one);
    ``result_legend`` the legend heading; ``result_thresholds`` the
    fallback thresholds as given in the TOML; ``lower_is_better`` label keys
    of indicator names; ``funding_sources`` canonical 財源内訳 items;
    ``execution_rate_tolerance`` in percentage points.
    """

    template_name: str | None = None
    result_legend: str = RESULT_LEGEND
    result_thresholds: tuple[Mapping, ...] = ()
    lower_is_better: frozenset[str] = frozenset()
    funding_sources: tuple[str, ...] = FUNDING_SOURCES
    execution_rate_tolerance: float = DEFAULT_EXECUTION_RATE_TOLERANCE


def config_of(template) -> Config:
    """The validation :class:`Config` of ``template``.

    Args:
        template: a ``normalize.templates.Template`` (its ``validate`` dict
            and ``name``), a plain dict shaped like the TOML (``name`` and
            a ``validate`` table), or None.
    Returns:
        a :class:`Config`; missing keys take the defaults above.
    """
    if template is None:
        return Config()
    if isinstance(template, Mapping):
        name, settings = template.get("name"), template.get("validate", {}) or {}
    else:
        name, settings = getattr(template, "name", None), getattr(template, "validate", {}) or {}
    return Config(
        template_name=name,
        result_legend=settings.get("result_legend", RESULT_LEGEND),
        result_thresholds=tuple(settings.get("result_thresholds", ())),
        lower_is_better=frozenset(label_key(n) for n in settings.get("lower_is_better", ())),
        funding_sources=tuple(settings.get("funding_sources", FUNDING_SOURCES)),
        execution_rate_tolerance=float(settings.get("execution_rate_tolerance",
                                                    DEFAULT_EXECUTION_RATE_TOLERANCE)),
    )


def printed_decimals(value: Value) -> int | None:
    """Number of decimals printed in a value's cell ("209.4%" -> 1, "3,350件" -> 0).

    Args:
        value: a normalized cell.
    Returns:
        the digits after the decimal point of the first number in
        ``value.value_text`` (width-folded), or None when it prints no number.
    """
    m = _NUMBER.search(fold_width(value.value_text))
    if m is None:
        return None
    return len(m.group(1)) if m.group(1) else 0


def as_decimal(value: Value) -> Decimal:
    """``value.value`` as an exact Decimal of its shortest float repr (3350.0 -> 3350.0)."""
    return Decimal(repr(value.value))


def quantum(decimals: int) -> Decimal:
    """The unit of the last printed digit: 0 -> 1, 1 -> 0.1, 2 -> 0.01."""
    return Decimal(1).scaleb(-decimals)


def half_unit(value: Value) -> Decimal:
    """How far the true figure may lie from a printed one that was rounded.

    A figure printed with decimals (29.3%) is taken as rounded at that
    precision: half a unit of its last digit (0.05).  A figure printed as
    a whole number (3,350件, 1,600千円) is an exact count or amount: 0.
    """
    d = printed_decimals(value) or 0
    return quantum(d) / 2 if d > 0 else Decimal(0)


def rounded(x: Decimal, decimals: int, rounding: str) -> Decimal:
    """``x`` rounded to ``decimals`` places with a :mod:`decimal` rounding mode."""
    return x.quantize(quantum(decimals), rounding=rounding)


def indicator_key(iv: IndicatorValue) -> tuple:
    """Identity of an indicator within one document: (policy_code, name key)."""
    return (iv.policy_code, label_key(iv.indicator_name))


def indicator_groups(indicators: list[IndicatorValue]) -> dict[tuple, list[int]]:
    """Indicator key (:func:`indicator_key`) -> indices into ``indicators``,
    groups in first-printed order, indices ascending."""
    groups: dict[tuple, list[int]] = {}
    for i, iv in enumerate(indicators):
        groups.setdefault(indicator_key(iv), []).append(i)
    return groups


def budget_key(b: BudgetValue) -> tuple:
    """Identity of a budget line within one document: (policy_code, project,
    item key, amount_basis).

    The amount basis is part of the line: a year's 予算 and 決算 are two
    figures, not one printed twice (池田市 （４）事業費等 R６年度 予算 | 決算;
    神戸市 ≪事業別コスト等≫ 24年度決算 | 25年度予算), so each basis is its own
    series for the year-gap rule and its own figure for restatements.
    """
    return (b.policy_code, b.project_name, label_key(b.item), b.amount_basis)


def printing(prov) -> tuple:
    """The table row a fact was printed in: (page, top rounded to 0.5 pt).

    Cells of one grid row share their top edge, so the figures of one
    indicator row (year columns) or one measure row (measure rows) share it.
    """
    top = None if prov.top is None else round(prov.top * 2) / 2
    return (prov.page, top)


def measure_label(measure: str) -> str:
    """The sheet label of a contract measure (actual -> 実績, target -> 目標, ...)."""
    return MEASURE_LABELS[measure][0]


def year_label(fiscal_year: int | None) -> str:
    """A fiscal year for a message: 2021 -> "2021年度"; None -> "(no year)"."""
    return f"{fiscal_year}年度" if fiscal_year is not None else "(no year)"


def printed(value: Value) -> str:
    """The cell as printed, one line, for a message."""
    return " ".join(value.value_text.split()) or "(blank)"


def canonical_item(item: str, choices) -> str | None:
    """The canonical budget item among ``choices`` a printed label stands for.

    Args:
        item: the label as printed ("その他　特財", "事業費　(A)").
        choices: canonical labels (vocabulary entries).
    Returns:
        the matching choice (``vocabulary.match_label`` score >= 80 after
        the unit and a trailing "(A)" reference are removed) or None.
    """
    from hyoka.normalize.vocabulary import strip_unit_from_label
    bare = re.sub(r"[（(][A-ZＡ-Ｚ][）)]\s*$", "", strip_unit_from_label(item))
    best, _ = match_label(bare, choices)
    return best


def finding(rule_id: str, severity: str, message: str, refs: list[tuple[FactRef, int]]) -> Finding:
    """A :class:`Finding` whose page is the page of the first fact.

    Args:
        refs: (FactRef, page) pairs in the order the message names them.
    """
    return Finding(rule_id, severity, message, refs[0][1] if refs else None,
                   tuple(r for r, _ in refs))
