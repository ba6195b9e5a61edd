"""The one vocabulary: every Japanese label the normalizer knows, with its source.

Templates, parsers and tests read labels from here; no other module spells
a Japanese label as a literal rule.  Each group names where it comes from:
the warehouse contract (../shared/warehouse-contract.md), a seed sheet
(../shared/seeds/NNN_*.txt, by file number and heading) or a calendar fact.

Matching (:func:`match_label`) compares labels after :func:`label_key`:
width folding, whitespace removal, one bracket style and era years
replaced by a placeholder, scored with rapidfuzz.

A city's own labels (budget items, units, measure and amount-basis labels)
live in its template's ``[vocabulary]`` table, not here: while a sheet is
interpreted under ``with for_template(template):`` the lookups
(:func:`measure_for_label`, :func:`budget_item_for_label`,
:func:`unit_in_label`, :func:`unit_std`, :func:`amount_basis_for_label`)
consult that template's :class:`Vocabulary` first, then the shared entries
below.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from rapidfuzz import fuzz

from hyoka.normalize.width import fold_width

# ---------------------------------------------------------------------------
# Municipalities — contract, v_indicator_values.municipality_code
# (JIS X 0402 six-digit code with check digit).  A template names its city
# in its ``[municipality]`` table (name and code); this map only resolves
# the old form ``municipality = "平塚市"`` of a template file.
MUNICIPALITIES: dict[str, str] = {"平塚市": "142034", "厚木市": "142123"}

# ---------------------------------------------------------------------------
# Japanese eras — calendar fact (元号): (name, letter, first western year,
# first day).  A fiscal year N of an era is western year ``first_year - 1 + N``
# (contract: 平成31年度 = 令和元年度 = 2019).  Listed oldest first.
ERAS: tuple[tuple[str, str, int, date], ...] = (
    ("明治", "M", 1868, date(1868, 10, 23)),
    ("大正", "T", 1912, date(1912, 7, 30)),
    ("昭和", "S", 1926, date(1926, 12, 25)),
    ("平成", "H", 1989, date(1989, 1, 8)),
    ("令和", "R", 2019, date(2019, 5, 1)),
)
#: 元 = year one of an era (元年), calendar fact.
GANNEN = "元"
#: Labels that date a sheet's publication where it prints one (作成日：令和5年7月1日,
#: 令和5年7月1日 更新) — the words Japanese municipal documents use for the day
#: a document was made, published, issued, revised or corrected (作成 made,
#: 公表 / 公開 published, 発行 issued, 更新 / 改訂 / 修正 / 訂正 revised or
#: corrected); read by normalize/published.py.  Not 現在 ("as of": 職員数は
#: 平成28年4月1日現在 on seed 003 dates a figure, not the sheet) nor 施行.
PUBLICATION_DATE_LABELS: tuple[str, ...] = (
    "最終更新日", "作成年月日", "公表年月日", "発行年月日", "更新年月日",
    "作成日", "公表日", "公開日", "発行日", "更新日", "改訂日", "修正日", "訂正日",
    "作成", "公表", "公開", "発行", "更新", "改訂", "修正", "訂正",
)
#: The fiscal-year suffixes: 年度 (fiscal year), 年 (year), 年度分 (seed 001
#: title "事業評価シート（平成27年度分）").
YEAR_SUFFIXES = ("年度分", "年度", "年")

# ---------------------------------------------------------------------------
# Sections of v_text_blocks — contract, in contract order.
SECTIONS: tuple[str, ...] = (
    "成果", "課題", "取組方針", "事業概要", "目的", "今後の方針",
    "課長コメント", "反映", "計画", "実績", "その他",
)

#: Printed headings -> section.  ``〈年度〉`` stands for any era year
#: (平成28年度, R5, 5年度 ...; see :func:`label_key`).  Sources per line.
SECTION_HEADINGS: tuple[tuple[str, str], ...] = (
    ("施策の推進に向けた主な取組の「成果」", "成果"),          # seeds 000, 002
    ("〈年度〉の主な取組と成果", "成果"),                      # seed 001
    ("施策を推進する上での「課題」", "課題"),                  # seed 002
    # seed 000 prints 課題 (・) and 取組方針 (⇒) under one heading; the bullet
    # mark decides the section, see COMBINED_HEADING_MARKS.
    ("施策を推進する上での「主な課題(・)」と課題解決を図るための「取組方針(⇒)」", "課題"),
    ("今後に向けた課題の分析", "課題"),                        # seed 001
    ("課題解決を図るための「取組方針」", "取組方針"),          # seed 002
    ("〈年度〉の取組方針", "取組方針"),                        # seed 001
    ("事業の概要", "事業概要"),                                # seed 001
    ("目的・目標", "目的"),                                    # seed 001
    ("〈年度〉の目標", "目的"),                                # seed 003
    ("今後の事業展開", "今後の方針"),                          # seed 001 "４．今後の事業展開"
    ("課長コメント", "課長コメント"),                          # seed 001
    ("後期実施計画(案)への反映", "反映"),                      # seed 004
    ("〈年度〉の取組", "計画"),                                # seed 003 主な事業
    ("計画", "計画"),                                          # seed 004 計画と実績
    ("最終報告", "実績"),                                      # seed 003 主な事業
    ("実績", "実績"),                                          # seed 004 計画と実績
    ("基本方針", "その他"),                                    # seed 003
    ("関連する【取組】と(事業)", "その他"),                    # seed 002
    # The contract's section names themselves, for headings printed bare.
    *((name, name) for name in SECTIONS if name not in ("計画", "実績")),
)

#: Under seed 000's combined heading the bullet mark names the section:
#: "「主な課題（・）」と…「取組方針（⇒）」".
COMBINED_HEADING_MARKS: dict[str, str] = {"・": "課題", "⇒": "取組方針"}

# ---------------------------------------------------------------------------
#: Generic row-header labels printed in a table's top-left corner over its
#: item labels (池田市 （４）事業費等 prints 区分 there; 区分 / 項目 / 科目 are
#: the usual words of Japanese budget tables).  A table with one of these (or
#: nothing) in its corner can be named by a caption printed above it.
TABLE_CORNER_LABELS: tuple[str, ...] = ("区分", "項目", "科目", "費目")

# ---------------------------------------------------------------------------
# Indicator-table measures — contract MEASURES; synonyms from the seeds:
# 000 (改訂計画策定時, 実績値, 目標値), 002 (計画策定時, 実績値, 目標値),
# 004 (目標, 実績, 結果, 達成率; 現状値 in the 取組状況 table).
MEASURE_LABELS: dict[str, tuple[str, ...]] = {
    "baseline": ("計画策定時", "改訂計画策定時", "策定時", "現状値"),
    "target": ("目標", "目標値"),
    "actual": ("実績", "実績値"),
    "achievement_rate": ("達成率",),
    "result": ("結果",),
}

#: The wide 取組状況 table of seed 004 (産業マスタープラン前期実施計画 取組状況):
#: the group header over the yearly 計画 / 実績 text columns, the group header
#: over the 目標 / 実績 figures it restates from the 成果指標 table, and its
#: policy hierarchy columns, outermost first (基本方針 1 > 基本施策 (1) >
#: 単位施策 ①, printed as codes "I-1-(1)-①" in the 成果指標 table).  Defaults of
#: a template's ``[[plan_tables]]`` keys (normalize.templates).
PLAN_TEXT_GROUP = "計画と実績"
PLAN_FIGURE_GROUP = "目標と実績"
PLAN_INDICATOR = "成果指標"
PLAN_LEVELS: tuple[str, ...] = ("基本方針", "基本施策", "単位施策")
#: The text column labels under each year of 計画と実績 (sections via
#: :data:`SECTION_HEADINGS`: 計画 -> 計画, 実績 -> 実績).
PLAN_TEXT_COLUMNS: tuple[str, ...] = ("計画", "実績")

#: Verdicts printed in 結果 rows — seed 004 〔結果の見方〕 and its 結果 rows.
RESULT_LABELS: tuple[str, ...] = (
    "達成", "概ね達成", "未達成", "達成見込み", "概ね達成見込み", "未達成見込み",
)

#: Not yet known -> status pending — contract (集計中, 年度末に調査, 調査中);
#: 未集計 is the same statement worded the other way.
PENDING_WORDS: tuple[str, ...] = ("集計中", "年度末に調査", "調査中", "未集計")

#: Not applicable -> status not_applicable — contract ("-", "－", "―",
#: "該当なし").  The dash family as printed by Excel/Word exports: HYPHEN-MINUS,
#: HYPHEN U+2010, EN/EM DASH, HORIZONTAL BAR U+2015, MINUS U+2212, the
#: katakana prolonged mark ー used as a dash, and full-width － (folded to -).
NOT_APPLICABLE_DASHES: str = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u30fc\uff0d\uff70"
NOT_APPLICABLE_WORDS: tuple[str, ...] = ("該当なし", "該当無し")

#: Spreadsheet errors printed into the PDF -> status source_error — contract;
#: seed 004 prints #VALUE!.
SOURCE_ERRORS: tuple[str, ...] = (
    "#VALUE!", "#DIV/0!", "#REF!", "#N/A", "#NAME?", "#NUM!", "#NULL!",
)

#: Estimate marks -> is_estimate — contract (見込, 見込値, 達成見込み);
#: seed 004 〔実績について〕 "R5は見込値".  Longest first.
ESTIMATE_MARKS: tuple[str, ...] = ("見込値", "見込み", "見込")

#: Units as printed (after width folding) -> (base unit, factor).  Sources:
#: contract (件 人 千円 % 店 店舗 事業 イベント 社 日), seeds 000/002/004, and
#: common units of municipal KPI sheets.  Conversions: contract (千円 -> 円
#: x1000, 百万円 -> 円); 億円 -> 円 x1e8; all others are their own base.
UNITS: dict[str, tuple[str, int]] = {
    "千円": ("円", 1_000),
    "百万円": ("円", 1_000_000),
    "億円": ("円", 100_000_000),
    "円": ("円", 1),
    "%": ("%", 1),
    **{u: (u, 1) for u in (
        "件", "人", "店", "店舗", "事業", "イベント", "社", "日", "回", "団体",
        "箇所", "か所", "カ所", "ヶ所", "時間", "人日", "校", "台", "戸", "本",
        "世帯", "施設", "企業", "者", "名", "組", "頭", "冊", "点", "部", "枚",
        "区画", "地区", "商店会", "店舗数", "ポイント", "倍", "年", "か月", "ヶ月",
        "ha", "㎡", "m2", "km", "㎞", "m", "t", "kg", "kW", "kWh",
    )},
}

#: Budget row labels — seed 000 決算額 table (事業費（千円）, 執行率（％）),
#: seed 001 年度別事業内容・決算額 and 財源内訳 (事業費 (A), 国庫支出金, 県支出金,
#: 起債, その他 特財, 一般財源, 執行率 (%)); 決算額 / 予算額 are the table
#: titles of seeds 000 and 001.
BUDGET_ITEMS: tuple[str, ...] = (
    "事業費", "執行率", "決算額", "予算額", "国庫支出金", "県支出金", "起債",
    "その他特財", "一般財源", "財源内訳",
)

#: What kind of amount a budget column prints -> ``facts.AMOUNT_BASES`` —
#: contract v2, v_budget_values.amount_basis (決算 -> settled, 予算 / 当初予算 /
#: 予算現額 -> budget, 見込 -> estimate, 計画 -> plan).  Matched inside a
#: printed header ("令和5年度決算額", "R6当初予算"), see
#: :func:`amount_basis_for_label`.
AMOUNT_BASIS_LABELS: dict[str, tuple[str, ...]] = {
    "settled": ("決算",),
    "budget": ("予算", "当初予算", "予算現額"),
    "estimate": ("見込",),
    "plan": ("計画",),
}

# ---------------------------------------------------------------------------
# Validation (normalize/validate/) — the labels its rules read and print.

#: The base verdicts of a 結果 row, without their 見込み (estimate) form —
#: seed 004 〔結果の見方〕 (達成見込み / 概ね達成見込み / 未達成見込み) and its
#: 結果 rows (達成 / 概ね達成 / 未達成).  Longest first for regex alternation.
RESULT_VERDICTS: tuple[str, ...] = ("概ね達成", "未達成", "達成")
#: The legend heading that states the verdict thresholds — seed 004
#: "〔結果の見方〕 ・達成見込み … 達成率100%以上 …".
RESULT_LEGEND = "〔結果の見方〕"
#: Threshold words of a legend -> comparison (Japanese usage: 以上 >=,
#: 超/超え >, 以下 <=, 未満 <; seed 004 "達成率80%以上100%未満").
THRESHOLD_WORDS: dict[str, str] = {"以上": ">=", "超え": ">", "超": ">", "以下": "<=", "未満": "<"}
#: 財源内訳 items that sum to 事業費 — seed 001 ３．年度別事業内容・決算額
#: (国庫支出金, 県支出金, 起債, その他 特財, 一般財源; 事業費 (A)); canonical
#: :data:`BUDGET_ITEMS` entries.
FUNDING_SOURCES: tuple[str, ...] = ("国庫支出金", "県支出金", "起債", "その他特財", "一般財源")
#: The budget line the 財源内訳 sum to, and the execution-rate line — seeds
#: 000 (事業費（千円）, 執行率（％）) and 001 (事業費 (A), 執行率 (%)).
FUNDING_TOTAL = "事業費"
EXECUTION_RATE = "執行率"
#: The heading of the funding rows — seed 001 財源内訳.
FUNDING_BREAKDOWN = "財源内訳"

# ---------------------------------------------------------------------------
# A template's own vocabulary, layered on top of the shared entries above.


@dataclass(frozen=True, eq=False)
class Vocabulary:
    """The labels one template adds to the shared vocabulary (its
    ``[vocabulary]`` table, see :mod:`normalize.templates`).

    Attributes:
        budget_items: canonical budget row labels, e.g. ("委託料",);
            consulted before :data:`BUDGET_ITEMS`.
        units: unit as printed (width-folded, no whitespace) -> (base unit,
            factor), e.g. {"万円": ("円", 10000)}; consulted before :data:`UNITS`.
        measure_labels: measure (``facts.MEASURES``) -> printed synonyms,
            e.g. {"target": ("目標水準",)}; before :data:`MEASURE_LABELS`.
        amount_basis_labels: basis (``facts.AMOUNT_BASES``) -> printed
            words, e.g. {"budget": ("補正後予算",)}; before
            :data:`AMOUNT_BASIS_LABELS`.
    """

    budget_items: tuple[str, ...] = ()
    units: Mapping[str, tuple[str, float]] = field(default_factory=dict)
    measure_labels: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    amount_basis_labels: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


#: The vocabulary of no template: only the shared entries apply.
EMPTY_VOCABULARY = Vocabulary()
_ACTIVE: ContextVar[Vocabulary] = ContextVar("hyoka_template_vocabulary", default=EMPTY_VOCABULARY)


def active_vocabulary() -> Vocabulary:
    """The :class:`Vocabulary` of the template being interpreted in this
    context (:func:`for_template`), else :data:`EMPTY_VOCABULARY`."""
    return _ACTIVE.get()


@contextmanager
def for_template(template) -> Iterator[Vocabulary]:
    """Make ``template``'s own labels active for the lookups of this module.

    Usage: ``with vocabulary.for_template(cls.template): interpret(...)``.
    The setting is a :class:`contextvars.ContextVar`, so it is per thread /
    asyncio task, nests (the previous vocabulary is restored on exit, also
    when the body raises) and never leaks into other documents.

    Args:
        template: a ``normalize.templates.Template`` (its ``vocabulary``
            attribute, a :class:`Vocabulary`), a :class:`Vocabulary` itself,
            or None (shared entries only).
    Yields:
        the active :class:`Vocabulary`.
    """
    if template is None:
        vocab = EMPTY_VOCABULARY
    elif isinstance(template, Vocabulary):
        vocab = template
    else:
        vocab = getattr(template, "vocabulary", None) or EMPTY_VOCABULARY
    token = _ACTIVE.set(vocab)
    try:
        yield vocab
    finally:
        _ACTIVE.reset(token)


def unit_table() -> dict[str, tuple[str, float]]:
    """Every known unit -> (base unit, factor): the active template's
    units over :data:`UNITS` (the template's entry wins for a unit in both)."""
    own = _ACTIVE.get().units
    return {**UNITS, **own} if own else UNITS


def unit_std(unit: str | None) -> tuple[str | None, float]:
    """(base unit, factor) of a unit as printed (width-folded).

    Args:
        unit: e.g. "千円", "件", "万円" (a template's unit), or None.
    Returns:
        from :func:`unit_table`: ("円", 1000) for "千円"; an unknown unit is
        its own base with factor 1; (None, 1) for None.
    """
    if unit is None:
        return None, 1
    return unit_table().get(unit, (unit, 1))


# ---------------------------------------------------------------------------
# Label keys and matching.

#: One bracket style for comparing labels (str.translate table): every
#: opening bracket -> "(", every closing one -> ")", 『』 -> 「」 (design
#: notes: （年間） and 【年間】 are synonyms).
BRACKETS = str.maketrans({c: "(" for c in "（【〔［[〈《｛{"} | {c: ")" for c in "）】〕］]〉》｝}"}
                         | {"『": "「", "』": "」"})
_ERA_NAMES = "|".join(name for name, _, _, _ in ERAS)
_ERA_LETTERS = "".join(letter for _, letter, _, _ in ERAS)
_NUM = r"(?:[0-9]{1,4}|元)"
#: An era year as printed in labels: 令和5年度, 平成28年度分, R5, H27年度,
#: 5年度, 2023年度 (after width folding and whitespace removal).
YEAR_TOKEN = re.compile(
    rf"(?:(?:{_ERA_NAMES}){_NUM}(?:年度分|年度|年)?"
    rf"|(?<![A-Za-z])[{_ERA_LETTERS}]\.?{_NUM}(?![0-9])(?:年度分|年度|年)?"
    rf"|{_NUM}(?:年度分|年度))"
)
YEAR_PLACEHOLDER = "〈年度〉"


@lru_cache(maxsize=1 << 16)
def label_key(text: str) -> str:
    """Comparison key of a printed label.

    Args:
        text: a label as printed, e.g. "執行率　(%)", "平成28年度の目標".
    Returns:
        the label width-folded (:func:`normalize.width.fold_width`), with all
        whitespace removed, brackets （【〔［〈《 unified to "(" ")" and 『』
        to 「」 (design notes: （年間）/【年間】 are synonyms), and every era
        year (令和5年度, R5, 5年度 ...) replaced by ``〈年度〉``.  The
        placeholder itself survives folding, so the key is idempotent.
    A pure function of ``text`` (constant tables only), so its results are
    cached (a sheet asks for the same few hundred labels ~10,000 times).
    """
    folded = "".join(fold_width(text).split())
    folded = folded.replace(YEAR_PLACEHOLDER, "\0")
    folded = YEAR_TOKEN.sub("\0", folded.translate(BRACKETS))
    return folded.replace("\0", YEAR_PLACEHOLDER)



def shared_labels() -> tuple[str, ...]:
    """Every label of this module a sheet may print as a whole cell or line:
    section headings and names, table corner labels, measure labels, the
    plan-table headers, verdicts and the result legend, pending and
    not-applicable words, estimate marks, units, budget items, amount-basis
    words and funding rows, publication-date labels and year suffixes, and
    the active template's :class:`Vocabulary` (:func:`for_template`);
    unique, in this order.  What OCR'd labels are snapped to
    (normalize/snap.py), beside the template file's own strings."""
    v = active_vocabulary()
    groups: tuple = (
        [h for h, _ in SECTION_HEADINGS], SECTIONS, TABLE_CORNER_LABELS,
        *v.measure_labels.values(), *MEASURE_LABELS.values(),
        (PLAN_TEXT_GROUP, PLAN_FIGURE_GROUP, PLAN_INDICATOR), PLAN_LEVELS, PLAN_TEXT_COLUMNS,
        RESULT_LABELS, RESULT_VERDICTS, (RESULT_LEGEND,), PENDING_WORDS, NOT_APPLICABLE_WORDS, SOURCE_ERRORS,
        ESTIMATE_MARKS, tuple(v.units), tuple(UNITS), v.budget_items, BUDGET_ITEMS,
        *v.amount_basis_labels.values(), *AMOUNT_BASIS_LABELS.values(),
        FUNDING_SOURCES, (FUNDING_TOTAL, EXECUTION_RATE, FUNDING_BREAKDOWN),
        PUBLICATION_DATE_LABELS, YEAR_SUFFIXES,
    )
    return tuple(dict.fromkeys(label for group in groups for label in group))

#: Punctuation that printings of one indicator name add or drop (seed 004:
#: "市内企業の開設、移設件数" in the 成果指標 table, "市内企業の開設、増設、移設件数"
#: in the 取組状況 table); ignored by :func:`indicator_name_key`.
NAME_PUNCTUATION = "、，,・･。．."


def indicator_name_key(text: str) -> str:
    """Comparison key of a printed indicator name: :func:`label_key` without
    :data:`NAME_PUNCTUATION`.

    Args:
        text: an indicator name as printed (wrapped lines joined).
    Returns:
        the key; "市内企業の開設、移設件数" -> "市内企業の開設移設件数".  Two
        printings of one indicator compare at ``fuzz.ratio`` >= 90 on these
        keys (91.7 for the seed-004 pair above, 88.9 with the 、 kept).
    """
    return "".join(ch for ch in label_key(text) if ch not in NAME_PUNCTUATION)


def match_label(text: str, choices: Iterable[str], threshold: float = 80,
                *, partial: bool = False) -> tuple[str | None, float]:
    """Best fuzzy match of a printed label among ``choices``.

    Both sides are compared as :func:`label_key`.  Scoring (rapidfuzz, 0-100):
    ``fuzz.ratio`` (whole label against whole label: right for table header
    cells, where the cell *is* the label).  With ``partial=True`` (headings,
    which may carry extra words such as "４．今後の事業展開（担当課としての
    提案）") a choice whose key is at least 4 characters and not longer than
    the text is also scored by ``fuzz.partial_ratio`` (the choice found inside
    the text); shorter choices are never partial-matched, because a 2-3
    character label (目標, 実績) is found inside too many unrelated texts.
    Ties go to the longer (more specific) choice, then to the earlier one.

    Args:
        text: the printed label.
        choices: candidate labels (any iterable of str; may be empty).
        threshold: minimum score to accept, 0-100.
        partial: allow containment scoring as described.
    Returns:
        (best choice as given, score) or (None, best score) when the best
        score is below ``threshold`` (score 0.0 when there are no choices or
        the text is blank).
    """
    key = label_key(text)
    best: str | None = None
    best_score = 0.0
    best_len = -1
    if not key:
        return None, 0.0
    for choice in choices:
        ckey = label_key(choice)
        if not ckey:
            continue
        score = fuzz.ratio(key, ckey)
        if partial and len(ckey) >= 4 and len(ckey) <= len(key):
            score = max(score, fuzz.partial_ratio(ckey, key))
        if score > best_score or (score == best_score and len(ckey) > best_len):
            best, best_score, best_len = choice, float(score), len(ckey)
    if best_score < threshold:
        return None, best_score
    return best, best_score


_PAREN_PART = re.compile(r"\([^()]*\)")


def measure_for_label(text: str) -> str | None:
    """The contract measure a table header label stands for.

    Args:
        text: header cell text, e.g. "目標値", "改訂計画 策定時", "実績値 5年度",
            "現状値 (令和2年度)".
    Returns:
        one of ``facts.MEASURES`` ("baseline", "target", "actual",
        "achievement_rate", "result") or None when no synonym matches with
        ``fuzz.ratio`` >= 80 after the label's years and parenthesised parts
        are removed ("目標と実績" -> None).  The active template's
        ``measure_labels`` (:func:`for_template`) are tried first, then
        :data:`MEASURE_LABELS`.
    """
    key = _PAREN_PART.sub("", label_key(text)).replace(YEAR_PLACEHOLDER, "")
    if not key:
        return None
    for table in (_ACTIVE.get().measure_labels, MEASURE_LABELS):
        synonyms = {syn: measure for measure, syns in table.items() for syn in syns}
        best, _ = match_label(key, synonyms)
        if best is not None:
            return synonyms[best]
    return None


def section_for_heading(text: str) -> tuple[str | None, float]:
    """The contract section a printed heading stands for.

    Args:
        text: heading as printed, e.g. "施策を推進する上での「課題」",
            "平成29年度の取組方針", "４．今後の事業展開（担当課としての提案）".
    Returns:
        (one of :data:`SECTIONS` or None, score 0-100) using
        :func:`match_label` with ``partial=True`` over :data:`SECTION_HEADINGS`
        (leading enumerators such as "４．" are ignored by the partial match).
    """
    phrases = [phrase for phrase, _ in SECTION_HEADINGS]
    best, score = match_label(text, phrases, partial=True)
    if best is None:
        return None, score
    return dict(SECTION_HEADINGS)[best], score


_UNIT_IN_PARENS = re.compile(r"\(\s*(?:単位\s*[:：]\s*)?([^()]+?)\s*\)")
_UNIT_AFTER_TANI = re.compile(r"単位\s*[:：]\s*(\S+)")


def _known_unit(candidate: str) -> str | None:
    unit = "".join(candidate.split())
    return unit if unit in unit_table() else None


def unit_in_label(text: str) -> str | None:
    """The unit a row/column label declares, width-folded.

    Args:
        text: a label, e.g. "事業費（千円）", "執行率（％）", "執行率　(%)",
            "（単位：千円）", "単位：千円", "事業費 (A)".
    Returns:
        a key of :func:`unit_table` ("千円", "%"; :data:`UNITS` and the
        active template's units) or None when the label declares no known
        unit ("事業費 (A)" -> None).
    """
    folded = fold_width(text).translate(BRACKETS)
    for match in _UNIT_IN_PARENS.finditer(folded):
        unit = _known_unit(match.group(1))
        if unit:
            return unit
    match = _UNIT_AFTER_TANI.search(folded)
    if match:
        return _known_unit(match.group(1).rstrip(")"))
    return None


def strip_unit_from_label(text: str) -> str:
    """The label without its unit declaration.

    Args:
        text: e.g. "事業費（千円）", "執行率　(%)", "事業費 (A)".
    Returns:
        the label as printed minus a parenthesised known unit (or a
        "単位：…" part), stripped: "事業費（千円）" -> "事業費",
        "執行率　(%)" -> "執行率"; labels without a unit come back stripped
        but otherwise unchanged ("事業費 (A)" -> "事業費 (A)").
    """
    out = text
    for match in re.finditer(r"[（(【\[［]\s*(?:単位\s*[:：]\s*)?([^（）()【】\[\]［］]+?)\s*[）)】\]］]", text):
        if _known_unit(fold_width(match.group(1))):
            out = out.replace(match.group(0), "", 1)
    out = re.sub(r"単位\s*[:：]\s*\S+", "", out) if unit_in_label(out) else out
    return out.strip(" \t\r\n\u3000")


def budget_item_for_label(text: str, threshold: float = 80) -> str | None:
    """The budget item a budget row label stands for: an entry of the
    active template's ``budget_items`` (:func:`for_template`), else of
    :data:`BUDGET_ITEMS`.

    Args:
        text: row label as printed, e.g. "事業費（千円）", "その他　特財",
            "事業費　(A)".
    Returns:
        the canonical item ("事業費", "その他特財") or None; the unit and a
        trailing "(A)"-style reference letter are ignored, matched with
        :func:`match_label` (``fuzz.ratio``).  The warehouse keeps the label
        as printed (contract: item); this is for recognising rows.
    """
    bare = re.sub(r"[（(][A-ZＡ-Ｚ][）)]\s*$", "", strip_unit_from_label(text))
    own = _ACTIVE.get().budget_items
    if own:
        best, _ = match_label(bare, own, threshold)
        if best is not None:
            return best
    best, _ = match_label(bare, BUDGET_ITEMS, threshold)
    return best


def amount_basis_for_label(text: str) -> str | None:
    """What kind of amount a budget header prints (contract v2,
    v_budget_values.amount_basis).

    Args:
        text: a header or caption as printed, e.g. "令和5年度決算額",
            "R6当初予算", "予算現額", "決算見込額", "事業費".
    Returns:
        one of ``facts.AMOUNT_BASES`` ("settled", "budget", "estimate",
        "plan") or None when no basis word is printed.  The words are found
        inside the label (after :func:`label_key`): first the active
        template's ``amount_basis_labels`` (:func:`for_template`), then
        :data:`AMOUNT_BASIS_LABELS`; within each, an ``estimate`` word wins
        (決算見込 is an estimate of the settled amount: contract, 見込 ->
        is_estimate), then the longest word.
    """
    key = label_key(text)
    if not key:
        return None
    for table in (_ACTIVE.get().amount_basis_labels, AMOUNT_BASIS_LABELS):
        words = sorted(((label_key(w), basis) for basis, ws in table.items() for w in ws),
                       key=lambda wb: (wb[1] != "estimate", -len(wb[0])))
        for word, basis in words:
            if word and word in key:
                return basis
    return None
