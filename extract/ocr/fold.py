"""Fold characters that OCR models trained on Chinese text return for
Japanese ones (issue 8: 单/単, 值/値, 决/決, 额/額, 贷/貸 …), in one place.

Source: the first pairs were read off PP-OCRv5's output on the sample scans
(bench/ocr_engines.py: 產業 for 産業, 連攜 for 連携, 单位 for 単位) and the issue's
list; the rest are the simplified (简体字) forms of kanji the sheets print,
which are not used in Japanese writing, and traditional (繁體字/旧字体) forms of
the same.  The right-hand side is the form of the Jōyō kanji table (常用漢字表,
文化庁 2010).  Caveat: a proper name printed in an old form (旧字体) is folded
too; the engine's own text is kept beside the folded one (extract/ocr/page.py),
so an auditor can still see it.  Labels are snapped to the template
vocabulary afterwards (rapidfuzz, normalize/vocabulary.py); this table fixes
the character level, which fuzzy matching of whole labels would otherwise
have to absorb.
"""
from __future__ import annotations

import re

#: OCR form -> Japanese (Jōyō) form.
FOLDS: dict[str, str] = {
    # simplified Chinese forms
    "单": "単", "值": "値", "决": "決", "额": "額", "贷": "貸", "业": "業", "产": "産",
    "经": "経", "营": "営", "费": "費", "计": "計", "划": "画", "实": "実", "绩": "績",
    "标": "標", "亿": "億", "补": "補", "资": "資", "预": "予",
    "执": "執", "围": "囲", "设": "設", "议": "議", "总": "総",
    "观": "観", "关": "関", "连": "連", "进": "進", "发": "発", "开": "開", "协": "協",
    "结": "結", "东": "東", "门": "門", "为": "為", "过": "過", "达": "達",
    "对": "対", "应": "応", "环": "環", "压": "圧", "险": "険", "纳": "納",
    "传": "伝", "图": "図", "书": "書", "馆": "館", "疗": "療", "卫": "衛",
    "检": "検", "验": "験", "证": "証", "认": "認", "识": "識", "调": "調", "查": "査",
    "报": "報", "统": "統", "类": "類", "项": "項", "满": "満", "选": "選",
    "举": "挙", "质": "質", "务": "務", "员": "員", "职": "職", "级": "級", "处": "処",
    "减": "減", "积": "積", "极": "極", "难": "難", "问": "問",
    "题": "題", "养": "養", "护": "護", "儿": "児",
    "际": "際", "间": "間", "时": "時", "个": "個", "从": "従",
    # traditional forms
    "產": "産", "攜": "携", "經": "経", "營": "営", "實": "実", "與": "与",
    "對": "対", "應": "応", "數": "数", "價": "価", "區": "区", "圖": "図", "縣": "県",
    "學": "学", "體": "体", "會": "会", "當": "当", "發": "発", "關": "関",
    "畫": "画", "劃": "画", "單": "単", "預": "予", "處": "処", "廣": "広",
    "擴": "拡", "轉": "転", "輕": "軽", "驗": "験", "證": "証", "檢": "検", "齡": "齢",
    "壽": "寿", "濟": "済", "惠": "恵", "歲": "歳", "兒": "児", "從": "従",
    "辦": "弁", "號": "号", "樂": "楽", "觀": "観", "勞": "労", "榮": "栄", "藝": "芸",
    # traditional forms PP-OCRv5 returned on the sample scans (bench/ocr_scans.py:
    # 事業內容, 專門家派遣, 增加, 满足)
    "內": "内", "專": "専", "鬥": "門", "增": "増", "满": "満", "滿": "満", "續": "続",
    "說": "説", "稅": "税", "爲": "為", "黃": "黄", "靑": "青",
}
_TABLE = str.maketrans(FOLDS)
#: What PP-OCRv5 reads a printed bullet ・ (U+30FB) at the start of a line as
#: (sample scans, bench/ocr_scans.py): middle dots of other blocks, a colon,
#: a small square, and 、 or 。 — which never open a line of Japanese text
#: (JIS X 4051 行頭禁則), so at a line's start they are the bullet misread.
#: Middle dots of other blocks (U+00B7, U+2022, U+2219, U+22C5): the
#: engine's reading of ・ (U+30FB), at a line's start or between kanji.
MIDDLE_DOTS = "·•∙⋅"
BULLET_READINGS = MIDDLE_DOTS + "：:■▪、。"
_BULLET = re.compile(f"^[{re.escape(BULLET_READINGS)}]" r"(?=[^0-9０-９\s])")
#: What PP-OCRv5 reads the arrow ⇒ at the start of a line as (sample scans:
#: seed 000's 取組方針 lines "⇒各業界の課題を…" read "→各業界の…", and, read
#: row by row, "=先端技術の…").  The sheets' headings name ⇒ as the mark of a
#: 取組方針 line (normalize/vocabulary.py COMBINED_HEADING_MARKS), so a
#: leading arrow is read as ⇒, and so is an equals sign before Japanese
#: text (no sentence of a sheet opens with one; "=100" stays).
ARROW_READINGS = "→⇨➡⟹"
EQUALS_READINGS = "=＝"
#: A half-width bracket the engine returns beside Japanese text, which the
#: sheets print full-width: "(年間)" for "（年間）".  Only a bracket whose
#: inner neighbour is a CJK character or kana is folded ("(1)" stays).
_CJK = "\u3040-\u30ff\u3400-\u9fff"
_ARROW = re.compile(f"^[{ARROW_READINGS}]|^[{EQUALS_READINGS}](?=[「{_CJK}])")
_OPEN = re.compile(f"\\((?=[{_CJK}])")
#: A middle dot between Japanese characters is the 中黒 ・ the sheets print
#: ("年度別事業内容・決算額" read "年度別事業内容·決算額").
_MIDDLE = re.compile(f"(?<=[{_CJK}])[{MIDDLE_DOTS}](?=[{_CJK}])")
_CLOSE = re.compile(f"(?<=[{_CJK}])\\)")


def fold_ocr_text(text: str) -> str:
    """``text`` with every :data:`FOLDS` character replaced by its Japanese
    form, a leading arrow (:data:`ARROW_READINGS`, or an equals sign before
    Japanese text: :data:`EQUALS_READINGS`) by ⇒, a leading bullet
    reading (:data:`BULLET_READINGS`) and a middle dot
    between Japanese characters replaced by ・ and half-width brackets around
    Japanese text by full-width ones.

    Args: ``text`` as an OCR engine returned it.  Returns a string of the same
    length.  Pure; never raises.
    """
    text = _ARROW.sub("⇒", _MIDDLE.sub("・", _BULLET.sub("・", text.translate(_TABLE))))
    return _CLOSE.sub("）", _OPEN.sub("（", text))
