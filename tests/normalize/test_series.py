"""Indicator series linking (normalize/series.py) on the sheets' real names."""
from __future__ import annotations

import csv
import itertools

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from hyoka.normalize.series import (KEEP_SEPARATE, LINK_THRESHOLD, REVIEW_THRESHOLD, PrintedName,
                              link_names)
from hyoka.normalize.vocabulary import label_key
from tests.conftest import EXPECTED


def _names(sample: str) -> list[str]:
    with open(EXPECTED / f"{sample}.indicator_values.csv", encoding="utf-8") as f:
        return sorted({r["indicator_name"] for r in csv.DictReader(f)})


ATSUGI = _names("004")
HIRATSUKA = _names("000")


def test_distinct_indicators_of_one_sheet_score_below_review():
    """The thresholds leave room: no two different indicators of 004 (31
    names) or 000 come near the review threshold against each other."""
    for names in (ATSUGI, HIRATSUKA):
        worst = max(fuzz.ratio(label_key(a), label_key(b)) for a, b in itertools.combinations(names, 2))
        assert worst < REVIEW_THRESHOLD - 5, worst


def test_same_sheet_reprinted_links_every_name_to_itself():
    """004 (令和5年度) and 004v2 (令和4年度) print the same 31 names: 31 canonical series, nothing to review."""
    printed = [PrintedName(n, 2023, frozenset({"r5", "r4"})) for n in ATSUGI]
    links = link_names(printed)
    assert {(l.name, l.canonical_name, l.method) for l in links} == {(n, n, "canonical") for n in ATSUGI}


def test_older_wording_links_exact_fuzzy_or_review():
    latest = [PrintedName(n, 2023, frozenset({"r5"}), frozenset({"人"})) for n in ("創業者数（年間）",)] + \
             [PrintedName("経営に関する相談件数（年間）", 2023, frozenset({"r5"}), frozenset({"件"})),
              PrintedName("名産品協議会が各種物産展等に出店した日数（年間）", 2023, frozenset({"r5"}), frozenset({"日"}))]
    older = [PrintedName("創業者数【年間】", 2022, frozenset({"r4"}), frozenset({"人"})),
             PrintedName("経営相談件数（年間）", 2022, frozenset({"r4"}), frozenset({"件"})),
             PrintedName("名産品協議会が物産展等に出店した日数（年間）", 2022, frozenset({"r4"}), frozenset({"日"}))]
    links = {l.name: l for l in link_names(latest + older)}
    assert (links["創業者数【年間】"].method, links["創業者数【年間】"].canonical_name) == ("exact", "創業者数（年間）")
    fuzzy = links["名産品協議会が物産展等に出店した日数（年間）"]
    assert fuzzy.method == "fuzzy" and fuzzy.score >= LINK_THRESHOLD
    review = links["経営相談件数（年間）"]
    assert (review.method, review.canonical_name) == ("review", "経営相談件数（年間）")
    assert review.candidates == (("経営に関する相談件数（年間）", 83.3),)


def test_a_fuzzy_match_in_another_unit_is_only_reviewed():
    latest = PrintedName("名産品協議会が各種物産展等に出店した日数（年間）", 2023, frozenset({"a"}), frozenset({"日"}))
    older = PrintedName("名産品協議会が物産展等に出店した日数（年間）", 2022, frozenset({"b"}), frozenset({"回"}))
    assert [l.method for l in link_names([latest, older])] == ["canonical", "review"]


def test_names_of_one_sheet_are_never_linked_to_each_other():
    a = PrintedName("創業者数（年間）", 2023, frozenset({"one"}))
    b = PrintedName("創業者数【年間】", 2023, frozenset({"one"}))
    assert {l.method for l in link_names([a, b])} == {"canonical"}


def test_mapping_wins_and_can_keep_a_name_separate():
    latest = PrintedName("経営に関する相談件数（年間）", 2023, frozenset({"r5"}))
    older = PrintedName("経営相談件数（年間）", 2022, frozenset({"r4"}))
    joined = {l.name: l for l in link_names([latest, older], {"経営相談件数（年間）": "経営に関する相談件数（年間）"})}
    assert (joined["経営相談件数（年間）"].method, joined["経営相談件数（年間）"].canonical_name) == \
        ("mapping", "経営に関する相談件数（年間）")
    exact_old = PrintedName("経営に関する相談件数【年間】", 2022, frozenset({"r4"}))
    kept = {l.name: l for l in link_names([latest, exact_old], {"経営に関する相談件数【年間】": KEEP_SEPARATE})}
    assert (kept["経営に関する相談件数【年間】"].method, kept["経営に関する相談件数【年間】"].canonical_name) == \
        ("mapping", "経営に関する相談件数【年間】")


@settings(max_examples=60, deadline=None)
@given(st.permutations(list(range(len(ATSUGI) + len(HIRATSUKA)))))
def test_links_do_not_depend_on_input_order(order):
    everything = [PrintedName(n, 2023, frozenset({"a"})) for n in ATSUGI] + \
                 [PrintedName(n, 2022, frozenset({"b"})) for n in HIRATSUKA]
    expected = sorted(link_names(everything), key=lambda l: l.name)
    assert sorted(link_names([everything[i] for i in order]), key=lambda l: l.name) == expected
