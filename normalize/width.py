"""Width folding: one canonical character width for Japanese sheet text.

Japanese sheets mix full-width (全角) and half-width (半角) forms of the
same characters ("２，４４９" and "2,449"; "（中止）" and "(中止)"; "ｶﾀｶﾅ" and
"カタカナ").  :func:`fold_width` maps them to one form so that numbers
parse and labels compare, while leaving alone the marks that carry meaning
in these sheets.  Rule id: ``width.fold`` (see :mod:`normalize.rules`).

Decisions, per character class (source: Unicode Halfwidth and Fullwidth
Forms block U+FF00–U+FFEF; the marks kept are the ones the seed sheets use):

* U+FF01–U+FF5D (full-width ASCII: letters, digits, punctuation, （） ［］
  ｛｝ ％ ， ． － ＃ …) -> the ASCII character (U+0021–U+007D).  Brackets
  （） fold to () so that "0人（中止）" and "0人(中止)" read the same.
* U+FF5E FULLWIDTH TILDE ～ -> U+301C WAVE DASH 〜, NOT to ASCII "~": in
  Japanese text both are the range mark "から" (R3～4, 令和5年～), and
  Shift_JIS/CP932 round trips swap the two code points; ASCII "~" is left
  as "~" (it is printed too, "R3~4"), and range parsers accept "~" and "〜".
* U+3000 IDEOGRAPHIC SPACE -> " ".
* U+FF61–U+FF9F half-width katakana and half-width 。「」、・ -> their
  full-width forms (NFKC, so "ｶﾞ" composes to "ガ"); a voiced / semi-voiced
  mark left without a base becomes the spacing ゛ / ゜.
* Kept unchanged (NFKC would change them, we do not): circled numbers
  ①–⑳ ㉑–㊿ (enumerators and policy-code parts, e.g. "４－①"); Roman
  numerals Ⅰ–Ⅻ ⅰ–ⅻ U+2160–U+217F (policy codes "Ⅲ-2-(1)-①"); 〜; the
  marks △ ▲ (negative numbers), ※ ・ ⇒ → ● ○ ◎ ■ □ (bullets, check boxes),
  【】 「」 〔〕 (Japanese brackets, which NFKC leaves anyway), ㎡ ㎞ and other
  squared unit signs, and the full-width signs U+FFE0–U+FFEE (￥ etc.).
* Everything else is unchanged.

The function is idempotent: ``fold_width(fold_width(s)) == fold_width(s)``
(property-tested).
"""
from __future__ import annotations

import re
import unicodedata

#: Full-width ASCII block mapped by offset (U+FF01..U+FF5D -> U+0021..U+007D).
_FULLWIDTH_ASCII = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5E)}
_FULLWIDTH_ASCII[0xFF5E] = 0x301C  # ～ -> 〜 (see module docstring)
_FULLWIDTH_ASCII[0x3000] = 0x0020  # ideographic space -> space

_HALFWIDTH_KANA_RUN = re.compile("[\uff61-\uff9f]+")
#: Combining (semi-)voiced marks left over after NFKC -> spacing forms.
_LONE_VOICING = str.maketrans({"\u3099": "\u309b", "\u309a": "\u309c"})


def _fold_kana_run(match: re.Match[str]) -> str:
    return unicodedata.normalize("NFKC", match.group(0)).translate(_LONE_VOICING)


def fold_width(text: str) -> str:
    """Fold full-width ASCII and half-width katakana to one canonical width.

    Args:
        text: any string (may be empty).
    Returns:
        the folded string; see the module docstring for the exact mapping
        and the marks deliberately kept (①, Ⅲ, △, ※, 〜 ...).  Never raises.
    Rule: ``width.fold``.
    """
    folded = text.translate(_FULLWIDTH_ASCII)
    if "\uff61" <= max(folded, default="\x00"):
        folded = _HALFWIDTH_KANA_RUN.sub(_fold_kana_run, folded)
    return folded
