"""Template files as validated data (issue 7 part 4): the shipped files
validate, a misspelt key or a bad value is a one-line error naming the file
and the key path, user template directories are used, and a template's own
vocabulary is consulted only while it is active.

Every template here is a real shipped file, copied to tmp_path and edited
the way a user would; the documents are the real samples.
"""
from __future__ import annotations

import os
import tomllib
from functools import lru_cache
from pathlib import Path

import pytest

from hyoka.extract import extract_document
from hyoka.normalize import vocabulary
from hyoka.normalize.classify import classify
from hyoka.normalize.templates import (SHIPPED_DIR, TemplateError, all_templates, configure, load_template,
                                 template_dirs)
from hyoka.normalize.templates.model import jis_check_digit, parse_template
from hyoka.normalize.values import parse_value
from tests.expected import sample_pdf

SHIPPED = sorted(SHIPPED_DIR.glob("*.toml"))
SHISAKU = SHIPPED_DIR / "hiratsuka_shisaku_hyoka.toml"


@pytest.fixture(autouse=True)
def no_user_templates(monkeypatch):
    """Each test starts with the shipped templates only and leaves it so."""
    monkeypatch.delenv("HYOKA_TEMPLATES", raising=False)
    configure(())
    yield
    configure(())


@lru_cache(maxsize=None)
def extracted(sample_id: str):
    return extract_document(sample_pdf(sample_id))


def copy_of(src: Path, dest: Path, *edits: tuple[str, str]) -> Path:
    """``src`` written to ``dest`` with each (old, new) replaced once (the old text must be there)."""
    text = src.read_text(encoding="utf-8")
    for old, new in edits:
        assert text.count(old) >= 1, old
        text = text.replace(old, new, 1)
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(text, encoding="utf-8")
    return dest


def error_of(path: Path) -> str:
    with pytest.raises(TemplateError) as info:
        load_template(path)
    message = str(info.value)
    assert "\n" not in message
    return message


# ---------------------------------------------------------------------------
# The shipped files.


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_every_shipped_template_validates(path):
    """Each shipped file loads, and the interpreters get exactly what it wrote."""
    t = load_template(path)
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert t.name == data["name"] and t.source == path
    # the [municipality] table (or the old name form, resolved by the shared
    # vocabulary), with a code whose check digit holds
    muni = data["municipality"]
    if isinstance(muni, dict):
        assert (t.municipality, t.municipality_code) == (muni["name"], muni["code"])
    else:
        assert (t.municipality, t.municipality_code) == (muni, vocabulary.MUNICIPALITIES[muni])
    assert int(t.municipality_code[5]) == jis_check_digit(t.municipality_code[:5])
    # the interpreters get exactly the entries the file wrote
    for key in ("indicator_tables", "budget_tables", "sections", "plan_tables"):
        assert getattr(t, key) == tuple(data.get(key, ())), key
    for key in ("policy", "estimate", "validate"):
        assert getattr(t, key) == data.get(key, {}), key
    assert t.starts == tuple(data.get("starts", [data["title"]]))


def test_all_templates_are_the_shipped_files_by_default():
    assert template_dirs() == ()
    assert {t.source for t in all_templates()} == set(SHIPPED)


@pytest.mark.parametrize("code, check", [("14203", 4), ("14212", 3), ("27204", 3), ("28100", 0)])
def test_jis_check_digit_of_the_four_cities(code, check):
    # 平塚市 142034, 厚木市 142123, 池田市 272043, 神戸市 281000
    assert jis_check_digit(code) == check


# ---------------------------------------------------------------------------
# Errors: one line naming the file and the key path.


@pytest.mark.parametrize("old, new, expected", [
    ('name = "指標名"', 'nmae = "指標名"', "indicator_tables[0].nmae: unknown key (did you mean 'name'?)"),
    ("identify = [", "identfy = [", "identfy: unknown key (did you mean 'identify'?)"),
    ('anchor = "決算額"', 'anchr = "決算額"', "budget_tables[0].anchr: unknown key (did you mean 'anchor'?)"),
    ('code = "142034"', 'cod = "142034"', "municipality.cod: unknown key (did you mean 'code'?)"),
])
def test_a_misspelt_key_is_rejected_naming_file_and_key(tmp_path, old, new, expected):
    bad = copy_of(SHISAKU, tmp_path / "mytemplate.toml", (old, new))
    assert error_of(bad) == f"{bad}: {expected}"


