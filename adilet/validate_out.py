"""An output folder -> the problems found when re-checking it (`adilet validate DIR`).

* Every dataset, its Parquet file **and** its CSV file, against its declaration: the columns, each
  value's type (a CSV cell that is not an integer, a number, a boolean), and the schema's checks
  (patterns, bounds, categories, required values, unique keys) by the same pandera schema the run
  validated with. A CSV with its Parquet twin must hold the same rows and values.
* One run: every file in the folder was written by the run named in its marker (``.adilet-run``:
  run id and each file's SHA-256), and the run ids inside the files (Parquet metadata,
  datapackage.json, report.json) are that run's. A file left by another run, added, changed or
  missing is named.
* ``datapackage.json`` through Frictionless (``frictionless validate``) when it is installed
  (``pip install "adilet-tables[validate]"``; the dev install has it): the published package as
  its users will check it.

Each problem is one line naming the file, and the column and row(s) where there are some; a
check failed by many rows is one line with the count and the first rows.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.parquet as pq

from adilet.out_folder import MARKER, file_sha256
from core.errors import SchemaError
from schemas.declarations import DATASETS, Col, Dataset
from schemas.validate import PANDAS_DTYPES, validate_frame

FIRST_ROWS = 3  # rows named in a line that counts many
MAX_FRICTIONLESS_ERRORS = 1000
_INT = re.compile(r"-?\d+")


# --------------------------------------------------------------------------------------------
# one line per problem


def _rows_text(rows: list[int], csv: bool) -> str:
    """'row 3 (line 4)' / 'rows 3, 4, 9, ... (lines 4, 5, 10, ...)': 1-based data rows; a CSV's
    line numbers count its header."""
    more = ", ..." if len(rows) > FIRST_ROWS else ""
    text = f"row{'s' if len(rows) > 1 else ''} {', '.join(map(str, rows[:FIRST_ROWS]))}{more}"
    if csv:
        text += f" (line{'s' if len(rows) > 1 else ''} {', '.join(str(r + 1) for r in rows[:FIRST_ROWS])}{more})"
    return text


def _plural(what: str) -> str:
    for one, many in (("fails ", "fail "), ("is not ", "are not ")):
        if what.startswith(one):
            return many + what[len(one):]
    return what


def _grouped(file: str, cases: Iterable[tuple[str, str, int, str]], csv: bool) -> list[str]:
    """(column, what failed, 1-based row, value) -> one line per column and failure."""
    groups: dict[tuple[str, str], list[tuple[int, str]]] = {}
    for column, what, row, value in cases:
        groups.setdefault((column, what), []).append((row, value))
    lines = []
    for (column, what), hits in groups.items():
        rows = sorted({r for r, _ in hits})
        where = f"column {column}" if column else "the table"
        if rows == [0]:  # no row: the header, or the table as a whole
            lines.append(f"{file}: {where} {what}{'' if hits[0][1] in ('null', '') else f' (value {hits[0][1]})'}")
        elif len(rows) == 1:
            lines.append(f"{file}: {_rows_text(rows, csv)}: {where} {what} (value {hits[0][1]})")
        else:
            lines.append(f"{file}: {where}: {len(rows)} rows {_plural(what)} ({_rows_text(rows, csv)}; first value {hits[0][1]})")
    return lines


def _schema_problems(ds: Dataset, file: str, frame: pd.DataFrame, csv: bool) -> list[str]:
    try:
        result = validate_frame(ds, frame)
    except SchemaError as exc:
        return [f"{file}: {exc}"]
    cases = []
    for r in result.rejects.to_dict("records"):
        index = r["row"]
        row = int(index) + 1 if isinstance(index, int | float) and not pd.isna(index) else 0
        cases.append((str(r["column"] or ""), f"fails {r['check']}", row, str(r["value"])))
    return _grouped(file, cases, csv)


# --------------------------------------------------------------------------------------------
# datasets: Parquet and CSV


def frame_from_parquet(ds: Dataset, path: Path) -> pd.DataFrame:
    """A Parquet dataset as the frame it was validated as (dates as ISO text, nullable dtypes)."""
    frame = pq.read_table(path).to_pandas()
    if frame.columns.tolist() != ds.column_names:
        raise ValueError(f"its columns {frame.columns.tolist()} are not the declared {ds.column_names}")
    for c in ds.columns:
        series = frame[c.name]
        if c.type == "date":
            series = series.map(lambda v: None if v is None or pd.isna(v) else v.isoformat())
        elif str(series.dtype) == "category":
            series = series.astype(object)
        frame[c.name] = series.astype(PANDAS_DTYPES[c.type])
    return frame


def _parse_bool(text: str) -> bool:
    if text in ("true", "false"):
        return text == "true"
    raise ValueError(text)


def _parse_int(text: str) -> int:
    if not _INT.fullmatch(text):
        raise ValueError(text)
    return int(text)


PARSERS: dict[str, Callable[[str], object]] = {"int": _parse_int, "float": float, "bool": _parse_bool}
TYPE_NAMES = {"int": "an integer", "float": "a number", "bool": "true or false"}


def _csv_column(c: Col, cells: list[str], bad: list[tuple[str, str, int, str]]) -> Any:
    """CSV text cells -> the column's typed values (empty = null, as the run writes them);
    a cell that is not of the column's type is named in ``bad`` and read as null."""
    parse = PARSERS.get(c.type)
    values: list[object] = []
    for i, text in enumerate(cells):
        if text == "" and (parse is not None or not c.required):
            values.append(None)
        elif parse is None:
            values.append(text)
        else:
            try:
                values.append(parse(text))
            except ValueError:
                values.append(None)
                bad.append((c.name, f"is not {TYPE_NAMES[c.type]}", i + 1, json.dumps(text, ensure_ascii=False)))
    return pd.array(values, dtype=PANDAS_DTYPES[c.type])  # type: ignore[call-overload]


