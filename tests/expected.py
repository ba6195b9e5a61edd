"""Read the hand-written expected files of samples/expected/.

``<id>.document.json``, ``<id>.indicator_values.csv``,
``<id>.budget_values.csv``, ``<id>.text_blocks.csv`` are written from the
seed text (samples/README.md).  A variant ``<id>.variant.json`` derives its
expectations from its base sample's files: fiscal years shifted by
``fiscal_year_shift``, rows limited to ``keep_fiscal_years`` and
``is_estimate`` recomputed from ``estimate_fiscal_years`` when given.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path

from tests.conftest import EXPECTED, SAMPLES

ESTIMABLE = ("actual", "result", "achievement_rate")


def sample_pdf(sample_id: str) -> Path:
    """The PDF of a sample or variant id ("000", "004v1")."""
    hits = sorted(SAMPLES.glob(f"{sample_id}-*.pdf")) + sorted((SAMPLES / "variants").glob(f"{sample_id}-*.pdf"))
    assert len(hits) == 1, f"expected one PDF for {sample_id}, found {hits}"
    return hits[0]


def _csv(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def load_expected(sample_id: str) -> dict:
    """{'document': dict, 'indicator_values', 'budget_values', 'text_blocks': list[dict]}."""
    variant = EXPECTED / f"{sample_id}.variant.json"
    if not variant.exists():
        return {"document": json.loads((EXPECTED / f"{sample_id}.document.json").read_text("utf-8")),
                **{k: _csv(EXPECTED / f"{sample_id}.{k}.csv")
                   for k in ("indicator_values", "budget_values", "text_blocks")}}
    spec = json.loads(variant.read_text("utf-8"))
    base = load_expected(spec["base"])
    shift = int(spec.get("fiscal_year_shift") or 0)
    keep = spec.get("keep_fiscal_years")
    est = spec.get("estimate_fiscal_years")

    def move(rows: list[dict], indicator: bool) -> list[dict]:
        out = []
        for r in rows:
            r = dict(r)
            if r.get("fiscal_year"):
                r["fiscal_year"] = str(int(r["fiscal_year"]) + shift)
            if keep is not None and r.get("fiscal_year") and int(r["fiscal_year"]) not in keep:
                continue
            if indicator and est is not None:
                fy = int(r["fiscal_year"]) if r.get("fiscal_year") else None
                marked = "見込" in r.get("value_text", "")
                r["is_estimate"] = "true" if (marked or (fy in est and r["measure"] in ESTIMABLE)) else "false"
            out.append(r)
        return out

    doc = dict(base["document"], document_fiscal_year=spec["document_fiscal_year"])
    return {"document": doc,
            "indicator_values": move(base["indicator_values"], True),
            "budget_values": move(base["budget_values"], False),
            "text_blocks": base["text_blocks"]}
