"""Cell text -> :class:`normalize.facts.Value` (number, unit, status, note).

Contract (conventions ``value``, ``value_std``/``unit_std``, ``value_text``,
``status``, ``note``, ``is_estimate``).  The words recognised (pending,
not-applicable, verdicts, errors, estimate marks, units) come from
:mod:`normalize.vocabulary`; the rule ids recorded are listed in
:mod:`normalize.rules`.
"""
from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from hyoka.normalize.facts import Value
from hyoka.normalize.vocabulary import (ESTIMATE_MARKS, NOT_APPLICABLE_DASHES, NOT_APPLICABLE_WORDS,
                                  PENDING_WORDS, RESULT_LABELS, SOURCE_ERRORS, UNITS, unit_std, unit_table)
from hyoka.normalize.width import fold_width

_SOURCE_ERRORS_UPPER = {e.upper() for e in SOURCE_ERRORS}


@lru_cache(maxsize=64)
def _number_pattern(units: tuple[str, ...]) -> re.Pattern[str]:
    """sign, number with optional thousands separators and decimals, one of
    ``units`` (longest first), optional parenthesised remark or ※ mark;
    whitespace allowed between parts."""
    alt = "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True))
    return re.compile(
        r"(?P<sign>[△▲+\-\u2212])?\s*"
        r"(?P<num>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?|\.[0-9]+)\s*"
        rf"(?P<unit>{alt})?\s*"
        r"(?:\((?P<note>[^()]*)\)|(?P<mark>※[0-9]*))?"
    )


#: The number pattern over the shared :data:`UNITS`; with a template's own
#: units active (``vocabulary.for_template``) :func:`parse_value` uses
#: :func:`_number_pattern` over ``vocabulary.unit_table()``.
_NUMBER = _number_pattern(tuple(UNITS))
_PAREN_ESTIMATE = re.compile(r"\(\s*(?:" + "|".join(ESTIMATE_MARKS) + r")\s*\)")
_FULLWIDTH_DIGITS = re.compile("[\uff10-\uff19\uff0c]")


def _unit_std(unit: str | None) -> tuple[str | None, int]:
    """(base unit, factor) of a unit; unknown units are their own base
    (``vocabulary.unit_std``: the active template's units, then UNITS)."""
    return unit_std(unit)


_STD_RULES = {1_000: "unit.std_thousand_yen", 1_000_000: "unit.std_million_yen",
              100_000_000: "unit.std_hundred_million_yen"}


def normalize_unit(unit: str | None) -> str | None:
    """A unit label as the warehouse keeps it: width-folded, no whitespace.

    Args:
        unit: e.g. "％", "千 円", None.
    Returns:
        "%", "千円"; None for None or blank.
    """
    if unit is None:
        return None
    folded = "".join(fold_width(unit).split())
    return folded or None


def _strip_estimate(body: str) -> tuple[str, bool]:
    """Remove 見込 marks: "(見込)" anywhere, or a mark at either end."""
    stripped = _PAREN_ESTIMATE.sub("", body).strip()
    found = stripped != body.strip()
    for mark in ESTIMATE_MARKS:
        if stripped.startswith(mark):
            stripped, found = stripped[len(mark):].strip(" :："), True
            break
    for mark in ESTIMATE_MARKS:
        if stripped.endswith(mark):
            stripped, found = stripped[: -len(mark)].strip(), True
            break
    return stripped, found


def _is_not_applicable(compact: str) -> bool:
    if compact in NOT_APPLICABLE_WORDS:
        return True
    return 0 < len(compact) <= 3 and all(ch in NOT_APPLICABLE_DASHES for ch in compact)


def _unwrap(compact: str) -> str:
    if len(compact) > 2 and compact[0] == "(" and compact[-1] == ")":
        return compact[1:-1]
    return compact


