"""An output folder -> the problems found when re-checking it against the declarations."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from core.errors import SchemaError
from schemas.declarations import DATASETS, Dataset
from schemas.validate import PANDAS_DTYPES, validate_frame


def _frame_from_parquet(ds: Dataset, path: Path) -> pd.DataFrame:
    frame = pq.read_table(path).to_pandas()
    for c in ds.columns:
        series = frame[c.name]
        if c.type == "date":
            series = series.map(lambda v: None if v is None or pd.isna(v) else v.isoformat())
        elif str(series.dtype) == "category":
            series = series.astype(object)
        frame[c.name] = series.astype(PANDAS_DTYPES[c.type])
    return frame


def check_dataset(ds: Dataset, out_dir: Path) -> list[str]:
    problems: list[str] = []
    parquet, csv = out_dir / f"{ds.name}.parquet", out_dir / f"{ds.name}.csv"
    if not parquet.exists() and not csv.exists():
        return [f"{ds.name}: missing (no .parquet nor .csv)"]
    if parquet.exists():
        try:
            frame = _frame_from_parquet(ds, parquet)
        except (KeyError, ValueError, TypeError) as exc:
            return [f"{parquet.name}: does not match the declared columns: {exc}"]
        try:
            result = validate_frame(ds, frame)
        except SchemaError as exc:
            return [str(exc)]
        problems += [f"{parquet.name}: row {r.row}: {r.column} fails {r.check} ({r.value})"
                     for r in result.rejects.itertuples()]  # fmt: skip
        if csv.exists():
            from_csv = pd.read_csv(csv, dtype=str, keep_default_na=False)
            if from_csv.columns.tolist() != ds.column_names:
                problems.append(f"{csv.name}: columns differ from the declaration")
            if len(from_csv) != len(frame):
                problems.append(f"{csv.name}: {len(from_csv)} rows but {parquet.name} has {len(frame)}")
    return problems


def check_output_folder(out_dir: Path) -> list[str]:
    """Every dataset re-validated, CSV and Parquet compared, datapackage.json present and parseable."""
    problems: list[str] = []
    for ds in DATASETS.values():
        problems += check_dataset(ds, out_dir)
    package = out_dir / "datapackage.json"
    if package.exists():
        try:
            names = {r["path"] for r in json.loads(package.read_text(encoding="utf-8"))["resources"]}
            problems += [f"datapackage.json: no resource for {d.name}.csv" for d in DATASETS.values()
                         if f"{d.name}.csv" not in names]  # fmt: skip
        except (ValueError, KeyError) as exc:
            problems.append(f"datapackage.json: unreadable: {exc}")
    return problems
