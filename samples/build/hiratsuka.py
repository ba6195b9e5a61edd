"""Rebuild the four Hiratsuka (平塚市) sample sheets and their variants.

Sources: the text extracts /work/shared/seeds/000–003 and their README.
Every figure and sentence below is copied from those extracts (wrapped
lines joined, full-width characters kept); the layout is reconstructed as
the Excel form the city printed: thin-ruled cells, merged ranges, wrapped
text.  Run through ``samples/build/build_all.py``.

Outputs (relative to the ``samples/`` folder handed to :func:`build`):

* ``000-hiratsuka-r5-shisaku-4-1.pdf``            施策評価シート 令和5年度
* ``001-hiratsuka-h27-jigyo-sangyo-kasseika-kaigi.pdf`` 事業評価シート 平成27年度分
* ``002-hiratsuka-h29-kobetsu-shisaku-I-1.pdf``   個別施策 I-(1) KPI 平成29年度
* ``003-hiratsuka-h28-sangyo-shinko-bu-hoshin.pdf`` 産業振興部の基本方針 平成28年度
* ``variants/000v1-hiratsuka-r4-shisaku-4-1.pdf`` 000 printed as 令和4年度, A4 landscape
* ``variants/002v1-hiratsuka-h29-kobetsu-shisaku-I-1-a3.pdf`` 002 on A3, Mincho
* ``republished/000r1-hiratsuka-r5-shisaku-4-1-corrected.pdf`` 000 republished
  two months later with two figures corrected (audit sample)
* ``planted/001p-hiratsuka-h28-jigyo-sangyo-kasseika-kaigi.pdf`` the 001
  template as a 平成28年度分 sheet with a filled 決算額 table whose
  平成27年度 財源内訳 does not sum to 事業費 (planted inconsistency)
* ``005-hiratsuka-h28-jigyo-katsudo-shihyo.pdf`` the 001 template as a
  平成28年度分 sheet of 産業間連携促進事業 with a 活動指標・成果指標 table and a
  filled 決算額 table; its figures are CONSTRUCTED (seed 001 prints none)

``books.py`` binds some of these into ``books/`` afterwards.
"""
from __future__ import annotations

import math
import sys
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path

from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import PatternFill

sys.path.insert(0, str(Path(__file__).resolve().parent))
from workbook import (  # noqa: E402  (sibling module, run as a script)
    IPAEX_GOTHIC, IPAEX_MINCHO, NOTO_SANS_CJK, Sheet, Style, add_sheet,
    new_workbook, stabilize_pdf, to_pdf)

# ---------------------------------------------------------------------------
# Layout helpers
# ---------------------------------------------------------------------------

#: Printed points per xlsx column-width unit, measured on LibreOffice output
#: (a 99.6-unit table printed 699 pt wide at 100 %).
POINTS_PER_UNIT = 7.0
#: Line pitch as a multiple of the font size (Noto Sans CJK has a tall box).
LINE_PITCH = {NOTO_SANS_CJK: 1.42}
DEFAULT_PITCH = 1.1
#: Document author written into the PDF metadata (instead of "openpyxl").
AUTHOR = "平塚市"
#: Header-cell shading used by the city's forms (light grey).
SHADE = PatternFill("solid", fgColor="D9D9D9")


def text_width_em(text: str) -> float:
    """Printed width of ``text`` in ems: East Asian wide/ambiguous = 1, else 0.55."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WFA" else 0.55 for ch in text)


@dataclass
class Canvas:
    """A worksheet filled top to bottom, one grid row at a time.

    ``widths`` are the xlsx column widths (character units) of columns A...;
    :meth:`put` writes into the current row and records how tall the row
    must be for wrapped text (LibreOffice does not grow rows for wrapped
    text in merged ranges, so heights are estimated here); :meth:`next`
    fixes the row height and moves down.
    """

    sheet: Sheet
    widths: list[float]
    row: int = 1
    need: dict[int, float] = field(default_factory=dict)

    @classmethod
    def open(cls, wb, title: str, style: Style, widths: list[float]) -> "Canvas":
        """Add a sheet titled ``title`` printed with ``style``; columns get ``widths``."""
        sheet = add_sheet(wb, title, style)
        sheet.widths(widths)
        return cls(sheet, widths)

    @property
    def ws(self):
        """The underlying openpyxl worksheet."""
        return self.sheet.ws

    def lines(self, text: str, col: int, cols: int, size: float) -> int:
        """Printed lines ``text`` wraps to across ``cols`` columns from ``col`` (>= 1)."""
        points = sum(self.widths[col - 1: col - 1 + cols]) * POINTS_PER_UNIT
        avail = (points - 7) / size * 0.95
        return sum(max(1, math.ceil(text_width_em(p) / max(avail, 1.0)))
                   for p in str(text).split("\n"))

    def put(self, col: int, cols: int, value, *, rows: int = 1, shade: bool = False,
            fmt: str | None = None, fit: bool = True, size: float | None = None,
            **kw) -> None:
        """Write ``value`` at (current row, ``col``) merged over ``rows`` x ``cols``.

        Keyword arguments go to :meth:`workbook.Sheet.put`; ``shade`` fills the
        range grey, ``fmt`` sets a number format (e.g. ``"#,##0"``), ``fit``
        records the height the wrapped text needs (spread over ``rows``).
        """
        size = size or self.sheet.style.size
        self.sheet.put(self.row, col, value, rows=rows, cols=cols, size=size, **kw)
        cell = self.ws.cell(row=self.row, column=col)
        if fmt:
            cell.number_format = fmt
        if shade:
            for r in range(self.row, self.row + rows):
                for c in range(col, col + cols):
                    self.ws.cell(row=r, column=c).fill = SHADE
        if fit and isinstance(value, str) and kw.get("wrap", True):
            pitch = LINE_PITCH.get(self.sheet.style.font, DEFAULT_PITCH) * size
            per_row = (self.lines(value, col, cols, size) * pitch + 6) / rows
            for r in range(self.row, self.row + rows):
                self.need[r] = max(self.need.get(r, 0.0), per_row)

    def rich(self, col: int, cols: int, blocks: list[tuple[str, float]], *,
             rows: int = 1, height: float = 0.0, align: str = "center") -> None:
        """Write rich text: ``blocks`` are (text, size pt) runs in the sheet font.

        Used for furigana: a small reading run, a newline, the name run.
        ``height`` (points) is reserved for the merged range.
        """
        font = self.sheet.style.font
        value = CellRichText(*[TextBlock(InlineFont(rFont=font, sz=sz), text)
                               for text, sz in blocks])
        self.sheet.put(self.row, col, value, rows=rows, cols=cols, align=align)
        for r in range(self.row, self.row + rows):
            self.need[r] = max(self.need.get(r, 0.0), height / rows)

    def next(self, minimum: float = 15.0) -> int:
        """Fix the current row's height (>= ``minimum`` pt); return the next row."""
        self.sheet.height(self.row, round(max(minimum, self.need.get(self.row, 0.0)), 1))
        self.row += 1
        return self.row

    def gap(self, points: float = 6.0) -> None:
        """An empty spacer row ``points`` tall."""
        self.sheet.height(self.row, points)
        self.row += 1

    def heading(self, text: str, cols: int, size: float | None = None) -> None:
        """An unruled bold heading line across ``cols`` columns."""
        self.put(1, cols, text, border=False, bold=True, size=size, wrap=False, fit=False)
        self.next(18)


