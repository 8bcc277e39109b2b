"""Shared fixtures: one extraction of samples/ per test session, and paths to shared material."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from adilet.pipeline import run_extract
from adilet.settings import ExtractSettings

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
GOLDEN = ROOT / "tests" / "golden"
SHARED = ROOT.parent / "shared"
REAL_PDFS = SHARED / "real_pdfs"
SEEDS = SHARED / "seeds"
# material beside the clone (CI has it): without it, the tests that read it are skipped, not failed
needs_real_pdfs = pytest.mark.skipif(not REAL_PDFS.is_dir(), reason="../shared/real_pdfs is not here")
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not here")


@pytest.fixture(scope="session")
def samples_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    run_extract([SAMPLES], ExtractSettings(out_dir=out))
    return out


def read_csv(path: Path) -> pd.DataFrame:
    """CSV as text cells (nulls as empty strings), so comparisons are exact."""
    return pd.read_csv(path, dtype=str, keep_default_na=False)
