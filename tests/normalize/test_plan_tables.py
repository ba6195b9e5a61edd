"""normalize.sheets.plans on the real sample PDFs: 厚木市's wide 取組状況 table.

Texts are compared with the hand-written samples/expected/004.text_blocks.csv
(計画 / 実績 rows transcribed from seed 004); other printings are the real
extraction edited the way another fiscal year's or section's sheet prints
its headers, never mocks of our code.
"""
from __future__ import annotations

import copy
import csv
import dataclasses
import re
from functools import lru_cache

import pytest

from hyoka.extract import extract_document
from hyoka.normalize import normalize_document
from hyoka.normalize.classify import classify
from hyoka.normalize.era import context_from_text
from hyoka.normalize.sheets.plans import match_indicator, read_plan_figures, read_plan_texts
from hyoka.normalize.vocabulary import indicator_name_key
from tests.conftest import EXPECTED
from tests.expected import sample_pdf

PLAN_SECTIONS = ("計画", "実績")


@lru_cache(maxsize=None)
def extracted(sample_id):
    return extract_document(sample_pdf(sample_id))


@lru_cache(maxsize=None)
def facts_of(sample_id):
    return normalize_document(extracted(sample_id))


def plan_blocks(facts):
    return [b for b in facts.text_blocks if b.section in PLAN_SECTIONS]


def context(doc):
    return context_from_text("\n".join(p.text for p in doc.pages), doc.created_year)


def spec_of(doc):
    (spec,) = classify(doc).template.plan_tables
    return spec


def expected_plan_rows():
    with open(EXPECTED / "004.text_blocks.csv", encoding="utf-8", newline="") as f:
        return [r for r in csv.DictReader(f) if r["section"] in PLAN_SECTIONS]


def test_004_plan_texts_are_the_expected_blocks():
    got = {(b.section, b.ordinal): b.text for b in plan_blocks(facts_of("004"))}
    exp = {(r["section"], int(r["ordinal"])): r["text"] for r in expected_plan_rows()}
    assert len(exp) == 102 + 107
    assert got == exp


def test_004_headings_keep_the_printed_year_and_column():
    blocks = plan_blocks(facts_of("004"))
    assert {b.heading for b in blocks} == {f"令和{n}年度 {s}" for n in (3, 4, 5) for s in PLAN_SECTIONS}
    assert all(b.heading.endswith(b.section) for b in blocks)
    # reading order: page, then row, then year
    for section in PLAN_SECTIONS:
        order = [(b.provenance.page, b.provenance.top, b.heading) for b in blocks if b.section == section]
        assert order == sorted(order), section
        assert [b.ordinal for b in blocks if b.section == section] == list(range(1, len(order) + 1))


def test_004_spot_checks_with_rules_codes_and_provenance():
    by = {(b.section, b.ordinal): b for b in plan_blocks(facts_of("004"))}
    b = by[("計画", 8)]  # "・アフターコロナにおける…\n前年度実績の分析及び検証"
    assert (b.text, b.heading, b.policy_code, b.provenance.page) == (
        "アフターコロナにおける市制度融資制度の検討前年度実績の分析及び検証", "令和4年度 計画", "I-1-(2)-①", 4)
    assert b.rule_ids == ("text.strip_bullet", "text.join_wrapped", "policy.compose_levels")
    b = by[("計画", 10)]  # one printed line: no text rule, only the code's
    assert (b.text, b.policy_code, b.rule_ids) == ("研修機会の提供", "I-1-(3)-①", ("policy.compose_levels",))
    # Ⅲ-2-(3)-① starts page 10 with its 基本方針 cell empty (continued from page 9):
    # the 基本方針 number 2 is carried; its 実績 is printed in two rows per year.
    rows = [b for b in plan_blocks(facts_of("004")) if b.policy_code == "Ⅲ-2-(3)-①"]
    assert [(b.section, b.heading, b.text[:8]) for b in rows] == [
        ("計画", "令和3年度 計画", "事業の周知及び事"),
        ("実績", "令和3年度 実績", "障害者雇用奨励交"), ("実績", "令和4年度 実績", "障害者雇用奨励交"),
        ("実績", "令和5年度 実績", "障害者雇用奨励交"),
        ("実績", "令和3年度 実績", "高齢者継続雇用補"), ("実績", "令和4年度 実績", "高齢者継続雇用補"),
        ("実績", "令和5年度 実績", "高齢者継続雇用補")]
    assert {b.provenance.page for b in rows} == {10}
    # empty cells give no block: Ⅱ-1-(1)-① prints no 令和4年度 実績
    assert [b.heading for b in plan_blocks(facts_of("004")) if b.policy_code == "Ⅱ-1-(1)-①"] == [
        "令和3年度 計画", "令和3年度 実績", "令和4年度 計画", "令和5年度 計画", "令和5年度 実績"]


def test_composed_codes_are_the_indicator_tables_codes():
    """Every 単位施策 code composed from the title numeral and the printed
    numbers is a code the 成果指標 table prints for the same indicator
    (matched by name), for all 210 目標と実績 cells of 004."""
    doc, facts = extracted("004"), facts_of("004")
    figures = read_plan_figures(doc, spec_of(doc), context(doc), facts.indicators)
    assert len(figures) == 35 * 2 * 3  # Ⅱ-1-(1)-① / ② print one row each (目標, 実績)
    wrong = []
    for fig in figures:
        i = match_indicator(fig.indicator_name, fig.fiscal_year, facts.indicators, fig.measure, fig.policy_code)
        if i is None or fig.policy_code not in facts.indicators[i].policy_codes:
            wrong.append((fig.policy_code, fig.indicator_name, fig.fiscal_year, fig.measure))
    assert wrong == []
    codes = list(dict.fromkeys(b.policy_code for b in plan_blocks(facts)))
    assert len(codes) == 36 and codes[:3]  # the sheet's summary: プラン全体 36単位施策 == ["I-1-(1)-①", "I-1-(1)-②", "I-1-(2)-①"]
    assert codes[-2:] == ["Ⅲ-2-(3)-①", "Ⅲ-2-(3)-②"]


