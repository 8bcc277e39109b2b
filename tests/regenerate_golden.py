"""Regenerate tests/golden/<sample>/<dataset>.csv from a fresh extraction of samples/.

Run by `make golden` only. Review the diff (`git diff tests/golden`) against the seed text before
committing: the golden files are the reviewed truth the tests compare against.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pandas as pd

from adilet.pipeline import run_extract
from adilet.settings import ExtractSettings

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
DATASETS = ("tvet_state_order", "tvet_state_order_costs", "additional_education_order", "preschool_state_order",
            "higher_education_order",
            "totals", "documents", "appendices", "crosscheck")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        run_extract([ROOT / "samples"], ExtractSettings(out_dir=out, formats=("csv",)))
        for pdf in sorted((ROOT / "samples").glob("*.pdf")):
            folder = GOLDEN / pdf.stem
            if folder.exists():
                shutil.rmtree(folder)
            folder.mkdir(parents=True)
            for name in DATASETS:
                frame = pd.read_csv(out / f"{name}.csv", dtype=str, keep_default_na=False)
                key = "source_file" if "source_file" in frame.columns else "source_file_kk"  # crosscheck: by its kk side
                part = frame[frame[key] == pdf.name]
                if len(part):
                    part.to_csv(folder / f"{name}.csv", index=False, lineterminator="\n")
            tables = out / "tables" / pdf.stem
            if tables.exists():
                shutil.copytree(tables, folder / "tables")
            print(f"{pdf.stem}: {sorted(p.name for p in folder.iterdir())}")


if __name__ == "__main__":
    main()
