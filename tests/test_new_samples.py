"""The rebuilt 000 and the new 005 through the sheet layer and the warehouse.

Sources: samples/000-hiratsuka-r5-shisaku-4-1.pdf (rebuilt as seed 000's
text prints it: 決算額 a heading line above its table, the top-left header
cell blank) and samples/005-hiratsuka-h28-jigyo-katsudo-shihyo.pdf (a
平成28年度分 事業評価シート with a 活動指標・成果指標 table; figures constructed,
samples/README.md); expected rows are the hand-written
samples/expected/<id>.*.csv / .document.json read by tests/expected.py
(amount_basis from samples/expected/amount_basis.json).

``process_file`` tests need the sheet layer (DocumentFacts.sheets); the 000
budget rows need the interpreter to read a caption above the table and the
005 indicator rows need it to read the 活動指標・成果指標 table — until that
work lands those tests fail, which is what they are for.
"""
from __future__ import annotations

import math

import pytest
from sqlalchemy import create_engine, text

from hyoka.pipeline import ingest, process_file
from tests.conftest import BACKENDS, fresh_db_url
from tests.expected import load_expected, sample_pdf

NEW_SAMPLES = ("000", "005")


def num(s: str | None) -> float | None:
    """A CSV number ('' = NULL) as float."""
    return None if s in (None, "") else float(s)


def same_number(a, b) -> bool:
    """Equal numbers (tolerating float noise), or both None."""
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)


# -- comparing facts with expected rows ----------------------------------------
# A fact is reduced to a dict of str/number fields keyed like the expected CSV,
# so the same comparison serves DocumentFacts objects and warehouse view rows.

def indicator_key(r: dict) -> tuple:
    """(indicator_name, fiscal_year int|None, measure) of a row or fact dict."""
    fy = r["fiscal_year"]
    return (r["indicator_name"], None if fy in (None, "") else int(fy), r["measure"])


def budget_key(r: dict) -> tuple:
    """(item, fiscal_year int, amount_basis or None) of a row or fact dict."""
    return (r["item"], int(r["fiscal_year"]), r["amount_basis"] or None)


def indicator_fact(i) -> dict:
    """An :class:`normalize.facts.IndicatorValue` as a view-shaped dict."""
    v = i.value
    return {"indicator_name": i.indicator_name, "fiscal_year": i.fiscal_year, "measure": i.measure,
            "policy_code": i.policy_code, "policy_name": i.policy_name, "unit": i.unit,
            "value": v.value, "value_text": v.value_text, "status": v.status, "note": v.note,
            "is_estimate": v.is_estimate, "page": i.provenance.page}


def budget_fact(b) -> dict:
    """A :class:`normalize.facts.BudgetValue` as a view-shaped dict."""
    v = b.value
    return {"item": b.item, "fiscal_year": b.fiscal_year, "amount_basis": b.amount_basis,
            "unit": v.unit, "unit_std": v.unit_std, "value": v.value, "value_std": v.value_std,
            "value_text": v.value_text, "status": v.status, "page": b.provenance.page}


def indicator_problems(got: list[dict], expected: list[dict]) -> list:
    """Differences between indicator facts and expected CSV rows: missing or
    extra keys, then (key, field, got, expected) per differing field
    (policy_code, policy_name, unit, value_text, status, note, is_estimate, value)."""
    got_by = {indicator_key(r): r for r in got}
    exp_by = {indicator_key(r): r for r in expected}
    problems: list = []
    if len(got_by) != len(got):
        problems.append(("duplicate indicator keys", len(got) - len(got_by)))
    problems += [("missing", k) for k in sorted(set(exp_by) - set(got_by), key=str)]
    problems += [("unexpected", k) for k in sorted(set(got_by) - set(exp_by), key=str)]
    for k in set(exp_by) & set(got_by):
        g, e = got_by[k], exp_by[k]
        for f in ("policy_code", "policy_name", "unit", "note"):
            if g[f] != (e[f] or None):
                problems.append((k, f, g[f], e[f]))
        for f in ("value_text", "status"):
            if g[f] != e[f]:
                problems.append((k, f, g[f], e[f]))
        if bool(g["is_estimate"]) != (e["is_estimate"] == "true"):
            problems.append((k, "is_estimate", g["is_estimate"], e["is_estimate"]))
        if not same_number(g["value"], num(e["value"])):
            problems.append((k, "value", g["value"], e["value"]))
    return problems


def budget_problems(got: list[dict], expected: list[dict]) -> list:
    """Differences between budget facts and expected rows (keyed by item,
    fiscal year and amount_basis; unit, unit_std, value_text, status, value,
    value_std compared)."""
    got_by = {budget_key(r): r for r in got}
    exp_by = {budget_key(r): r for r in expected}
    problems: list = []
    if len(got_by) != len(got):
        problems.append(("duplicate budget keys", len(got) - len(got_by)))
    problems += [("missing", k) for k in sorted(set(exp_by) - set(got_by), key=str)]
    problems += [("unexpected", k) for k in sorted(set(got_by) - set(exp_by), key=str)]
    for k in set(exp_by) & set(got_by):
        g, e = got_by[k], exp_by[k]
        for f in ("unit", "unit_std", "value_text", "status"):
            if g[f] != e[f]:
                problems.append((k, f, g[f], e[f]))
        for f in ("value", "value_std"):
            if not same_number(g[f], num(e[f])):
                problems.append((k, f, g[f], e[f]))
    return problems


