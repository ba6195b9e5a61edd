"""normalize.values.parse_value: contract conventions, real cells of seeds 000, 002, 004."""
from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

from hyoka.normalize.facts import STATUSES, Value
from hyoka.normalize.rules import unknown_rule_ids
from hyoka.normalize.values import parse_value
from hyoka.normalize.vocabulary import RESULT_LABELS, UNITS


def test_blank_is_missing():
    # seed 002: 30年度 column printed empty
    for cell in ("", "  ", "\u3000"):
        v = parse_value(cell)
        assert (v.status, v.value, v.value_text, v.rule_ids) == ("missing", None, "", ("status.blank",))


@pytest.mark.parametrize("cell", ["集計中", "年度末に調査", "調査中", "未集計", "（集計中）"])
def test_pending(cell):  # seed 004 R5 実績; contract
    v = parse_value(cell, unit_hint="人")
    assert (v.status, v.value, v.value_text, v.unit) == ("pending", None, cell, "人")


@pytest.mark.parametrize("cell", ["-", "－", "―", "‐", "ー", "該当なし"])
def test_not_applicable(cell):  # seed 004 No.2 R5 / No.12 R4; contract
    v = parse_value(cell)
    assert (v.status, v.value, v.value_text) == ("not_applicable", None, cell)


@pytest.mark.parametrize("cell", ["#VALUE!", "#DIV/0!", "#REF!", "#N/A", "#NAME?", "#NUM!", "#NULL!", "＃ＶＡＬＵＥ！"])
def test_source_errors(cell):  # seed 004 結果/達成率 R5; contract
    v = parse_value(cell)
    assert (v.status, v.value, v.value_text) == ("source_error", None, cell)


@pytest.mark.parametrize("cell, value, unit, value_std, unit_std", [
    ("1,600件", 1600.0, "件", 1600.0, "件"),                     # seed 004 No.1 目標 R3
    ("3,350件", 3350.0, "件", 3350.0, "件"),
    ("209.4%", 209.4, "%", 209.4, "%"),                          # seed 004 No.1 達成率
    ("80.0%", 80.0, "%", 80.0, "%"),
    ("80.0％", 80.0, "%", 80.0, "%"),
    ("130,000千円", 130000.0, "千円", 130000000.0, "円"),         # seed 004 No.9
    ("110,500人", 110500.0, "人", 110500.0, "人"),
    ("43イベント", 43.0, "イベント", 43.0, "イベント"),
    ("350店", 350.0, "店", 350.0, "店"),
    ("12事業", 12.0, "事業", 12.0, "事業"),
    ("8社", 8.0, "社", 8.0, "社"),
    ("２，４４９", 2449.0, None, 2449.0, None),                   # full-width digits
    ("2,449", 2449.0, None, 2449.0, None),                       # seed 000 相談件数 2年度
    ("1.5百万円", 1.5, "百万円", 1500000.0, "円"),
    ("2億円", 2.0, "億円", 200000000.0, "円"),
])
def test_numbers(cell, value, unit, value_std, unit_std):
    v = parse_value(cell)
    assert (v.status, v.value, v.unit, v.value_std, v.unit_std, v.value_text, v.note) == \
        ("ok", value, unit, value_std, unit_std, cell, None)


def test_rule_ids_for_thousand_yen():
    assert parse_value("130,000千円").rule_ids == ("number.separators", "unit.suffix", "unit.std_thousand_yen")


def test_unit_hint_from_label():
    # seed 000 決算額: 執行率（％） 95.43, 事業費（千円） 1,539,950
    rate = parse_value("95.43", unit_hint="％")
    assert (rate.value, rate.unit, rate.value_std, rate.unit_std, rate.rule_ids) == (95.43, "%", 95.43, "%", ("unit.hint",))
    cost = parse_value("1,539,950", unit_hint="千円")
    assert (cost.value, cost.unit, cost.value_std, cost.unit_std) == (1539950.0, "千円", 1539950000.0, "円")


