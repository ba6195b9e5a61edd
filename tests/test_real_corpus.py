"""Real sheets of other cities, read by template files only (issue 7, part 5).

Sources: ../shared/corpus/real-jp/ (read-only project input): 池田市 事務事業評価
目標設定シート ikeda-r7-001..004 (令和６年度実施事業; （４）事業費等 Ｒ４年度決算 |
R５年度決算 | R６年度 予算 決算, （５）成果指標 目標値 over R５年度実績 | R６年度見込 |
R６年度実績 | R９年度見込) and 神戸市 事務事業評価シート kobe-r25-001, 002, 004, 005
(≪事業別コスト等≫ 20年度決算 … 25年度予算 in 千円; ≪事業実績等≫ 20年度実績 …
25年度見込み).  The expected rows in samples/expected/real/<file>.*.csv were
typed by hand from each PDF's layout text and checked by eye against the
page (see samples/expected/real/README.md); hyoka's output is compared with
them exactly.  Other cities' sheets with no template stay ``unclassified``.
"""
from __future__ import annotations

import csv
import os
from decimal import Decimal
from pathlib import Path

import pytest

from hyoka.pipeline import process_file

REPO = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("HYOKA_REAL_CORPUS", REPO.parent / "shared" / "corpus" / "real-jp"))
EXPECTED = REPO / "samples" / "expected" / "real"

IKEDA = ("ikeda-r7-001", "ikeda-r7-002", "ikeda-r7-003", "ikeda-r7-004")
KOBE = ("kobe-r25-001", "kobe-r25-002", "kobe-r25-004", "kobe-r25-005")
#: file -> (sheet_type, municipality_code, subject, document_fiscal_year) as printed
DOCUMENTS = {
    "ikeda-r7-001": ("ikeda_jimu_jigyo_hyoka", "272043", "環境学習推進事業", 2024),
    "ikeda-r7-002": ("ikeda_jimu_jigyo_hyoka", "272043", "環境基本計画推進事業", 2024),
    "ikeda-r7-003": ("ikeda_jimu_jigyo_hyoka", "272043", "ごみ減量化推進事業", 2024),
    "ikeda-r7-004": ("ikeda_jimu_jigyo_hyoka", "272043", "脱炭素社会推進事業", 2024),
    "kobe-r25-001": ("kobe_jimu_jigyo_hyoka", "281000", "庁舎設備管理業務", 2013),
    "kobe-r25-002": ("kobe_jimu_jigyo_hyoka", "281000", "庁舎管理業務", 2013),
    "kobe-r25-004": ("kobe_jimu_jigyo_hyoka", "281000", "電話交換業務", 2013),
    "kobe-r25-005": ("kobe_jimu_jigyo_hyoka", "281000", "区役所窓口業務(市民課)", 2013),
}
#: Real sheets of cities without a template: must not be read as any template.
OTHERS = ("yokohama-r7-001", "yokohama-r7-004", "kyoto-r6-001", "kyoto-r6-002", "kyokuyo-kessan-tanshin-h26")


def pdf(name: str) -> Path:
    path = CORPUS / f"{name}.pdf"
    if not path.exists():
        pytest.skip(f"real corpus not available at {path}")
    return path


@pytest.fixture(scope="module")
def facts():
    """file name -> DocumentFacts of ``hyoka.pipeline.process_file`` (cached)."""
    cache: dict = {}

    def get(name: str):
        if name not in cache:
            cache[name] = process_file(pdf(name))
        return cache[name]
    return get


def number(text: str):
    return None if text in ("", None) else Decimal(text)


def as_number(x):
    return None if x is None else Decimal(repr(float(x))).normalize()