# ---------------------------------------------------------------------------
# 000  施策評価シート【分野別施策】 ４－① 令和5年度 (seed 000)
# ---------------------------------------------------------------------------

S000_TITLE = "施策評価シート【分野別施策】"
S000_POLICY = ("４－①", "産業の活性化を促進する", "産業振興部")
#: (指標名, 単位, baseline, actual year 1..4, target) as printed in seed 000.
S000_INDICATORS = [
    ("産業間連携ネットワークによる新商品開発・新事業創出件数（累計）", "件", 13, 18, 23, 26, 28, 28),
    ("創業者数（年間）", "人", 22, 35, 56, 113, 103, 52),
    ("経営に関する相談件数（年間）", "件", 248, 2449, 308, 269, 322, 300),
    ("知的対流等を通じた交流人口（年間）", "人", 0, 124, 188, 134, 79, 130),
    ("名産品協議会が各種物産展等に出店した日数（年間）", "日", 37, 11, 25, 30, 37, 40),
]
S000_PROJECTS = ("○中小企業経営支援事業○中小企業金融支援事業○起業家支援事業○平塚産品普及促進事業"
                 "○産業間連携促進事業○知的対流推進事業○地域経済キャッシュレス化推進事業")
#: 決算額: 事業費（千円） and 執行率（％） for the four printed years.
S000_COST = [1539950, 1889616, 2511853, 2002400]
S000_RATE = [95.43, 98.33, 98.77, 96.08]
S000_RESULTS = [
    "・産業活性化会議及び産業活性化推進会議を開催し、市内各産業界の情報共有を図り、連携して課題解決に向けた取組を促進しました。また、産業間連携ネットワーク会員向けに、コロナ禍で普及したショート動画についてのセミナーを開催するとともに、新商品開発・新事業創出ではプロジェクトを支援し、２つの新商品開発につなげました。",
    "・創業支援等事業計画に基づき、関係機関と連携して起業家育成のためのセミナーの開催や、起業に関する情報提供や事業計画の作成支援を行うとともに、創業や副業に関する相談会の開催及び専門家を派遣することで、市内での創業を促進しました。",
    "・様々な経営課題の解決に向けて、専門家を派遣するとともに、経営相談会、関係機関等と連携したセミナーを開催しました。また、各種補助制度により、正規雇用やデジタル化の取組を支援したほか、新たに脱炭素化に向けた専門家派遣の実施など脱炭素支援パッケージを強化し、中小企業における脱炭素化の取組を促進しました。加えて、従業員のモチベーション向上や人材の流出阻止等のため、賃上げを実施した中小企業等に対して奨励金を支給しました。",
    "・カーボンニュートラルを目指した波力発電分野での新産業創出事業が地方自治に関する総合実務情報誌に掲載されたほか、企業版ふるさと納税マッチングイベントに参加するとともに、講演要請などに対応し、技術開発や研究開発拠点化の適地であることをＰＲしました。",
    "・５年に１度の選定を経て、新たに認定された湘南ひらつか名産品及び特産品について、新たにチラシを作成し、広く市内外にＰＲしました。",
    "・スマートフォンアプリと二次元バーコードを活用し、電子マネー類似機能兼行政ポイント「スターライトマネー」を発行し、キャッシュレス化を推進するとともに、市内経済の活性化につなげました。",
]
S000_ISSUES = [
    "・創業前後の様々な課題解決のための支援を実施するとともに、価格転嫁や人手不足など経営課題の変化に対応できるよう経済状況や事業者ニーズに即した経営支援策が必要となります。",
    "⇒各業界の課題を共有するとともに、産業間連携ネットワーク会員等のニーズに応じた支援を行います。また、起業家育成のためのセミナー開催など関係機関と連携し、市内での創業を支援するとともに、雇用促進、脱炭素化など経営課題に応じた支援を継続します。加えて、デジタル人材の育成や、賃上げ、仕事と家庭の両立などの労働環境の整備を促進します。",
    "・これまで集積してきた「知」を社会的課題などへの取組に応用できるようにするとともに、新たな知的対流が興りやすい環境を醸成する必要があります。",
    "⇒先端技術の研究開発拠点としてのブランドイメージが高い都市として、国内外の企業や学術機関等から、より一層認知されるよう、効果的な情報発信を実施することで、更なる知的対流につなげます。",
    "・地場産品の普及促進のため、名産品に対する市民の認知度を高めるとともに、ふれあいマーケットの新規来場者を増やし、定着化を図る必要があります。",
    "⇒名産品のブランド価値の向上を図り、効果的に市内外に広く普及させるとともに、ふれあいマーケットでは、イベント等を開催し、生産者と消費者とのふれあいの場の充実を図ります。",
    "・独自アプリを活用した市内消費活動の推進にあたって、持続可能な取組にしていく必要があります。",
    "⇒「スターライトマネー」を使うほど社会課題の解決に繋がるというような仕組みとすることで、市内消費活動の推進や地域コミュニティの形成を図ります。",
]


@dataclass(frozen=True)
class Content000:
    """What one 000-template sheet prints: indicator rows and 決算額 figures.

    ``indicators`` are (指標名 as printed, 単位, baseline, four actuals,
    target) tuples (a ``\n`` in a name is an author's line break);
    ``cost`` the four 事業費 amounts in 千円, ``rate`` the four 執行率 in %.
    """

    indicators: tuple[tuple, ...]
    cost: tuple[int, ...]
    rate: tuple[float, ...]

    def renamed(self, names: dict[str, str]) -> "Content000":
        """The same figures with indicator names replaced per ``names``
        (name as in 000 -> name as printed); unknown names raise KeyError."""
        missing = set(names) - {row[0] for row in self.indicators}
        if missing:
            raise KeyError(f"no such indicator: {sorted(missing)}")
        return replace(self, indicators=tuple((names.get(row[0], row[0]), *row[1:])
                                              for row in self.indicators))

    def corrected(self, indicator: str, column: int, value: int) -> "Content000":
        """The same sheet with one indicator figure replaced: ``column`` indexes
        (baseline, actual 1..4, target) from 0; KeyError for an unknown name."""
        if indicator not in {row[0] for row in self.indicators}:
            raise KeyError(indicator)
        rows = []
        for name, unit, *values in self.indicators:
            if name == indicator:
                values[column] = value
            rows.append((name, unit, *values))
        return replace(self, indicators=tuple(rows))


