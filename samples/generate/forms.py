"""How a city prints years, numbers and labels: the varied forms.

Every function takes the true value and a form name and returns the text
as printed; the caller records the true value in the truth (so the form
never decides what the truth is).  Sources: the seed sheets
(../shared/seeds 000-004) print every form listed here: "5 年度" / "元年度"
(000), "27年度" / "平成27年度" (002, 002v1), "R3" / "令和3年度" (004,
004v1), "1,600件" / "80.0%" / "#VALUE!" / "集計中" / "年度末に調査" / "-" /
"0人(中止)" (004), full-width digits (000 names, 004 codes).
"""
from __future__ import annotations

import random

#: Era forms of a fiscal-year label: 令和5年度, 令和 5 年度, R5, R5年度,
#: 5年度 (bare: the era comes from the document), 5 年度.
ERA_FORMS = ("kanji", "kanji_spaced", "letter", "letter_nendo", "bare", "bare_spaced")
#: Number forms: 1,600 / １，６００ / 1600 / 1,600件 (unit printed in the cell).
VALUE_FORMS = ("comma", "fullwidth", "plain", "suffix")
_FW = str.maketrans("0123456789,.%-", "０１２３４５６７８９，．％－")


#: Western year the 令和 era was announced and began (2019-04-01 / 05-01).
REIWA = 2019


def era_of(fy: int, prefer_heisei_2019: bool = False, printed: int | None = None) -> tuple[str, str, int]:
    """(era name, letter, era year) of western fiscal year ``fy`` (>= 1989).

    2019 is both 平成31年度 and 令和元年度 (contract); ``prefer_heisei_2019``
    picks 平成31.  ``printed``: the western year the sheet was printed; a
    sheet printed before 2019 names later years in 平成 (seed 002, printed
    2018: 目標値 "31年度"), as 令和 did not exist yet.
    """
    if printed is not None and printed < REIWA:
        return "平成", "H", fy - 1988
    if fy > 2019 or (fy == 2019 and not prefer_heisei_2019):
        return "令和", "R", fy - 2018
    return "平成", "H", fy - 1988


def year_label(fy: int, form: str, heisei_2019: bool = False, printed: int | None = None) -> str:
    """``fy`` printed in era ``form`` (see :data:`ERA_FORMS`) by a sheet
    printed in western year ``printed`` (see :func:`era_of`); year one of
    an era prints 元 in kanji/bare forms (令和元年度, 元年度), 1 in letters."""
    era, letter, n = era_of(fy, heisei_2019, printed)
    num = "元" if n == 1 else str(n)
    if form == "kanji":
        return f"{era}{num}年度"
    if form == "kanji_spaced":
        return f"{era} {num} 年度"
    if form == "letter":
        return f"{letter}{n}"
    if form == "letter_nendo":
        return f"{letter}{n}年度"
    if form == "bare":
        return f"{num}年度"
    if form == "bare_spaced":
        return f"{num} 年度"
    raise ValueError(form)


def number(value: float, decimals: int, form: str, unit: str | None = None) -> str:
    """``value`` printed with ``decimals`` places in ``form`` (see
    :data:`VALUE_FORMS`); "suffix" appends ``unit``; "%" units always
    print their sign when ``form`` is suffix."""
    text = f"{value:,.{decimals}f}" if form in ("comma", "fullwidth", "suffix") else f"{value:.{decimals}f}"
    if form == "fullwidth":
        text = text.translate(_FW)
    if form == "suffix" and unit:
        text += unit
    return text


def maybe_fullwidth(text: str, rng: random.Random, p: float) -> str:
    """``text`` with its digits and signs full-width with probability ``p``."""
    return text.translate(_FW) if rng.random() < p else text


#: Bracket spellings of a period mark the vocabulary folds together
#: (vocabulary.label_key: （年間）/【年間】/(年間)).
PERIOD_BRACKETS = (("（", "）"), ("【", "】"), ("(", ")"))
PERIODS = ("年間", "累計", "年度末時点")
#: Baseline column labels (vocabulary.MEASURE_LABELS baseline; seeds 000, 002).
BASELINE_LABELS = ("計画策定時", "改訂計画策定時", "改訂計画\n策定時", "計画\n策定時")
#: 執行率 / 事業費 row labels of the 000 決算額 table (seed 000; width and
#: bracket variants the vocabulary reads: vocabulary.unit_in_label).
RATE_LABELS = ("執行率（％）", "執行率(%)", "執行率（%）", "執行率　(%)")
COST_LABELS = ("事業費（千円）", "事業費(千円)", "事業費　（千円）")
