"""Series rules: ``finding.year_columns_not_consecutive`` (a gap or a
duplicate fiscal year in one indicator's or budget line's years) and
``finding.unit_changed`` (an indicator printed in different units).

Source: the year-column layouts of seeds 000 (実績値 2年度–5年度, 目標値
5年度), 002 (27年度–30年度, 目標値 31年度) and 004 (R3 R4 R5 per measure);
a baseline (計画策定時) has no fiscal year and is not part of a series.
"""
from __future__ import annotations

from hyoka.normalize.facts import DocumentFacts, FactRef, Finding
from hyoka.normalize.validate.common import budget_key, finding, measure_label, printing, year_label

YEARS_RULE_ID = "finding.year_columns_not_consecutive"
UNIT_RULE_ID = "finding.unit_changed"

#: Measures printed for chosen years only: a plan sets targets for its
#: milestone years (池田市 目標値 R９年度, the plan period's last year; seed
#: 000 目標値 5年度), so their years are checked for duplicates, not gaps.
TARGET_MEASURES = ("target",)
#: Measures whose cells carry the indicator's own unit (達成率 is always %,
#: 結果 has none).
UNIT_MEASURES = ("baseline", "target", "actual")


def year_problems(years_by_printing: dict[tuple, list[int]]) -> tuple[list[int], list[int]]:
    """(duplicated years, missing years) of one series.

    Args:
        years_by_printing: printing (table row, :func:`common.printing`) ->
            fiscal years printed in it, in printed order.
    Returns:
        years printed twice within one row (a misprinted year column; the
        same year in two tables is a restatement, see ``restated``), and
        years missing between the first and last year printed anywhere.
    """
    dups: set[int] = set()
    seen_all: set[int] = set()
    for years in years_by_printing.values():
        seen: set[int] = set()
        for y in years:
            if y in seen:
                dups.add(y)
            seen.add(y)
        seen_all |= seen
    gaps = sorted(set(range(min(seen_all), max(seen_all) + 1)) - seen_all) if seen_all else []
    return sorted(dups), gaps


def _describe(name: str, label: str, years: list[int], dups: list[int], gaps: list[int]) -> str:
    issues = []
    if gaps:
        issues.append("missing " + ", ".join(year_label(y) for y in gaps))
    if dups:
        issues.append("printed twice in one row: " + ", ".join(year_label(y) for y in dups))
    return (f"{name} {label}: fiscal years printed {', '.join(year_label(y) for y in years)} are not "
            f"consecutive ({'; '.join(issues)})")


def check_year_series(facts: DocumentFacts, groups: dict[tuple, list[int]]) -> list[Finding]:
    """Indicators (per measure) and budget lines whose fiscal years have a gap or a duplicate.

    Only the years of one measure of one indicator (or one budget line)
    count; facts without a fiscal year (baselines) are ignored; every
    printed cell counts whatever its status (a blank 30年度 column is still
    a printed year).  Duplicates count only within one table row.

    Args:
        facts: the document's facts.
        groups: indicator key -> indices (``common.indicator_groups``).
    Returns:
        findings (severity ``warning``): indicators in order, measures in
        first-printed order, then budget lines; facts are the whole series.
    """
    out: list[Finding] = []
    ivs = facts.indicators
    for indices in groups.values():
        by_measure: dict[str, list[int]] = {}
        for i in indices:
            if ivs[i].fiscal_year is not None:
                by_measure.setdefault(ivs[i].measure, []).append(i)
        for measure, idx in by_measure.items():
            rows: dict[tuple, list[int]] = {}
            for i in idx:
                # an estimate and the final figure of one year (池田市 R６年度 見込 |
                # R６年度 実績) are two printings, not a year printed twice
                rows.setdefault(printing(ivs[i].provenance) + (ivs[i].value.is_estimate,), []
                                ).append(ivs[i].fiscal_year)
            dups, gaps = year_problems(rows)
            if measure in TARGET_MEASURES:
                gaps = []  # targets are set for chosen plan years (池田市 R９), not every year
            if dups or gaps:
                years = sorted({ivs[i].fiscal_year for i in idx})
                out.append(finding(YEARS_RULE_ID, "warning",
                                   _describe(ivs[idx[0]].indicator_name, measure_label(measure), years, dups, gaps),
                                   [(FactRef("indicator", i), ivs[i].provenance.page) for i in idx]))
    budgets = facts.budgets
    lines: dict[tuple, list[int]] = {}
    for i, b in enumerate(budgets):
        if b.fiscal_year is not None:
            lines.setdefault(budget_key(b), []).append(i)
    for idx in lines.values():
        rows = {}
        for i in idx:
            rows.setdefault(printing(budgets[i].provenance), []).append(budgets[i].fiscal_year)
        dups, gaps = year_problems(rows)
        if dups or gaps:
            b = budgets[idx[0]]
            years = sorted({budgets[i].fiscal_year for i in idx})
            out.append(finding(YEARS_RULE_ID, "warning",
                               _describe(b.project_name or "", b.item, years, dups, gaps).lstrip(),
                               [(FactRef("budget", i), budgets[i].provenance.page) for i in idx]))
    return out


def check_units(facts: DocumentFacts, groups: dict[tuple, list[int]]) -> list[Finding]:
    """Indicators whose cells print different units in one document.

    Only units printed in the cell itself count (``Value.unit`` of a cell
    whose rules include ``unit.suffix``, e.g. "3,350件"); a unit taken from
    the row label (``unit.hint``) is the same for every year by
    construction.  Measures 目標, 実績 and the baseline are compared with
    each other (達成率 and 結果 are excluded: % and no unit by nature).

    Returns:
        findings (severity ``warning``), one per indicator, listing each
        unit with the years and measures that print it.
    """
    out: list[Finding] = []
    ivs = facts.indicators
    for indices in groups.values():
        cells = [i for i in indices if ivs[i].measure in UNIT_MEASURES and ivs[i].value.unit
                 and "unit.suffix" in ivs[i].value.rule_ids]
        units: dict[str, list[int]] = {}
        for i in cells:
            units.setdefault(ivs[i].value.unit, []).append(i)
        if len(units) < 2:
            continue
        parts = []
        for unit, idx in units.items():
            where = ", ".join(f"{measure_label(ivs[i].measure)} {year_label(ivs[i].fiscal_year)}" for i in idx)
            parts.append(f"{unit} ({where})")
        message = f"{ivs[indices[0]].indicator_name}: unit changes between years: " + "; ".join(parts)
        out.append(finding(UNIT_RULE_ID, "warning", message,
                           [(FactRef("indicator", i), ivs[i].provenance.page) for i in cells]))
    return out