@pytest.mark.parametrize("cell", ["△1,200", "▲1,200", "-1,200", "－１，２００"])
def test_negative_numbers(cell):
    v = parse_value(cell)
    assert (v.status, v.value) == ("ok", -1200.0)
    assert ("number.negative_triangle" in v.rule_ids) == (cell[0] in "△▲")


@pytest.mark.parametrize("cell", ["0人(中止)", "0人（中止）", "0人 (中止)"])
def test_value_with_remark(cell):  # seed 004 No.28 R3 実績; contract: note
    v = parse_value(cell)
    assert (v.status, v.value, v.unit, v.note, v.value_text) == ("ok", 0.0, "人", "中止", cell)
    assert "note.parenthesised_remark" in v.rule_ids


def test_number_with_parenthesised_digit_note():
    v = parse_value("197,770(１)")
    assert (v.status, v.value, v.note) == ("ok", 197770.0, "1")


@pytest.mark.parametrize("label", RESULT_LABELS)
def test_verdicts(label):  # seed 004 結果 rows; 〔結果の見方〕
    v = parse_value(label)
    assert (v.status, v.value, v.unit, v.value_text) == ("ok", None, None, label)
    assert v.is_estimate == label.endswith("見込み")
    assert v.rule_ids[0] == "result.verdict"


@pytest.mark.parametrize("cell, value", [("1,208人(見込)", 1208.0), ("見込値 50件", 50.0), ("36件見込み", 36.0)])
def test_estimate_marks(cell, value):
    v = parse_value(cell)
    assert (v.status, v.value, v.is_estimate, v.note) == ("ok", value, True, None)
    assert "estimate.mark" in v.rule_ids


def test_estimate_flag_from_caller():  # seed 004: "R5は見込値"
    v = parse_value("3,450件", is_estimate=True)
    assert (v.value, v.is_estimate, v.rule_ids[-1]) == (3450.0, True, "estimate.mark")
    assert parse_value("集計中", is_estimate=True).is_estimate is True


@pytest.mark.parametrize("cell", [
    "令和3年度新規",                                  # seed 004 現状値
    "11イベント(令和2年度) 41イベント(令和元年度)",     # seed 004 現状値: two figures
    "100%以上", "1,6000件", "約50人",
])
def test_unparsed_keeps_text(cell):
    v = parse_value(f"  {cell} ")
    assert (v.status, v.value, v.value_text, v.rule_ids[-1]) == ("unparsed", None, cell, "status.unparsed")


_ANY = st.text(st.one_of(st.characters(), st.sampled_from(list("0123456789,.%件千円△▲()（）見込集計中-－#!人０１２，"))))


@given(_ANY, st.one_of(st.none(), st.sampled_from(["%", "千円", "件", "", "％"])), st.booleans())
def test_parse_value_total(text, hint, estimate):
    v = parse_value(text, unit_hint=hint, is_estimate=estimate)
    assert isinstance(v, Value)
    assert v.status in STATUSES
    assert v.value_text == text.strip()
    assert (v.value is None) == (v.status != "ok" or v.value_text in RESULT_LABELS)
    assert unknown_rule_ids(v.rule_ids) == []


_FULL = str.maketrans("0123456789,.", "０１２３４５６７８９，．")


@given(st.integers(-10**12, 10**12), st.sampled_from(sorted(UNITS)), st.booleans(), st.booleans())
def test_integer_round_trip(n, unit, full_width, triangle):
    body = f"{abs(n):,}"
    if full_width:
        body = body.translate(_FULL)
    sign = ("△" if triangle else "-") if n < 0 else ""
    v = parse_value(f"{sign}{body}{unit}")
    std_unit, factor = UNITS[unit]
    assert (v.status, v.value, v.unit, v.unit_std) == ("ok", float(n), unit, std_unit)
    assert v.value_std == float(n * factor)


@given(st.decimals(min_value=-10**9, max_value=10**9, places=2, allow_nan=False, allow_infinity=False),
       st.sampled_from(["%", "千円", "人", ""]))
def test_decimal_round_trip(d, unit):
    v = parse_value(f"{d:,.2f}{unit}")
    assert v.status == "ok"
    assert v.value == float(Decimal(f"{d:.2f}"))
    assert v.unit == (unit or None)
