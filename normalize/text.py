"""Narrative text rules: joining wrapped lines, bullet marks, furigana.

Contract (v_text_blocks.text): "the block's text with wrapped lines joined
and bullet marks (・ ● ⇒ -) removed"; (v_indicator_values.indicator_name):
"wrapped lines joined, no stray spaces".  Rule ids: ``text.join_wrapped``,
``text.strip_bullet``, ``text.ruby``.
"""
from __future__ import annotations

#: Bullet marks that open an item (seed 000 ・ ⇒ ○; seed 001 ● ○ ■ □; seed 002
#: ●; seed 004 ・; contract ・ ● ⇒ -).  Circled numbers ①..⑳ are NOT bullets:
#: they are enumerators that carry meaning (seed 003 目標 ①–⑤, seed 001
#: 進捗状況 ③, policy codes) and stay in the text.
BULLET_MARKS: tuple[str, ...] = (
    "・", "･", "●", "○", "◎", "◯", "■", "□", "◆", "◇", "▪", "•", "⇒", "→", "➡", "※",
)
#: Dash-like bullets count only when followed by whitespace, so that "-1,200"
#: or "－" (not applicable) are not taken for a bulleted item.
DASH_BULLETS: tuple[str, ...] = ("-", "－", "–", "—")

#: ASCII characters after which a wrapped line continues with a space.
_SPACE_AFTER = ".,;:!?)]"
_SPACE_BEFORE = "(["


def _needs_space(left: str, right: str) -> bool:
    left_ok = left.isascii() and (left.isalnum() or left in _SPACE_AFTER)
    right_ok = right.isascii() and (right.isalnum() or right in _SPACE_BEFORE)
    return left_ok and right_ok


def join_wrapped(lines: list[str]) -> str:
    """Join the wrapped lines of ONE paragraph.  Rule ``text.join_wrapped``.

    Args:
        lines: the paragraph's lines in reading order.
    Returns:
        each line stripped, blank lines dropped, joined with nothing between
        them except a single space where an ASCII word character (or ASCII
        sentence punctuation .,;:!?)) meets an ASCII word character (or "(")
        — "産業間連携ネットワークに" + "よる新商品" -> "産業間連携ネットワークによる新商品";
        "Smart" + "City" -> "Smart City"; "IoT" + "導入" -> "IoT導入".
        Spaces inside a line are kept.
    """
    out = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if out and _needs_space(out[-1], line[0]):
            out += " "
        out += line
    return out


def strip_bullet(text: str) -> tuple[str | None, str]:
    """Split a leading bullet mark from an item.  Rule ``text.strip_bullet``.

    Args:
        text: an item's text, e.g. "・創業前後の…", "⇒各業界の…", "- 企業の…",
            "①融資制度…".
    Returns:
        (mark, rest): the first mark as printed (one of :data:`BULLET_MARKS`,
        or a dash of :data:`DASH_BULLETS` followed by whitespace) and the text
        after it with every further leading mark and whitespace removed
        ("- ・達成見込み" -> ("-", "達成見込み")); (None, text stripped) when the
        text does not start with a mark (circled numbers are not marks).
    """
    rest = text.strip()
    first: str | None = None
    while rest:
        mark = _leading_mark(rest)
        if mark is None:
            break
        first = first or mark
        rest = rest[len(mark):].lstrip()
    return first, rest


def _leading_mark(text: str) -> str | None:
    for mark in BULLET_MARKS:
        if text.startswith(mark):
            return mark
    for mark in DASH_BULLETS:
        if text.startswith(mark) and len(text) > len(mark) and text[len(mark)].isspace():
            return mark
    return None


def is_bullet_start(line: str) -> bool:
    """Whether a line opens a bulleted item (see :func:`strip_bullet`).

    Args:
        line: one printed line.
    Returns:
        True when it starts (after whitespace) with a bullet mark.
    """
    return _leading_mark(line.strip()) is not None


def split_paragraphs_by_bullets(lines: list[str]) -> list[tuple[str | None, str]]:
    """Group lines into bulleted items.  Rules ``text.strip_bullet``, ``text.join_wrapped``.

    Args:
        lines: printed lines in reading order.
    Returns:
        [(mark, text)] — a new item starts at each line that
        :func:`is_bullet_start`; lines before the first bullet form an item
        with mark None; each item's lines are joined with
        :func:`join_wrapped` and its mark removed.  Blank lines are skipped;
        items with no text are dropped.
    """
    groups: list[list[str]] = []
    for line in lines:
        if not line.strip():
            continue
        if not groups or is_bullet_start(line):
            groups.append([line])
        else:
            groups[-1].append(line)
    items: list[tuple[str | None, str]] = []
    for group in groups:
        mark, rest = strip_bullet(join_wrapped(group))
        if rest:
            items.append((mark, rest))
    return items


def _is_kana_only(text: str) -> bool:
    has_kana = False
    for ch in text:
        if ch.isspace():
            continue
        if "\u3041" <= ch <= "\u30ff" or "\uff66" <= ch <= "\uff9f":
            has_kana = True
            continue
        return False
    return has_kana


#: A line is furigana when its font is smaller than this share of the
#: largest font among the lines (ruby is printed at about half size).
RUBY_SIZE_RATIO = 0.75


def remove_ruby(lines: list[tuple[str, float]]) -> tuple[list[str], bool]:
    """Drop furigana (ruby) lines.  Rule ``text.ruby``.

    Seed 003 prints a small "とりい かえい" above "鳥居 替" in the 課長名
    column; extraction reads it as a line of its own.

    Args:
        lines: (text, font size in points) per line, in reading order.
    Returns:
        (kept line texts in order, True if any line was dropped).  A line is
        dropped when it is kana only (hiragana, katakana, ー, spaces) and its
        size is < :data:`RUBY_SIZE_RATIO` x the largest size among ``lines``.
    """
    if not lines:
        return [], False
    largest = max(size for _, size in lines)
    kept = [text for text, size in lines
            if not (_is_kana_only(text) and size < RUBY_SIZE_RATIO * largest)]
    return kept, len(kept) != len(lines)
