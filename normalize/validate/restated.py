"""``finding.restated_figure_mismatch`` inside one document: the same figure
printed twice (e.g. in two tables of one sheet) with different values.

The cross-document form (a later year's sheet restating a figure
differently) is checked in SQL by the warehouse under the same rule id.
"""
from __future__ import annotations

from normalize.facts import DocumentFacts, FactRef, Finding, Value
from normalize.validate.common import (budget_key, finding, indicator_key, measure_label, printed, printing,
                                       year_label)
from normalize.validate.results import base_verdict

RULE_ID = "finding.restated_figure_mismatch"


def comparable(value: Value, measure: str | None = None) -> tuple | None:
    """What two printings of one figure must share, or None if a blank cell.

    Args:
        value: a normalized cell.
        measure: the indicator measure (None for budget lines).
    Returns:
        ("ok", number in the base unit) for numbers (value_std when known,
        so 1,850千円 and 1,850,000円 agree); ("ok", base verdict, estimate)
        for a 結果 verdict; (status,) for pending / not_applicable /
        source_error / unparsed cells; None for ``missing`` (a blank is not a
        different value).
    """
    if value.status == "missing":
        return None
    if value.status != "ok":
        return (value.status,)
    if measure == "result":
        return ("ok", base_verdict(value.value_text) or " ".join(value.value_text.split()))
    number = value.value_std if value.value_std is not None else value.value
    return ("ok", round(number, 9) if number is not None else None)


def _differs(printed_values: list[tuple[tuple, tuple]]) -> bool:
    """Whether two printings in different rows show different values."""
    return any(r1 != r2 and v1 != v2 for r1, v1 in printed_values for r2, v2 in printed_values)


def check_restated(facts: DocumentFacts) -> list[Finding]:
    """Figures printed more than once in the document with different values.

    One figure is (policy code, indicator name, fiscal year, measure,
    estimate or not) for indicators (a 見込 and a confirmed figure of one
    year are different figures) and (policy code, project, item, fiscal
    year) for budget lines; printings are compared by :func:`comparable`.
    Only printings in different table rows count: one row printing a year
    twice is a misprinted year column (``finding.year_columns_not_consecutive``).

    Returns:
        findings (severity ``error``), one per figure, in order of its
        first printing; indicators first, then budget lines.
    """
    out: list[Finding] = []
    ivs = facts.indicators
    figures: dict[tuple, list[int]] = {}
    for i, iv in enumerate(ivs):
        figures.setdefault(indicator_key(iv) + (iv.fiscal_year, iv.measure, iv.value.is_estimate), []).append(i)
    for idx in figures.values():
        shown = [i for i in idx if comparable(ivs[i].value, ivs[i].measure) is not None]
        if not _differs([(printing(ivs[i].provenance), comparable(ivs[i].value, ivs[i].measure)) for i in shown]):
            continue
        iv = ivs[shown[0]]
        printings = "; ".join(f"{printed(ivs[i].value)} on page {ivs[i].provenance.page}" for i in shown)
        message = (f"{iv.indicator_name} {year_label(iv.fiscal_year)} {measure_label(iv.measure)} is printed "
                   f"{len(shown)} times with different values: {printings}")
        out.append(finding(RULE_ID, "error", message,
                           [(FactRef("indicator", i), ivs[i].provenance.page) for i in shown]))
    budgets = facts.budgets
    lines: dict[tuple, list[int]] = {}
    for i, b in enumerate(budgets):
        lines.setdefault(budget_key(b) + (b.fiscal_year,), []).append(i)
    for idx in lines.values():
        shown = [i for i in idx if comparable(budgets[i].value) is not None]
        if not _differs([(printing(budgets[i].provenance), comparable(budgets[i].value)) for i in shown]):
            continue
        b = budgets[shown[0]]
        printings = "; ".join(f"{printed(budgets[i].value)} on page {budgets[i].provenance.page}" for i in shown)
        message = (f"{(b.project_name + ' ') if b.project_name else ''}{b.item} {year_label(b.fiscal_year)} "
                   f"is printed {len(shown)} times with different values: {printings}")
        out.append(finding(RULE_ID, "error", message,
                           [(FactRef("budget", i), budgets[i].provenance.page) for i in shown]))
    return out
