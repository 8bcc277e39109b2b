"""Declarations -> pandas frames with exact dtypes, pandera validation, pyarrow schemas."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import pandera.pandas as pa
import pyarrow as pa_arrow

from adilet.errors import SchemaError
from schemas.declarations import Col, Dataset

PANDAS_DTYPES = {"string": "string", "int": "Int64", "float": "Float64", "bool": "boolean", "date": "string"}
ARROW_TYPES = {
    "string": pa_arrow.string(),
    "int": pa_arrow.int64(),
    "float": pa_arrow.float64(),
    "bool": pa_arrow.bool_(),
    "date": pa_arrow.date32(),
}
ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"


def _checks(col: Col) -> list[pa.Check]:
    checks = []
    pattern = col.pattern or (ISO_DATE if col.type == "date" else None)
    if pattern:
        checks.append(pa.Check.str_matches(pattern))
    if col.ge is not None:
        checks.append(pa.Check.ge(col.ge))
    if col.le is not None:
        checks.append(pa.Check.le(col.le))
    if col.isin is not None:
        checks.append(pa.Check.isin(list(col.isin)))
    return checks


def pandera_schema(ds: Dataset) -> pa.DataFrameSchema:
    return pa.DataFrameSchema(
        {c.name: pa.Column(PANDAS_DTYPES[c.type], _checks(c), nullable=not c.required) for c in ds.columns},
        strict=True,
        ordered=True,
        unique=list(ds.key) if ds.key else None,
        name=ds.name,
    )


def arrow_schema(ds: Dataset) -> pa_arrow.Schema:
    fields = [pa_arrow.field(c.name, ARROW_TYPES[c.type], nullable=not c.required) for c in ds.columns]
    return pa_arrow.schema(fields, metadata={"dataset": ds.name, "description": ds.description})


def records_to_frame(ds: Dataset, records: Sequence[dict[str, object]]) -> pd.DataFrame:
    """Records -> a frame with exactly the declared columns, in order, with nullable dtypes.
    Empty strings in optional text columns become nulls (CSV: empty field = null)."""
    frame = pd.DataFrame.from_records(list(records), columns=ds.column_names)
    for c in ds.columns:
        series = frame[c.name]
        if c.type in ("string", "date"):
            series = series.astype("string")
            if not c.required:
                series = series.mask(series == "")
        frame[c.name] = series.astype(PANDAS_DTYPES[c.type])
    return frame


def validate_frame(ds: Dataset, frame: pd.DataFrame) -> pd.DataFrame:
    """Check a frame against its declaration; raise SchemaError naming the failing values."""
    try:
        return pandera_schema(ds).validate(frame, lazy=True)
    except (pa.errors.SchemaErrors, pa.errors.SchemaError) as exc:
        cases = getattr(exc, "failure_cases", None)
        detail = cases.head(5).to_dict("records") if cases is not None else str(exc)
        raise SchemaError(f"dataset {ds.name} failed validation: {detail}", value=ds.name) from exc
