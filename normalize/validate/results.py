"""``finding.result_label_mismatch``: a printed 結果 verdict against its 達成率.

The thresholds come from the sheet's own legend (seed 004 〔結果の見方〕:
"・達成見込み … 達成率100%以上", "・概ね達成見込み … 達成率80%以上100%未満",
"・未達成見込み … 達成率80%未満"), read from the page text, so a sheet that
prints other thresholds is judged by its own; without a readable legend,
by the template's ``[validate] result_thresholds``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from hyoka.extract.model import ExtractedDocument
from hyoka.normalize.facts import DocumentFacts, FactRef, Finding
from hyoka.normalize.validate.common import (Config, as_decimal, finding, measure_label, printed,
                                       printed_decimals, quantum, year_label)
from hyoka.normalize.vocabulary import ESTIMATE_MARKS, RESULT_VERDICTS, THRESHOLD_WORDS, label_key
from hyoka.normalize.width import fold_width

RULE_ID = "finding.result_label_mismatch"

#: Lines read after the legend heading (the seed prints three threshold lines).
LEGEND_LINES = 6

_VERDICT = "|".join(map(re.escape, RESULT_VERDICTS))
_ESTIMATE = "|".join(map(re.escape, ESTIMATE_MARKS))
_WORD = "|".join(map(re.escape, sorted(THRESHOLD_WORDS, key=len, reverse=True)))
_RATE_LABEL = re.escape(measure_label("achievement_rate"))
_BOUND = rf"([0-9]+(?:\.[0-9]+)?)\s*%\s*({_WORD})"
_RANGE = rf"(?:{_RATE_LABEL}\s*[がは]?\s*)?{_BOUND}(?:\s*{_BOUND})?"
_SEP = r"[\s…‥・:=\-→⇒。、,]*"
#: "達成見込み … 達成率100%以上" (verdict first, seed 004).
_VERDICT_FIRST = re.compile(rf"({_VERDICT})(?:{_ESTIMATE})?{_SEP}{_RANGE}")
#: "達成率100%以上 … 達成" / "100%以上:達成" (thresholds first).
_RANGE_FIRST = re.compile(rf"{_RANGE}{_SEP}({_VERDICT})(?:{_ESTIMATE})?")


@dataclass(frozen=True)
class Band:
    """One verdict's range of 達成率 in percent: ``low``/``high`` are None
    when open; ``low_inclusive``/``high_inclusive`` say whether the bound
    itself belongs to the band (以上/以下 yes, 超/未満 no)."""

    verdict: str
    low: Decimal | None = None
    low_inclusive: bool = True
    high: Decimal | None = None
    high_inclusive: bool = False

    def contains(self, rate: Decimal) -> bool:
        """Whether ``rate`` (percent) falls in the band."""
        if self.low is not None and (rate < self.low or (rate == self.low and not self.low_inclusive)):
            return False
        if self.high is not None and (rate > self.high or (rate == self.high and not self.high_inclusive)):
            return False
        return True

    def describe(self) -> str:
        """The band in the legend's own words: "概ね達成 80%以上100%未満"."""
        words: dict[str, str] = {}
        for word, op in THRESHOLD_WORDS.items():
            words.setdefault(op, word)
        parts = []
        if self.low is not None:
            parts.append(f"{self.low.normalize():f}%{words['>=' if self.low_inclusive else '>']}")
        if self.high is not None:
            parts.append(f"{self.high.normalize():f}%{words['<=' if self.high_inclusive else '<']}")
        return f"{self.verdict} {''.join(parts)}"


def _band(verdict: str, bounds: list[tuple[str, str]]) -> Band:
    low = high = None
    low_inc, high_inc = True, False
    for number, word in bounds:
        op = THRESHOLD_WORDS[word]
        if op in (">=", ">"):
            low, low_inc = Decimal(number), op == ">="
        else:
            high, high_inc = Decimal(number), op == "<="
    return Band(verdict, low, low_inc, high, high_inc)


def parse_legend(text: str) -> tuple[Band, ...]:
    """The verdict bands a legend text states.

    Args:
        text: the legend's lines joined, e.g. "〔結果の見方〕 ・達成見込み …
            達成率100%以上 ・概ね達成見込み … 達成率80%以上100%未満 ・未達成見込み
            … 達成率80%未満" (other text on the same lines is ignored).
    Returns:
        one :class:`Band` per verdict of :data:`vocabulary.RESULT_VERDICTS`
        found with a threshold (以上/超/以下/未満, :data:`vocabulary.THRESHOLD_WORDS`),
        in printed order, first statement of a verdict wins; verdict-first
        ("達成見込み … 達成率100%以上") and thresholds-first ("達成率100%以上：
        達成") readings are both tried and the one stating more verdicts
        (then starting earlier) is kept; empty when fewer than two verdicts
        are stated (not a usable legend).
    """
    folded = fold_width(text)
    best: tuple[tuple[int, int], dict[str, Band]] = ((0, 0), {})
    for pattern, verdict_first in ((_VERDICT_FIRST, True), (_RANGE_FIRST, False)):
        bands: dict[str, Band] = {}
        start = None
        for m in pattern.finditer(folded):
            g = m.groups()
            verdict, nums = (g[0], g[1:5]) if verdict_first else (g[4], g[0:4])
            bounds = [(nums[i], nums[i + 1]) for i in (0, 2) if nums[i] is not None]
            bands.setdefault(verdict, _band(verdict, bounds))
            start = m.start() if start is None else start
        # The reading that states more verdicts wins; on a tie, the one starting
        # first ("達成率100%以上:達成 達成率80%以上…" is thresholds-first).
        score = (len(bands), -(start or 0))
        if len(bands) >= 2 and score > best[0]:
            best = (score, bands)
    bands = best[1]
    return tuple(bands.values())


