"""Which OCR readings of a figure are doubtful (normalize/ocr.py), on values
parsed by the real value parser.  The separator rule comes from the 300 dpi
scan of sample 004 (bench/ocr_scans.py): '1,260件' came back '1.260件' at
confidence 0.92, an ok fact 1000 times too small."""
from __future__ import annotations

import pytest

from hyoka.normalize.ocr import OCR_MIN_CONFIDENCE, doubt_reason
from hyoka.normalize.values import parse_value


@pytest.mark.parametrize("text", ["1.260件", "12.345", "△1.500千円", "999.000", "2,511.853"])
def test_a_point_before_three_digits_is_doubtful_at_any_confidence(text):
    v = parse_value(text)
    assert v.status == "ok"
    assert "thousands comma" in doubt_reason(v, 0.999)


@pytest.mark.parametrize("text", ["1,260件", "3,000,000", "98.5%", "1.25", "12", "1234.567", "0.5"])
def test_plain_figures_at_high_confidence_are_trusted(text):
    v = parse_value(text)
    assert v.status == "ok"
    assert doubt_reason(v, 0.999) is None


def test_low_confidence_is_doubtful_and_a_text_layer_value_never():
    assert "below" in doubt_reason(parse_value("1,260件"), OCR_MIN_CONFIDENCE - 0.01)
    assert doubt_reason(parse_value("1.260件"), None) is None
    assert doubt_reason(parse_value("35d"), 0.5) is None  # not ok: already unparsed, nothing to doubt
