"""Names and figures for generated sheets: from the seeds, or made up plausibly.

Seed names come from the transcriptions in ``samples/build`` (seed 000
S000_INDICATORS, seed 002 S002_KPI, seed 004 INDICATORS; see those modules
for their seed lines).  Made-up names combine a subject, a count word and a
period mark as the seed names do ("創業者数（年間）", "魅力化実施店舗数【累計】").
Figures are drawn per indicator: a level (by unit), a yearly drift and a
target above the last actual; percentages have one decimal.
"""
from __future__ import annotations

import importlib.util
import random
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from samples.generate.forms import PERIOD_BRACKETS, PERIODS

BUILD = Path(__file__).resolve().parents[1] / "build"


@lru_cache(maxsize=None)
def _build_module(name: str):
    """Import ``samples/build/<name>.py`` (the seed transcriptions) by path."""
    if str(BUILD) not in sys.path:
        sys.path.insert(0, str(BUILD))
    spec = importlib.util.spec_from_file_location(f"_hyoka_build_{name}", BUILD / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


@dataclass(frozen=True)
class Indicator:
    """An indicator to print: ``name`` (may hold an author ``\\n``), ``unit``
    (as the 単位 column prints it), ``decimals`` of its figures, and the
    policy ``code`` / ``policy`` (単位施策) it belongs to (004 only)."""

    name: str
    unit: str
    decimals: int = 0
    code: str = ""
    policy: str = ""
    remark: str = ""


_SUBJECTS = ("創業者", "経営相談", "観光客", "商店街イベント参加者", "新規就農者", "企業立地", "市民農園利用者",
             "セミナー参加者", "中小企業融資", "企業訪問", "見本市出展企業", "空き店舗活用", "就労支援相談",
             "インターンシップ参加学生", "地場産品認定", "ふるさと納税返礼品事業者", "産学連携共同研究",
             "プレミアム商品券利用店舗", "事業承継相談", "ロボット体験イベント参加者")
_COUNT = (("数", "人"), ("件数", "件"), ("実施回数", "回"), ("延べ人数", "人"), ("事業者数", "社"), ("店舗数", "店舗"))
_RATIO = ("満足していると回答した割合", "の継続率", "の達成割合")
_POLICIES = ("中小企業の経営基盤強化", "創業支援の充実", "商業の活性化", "観光資源の活用", "都市農業の振興",
             "企業立地の推進", "雇用の促進", "地域ブランドの確立", "産学公連携の推進", "デジタル化の支援")
_REMARKS = ("実績を踏まえた目標値を設定する。", "目標値を維持する。", "指標を見直す。",
            "事業の廃止に伴い、後期実施計画から削除する。", "引き続き事業の周知に努める。")
POLICY_NAMES = ("産業の活性化を促進する", "基幹産業の競争力を強化する", "商業の振興を図る", "観光の振興を図る",
                "雇用の安定を図る", "農水産業を振興する", "地域経済の循環を促す")


def _period(rng: random.Random) -> str:
    o, c = rng.choice(PERIOD_BRACKETS)
    return f"{o}{rng.choice(PERIODS)}{c}"


def seed_indicators() -> list[Indicator]:
    """The seeds' indicators (000, 002, 004), names and units as printed."""
    h = _build_module("hiratsuka")
    a = _build_module("atsugi")
    out = [Indicator(n, u) for n, u, *_ in h.S000_INDICATORS]
    out += [Indicator(n, u) for n, u, *_ in h.S002_KPI]
    for ind in a.INDICATORS:
        if "\n" in ind.indicator:
            continue  # a ranged name (R3~4 A / R5 B): not generated here
        m = re.search(r"[0-9,.]+(.*)$", ind.target[0])
        unit = m.group(1) if m else "件"
        out.append(Indicator(ind.indicator, unit or "件", 1 if unit == "%" else 0, ind.codes[0], ind.names[0],
                             ind.reflection))
    return out


def made_up_indicator(rng: random.Random) -> Indicator:
    """A plausible indicator not printed by any seed."""
    subject = rng.choice(_SUBJECTS)
    if rng.random() < 0.2:
        return Indicator(subject + rng.choice(_RATIO), "%", 1)
    word, unit = rng.choice(_COUNT)
    name = subject + word + (_period(rng) if rng.random() < 0.7 else "")
    return Indicator(name, unit)


def pick_indicators(rng: random.Random, n: int, p_seed: float = 0.5) -> list[Indicator]:
    """``n`` indicators with distinct names, each from the seeds with
    probability ``p_seed``, else made up."""
    seeds = seed_indicators()
    out: list[Indicator] = []
    names: set[str] = set()
    while len(out) < n:
        ind = rng.choice(seeds) if rng.random() < p_seed else made_up_indicator(rng)
        key = ind.name.replace("\n", "")
        if key in names:
            continue
        names.add(key)
        out.append(ind)
    return out


def series(rng: random.Random, ind: Indicator, n: int) -> tuple[float, list[float], float]:
    """(baseline, ``n`` yearly actuals, target) for ``ind``: a level by unit,
    a random walk of up to ±30 % a year, the target 0-40 % above the
    baseline; percentages within 0-100 with ``ind.decimals`` places."""
    if ind.unit == "%":
        base = round(rng.uniform(30, 85), ind.decimals)
        vals = [round(min(100.0, max(0.0, base + rng.uniform(-10, 15))), ind.decimals) for _ in range(n)]
        target = round(min(100.0, base + rng.uniform(5, 20)), ind.decimals)
        return base, vals, target
    level = rng.choice((5, 20, 60, 300, 1500, 4000))
    base = float(max(0, round(level * rng.uniform(0.5, 1.5))))
    vals, v = [], base
    for _ in range(n):
        v = max(0.0, round(v * rng.uniform(0.7, 1.3) + rng.choice((0, 1, 2))))
        vals.append(float(v))
    target = float(round(base * rng.uniform(1.0, 1.4)) + 1)
    return base, vals, target


def policy_names(rng: random.Random) -> tuple[str, str]:
    """(単位施策 name, 反映 remark) for a made-up 004 indicator."""
    return rng.choice(_POLICIES), rng.choice(_REMARKS)


def project_name(rng: random.Random) -> str:
    """A 事業名 for a 事業評価シート: seed 001's, or one of the 関連事業 seed 000
    lists (○中小企業経営支援事業 ...)."""
    h = _build_module("hiratsuka")
    names = [h.S001["project"]] + [n for n in h.S000_PROJECTS.split("○") if n]
    return rng.choice(names)


def seed_texts() -> dict[str, list[str]]:
    """Section texts of seeds 000 and 002 (成果, 課題, 取組方針, 関連事業)."""
    h = _build_module("hiratsuka")
    return {"000_results": list(h.S000_RESULTS), "000_issues": list(h.S000_ISSUES),
            "000_projects": [h.S000_PROJECTS], "002_results": list(h.S002_RESULTS),
            "002_issues": list(h.S002_ISSUES), "002_policies": list(h.S002_POLICIES),
            "002_related": list(h.S002_RELATED), "001": dict(h.S001)}