def frame_from_csv(ds: Dataset, path: Path) -> tuple[pd.DataFrame, list[str]]:
    """A CSV dataset as a typed frame, and the lines of the cells that are not of their type.
    ValueError when the file cannot be read as CSV or its header is not the declared columns."""
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[], encoding="utf-8")
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise ValueError(f"not readable as UTF-8 CSV: {str(exc).strip().splitlines()[-1]}") from exc
    header = raw.columns.tolist()
    if header != ds.column_names:
        missing = [c for c in ds.column_names if c not in header]
        extra = [c for c in header if c not in ds.column_names]
        what = "; ".join(x for x in (f"missing {', '.join(missing)}" if missing else "",
                                     f"not declared {', '.join(extra)}" if extra else "") if x) or "in another order"  # fmt: skip
        raise ValueError(f"its header is not the declared columns ({what})")
    bad: list[tuple[str, str, int, str]] = []
    frame = pd.DataFrame({c.name: _csv_column(c, raw[c.name].tolist(), bad) for c in ds.columns})
    return frame, _grouped(path.name, bad, csv=True)


def _differences(ds: Dataset, csv: pd.DataFrame, parquet: pd.DataFrame, csv_name: str, parquet_name: str) -> list[str]:
    if len(csv) != len(parquet):
        return [f"{csv_name}: {len(csv)} rows but {parquet_name} has {len(parquet)}"]
    lines = []
    for c in ds.columns:
        a, b = csv[c.name].astype(object), parquet[c.name].astype(object)
        same = [(x is pd.NA and y is pd.NA) or (x is not pd.NA and y is not pd.NA and x == y) for x, y in zip(a, b, strict=True)]
        rows = [i + 1 for i, s in enumerate(same) if not s]
        if rows:
            r = rows[0] - 1
            lines.append(f"{csv_name}: column {c.name}: {len(rows)} rows differ from {parquet_name} "
                         f"({_rows_text(rows, True)}; first {a.iloc[r]!r} vs {b.iloc[r]!r})")  # fmt: skip
    return lines


def check_dataset(ds: Dataset, out_dir: Path) -> list[str]:
    """The dataset's Parquet and CSV files against its declaration, and against each other."""
    problems: list[str] = []
    parquet, csv = out_dir / f"{ds.name}.parquet", out_dir / f"{ds.name}.csv"
    if not parquet.exists() and not csv.exists():
        return [f"{ds.name}: missing (no .parquet nor .csv)"]
    frames: dict[str, pd.DataFrame] = {}
    if parquet.exists():
        try:
            frames["parquet"] = frame_from_parquet(ds, parquet)
            problems += _schema_problems(ds, parquet.name, frames["parquet"], csv=False)
        except (OSError, KeyError, ValueError, TypeError) as exc:  # pyarrow's errors are ValueErrors / OSErrors
            problems.append(f"{parquet.name}: does not match the declared columns: {exc}")
    if csv.exists():
        try:
            frames["csv"], not_typed = frame_from_csv(ds, csv)
            problems += not_typed + _schema_problems(ds, csv.name, frames["csv"], csv=True)
        except ValueError as exc:
            problems.append(f"{csv.name}: {exc}")
    if len(frames) == 2:
        problems += _differences(ds, frames["csv"], frames["parquet"], csv.name, parquet.name)
    return problems


# --------------------------------------------------------------------------------------------
# one run


def _folder_files(out_dir: Path) -> set[str]:
    """Every file of the folder but the cache and the marker, as paths relative to it."""
    return {p.relative_to(out_dir).as_posix() for p in out_dir.rglob("*")
            if p.is_file() and p.relative_to(out_dir).parts[0] not in (".cache", MARKER)}  # fmt: skip


