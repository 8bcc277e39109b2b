"""The write path's Arrow tables (schemas/records_table.py) against the frames they replace: the
same rows, types, order and verdict as records_to_frame + pandera, the same Parquet table and
CSV bytes; values not of their declared type go the pandas way."""

from __future__ import annotations

import datetime as dt
import random

import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adilet.write import frame_to_csv_text, table_to_csv_text, table_to_parquet_table
from schemas.declarations import DATASETS, Dataset
from schemas.records_table import records_to_table, table_passes
from schemas.validate import (
    arrow_schema,
    frame_passes,
    frame_to_table,
    records_to_frame,
    validate_frame,
    validate_records,
)
from tests.test_validate_fast import dataset_records, pandera_passes, random_records

CASES = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def parquet_table_reference(ds: Dataset, frame: pd.DataFrame) -> pa.Table:
    """What the Parquet table was made from before the write path used Arrow tables (the frame's
    columns one by one: dates parsed, labels dictionary-encoded)."""
    schema = arrow_schema(ds)
    columns = []
    for col in ds.columns:
        typ = schema.field(col.name).type
        series = frame[col.name]
        if col.type == "date":
            values = series.astype(object).where(series.notna(), None).tolist()
            columns.append(pa.array([dt.date.fromisoformat(v) if v else None for v in values], type=typ))
        elif pa.types.is_dictionary(typ):
            columns.append(pa.array(series, type=pa.string()).dictionary_encode())
        else:
            columns.append(pa.array(series, type=typ))
    return pa.Table.from_arrays(columns, schema=schema)


@CASES
@given(dataset_records())
def test_records_table_is_the_frame_as_arrow(case: tuple[Dataset, list[dict[str, object]]]) -> None:
    ds, records = case
    table = records_to_table(ds, records)
    assert table is not None  # the generator gives every column values of its declared type
    frame = records_to_frame(ds, records)
    assert table.equals(frame_to_table(ds, frame))
    assert table_passes(ds, table) == frame_passes(ds, frame) == pandera_passes(ds, frame)
    assert table_to_csv_text(table) == frame_to_csv_text(frame)


@CASES
@given(dataset_records())
def test_validate_records_gives_what_validate_frame_gives(case: tuple[Dataset, list[dict[str, object]]]) -> None:
    ds, records = case
    result = validate_records(ds, records)
    reference = validate_frame(ds, records_to_frame(ds, records))
    assert result.table.equals(frame_to_table(ds, reference.frame))
    pd.testing.assert_frame_equal(result.rejects, reference.rejects, check_dtype=False)
    try:
        expected = parquet_table_reference(ds, reference.frame)
    except ValueError:  # an ISO-shaped impossible date ("2025-13-01"): both ways refuse it
        with pytest.raises(ValueError):
            table_to_parquet_table(ds, result.table)
        return
    assert table_to_parquet_table(ds, result.table).equals(expected)


def test_the_generator_reaches_the_arrow_verdicts_both_ways() -> None:
    rng = random.Random(1)
    verdicts = [table_passes(ds, t) for ds in DATASETS.values() for _ in range(30)
                if (t := records_to_table(ds, random_records(ds, rng))) is not None and t.num_rows]  # fmt: skip
    assert sum(verdicts) >= 20 and len(verdicts) - sum(verdicts) >= 20


# values pandas converts by its own rules (or refuses): no Arrow table, the frame decides
OFF_TYPE = {
    "int": [1.0, 1.5, True, "5", 10**20],
    "float": [True, "0.5"],
    "bool": [1, 0, "true"],
    "string": [5, 1.5, True],
}


@pytest.mark.parametrize("kind,value", [(k, v) for k, vs in OFF_TYPE.items() for v in vs])
def test_a_value_off_its_declared_type_goes_the_pandas_way(kind: str, value: object) -> None:
    """Regression guard: Arrow truncates 1.5 into an int column and reads "5" as nothing pandas
    would; such columns never become a table here."""
    ds = next(d for d in DATASETS.values() if any(c.type == kind for c in d.columns))
    col = next(c for c in ds.columns if c.type == kind)
    record = {c.name: None for c in ds.columns} | {col.name: value}
    assert records_to_table(ds, [record]) is None
    try:
        reference = validate_frame(ds, records_to_frame(ds, [record]))
    except (TypeError, ValueError, OverflowError) as exc:
        with pytest.raises(type(exc)):
            validate_records(ds, [record])
        return
    result = validate_records(ds, [record])
    assert result.table.equals(frame_to_table(ds, reference.frame))


def test_nan_is_a_null_as_in_the_frame() -> None:
    ds = next(d for d in DATASETS.values() if any(c.type == "float" and not c.required for c in d.columns))
    col = next(c for c in ds.columns if c.type == "float" and not c.required)
    records = [{c.name: None for c in ds.columns} | {col.name: float("nan")}]
    table = records_to_table(ds, records)
    assert table is not None and table.column(col.name).null_count == 1
    assert table.equals(frame_to_table(ds, records_to_frame(ds, records)))


@given(st.lists(st.sampled_from(["b", "a", "Ә", "ә", "z", "Z", "", None, "10", "9"]), max_size=12))
@settings(max_examples=200, deadline=None)
def test_sort_order_is_pandas_order(values: list[str | None]) -> None:
    """Stable, nulls first, strings by code point, as pandas sorts them."""
    ds = DATASETS["documents"]
    records = [{c.name: None for c in ds.columns} | {"source_file": v, "pages": i} for i, v in enumerate(values)]
    table = records_to_table(ds, records)
    assert table is not None
    assert table.equals(frame_to_table(ds, records_to_frame(ds, records)))


@pytest.mark.parametrize("year", ["2025-2026\n", "２０２５-２０２６", "٢٠٢٥-٢٠٢٦", "2025-2026\n\n", "2025-2026 "])
def test_patterns_are_decided_as_pandera_decides_them(year: str) -> None:
    """Regression: Arrow's RE2 refused "2025-2026\\n" for ^\\d{4}-\\d{4}$ where pandera, through
    pandas' str.match (Python's re there), passes it; likewise digits of other scripts. The fast
    verdicts now use Python's re: the same answer as pandera either way."""
    ds = DATASETS["tvet_state_order"]
    rng = random.Random(0)
    record = next(r for r in iter(lambda: random_records(ds, rng), None) if r and pandera_passes(ds, records_to_frame(ds, r[:1])))[0]
    records = [dict(record, academic_year=year)]
    frame = records_to_frame(ds, records)
    table = records_to_table(ds, records)
    assert table is not None
    assert table_passes(ds, table) == frame_passes(ds, frame) == pandera_passes(ds, frame)
