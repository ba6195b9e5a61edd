"""normalize.era: contract fiscal_year conventions and the bare-year rule."""
from datetime import date

import pytest
from hypothesis import given, strategies as st

from hyoka.normalize.era import (EraContext, context_from_text, era_year, fiscal_year_from_label,
                           fiscal_year_with_rules, fiscal_years_from_range, format_fiscal_year,
                           resolve_bare_year, split_ranged_labels)

TODAY = date(2025, 6, 1)
REIWA5 = EraContext("令和", 2023)    # seeds 000 and 004
HEISEI29 = EraContext("平成", 2017)  # seed 002


@pytest.mark.parametrize("label, year", [
    ("令和5年度", 2023), ("令和 5 年度", 2023), ("R5", 2023), ("Ｒ５", 2023),
    ("H27", 2015), ("平成27年度", 2015), ("平成27年度分", 2015),
    ("平成31年度", 2019), ("令和元年度", 2019), ("R1", 2019), ("H31", 2019),
    ("2023年度", 2023), ("2023", 2023), ("令和五年度", 2023),
    ("現状値 (令和2年度)", 2020),  # seed 004 header
])
def test_explicit_labels(label, year):
    assert fiscal_year_from_label(label, today=TODAY) == year


@pytest.mark.parametrize("label", ["計画策定時", "改訂計画策定時", "目標値", "5", ""])
def test_labels_without_year(label):
    assert fiscal_year_from_label(label, REIWA5, today=TODAY) is None


def test_heisei31_equals_reiwa_gannen():
    assert fiscal_year_from_label("平成31年度") == fiscal_year_from_label("令和元年度") == 2019
    assert fiscal_year_with_rules("令和元年度")[1] == ("era.reiwa", "era.gannen")


@pytest.mark.parametrize("label, ctx, year", [
    ("5年度", REIWA5, 2023),                       # seed 000 "5 年度"
    ("5 年度", REIWA5, 2023),
    ("2 年度", REIWA5, 2020),
    ("5年度", EraContext("平成", 1995), 1993),     # same label, 平成 document
    ("27年度", HEISEI29, 2015),                    # seed 002
    ("31年度", HEISEI29, 2019),                    # seed 002 目標値 31年度
    ("元年度", REIWA5, 2019),
    ("27年度", EraContext(None, 2017), 2015),      # no era printed: nearest to 2017
    ("31年度", EraContext(None, 2017), 2019),      # 2 years ahead: allowed
    ("5年度", EraContext(None, 2023), 2023),
    ("27年度", REIWA5, 2015),                      # 令和27 = 2045 implausible in 2023
])
def test_bare_years_from_context(label, ctx, year):
    assert fiscal_year_from_label(label, ctx, today=TODAY) == year


def test_bare_year_without_context_is_latest_not_future():
    assert fiscal_year_from_label("5年度", today=TODAY) == 2023
    assert fiscal_year_from_label("27年度", today=TODAY) == 2015   # 令和27 is future
    assert fiscal_year_from_label("7年度", today=date(2024, 6, 1)) == 1995
    assert fiscal_year_with_rules("5年度", today=TODAY)[1] == ("era.bare_from_context",)


def test_nearest_rule_rejects_more_than_five_years_ahead():
    # 平成 N = 1988+N, 令和 N = 2018+N; with reference 2010 令和 N is 8 years ahead
    assert resolve_bare_year(26, EraContext(None, 2010)) == 2014
    assert resolve_bare_year(0, REIWA5) is None


def test_context_from_seed_texts(seed_text):
    assert context_from_text(seed_text("004"), 2023) == EraContext("令和", 2023)
    assert context_from_text(seed_text("001")).era == "平成"
    assert context_from_text(seed_text("002")).era is None   # only bare 27年度 ... 31年度


def test_context_ties_go_to_latest_era():
    assert context_from_text("H30 と R2").era == "令和"
    assert context_from_text("平成30年度 平成31年度 令和元年度").era == "平成"
    assert context_from_text("5年度 と 6年度") == EraContext(None, None)


@pytest.mark.parametrize("text, years", [
    ("R3~4", [2021, 2022]), ("R3～4", [2021, 2022]), ("R3~R4", [2021, 2022]),
    ("令和3年～令和4年", [2021, 2022]), ("(令和3年～令和4年)", [2021, 2022]),
    ("令和5年～", [2023]), ("(令和5年～)", [2023]),
    ("R3・4は確定値", [2021, 2022]),       # seed 004 〔実績について〕
    ("計画策定時", []),
])
def test_ranges(text, years):
    assert fiscal_years_from_range(text, REIWA5) == years


def test_open_range_runs_to_reference_year():
    assert fiscal_years_from_range("令和3年～", REIWA5) == [2021, 2022, 2023]
    assert fiscal_years_from_range("令和3年～") == [2021]


SPLIT = [([2021, 2022], "産学共同研究事業補助金交付件数"), ([2023], "あつぎ生まれのロボット発信事業実施件数")]


@pytest.mark.parametrize("cell", [
    "R3~4 産学共同研究事業補助金交付件数 R5 あつぎ生まれのロボット発信事業実施件数",          # seed 004 p2
    "(令和3年～令和4年)産学共同研究事業補助金交付件数 (令和5年～)あつぎ生まれのロボット発信事業実施件数",  # seed 004 取組状況
])
def test_split_ranged_labels_seed_004(cell):
    assert split_ranged_labels(cell, REIWA5) == SPLIT


@pytest.mark.parametrize("cell", ["中小企業相談所の相談件数", "令和5年度に変更した成果指標", "R5"])
def test_split_without_prefix_keeps_text(cell):
    assert split_ranged_labels(cell, REIWA5) == [([], cell)]


def test_era_year_and_format():
    assert era_year(2019) == ("令和", 1)
    assert era_year(2018) == ("平成", 30)
    assert era_year(1989) == ("平成", 1)
    assert format_fiscal_year(2019) == "令和元年度"
    assert format_fiscal_year(2019, "letter") == "R1"
    assert format_fiscal_year(2015) == "平成27年度"
    with pytest.raises(ValueError):
        era_year(1867)
    with pytest.raises(ValueError):
        format_fiscal_year(2020, "roman")


@given(st.integers(1989, 2099), st.sampled_from(["kanji", "letter"]))
def test_format_round_trip(year, style):
    assert fiscal_year_from_label(format_fiscal_year(year, style)) == year


@given(st.integers(1989, 2099))
def test_bare_year_round_trip_with_document_era(year):
    name, n = era_year(year)
    assert fiscal_year_from_label(f"{n}年度", EraContext(name, year)) == year
