"""normalize.policy: codes as printed (contract: policy_code; seeds 000, 002, 004)."""
import pytest

from hyoka.normalize.policy import is_policy_code, policy_code_key, split_policy_codes


@pytest.mark.parametrize("cell, codes", [
    ("I-3-(3)-① Ⅲ-2-(1)-①", ["I-3-(3)-①", "Ⅲ-2-(1)-①"]),                          # seed 004 No.13
    ("Ⅱ-1-(1)-①\nⅡ-1-(1)-②\nⅡ-2-(1)-②", ["Ⅱ-1-(1)-①", "Ⅱ-1-(1)-②", "Ⅱ-2-(1)-②"]),  # seed 004 No.15
    ("I - (1)", ["I-(1)"]),                                                          # seed 002
    ("４－①", ["４－①"]),                                                           # seed 000
    ("４－① 産業の活性化を促進する", ["４－①"]),
    ("I-1-(1)-①、I-1-(1)-②", ["I-1-(1)-①", "I-1-(1)-②"]),
    ("Ⅱ-1- ( 1 )-①", ["Ⅱ-1-(1)-①"]),
    ("", []),
    ("ATSUMOとの協働事業の推進", []),
])
def test_split(cell, codes):
    assert split_policy_codes(cell) == codes


def test_is_policy_code():
    assert is_policy_code("Ⅲ-2-(1)-①")
    assert is_policy_code("Ⅱ")
    assert not is_policy_code("LED")
    assert not is_policy_code("産業")


def test_key_folds_width_and_roman_numerals():
    assert policy_code_key("４－①") == "4-①"
    assert policy_code_key("Ⅰ-(1)") == policy_code_key("I - (1)") == "I-(1)"
    assert policy_code_key("Ⅲ-2-（1）-①") == "III-2-(1)-①"
