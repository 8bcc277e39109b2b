"""Publishable outputs: one schema source, datapackage.json, Parquet types and metadata, rejects,
CSV == Parquet, determinism, and loading with pandas, polars and DuckDB."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from adilet.pipeline import run_extract
from adilet.settings import ExtractSettings
from schemas.declarations import DATASETS
from schemas.validate import records_to_frame, validate_frame
from tests.conftest import SAMPLES, read_csv


@pytest.mark.parametrize("name", sorted(DATASETS))
def test_every_column_is_documented(name: str) -> None:
    for col in DATASETS[name].columns:
        assert col.description.strip(), f"{name}.{col.name} has no description"
        assert col.title_kk.strip() and col.title_ru.strip(), f"{name}.{col.name} lacks a title"


def test_datapackage_passes_frictionless_validate(samples_out: Path) -> None:
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(samples_out / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    package = json.loads((samples_out / "datapackage.json").read_text(encoding="utf-8"))
    fks = {r["name"]: r["schema"].get("foreignKeys") for r in package["resources"]}
    assert fks["tvet-state-order"][0]["reference"] == {"resource": "documents", "fields": ["source_file"]}


@pytest.mark.parametrize("name", sorted(DATASETS))
def test_csv_and_parquet_hold_the_same_rows(samples_out: Path, name: str) -> None:
    from_csv = read_csv(samples_out / f"{name}.csv")
    table = pq.read_table(samples_out / f"{name}.parquet")
    assert table.column_names == from_csv.columns.tolist() == DATASETS[name].column_names
    assert table.num_rows == len(from_csv)


def test_parquet_types_and_metadata(samples_out: Path) -> None:
    table = pq.read_table(samples_out / "tvet_state_order.parquet")
    schema = table.schema
    assert schema.field("places").type == pa.int64()
    assert schema.field("act_date").type == pa.date32()
    assert pa.types.is_dictionary(schema.field("group_name").type)
    costs = pq.read_table(samples_out / "tvet_state_order_costs.parquet").schema
    assert costs.field("cost_tenge").type == pa.int64()
    assert costs.field("cost_tenge").metadata[b"unit"] == b"KZT"
    meta = pq.read_metadata(samples_out / "tvet_state_order.parquet").metadata
    for key in (b"tool_version", b"git_commit", b"run_id", b"run_time", b"schema_version", b"input_sha256"):
        assert key in meta
    shas = json.loads(meta[b"input_sha256"])
    assert set(shas) == {p.name for p in SAMPLES.glob("*.pdf")}


def test_same_inputs_give_identical_data(samples_out: Path, tmp_path: Path) -> None:
    pdf = sorted(SAMPLES.glob("001_*.pdf"))[0]
    a, b = tmp_path / "a", tmp_path / "b"
    run_extract([pdf], ExtractSettings(out_dir=a))
    run_extract([pdf], ExtractSettings(out_dir=b))
    for name in DATASETS:
        assert (a / f"{name}.csv").read_bytes() == (b / f"{name}.csv").read_bytes()
        assert pq.read_table(a / f"{name}.parquet").equals(pq.read_table(b / f"{name}.parquet"))


def test_rows_failing_validation_go_to_rejects_with_provenance() -> None:
    ds = DATASETS["tvet_state_order_costs"]
    good = {"source_file": "a.pdf", "table_index": 1, "row": 3, "page": 1, "appendix": 1, "row_no": 1,
            "specialty_code": "01", "language": "all", "study_form": "all", "setting": "city", "variant": 1,
            "cost_tenge": 5, "cost_raw": "5", "cost_cell_raw": "5"}  # fmt: skip
    bad = dict(good, row=4, row_no=2, setting="town", cost_tenge=-3)
    result = validate_frame(ds, records_to_frame(ds, [good, bad]))
    assert len(result.frame) == 1 and result.frame.loc[0, "row_no"] == 1
    assert set(result.rejects["column"]) == {"setting", "cost_tenge"}
    assert set(result.rejects["source_file"]) == {"a.pdf"}


def test_loading_examples_from_the_readme(samples_out: Path) -> None:
    frame = pd.read_parquet(samples_out / "tvet_state_order.parquet", dtype_backend="pyarrow")
    assert len(frame) and str(frame["places"].dtype) == "int64[pyarrow]"
    polars = pytest.importorskip("polars")
    pl_frame = polars.read_parquet(samples_out / "tvet_state_order.parquet")
    assert pl_frame.height == len(frame)
    duckdb = pytest.importorskip("duckdb")
    path = str(samples_out / "tvet_state_order.parquet")
    total = duckdb.sql(f"select sum(places) from read_parquet('{path}')").fetchall()[0][0]
    assert total == frame["places"].sum()


def test_readme_codebook_is_up_to_date() -> None:
    from schemas.codebook import codebook_markdown

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert codebook_markdown() in readme, "run: python -m schemas.codebook README.md"


def test_documents_rows_count_only_rows_that_passed_validation() -> None:
    """Regression: documents.rows counted rows before validation, so a document whose junk rows
    went to rejects/ said 147 rows while the dataset held 132."""
    import pandas as pd
    import pyarrow as pa

    from adilet.outputs import rows_counted_after_validation
    from schemas.validate import ValidatedTable

    kept = pa.table({"source_file": ["a.pdf", "a.pdf", "b.pdf"]})
    validated = {
        "tvet_state_order": ValidatedTable(kept, pd.DataFrame()),
        "tables": ValidatedTable(pa.table({"source_file": ["a.pdf"] * 50}), pd.DataFrame()),  # cells: not rows
        "totals": ValidatedTable(pa.table({"source_file": ["a.pdf"] * 5}), pd.DataFrame()),
    }
    docs = [{"source_file": "a.pdf", "rows": 4}, {"source_file": "b.pdf", "rows": 1},
            {"source_file": "c.pdf", "rows": None}]  # fmt: skip
    assert [d["rows"] for d in rows_counted_after_validation(docs, validated)] == [2, 1, None]


def test_csv_text_has_the_bytes_of_pandas_to_csv() -> None:
    """table_to_csv_text formats the declared types itself: the same bytes as pandas' to_csv of
    the frame of the same rows (floats, nulls, quotes, separators, line breaks, a lone empty field)."""
    import pandas as pd
    import pyarrow as pa
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from adilet.csv_text import frame_to_csv_text, table_to_csv_text

    text = st.one_of(st.none(), st.text(alphabet=st.sampled_from(list('ab ,"\n\r;ҚәІ\t')), max_size=6))
    number = st.one_of(st.none(), st.floats(allow_nan=False, width=64), st.sampled_from([0.1 + 0.2, 1e16, 1e-5, -0.0, 100.0]))

    @settings(max_examples=200, deadline=None)
    @given(st.lists(st.tuples(text, number, st.one_of(st.none(), st.integers(-10**12, 10**12)),
                              st.one_of(st.none(), st.booleans())), max_size=8), st.integers(1, 4))
    def check(rows: list, width: int) -> None:
        frame = pd.DataFrame({
            "s": pd.array([r[0] for r in rows], dtype="string"),
            "f": pd.array([r[1] for r in rows], dtype="Float64"),
            "i": pd.array([r[2] for r in rows], dtype="Int64"),
            "b": pd.array([r[3] for r in rows], dtype="boolean"),
        }).iloc[:, :width]
        table = pa.Table.from_pandas(frame, preserve_index=False)
        assert table_to_csv_text(table) == frame_to_csv_text(frame)

    check()


def test_csv_text_made_in_arrow_has_the_bytes_of_the_csv_module() -> None:
    """table_to_csv_text (fields formatted, quoted and joined by Arrow's kernels) against the csv
    module row by row: every character the module quotes for (probed), quotes, line breaks,
    empty fields, one-column tables, nulls, several chunks."""
    import pyarrow as pa
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from adilet.csv_text import QUOTE_TRIGGERS, table_to_csv_text, table_to_csv_text_by_rows

    assert {",", '"', "\n"} <= set(QUOTE_TRIGGERS)
    text = st.one_of(st.none(), st.text(alphabet=st.sampled_from(list('ab ,"\n\r;ҚәІ\t\x0b')), max_size=6))
    number = st.one_of(st.none(), st.floats(allow_nan=False), st.sampled_from([0.1 + 0.2, 1e16, -0.0, 100.0]))

    @settings(max_examples=300, deadline=None)
    @given(st.lists(st.tuples(text, text, number, st.one_of(st.none(), st.integers(-10**12, 10**12)),
                              st.one_of(st.none(), st.booleans())), max_size=8),
           st.integers(1, 5), st.booleans())  # fmt: skip
    def check(rows: list, width: int, chunked: bool) -> None:
        columns = {
            "s": pa.array([r[0] for r in rows], type=pa.string()),
            't"x': pa.array([r[1] for r in rows], type=pa.string()),
            "f": pa.array([r[2] for r in rows], type=pa.float64()),
            "i": pa.array([r[3] for r in rows], type=pa.int64()),
            "b": pa.array([r[4] for r in rows], type=pa.bool_()),
        }
        table = pa.table(dict(list(columns.items())[:width]))
        if chunked and len(rows) > 1:
            table = pa.concat_tables([table.slice(0, 1), table.slice(1)])
        assert table_to_csv_text(table) == table_to_csv_text_by_rows(table)

    check()