@pytest.mark.parametrize("old, new, expected", [
    ('code = "142034"', 'code = "142035"', "municipality.code: '142035' has a wrong check digit (expected 142034)"),
    ('code = "142034"', 'code = "14203"', "municipality.code: '14203' is not a JIS X 0402 code"),
    ('code = "142034"', "code = 142034", "municipality.code: input should be a valid string (got 142034)"),
    ('layout = "year_columns"', 'layout = "yearcolumns"',
     "indicator_tables[0].layout: unknown layout 'yearcolumns' (expected 'year_columns', 'measure_rows'"),
    ('"actual"', '"actuals"', "indicator_tables[0].groups.実績値: 'actuals' is not allowed"),
    ('["title", "last_actual"]', '["title", "lastactual"]', "document_year[1]: 'lastactual' is not allowed"),
    ('section = "成果"', 'section = "成績"', "sections[0].section: '成績' is not a section"),
])
def test_a_bad_value_is_rejected_naming_file_and_key(tmp_path, old, new, expected):
    bad = copy_of(SHISAKU, tmp_path / "t.toml", (old, new))
    assert error_of(bad).startswith(f"{bad}: {expected}")


def test_toml_syntax_error_names_the_line(tmp_path):
    bad = copy_of(SHISAKU, tmp_path / "t.toml", ("[policy]", "[policy"))
    line = bad.read_text(encoding="utf-8").split("\n").index("[policy") + 1
    message = error_of(bad)
    assert message.startswith(f"{bad}: invalid TOML: ") and f"(at line {line}, column" in message


def test_old_municipality_string_resolves_only_through_the_vocabulary(tmp_path):
    table = '[municipality]\nname = "平塚市"\ncode = "142034"\n'
    assert table in SHISAKU.read_text(encoding="utf-8")
    old = copy_of(SHISAKU, tmp_path / "old.toml", (table, ""),
                  ('document_year =', 'municipality = "平塚市"\ndocument_year ='))
    t = load_template(old)
    assert (t.municipality, t.municipality_code) == ("平塚市", vocabulary.MUNICIPALITIES["平塚市"])
    unknown = copy_of(old, tmp_path / "unknown.toml", ('"平塚市"', '"架空市"'))
    assert error_of(unknown).startswith(f"{unknown}: municipality: '架空市' has no known code")


def test_threshold_bounds_are_checked(tmp_path):
    src = SHIPPED_DIR / "atsugi_jisshi_keikaku_torikumi.toml"
    bad = copy_of(src, tmp_path / "t.toml", ("min = 80.0, below = 100.0", "min = 100.0, below = 80.0"))
    assert error_of(bad) == f"{bad}: validate.result_thresholds[1]: min 100.0 must be below 80.0"


def test_a_missing_directory_and_a_duplicate_name_are_errors(tmp_path):
    with pytest.raises(TemplateError, match="template directory does not exist"):
        all_templates([tmp_path / "nowhere"])
    copy_of(SHISAKU, tmp_path / "d" / "a.toml")
    copy_of(SHISAKU, tmp_path / "d" / "b.toml")
    with pytest.raises(TemplateError) as info:
        all_templates([tmp_path / "d"])
    assert str(info.value).startswith(f"{tmp_path / 'd' / 'b.toml'}: name: 'hiratsuka_shisaku_hyoka' is also")


# ---------------------------------------------------------------------------
# User template directories.


def city_copy(directory: Path, name: str = "ikeda_copy_shisaku") -> Path:
    """The 平塚市 施策評価 template under another name and municipality (池田市)."""
    return copy_of(SHISAKU, directory / "city.toml",
                   ('name = "hiratsuka_shisaku_hyoka"', f'name = "{name}"'),
                   ('name = "平塚市"\ncode = "142034"', 'name = "池田市"\ncode = "272043"'))


def test_a_template_directory_from_the_environment_classifies_a_real_sample(tmp_path, monkeypatch):
    path = city_copy(tmp_path / "mine")
    assert classify(extracted("000")).sheet_type == "hiratsuka_shisaku_hyoka"
    monkeypatch.setenv("HYOKA_TEMPLATES", f"{tmp_path / 'elsewhere'}{os.pathsep}{path.parent}")
    (tmp_path / "elsewhere").mkdir()
    names = [t.name for t in all_templates()]
    assert "ikeda_copy_shisaku" in names and "hiratsuka_shisaku_hyoka" in names
    cls = classify(extracted("000"))
    assert (cls.sheet_type, cls.template.source) == ("ikeda_copy_shisaku", path)
    assert (cls.template.municipality, cls.template.municipality_code) == ("池田市", "272043")
    monkeypatch.delenv("HYOKA_TEMPLATES")
    assert classify(extracted("000")).sheet_type == "hiratsuka_shisaku_hyoka"


def test_a_configured_directory_replaces_a_shipped_template_of_the_same_name(tmp_path):
    path = city_copy(tmp_path / "mine", name="hiratsuka_shisaku_hyoka")
    configure([path.parent])
    (mine,) = [t for t in all_templates() if t.name == "hiratsuka_shisaku_hyoka"]
    assert mine.source == path and len(all_templates()) == len(SHIPPED)
    cls = classify(extracted("000"))
    assert cls.template is mine and cls.template.municipality_code == "272043"


