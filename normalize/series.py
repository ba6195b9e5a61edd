"""Indicator series: link the same indicator printed in different sheets.

A city re-words, re-wraps and re-brackets its indicator names from one
fiscal year's sheet to the next (e.g. "経営に関する相談件数（年間）" in 令和5年度,
"経営相談件数（年間）" in 令和4年度; 【年間】 vs （年間）).  This module
decides, for every printed name of one (municipality, template), which
canonical indicator it belongs to, keeping the score, and lists the
ambiguous cases for review instead of guessing.  Pure: names in, links out;
the warehouse side is ``load/series.py``.

Rules (issue 3, "Indicator series"):

- The canonical name of a series is the wording of the latest sheet that
  prints it (names are visited latest document_fiscal_year first).
- ``exact``: the same :func:`normalize.vocabulary.label_key` (width,
  brackets, spaces and wrapping differ only).
- ``fuzzy``: rapidfuzz ``fuzz.ratio`` of the keys >= :data:`LINK_THRESHOLD`,
  the best candidate ahead of the next by at least :data:`LINK_MARGIN`,
  and the units agree where both are printed.
- ``review``: some candidate scores >= :data:`REVIEW_THRESHOLD` but the
  link is not clear (below the link threshold, a close rival, or another
  unit): the name stays a series of its own, and its candidates are listed.
- Two names printed in the same document are never linked to each other
  (a sheet does not print one indicator twice under two names).
- ``mapping``: a reviewed mapping (printed name -> canonical name, or
  :data:`KEEP_SEPARATE`) always wins.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from hyoka.normalize.vocabulary import label_key

#: Score (0-100, rapidfuzz fuzz.ratio of label keys) from which a name is linked.
LINK_THRESHOLD = 90.0
#: The best candidate must lead the next one by this many points to be linked.
LINK_MARGIN = 5.0
#: Score from which a candidate is listed for review.
REVIEW_THRESHOLD = 70.0
#: canonical_name in a mapping that keeps the printed name a series of its own.
KEEP_SEPARATE = "-"
#: Link methods, as stored in indicator_links.method.
METHODS = ("canonical", "exact", "fuzzy", "mapping", "review")


@dataclass(frozen=True)
class PrintedName:
    """One indicator name as printed in one or more sheets of a series group.

    ``name``: the indicator_name of v_indicator_values; ``latest_year``: the
    highest document_fiscal_year printing it (None sorts last); ``documents``:
    the SHA-256s of the sheets printing it; ``units``: the units printed with it.
    """

    name: str
    latest_year: int | None
    documents: frozenset[str]
    units: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Link:
    """Where one printed name belongs: ``canonical_name`` of its series,
    ``method`` (one of :data:`METHODS`), ``score`` (0-100; None for
    ``canonical``/``mapping``) and, for ``review``, ``candidates``:
    [(canonical name, score)] best first."""

    name: str
    canonical_name: str
    method: str
    score: float | None = None
    candidates: tuple[tuple[str, float], ...] = ()


@dataclass
class _Series:
    canonical: PrintedName
    key: str
    documents: set[str] = field(default_factory=set)
    units: set[str] = field(default_factory=set)


def link_names(names: Iterable[PrintedName], mappings: Mapping[str, str] | None = None) -> list[Link]:
    """Link every printed name of one (municipality, template) to a series.

    Args:
        names: the distinct printed names with their latest year, documents
            and units.
        mappings: reviewed decisions {printed name: canonical name or
            :data:`KEEP_SEPARATE`}; a canonical name that is itself printed
            joins that name's series, otherwise it names a new series.
    Returns:
        one :class:`Link` per name, in the order visited (latest year first,
        then name), deterministic for the same input.
    """
    mappings = dict(mappings or {})
    ordered = sorted(names, key=lambda n: (-(n.latest_year if n.latest_year is not None else -10**6), n.name))
    series: list[_Series] = []
    links: dict[str, Link] = {}
    for printed in ordered:
        if printed.name in mappings:
            continue
        key = label_key(printed.name)
        same = [s for s in series if s.key == key and not (s.documents & printed.documents)]
        if same:
            target = same[0]
            links[printed.name] = Link(printed.name, target.canonical.name, "exact", 100.0)
            target.documents |= printed.documents
            target.units |= printed.units
            continue
        scored = sorted(((round(fuzz.ratio(key, s.key), 1), s) for s in series
                         if not (s.documents & printed.documents)),
                        key=lambda t: (-t[0], t[1].canonical.name))
        candidates = [(score, s) for score, s in scored if score >= REVIEW_THRESHOLD]
        if candidates:
            best_score, best = candidates[0]
            rival = candidates[1][0] if len(candidates) > 1 else None
            units_agree = not (best.units and printed.units) or bool(best.units & printed.units)
            if best_score >= LINK_THRESHOLD and (rival is None or best_score - rival >= LINK_MARGIN) and units_agree:
                links[printed.name] = Link(printed.name, best.canonical.name, "fuzzy", best_score)
                best.documents |= printed.documents
                best.units |= printed.units
                continue
            own = _Series(printed, key, set(printed.documents), set(printed.units))
            series.append(own)
            links[printed.name] = Link(printed.name, printed.name, "review", best_score,
                                       tuple((s.canonical.name, score) for score, s in candidates))
            continue
        series.append(_Series(printed, key, set(printed.documents), set(printed.units)))
        links[printed.name] = Link(printed.name, printed.name, "canonical")
    for printed in ordered:
        if printed.name not in mappings:
            continue
        target = mappings[printed.name]
        if target == KEEP_SEPARATE or target == printed.name:
            links[printed.name] = Link(printed.name, printed.name, "mapping")
        else:
            joined = links.get(target)
            links[printed.name] = Link(printed.name, joined.canonical_name if joined else target, "mapping")
    return [links[p.name] for p in ordered]