def legend_bands(doc: ExtractedDocument, heading: str) -> dict[int, tuple[Band, ...]]:
    """Page number -> the bands of the legend printed on that page.

    Args:
        doc: the extracted document (its page lines).
        heading: the legend heading, e.g. 〔結果の見方〕 (compared as
            ``vocabulary.label_key``).
    Returns:
        for each page printing the heading with a usable legend in the
        heading's line and the :data:`LEGEND_LINES` lines after it, its bands.
    """
    out: dict[int, tuple[Band, ...]] = {}
    want = label_key(heading)
    for page in doc.pages:
        for i, line in enumerate(page.lines):
            if want and want in label_key(line.text):
                bands = parse_legend(" ".join(l.text for l in page.lines[i: i + 1 + LEGEND_LINES]))
                if bands:
                    out[page.number] = bands
                    break
    return out


def template_bands(config: Config) -> tuple[Band, ...]:
    """The template's fallback bands (``[validate] result_thresholds``)."""
    out = []
    for t in config.result_thresholds:
        low = Decimal(str(t["min"])) if "min" in t else None
        high = Decimal(str(t["below"])) if "below" in t else None
        out.append(Band(t["verdict"], low, True, high, False))
    return tuple(out)


def base_verdict(text: str) -> str | None:
    """The base verdict of a printed 結果 ("概ね達成見込み" -> "概ね達成"), or None."""
    key = "".join(fold_width(text).split())
    for mark in ESTIMATE_MARKS:
        if key.endswith(mark):
            key = key[: -len(mark)]
            break
    return key if key in RESULT_VERDICTS else None


def possible_verdicts(bands: tuple[Band, ...], rate: Decimal, decimals: int) -> set[str]:
    """Verdicts the unrounded rate behind a printed one may have had.

    A rate printed as 99.9 at one decimal was in [99.85, 100.0) if rounded
    half up, or in [99.9, 100.0) if truncated; the sheet may have judged the
    unrounded figure, so every band meeting [rate - q/2, rate + q) counts
    (q = the unit of the last printed digit).
    """
    q = quantum(decimals)
    low, high = rate - q / 2, rate + q
    points = {low, rate}
    for b in bands:
        for edge in (b.low, b.high):
            if edge is not None and low <= edge < high:
                points.add(edge)
                points.add(edge - q / 1000)
    points = {p for p in points if low <= p < high}
    return {b.verdict for b in bands for p in points if b.contains(p)}


def check_result_labels(doc: ExtractedDocument, facts: DocumentFacts, groups: dict[tuple, list[int]],
                        config: Config) -> list[Finding]:
    """Every printed 結果 verdict its printed 達成率 does not earn.

    Thresholds: the legend (``config.result_legend``, default 〔結果の見方〕)
    printed on the verdict's page, else the first legend of the document,
    else the template's ``result_thresholds``; with none, nothing is judged.
    A 結果 and a 達成率 of the same indicator and fiscal year, both status
    ``ok``, are compared; the 見込み form of a verdict is judged like the
    verdict ("達成見込み" as 達成).  The rate's printed rounding is allowed
    for (:func:`possible_verdicts`).

    Returns:
        findings (severity ``error``), in indicator then year order; the
        message names the threshold source (legend and page, or template).
    """
    legends = legend_bands(doc, config.result_legend)
    fallback = template_bands(config)
    first_legend = min(legends) if legends else None
    ivs = facts.indicators
    out: list[Finding] = []
    for indices in groups.values():
        rates: dict[int, int] = {}
        for i in indices:
            iv = ivs[i]
            if iv.measure == "achievement_rate" and iv.value.status == "ok" and iv.value.value is not None:
                rates.setdefault(iv.fiscal_year, i)
        for i in indices:
            iv = ivs[i]
            if iv.measure != "result" or iv.value.status != "ok" or iv.fiscal_year not in rates:
                continue
            verdict = base_verdict(iv.value.value_text)
            r = rates[iv.fiscal_year]
            decimals = printed_decimals(ivs[r].value)
            if verdict is None or decimals is None:
                continue
            page = iv.provenance.page
            if page in legends:
                bands, source = legends[page], f"legend {config.result_legend} on page {page}"
            elif first_legend is not None:
                bands, source = legends[first_legend], f"legend {config.result_legend} on page {first_legend}"
            elif fallback:
                bands, source = fallback, f"template {config.template_name} default (no legend printed)"
            else:
                continue
            rate = as_decimal(ivs[r].value)
            allowed = possible_verdicts(bands, rate, decimals)
            if not allowed or verdict in allowed:
                continue
            expected = " or ".join(b.verdict for b in bands if b.verdict in allowed)
            message = (f"{iv.indicator_name} {year_label(iv.fiscal_year)}: {measure_label('result')} printed "
                       f"{printed(iv.value)} but {measure_label('achievement_rate')} {printed(ivs[r].value)} "
                       f"is {expected} by the {source} ({', '.join(b.describe() for b in bands)})")
            out.append(finding(RULE_ID, "error", message,
                               [(FactRef("indicator", i), page), (FactRef("indicator", r), ivs[r].provenance.page)]))
    return out
