"""Validated frames -> Parquet and CSV files, written atomically (temporary file, then rename)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from schemas.declarations import Dataset
from schemas.validate import arrow_schema


def _atomic_target(path: Path) -> Path:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    os.chmod(tmp, 0o644)  # mkstemp makes 0600; outputs are for sharing
    return Path(tmp)


def frame_to_arrow(ds: Dataset, frame: pd.DataFrame, file_metadata: dict[str, str] | None = None) -> pa.Table:
    """A validated frame -> an Arrow table with the declared schema (dates as date32, categorical
    labels dictionary-encoded) and the run's key-value metadata."""
    columns = []
    schema = arrow_schema(ds)
    for col in ds.columns:
        typ = schema.field(col.name).type
        series = frame[col.name]
        if col.type == "date":
            values = series.astype(object).where(series.notna(), None).tolist()
            columns.append(pa.array([dt.date.fromisoformat(v) if v else None for v in values], type=typ))
        elif pa.types.is_dictionary(typ):
            columns.append(pa.array(series, type=pa.string()).dictionary_encode())
        else:  # straight from pandas' nullable arrays (their masks become Arrow nulls)
            columns.append(pa.array(series, type=typ))
    meta = dict(schema.metadata or {})
    meta.update({k.encode(): v.encode() for k, v in (file_metadata or {}).items()})
    return pa.Table.from_arrays(columns, schema=schema.with_metadata(meta))


def frame_to_csv_text(frame: pd.DataFrame) -> str:
    """UTF-8 without BOM, header row, "." decimal mark, no thousands separators, empty = null.

    The bytes of pandas' ``to_csv`` (tested): the columns of our declared dtypes are formatted
    here as pandas formats them (shortest round-trip floats, ``true``/``false``) and written by
    the csv module in one ``writerows`` call, several times faster than ``to_csv``; a frame
    with any other dtype (the rejects) goes through pandas."""
    columns = [_csv_column(frame[name]) for name in frame.columns]
    if any(c is None for c in columns):
        return _frame_to_csv_text_pandas(frame)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([str(name) for name in frame.columns])
    writer.writerows(zip(*columns, strict=True))  # type: ignore[arg-type]
    return buf.getvalue()


def _csv_column(series: pd.Series) -> list[str] | None:
    kind = str(series.dtype)
    values = series.tolist()
    na = pd.NA
    if kind == "boolean":
        return ["" if v is na else "true" if v else "false" for v in values]
    if kind == "Float64":
        return ["" if v is na or v != v else repr(float(v)) for v in values]
    if kind in ("Int64", "string"):
        return ["" if v is na else str(v) for v in values]
    return None


def _frame_to_csv_text_pandas(frame: pd.DataFrame) -> str:
    out = frame.copy()
    for name in out.columns:
        if str(out[name].dtype) == "boolean":
            out[name] = out[name].map({True: "true", False: "false"}, na_action="ignore")
    return out.to_csv(index=False, lineterminator="\n")


def write_text_atomic(target: Path, text: str) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = _atomic_target(target)
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, target)
    return target


def write_dataset(ds: Dataset, frame: pd.DataFrame, out_dir: Path, formats: tuple[str, ...],
                  file_metadata: dict[str, str] | None = None) -> list[Path]:  # fmt: skip
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    if "parquet" in formats:
        target = out_dir / f"{ds.name}.parquet"
        tmp = _atomic_target(target)
        pq.write_table(frame_to_arrow(ds, frame, file_metadata), tmp)
        os.replace(tmp, target)
        written.append(target)
    if "csv" in formats:
        target = out_dir / f"{ds.name}.csv"
        tmp = _atomic_target(target)
        tmp.write_text(frame_to_csv_text(frame), encoding="utf-8")
        os.replace(tmp, target)
        written.append(target)
    return written


def write_flat_tables(tables: dict[int, list[list[str]]], folder: Path) -> list[Path]:
    """One CSV per table (table_01.csv, ...) in ``folder``, replacing the folder as a whole."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    os.chmod(tmp, 0o755)
    written = []
    for index, rows in sorted(tables.items()):
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerows(rows)
        target = tmp / f"table_{index:02d}.csv"
        target.write_text(buf.getvalue(), encoding="utf-8")
        written.append(folder / target.name)
    if folder.exists():
        shutil.rmtree(folder)
    os.replace(tmp, folder)
    return written
