"""Validation findings inside one document: is a number consistent with the
rest of the sheet?  (Issue 3.)

Each rule family is one module; every finding carries a rule id registered
in ``normalize.rules.RULES`` (the ``# validate/`` block), a severity of
``normalize.facts.SEVERITIES``, a message in the sheet's own labels with
both numbers, the page of its first fact and the facts involved
(``FactRef`` into ``DocumentFacts.indicators`` / ``.budgets``).  Findings
never block a load; the warehouse stores them and adds the cross-document
check of ``finding.restated_figure_mismatch`` in SQL.

======================================  ========  =====================
rule id                                 severity  module
======================================  ========  =====================
finding.achievement_rate_mismatch       error     :mod:`.rates`
finding.result_label_mismatch           error     :mod:`.results`
finding.funding_sum_mismatch            error     :mod:`.budget`
finding.execution_rate_implausible      warning   :mod:`.budget`
finding.year_columns_not_consecutive    warning   :mod:`.series`
finding.unit_changed                    warning   :mod:`.series`
finding.restated_figure_mismatch        error     :mod:`.restated`
======================================  ========  =====================
"""
from __future__ import annotations

from hyoka.extract.model import ExtractedDocument
from hyoka.normalize.facts import DocumentFacts, Finding
from hyoka.normalize.validate.budget import check_execution_rates, check_funding_sums
from hyoka.normalize.validate.common import config_of, indicator_groups
from hyoka.normalize.validate.rates import check_achievement_rates
from hyoka.normalize.validate.restated import check_restated
from hyoka.normalize.validate.results import check_result_labels
from hyoka.normalize.validate.series import check_units, check_year_series

#: Rule ids in the order their findings are returned.
RULE_IDS: tuple[str, ...] = (
    "finding.achievement_rate_mismatch",
    "finding.result_label_mismatch",
    "finding.funding_sum_mismatch",
    "finding.execution_rate_implausible",
    "finding.year_columns_not_consecutive",
    "finding.unit_changed",
    "finding.restated_figure_mismatch",
)


def validate_document(doc: ExtractedDocument, facts: DocumentFacts, template=None) -> list[Finding]:
    """Every within-document finding of one normalized sheet (pure).

    Args:
        doc: the extracted document; its page lines are read for legends
            (〔結果の見方〕).
        facts: the normalized facts of ``doc`` (indicators and budgets are
            read, nothing is modified).
        template: the sheet's ``normalize.templates.Template`` (or a dict
            shaped like its TOML, or None for an unclassified sheet); its
            ``[validate]`` table configures the rules (see
            ``normalize.templates``).
    Returns:
        findings in a stable order: by rule in :data:`RULE_IDS` order, then
        by the order of the facts involved.  The same input always gives
        the same list.  Raises nothing for content it cannot judge; such
        figures are skipped.
    """
    config = config_of(template)
    groups = indicator_groups(facts.indicators)
    return [
        *check_achievement_rates(facts, groups, config),
        *check_result_labels(doc, facts, groups, config),
        *check_funding_sums(facts, config),
        *check_execution_rates(facts, config),
        *check_year_series(facts, groups),
        *check_units(facts, groups),
        *check_restated(facts, doc, template),
    ]


__all__ = ["RULE_IDS", "validate_document"]