def _embedded_run_ids(out_dir: Path) -> dict[str, str]:
    """file -> the run id written inside it (Parquet metadata, datapackage.json, report.json)."""
    ids: dict[str, str] = {}
    for p in sorted(out_dir.glob("*.parquet")):
        try:
            meta = pq.read_schema(p).metadata or {}
        except (OSError, ValueError):
            continue  # named by check_dataset
        ids[p.name] = meta.get(b"run_id", b"").decode(errors="replace")
    for name, path in (("datapackage.json", ("adilet", "run_id")), ("report.json", ("run", "run_id"))):
        f = out_dir / name
        if f.exists():
            try:
                value: Any = json.loads(f.read_text(encoding="utf-8"))
                for key in path:
                    value = value.get(key, {}) if isinstance(value, dict) else {}
                ids[name] = value if isinstance(value, str) else ""
            except (OSError, ValueError):
                ids[name] = ""
    return ids


def check_one_run(out_dir: Path) -> list[str]:
    """Every file belongs to the run the marker names: listed in it with the same SHA-256, and the
    run id inside it (where a file holds one) is that run's."""
    ids = _embedded_run_ids(out_dir)
    marker_path = out_dir / MARKER
    try:
        marker = json.loads(marker_path.read_text(encoding="utf-8"))
        run = str(marker["run_id"])
    except FileNotFoundError:
        seen = sorted({v for v in ids.values()})
        if len(seen) > 1:
            return [f"{MARKER}: missing, and the files carry {len(seen)} run ids: "
                    + "; ".join(f"{f}: {v or 'none'}" for f, v in sorted(ids.items()))]  # fmt: skip
        return [f"{MARKER}: missing (the run's marker: its id and the files it wrote)"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return [f"{MARKER}: unreadable: {exc}"]
    problems = [f"{f}: written by run {v or '(none)'}, not by run {run} (the folder's run)"
                for f, v in sorted(ids.items()) if v != run]  # fmt: skip
    listed = set(marker.get("files") or [])
    hashes: dict[str, str] = marker.get("sha256") or {}
    present = _folder_files(out_dir)
    problems += [f"{f}: not written by run {run} (left by another run, or added)" for f in sorted(present - listed)]
    problems += [f"{f}: missing (written by run {run})" for f in sorted(listed - present)]
    for f in sorted(present & listed):
        if f in hashes and file_sha256(out_dir / f) != hashes[f]:
            problems.append(f"{f}: changed since run {run} wrote it (its SHA-256 differs)")
    return problems


# --------------------------------------------------------------------------------------------
# the package, and Frictionless


def check_package(out_dir: Path) -> list[str]:
    package = out_dir / "datapackage.json"
    if not package.exists():
        return []
    try:
        names = {r["path"] for r in json.loads(package.read_text(encoding="utf-8"))["resources"]}
    except (ValueError, KeyError, TypeError) as exc:
        return [f"datapackage.json: unreadable: {exc}"]
    return [f"datapackage.json: no resource for {d.name}.csv" for d in DATASETS.values()
            if f"{d.name}.csv" not in names and (out_dir / f"{d.name}.csv").exists()]  # fmt: skip


def frictionless_problems(out_dir: Path) -> list[str] | None:
    """``frictionless validate datapackage.json``, one line per file, field and error type (None:
    Frictionless is not installed, or there is no datapackage.json)."""
    package = out_dir / "datapackage.json"
    if not package.exists():
        return None
    try:
        import frictionless
    except ImportError:
        return None
    try:
        report = frictionless.validate(str(package), limit_errors=MAX_FRICTIONLESS_ERRORS)
    except Exception as exc:  # noqa: BLE001 - Frictionless' own failure is a problem to show, not a crash
        return [f"datapackage.json: frictionless could not validate it: {type(exc).__name__}: {exc}"]
    lines: list[str] = []
    for error in report.errors:
        lines.append(f"datapackage.json: frictionless: {error.type}: {error.note or error.message}")
    for task in report.tasks:
        cases = [(str(getattr(e, "field_name", "") or ""), f"fails frictionless {e.type} ({e.note})" if e.note else
                  f"fails frictionless {e.type}", max(0, int(getattr(e, "row_number", 0) or 0) - 1),
                  json.dumps(getattr(e, "cell", None), ensure_ascii=False)) for e in task.errors]  # fmt: skip
        lines += _grouped(Path(str(task.place)).name, cases, csv=True)
    return lines


def check_output_folder(out_dir: Path) -> list[str]:
    """Every problem of an output folder: datasets (Parquet and CSV), one run, the package."""
    problems: list[str] = []
    for ds in DATASETS.values():
        problems += check_dataset(ds, out_dir)
    problems += check_one_run(out_dir)
    problems += check_package(out_dir)
    problems += frictionless_problems(out_dir) or []
    return problems
