"""``finding.achievement_rate_mismatch``: a printed 達成率 against 実績 / 目標.

The 達成率 of seed 004 (and of KPI sheets generally) is 実績 / 目標 x 100,
printed at some precision (209.4% = round(3350 / 1600 x 100, 1)).  For an
indicator where less is better (e.g. a waiting list) it is 目標 / 実績 x 100.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from hyoka.normalize.facts import DocumentFacts, FactRef, Finding
from hyoka.normalize.validate.common import (ROUNDINGS, Config, as_decimal, finding, half_unit,
                                       measure_label, printed, printed_decimals, rounded, year_label)

RULE_ID = "finding.achievement_rate_mismatch"

FORWARD = "forward"
REVERSE = "reverse"


def rate_interval(numerator: Decimal, num_half: Decimal, denominator: Decimal,
                  den_half: Decimal) -> tuple[Decimal, Decimal] | None:
    """The range of numerator / denominator x 100 over the inputs' rounding.

    Args:
        numerator, denominator: the printed figures (non-negative numerator,
            positive denominator expected).
        num_half, den_half: how far each true figure may lie from the printed
            one (:func:`common.half_unit`; 0 for exact counts).
    Returns:
        (lowest, highest) percent, or None when the denominator may be 0 or
        negative or the numerator is negative (no rate is defined).
    """
    if denominator - den_half <= 0 or numerator < 0:
        return None
    low = max(numerator - num_half, Decimal(0)) / (denominator + den_half) * 100
    high = (numerator + num_half) / (denominator - den_half) * 100
    return low, high


def rate_matches(printed_rate: Decimal, decimals: int, interval: tuple[Decimal, Decimal]) -> bool:
    """Whether a printed rate is a rounding of some rate in ``interval``.

    Accepted roundings (:data:`common.ROUNDINGS`): half up (Excel ROUND and
    display format), truncation (ROUNDDOWN/TRUNC) and floor (INT); sheets
    made in Excel differ, so either is accepted.  Each rounding is monotone,
    so the printed values reachable from [low, high] are exactly those
    between the roundings of low and of high.

    Args:
        printed_rate: the 達成率 as printed, in percent (209.4).
        decimals: its printed decimals (1).
        interval: (low, high) from :func:`rate_interval`.
    Returns:
        True when some accepted rounding of some rate in the interval prints
        ``printed_rate``.
    """
    low, high = interval
    return any(rounded(low, decimals, mode) <= printed_rate <= rounded(high, decimals, mode)
               for mode in ROUNDINGS)


@dataclass
class _Year:
    rate: int
    actual: int
    target: int
    decimals: int
    forward: tuple[Decimal, Decimal] | None
    reverse: tuple[Decimal, Decimal] | None


def _comparable_years(facts: DocumentFacts, indices: list[int]) -> list[_Year]:
    """Years of one indicator with an ok 達成率, 実績 and 目標 of matching estimate-ness."""
    ivs = facts.indicators
    first: dict[tuple, int] = {}
    for i in indices:
        iv = ivs[i]
        if iv.fiscal_year is None or iv.value.status != "ok" or iv.value.value is None:
            continue
        if iv.measure == "target":
            first.setdefault((iv.fiscal_year, "target", False), i)
        elif iv.measure in ("actual", "achievement_rate"):
            first.setdefault((iv.fiscal_year, iv.measure, iv.value.is_estimate), i)
    out = []
    for (year, measure, estimate), r in sorted(first.items(), key=lambda kv: kv[1]):
        if measure != "achievement_rate":
            continue
        a = first.get((year, "actual", estimate))  # an estimated rate only against an estimated 実績
        t = first.get((year, "target", False))
        decimals = printed_decimals(ivs[r].value)
        if a is None or t is None or decimals is None:
            continue
        av, tv = ivs[a].value, ivs[t].value
        fwd = rate_interval(as_decimal(av), half_unit(av), as_decimal(tv), half_unit(tv))
        rev = rate_interval(as_decimal(tv), half_unit(tv), as_decimal(av), half_unit(av))
        out.append(_Year(r, a, t, decimals, fwd, rev))
    return out


def _matches(facts: DocumentFacts, y: _Year, direction: str) -> bool:
    interval = y.forward if direction == FORWARD else y.reverse
    return interval is not None and rate_matches(as_decimal(facts.indicators[y.rate].value),
                                                 y.decimals, interval)


def check_achievement_rates(facts: DocumentFacts, groups: dict[tuple, list[int]],
                            config: Config) -> list[Finding]:
    """Every printed 達成率 that is not 実績 / 目標 x 100 at its printed precision.

    Per indicator, the direction is 目標 / 実績 (lower is better) when the
    template lists the indicator (``[validate] lower_is_better``) or when
    more of its printed rates match the reverse formula than the forward
    one; otherwise 実績 / 目標.  Only cells with status ``ok`` are compared,
    an estimated (見込) rate only with the estimated 実績 of the same year,
    and a confirmed rate with the confirmed 実績; 目標 is never an estimate.
    Inputs printed with decimals are taken as rounded (half a unit of their
    last digit), whole numbers as exact; the printed rate must then be a
    half-up, truncated or floored rounding of the recomputed one
    (:func:`rate_matches`).

    Args:
        facts: the document's facts.
        groups: indicator key -> indices into ``facts.indicators`` (in order).
        config: the template's validation settings.
    Returns:
        findings (severity ``error``) in indicator order, then year order.
    """
    out: list[Finding] = []
    for key, indices in groups.items():
        years = _comparable_years(facts, indices)
        if not years:
            continue
        if key[1] in config.lower_is_better:
            direction, why = REVERSE, f"lower is better, listed in template {config.template_name}"
        else:
            n_fwd = sum(_matches(facts, y, FORWARD) for y in years)
            n_rev = sum(_matches(facts, y, REVERSE) for y in years)
            if n_rev > n_fwd:
                direction, why = REVERSE, (f"lower is better, detected: {n_rev} of {len(years)} printed "
                                           f"rates match 目標 / 実績")
            else:
                direction, why = FORWARD, "higher is better"
        for y in years:
            if _matches(facts, y, direction):
                continue
            out.append(_mismatch(facts, y, direction, why))
    return out


def _mismatch(facts: DocumentFacts, y: _Year, direction: str, why: str) -> Finding:
    ivs = facts.indicators
    rate, actual, target = ivs[y.rate], ivs[y.actual], ivs[y.target]
    a, t = as_decimal(actual.value), as_decimal(target.value)
    num, den = (actual, target) if direction == FORWARD else (target, actual)
    lab = measure_label
    if (t if direction == FORWARD else a) > 0:
        exact = (a / t if direction == FORWARD else t / a) * 100
        expected = f"{rounded(exact, y.decimals, ROUNDINGS[0])}%"
    else:
        expected = "undefined (division by zero)"
    message = (f"{rate.indicator_name} {year_label(rate.fiscal_year)}: {lab('achievement_rate')} printed "
               f"{printed(rate.value)} but {lab(num.measure)} {printed(num.value)} / {lab(den.measure)} "
               f"{printed(den.value)} x 100 = {expected} (rounded to {y.decimals} decimal(s) as printed; "
               f"direction {lab(num.measure)} / {lab(den.measure)}: {why})")
    refs = [(FactRef("indicator", i), ivs[i].provenance.page) for i in (y.rate, y.actual, y.target)]
    return finding(RULE_ID, "error", message, refs)