def test_names_printed_differently_still_match():
    """The wide table words some 成果指標 differently from the indicator table."""
    facts = facts_of("004")
    for wide, indicator_table, year in [
            ("市内企業の開設、増設、移設件数", "市内企業の開設、移設件数", 2021),
            ("見本市等出店事業補助金交付件数", "見本市等出展事業補助金交付件数", 2021),
            ("商店街の街路灯総数に対するLED照明の割合", "商店会の街路灯総数に対するLED照明の割合", 2021),
            ("勤労者生活資金融資案件数", "勤労者生活資金融資件数", 2021),
            ("あつぎ生まれのロボット発信事業実施件数", "あつぎ生まれのロボット発信事業実施件数", 2023)]:
        i = match_indicator(wide, year, facts.indicators, "target")
        assert i is not None and facts.indicators[i].indicator_name == indicator_table, wide
    assert indicator_name_key("市内企業の開設、移設件数") == "市内企業の開設移設件数"
    # different indicators stay apart
    assert match_indicator("商店街活性化事業数", 2021, facts.indicators, "target") is not None
    assert match_indicator("商店街イベント数", 2021, facts.indicators, "target") is None


def test_ranged_name_cell_gives_the_name_of_each_year():
    doc, facts = extracted("004"), facts_of("004")
    figs = [f for f in read_plan_figures(doc, spec_of(doc), context(doc), facts.indicators)
            if f.policy_code == "I-3-(2)-②" and f.measure == "target"]
    assert [(f.fiscal_year, f.indicator_name, f.value.value_text) for f in figs] == [
        (2021, "産学共同研究事業補助金交付件数", "2件"), (2022, "産学共同研究事業補助金交付件数", "2件"),
        (2023, "あつぎ生まれのロボット発信事業実施件数", "4件")]


def test_printings_without_the_wide_table_have_no_plan_blocks_and_004p_has_004s():
    assert plan_blocks(facts_of("004v1")) == [] and plan_blocks(facts_of("004v2")) == []
    strip = lambda bs: [(b.section, b.ordinal, b.text, b.heading, b.policy_code, b.rule_ids) for b in bs]
    assert strip(plan_blocks(facts_of("004p"))) == strip(plan_blocks(facts_of("004")))
    # and the other templates have none
    for sid in ("000", "001", "002", "003"):
        assert plan_blocks(facts_of(sid)) == [], sid


# --- another fiscal year and section: the 004 extraction relabelled ---------------

def relabel(doc, replacements: dict[str, str]):
    """A deep copy of ``doc`` with every cell line and page line text edited by
    ``replacements`` (regex -> replacement), as another printing prints it."""
    doc = copy.deepcopy(doc)

    def edit(text):
        for pattern, repl in replacements.items():
            text = re.sub(pattern, repl, text)
        return text
    for page in doc.pages:
        page.lines = [dataclasses.replace(l, text=edit(l.text)) for l in page.lines]
        for table in page.tables:
            for cell in table.cells:
                cell.lines = [dataclasses.replace(l, text=edit(l.text)) for l in cell.lines]
    return doc


def test_another_fiscal_year_and_section_read_the_same():
    """A 令和6年度 sheet (years 令和4-6) whose first section is Ⅳ."""
    doc = relabel(extracted("004"), {"^令和5年度$": "令和6年度", "^令和4年度$": "令和5年度", "^令和3年度$": "令和4年度",
                                      r"取組状況 \(I ": "取組状況 (Ⅳ "})
    spec = spec_of(extracted("004"))
    blocks = read_plan_texts(doc, spec, context(doc))
    base = plan_blocks(facts_of("004"))
    assert [(b.section, b.ordinal, b.text) for b in blocks] == [(b.section, b.ordinal, b.text) for b in base]
    assert {b.heading for b in blocks} == {f"令和{n}年度 {s}" for n in (4, 5, 6) for s in PLAN_SECTIONS}
    assert blocks[0].policy_code == "Ⅳ-1-(1)-①" and blocks[-1].policy_code == "Ⅲ-2-(3)-②"
    figs = read_plan_figures(doc, spec, context(doc))
    assert {f.fiscal_year for f in figs} == {2022, 2023, 2024}


def test_without_a_title_numeral_the_code_is_the_matching_indicators():
    """No title line numeral: composition is not possible, so a row takes the
    first code the indicator table prints for its 成果指標."""
    doc = relabel(extracted("004"), {r"取組状況 \((I|Ⅱ|Ⅲ) ": "取組状況 ("})
    facts = facts_of("004")
    blocks = read_plan_texts(doc, spec_of(doc), context(doc), facts.indicators)
    codes = list(dict.fromkeys(b.policy_code for b in blocks))
    assert codes[:3] == ["I-1-(1)-①", "I-1-(1)-②", "I-1-(2)-①"]
    # Ⅱ-5-(1)-① shares its indicator with Ⅱ-1-(2)-①, whose code comes first
    assert "Ⅱ-5-(1)-①" not in codes and "Ⅱ-1-(2)-①" in codes
    assert {b.rule_ids[-1] for b in blocks} == {"policy.from_indicator_name"}
    unmatched = read_plan_texts(doc, spec_of(doc), context(doc))[0]
    assert unmatched.policy_code is None and not any(r.startswith("policy.") for r in unmatched.rule_ids)
