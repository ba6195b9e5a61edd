"""OCR'd labels snapped to the template's vocabulary (normalize/snap.py), with
the real templates' labels.  The misreadings are PP-OCRv5's on the sample
scans (bench/ocr_scans.py, 200 and 300 dpi): each one made an interpreter
skip its table before (sample 004 at 200 dpi: 48 of 360 figures read)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hyoka.extract import extract_document
from hyoka.normalize.snap import allowed_substitutions, label_key_chars, labels_for, snap_labels, snap_text
from hyoka.normalize.templates.registry import all_templates
from tests.expected import sample_pdf

TEMPLATES = {t.name: t for t in all_templates()}


def labels(name: str) -> tuple[str, ...]:
    return labels_for(TEMPLATES[name])


@pytest.mark.parametrize("template, read, label", [
    ("atsugi_jisshi_keikaku_torikumi", "年良", "年度"),
    ("atsugi_jisshi_keikaku_torikumi", "単位施集No.", "単位施策No."),
    ("atsugi_jisshi_keikaku_torikumi", "遵成見込み", "達成見込み"),
    ("atsugi_jisshi_keikaku_torikumi", "後期実施計画（案）への皮映", "後期実施計画(案)への反映"),
    ("hiratsuka_shisaku_hyoka", "実續値", "実績値"),
    ("hiratsuka_shisaku_hyoka", "関達事業", "関連事業"),
    ("hiratsuka_jigyo_hyoka", "自標", "目標"),
    ("hiratsuka_jigyo_hyoka", "財源内駅", "財源内訳"),
])
def test_a_misread_glyph_is_snapped_to_the_one_label_it_can_be(template, read, label):
    assert snap_text(label_key_chars(read), labels(template)) == label


@pytest.mark.parametrize("read", [
    "目標", "実績値", "年度",                 # a label already
    "R4", "5年度", "No.1",                   # a digit is never changed
    "目標値値", "目",                         # another length, or too short
    "Ab", "年A",                             # a letter is not a kanji's misreading
    "中小企業相談所の相談件数",                  # a name, no label near it
])
def test_what_is_no_misreading_of_one_label_is_left_as_read(read):
    assert snap_text(label_key_chars(read), labels("atsugi_jisshi_keikaku_torikumi")) is None


def test_a_text_as_near_to_two_labels_is_left_as_read():
    vocab = labels("hiratsuka_shisaku_hyoka")
    assert {"目標", "目的"} <= set(vocab)
    assert snap_text("目x", vocab) is None  # not a wide glyph: no swap at all
    assert snap_text("目裸", vocab) is None  # one glyph from 目標 and from 目的
    # 連成 is one glyph from 達成 (a verdict) and from 作成 (a publication-date label)
    assert snap_text("連成", labels("atsugi_jisshi_keikaku_torikumi")) is None


def test_the_budget_of_substitutions_grows_with_the_label():
    assert [allowed_substitutions(n) for n in (2, 3, 7, 8, 11, 12)] == [1, 1, 1, 2, 2, 3]
    vocab = labels("atsugi_jisshi_keikaku_torikumi")
    assert snap_text(label_key_chars("後期実施計両（案）への皮映"), vocab) == "後期実施計画(案)への反映"  # 2 of 12
    assert snap_text(label_key_chars("連逹"), vocab) is None  # 2 of 2


_VOCAB = labels("atsugi_jisshi_keikaku_torikumi")
_WIDE = [lb for lb in _VOCAB if len(lb) >= 2]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_WIDE), st.data())
def test_a_one_glyph_misreading_goes_back_to_its_label_or_nowhere(label, data):
    """Never to another label: the property that keeps a value from moving
    under another measure."""
    wide = [i for i, c in enumerate(label) if "\u3040" <= c <= "\u9fff"]
    if not wide:
        return
    i = data.draw(st.sampled_from(wide))
    glyph = data.draw(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF))
    read = label[:i] + glyph + label[i + 1:]
    assert snap_text(read, _VOCAB) in (None, label)


def test_text_layer_sheets_are_never_touched():
    doc = extract_document(sample_pdf("004"))
    same, findings = snap_labels(doc, TEMPLATES["atsugi_jisshi_keikaku_torikumi"])
    assert same is doc and findings == []
