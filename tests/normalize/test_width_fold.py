"""normalize.width.fold_width: the width rules of the module docstring."""
from hypothesis import given, strategies as st

from hyoka.normalize.width import fold_width


def test_fullwidth_digits_and_separators_fold():
    # seed 000: 経営に関する相談件数 2,449 printed full-width in some exports
    assert fold_width("２，４４９") == "2,449"
    assert fold_width("８０．０％") == "80.0%"


def test_fullwidth_letters_and_brackets_fold():
    assert fold_width("ＰＲしました") == "PRしました"          # seed 000 成果
    assert fold_width("0人（中止）") == "0人(中止)"            # contract: note
    assert fold_width("Ｒ５") == "R5"


def test_ideographic_space_becomes_space():
    assert fold_width("産業振興部\u3000産業振興課") == "産業振興部 産業振興課"  # seed 001


def test_fullwidth_tilde_becomes_wave_dash_ascii_tilde_kept():
    assert fold_width("R3～4") == "R3〜4"
    assert fold_width("R3~4") == "R3~4"
    assert fold_width("令和5年〜") == "令和5年〜"


def test_meaningful_marks_are_kept():
    kept = "①⑳㉑Ⅰ-Ⅲ-Ⅻ△▲※・⇒→●○◎■□【】「」〔〕㎡￥"
    assert fold_width(kept) == kept
    assert fold_width("４－①") == "4-①"


def test_halfwidth_katakana_becomes_fullwidth_and_composes():
    assert fold_width("ｶﾀｶﾅ") == "カタカナ"
    assert fold_width("ｶﾞｲﾄﾞﾌﾞｯｸ") == "ガイドブック"
    assert fold_width("ﾊﾟﾝ｡") == "パン。"
    assert fold_width("ｱﾞ") == "ア゛"  # no composed form: spacing mark


_MIXED = st.text(st.one_of(
    st.characters(),
    st.characters(min_codepoint=0xFF00, max_codepoint=0xFFEF),
    st.sampled_from(list("ｶﾞﾊﾟﾞﾟ｡ｱＡ１～　①Ⅲ△\u3099\u309a゛")),
))


@given(_MIXED)
def test_fold_is_idempotent(text):
    once = fold_width(text)
    assert fold_width(once) == once


@given(st.text(st.characters(min_codepoint=0xFF01, max_codepoint=0xFF5D)))
def test_fullwidth_ascii_folds_to_ascii(text):
    assert fold_width(text).isascii()
