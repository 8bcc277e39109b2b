"""Validated tables -> Parquet and CSV files, written atomically (temporary file, then rename).

CSV: UTF-8 without BOM, header row, "." decimal mark, no thousands separators, empty = null,
booleans as ``true``/``false``; the bytes of pandas' ``to_csv`` (tested), written by the csv
module. One writer for every CSV: datasets, rejects (:func:`rejects_to_table`) and tables/."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import tempfile
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from schemas.declarations import Dataset
from schemas.validate import arrow_schema


def _atomic_target(path: Path) -> Path:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    os.chmod(tmp, 0o644)  # mkstemp makes 0600; outputs are for sharing
    return Path(tmp)


def table_to_parquet_table(ds: Dataset, table: pa.Table, file_metadata: dict[str, str] | None = None) -> pa.Table:
    """A validated table (:func:`schemas.validate.validate_records`) -> the table written to
    Parquet: the declared schema (dates as date32, categorical labels dictionary-encoded, field
    metadata) and the run's key-value metadata."""
    schema = arrow_schema(ds)
    columns = []
    for col in ds.columns:
        column = table.column(col.name)
        typ = schema.field(col.name).type
        if col.type == "date":
            values = column.to_pylist()
            columns.append(pa.array([dt.date.fromisoformat(v) if v else None for v in values], type=typ))
        elif pa.types.is_dictionary(typ):
            columns.append(pc.dictionary_encode(column).combine_chunks())
        else:
            columns.append(column)
    meta = dict(schema.metadata or {})
    meta.update({k.encode(): v.encode() for k, v in (file_metadata or {}).items()})
    return pa.Table.from_arrays(columns, schema=schema.with_metadata(meta))


def table_to_csv_text(table: pa.Table) -> str:
    """CSV text of a validated table: floats as pandas writes them (Python's shortest round-trip
    ``repr``), integers and booleans as Arrow prints them (``12``, ``true``), nulls empty."""
    columns: list[list[str]] = []
    for column in table.columns:
        if pa.types.is_floating(column.type):
            columns.append(["" if v is None else repr(v) for v in column.to_pylist()])
        elif pa.types.is_string(column.type):
            columns.append(pc.fill_null(column, "").to_pylist())
        else:
            columns.append(pc.fill_null(pc.cast(column, pa.string()), "").to_pylist())
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(table.column_names)
    writer.writerows(zip(*columns, strict=True))
    return buf.getvalue()


REJECT_SCHEMA = pa.schema([
    ("dataset", pa.string()), ("row", pa.int64()), ("column", pa.string()), ("check", pa.string()),
    ("value", pa.string()), ("source_file", pa.string()), ("page", pa.int64()), ("table_index", pa.int64()),
])  # fmt: skip


def rejects_to_table(rejects: pd.DataFrame) -> pa.Table:
    """The rejects of a dataset (:class:`schemas.validate.Validated`) -> an Arrow table of fixed
    types (row, page and table index as integers), for the one CSV writer :func:`table_to_csv_text`."""
    arrays = []
    for field in REJECT_SCHEMA:
        values = [None if pd.isna(v) else v for v in rejects[field.name].tolist()]
        if pa.types.is_integer(field.type):
            values = [None if v is None else int(v) for v in values]
        else:
            values = [None if v is None else str(v) for v in values]
        arrays.append(pa.array(values, type=field.type))
    return pa.Table.from_arrays(arrays, schema=REJECT_SCHEMA)


def write_text_atomic(target: Path, text: str) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = _atomic_target(target)
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, target)
    return target


def write_dataset(ds: Dataset, table: pa.Table, out_dir: Path, formats: tuple[str, ...],
                  file_metadata: dict[str, str] | None = None) -> list[Path]:  # fmt: skip
    """A validated table (:func:`schemas.validate.validate_records`) -> DIR/<name>.parquet and .csv."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    if "parquet" in formats:
        target = out_dir / f"{ds.name}.parquet"
        tmp = _atomic_target(target)
        pq.write_table(table_to_parquet_table(ds, table, file_metadata), tmp)
        os.replace(tmp, target)
        written.append(target)
    if "csv" in formats:
        target = out_dir / f"{ds.name}.csv"
        tmp = _atomic_target(target)
        tmp.write_text(table_to_csv_text(table), encoding="utf-8")
        os.replace(tmp, target)
        written.append(target)
    return written


def write_flat_tables(tables: dict[int, list[list[str]]], folder: Path) -> list[Path]:
    """One CSV per table (table_01.csv, ...) in ``folder`` (a new folder: the run writes into
    its staging folder, adilet/out_folder.py)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for index, rows in sorted(tables.items()):
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerows(rows)
        target = folder / f"table_{index:02d}.csv"
        target.write_text(buf.getvalue(), encoding="utf-8")
        written.append(target)
    return written
