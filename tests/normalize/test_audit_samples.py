"""The audit samples (samples/republished/, samples/planted/, the re-worded
000v1) through extract + normalize, without a database, against the
hand-written expected files: exact budget rows of 001p, the two corrected
figures of 000r1, the planted cells of 004p, 000v1's indicator names and
the subject of the sheets that are about a 事業 or 部 rather than a policy.
"""
from __future__ import annotations

import json
import math
from functools import lru_cache

import pytest

from hyoka.extract import extract_document
from hyoka.normalize import normalize_document
from hyoka.normalize.facts import DocumentFacts
from hyoka.normalize.rules import unknown_rule_ids
from tests.conftest import EXPECTED
from tests.expected import load_expected, sample_pdf


@lru_cache(maxsize=None)
def facts_of(sample_id: str) -> DocumentFacts:
    """extract_document + normalize_document of one sample PDF (cached)."""
    return normalize_document(extract_document(sample_pdf(sample_id)))


def num(s: str) -> float | None:
    return None if s in (None, "") else float(s)


def same_number(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)


def indicator_problems(facts: DocumentFacts, expected: list[dict]) -> list:
    """Differences between the facts' indicator values and expected rows
    (keyed by indicator_name, fiscal_year, measure); [] when equal."""
    key = lambda name, fy, measure: (name, None if fy in (None, "") else int(fy), measure)
    got = {key(iv.indicator_name, iv.fiscal_year, iv.measure): iv for iv in facts.indicators}
    assert len(got) == len(facts.indicators), "duplicate (indicator, fiscal_year, measure)"
    exp = {key(r["indicator_name"], r["fiscal_year"], r["measure"]): r for r in expected}
    problems = [("missing", k) for k in exp if k not in got] + [("extra", k) for k in got if k not in exp]
    for k, e in exp.items():
        g = got.get(k)
        if g is None:
            continue
        pairs = {"value_text": (g.value.value_text, e["value_text"]), "status": (g.value.status, e["status"]),
                 "unit": (g.unit, e["unit"] or None), "note": (g.value.note, e["note"] or None),
                 "is_estimate": (g.value.is_estimate, e["is_estimate"] == "true"),
                 "policy_code": (g.policy_code, e["policy_code"] or None)}
        problems += [(k, f, a, b) for f, (a, b) in pairs.items() if a != b]
        if not same_number(g.value.value, num(e["value"])):
            problems.append((k, "value", g.value.value, e["value"]))
    return problems


def budget_rows(facts: DocumentFacts) -> list[tuple]:
    """(item, fiscal_year, value, unit, value_std, unit_std, value_text, status) per budget fact."""
    return [(b.item, b.fiscal_year, b.value.value, b.value.unit, b.value.value_std, b.value.unit_std,
             b.value.value_text, b.value.status) for b in facts.budgets]


def expected_budget_rows(rows: list[dict]) -> list[tuple]:
    return [(r["item"], int(r["fiscal_year"]), num(r["value"]), r["unit"] or None, num(r["value_std"]),
             r["unit_std"] or None, r["value_text"], r["status"]) for r in rows]


# ----------------------------------------------------------------- 001p


def test_001p_budget_rows_exactly():
    """Every amount of the H28 sheet's 年度別事業内容・決算額 table, in printed order."""
    facts = facts_of("001p")
    assert budget_rows(facts) == expected_budget_rows(load_expected("001p")["budget_values"])
    assert len(facts.budgets) == 21
    for b in facts.budgets:
        assert b.project_name == "産業活性化会議"
        assert b.provenance.page == 1 and b.provenance.x0 < b.provenance.x1
        assert unknown_rule_ids(b.value.rule_ids) == []
    by = {(b.item, b.fiscal_year): b for b in facts.budgets}
    # 事業費 (A) takes 千円 from the caption （単位：千円）; 執行率 (%) its own unit
    assert "unit.table_caption" in by[("事業費", 2015)].value.rule_ids
    assert "budget.group_rows" in by[("県支出金", 2015)].value.rule_ids
    assert "unit.table_caption" not in by[("執行率", 2015)].value.rule_ids
    # the planted mismatch is really printed: 財源内訳 500 + 1,300 (- and 0 elsewhere) = 1,800 ≠ 1,850
    parts = [by[(item, 2015)].value.value or 0 for item in ("国庫支出金", "県支出金", "起債", "その他特財", "一般財源")]
    assert (sum(parts), by[("事業費", 2015)].value.value) == (1800, 1850)


def test_001p_document_and_sections():
    facts = facts_of("001p")
    doc = json.loads((EXPECTED / "001p.document.json").read_text("utf-8"))
    got = {k: getattr(facts, k) for k in ("municipality", "municipality_code", "document_fiscal_year",
                                          "sheet_type", "policy_code", "policy_name", "subject")}
    assert got == {k: doc[k] for k in got}
    headings = {(b.section, b.heading) for b in facts.text_blocks}
    # year-dependent headings are found in any year and kept as printed
    assert ("成果", "平成28年度の主な取組と成果") in headings
    assert ("取組方針", "平成30年度の取組方針") in headings
    assert [p["rule_id"] for p in doc["planted"]] == ["finding.funding_sum_mismatch"]


