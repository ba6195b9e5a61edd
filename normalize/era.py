"""Japanese era years -> western fiscal years.

Contract (fiscal_year): the western year in which the Japanese fiscal year
starts (1 April).  令和5年度 = R5 = 2023; 平成27年度 = H27 = 2015;
平成31年度 = 令和元年度 = 2019.  A bare "5年度" takes its era from the
document's own context; NULL where the label gives no year (計画策定時).

Calendar facts (table :data:`normalize.vocabulary.ERAS`): 明治 1868 (M),
大正 1912 (T), 昭和 1926 (S), 平成 1989 (H), 令和 2019 (R); year N of an era
is western year ``first_year - 1 + N``; 元 (元年) is year 1.  Because the
fiscal year runs April-March and 令和 began 1 May 2019, 平成31年度 and
令和元年度 name the same fiscal year 2019.

Rule ids: ``era.reiwa`` ``era.heisei`` ``era.showa`` ``era.taisho``
``era.meiji`` ``era.gannen`` ``era.western`` ``era.bare_from_context``
``era.range``.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

from hyoka.normalize.vocabulary import ERAS, GANNEN
from hyoka.normalize.width import fold_width

_BY_NAME = {name: (name, letter, first) for name, letter, first, _ in ERAS}
_BY_LETTER = {letter: (name, letter, first) for name, letter, first, _ in ERAS}
_FIRST_YEAR = {name: first for name, _, first, _ in ERAS}
#: Last western year of each closed era (the next era's first year).
_LAST_YEAR = {ERAS[i][0]: ERAS[i + 1][2] for i in range(len(ERAS) - 1)}
_RULE_FOR_ERA = {"令和": "era.reiwa", "平成": "era.heisei", "昭和": "era.showa",
                 "大正": "era.taisho", "明治": "era.meiji"}

#: How far past a closed era's end, or past the reference year, a bare
#: "N年度" may still plausibly point: plans printed before 2019 name their
#: targets 平成32年度..平成37年度 (5-10 years ahead), so 12 years is allowed.
FUTURE_HORIZON = 12
#: The nearest-era rule accepts a candidate year at most this many years
#: after the reference year (a sheet's targets run a few years ahead).
NEAREST_MAX_AHEAD = 5
#: Eras a bare "N年度" may resolve to when the document names none.
BARE_CANDIDATE_ERAS = ("平成", "令和")

_KANJI_DIGITS = {"〇": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6,
                 "七": 7, "八": 8, "九": 9}
_NUM = r"(?:[0-9]{1,2}|元|[一二三四五六七八九十]{1,3})"
_ERA_NAMES = "|".join(_BY_NAME)
_ERA_LETTERS = "".join(_BY_LETTER)
_SUFFIX = r"(?:年度分|年度|年)"

#: 令和5年度 / 令和 5 年度 / 平成31年 / 令和元年度 / 令和五年度
_KANJI_ERA = re.compile(rf"(?P<era>{_ERA_NAMES})\s*(?P<n>{_NUM})(?![0-9])(?:\s*(?P<suf>{_SUFFIX}))?")
#: R5 / H27 / R.5 / R5年度 (not inside a word: AYUCO, LED, kWh)
_LETTER_ERA = re.compile(rf"(?<![A-Za-z])(?P<era>[{_ERA_LETTERS}])\.?\s*(?P<n>[0-9]{{1,2}}|元)(?![0-9])(?:\s*(?P<suf>{_SUFFIX}))?")
#: 2023年度 / 2023
_WESTERN = re.compile(r"(?<![0-9])(?P<y>(?:18|19|20|21)[0-9]{2})(?![0-9])(?:\s*(?P<suf>年度分|年度|年))?")
#: 5年度 / 5 年度 / 元年度 / 27年度分 (a bare number needs 年度)
#: the era-less second bound of a range: the "4" of "R3~4"
_BOUND = re.compile(rf"(?P<n>{_NUM})(?![0-9])(?:\s*{_SUFFIX})?")
_BARE = re.compile(rf"(?<![0-9])(?P<n>{_NUM})\s*(?P<suf>年度分|年度)")


def _kanji_number(text: str) -> int | None:
    """元 -> 1; 一..九十九 -> int; ASCII digits -> int; else None."""
    if text == GANNEN:
        return 1
    if text.isascii() and text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        t = _KANJI_DIGITS.get(tens, None) if tens else 1
        o = _KANJI_DIGITS.get(ones, None) if ones else 0
        return None if t is None or o is None else t * 10 + o
    if len(text) == 1 and text in _KANJI_DIGITS:
        return _KANJI_DIGITS[text]
    return None


@dataclass(frozen=True)
class EraContext:
    """The era a document itself uses, and a reference year.

    ``era`` is an era name of :data:`normalize.vocabulary.ERAS` ("令和",
    "平成") found in the document (see :func:`context_from_text`) or None;
    ``reference_year`` a western year: the document's fiscal year if known,
    else the PDF's creation year, else None (then today is used).
    """

    era: str | None
    reference_year: int | None


def _today_year(today: date | None) -> int:
    return (today or date.today()).year


def era_year(year: int) -> tuple[str, int]:
    """The era name and era year of a western (fiscal) year.

    Args:
        year: western year >= 1868.
    Returns:
        (era name, N) of the latest era that had begun by that year:
        2019 -> ("令和", 1); 2018 -> ("平成", 30); 1989 -> ("平成", 1).
        For a fiscal year the later era wins (平成31年度 is printed 令和元年度
        from 2019 on).
    Raises:
        ValueError: year before 1868 (明治).
    """
    for name, _letter, first, _ in reversed(ERAS):
        if year >= first:
            return name, year - first + 1
    raise ValueError(f"no Japanese era for year {year}")


def format_fiscal_year(year: int, style: str = "kanji") -> str:
    """Print a western fiscal year the way the sheets do.

    Args:
        year: western year >= 1868.
        style: "kanji" -> "令和元年度", "平成27年度"; "letter" -> "R1", "H27".
    Returns:
        the label; :func:`fiscal_year_from_label` reads it back to ``year``.
    Raises:
        ValueError: unknown style or year before 1868.
    """
    name, n = era_year(year)
    if style == "kanji":
        return f"{name}{GANNEN if n == 1 else n}年度"
    if style == "letter":
        return f"{_BY_NAME[name][1]}{n}"
    raise ValueError(f"unknown style {style!r}")


def _plausible(era: str, n: int, reference_year: int | None, today: date | None) -> bool:
    """Whether year N of ``era`` is a plausible reading of a bare "N年度".

    N >= 1; the year may not lie more than :data:`FUTURE_HORIZON` years past
    the reference year (or today), and for a closed era not more than that
    past the era's end (平成32年度 in a 2018 plan is 2020, 平成45年度 is not).
    """
    if n < 1:
        return False
    year = _FIRST_YEAR[era] - 1 + n
    ref = reference_year if reference_year is not None else _today_year(today)
    if year > ref + FUTURE_HORIZON:
        return False
    last = _LAST_YEAR.get(era)
    return last is None or year <= last + FUTURE_HORIZON


def resolve_bare_year(n: int, ctx: EraContext | None = None, *, today: date | None = None) -> int | None:
    """Western year of a bare "N年度" (no era printed).  Rule ``era.bare_from_context``.

    Resolution (contract: "a bare 5年度 takes its era from the document's
    own context"):

    1. ``ctx.era`` is set and N is plausible in it (see :func:`_plausible`)
       -> that era: "27年度" and "31年度" in a 平成29 document -> 2015, 2019.
    2. else ``ctx.reference_year`` is set -> of 平成 N and 令和 N, the year
       nearest the reference year but not more than
       :data:`NEAREST_MAX_AHEAD` (5) years after it; a tie goes to 令和.
    3. else (no context) -> the most recent era (令和, then 平成) whose year
       N is not after today's year.

    Args:
        n: the printed number (>= 1; 元 is 1).
        ctx: document context or None.
        today: "today" for rule 3 (default ``date.today()``), for tests.
    Returns:
        the western year, or None when no candidate qualifies (n < 1).
    """
    if n < 1:
        return None
    if ctx is not None and ctx.era is not None and ctx.era in _FIRST_YEAR:
        if _plausible(ctx.era, n, ctx.reference_year, today):
            return _FIRST_YEAR[ctx.era] - 1 + n
    candidates = [_FIRST_YEAR[e] - 1 + n for e in BARE_CANDIDATE_ERAS]
    if ctx is not None and ctx.reference_year is not None:
        ref = ctx.reference_year
        ok = [y for y in candidates if y <= ref + NEAREST_MAX_AHEAD]
        if not ok:
            return None
        return min(ok, key=lambda y: (abs(y - ref), -y))
    now = _today_year(today)
    past = [y for y in candidates if y <= now]
    return max(past) if past else None


@dataclass(frozen=True)
class _YearHit:
    year: int
    rules: tuple[str, ...]
    start: int
    end: int


def _find_years(text: str, ctx: EraContext | None, today: date | None) -> list[_YearHit]:
    """All year tokens in folded ``text``, left to right, non-overlapping."""
    hits: list[_YearHit] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for m in _KANJI_ERA.finditer(text):
        n = _kanji_number(m.group("n"))
        if n is None or n < 1:
            continue
        era = m.group("era")
        rules = (_RULE_FOR_ERA[era],) + (("era.gannen",) if m.group("n") == GANNEN else ())
        hits.append(_YearHit(_FIRST_YEAR[era] - 1 + n, rules, m.start(), m.end()))
        taken.append((m.start(), m.end()))
    for m in _LETTER_ERA.finditer(text):
        if not free(m.start(), m.end()):
            continue
        n = _kanji_number(m.group("n"))
        if n is None or n < 1:
            continue
        era = _BY_LETTER[m.group("era")][0]
        rules = (_RULE_FOR_ERA[era],) + (("era.gannen",) if m.group("n") == GANNEN else ())
        hits.append(_YearHit(_FIRST_YEAR[era] - 1 + n, rules, m.start(), m.end()))
        taken.append((m.start(), m.end()))
    for m in _WESTERN.finditer(text):
        if not free(m.start(), m.end()):
            continue
        hits.append(_YearHit(int(m.group("y")), ("era.western",), m.start(), m.end()))
        taken.append((m.start(), m.end()))
    for m in _BARE.finditer(text):
        if not free(m.start(), m.end()):
            continue
        n = _kanji_number(m.group("n"))
        year = resolve_bare_year(n, ctx, today=today) if n is not None else None
        if year is None:
            continue
        rules = ("era.bare_from_context",) + (("era.gannen",) if m.group("n") == GANNEN else ())
        hits.append(_YearHit(year, rules, m.start(), m.end()))
        taken.append((m.start(), m.end()))
    hits.sort(key=lambda h: h.start)
    return hits


def fiscal_year_with_rules(label: str, ctx: EraContext | None = None, *,
                           today: date | None = None) -> tuple[int | None, tuple[str, ...]]:
    """Like :func:`fiscal_year_from_label`, also returning the rule ids that fired.

    Returns:
        (year or None, rule ids such as ("era.reiwa", "era.gannen")).
    """
    hits = _find_years(fold_width(label), ctx, today)
    if not hits:
        return None, ()
    return hits[0].year, hits[0].rules


def fiscal_year_from_label(label: str, ctx: EraContext | None = None, *,
                           today: date | None = None) -> int | None:
    """Western fiscal year named by a label.

    Args:
        label: e.g. "令和5年度", "令和 5 年度", "R5", "Ｒ５", "H27", "平成31年度",
            "令和元年度", "元年度", "5年度", "27年度", "2023年度", "2023",
            "現状値 (令和2年度)"; width is folded first.
        ctx: document context for bare "N年度" (see :func:`resolve_bare_year`).
        today: "today" for a bare year without context (default: the real date).
    Returns:
        the year of the first year token in the label (令和5年度 -> 2023,
        平成31年度 and 令和元年度 -> 2019), or None when the label carries no
        year ("計画策定時").  A bare number needs 年度 ("5年度"); a bare "5"
        is not a year, a four-digit 1800-2199 number is.
    """
    return fiscal_year_with_rules(label, ctx, today=today)[0]


def context_from_text(text: str, reference_year: int | None = None) -> EraContext:
    """The era a document uses, from its text.

    Args:
        text: document text (title, headings, cells); any width.
        reference_year: the document's fiscal year if known, else the PDF's
            creation year, else None; passed through unchanged.
    Returns:
        EraContext whose ``era`` is the era most often printed explicitly
        ("令和5年度", "平成27年度分", "R5", "H27"; bare "5年度" does not count),
        ties going to the latest era; None when no era is printed.
    """
    folded = fold_width(text)
    counts: Counter[str] = Counter()
    spans: list[tuple[int, int]] = []
    for m in _KANJI_ERA.finditer(folded):
        if _kanji_number(m.group("n")):
            counts[m.group("era")] += 1
            spans.append((m.start(), m.end()))
    for m in _LETTER_ERA.finditer(folded):
        if any(s <= m.start() < e for s, e in spans):
            continue
        if _kanji_number(m.group("n")):
            counts[_BY_LETTER[m.group("era")][0]] += 1
    if not counts:
        return EraContext(None, reference_year)
    order = [name for name, _, _, _ in ERAS]
    era = max(counts, key=lambda e: (counts[e], order.index(e)))
    return EraContext(era, reference_year)


_RANGE_MARKS = "~〜"
_OPEN_PAREN = "(（"
_CLOSE_PAREN = ")）"


@dataclass(frozen=True)
class _RangePrefix:
    years: list[int]
    start: int
    end: int


def _year_token(text: str, pos: int, ctx: EraContext | None, era_hint: str | None,
                today: date | None) -> tuple[int, str | None, int] | None:
    """Parse one year token at ``pos``: (year, era name or None, end)."""
    for pattern in (_KANJI_ERA, _LETTER_ERA):
        m = pattern.match(text, pos)
        if m:
            n = _kanji_number(m.group("n"))
            if n is None or n < 1:
                return None
            era = m.group("era") if pattern is _KANJI_ERA else _BY_LETTER[m.group("era")][0]
            return _FIRST_YEAR[era] - 1 + n, era, m.end()
    m = _BOUND.match(text, pos)
    if m and era_hint is not None:
        n = _kanji_number(m.group("n"))
        if n is None or n < 1:
            return None
        return _FIRST_YEAR[era_hint] - 1 + n, era_hint, m.end()
    return None


def _parse_range(text: str, pos: int, ctx: EraContext | None,
                 today: date | None) -> tuple[list[int], int] | None:
    """Parse "R3~4", "R3~R4", "令和3年～令和4年", "令和5年～", "R3・4" at ``pos``."""
    first = _year_token(text, pos, ctx, None, today)
    if first is None:
        return None
    start_year, era, end = first
    ws = re.compile(r"\s*")
    after = ws.match(text, end).end()
    if after < len(text) and text[after] in _RANGE_MARKS:
        after_mark = ws.match(text, after + 1).end()
        second = _year_token(text, after_mark, ctx, era, today)
        if second is not None and second[0] >= start_year:
            return list(range(start_year, second[0] + 1)), second[2]
        ref = ctx.reference_year if ctx is not None else None
        last = ref if ref is not None and ref >= start_year else start_year
        return list(range(start_year, last + 1)), after + 1
    years = [start_year]
    while after < len(text) and text[after] in "・、,":
        nxt = _year_token(text, ws.match(text, after + 1).end(), ctx, era, today)
        if nxt is None:
            break
        years.append(nxt[0])
        end = nxt[2]
        after = ws.match(text, end).end()
    return years, end


def fiscal_years_from_range(text: str, ctx: EraContext | None = None, *,
                            today: date | None = None) -> list[int]:
    """Every fiscal year a range label covers.  Rule ``era.range``.

    Args:
        text: "R3~4", "R3～4", "R3~R4", "令和3年～令和4年", "(令和3年～令和4年)",
            "令和5年～", "(令和5年～)"; also an enumeration "R3・4".  The second
            bound may omit the era (it takes the first's).  "~" and "〜"/"～"
            are range marks.
        ctx: its ``reference_year`` closes an open range ("令和5年～").
    Returns:
        the years in order, e.g. [2021, 2022]; an open range runs to
        ``ctx.reference_year`` when that is not before the start, else it is
        just the start year; [] when the text does not start with a year
        (after an optional opening parenthesis).
    """
    folded = fold_width(text).strip()
    pos = 1 if folded and folded[0] in _OPEN_PAREN else 0
    parsed = _parse_range(folded, pos, ctx, today)
    return parsed[0] if parsed else []


def _prefix_at(text: str, pos: int, ctx: EraContext | None,
               today: date | None) -> _RangePrefix | None:
    """A range prefix at ``pos``: "(…)" holding only a year range, or a bare
    year range followed by whitespace."""
    if text[pos] in _OPEN_PAREN:
        parsed = _parse_range(text, pos + 1, ctx, today)
        if parsed is None:
            return None
        years, end = parsed
        end = re.compile(r"\s*").match(text, end).end()
        if end < len(text) and text[end] in _CLOSE_PAREN:
            return _RangePrefix(years, pos, end + 1)
        return None
    parsed = _parse_range(text, pos, ctx, today)
    if parsed is None:
        return None
    years, end = parsed
    if end < len(text) and text[end].isspace():
        return _RangePrefix(years, pos, end)
    return None


def split_ranged_labels(text: str, ctx: EraContext | None = None, *,
                        today: date | None = None) -> list[tuple[list[int], str]]:
    """Split a cell naming different labels for different years.  Rule ``era.range``.

    Seed 004 prints an indicator that changed in 令和5年度 as
    "R3~4 産学共同研究事業補助金交付件数 R5 あつぎ生まれのロボット発信事業実施件数"
    and "(令和3年～令和4年)産学共同研究事業補助金交付件数 (令和5年～)あつぎ生まれの…".

    A prefix is a parenthesised year range, or an unparenthesised year range
    (R3~4, R5, 令和5年度) followed by whitespace, at the start of the text or
    after whitespace.  The text is split only when it starts with a prefix.

    Args:
        text: the cell text (any width; labels are returned as printed,
            stripped — width-folded only where folding moved characters).
        ctx: context for open ranges / bare years (see
            :func:`fiscal_years_from_range`).
    Returns:
        [(years, label), ...] in printed order, e.g.
        [([2021, 2022], "産学共同研究事業補助金交付件数"),
         ([2023], "あつぎ生まれのロボット発信事業実施件数")];
        [([], text)] (text as given) when the text starts with no prefix.
    """
    folded = fold_width(text).strip()
    if not folded:
        return [([], text)]
    first = _prefix_at(folded, 0, ctx, today)
    if first is None:
        return [([], text)]
    prefixes = [first]
    pos = first.end
    while pos < len(folded):
        if pos > prefixes[-1].end and folded[pos - 1].isspace() and not folded[pos].isspace():
            p = _prefix_at(folded, pos, ctx, today)
            if p is not None and p.end < len(folded):
                prefixes.append(p)
                pos = p.end
                continue
        pos += 1
    # labels as printed (widths kept, like every other indicator name) where
    # folding kept every character in place; else the folded text
    printed = text.strip()
    source = printed if len(printed) == len(folded) else folded
    out: list[tuple[list[int], str]] = []
    for i, p in enumerate(prefixes):
        stop = prefixes[i + 1].start if i + 1 < len(prefixes) else len(folded)
        out.append((p.years, source[p.end:stop].strip()))
    return out
