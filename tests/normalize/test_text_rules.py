"""normalize.text: joining wrapped lines, bullets, furigana (seeds 000, 002, 003, 004)."""
import pytest

from hyoka.normalize.text import (is_bullet_start, join_wrapped, remove_ruby, split_paragraphs_by_bullets,
                            strip_bullet)


def test_join_cjk_lines_without_space():
    # seed 000 indicator name wrapped over three lines, with trailing spaces
    lines = ["産業間連携ネットワークに ", "よる新商品開発・新事業創 ", "出件数（累計） "]
    assert join_wrapped(lines) == "産業間連携ネットワークによる新商品開発・新事業創出件数（累計）"


def test_join_ascii_words_with_one_space():
    assert join_wrapped(["Smart  ", "  City"]) == "Smart City"
    assert join_wrapped(["end.", "Next"]) == "end. Next"
    assert join_wrapped(["厚木市IoT", "導入補助金"]) == "厚木市IoT導入補助金"
    assert join_wrapped(["ＰＲ", "しました"]) == "ＰＲしました"
    assert join_wrapped(["", "  ", "a"]) == "a"
    assert join_wrapped([]) == ""


@pytest.mark.parametrize("text, expected", [
    ("・創業前後の様々な課題", ("・", "創業前後の様々な課題")),        # seed 000 課題
    ("⇒各業界の課題を共有する", ("⇒", "各業界の課題を共有する")),      # seed 000 取組方針
    ("●企業の投資の動き", ("●", "企業の投資の動き")),                  # seed 002
    ("○中小企業経営支援事業", ("○", "中小企業経営支援事業")),          # seed 000 関連事業
    ("- 企業の立地", ("-", "企業の立地")),                              # contract mark -
    ("- ・ 達成見込み … 達成率100%以上", ("-", "達成見込み … 達成率100%以上")),  # seed 004 legend
    ("※2/29現在", ("※", "2/29現在")),
    ("① 融資制度や助成制度を拡充し", (None, "① 融資制度や助成制度を拡充し")),  # seed 003: not a bullet
    ("-1,200", (None, "-1,200")),
    ("－", (None, "－")),
    ("産業振興課", (None, "産業振興課")),
])
def test_strip_bullet(text, expected):
    assert strip_bullet(text) == expected


def test_is_bullet_start():
    assert is_bullet_start("  ・地場産品の普及促進のため")
    assert not is_bullet_start("ケットの新規来場者を増やし")
    assert not is_bullet_start("③：遅れている")


def test_split_paragraphs_seed_000_issues():
    lines = [
        "・独自アプリを活用した市内消費活動の推進にあたって、持続可能な取組にしていく必要がありま ",
        "す。 ",
        "⇒「スターライトマネー」を使うほど社会課題の解決に繋がるというような仕組みとすることで、 ",
        "市内消費活動の推進や地域コミュニティの形成を図ります。 ",
    ]
    assert split_paragraphs_by_bullets(lines) == [
        ("・", "独自アプリを活用した市内消費活動の推進にあたって、持続可能な取組にしていく必要があります。"),
        ("⇒", "「スターライトマネー」を使うほど社会課題の解決に繋がるというような仕組みとすることで、"
              "市内消費活動の推進や地域コミュニティの形成を図ります。"),
    ]


def test_split_paragraphs_leading_text_without_mark():
    assert split_paragraphs_by_bullets(["前文", "", "・一", "つづき", "・二"]) == [
        (None, "前文"), ("・", "一つづき"), ("・", "二")]


def test_remove_ruby_seed_003():
    # 課長名 cell: small furigana above the name
    kept, dropped = remove_ruby([("とりい かえい", 5.5), ("鳥居 替", 10.5)])
    assert (kept, dropped) == (["鳥居 替"], True)


def test_remove_ruby_keeps_same_size_kana_and_kanji():
    lines = [("ふれあいマーケット", 10.5), ("小さい漢字", 5.0), ("鳥居 替", 10.5)]
    assert remove_ruby(lines) == (["ふれあいマーケット", "小さい漢字", "鳥居 替"], False)
    assert remove_ruby([]) == ([], False)
