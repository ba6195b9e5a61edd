"""Policy / measure codes: "４－①", "I-(1)", "I-1-(1)-①", "Ⅲ-2-(1)-①".

Contract (policy_code): "the policy / measure code as printed ...; several
codes in one cell give several rows in v_indicator_policies and the first
here".  Codes are therefore kept *as printed* (full-width "４－①" stays
full-width; ASCII "I" and Roman numeral "Ⅰ" stay distinct) and only the
whitespace inside a code is removed ("I - (1)" -> "I-(1)", seed 002).
:func:`policy_code_key` gives a width-folded key for comparing codes.
Rule id: ``policy.split_codes``.
"""
from __future__ import annotations

import re

from hyoka.normalize.width import fold_width

#: Characters that join the parts of a code (as printed; the katakana ー is
#: used as a dash by some word processors).
DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2212\u30fc\uff0d\uff70"
_DASH_CLASS = re.escape(DASHES)
#: One part of a code: Roman numeral (ASCII IVX or U+2160..U+217F), number
#: (any width), circled number ①..⑳ ㉑..㉟ ㊱..㊿, or a parenthesised number/letter.
_PART = (r"(?:[IVX]{1,4}|[\u2160-\u217f]|[0-9\uff10-\uff19]{1,3}|[\u2460-\u2473\u3251-\u325f\u32b1-\u32bf]"
         r"|[(（][0-9\uff10-\uff19A-Za-zＡ-Ｚａ-ｚ]{1,3}[)）])")
_CODE = re.compile(rf"^{_PART}(?:[{_DASH_CLASS}]{_PART})*$")
#: Separators between codes besides whitespace.
_SEPARATORS = re.compile(r"[、,，;；/／]")

_ROMAN = {"\u2160": "I", "\u2161": "II", "\u2162": "III", "\u2163": "IV", "\u2164": "V",
          "\u2165": "VI", "\u2166": "VII", "\u2167": "VIII", "\u2168": "IX", "\u2169": "X",
          "\u216a": "XI", "\u216b": "XII"}
_ROMAN.update({chr(0x2170 + i): v for i, v in enumerate(list(_ROMAN.values()))})


def is_policy_code(token: str) -> bool:
    """Whether ``token`` (no whitespace) has the shape of a policy code.

    Args:
        token: e.g. "I-3-(3)-①", "４－①", "Ⅱ", "ATSUMO".
    Returns:
        True for parts (Roman numeral, number, circled number, "(1)") joined
        by dashes; False for words ("ATSUMO", "産業").
    """
    return bool(_CODE.match(token))


def _merge_tokens(tokens: list[str]) -> list[str]:
    """Re-join a code printed with spaces: "I - (1)", "Ⅱ-1- (1)", "( 1 )"."""
    merged: list[str] = []
    for tok in tokens:
        if merged and (merged[-1][-1] in DASHES or tok[0] in DASHES
                       or merged[-1].count("(") + merged[-1].count("（")
                       > merged[-1].count(")") + merged[-1].count("）")):
            merged[-1] += tok
        else:
            merged.append(tok)
    return merged


def split_policy_codes(text: str) -> list[str]:
    """The policy codes printed in one cell, in printed order.  Rule ``policy.split_codes``.

    Args:
        text: cell text, e.g. "I-3-(3)-① Ⅲ-2-(1)-①", "Ⅱ-1-(1)-①\\nⅡ-1-(1)-②",
            "I - (1)", "４－①".  Codes are separated by whitespace, newlines
            or 、 , ; /.
    Returns:
        the codes as printed with inner whitespace removed:
        ["I-3-(3)-①", "Ⅲ-2-(1)-①"], ["I-(1)"], ["４－①"].  Tokens that do
        not look like a code (:func:`is_policy_code`, e.g. a policy name
        printed in the same cell) are left out, so a cell without any code
        gives []; the cell text itself is kept by the caller (raw cells).
    """
    tokens = _SEPARATORS.sub(" ", text).split()
    return [tok for tok in _merge_tokens(tokens) if is_policy_code(tok)]


def policy_code_key(code: str) -> str:
    """A comparison key for a printed code.

    Args:
        code: e.g. "４－①", "Ⅰ-(1)", "I - (1)".
    Returns:
        the code width-folded, whitespace removed, every dash as "-", Roman
        numeral characters spelled in ASCII ("Ⅲ" -> "III"), "(1)" brackets
        ASCII; circled numbers kept: "４－①" -> "4-①", "Ⅰ-(1)" -> "I-(1)".
    """
    folded = "".join(fold_width(code).split())
    folded = "".join(_ROMAN.get(ch, "-" if ch in DASHES else ch) for ch in folded)
    return folded