def test_001_without_year_header_gives_no_budget_rows():
    """Seed 001 prints the same table without a year header and with blank
    amounts: no budget values, its cells stay raw cells."""
    facts = facts_of("001")
    assert facts.budgets == []
    texts = {c.text for c in facts.raw_cells}
    assert {"事業費\u3000(A)", "執行率\u3000(%)", "その他\u3000特財", "事業内容"} <= texts
    assert ("成果", "平成27年度の主な取組と成果") in {(b.section, b.heading) for b in facts.text_blocks}


def test_000_budget_table_unchanged():
    facts = facts_of("000")
    assert budget_rows(facts) == expected_budget_rows(load_expected("000")["budget_values"])


# ----------------------------------------------------------------- 000r1


def test_000r1_corrected_figures():
    facts = facts_of("000r1")
    spec = json.loads((EXPECTED / "000r1.variant.json").read_text("utf-8"))
    ind = {(iv.indicator_name, iv.fiscal_year, iv.measure): iv.value for iv in facts.indicators}
    bud = {(b.item, b.fiscal_year): b.value for b in facts.budgets}
    for ch in spec["changes"]:
        v = (ind[(ch["indicator_name"], ch["fiscal_year"], ch["measure"])] if ch["kind"] == "indicator"
             else bud[(ch["item"], ch["fiscal_year"])])
        assert (v.value_text, v.value, v.status) == (ch["new_value_text"], ch["new_value"], "ok")
    assert ind[("創業者数（年間）", 2023, "actual")].value == 108
    assert bud[("事業費", 2023)].value_std == 2_012_400_000
    # everything else as 000
    exp = load_expected("000r1")
    assert indicator_problems(facts, exp["indicator_values"]) == []
    assert budget_rows(facts) == expected_budget_rows(exp["budget_values"])
    assert (facts.policy_code, facts.document_fiscal_year, facts.sheet_type) == (
        "４－①", 2023, "hiratsuka_shisaku_hyoka")


def test_000r1_is_published_two_months_after_000():
    """Same sheet, later publication date stamp (the PDF CreationDate)."""
    assert b"/CreationDate(D:20241007" in sample_pdf("000r1").read_bytes()
    assert b"/CreationDate(D:20240805" in sample_pdf("000").read_bytes()
    assert sample_pdf("000r1").read_bytes() != sample_pdf("000").read_bytes()


# ----------------------------------------------------------------- 004p


def test_004p_changed_values():
    facts = facts_of("004p")
    spec = json.loads((EXPECTED / "004p.variant.json").read_text("utf-8"))
    ind = {(iv.indicator_name, iv.fiscal_year, iv.measure): iv.value for iv in facts.indicators}
    for ch in spec["changes"]:
        v = ind[(ch["indicator_name"], ch["fiscal_year"], ch["measure"])]
        assert (v.value_text, v.value) == (ch["new_value_text"], ch["new_value"]), ch
    assert ind[("中小企業相談所の相談件数", 2021, "achievement_rate")].value == 290.4
    assert ind[("中小企業資金融資利子補給金交付件数", 2021, "result")].value_text == "達成"
    assert ind[("中小企業資金融資利子補給金交付件数", 2021, "achievement_rate")].value == 63.7
    # every other cell as 004
    assert indicator_problems(facts, load_expected("004p")["indicator_values"]) == []
    assert (facts.document_fiscal_year, facts.sheet_type) == (2023, "atsugi_jisshi_keikaku_torikumi")
    for p in spec["planted"]:
        assert (p["indicator_name"], p["fiscal_year"], p["measure"]) in ind, p


def test_004p_restates_r3_differently_from_004v2():
    """004v2 (the 令和4年度 sheet) prints the final R3 実績 34店; 004p prints 43店."""
    key = ("商店会連合会への新規加入店舗数", 2021, "actual")
    got = {sid: {(iv.indicator_name, iv.fiscal_year, iv.measure): iv.value.value_text
                 for iv in facts_of(sid).indicators}[key] for sid in ("004", "004v2", "004p")}
    assert got == {"004": "34店", "004v2": "34店", "004p": "43店"}


# ----------------------------------------------------------------- 000v1


def test_000v1_indicator_names_as_printed():
    facts = facts_of("000v1")
    spec = json.loads((EXPECTED / "000v1.variant.json").read_text("utf-8"))
    names = list(dict.fromkeys(iv.indicator_name for iv in facts.indicators))
    assert names == list(spec["indicator_names"].values())
    assert names[1] == "創業者数(年間)"          # half-width brackets kept as printed
    assert names[3] == "知的対流等を通じた交流人口（年間）"  # author's line break joined
    assert indicator_problems(facts, load_expected("000v1")["indicator_values"]) == []


# ----------------------------------------------------------------- subject


@pytest.mark.parametrize("sample_id, subject", [
    ("001", "産業活性化会議"), ("001p", "産業活性化会議"), ("003", "産業振興部"), ("000", None), ("004", None)])
def test_subject(sample_id, subject):
    assert facts_of(sample_id).subject == subject