#: Seed 000 as printed.
C000 = Content000(tuple(S000_INDICATORS), tuple(S000_COST), tuple(S000_RATE))
#: 000v1 (the 令和4年度 sheet) words its indicators as the earlier sheets of
#: the series did: 【累計】 brackets, half-width (年間), a shorter name, a
#: name wrapped by the author at another place, and 各種 dropped.  Its
#: figures are those a 令和4年度 sheet prints: the 2–4年度 actuals and
#: 決算額 equal 000's (final figures do not change between sheets), 元年度
#: actuals and 決算額 and the 4年度 targets are its own (see
#: expected/000v1.variant.json "added_rows").
S000V1_NAMES = {
    "産業間連携ネットワークによる新商品開発・新事業創出件数（累計）":
        "産業間連携ネットワークによる新商品開発・新事業創出件数【累計】",
    "創業者数（年間）": "創業者数(年間)",
    "経営に関する相談件数（年間）": "経営相談件数（年間）",
    "知的対流等を通じた交流人口（年間）": "知的対流等を通じた\n交流人口（年間）",
    "名産品協議会が各種物産展等に出店した日数（年間）": "名産品協議会が物産展等に出店した日数（年間）",
}
#: 000v1's own figures: 元年度 (2019) actual and 4年度 (2022) target per indicator.
S000V1_2019_ACTUAL_AND_2022_TARGET = {
    "産業間連携ネットワークによる新商品開発・新事業創出件数（累計）": (15, 26),
    "創業者数（年間）": (30, 50),
    "経営に関する相談件数（年間）": (275, 300),
    "知的対流等を通じた交流人口（年間）": (96, 120),
    "名産品協議会が各種物産展等に出店した日数（年間）": (40, 40),
}
C000V1 = replace(C000, indicators=tuple(
    (name, unit, baseline, S000V1_2019_ACTUAL_AND_2022_TARGET[name][0], a1, a2, a3,
     S000V1_2019_ACTUAL_AND_2022_TARGET[name][1])
    for name, unit, baseline, a1, a2, a3, _a4, _target in C000.indicators),
    cost=(1243870,) + C000.cost[:3], rate=(97.12,) + C000.rate[:3]).renamed(S000V1_NAMES)
#: 000r1: 000 republished with two corrected figures (audit sample, see
#: expected/000r1.variant.json): 創業者数（年間） 5年度 103 -> 108 and
#: 事業費 5年度 2,002,400 -> 2,012,400 千円.
C000R1 = replace(C000.corrected("創業者数（年間）", 4, 108),
                 cost=C000.cost[:3] + (2012400,))


@dataclass(frozen=True)
class Print000:
    """How one printing of the 000 template looks (labels, widths, paper).

    ``years`` are the four actual-year labels (also the 決算額 columns),
    ``target`` the 目標値 year label, ``baseline`` the baseline column label.
    ``widths`` has 15 entries: A code, B name, C unit, D–O twelve sub-columns
    (each value cell spans two).  ``break_before_results`` starts a new
    page at the 成果 block so its heading stays with its text.
    """

    style: Style
    baseline: str
    years: tuple[str, str, str, str]
    target: str
    widths: tuple[float, ...]
    break_before_results: bool = False


PRINT_000 = Print000(
    style=Style(font=IPAEX_GOTHIC, size=9, paper=9, orientation="portrait"),
    baseline="改訂計画\n策定時", years=("2 年度", "3 年度", "4 年度", "5 年度"),
    target="5 年度", widths=(6, 22, 4) + (3.7,) * 12)
#: Variant 000v1: printed a year earlier (令和4年度), A4 landscape, Noto Sans.
PRINT_000V1 = Print000(
    style=Style(font=NOTO_SANS_CJK, size=9, paper=9, orientation="landscape"),
    baseline="計画策定時", years=("元年度", "2年度", "3年度", "4年度"),
    target="4年度", widths=(5, 30, 5) + (5.9,) * 12,
    break_before_results=True)


def _sheet_000(wb, p: Print000, content: Content000 = C000) -> None:
    """Lay out the 施策評価シート【分野別施策】 (seed 000) in printing ``p``
    with the names and figures of ``content``."""
    c = Canvas.open(wb, "施策評価シート", p.style, list(p.widths))
    n = 15
    c.put(1, n, S000_TITLE, border=False, bold=True, size=14, align="center", fit=False)
    c.next(26)
    c.gap()
    c.put(1, 11, "施策名", shade=True, align="center")
    c.put(12, 4, "関係部", shade=True, align="center")
    c.next(17)
    code, name, dept = S000_POLICY
    c.put(1, 1, code, align="center", bold=True)
    c.put(2, 10, name, bold=True, size=11)
    c.put(12, 4, dept, align="center")
    c.next(24)
    c.gap(8)
    c.heading("所管事業に関連する成果指標", n)
    # two-row header
    c.put(1, 2, "指標名", rows=2, shade=True, align="center")
    c.put(3, 1, "単\n位", rows=2, shade=True, align="center", fit=False)
    c.put(4, 10, "実績値", shade=True, align="center")
    c.put(14, 2, "目標値", shade=True, align="center")
    c.next(15)
    for i, label in enumerate((p.baseline,) + p.years + (p.target,)):
        c.put(4 + 2 * i, 2, label, shade=True, align="center", size=8)
    c.next(15)
    for name, unit, *values in content.indicators:
        c.put(1, 2, name)
        c.put(3, 1, unit, align="center")
        for i, v in enumerate(values):
            c.put(4 + 2 * i, 2, v, align="right", fmt="#,##0")
        c.next(20)
    c.gap(8)
    c.put(1, n, "関連事業", shade=True, bold=True)
    c.next(16)
    c.put(1, n, S000_PROJECTS, valign="top")
    c.next(18)
    c.gap(8)
    # Seed 000 prints 決算額 as a heading line above the table, whose
    # top-left header cell is blank (like 所管事業に関連する成果指標).
    c.heading("決算額", n)
    c.put(1, 3, None, shade=True)
    for i, label in enumerate(p.years):
        c.put(4 + 3 * i, 3, label, shade=True, align="center")
    c.next(16)
    for label, values, fmt in (("事業費（千円）", content.cost, "#,##0"),
                               ("執行率（％）", content.rate, "0.00")):
        c.put(1, 3, label)
        for i, v in enumerate(values):
            c.put(4 + 3 * i, 3, v, align="right", fmt=fmt)
        c.next(16)
    c.gap(8)
    if p.break_before_results:
        c.sheet.page_break(c.row - 1)
    c.put(1, n, "施策の推進に向けた主な取組の「成果」", shade=True, bold=True)
    c.next(16)
    c.put(1, n, "\n".join(S000_RESULTS), valign="top")
    c.next()
    c.gap(8)
    c.put(1, n, "施策を推進する上での「主な課題（・）」と課題解決を図るための「取組方針（⇒）」",
          shade=True, bold=True)
    c.next(16)
    c.put(1, n, "\n".join(S000_ISSUES), valign="top")
    c.next()


# ---------------------------------------------------------------------------
# 001  事業評価シート（平成27年度分） 産業活性化会議 (seed 001)
# ---------------------------------------------------------------------------