def parse_value(text: str, *, unit_hint: str | None = None, is_estimate: bool = False) -> Value:
    """Read one cell.

    Args:
        text: the cell text, wrapped lines already joined.
        unit_hint: the unit the row/column label declares (e.g. "%" from
            "執行率（％）", "千円" from "事業費（千円）"), used when the cell
            prints none; any width.
        is_estimate: the sheet marks this figure as an estimate elsewhere
            (e.g. seed 004 〔実績について〕 "R5は見込値").
    Returns:
        a :class:`Value` whose ``value_text`` is ``text`` stripped and whose
        ``status`` is one of ``facts.STATUSES``:

        * blank -> ``missing`` (``status.blank``)
        * #VALUE! #DIV/0! #REF! #N/A #NAME? #NUM! #NULL! -> ``source_error``
        * "-", "－", "―", "‐", "ー" (1-3 dashes), 該当なし -> ``not_applicable``
        * a verdict (達成, 概ね達成, 未達成, 達成見込み, ...) -> ``ok`` with
          value None (contract: result rows) (``result.verdict``)
        * 集計中, 年度末に調査, 調査中, 未集計 -> ``pending``
        * a number: separators removed, full-width digits converted,
          △/▲ negative, unit as printed or from ``unit_hint``, value_std in
          the base unit (千円 -> 円 x1000, 百万円 -> 円 x1e6, 億円 -> 円 x1e8),
          a parenthesised remark in ``note`` ("0人(中止)" -> 0 人 note 中止;
          "197,770(１)" -> 197770 note "1"; notes are width-folded) -> ``ok``
        * anything else -> ``unparsed`` with value None (``status.unparsed``)

        見込 marks ("(見込)", "見込値 …", "…見込み") set ``is_estimate``
        (``estimate.mark``).  Non-number statuses carry the hinted unit (if
        any) in ``unit``/``unit_std`` and no value.  Never raises.
    """
    printed = text.strip()
    hint = normalize_unit(unit_hint)
    hint_std, _ = _unit_std(hint)
    rules: list[str] = []

    def other(status: str, rule: str, estimate: bool = False) -> Value:
        est = is_estimate or estimate
        ids = tuple(rules) + (rule,) + (("estimate.mark",) if est else ())
        return Value(None, hint, None, hint_std, printed, status, None, est, ids)

    if not printed:
        return other("missing", "status.blank")
    folded = fold_width(printed)
    if folded != printed:
        rules.append("width.fold")
    compact = "".join(folded.split())

    if compact.upper() in _SOURCE_ERRORS_UPPER:
        return other("source_error", "status.source_error")
    if _is_not_applicable(compact):
        return other("not_applicable", "status.not_applicable")
    if compact in RESULT_LABELS:
        est = is_estimate or any(mark in compact for mark in ESTIMATE_MARKS)
        ids = tuple(rules) + ("result.verdict",) + (("estimate.mark",) if est else ())
        return Value(None, None, None, None, printed, "ok", None, est, ids)

    body, estimate_found = _strip_estimate(folded.strip())
    core = _unwrap("".join(body.split()))
    if core in PENDING_WORDS:
        return other("pending", "status.pending", estimate_found)
    if not body:
        return other("unparsed", "status.unparsed", estimate_found)

    units = unit_table()
    match = (_NUMBER if units is UNITS else _number_pattern(tuple(units))).fullmatch(body)
    if match is None:
        return other("unparsed", "status.unparsed", estimate_found)
    try:
        number = Decimal(match.group("num").replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the regex admits only digits
        return other("unparsed", "status.unparsed", estimate_found)
    sign = match.group("sign")
    if sign in ("△", "▲"):
        number, rule_sign = -number, "number.negative_triangle"
    elif sign in ("-", "\u2212"):
        number, rule_sign = -number, "number.minus"
    else:
        rule_sign = None
    if "," in match.group("num") or _FULLWIDTH_DIGITS.search(printed):
        rules.append("number.separators")
    if rule_sign:
        rules.append(rule_sign)

    unit = match.group("unit")
    if unit is not None:
        rules.append("unit.suffix")
    elif hint is not None:
        unit = hint
        rules.append("unit.hint")
    unit_std, factor = _unit_std(unit)
    if factor in _STD_RULES:
        rules.append(_STD_RULES[factor])
    value = float(number)
    value_std = float(number * factor)
    if not (math.isfinite(value) and math.isfinite(value_std)):
        return other("unparsed", "status.unparsed", estimate_found)

    note = match.group("note")
    if note is None:
        note = match.group("mark")
    note = note.strip() if note is not None else None
    if note:
        rules.append("note.parenthesised_remark")
    else:
        note = None
    est = is_estimate or estimate_found
    if est:
        rules.append("estimate.mark")
    return Value(value, unit, value_std, unit_std, printed, "ok", note, est, tuple(rules))