def text_problems(got: list[dict], expected: list[dict]) -> list:
    """Differences between text blocks {(section, ordinal): text} and expected rows."""
    g = {(r["section"], int(r["ordinal"])): r["text"] for r in got}
    e = {(r["section"], int(r["ordinal"])): r["text"] for r in expected}
    return [(k, g.get(k), e.get(k)) for k in sorted(set(g) | set(e)) if g.get(k) != e.get(k)]


# -- process_file ----------------------------------------------------------------

@pytest.fixture(scope="module")
def processed() -> dict:
    """{sample id: DocumentFacts} of process_file on each new sample."""
    return {sid: process_file(sample_pdf(sid)) for sid in NEW_SAMPLES}


@pytest.mark.parametrize("sample_id", NEW_SAMPLES)
def test_one_sheet_with_the_expected_identity(processed, sample_id):
    """A one-sheet file gives one SheetFacts over all its pages, identified
    as its expected document says (template, city, fiscal year, policy / subject)."""
    facts = processed[sample_id]
    exp = load_expected(sample_id)["document"]
    assert facts.status == "loaded", facts.error
    (sheet,) = facts.sheets
    assert (sheet.seq, sheet.first_page, sheet.last_page) == (1, 1, 1)
    got = (sheet.sheet_type, sheet.municipality_code, sheet.document_fiscal_year,
           sheet.policy_code, sheet.subject)
    assert got == (exp["sheet_type"], exp["municipality_code"], exp["document_fiscal_year"],
                   exp["policy_code"], exp.get("subject"))


@pytest.mark.parametrize("sample_id", NEW_SAMPLES)
def test_indicator_facts(processed, sample_id):
    (sheet,) = processed[sample_id].sheets
    assert indicator_problems([indicator_fact(i) for i in sheet.indicators],
                              load_expected(sample_id)["indicator_values"]) == []


@pytest.mark.parametrize("sample_id", NEW_SAMPLES)
def test_budget_facts(processed, sample_id):
    """Every 決算額 figure, with amount_basis settled (000: the heading 決算額
    above the table; 005: ３．年度別事業内容・決算額)."""
    (sheet,) = processed[sample_id].sheets
    expected = load_expected(sample_id)["budget_values"]
    assert expected and {r["amount_basis"] for r in expected} == {"settled"}
    assert budget_problems([budget_fact(b) for b in sheet.budgets], expected) == []


def test_005_text_blocks(processed):
    (sheet,) = processed["005"].sheets
    got = [{"section": t.section, "ordinal": t.ordinal, "text": t.text} for t in sheet.text_blocks]
    assert text_problems(got, load_expected("005")["text_blocks"]) == []


def test_000_budget_caption_is_a_line_above_the_table():
    """The rebuilt 000 prints 決算額 as a text line above its table and leaves
    the table's top-left header cell blank (what the builder changed)."""
    import pdfplumber

    with pdfplumber.open(sample_pdf("000")) as pdf:
        page = pdf.pages[0]
        caption = [w for w in page.extract_words() if w["text"] == "決算額"]
        assert len(caption) == 1
        below = [t for t in page.find_tables() if t.bbox[1] >= caption[0]["bottom"] - 1]
        table = min(below, key=lambda t: t.bbox[1]).extract()
    assert table[0][0] in (None, "")
    assert [c for c in table[0][1:] if c] == ["2 年度", "3 年度", "4 年度", "5 年度"]
    assert table[1][0] == "事業費（千円）"


# -- warehouse ---------------------------------------------------------------------

@pytest.fixture(scope="module", params=BACKENDS)
def new_warehouse(request, tmp_path_factory):
    """000 and 005 ingested into a fresh warehouse per backend: an engine."""
    url = fresh_db_url(request.param, tmp_path_factory.mktemp("new"), "newsamples")
    result = ingest([sample_pdf(sid) for sid in NEW_SAMPLES], url)
    assert set(result.statuses.values()) == {"loaded"}, result.summary
    engine = create_engine(url)
    yield engine
    engine.dispose()


def view_rows(engine, view: str, source_file: str) -> list[dict]:
    """Rows of contract view ``view`` for one file."""
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(
            text(f"SELECT * FROM {view} WHERE source_file = :f"), {"f": source_file}).mappings()]


@pytest.mark.parametrize("sample_id", NEW_SAMPLES)
def test_contract_views(new_warehouse, sample_id):
    """v_sheets, v_indicator_values, v_budget_values and v_text_blocks give
    the sample's exact expected rows, every fact on sheet 1 with the
    sheet's document fiscal year."""
    exp = load_expected(sample_id)
    name = sample_pdf(sample_id).name
    doc = exp["document"]
    (sheet,) = view_rows(new_warehouse, "v_sheets", name)
    assert (sheet["sheet_seq"], sheet["first_page"], sheet["last_page"], sheet["sheet_type"],
            sheet["municipality_code"], sheet["document_fiscal_year"], sheet["policy_code"],
            sheet["subject"]) == (1, 1, 1, doc["sheet_type"], doc["municipality_code"],
                                  doc["document_fiscal_year"], doc["policy_code"], doc.get("subject"))
    indicators = view_rows(new_warehouse, "v_indicator_values", name)
    budgets = view_rows(new_warehouse, "v_budget_values", name)
    blocks = view_rows(new_warehouse, "v_text_blocks", name)
    for r in indicators + budgets + blocks:
        assert (r["sheet_seq"], r["document_fiscal_year"]) == (1, doc["document_fiscal_year"])
    problems = {"indicators": indicator_problems(indicators, exp["indicator_values"]),
                "budgets": budget_problems(budgets, exp["budget_values"]),
                "text_blocks": text_problems(blocks, exp["text_blocks"])}
    assert problems == {"indicators": [], "budgets": [], "text_blocks": []}
