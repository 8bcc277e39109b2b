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
    assert fks["tvet_state_order"][0]["reference"] == {"resource": "documents", "fields": ["source_file"]}
    assert all(r["path"] == f"{r['name']}.csv" and r["title"] for r in package["resources"])
    meta = pq.read_metadata(samples_out / "documents.parquet").metadata
    assert package["created"] == meta[b"run_time"].decode() and package["adilet"]["run_id"] == meta[b"run_id"].decode()
    read = {s["path"] for s in package["sources"]}
    assert read == {p.name for p in SAMPLES.glob("*.pdf")} - set(read_csv(samples_out / "documents.csv").query(
        "status not in ('ok', 'no_tables', 'partial')")["source_file"])  # fmt: skip


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

    from adilet.write import table_to_csv_text

    def pandas_csv(frame: pd.DataFrame) -> str:  # the oracle: pandas' to_csv, booleans as true/false
        out = frame.copy()
        for name in out.columns:
            if str(out[name].dtype) == "boolean":
                out[name] = out[name].map({True: "true", False: "false"}, na_action="ignore")
        return out.to_csv(index=False, lineterminator="\n")

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
        assert table_to_csv_text(table) == pandas_csv(frame)

    check()


def test_rejects_are_written_by_the_dataset_csv_writer_with_integer_pages() -> None:
    """Regression: the rejects were written by pandas' to_csv, a second writer, and a rejects
    file whose page column held a null printed the other pages as floats ("3.0")."""
    import pandas as pd

    from adilet.write import rejects_to_table, table_to_csv_text
    from schemas.validate import REJECT_COLUMNS

    rejects = pd.DataFrame.from_records([
        {"dataset": "totals", "row": 4, "column": "printed", "check": "ge", "value": "-5",
         "source_file": "kk/a.pdf", "page": 3, "table_index": 1},
        {"dataset": "totals", "row": None, "column": "", "check": "column_in_schema", "value": '"x, y"',
         "source_file": None, "page": None, "table_index": None},
    ], columns=REJECT_COLUMNS)  # fmt: skip
    text = table_to_csv_text(rejects_to_table(rejects))
    assert text.splitlines() == [
        ",".join(REJECT_COLUMNS),
        "totals,4,printed,ge,-5,kk/a.pdf,3,1",
        'totals,,,column_in_schema,"""x, y""",,,',
    ]
    assert rejects_to_table(pd.DataFrame(columns=REJECT_COLUMNS)).num_rows == 0