S001 = {
    "title": "事業評価シート　（平成27年度分）",
    "sheet_no": "1",
    "project": "産業活性化会議",
    "plan": [("'04", "基本目標４　　活力とにぎわいに満ちたまち"),
             ("'01", "①〈持続可能〉　産業の発展を持続させる"),
             ("'01", "1 産業の持続的な発展に向けて、基本的な理念と戦略を確立する")],
    "dept": "産業振興部　産業振興課",
    "outline": "産業界、関係機関等から構成する産業活性化会議により、本市の産業活性化に向けた環境整備を促進します。",
    "goal": "産業間の交流が盛んになり、まちがにぎわっています。",
    "verdict": "Ａ：成果があがった",
    "progress": "③：遅れている",
    "delay": "特定課題に対する会議等を実施したが、活性化会議に諮る段階ではなかったため。",
    "done": "産業間連携を促進するため、市内の各産業界代表者や学識経験者等で組織する「平塚市産業活性化会議」を２回開催するとともに、諸課題を解決するため、各プロジェクトチームにおいて引き続き検討、実証実験等を行いました。事業者の取組を支援するためのセミナーの開催、６次産業化・地産地消法や中小企業地域資源活用促進法の認定事業者及び新事業・新商品開発の取組を検討している事業者に対し、商品開発や販路拡大などの支援（５件）を引き続き実施しました。",
    "contents": ["産業活性化会議の開催、提案された施策や事業の取組み推進",
                 "協議会の開催、提案された施策や事業の取組み促進",
                 "協議会の開催、提案された施策や事業の取組み促進"],
    "issues": "産業関係団体と連携し、産業間連携に取り組む事業者等に対する販路開拓や拡大、広報などの支援を、より効果的に実施していく必要があります。また、新規に立ち上げる（仮）平塚市産業間連携ネットワークの周知方法や事業者の参画について、各産業界と調整していく必要があります。",
    "policy": "「平塚市産業活性化会議」や産業活性化セミナーの開催のほか、新商品の開発や新事業の創出に取組む事業者のプロジェクトチームに対しネットワークによる支援を充実させていきます。",
    "comment": "各産業の団体や事業者との連携のもと、行政や大学等が支援する体制を充実し、産業活性化策を具現化するとともに、支援を通じた新たな産業分野への進出や地域ブランドの創出を促進するため、引き続き事業を行う必要があります。",
}
#: Year-dependent labels of the 平成27年度分 sheet (each names a year
#: relative to the sheet's): 検証結果 of the year before, 進捗状況 and
#: 主な取組と成果 of the sheet's year, 取組方針 two years on.
S001.update({
    "verified_label": "平成26年度\nの検証結果",
    "progress_label": "平成27年度\n進捗状況",
    "done_label": "平成27年度の主な取組と成果",
    "policy_label": "平成29年度の取組方針",
    "years": None,      # the seed prints no year header row
    "money": None,      # ... and blank amount cells
})
#: 財源内訳 rows, then the two totals, of the 年度別事業内容・決算額 table.
S001_MONEY_ROWS = ["国庫支出金", "県支出金", "起債", "その他　特財", "一般財源"]
S001_TOTAL_ROWS = ["事業費　(A)", "執行率　(%)"]
#: 001p: the same 事業 as a 平成28年度分 sheet (audit sample, texts as 001),
#: with a year header row and amounts in 千円 ("-" = 該当なし).  Planted:
#: 平成27年度 財源内訳 500 + 1,300 = 1,800 but 事業費 (A) prints 1,850.
S001P = dict(S001, **{
    "title": "事業評価シート　（平成28年度分）",
    "verified_label": "平成27年度\nの検証結果",
    "progress_label": "平成28年度\n進捗状況",
    "done_label": "平成28年度の主な取組と成果",
    "policy_label": "平成30年度の取組方針",
    "years": ("平成26年度", "平成27年度", "平成28年度"),
    "money": {
        "国庫支出金": ("-", "-", "-"),
        "県支出金": (500, 500, 450),
        "起債": ("-", "-", "-"),
        "その他　特財": (0, 0, 0),
        "一般財源": (1250, 1300, 1350),
        "事業費　(A)": (1750, 1850, 1800),
        "執行率　(%)": (97.2, 98.1, 95.0),
    },
})
#: 005: a later printing of the template (平成28年度分) for another 事業,
#: 産業間連携促進事業, with a 活動指標・成果指標 table (see
#: :func:`_indicator_table_001`) and a filled 決算額 table.  Seed 001 prints
#: no indicator figures; the figures, the 遅れている理由, 課題, 取組方針 and
#: 課長コメント below are CONSTRUCTED for this sample (samples/README.md).
#: 事業の概要 and 主な取組と成果 are seed 003's 平成28年度の取組 / 最終報告
#: of 産業間連携促進事業; 目的・目標 and the plan codes are 001's (same 施策).
S005 = dict(S001, **{
    "title": "事業評価シート　（平成28年度分）",
    "sheet_no": "2",
    "project": "産業間連携促進事業",
    "outline": "産業間の連携を効果的・体系的に進めるため、企業・団体・個人事業主等の事業者間のネットワークを強化し、地域資源や技術などの得意分野を活かしながら、新商品の開発や新事業の創出、販路拡大等への取組に対し専門家派遣や開発費補助等の支援を行います。",
    "verified_label": "平成27年度\nの検証結果",
    "progress_label": "平成28年度\n進捗状況",
    "delay": "連携事業の一部で事業者間の調整に時間を要し、年度内の事業化に至らなかったため。",
    "done_label": "平成28年度の主な取組と成果",
    "done": "市内の各産業関係団体等で組織する「産業活性化会議」の開催のほか、企業・団体・個人事業主等が連携できる仕組みとしての「産業間連携ネットワーク」を創設し、地域資源や技術、得意分野を活かした新商品の開発、新事業の創出、販路拡大等への取組に対し専門家派遣や開発費補助等の支援を行いました。",
    "contents": ["専門家派遣、新商品開発への補助",
                 "専門家派遣、新商品開発への補助、販路拡大の支援",
                 "産業間連携ネットワークの創設、専門家派遣、開発費補助"],
    "issues": "産業間連携ネットワークの会員を増やし、会員同士の連携による新商品の開発や新事業の創出につなげていく必要があります。",
    "policy_label": "平成30年度の取組方針",
    "policy": "産業間連携ネットワークの会員への情報提供や交流会の開催により、会員同士の連携を促進し、新商品開発や販路拡大の取組を支援します。",
    "comment": "産業間連携ネットワークを活用し、事業者の連携による新たな取組が生まれるよう、引き続き支援していく必要があります。",
    "years": ("平成26年度", "平成27年度", "平成28年度"),
    #: (kind, 指標名, 単位, 目標 ×3, 実績 ×3); "-" = 目標 not set, 集計中 = pending.
    "indicators": [
        ("活動指標", "会議の開催回数", "回", ("-", 2, 2), (2, 2, 1)),
        ("成果指標", "連携事業の件数", "件", (3, 5, 5), (4, 5, "集計中")),
    ],
    "money": {
        "国庫支出金": ("-", "-", 1500),
        "県支出金": ("-", "-", "-"),
        "起債": ("-", "-", "-"),
        "その他　特財": (0, 0, 0),
        "一般財源": (2480, 3120, 1690),
        "事業費　(A)": (2480, 3120, 3190),
        "執行率　(%)": (96.5, 94.8, 97.3),
    },
})
#: Analysis table: (項目, 分析の視点 check boxes, analysis text, [(level, mark)]).
#: Marks: seed 001 prints seven marks (●○ / ●○ / ●○○); 効率性 has none.
S001_ANALYSIS = [
    ("必要性", ["□ 市民ニーズ", "■ 事業目的の達成状況", "□ 市の関与の必要性", "□ その他"],
     "産業界、関係機関等で構成する会議体を設置し、産業間連携を促進することは、本市の産業活性化にとって必要性が高いです。",
     [None, ("高", "●"), ("低", "○"), None]),
    ("有効性", ["□ 上位施策への貢献", "□ 市民満足度を高める方策", "■ 継続による成果向上の可能性", "□ その他"],
     "これまでの連携の取組みを促進し活発化させていくためにも、産業間連携を促進する体制を継続して維持することは有効です。",
     [None, ("高", "●"), ("低", "○"), None]),
    ("妥当性", ["■ 事業の目的、対象、内容", "□ 受益者負担、補助額", "□ 業務の執行体制（人員配置、業務分担）", "□ その他"],
     "産業界、関係機関等で構成する会議体での協議は、産業活性化を促進していくために有益であり、提案された施策に取り組んでいく妥当性は高いです。",
     [None, ("高", "●"), ("中", "○"), ("低", "○")]),
    ("効率性", ["□ 業務プロセス改善による効率化の方策", "□ コスト削減の可能性", "■ 事業手法（民活の余地、事業形態の検討）", "□ その他"],
     "産業活性化に向け提案された施策を進めていく際には、産業関係団体が関わっていくため、効果的・効率的に取り組めます。",
     [None, ("高", ""), ("中", ""), ("低", "")]),
]


