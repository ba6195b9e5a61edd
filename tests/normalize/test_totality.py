"""The text-level rules never raise on arbitrary cell text (nothing is lost)."""
from datetime import date

from hypothesis import given, strategies as st

from hyoka.normalize.era import EraContext, context_from_text, fiscal_year_from_label, fiscal_years_from_range, split_ranged_labels
from hyoka.normalize.policy import split_policy_codes
from hyoka.normalize.text import join_wrapped, split_paragraphs_by_bullets, strip_bullet

_CELL = st.text(st.one_of(st.characters(), st.sampled_from(list("令和平成元年度RH0123456789~～〜()（）・ -－①Ⅱ"))))
_CTX = st.one_of(st.none(), st.builds(EraContext, st.sampled_from([None, "令和", "平成", "昭和"]),
                                      st.one_of(st.none(), st.integers(1900, 2100))))


@given(_CELL, _CTX)
def test_era_functions_total(text, ctx):
    year = fiscal_year_from_label(text, ctx, today=date(2025, 6, 1))
    assert year is None or 1868 <= year <= 2200
    years = fiscal_years_from_range(text, ctx)
    assert years == sorted(years)
    parts = split_ranged_labels(text, ctx)
    assert parts and all(isinstance(label, str) for _, label in parts)
    assert context_from_text(text).era in (None, "明治", "大正", "昭和", "平成", "令和")


@given(_CELL)
def test_text_and_policy_functions_total(text):
    assert all(code and not any(ch.isspace() for ch in code) for code in split_policy_codes(text))
    mark, rest = strip_bullet(text)
    assert rest == rest.strip()
    assert join_wrapped(text.splitlines()) == join_wrapped(join_wrapped(text.splitlines()).splitlines())
    assert all(body for _, body in split_paragraphs_by_bullets(text.splitlines()))