def test_configure_rejects_an_invalid_file_and_keeps_the_setting(tmp_path):
    good = city_copy(tmp_path / "good")
    configure([good.parent])
    copy_of(SHISAKU, tmp_path / "bad" / "t.toml", ('name = "指標名"', 'nmae = "指標名"'))
    with pytest.raises(TemplateError, match=r"indicator_tables\[0\]\.nmae: unknown key"):
        configure([tmp_path / "bad"])
    assert template_dirs() == (good.parent,)


# ---------------------------------------------------------------------------
# The template's own vocabulary.

VOCABULARY = '''
[vocabulary]
budget_items = ["委託料"]
units = { "万円" = ["円", 10000] }
measure_labels = { target = ["目標水準"] }
amount_basis_labels = { budget = ["補正後"] }
'''


def test_template_vocabulary_is_consulted_only_while_active(tmp_path):
    path = copy_of(SHISAKU, tmp_path / "v.toml")
    path.write_text(path.read_text(encoding="utf-8") + VOCABULARY, encoding="utf-8")
    t = load_template(path)

    def lookups():
        return (vocabulary.budget_item_for_label("委託料（千円）"), vocabulary.measure_for_label("目標水準"),
                vocabulary.unit_in_label("事業費（万円）"), vocabulary.amount_basis_for_label("令和5年度補正後"),
                parse_value("12万円").value_std, vocabulary.budget_item_for_label("事業費（千円）"))

    outside = (None, None, None, None, None, "事業費")
    assert lookups() == outside
    with vocabulary.for_template(t):
        assert lookups() == ("委託料", "target", "万円", "budget", 120_000.0, "事業費")
        with vocabulary.for_template(None):
            assert lookups() == outside
    assert lookups() == outside
    # the shipped templates declare no vocabulary of their own
    with vocabulary.for_template(load_template(SHISAKU)):
        assert lookups() == outside


def test_a_bad_vocabulary_entry_is_rejected(tmp_path):
    path = copy_of(SHISAKU, tmp_path / "v.toml")
    path.write_text(path.read_text(encoding="utf-8")
                    + VOCABULARY.replace("10000", "-1"), encoding="utf-8")
    assert error_of(path) == f"{path}: vocabulary.units.万円[1]: input should be greater than 0 (got -1)"


@pytest.mark.parametrize("label, basis", [
    ("令和5年度決算額", "settled"), ("R6当初予算", "budget"), ("予算現額", "budget"), ("決算見込額", "estimate"),
    ("計画額", "plan"), ("事業費", None),
])
def test_shared_amount_basis_labels(label, basis):
    assert vocabulary.amount_basis_for_label(label) == basis


def test_parse_template_needs_no_file():
    text = SHISAKU.read_text(encoding="utf-8")
    assert parse_template(text, "x.toml").start_headings == ("施策評価シート【分野別施策】",)
    with_starts = text.replace("identify =", 'starts = ["施策評価シート"]\nidentify =', 1)
    assert parse_template(with_starts, "x.toml").start_headings == ("施策評価シート",)


# ---------------------------------------------------------------------------
# End to end: normalize_document reads a real sample with a user template.


def test_a_user_template_names_the_municipality_of_the_facts(tmp_path):
    from hyoka.normalize import normalize_document
    configure([city_copy(tmp_path / "mine").parent])
    (sheet,) = normalize_document(extracted("000")).sheets
    assert (sheet.sheet_type, sheet.municipality, sheet.municipality_code) == \
        ("ikeda_copy_shisaku", "池田市", "272043")
    assert sheet.indicators and sheet.budgets


def test_a_template_label_wins_over_the_shared_one_while_its_sheet_is_read(tmp_path):
    """厚木市's 取組状況 (sample 004) prints 達成率 rows, shared measure
    achievement_rate.  A user template of the same name declaring 達成率 a
    ``result`` label replaces the shipped one, and its label is consulted
    before the shared one: 達成率 no longer reads as achievement_rate (the
    reader keeps each block's first row per measure, the 結果 row, so the
    other measures come out as before)."""
    from collections import Counter

    from hyoka.normalize import normalize_document
    src = SHIPPED_DIR / "atsugi_jisshi_keikaku_torikumi.toml"
    before = Counter(iv.measure for s in normalize_document(extracted("004")).sheets for iv in s.indicators)
    assert before["achievement_rate"] > 0
    path = copy_of(src, tmp_path / "mine" / "atsugi.toml")
    path.write_text(path.read_text(encoding="utf-8") + '\n[vocabulary]\nmeasure_labels = { result = ["達成率"] }\n',
                    encoding="utf-8")
    configure([path.parent])
    after = Counter(iv.measure for s in normalize_document(extracted("004")).sheets for iv in s.indicators)
    assert after["achievement_rate"] == 0
    assert after == {k: v for k, v in before.items() if k != "achievement_rate"}
    assert vocabulary.measure_for_label("達成率") == "achievement_rate"  # outside the sheet: shared again