def _money_cell(c: Canvas, col: int, value, fmt: str) -> None:
    """One amount cell of the 決算額 table: a number printed with ``fmt``,
    a string (e.g. "-") as printed, or blank for None."""
    if value is None:
        c.put(col, 3, None)
    elif isinstance(value, str):
        c.put(col, 3, value, align="right")
    else:
        c.put(col, 3, value, align="right", fmt=fmt)


def _indicator_table_001(c: Canvas, d: dict) -> None:
    """The 活動指標・成果指標 table of a later 事業評価シート printing (005).

    Caption line 活動指標・成果指標, then a header row 指標名 (A:B) | 単位 (C) |
    区分 (D) | one column per ``d["years"]`` label (E:F, G:I, J:L); per
    indicator of ``d["indicators"]`` two rows 目標 / 実績, its kind
    (活動指標 / 成果指標) printed vertically in column A over both rows as
    財源内訳 is in the 決算額 table, 指標名 (B) and 単位 (C) merged over both.
    A number prints as ``#,##0``, a string (集計中, -) as printed.
    """
    c.put(1, 12, " 活動指標・成果指標", border=False, bold=True, wrap=False, fit=False)
    c.next(16)
    spans = ((5, 2), (7, 3), (10, 3))
    c.put(1, 2, "指標名", shade=True, align="center")
    c.put(3, 1, "単\n位", shade=True, align="center", fit=False)
    c.put(4, 1, "区分", shade=True, align="center")
    for (col, cols), label in zip(spans, d["years"]):
        c.put(col, cols, label, shade=True, align="center")
    c.next(24)
    for kind, name, unit, targets, actuals in d["indicators"]:
        c.put(1, 1, "\n".join(kind), rows=2, shade=True, align="center", size=7, fit=False)
        c.put(2, 1, name, rows=2)
        c.put(3, 1, unit, rows=2, align="center")
        for label, values in (("目標", targets), ("実績", actuals)):
            c.put(4, 1, label, align="center")
            for (col, cols), v in zip(spans, values):
                if isinstance(v, str):
                    c.put(col, cols, v, align="right")
                else:
                    c.put(col, cols, v, align="right", fmt="#,##0")
            c.next(19)
    c.gap(4)


def _sheet_001(wb, d: dict = S001) -> None:
    """Lay out the 事業評価シート 産業活性化会議 (seed 001), A4 portrait.

    ``d`` holds the texts and year-dependent labels (:data:`S001`,
    :data:`S001P`); its ``years`` (None: no header row) head the three
    columns of the 年度別事業内容・決算額 table and ``money`` (None: blank
    cells) maps each 財源内訳 / total row label to its three amounts (千円;
    執行率 in %).
    """
    # A    B   C  D  E  F   G  H   I  J   K  L
    widths = [3, 10, 3, 4, 6.5, 10, 6, 8, 6.5, 14, 3, 3]
    c = Canvas.open(wb, "事業評価シート", Style(IPAEX_GOTHIC, 8.5, 9, "portrait"), widths)
    c.ws.page_setup.fitToHeight = 1          # the city prints it on one page
    n = len(widths)
    c.put(1, n - 1, d["title"], border=False, bold=True, size=13, align="center", fit=False)
    c.put(n, 1, d["sheet_no"], align="center")
    c.next(24)
    c.heading(" １．事業の位置付け", n, size=10)
    c.put(1, 3, "事業名", shade=True, align="center")
    c.put(4, n - 3, d["project"], bold=True, size=11)
    c.next(20)
    c.put(1, 3, "総合計画の\n位置付け", rows=3, shade=True, align="center", fit=False)
    for code, text in d["plan"]:
        c.put(4, 1, code, align="center")
        c.put(5, n - 4, text)
        c.next(15)
    c.put(1, 3, "部・課", shade=True, align="center")
    c.put(4, n - 3, d["dept"])
    c.next(16)
    c.gap(6)
    c.heading(" ２．事業の検証", n, size=10)
    for label, key in (("事業の概要", "outline"), ("目的・目標", "goal")):
        c.put(1, 3, label, shade=True, align="center")
        c.put(4, n - 3, d[key])
        c.next(26)
    c.put(1, 3, d["verified_label"], shade=True, align="center", fit=False)
    c.put(4, 3, d["verdict"], align="center")
    c.put(7, 2, d["progress_label"], shade=True, align="center", fit=False)
    c.put(9, 4, d["progress"], align="center")
    c.next(26)
    if d.get("indicators"):
        _indicator_table_001(c, d)
    c.put(1, 3, "遅れている理由", shade=True, align="center")
    c.put(4, n - 3, d["delay"])
    c.next(20)
    c.put(1, n, d["done_label"], shade=True)
    c.next(15)
    c.put(1, n, d["done"], valign="top")
    c.next(30)
    c.gap(6)
    c.put(1, 9, " ３．年度別事業内容・決算額", border=False, bold=True, size=10, wrap=False, fit=False)
    c.put(10, 3, "（単位：千円）", border=False, align="right", wrap=False, fit=False)
    c.next(18)
    if d["years"]:
        c.put(1, 3, None, shade=True)
        for i, label in enumerate(d["years"]):
            c.put(4 + 3 * i, 3, label, shade=True, align="center")
        c.next(15)
    c.put(1, 3, "事業内容", shade=True, align="center")
    for i, text in enumerate(d["contents"]):
        c.put(4 + 3 * i, 3, text, valign="top")
    c.next(28)
    c.put(1, 1, "財\n源\n内\n訳", rows=len(S001_MONEY_ROWS), shade=True, align="center", fit=False)
    money = d["money"] or {}
    for label in S001_MONEY_ROWS + S001_TOTAL_ROWS:
        if label in S001_MONEY_ROWS:
            c.put(2, 2, label, shade=True)
        else:
            c.put(1, 3, label, shade=True)
        fmt = "0.0" if label == S001_TOTAL_ROWS[1] else "#,##0"
        for i, value in enumerate(money.get(label, (None,) * 3)):
            _money_cell(c, 4 + 3 * i, value, fmt)
        c.next(15)
    c.gap(6)
    c.heading(" ４．今後の事業展開（担当課としての提案）", n, size=10)
    c.put(1, 2, "項目", shade=True, align="center")
    c.put(3, 4, "分析の視点", shade=True, align="center")
    c.put(7, 4, "左記の視点に関する分析・課題の抽出", shade=True, align="center")
    c.put(11, 2, "総合評価", shade=True, align="center")
    c.next(16)
    for item, boxes, text, marks in S001_ANALYSIS:
        c.put(1, 2, item, rows=4, align="center", bold=True)
        c.put(7, 4, text, rows=4, valign="top")
        for box, mark in zip(boxes, marks):
            c.put(3, 4, box, size=8)
            level, sym = mark or ("", "")
            c.put(11, 1, level or None, align="center")
            c.put(12, 1, sym or None, align="center")
            c.next(14)
    c.gap(6)
    for label, key in (("今後に向けた課題の分析", "issues"),
                       (d["policy_label"], "policy"),
                       ("課長コメント", "comment")):
        c.put(1, n, label, shade=True)
        c.next(15)
        c.put(1, n, d[key], valign="top")
        c.next(28)


