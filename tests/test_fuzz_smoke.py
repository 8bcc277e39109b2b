"""A few mutated sample PDFs in CI (make fuzz runs 1,000): only named statuses, never a crash."""

from __future__ import annotations

import pytest

from tests.conftest import SAMPLES
from tools.fuzz_pdfs import run


@pytest.mark.slow
def test_mutated_pdfs_give_named_statuses_only() -> None:
    samples = sorted(p for p in SAMPLES.glob("*.pdf") if p.stat().st_size < 200_000)
    statuses = run(12, seed=7, samples=samples)
    assert sum(statuses.values()) == 12 * 2  # each mutation through both readers
    assert statuses["internal_error"] == 0, statuses
