"""Fixtures for normalize tests: the seed text extracts (read-only input)."""
from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


@pytest.fixture
def seed_text():
    """Return a function reading seed ``NNN`` (e.g. "004") as text."""
    def read(number: str) -> str:
        (path,) = SEEDS.glob(f"{number}_*.txt")
        return path.read_text(encoding="utf-8")
    return read