# ---------------------------------------------------------------------------
# 002  個別施策 I - (1) 基幹産業の競争力を強化する, 平成29年度 (seed 002)
# ---------------------------------------------------------------------------

S002_CODE = "個別施策 I - (1)"
S002_NAME = "基幹産業の競争力を強化する"
#: (指標名, 単位, 計画策定時, 27, 28, 29, 30 (blank), 目標値 31) as printed.
S002_KPI = [
    ("事業拡大や新技術・新商品等の相談・紹介件数【年間】", "件", 44, 39, 53, 34, None, 50),
    ("魅力化実施店舗数【累計】", "店舗", 10, 18, 31, 39, None, 50),
]
S002_RESULTS = [
    "企業の立地や増築等に対する施設整備への助成と合わせて、市内在住者の新規雇用や土地取得による事業拡大を助成するとともに、中小企業に対する設備投資を支援し、企業の事業と雇用機会の拡大を促進しました。",
    "事業者ニーズに即した融資制度や経営課題に対する相談体制を拡充するとともに、ジェットロ等の関係機関との共催によるセミナーを開催し、海外展開を目指す企業間の情報交換や人材育成を図りました。",
    "アドバイザー派遣をはじめ、「匠の店」による「コト体験」の実施及び一店逸品運動に対する支援により、個店の魅力発信と経営力の強化を図りました。また、「まちゼミ」などのイベントや販売促進活動を支援し、商店街のにぎわい創出を図りました。",
    "製品の特性や信頼性向上などに関する市内企業と大学との共同研究について、企業から3件相談がありましたが、補助対象となる案件はありませんでした。",
    "91の企業・団体の参加により湘南ひらつかテクノフェアを3日間開催し、販路の拡大や企業間等の交流、商取引を促進しました。",
    "新たな産業拠点の形成のため、ツインシティ大神地区土地区画整理組合に対して指導や助言を行い、造成工事や道路等の公共施設の整備の進捗を図りました。",
]
S002_ISSUES = [
    "企業の投資の動きが活発になってきたことから、施設整備や雇用機会の創出を促すため、関係機関とも協力して効果的な支援や事業のPRを図っていく必要があります。",
    "関係機関と連携を図り、経済情勢や事業者のニーズ等を反映した、より利用しやすい融資制度や様々な経営課題に応じた各種制度の充実を継続的に図る必要があります。",
    "商品以外の価値を提供するなど、消費者に選ばれた個店づくりを進めるほか、集客や購買につながる商店会活動を促進する必要があります。",
    "市場の開拓も視野に、中小企業等のニーズと大学等のシーズを結びつける機会の創出を図る必要があります。",
    "テクノフェアの来場者の減少に伴い出展者数も減少傾向にあるため、来場者の増加に繋がるようなイベントや講演会を開催する必要があります。",
    "平塚市ツインシティ大神地区土地区画整理組合のスケジュールによる事業進捗を図り、環境と共生した新たな産業拠点の形成が必要です。",
]
S002_POLICIES = [
    "制度の周知を進めるとともに、操業しやすい環境整備を促進する支援策の充実に向けて、企業へのヒアリング等に取り組みます。",
    "関係機関と連携して、金融面での支援のほか、セミナーの開催や経営相談など、経済状況や事業者ニーズに対応した支援を進めます。",
    "個店の経営強化を促進するため、アドバイザー派遣等の支援を行います。また、商店街の活性化を促進するため、「まちゼミ」など商店街団体等が行う共同販売促進活動に対して支援します。",
    "セミナーやテクノフェア等の事業を実施する過程で中小企業のニーズや大学のシーズを把握するとともに、情報交換の機会を充実させ、産学の連携を推進していきます。",
    "平塚商工会議所等と連携し出展者を掘り起こすとともに、来場者の増加に繋がるような新しいイベントの創出を支援します。",
    "組合主体による地元、立地企業、県・市等との三者協働により、整備に向けた協議や調整を図るとともに、平塚市ツインシティ大神地区土地区画整理組合に対して、より効率的かつ地域特性を踏まえた支援を行います。",
]
S002_RELATED = [
    "【企業が立地する際などの施設や設備の整備、新規雇用に対する助成】（企業立地等促進事業）",
    "【中小企業の施設・設備の導入等の支援】（中小企業経営支援事業）",
    "【商業者の経営強化や商店の魅力化のための支援】（商店等魅力アップ推進事業）",
    "【各商店会等の特色を活かした集客や交流の場づくりの取組への支援】（商店街にぎわい創出事業）",
    "【産学公の共同研究による新製品や新技術開発等の事業化の支援】（産学公共同研究支援事業）",
    "【海外展開を目指す企業間の情報交換や人材育成の支援】（中小企業経営等支援事業）",
    "【企業等が製造した製品の展示・PRや交流を通じた商取引の促進】（テクノフェア推進事業）",
    "【ツインシティ整備の推進】（ツインシティ整備推進事業）",
]


