"""normalize.vocabulary: label matching against the seeds' printed labels."""
import pytest

from hyoka.normalize.facts import MEASURES
from hyoka.normalize.vocabulary import (BUDGET_ITEMS, MEASURE_LABELS, MUNICIPALITIES, RESULT_LABELS, SECTION_HEADINGS,
                                  SECTIONS, UNITS, budget_item_for_label, label_key, match_label,
                                  measure_for_label, section_for_heading, strip_unit_from_label, unit_in_label)


def test_groups_are_consistent_with_the_contract():
    assert SECTIONS == ("成果", "課題", "取組方針", "事業概要", "目的", "今後の方針", "課長コメント",
                        "反映", "計画", "実績", "その他")
    assert {section for _, section in SECTION_HEADINGS} <= set(SECTIONS)
    assert set(MEASURE_LABELS) == set(MEASURES)
    assert MUNICIPALITIES == {"平塚市": "142034", "厚木市": "142123"}
    assert UNITS["千円"] == ("円", 1000) and UNITS["百万円"] == ("円", 1_000_000)
    assert "その他特財" in BUDGET_ITEMS and "達成見込み" in RESULT_LABELS


@pytest.mark.parametrize("label, measure", [
    ("目標", "target"), ("目標値", "target"), ("実績", "actual"), ("実績値", "actual"),
    ("達成率", "achievement_rate"), ("結果", "result"),
    ("計画策定時", "baseline"), ("改訂計画\n策定時", "baseline"),    # seeds 002, 000
    ("現状値 (令和2年度)", "baseline"),                              # seed 004
    ("実績値 5 年度", "actual"), ("目標値\n31年度", "target"),
    ("目標と実績", None), ("計画", None), ("単位", None), ("R3", None),
])
def test_measure_for_label(label, measure):
    assert measure_for_label(label) == measure


@pytest.mark.parametrize("heading, section", [
    ("施策の推進に向けた主な取組の「成果」", "成果"),
    ("施策を推進する上での「課題」", "課題"),
    ("課題解決を図るための「取組方針」", "取組方針"),
    ("施策を推進する上での「主な課題（・）」と課題解決を図るための「取組方針（⇒）」", "課題"),
    ("事業の概要", "事業概要"), (" 目的・目標", "目的"), ("課長コメント", "課長コメント"),
    ("後期実施計画(案)への反映", "反映"), ("４．今後の事業展開（担当課としての提案）", "今後の方針"),
    ("基本方針", "その他"), ("平成28年度の目標", "目的"), ("平成27年度の主な取組と成果", "成果"),
    ("平成29年度の取組方針", "取組方針"), ("今後に向けた課題の分析", "課題"),
    ("平成28年度の取組", "計画"), ("最終報告", "実績"), ("成果", "成果"),
    ("決算額", None), ("進捗状況", None),
])
def test_section_for_heading(heading, section):
    found, score = section_for_heading(heading)
    assert found == section
    assert (score >= 80) == (section is not None)


@pytest.mark.parametrize("label, unit, bare", [
    ("事業費（千円）", "千円", "事業費"), ("執行率（％）", "%", "執行率"), ("執行率　(%)", "%", "執行率"),
    ("単位：千円", "千円", ""), ("３．年度別事業内容・決算額 （単位：千円）", "千円", "３．年度別事業内容・決算額"),
    ("事業費　(A)", None, "事業費　(A)"), ("中小企業相談所の相談件数", None, "中小企業相談所の相談件数"),
])
def test_units_in_labels(label, unit, bare):
    assert unit_in_label(label) == unit
    assert strip_unit_from_label(label) == bare


@pytest.mark.parametrize("label, item", [
    ("事業費（千円）", "事業費"), ("事業費　(A)", "事業費"), ("その他　特財", "その他特財"),
    ("執行率　(%)", "執行率"), ("国庫支出金", "国庫支出金"), ("事業内容", None),
])
def test_budget_items(label, item):
    assert budget_item_for_label(label) == item


def test_match_label_synonyms_and_threshold():
    assert match_label("（年間）", ["【年間】"]) == ("【年間】", 100.0)          # design notes
    assert match_label("執行率(%)", ["執行率（％）"]) == ("執行率（％）", 100.0)
    assert match_label("成果", []) == (None, 0.0)
    assert match_label("", ["成果"]) == (None, 0.0)
    best, score = match_label("目標", ["実績"])
    assert best is None and score < 80


def test_label_key():
    assert label_key("平成28年度の目標") == label_key("令和5年度 の目標") == "〈年度〉の目標"
    assert label_key(label_key("R5 【年間】")) == label_key("R5 【年間】") == "〈年度〉(年間)"