def expected(name: str, kind: str) -> list[dict]:
    with open(EXPECTED / f"{name}.{kind}.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def indicator_rows(doc) -> list[tuple]:
    return [(iv.indicator_name, iv.unit or None, iv.fiscal_year, iv.measure, as_number(iv.value.value),
             iv.value.value_text, iv.value.status, iv.value.is_estimate) for iv in doc.indicators]


def expected_indicator_rows(rows: list[dict]) -> list[tuple]:
    return [(r["indicator_name"], r["unit"] or None, int(r["fiscal_year"]) if r["fiscal_year"] else None,
             r["measure"], None if r["value"] == "" else Decimal(r["value"]).normalize(), r["value_text"],
             r["status"], r["is_estimate"] == "true") for r in rows]


def budget_rows(doc) -> list[tuple]:
    return [(b.item, b.fiscal_year, b.amount_basis, as_number(b.value.value), b.value.unit,
             as_number(b.value.value_std), b.value.unit_std, b.value.value_text, b.value.status)
            for b in doc.budgets]


def expected_budget_rows(rows: list[dict]) -> list[tuple]:
    return [(r["item"], int(r["fiscal_year"]), r["amount_basis"] or None,
             None if r["value"] == "" else Decimal(r["value"]).normalize(), r["unit"] or None,
             None if r["value_std"] == "" else Decimal(r["value_std"]).normalize(), r["unit_std"] or None,
             r["value_text"], r["status"]) for r in rows]


@pytest.mark.parametrize("name", IKEDA + KOBE)
def test_document_identity(facts, name):
    doc = facts(name)
    sheet_type, code, subject, year = DOCUMENTS[name]
    assert doc.status == "loaded"
    assert doc.sheet_type == sheet_type and doc.municipality_code == code
    assert doc.document_fiscal_year == year
    if subject is not None:
        assert doc.subject == subject
    assert len(doc.sheets) == 1, [(s.first_page, s.last_page, s.sheet_type) for s in doc.sheets]


@pytest.mark.parametrize("name", IKEDA + KOBE)
def test_indicator_values_exactly(facts, name):
    assert indicator_rows(facts(name)) == expected_indicator_rows(expected(name, "indicator_values"))


@pytest.mark.parametrize("name", IKEDA + KOBE)
def test_budget_values_exactly(facts, name):
    assert budget_rows(facts(name)) == expected_budget_rows(expected(name, "budget_values"))


@pytest.mark.parametrize("name", IKEDA + KOBE)
def test_no_false_year_gaps(facts, name):
    """Two bases of one year (R６年度 予算 | 決算), an estimate beside the final
    figure (R６年度 見込 | 実績) and a plan-period target year (R９) are no gap."""
    doc = facts(name)
    assert [f.message for f in doc.findings if f.rule_id == "finding.year_columns_not_consecutive"] == []
    assert [f.message for f in doc.findings if f.rule_id == "finding.restated_figure_mismatch"] == []


@pytest.mark.parametrize("name", IKEDA)
def test_ikeda_sub_columns_keep_their_measure(facts, name):
    """目標値 over R５年度実績 | R６年度見込 | R６年度実績 | R９年度見込: actual,
    actual (estimate), actual, target -- not four targets."""
    got = [(iv.fiscal_year, iv.measure, iv.value.is_estimate) for iv in facts(name).indicators]
    assert got == [(2023, "actual", False), (2024, "actual", True), (2024, "actual", False),
                   (2027, "target", False)]
    assert "measure.forecast" in facts(name).indicators[3].value.rule_ids


@pytest.mark.parametrize("name", IKEDA)
def test_ikeda_one_year_two_bases(facts, name):
    """R６年度 prints 予算 and 決算: two facts of 2024, nothing dropped."""
    first = [(b.fiscal_year, b.amount_basis) for b in facts(name).budgets[:4]]
    assert first == [(2022, "settled"), (2023, "settled"), (2024, "budget"), (2024, "settled")]


@pytest.mark.parametrize("name", OTHERS)
def test_other_cities_stay_unclassified(facts, name):
    doc = facts(name)
    assert {s.sheet_type for s in doc.sheets} <= {"unclassified"}, [s.sheet_type for s in doc.sheets]
    assert doc.indicators == [] and doc.budgets == []