@dataclass(frozen=True)
class Print002:
    """How one printing of the 002 template looks.

    ``years`` are the five actual-column labels after the baseline,
    ``target`` the 目標値 label; ``widths`` has 8 entries: A 指標名,
    B 単位, C–H the six value columns.  The 課題 | 取組方針 table splits
    at column C (A:B left, C:H right).
    """

    style: Style
    baseline: str
    years: tuple[str, ...]
    target: str
    widths: tuple[float, ...]


PRINT_002 = Print002(
    style=Style(font=IPAEX_GOTHIC, size=9, paper=9, orientation="landscape"),
    baseline="計画策定時", years=("27年度", "28年度", "29年度", "30年度"),
    target="31年度", widths=(49, 6) + (9.1,) * 6)
#: Variant 002v1: A3 portrait, IPAexMincho, full-era year labels.
PRINT_002V1 = Print002(
    style=Style(font=IPAEX_MINCHO, size=11, paper=8, orientation="portrait"),
    baseline="計画策定時",
    years=("平成27年度", "平成28年度", "平成29年度", "平成30年度"),
    target="平成31年度", widths=(38, 6) + (11.3,) * 6)


def _sheet_002(wb, p: Print002) -> None:
    """Lay out 個別施策 I - (1) (seed 002) in printing ``p``."""
    c = Canvas.open(wb, "個別施策", p.style, list(p.widths))
    n = len(p.widths)
    c.put(1, 1, S002_CODE, bold=True, size=12, align="center", shade=True)
    c.put(2, n - 1, S002_NAME, bold=True, size=13)
    c.next(28)
    c.gap(8)
    c.heading("重要業績評価指標 (KPI)", n)
    c.put(1, 1, "指標名", rows=2, shade=True, align="center")
    c.put(2, 1, "単位", rows=2, shade=True, align="center")
    c.put(3, 5, "実績値", shade=True, align="center")
    c.put(8, 1, "目標値", shade=True, align="center")
    c.next(16)
    for i, label in enumerate((p.baseline,) + p.years + (p.target,)):
        c.put(3 + i, 1, label, shade=True, align="center")
    c.next(16)
    for name, unit, *values in S002_KPI:
        c.put(1, 1, name)
        c.put(2, 1, unit, align="center")
        for i, v in enumerate(values):
            c.put(3 + i, 1, v, align="right", fmt="#,##0")
        c.next(22)
    c.gap(8)
    c.put(1, n, "施策の推進に向けた主な取組の「成果」", shade=True, bold=True)
    c.next(16)
    c.put(1, n, "\n".join("・" + t for t in S002_RESULTS), valign="top")
    c.next()
    c.gap(8)
    c.put(1, 2, "施策を推進する上での「課題」", shade=True, align="center")
    c.put(3, n - 2, "課題解決を図るための「取組方針」", shade=True, align="center")
    c.next(18)
    c.put(1, 2, "\n".join("●" + t for t in S002_ISSUES), valign="top")
    c.put(3, n - 2, "\n".join("●" + t for t in S002_POLICIES), valign="top")
    c.next()
    c.gap(8)
    c.put(1, n, "関連する【取組】と（事業）", shade=True)
    c.next(18)
    c.put(1, n, "\n".join(S002_RELATED), valign="top")
    c.next()


# ---------------------------------------------------------------------------
# 003  産業振興部の基本方針, 平成28年度 (seed 003)
# ---------------------------------------------------------------------------

S003_TITLE = "産業振興部の基本方針"
S003_NOTE = "(職員数は平成28年4月1日現在)"
S003_DEPT = "産業振興部"
#: (reading, name) of the 部長; 課 rows are (課名, reading, 課長名, 職員数).
S003_HEAD = ("いまい ひろあき", "今井 宏明")
S003_SECTIONS = [
    ("産業振興課", "とりい かえい", "鳥居 替", 11),
    ("農水産課", "たなか のぶゆき", "田中 信行", 23),
    ("商業観光課", "とづか きよし", "戸塚 清", 11),
]
S003_POLICY = "「強みを活かしたしごとづくり」を進めるため、平塚市産業振興計画を推進するとともに、各産業の連携により、地域資源や優れた技術力を活用した新商品の開発や販路開拓、商取引の拡大が図れるよう事業者を支援します。また、基幹産業の競争力を強化し、多様な担い手の育成、雇用の安定を促進することで、社会経済環境の変化に対応可能な、市内産業の持続的発展を図ります。"
S003_GOALS = [
    "① 融資制度や助成制度を拡充し、創業等への各種支援に取り組むとともに、産業間連携を推進することにより、新商品の開発や新事業の創出、販路開拓等を促進し、市内産業の活性化を進めます。",
    "② 既存企業の支援と企業立地を促進するとともに、工業の活性化と雇用機会の創出を進めます。また、関係機関と連携を図り就労支援を進めます。",
    "③ 都市農業や漁業への理解を深め、地産地消や農水産物の付加価値を高めるための6次産業化等を促進するとともに、生産基盤の維持保全を図ります。",
    "④ 個店の活性化と経営力の向上を図るとともに、商店街のにぎわいやコミュニティの活性化を促進します。",
    "⑤ 観光を軸に他の産業分野や近隣市町と連携した取組を展開するとともに、年間を通じた観光客の確保を図ることで、産業の振興と地域の活性化を進めます。",
]
#: 主な事業: (事業名, 課, 平成28年度の取組, 最終報告); a None entry is a page break.
S003_PROJECTS = [
    ("産業間連携促進事業", "産業振興課",
     "産業間の連携を効果的・体系的に進めるため、企業・団体・個人事業主等の事業者間のネットワークを強化し、地域資源や技術などの得意分野を活かしながら、新商品の開発や新事業の創出、販路拡大等への取組に対し専門家派遣や開発費補助等の支援を行います。",
     "市内の各産業関係団体等で組織する「産業活性化会議」の開催のほか、企業・団体・個人事業主等が連携できる仕組みとしての「産業間連携ネットワーク」を創設し、地域資源や技術、得意分野を活かした新商品の開発、新事業の創出、販路拡大等への取組に対し専門家派遣や開発費補助等の支援を行いました。"),
    ("企業立地等促進事業", "産業振興課",
     "企業の立地や事業拡大に伴う施設設備等に対する助成を行うとともに、本社立地や賃借立地に対する助成を始めます。また、中小企業の活性化と市内企業間の取引を促進するため、生産設備等の導入に対する助成を行います。",
     "企業の立地や事業拡大に対して施設整備助成金15件、新規雇用助成金2件を交付するとともに、新たに4件の施設整備助成と1件の市内発注奨励助成を承認しました。また、「働きやすい環境づくりの促進」を図るため、既存の助成制度利用と併せて、事業所内保育施設の設置やイクボス宣言などの企業の取組に対する助成制度も整備しました。"),
    None,
    ("都市農業促進事業", "農水産課",
     "生産者と消費者の交流や市民が農作業に親しめる場の創出を支援しながら、都市農業への理解を促進します。また、地場産農産物のPRやブランド化の支援等を通じて、地産地消を推進します。",
     "「でてこいまつり」をはじめ、新たな取組みとして「軽トラ・ファーマーズ」を7回開催するなど、生産者と消費者が対面する交流イベントを展開し、都市農業理解の促進を図りました。また、地場産農産物の消費促進に関する事業へ補助を行うとともに、新たに「ベジタマもなかプロジェクト」を立ち上げ、地産地消の推進を図りました。"),
    ("商店街にぎわい創出事業", "商業観光課",
     "中心商店街のにぎわいと、地域商店街の活性化を促進するため、各種イベントや販売促進活動事業を支援します。また、中心商店街のコミュニティを活性化するための取組を支援します。",
     "中心商店街や地域商店会のにぎわいを創出するため、様々なイベントや販売促進活動を支援しました。また、中心商店街では、個店の魅力を伝える「駅近 キラ☆キラ商店街」事業への実施支援と合わせて、売り場環境の改善やバリアフリー化、休憩設備設置等に係る店舗改装費を補助しました。"),
    ("観光事業", "商業観光課",
     "本市の自然や文化、産業集積などの多様な資源を観光資源として活用したメニューづくりを行うとともに、近隣市町と連携した広域展開や国内外に向けた情報発信により、市内への誘客を促進します。",
     "七夕や湘南平など既存の観光資源のほか、バラやハマヒルガオ等の平塚ゆかりの花、匠の技を持つ店舗なども観光資源として活用し、観光メニューづくりやツアーを実施しました。また、「大山詣り」と連携した観光の広域展開や、訪日外国人の誘致に向けた旅行事業者への働きかけを行いました。"),
]
#: Furigana (ruby) size in points, printed above the name in the same cell.
RUBY_PT = 5
NAME_PT = 10


