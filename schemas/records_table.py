"""Records -> an Arrow table with the declared columns and types, and the schema's verdict on it.

The write path of a run (:func:`schemas.validate.validate_records`): each column is converted
once, in C, from the records' Python values to its Arrow type, sorted by the dataset's sort key
and checked (Arrow's kernels; patterns by Python's ``re``, as pandera decides them). The result is the table pandas would give for the same records
(:func:`schemas.validate.records_to_frame`, then the frame's arrays as Arrow arrays; tested on
generated records), at a fraction of the cost of building a frame: on a run of a few small
documents the frames, not the documents, were most of the writing time (about 1 ms per dataset
even without rows). Dates stay ISO strings here, as in the frame; Parquet's date32 and
dictionary-encoded labels are made when writing (:func:`adilet.write.table_to_parquet_table`).

When a column's values are not all of its declared Python type (an int column holding 1.0, a
string column holding a number) there is no table (``None``): pandas' conversion rules, not
Arrow's, then decide, on the frame.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

import pyarrow as pa
import pyarrow.compute as pc

from schemas.declarations import Col, Dataset

# the Arrow type each declared type has while validating (dates: ISO strings, as in the frame)
TABLE_TYPES = {"string": pa.string(), "date": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}
# the types Arrow infers from Python values that convert to the declared type as pandas converts
# them (ints to a float column; a column of nulls only)
_INFERRED_OK = {
    "string": (pa.string(), pa.null()),
    "date": (pa.string(), pa.null()),
    "int": (pa.int64(), pa.null()),
    "float": (pa.float64(), pa.int64(), pa.null()),
    "bool": (pa.bool_(), pa.null()),
}
ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"


def column_pattern(col: Col) -> str | None:
    """The column's declared pattern; a date column's is the ISO date."""
    return col.pattern or (ISO_DATE if col.type == "date" else None)


@functools.lru_cache(maxsize=64)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def values_match(pattern: str, values: pa.Array | pa.ChunkedArray) -> bool:
    """Whether every value (no nulls) matches ``pattern`` from its start, as pandas' ``str.match``
    decides it for pandera: by Python's ``re``. (pandas hands the pattern to Arrow's RE2 only
    where the two agree, and uses ``re`` where they differ: ``$`` before a final newline,
    ``\\d`` on other scripts' digits; so RE2 alone would refuse "2025-2026\\n" that pandera
    passes.) Checked once per distinct value: the columns with patterns repeat their values."""
    rx = _compiled(pattern)
    return all(rx.match(v) for v in pc.unique(values).to_pylist())


def values_to_array(col: Col, values: list[object]) -> pa.Array | None:
    """One column's Python values -> its Arrow array (NaN and None are nulls, as pandas' nullable
    dtypes make them), or None when a value is not of the declared type."""
    if col.type in ("string", "date") and not col.required:
        values = [None if isinstance(v, str) and not v else v for v in values]
    try:
        inferred = pa.array(values, from_pandas=True)  # Arrow's own inference: no value is coerced
    except (pa.ArrowException, TypeError, ValueError, OverflowError):
        return None
    if inferred.type not in _INFERRED_OK[col.type]:
        return None
    target = TABLE_TYPES[col.type]
    if inferred.type == target:
        return inferred
    if inferred.type == pa.null():
        return pa.nulls(len(values), type=target)
    return pa.array(values, type=target, from_pandas=True)  # ints to float: float(v), as pandas


def records_to_table(ds: Dataset, records: Sequence[dict[str, object]]) -> pa.Table | None:
    """Records -> a table with exactly the declared columns, in order, sorted by the dataset's sort
    key (stable, nulls first); empty strings in optional text columns are nulls. None when a value
    is not of its column's declared type."""
    arrays = []
    for c in ds.columns:
        array = values_to_array(c, [r.get(c.name) for r in records])
        if array is None:
            return None
        arrays.append(array)
    table = pa.Table.from_arrays(arrays, names=ds.column_names)
    if ds.sort and table.num_rows:
        # Arrow's sort is stable; strings compare by UTF-8 bytes, which is code point order (pandas')
        table = table.sort_by([(name, "ascending", "at_start") for name in ds.sort])
    return table


def table_passes(ds: Dataset, table: pa.Table) -> bool:
    """The verdict of the dataset's pandera schema on the frame of the same rows: declared columns
    in order and types, no null in a required column, every value that is not null matching the
    pattern, bounds and allowed values, no duplicate key (nulls equal, as pandas counts them)."""
    if table.column_names != ds.column_names:
        return False
    for c in ds.columns:
        column = table.column(c.name)
        if column.type != TABLE_TYPES[c.type] or (c.required and column.null_count):
            return False
        checked = column_pattern(c) or c.isin is not None or c.ge is not None or c.le is not None
        if checked and table.num_rows and not values_pass(c, column.drop_null() if column.null_count else column):
            return False
    if ds.key and table.num_rows:
        # Python's equality, as pandas' duplicated() counts keys: nulls equal, -0.0 equal to 0.0
        rows = zip(*(table.column(name).to_pylist() for name in ds.key), strict=True)
        return len(set(rows)) == table.num_rows
    return True


def values_pass(c: Col, values: pa.Array | pa.ChunkedArray) -> bool:
    """Every value (no nulls) passes the column's pattern, allowed values and bounds."""
    if not len(values):
        return True
    pattern = column_pattern(c)
    if pattern and not values_match(pattern, values):
        return False
    if c.isin is not None and not pc.all(pc.is_in(values, value_set=pa.array(list(c.isin)))).as_py():
        return False
    if c.ge is not None or c.le is not None:
        bounds = pc.min_max(values).as_py()
        if c.ge is not None and bounds["min"] < c.ge:
            return False
        if c.le is not None and bounds["max"] > c.le:
            return False
    return True
