"""The fast paths of schemas/validate.py against what they replace: frames built column by column
equal ``from_records`` + ``astype``; :func:`frame_passes` gives pandera's verdict on any frame."""

from __future__ import annotations

import random
import re

import pandas as pd
import pandera.pandas as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from schemas.declarations import DATASETS, Col, Dataset
from schemas.records_table import ISO_DATE
from schemas.validate import (
    PANDAS_DTYPES,
    _column_passes,
    _column_passes_pandas,
    frame_passes,
    pandera_schema,
    records_to_frame,
    validate_frame,
)

# values of every kind, valid and invalid for the declared checks (patterns, bounds, isin, nulls)
POOL: dict[str, list[object]] = {
    "string": ["", "a", "Ә", "01", "101", "123456", "0101000", "2025-2026", "2025-01-31", "2025-13-01", "city",
               "rural", "town", "kk", "ru", "clean", "displaced", "grand_total", "group_subtotal", "x\n",
               "2025-2026\n", "0" * 64, "a" * 64, " 01", None],
    "int": [-5, -1, 0, 1, 2, 7, 10**9, None],
    "float": [-1.5, 0.0, 0.5, 1.0, 2.5, None],
    "bool": [True, False, None],
}  # fmt: skip
POOL["date"] = POOL["string"]
# every category a column declares, and values of the dimension patterns, so that a generated record can pass
# (a required column with no valid value in the pool made the search for a passing record endless)
POOL["string"] += sorted({v for d in DATASETS.values() for c in d.columns for v in (c.isin or ())} - set(POOL["string"]))
POOL["string"] += ["under_3", "from_3", "from_3_under_7"]


def _valid_alone(c: Col, v: object) -> bool:
    """Whether ``v`` looks valid for column ``c`` (only to bias the generator towards frames that
    pass; the verdict itself is pandera's)."""
    if v is None or v == "":
        return not c.required
    pattern = c.pattern or (ISO_DATE if c.type == "date" else None)
    if pattern and not re.fullmatch(pattern.strip("^$"), str(v)):
        return False
    if c.isin is not None and v not in c.isin:
        return False
    if c.ge is not None and isinstance(v, int | float) and v < c.ge:
        return False
    return not (c.le is not None and isinstance(v, int | float) and v > c.le)


def random_records(ds: Dataset, rng: random.Random) -> list[dict[str, object]]:
    """Up to 5 records, most values valid for their column, some not, duplicate keys now and then."""
    records: list[dict[str, object]] = []
    for _ in range(rng.randint(0, 5)):
        rec = {}
        for c in ds.columns:
            valid = [v for v in POOL[c.type] if _valid_alone(c, v)]
            rec[c.name] = rng.choice(valid if valid and rng.random() < 0.97 else POOL[c.type])
        if ds.key and records and rng.random() < 0.2:
            rec.update({k: records[0][k] for k in ds.key})
        records.append(rec)
    return records


@st.composite
def dataset_records(draw: st.DrawFn) -> tuple[Dataset, list[dict[str, object]]]:
    ds = draw(st.sampled_from(sorted(DATASETS.values(), key=lambda d: d.name)))
    return ds, random_records(ds, draw(st.randoms(use_true_random=False)))


def records_to_frame_reference(ds: Dataset, records: list[dict[str, object]]) -> pd.DataFrame:
    """What records_to_frame did before it built columns with pd.array."""
    frame = pd.DataFrame.from_records(list(records), columns=ds.column_names)
    for c in ds.columns:
        series = frame[c.name]
        if c.type in ("string", "date"):
            series = series.astype("string")
            if not c.required:
                series = series.mask(series == "")
        frame[c.name] = series.astype(PANDAS_DTYPES[c.type])  # type: ignore[call-overload]
    if ds.sort and len(frame):
        frame = frame.sort_values(list(ds.sort), kind="stable", na_position="first").reset_index(drop=True)
    return frame


