"""The decompression budget (extract/limits.py) on real zlib streams: what
pdfminer inflates through it comes out byte for byte, and a bomb is stopped
holding no more than about the budget's worth of output.

The second point is what keeps a bomb a ``decompress`` error under a
worker's address-space limit: before, zlib's output for the budget's worth
was copied once more at the end (twice the budget at the peak), and on a
CI machine a 64 MB budget under a 300 MB limit ran out of memory first
(tests/test_hostile.py's flate-bomb).
"""
from __future__ import annotations

import os
import tracemalloc
import zlib

import pytest

from hyoka.extract import limits
from hyoka.extract.limits import MB, LimitExceeded, Limits, document_budget


@pytest.fixture(scope="module")
def bounded():
    limits.install()
    import pdfminer.pdftypes

    return pdfminer.pdftypes.zlib


@pytest.mark.parametrize("size", [0, 17, limits.INFLATE_STEP - 1, limits.INFLATE_STEP, 3 * limits.INFLATE_STEP + 5])
def test_streams_inside_the_budget_inflate_unchanged(bounded, size):
    raw = os.urandom(size // 3) + b"\x00" * (size - size // 3)
    packed = zlib.compress(raw)
    with document_budget(Limits()):
        assert bounded.decompress(packed) == raw
        assert bounded.decompressobj().decompress(packed) == raw
        d = bounded.decompressobj()
        head = d.decompress(packed, 1000)
        assert head == raw[:1000] and head + d.decompress(d.unconsumed_tail) == raw
        assert limits.inflate_probe(packed) is None
    with pytest.raises(zlib.error):  # a cut stream still says so
        with document_budget(Limits()):
            bounded.decompress(packed[: max(len(packed) // 2, 1)])


def test_a_bomb_is_stopped_at_the_budget_without_a_second_copy(bounded):
    budget_mb = 16
    bomb = zlib.compress(b"\x00" * (200 * MB), 9)  # 200 MB of zeros in about 200 KB
    for inflate in (lambda: bounded.decompress(bomb), lambda: bounded.decompressobj().decompress(bomb),
                    lambda: limits.inflate_probe(bomb)):
        tracemalloc.start()
        try:
            with document_budget(Limits(max_decompressed_mb=budget_mb)):
                try:
                    inflate()
                except LimitExceeded as e:
                    assert "decompress to more than the limit of 16 MB" in str(e)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert peak < budget_mb * MB * 1.25, f"peak {peak / MB:.1f} MB for a {budget_mb} MB budget"
