"""Budget-table rules: ``finding.funding_sum_mismatch`` (財源内訳 against
事業費) and ``finding.execution_rate_implausible`` (執行率 outside 0–100%).

Source: seed 001 ３．年度別事業内容・決算額（単位：千円）, whose 財源内訳
rows 国庫支出金, 県支出金, 起債, その他 特財, 一般財源 break down 事業費 (A)
per fiscal year; seed 000 決算額 (事業費（千円）, 執行率（％）).
"""
from __future__ import annotations

from hyoka.normalize.facts import BudgetValue, DocumentFacts, FactRef, Finding
from hyoka.normalize.validate.common import Config, canonical_item, finding, printed, year_label
from hyoka.normalize.vocabulary import EXECUTION_RATE, FUNDING_BREAKDOWN, FUNDING_TOTAL

FUNDING_RULE_ID = "finding.funding_sum_mismatch"
EXECUTION_RULE_ID = "finding.execution_rate_implausible"

#: Statuses of a 財源内訳 cell that let the sum be checked; not_applicable
#: ("-", 該当なし) counts as 0.
_SUMMABLE = ("ok", "not_applicable")


def _amount(b: BudgetValue) -> float:
    """The amount in the base unit (円 for 千円 amounts), 0 for not_applicable."""
    if b.value.status == "not_applicable":
        return 0.0
    return b.value.value_std if b.value.value_std is not None else b.value.value


def _fmt(x: float) -> str:
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,}"


def check_funding_sums(facts: DocumentFacts, config: Config) -> list[Finding]:
    """Every fiscal year whose 財源内訳 items do not sum to its 事業費.

    Per (policy code, project, fiscal year): the parts are the items of
    ``config.funding_sources`` (default 国庫支出金, 県支出金, 起債, その他特財,
    一般財源) that the document prints for that project (at least two);
    the year is checked only when every such part is printed for it with
    status ``ok`` or ``not_applicable`` (counted as 0) and 事業費 is printed
    with status ``ok``; a missing, pending, unparsed or source_error part
    skips the year.  Amounts are compared in their base unit (value_std,
    e.g. 円), exactly: the parts of these sheets are the figures entered in
    the same unit as the total.

    Returns:
        findings (severity ``error``), in order of the 事業費 cell.
    """
    budgets = facts.budgets
    groups: dict[tuple, dict[int | None, dict[str, int]]] = {}
    choices = tuple(config.funding_sources) + (FUNDING_TOTAL,)
    for i, b in enumerate(budgets):
        item = canonical_item(b.item, choices)
        if item is None:
            continue
        years = groups.setdefault((b.policy_code, b.project_name), {})
        years.setdefault(b.fiscal_year, {}).setdefault(item, i)
    out: list[tuple[int, Finding]] = []
    for years in groups.values():
        printed_parts = [p for p in config.funding_sources
                         if any(p in items for items in years.values())]
        if len(printed_parts) < 2:
            continue
        for year, items in years.items():
            t = items.get(FUNDING_TOTAL)
            if year is None or t is None or budgets[t].value.status != "ok":
                continue
            parts = [items.get(p) for p in printed_parts]
            if any(i is None or budgets[i].value.status not in _SUMMABLE for i in parts):
                continue
            total = _amount(budgets[t])
            got = sum(_amount(budgets[i]) for i in parts)
            if abs(got - total) <= 1e-6 * max(1.0, abs(total)):
                continue
            unit = budgets[t].value.unit or ""
            scale = (budgets[t].value.value_std / budgets[t].value.value
                     if budgets[t].value.value_std and budgets[t].value.value else 1.0)
            terms = " + ".join(f"{budgets[i].item} {printed(budgets[i].value)}" for i in parts)
            message = (f"{year_label(year)}: {budgets[t].item} printed {printed(budgets[t].value)}"
                       f"{' ' + unit if unit and unit not in budgets[t].value.value_text else ''} "
                       f"but {FUNDING_BREAKDOWN} {terms} = {_fmt(got / scale)}{' ' + unit if unit else ''} "
                       f"(difference {_fmt((total - got) / scale)})")
            refs = [(FactRef("budget", t), budgets[t].provenance.page)]
            refs += [(FactRef("budget", i), budgets[i].provenance.page) for i in parts]
            out.append((t, finding(FUNDING_RULE_ID, "error", message, refs)))
    return [f for _, f in sorted(out, key=lambda x: x[0])]


def check_execution_rates(facts: DocumentFacts, config: Config) -> list[Finding]:
    """Every 執行率 printed below 0% or above 100% + tolerance.

    A 執行率 is 決算額 / 予算現額 x 100, so it lies in 0–100 unless the
    sheet measures against the initial budget or misprints;
    ``config.execution_rate_tolerance`` (default 0.5 points, template key
    ``execution_rate_tolerance``) is allowed above 100.  Only cells with
    status ``ok`` are judged.

    Returns:
        findings (severity ``warning``) in budget order.
    """
    out = []
    limit = 100.0 + config.execution_rate_tolerance
    for i, b in enumerate(facts.budgets):
        if b.value.status != "ok" or b.value.value is None:
            continue
        if canonical_item(b.item, (EXECUTION_RATE,)) is None:
            continue
        v = b.value.value
        if 0.0 <= v <= limit:
            continue
        why = "negative" if v < 0 else f"above 100% (tolerance {config.execution_rate_tolerance:g} points)"
        message = (f"{year_label(b.fiscal_year)}: {b.item} printed {printed(b.value)}, {why}"
                   + (f" for {b.project_name}" if b.project_name else ""))
        out.append(finding(EXECUTION_RULE_ID, "warning", message,
                           [(FactRef("budget", i), b.provenance.page)]))
    return out
