"""When a sheet was published: the date it prints, else the PDF's dates.

A document_key's versions are ordered by publication
(sql/core/core_document_versions.sql), so each sheet carries
``published_at`` (an ISO-8601 date, or a reduced ``YYYY-MM`` when only the
month is printed) and ``published_source``, one of :data:`SOURCES`:

1. ``printed`` — a date the sheet prints as its own: labelled with one of
   :data:`normalize.vocabulary.PUBLICATION_DATE_LABELS` (作成日：令和5年7月1日,
   令和5年7月1日更新, 公表日 2023/7/1), or a dateline standing alone on a line
   of the sheet's first page outside its tables (令和5年7月1日, 2023年7月);
   the latest of them when several are printed (作成日 and 更新日).  Dates in
   running text (令和3年3月の条例改正) or dating a figure (職員数は平成28年4月1日
   現在, seed 003) are not publication dates and are not read;
2. ``pdf_moddate`` — else the PDF's ModDate (when it was last written);
3. ``pdf_creationdate`` — else its CreationDate;
4. neither: (None, None).

Era years are calendar years here (令和5年7月1日 = 2023-07-01; 令和元年 =
2019; 平成31年4月 = 2019-04), from :data:`normalize.vocabulary.ERAS`; an era
date before the era's first day (令和元年4月) is not a date.  Which rule
dated a sheet is stored with it (``published_source``), not as a rule id.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from hyoka.extract.model import ExtractedDocument
from hyoka.normalize.era import _kanji_number
from hyoka.normalize.vocabulary import ERAS, PUBLICATION_DATE_LABELS
from hyoka.normalize.width import fold_width

#: published_source values (sql/ddl/003_sheets.sql), in order of preference.
SOURCES = ("printed", "pdf_moddate", "pdf_creationdate")

_ERA = {name: (first, start) for name, _, first, start in ERAS}
_ERA.update({letter: _ERA[name] for name, letter, _, _ in ERAS})
_N = r"(?:[0-9]{1,4}|元|[〇一二三四五六七八九十]{1,3})"
#: 令和5年7月1日 / 令和 5 年 7 月 / 2023年7月1日 / R5年7月1日 / 令和五年七月一日
_KANJI_DATE = (rf"(?P<era>{'|'.join(n for n, *_ in ERAS)}|[{''.join(l for _, l, *_ in ERAS)}])?\s*"
               rf"(?P<y>{_N})\s*年\s*(?P<m>{_N})\s*月(?:\s*(?P<d>{_N})\s*日)?")
#: 2023/7/1, 2023-07-01, 2023.7.1, R5.7.1, 令和5.7.1 (day required)
_NUMERIC_DATE = (rf"(?P<era2>{'|'.join(n for n, *_ in ERAS)}|[{''.join(l for _, l, *_ in ERAS)}])?\s*"
                 r"(?P<y2>[0-9]{1,4})\s*[/.\-]\s*(?P<m2>[0-9]{1,2})\s*[/.\-]\s*(?P<d2>[0-9]{1,2})(?![0-9])")
_DATE = rf"(?:{_KANJI_DATE}|{_NUMERIC_DATE})"
_LABELS = "|".join(sorted(map(re.escape, PUBLICATION_DATE_LABELS), key=len, reverse=True))
_OPEN, _CLOSE = r"[(\[【〔「<]", r"[)\]】〕」>]"
#: label first: "作成日：令和5年7月1日", "（更新 2023/7/1）" — the label opens the line or a bracket
_LABEL_FIRST = re.compile(rf"(?:^|{_OPEN}|\s)(?:{_LABELS})\s*[:：]?\s*(?P<date>{_DATE})")
#: date first: "令和5年7月1日作成", "(2023年7月 更新)" — the label closes the line or a bracket
_DATE_FIRST = re.compile(rf"(?P<date>{_DATE})\s*(?:{_LABELS})\s*(?:$|{_CLOSE})")
#: a dateline: the whole line is one date, perhaps bracketed
_DATELINE = re.compile(rf"^{_OPEN}?\s*(?P<date>{_KANJI_DATE}|{_NUMERIC_DATE})\s*{_CLOSE}?$")
_ANY_DATE = re.compile(_DATE)


def _number(text: str | None) -> int | None:
    """A printed number (digits, 元, kanji numerals) as int, None when absent or unreadable."""
    return None if text is None else _kanji_number(text)


def parse_date(text: str) -> str | None:
    """The ISO-8601 date of one printed date expression, else None.

    ``text``: e.g. "令和5年7月1日" -> "2023-07-01", "2023年7月" -> "2023-07"
    (month precision), "R5.7.1" -> "2023-07-01", "令和元年5月1日" ->
    "2019-05-01".  An era year needs an era name or letter; a year without
    one must be western (4 digits).  None for an impossible date (2月30日,
    令和元年4月: before the era began) or an era year past the next era.
    Pure; full-width digits are folded first.
    """
    m = _ANY_DATE.fullmatch(fold_width(text).strip())
    if not m:
        return None
    g = m.groupdict()
    era = g["era"] or g["era2"]
    y, mo, d = (_number(g["y"]), _number(g["m"]), _number(g["d"])) if g["y"] is not None else \
        (_number(g["y2"]), _number(g["m2"]), _number(g["d2"]))
    if y is None or mo is None or (d is None and (g["d"] is not None or g["d2"] is not None)):
        return None
    if era:
        first, start = _ERA[era]
        if not 1 <= y <= 99:
            return None
        y = first - 1 + y
    elif y < 1868 or y > 2199:
        return None
    try:
        day = date(y, mo, d or 1)
    except ValueError:
        return None
    if era:
        if (day.year, day.month) < (start.year, start.month) or (d is not None and day < start):
            return None
        later = [s for _, _, _, s in ERAS if s > start]
        if later and day >= later[0] and (d is not None or (day.year, day.month) > (later[0].year, later[0].month)):
            return None  # 平成32年 is not a date (令和2年): plans print such years, publications do not
    return day.isoformat() if d is not None else day.isoformat()[:7]


def labelled_dates(text: str) -> list[str]:
    """Every publication date labelled in one printed line or cell, as ISO
    dates (see :func:`parse_date`), in the order printed.

    Label first ("作成日：令和5年7月1日": the label opens the text, a bracket or
    follows a space) or date first ("令和5年7月1日作成": the label closes the
    text or a bracket).  Running text ("令和3年3月の条例改正を…作成し") gives
    none.  Pure.
    """
    folded = fold_width(text).strip()
    out: list[str] = []
    for pattern in (_LABEL_FIRST, _DATE_FIRST):
        for m in pattern.finditer(folded):
            iso = parse_date(m.group("date"))
            if iso:
                out.append(iso)
    return out


def dateline(text: str) -> str | None:
    """The ISO date of a line that is nothing but a date ("令和5年7月1日",
    "（2023年7月）"), else None.  Pure."""
    m = _DATELINE.match(fold_width(text).strip())
    return parse_date(m.group("date")) if m else None


def printed_date(lines: Iterable[str], datelines: Iterable[str] = ()) -> str | None:
    """The publication date a sheet prints: the latest of the labelled dates
    in ``lines`` (every printed line of the sheet) and of the datelines among
    ``datelines`` (lines where a date alone may stand for the sheet's date:
    its first page outside tables), as an ISO date; None when it prints none.

    Dates compare as ISO text, so a month-only "2023-07" sorts before any day
    of July 2023.  Pure.
    """
    found = [d for line in lines for d in labelled_dates(line)]
    found += [d for line in datelines if (d := dateline(line))]
    return max(found) if found else None


def publication(sheet: ExtractedDocument, file: ExtractedDocument | None = None) -> tuple[str | None, str | None]:
    """(published_at, published_source) of one sheet (module doc: printed date,
    else the file's ModDate, else its CreationDate; (None, None) when none).

    ``sheet``: the sheet's pages (normalize.split.sheet_document); ``file``:
    the whole file, whose PDF dates apply to every sheet it binds (default:
    ``sheet``).  Pure.
    """
    file = file or sheet
    lines = [line.text for page in sheet.pages for line in page.lines]
    free: list[str] = []
    if sheet.pages:
        first = sheet.pages[0]
        boxes = [t.bbox for t in first.tables]
        free = [line.text for line in first.lines if not any(b.contains(line.bbox, 1) for b in boxes)]
    printed = printed_date(lines, free)
    if printed:
        return printed, "printed"
    if file.mod_date:
        return file.mod_date, "pdf_moddate"
    if file.creation_date:
        return file.creation_date, "pdf_creationdate"
    return None, None
