"""hyoka's dedupe_chars (extract/lines.py) keeps what pdfplumber's
``utils.dedupe_chars`` keeps, in the same order: on the real sheets that
print glyphs twice and on random pages built to chain clusters."""
from __future__ import annotations

import pdfplumber
from hypothesis import given, settings
from hypothesis import strategies as st
from pdfplumber.utils import dedupe_chars as pdfplumber_dedupe

from hyoka.extract.lines import DEDUPE_ATTRS, DEDUPE_TOLERANCE, dedupe_chars
from tests.conftest import CORPUS


def reference(chars):
    return pdfplumber_dedupe(chars, tolerance=DEDUPE_TOLERANCE, extra_attrs=DEDUPE_ATTRS[2:])


def test_real_fake_bold_pages_lose_the_same_glyphs_as_with_pdfplumber():
    removed = 0
    for name in ("kyoto-r6-001.pdf", "kyoto-r6-002.pdf", "ikeda-r7-001.pdf"):
        with pdfplumber.open(CORPUS / "real-jp" / name) as pdf:
            for page in pdf.pages:
                chars = page.chars
                ours = dedupe_chars(chars)
                assert ours == reference(chars)
                assert all(a is b for a, b in zip(ours, reference(chars)))
                removed += len(chars) - len(ours)
    assert removed == 34 + 68


CHAR = st.fixed_dictionaries({
    "upright": st.booleans(),
    "text": st.sampled_from("01あ"),
    "fontname": st.sampled_from(["A", "B"]),
    "size": st.sampled_from([9.0, 10.5]),
    # values on a 0.5 pt grid: chains of clusters within the 1 pt tolerance
    "doctop": st.integers(0, 8).map(lambda v: v * 0.5),
    "x0": st.integers(0, 8).map(lambda v: v * 0.5),
    "colour": st.sampled_from([0, 1]),
})


@settings(max_examples=400, deadline=None)
@given(st.lists(CHAR, max_size=40))
def test_random_pages_keep_the_same_chars_in_the_same_order(chars):
    ours = dedupe_chars(chars)
    ref = reference(chars)
    assert ours == ref
    assert [id(c) for c in ours] == [id(c) for c in ref]
