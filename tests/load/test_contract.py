"""The transcribed contract columns match ../shared/warehouse-contract.md."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from contract_columns import CONTRACT_COLUMNS

REPO = Path(__file__).resolve().parents[2]
CONTRACT = Path(os.environ.get("HYOKA_CONTRACT", REPO.parent / "shared" / "warehouse-contract.md"))


def parse_contract(text: str) -> dict[str, list[str]]:
    """{view: [columns in order]} from the contract's '## v_name' tables.

    A first cell may list several names ('value_std, unit_std'); names are
    taken as written, backticks removed.
    """
    views: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines():
        heading = re.match(r"^##\s+(v_\w+)\s*$", line)
        if heading:
            current = views.setdefault(heading.group(1), [])
            continue
        if current is None or not line.startswith("|"):
            continue
        first = line.strip("|").split("|")[0].strip()
        if first in ("column", "") or set(first) <= {"-", " "}:
            continue
        current.extend(name.strip(" `") for name in first.split(","))
    return views


def test_transcription_matches_contract():
    """Every view of the contract, with its columns in order, is in CONTRACT_COLUMNS."""
    if not CONTRACT.exists():
        pytest.skip(f"contract not found at {CONTRACT} (set $HYOKA_CONTRACT)")
    assert parse_contract(CONTRACT.read_text(encoding="utf-8")) == CONTRACT_COLUMNS