def _sheet_003(wb) -> None:
    """Lay out 産業振興部の基本方針 (seed 003), A4 portrait, furigana as rich text."""
    widths = [8, 15, 17, 21, 15]
    c = Canvas.open(wb, "基本方針", Style(IPAEX_GOTHIC, 9.5, 9, "portrait"), widths)
    n = len(widths)
    c.put(1, n, S003_TITLE, border=False, bold=True, size=15, align="center", fit=False)
    c.next(28)
    c.put(1, n, S003_NOTE, border=False, align="right", wrap=False, fit=False)
    c.next(15)
    ruby_h = 30.0
    c.put(1, 1, "部局名", rows=4, align="center")
    c.put(2, 1, S003_DEPT, rows=4, align="center", size=11)
    c.put(3, 3, "部局内の執行体制", shade=True, align="center")
    c.next(17)
    for col, label in ((3, "課名"), (4, "課長名"), (5, "職員数")):
        c.put(col, 1, label, shade=True, align="center")
    c.next(17)
    for i, (section, reading, name, staff) in enumerate(S003_SECTIONS):
        if i == len(S003_SECTIONS) - 1:
            c.put(1, 1, "部長名", align="center")
            c.rich(2, 1, [(S003_HEAD[0] + "\n", RUBY_PT), (S003_HEAD[1], NAME_PT)], height=ruby_h)
        c.put(3, 1, section, align="center")
        c.rich(4, 1, [(reading + "\n", RUBY_PT), (name, NAME_PT)], height=ruby_h)
        c.put(5, 1, staff, align="center")
        c.next(ruby_h)
    c.gap(10)
    c.put(1, n, "基本方針", shade=True, bold=True)
    c.next(18)
    c.put(1, n, S003_POLICY, valign="top")
    c.next()
    c.gap(10)
    c.put(1, n, "平成28年度の目標", shade=True, bold=True)
    c.next(18)
    for goal in S003_GOALS:
        c.put(1, n, goal)
        c.next(18)
    c.gap(10)

    def header() -> None:
        c.put(1, n, "主な事業", shade=True, bold=True)
        c.next(18)

    header()
    for proj in S003_PROJECTS:
        if proj is None:
            c.sheet.page_break(c.row - 1)
            header()
            continue
        name, section, plan, report = proj
        c.put(1, 2, f"{name}\n({section})", rows=4, align="center")
        c.put(3, n - 2, "平成28年度の取組", shade=True, size=8.5)
        c.next(14)
        c.put(3, n - 2, plan, valign="top")
        c.next(18)
        c.put(3, n - 2, "最終報告", shade=True, size=8.5)
        c.next(14)
        c.put(3, n - 2, report, valign="top")
        c.next(18)


# ---------------------------------------------------------------------------
# Entry point
# ---------------------------------------------------------------------------

def _one(out: Path, published: str, fill, *args) -> Path:
    """Build one workbook with ``fill(wb, *args)`` and print it to ``out``.

    ``published`` (YYYYMMDD) becomes the PDF's CreationDate: a plausible
    publication date of the sheet (the year after the fiscal year it
    reports on), since a real sheet's date is the context in which a bare
    "5年度" is read.
    """
    wb = new_workbook()
    wb.properties.creator = AUTHOR
    fill(wb, *args)
    return stabilize_pdf(to_pdf(wb, out), stamp=f"D:{published}090000Z")


def build(samples_dir: Path) -> list[Path]:
    """Write the four Hiratsuka samples, two variants, two audit samples and
    the constructed 005 under ``samples_dir``.

    Returns the written PDF paths (samples, ``variants/``, then
    ``republished/`` and ``planted/``, then 005).
    Raises ``RuntimeError`` (from :func:`workbook.to_pdf`) without LibreOffice.
    """
    d = Path(samples_dir)
    v = d / "variants"
    return [
        _one(d / "000-hiratsuka-r5-shisaku-4-1.pdf", "20240805", _sheet_000, PRINT_000),
        _one(d / "001-hiratsuka-h27-jigyo-sangyo-kasseika-kaigi.pdf", "20160801", _sheet_001),
        _one(d / "002-hiratsuka-h29-kobetsu-shisaku-I-1.pdf", "20180806", _sheet_002, PRINT_002),
        _one(d / "003-hiratsuka-h28-sangyo-shinko-bu-hoshin.pdf", "20170512", _sheet_003),
        _one(v / "000v1-hiratsuka-r4-shisaku-4-1.pdf", "20230807", _sheet_000, PRINT_000V1, C000V1),
        _one(v / "002v1-hiratsuka-h29-kobetsu-shisaku-I-1-a3.pdf", "20180806", _sheet_002, PRINT_002V1),
        # audit samples: a corrected republication two months after 000, and
        # an H28 事業評価シート with a planted 財源内訳 / 事業費 mismatch
        _one(d / "republished" / "000r1-hiratsuka-r5-shisaku-4-1-corrected.pdf", "20241007",
             _sheet_000, PRINT_000, C000R1),
        _one(d / "planted" / "001p-hiratsuka-h28-jigyo-sangyo-kasseika-kaigi.pdf", "20170801",
             _sheet_001, S001P),
        # a later printing of the 001 template with a 活動指標・成果指標 table
        _one(d / "005-hiratsuka-h28-jigyo-katsudo-shihyo.pdf", "20170801", _sheet_001, S005),
    ]


if __name__ == "__main__":
    for path in build(Path(__file__).resolve().parents[1]):
        print(path)
