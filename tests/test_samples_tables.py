"""Flat table CSVs of the samples rendered from seeds 002-004 vs. the expected CSVs.

The expected CSVs (tests/expected_tables/<pdf stem>/table_NN.csv) are derived from the seed
transcriptions in samples/content/*.json by samples/expected_tables.py, not from any extractor
output.  `adilet extract` writes out/tables/<stem>/table_NN.csv; they must agree cell for cell.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLES

EXPECTED = ROOT / "tests" / "expected_tables"
CASES = sorted((d.name, f.name) for d in EXPECTED.iterdir() if d.is_dir() for f in d.glob("table_*.csv"))


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def test_every_expected_sample_exists() -> None:
    for stem in {stem for stem, _ in CASES}:
        assert (SAMPLES / f"{stem}.pdf").exists(), stem


@pytest.mark.parametrize("stem", sorted({stem for stem, _ in CASES}))
def test_table_count(samples_out: Path, stem: str) -> None:
    expected = sorted(f.name for f in (EXPECTED / stem).glob("table_*.csv"))
    got = sorted(f.name for f in (samples_out / "tables" / stem).glob("table_*.csv"))
    assert got == expected


@pytest.mark.parametrize(("stem", "table"), CASES, ids=[f"{s}/{t}" for s, t in CASES])
def test_table_cells(samples_out: Path, stem: str, table: str) -> None:
    expected = _rows(EXPECTED / stem / table)
    got_path = samples_out / "tables" / stem / table
    assert got_path.exists(), f"no {got_path.relative_to(samples_out)}"
    got = _rows(got_path)
    diffs = [
        f"row {r} col {c}: expected {e!r}, got {g!r}"
        for r in range(max(len(expected), len(got)))
        for c in range(max(len(expected[r]) if r < len(expected) else 0, len(got[r]) if r < len(got) else 0))
        if (e := _cell(expected, r, c)) != (g := _cell(got, r, c))
    ]
    assert len(got) == len(expected) and not diffs, (
        f"{len(got)} rows (expected {len(expected)}), {len(diffs)} differing cells:\n" + "\n".join(diffs[:40]))


def _cell(rows: list[list[str]], r: int, c: int) -> str | None:
    if r >= len(rows) or c >= len(rows[r]):
        return None
    return rows[r][c]
