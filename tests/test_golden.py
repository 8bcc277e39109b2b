"""Every sample's datasets match its reviewed golden files, row for row and cell for cell.

The golden files in tests/golden/<sample>/ were written by `make golden` and reviewed against
the seed text (and the independent checks in test_samples_content.py / test_totals.py); this
test never writes them.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import GOLDEN, read_csv

SAMPLE_DIRS = sorted(p for p in GOLDEN.iterdir() if p.is_dir()) if GOLDEN.exists() else []
VOLATILE: tuple[str, ...] = ()  # no column is excluded: outputs are deterministic


def _cases() -> list[tuple[Path, str]]:
    return [(d, f.stem) for d in SAMPLE_DIRS for f in sorted(d.glob("*.csv"))]


@pytest.mark.parametrize(("folder", "dataset"), _cases(), ids=lambda x: x.name if isinstance(x, Path) else x)
def test_dataset_matches_golden(samples_out: Path, folder: Path, dataset: str) -> None:
    golden = read_csv(folder / f"{dataset}.csv")
    got = read_csv(samples_out / f"{dataset}.csv")
    key = "source_file" if "source_file" in got.columns else "source_file_kk"  # crosscheck: by its kk side
    got = got[got[key] == f"{folder.name}.pdf"].reset_index(drop=True)
    assert got.columns.tolist() == golden.columns.tolist()
    assert len(got) == len(golden), f"{len(got)} rows, golden has {len(golden)}"
    diff = [
        (i, c, golden.at[i, c], got.at[i, c])
        for i in range(len(golden))
        for c in golden.columns
        if c not in VOLATILE and golden.at[i, c] != got.at[i, c]
    ]
    assert diff == [], diff[:10]


@pytest.mark.parametrize("folder", SAMPLE_DIRS, ids=lambda p: p.name)
def test_table_csvs_match_golden(samples_out: Path, folder: Path) -> None:
    expected = sorted((folder / "tables").glob("*.csv")) if (folder / "tables").exists() else []
    got = sorted((samples_out / "tables" / folder.name).glob("*.csv"))
    assert [p.name for p in got] == [p.name for p in expected]
    for want, have in zip(expected, got, strict=True):
        assert pd.read_csv(have, header=None, dtype=str, keep_default_na=False).equals(
            pd.read_csv(want, header=None, dtype=str, keep_default_na=False)
        ), want.name