def pandera_passes(ds: Dataset, frame: pd.DataFrame) -> bool:
    try:
        pandera_schema(ds).validate(frame, lazy=True)
    except pa.errors.SchemaErrors:
        return False
    return True


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dataset_records())
def test_frames_built_by_column_equal_from_records(case: tuple[Dataset, list[dict[str, object]]]) -> None:
    ds, records = case
    pd.testing.assert_frame_equal(records_to_frame(ds, records), records_to_frame_reference(ds, records))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dataset_records())
def test_frame_passes_is_pandera_verdict(case: tuple[Dataset, list[dict[str, object]]]) -> None:
    ds, records = case
    frame = records_to_frame(ds, records)
    assert frame_passes(ds, frame) == pandera_passes(ds, frame)
    if len(frame):  # the array-level checks and pandas' own operations agree column by column
        for c in ds.columns:
            assert _column_passes(c, frame[c.name]) == _column_passes_pandas(c, frame[c.name]), c.name


def test_the_generator_gives_both_verdicts() -> None:
    """The property test above means something only if frames both pass and fail."""
    rng = random.Random(0)
    verdicts = []
    for ds in DATASETS.values():
        for _ in range(30):
            frame = records_to_frame(ds, random_records(ds, rng))
            if len(frame):
                verdicts.append(frame_passes(ds, frame))
                assert verdicts[-1] == pandera_passes(ds, frame)
    assert sum(verdicts) >= 20 and len(verdicts) - sum(verdicts) >= 20


@pytest.mark.parametrize("change", ["reorder", "drop", "extra", "dtype"])
def test_frame_passes_is_pandera_verdict_on_malformed_frames(change: str) -> None:
    ds = DATASETS["tvet_state_order_costs"]
    good = {"source_file": "a.pdf", "table_index": 1, "appendix": 1, "row_no": 1, "specialty_code": "0101000",
            "setting": "city", "variant": 1, "cost_tenge": 5, "cost_raw": "5", "row": 1, "page": 1,
            "language": "all", "study_form": "all", "cost_cell_raw": "5"}  # fmt: skip
    frame = records_to_frame(ds, [good])
    assert frame_passes(ds, frame) and pandera_passes(ds, frame)
    if change == "reorder":
        frame = frame[list(reversed(frame.columns))]
    elif change == "drop":
        frame = frame.drop(columns=["setting"])
    elif change == "extra":
        frame = frame.assign(extra=1)
    else:
        frame = frame.assign(row_no=frame["row_no"].astype("float64"))
    assert not frame_passes(ds, frame)
    assert not pandera_passes(ds, frame)


def test_a_passing_frame_is_returned_as_it_is_and_a_failing_one_meets_pandera() -> None:
    ds = DATASETS["tvet_state_order_costs"]
    good = {"source_file": "a.pdf", "table_index": 1, "appendix": 1, "row_no": 1, "specialty_code": "0101000",
            "setting": "city", "variant": 1, "cost_tenge": 5, "cost_raw": "5", "row": 1, "page": 1,
            "language": "all", "study_form": "all", "cost_cell_raw": "5"}  # fmt: skip
    frame = records_to_frame(ds, [good])
    result = validate_frame(ds, frame)
    assert result.frame is frame and result.rejects.empty
    bad = records_to_frame(ds, [good, dict(good, row=2, row_no=2, cost_tenge=-1)])
    result = validate_frame(ds, bad)
    assert len(result.frame) == 1 and list(result.rejects["column"]) == ["cost_tenge"]


def test_the_array_level_checks_are_used(monkeypatch: pytest.MonkeyPatch) -> None:
    """Frames built by records_to_frame never need pandas' slower path (pandas' arrays still
    hold what the checks read)."""
    import schemas.validate as v

    def fail(*_: object) -> bool:
        raise AssertionError("pandas path taken")

    monkeypatch.setattr(v, "_column_passes_pandas", fail)
    rng = random.Random(3)
    for ds in DATASETS.values():
        for _ in range(5):
            frame = records_to_frame(ds, random_records(ds, rng))
            frame_passes(ds, frame)
