"""``finding.restated_figure_mismatch`` inside one document: the same figure
printed twice (e.g. in two tables of one sheet) with different values.

Two forms inside one sheet:

* an indicator or budget figure among the facts printed more than once
  (:func:`check_restated`);
* a figure of a plan table's 目標と実績 block (厚木市's 取組状況 table, see
  :mod:`normalize.sheets.plans`) that differs from the indicator table's
  figure of the same indicator, fiscal year and measure
  (:func:`check_plan_figures`).  The indicator table is the source of
  record: the plan-table figures are read only here, never loaded.

The cross-document form (a later year's sheet restating a figure
differently) is checked in SQL by the warehouse under the same rule id.
"""
from __future__ import annotations

from collections.abc import Mapping

from hyoka.extract.model import ExtractedDocument
from hyoka.normalize.era import context_from_text
from hyoka.normalize.facts import DocumentFacts, FactRef, Finding, Value
from hyoka.normalize.sheets.plans import read_plan_figures, match_indicator
from hyoka.normalize.validate.common import (budget_key, finding, indicator_key, measure_label, printed, printing,
                                       year_label)
from hyoka.normalize.validate.results import base_verdict

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


def same_figure(a: Value, b: Value, measure: str | None = None) -> bool | None:
    """Whether two printings of one figure agree, by value not by text.

    Args:
        a, b: the two normalized cells.
        measure: the indicator measure (see :func:`comparable`).
    Returns:
        None when either is blank (nothing to compare); else whether their
        :func:`comparable` forms are equal, numbers compared in the base
        unit when both cells carry one and as printed otherwise: "70%" and
        "70.0%" agree, "0人" and "0人(中止)" agree (the note is not the
        figure), "年度末に調査" and "集計中" agree (both pending), "3,437件"
        and "3,473件" do not, nor does a number and a pending cell.
    """
    ca, cb = comparable(a, measure), comparable(b, measure)
    if ca is None or cb is None:
        return None
    if ca[0] == cb[0] == "ok" and measure != "result" and (a.value_std is None) != (b.value_std is None):
        return a.value is not None and b.value is not None and round(a.value, 9) == round(b.value, 9)
    return ca == cb


def _plan_specs(template) -> tuple:
    if template is None:
        return ()
    if isinstance(template, Mapping):
        return tuple(template.get("plan_tables", ()) or ())
    return tuple(getattr(template, "plan_tables", ()) or ())


def check_plan_figures(doc: ExtractedDocument, facts: DocumentFacts, template) -> list[Finding]:
    """Plan-table figures (目標と実績) that differ from the indicator table.

    Args:
        doc: the extracted document (the plan tables are read from it with
            :func:`normalize.sheets.plans.read_plan_figures`, era context
            from its text as in ``normalize_document``).
        facts: its facts; ``facts.indicators`` is the indicator table.
        template: the sheet's template (or a dict shaped like its TOML, or
            None); its ``plan_tables`` entries name the tables.
    Returns:
        one finding (severity ``error``) per plan-table cell whose figure
        differs (:func:`same_figure`) from the indicator fact of the same
        indicator (成果指標 matched by
        :func:`normalize.sheets.plans.match_indicator`: ``fuzz.ratio`` >= 90
        on ``vocabulary.indicator_name_key``), fiscal year and measure, in
        the plan tables' reading order.  The message names both printed
        texts with their pages; the finding's one fact is the indicator
        fact (the plan-table cell is not a fact).  Cells matching no
        indicator fact, and blank cells, are skipped.  [] without plan
        tables.
    """
    specs = _plan_specs(template)
    if not specs or not facts.indicators:
        return []
    ctx = context_from_text("\n".join(p.text for p in doc.pages), doc.created_year)
    out: list[Finding] = []
    ivs = facts.indicators
    for spec in specs:
        table_label = spec.get("figures", "")
        for fig in read_plan_figures(doc, spec, ctx, ivs):
            i = match_indicator(fig.indicator_name, fig.fiscal_year, ivs, fig.measure, fig.policy_code)
            if i is None or same_figure(ivs[i].value, fig.value, fig.measure) in (None, True):
                continue
            iv = ivs[i]
            message = (f"{iv.indicator_name} {year_label(iv.fiscal_year)} {measure_label(iv.measure)} is printed "
                       f"{printed(iv.value)} on page {iv.provenance.page} (indicator table) but {printed(fig.value)} on page "
                       f"{fig.provenance.page} ({table_label} {fig.year_label} {measure_label(fig.measure)}"
                       f" of {fig.indicator_name}, {fig.policy_code or 'no code'})")
            out.append(finding(RULE_ID, "error", message, [(FactRef("indicator", i), iv.provenance.page)]))
    return out


def _printed_twice(facts: list, kind: str, *, key, reading, name) -> list[Finding]:
    """One finding per figure of ``facts`` printed in several table rows with different readings.

    Args:
        facts: IndicatorValues or BudgetValues of one document.
        kind: their FactRef kind, ``indicator`` or ``budget``.
        key: fact -> the figure's identity (tuple).
        reading: fact -> the comparable reading of its value (:func:`comparable`), None to skip.
        name: fact -> the figure as named in the message ("創業者数（年間） 2023年度 実績").
    Returns:
        findings in order of each figure's first printing.
    """
    out: list[Finding] = []
    figures: dict[tuple, list[int]] = {}
    for i, f in enumerate(facts):
        figures.setdefault(key(f), []).append(i)
    for idx in figures.values():
        shown = [i for i in idx if reading(facts[i]) is not None]
        if not _differs([(printing(facts[i].provenance), reading(facts[i])) for i in shown]):
            continue
        printings = "; ".join(f"{printed(facts[i].value)} on page {facts[i].provenance.page}" for i in shown)
        message = f"{name(facts[shown[0]])} is printed {len(shown)} times with different values: {printings}"
        out.append(finding(RULE_ID, "error", message,
                           [(FactRef(kind, i), facts[i].provenance.page) for i in shown]))
    return out


def check_restated(facts: DocumentFacts, doc: ExtractedDocument | None = None, template=None) -> list[Finding]:
    """Figures printed more than once in the document with different values.

    One figure is (policy code, indicator name, fiscal year, measure,
    estimate or not) for indicators (a 見込 and a confirmed figure of one
    year are different figures) and (policy code, project, item, fiscal
    year) for budget lines; printings are compared by :func:`comparable`.
    Only printings in different table rows count: one row printing a year
    twice is a misprinted year column (``finding.year_columns_not_consecutive``).

    With ``doc`` and a ``template`` holding ``plan_tables``, the plan
    tables' figures are checked against the indicator table as well
    (:func:`check_plan_figures`).

    Returns:
        findings (severity ``error``), one per figure, in order of its
        first printing; indicators first, then plan-table figures, then
        budget lines.
    """
    out = _printed_twice(
        facts.indicators, "indicator",
        key=lambda iv: indicator_key(iv) + (iv.fiscal_year, iv.measure, iv.value.is_estimate),
        reading=lambda iv: comparable(iv.value, iv.measure),
        name=lambda iv: f"{iv.indicator_name} {year_label(iv.fiscal_year)} {measure_label(iv.measure)}")
    if doc is not None:
        out.extend(check_plan_figures(doc, facts, template))
    out.extend(_printed_twice(
        facts.budgets, "budget",
        key=lambda b: budget_key(b) + (b.fiscal_year,),
        reading=lambda b: comparable(b.value),
        name=lambda b: f"{(b.project_name + ' ') if b.project_name else ''}{b.item} {year_label(b.fiscal_year)}"))
    return out
